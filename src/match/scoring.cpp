#include "match/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "match/compare.h"
#include "match/scoring_detail.h"

namespace mash::match {

using namespace detail;

namespace {

// Levels of the name fields, strongest first.
enum NameLevel {
  name_exact,
  name_close,    // Jaro-Winkler >= 0.92
  name_similar,  // Jaro-Winkler >= 0.80
  name_nickname,
  name_part,  // one part of a name of several parts: "smith jones" and "jones"
  name_sound,
  name_initial,
  name_swapped,
  name_different,
  name_levels
};

// A normalised name as a view of its full form ("smith jones").
struct NameView {
  std::string_view full;
  std::string_view primary, alternate;  // sounds of the first part
  bool empty() const { return full.empty(); }
  std::string_view first_part() const { return full.substr(0, full.find(' ')); }
  // Every part a single letter: "j r".
  bool initials_only() const {
    for (size_t i = 0; i < full.size(); ++i)
      if ((i % 2 == 1) != (full[i] == ' ')) return false;
    return !full.empty();
  }
  bool has_several_parts() const { return full.find(' ') != std::string_view::npos; }
};

bool keys_agree(std::string_view x, std::string_view y) { return !x.empty() && x == y; }

bool sound_alike(const NameView& a, const NameView& b) {
  return keys_agree(a.primary, b.primary) || keys_agree(a.primary, b.alternate) ||
         keys_agree(a.alternate, b.primary) || keys_agree(a.alternate, b.alternate);
}

// One part of a name of several parts (a double-barrelled family name, two given names) is the
// whole of, or a part of, the other: "smith jones" and "jones".
bool share_a_part(std::string_view a, std::string_view b) {
  for (size_t i = 0; i < a.size();) {
    size_t j = a.find(' ', i);
    if (j == std::string_view::npos) j = a.size();
    const std::string_view part = a.substr(i, j - i);
    if (part.size() >= 2)
      for (size_t k = 0; k < b.size();) {
        size_t l = b.find(' ', k);
        if (l == std::string_view::npos) l = b.size();
        if (b.substr(k, l - k) == part) return true;
        k = l + 1;
      }
    i = j + 1;
  }
  return false;
}

int compare_names(const NameView& a, const NameView& a_other, const NameView& b,
                  const NameView& b_other, bool given, const NicknameTable& nicknames) {
  if (a.empty() || b.empty()) return kMissing;
  if (a.full == b.full) return name_exact;
  const double jw = jaro_winkler_at_least(a.full, b.full, 0.80);
  if (jw >= 0.92) return name_close;
  if (jw >= 0.80) return name_similar;
  if (given && (nicknames.are_nicknames(a.first_part(), b.first_part()) ||
                nicknames.share_formal_name(a.first_part(), b.first_part())))
    return name_nickname;
  if ((a.has_several_parts() || b.has_several_parts()) && share_a_part(a.full, b.full))
    return name_part;
  if (sound_alike(a, b)) return name_sound;
  if ((a.initials_only() || b.initials_only()) && a.full.front() == b.full.front())
    return name_initial;
  // Written in the other name's place: "Smith John" for "John Smith", or a given name in the
  // family name's column when the family name is missing.
  // Both names must cross over when both are known: one cross alone is a coincidence
  // ("Campbell Coleman" and "Xavier Cambell").
  const bool a_in_b = !b_other.empty() && jaro_winkler_at_least(a.full, b_other.full, 0.92) >= 0.92;
  const bool b_in_a = !a_other.empty() && jaro_winkler_at_least(b.full, a_other.full, 0.92) >= 0.92;
  if ((a_in_b || b_in_a) && (a_in_b || b_other.empty()) && (b_in_a || a_other.empty()))
    return name_swapped;
  return name_different;
}

// Dates of birth: the first four levels of DobLevel, then how far apart the dates are, which
// says more than the calendar's month and year boundaries do.
enum DateLevel {
  date_exact,
  date_swapped,
  date_one_digit,
  date_year_off,
  date_within_month,
  date_within_year,
  date_different,
  date_levels
};

template <typename R>
int compare_dobs(const R& a, const R& b) {
  const DobLevel level = compare_dates_of_birth(a.date_of_birth, b.date_of_birth);
  switch (level) {
    case DobLevel::missing:
      return kMissing;
    case DobLevel::exact:
      return date_exact;
    case DobLevel::day_month_swapped:
      return date_swapped;
    case DobLevel::one_digit_off:
      return date_one_digit;
    case DobLevel::year_off_by_one:
      return date_year_off;
    default:
      break;
  }
  const int64_t apart =
      std::abs(days_from_civil(*a.date_of_birth) - days_from_civil(*b.date_of_birth));
  if (apart <= 31) return date_within_month;
  if (apart <= 366) return date_within_year;
  return date_different;
}

template <typename R>
int compare_postcode(const R& a, const R& b) {
  if (a.postcode.empty() || b.postcode.empty()) return kMissing;
  if (a.uk_postcode && b.uk_postcode) {
    const PostcodeLevel level = compare_postcodes(a.postcode, b.postcode);
    return level == PostcodeLevel::missing ? kMissing : static_cast<int>(level);
  }
  // Another country's postcode: only the same or not.
  return a.postcode == b.postcode ? static_cast<int>(PostcodeLevel::full)
                                  : static_cast<int>(PostcodeLevel::different);
}

// Free text (address, town): exact, then two Jaro-Winkler bands, then different.
int compare_text(std::string_view a, std::string_view b, double close, double similar) {
  if (a.empty() || b.empty()) return kMissing;
  if (a == b) return 0;
  const double jw = jaro_winkler_at_least(a, b, similar > 0 ? similar : close);
  if (jw >= close) return 1;
  if (similar > 0 && jw >= similar) return 2;
  return similar > 0 ? 3 : 2;
}

int compare_other_identifier(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return kMissing;
  if (a == b) return 0;
  return one_edit_apart(a, b) ? 1 : 2;
}

int compare_email(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return kMissing;
  if (a == b) return 0;
  const std::string_view user_a = a.substr(0, a.find('@')), user_b = b.substr(0, b.find('@'));
  if (!user_a.empty() && user_a == user_b) return 1;
  return jaro_winkler_at_least(a, b, 0.88) >= 0.88 ? 2 : 3;
}

constexpr std::array<std::string_view, name_levels> kNameWords = {
    "the same",           "nearly the same spelling",
    "a similar spelling", "a nickname",
    "one part the same",  "sounds the same",
    "initial agrees",     "given and family names swapped",
    "different"};

std::string format_weight(double w) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.1f", w);
  return buffer;
}

// log2(m/u) of a level: from the table train() fills, or computed for a model made otherwise.
double level_weight(const Model& model, size_t f, int level) {
  if (f < model.weight.size() && static_cast<size_t>(level) < model.weight[f].size())
    return model.weight[f][static_cast<size_t>(level)];
  return std::log2(model.m[f][level] / model.u[f][level]);
}

double family_weight(const Model& model, const Comparison& c, std::string_view a_family) {
  const size_t f = static_cast<size_t>(Field::family_name);
  const int level = c.level[f];
  if (level == kMissing) return 0;
  if (level == name_exact) {
    auto it = model.family_name_frequency.find(a_family);
    if (it != model.family_name_frequency.end())
      return std::log2(model.m[f][0] / clamp_probability(it->second));
  }
  return level_weight(model, f, level);
}

double field_weight(const Model& model, const Comparison& c, size_t f, std::string_view a_family) {
  if (f == static_cast<size_t>(Field::family_name)) return family_weight(model, c, a_family);
  const int level = c.level[f];
  if (level == kMissing) return 0;
  if (c.level[kPostcode] == kPostcodeSame && conditioned_on_postcode(f) &&
      static_cast<size_t>(level) < model.weight_same_postcode[f].size())
    return model.weight_same_postcode[f][static_cast<size_t>(level)];
  return level_weight(model, f, level);
}

// The names of a record as the comparators see them.
NameView given_of(const RecordView& r) { return {r.given, r.given_primary, r.given_alternate}; }
NameView family_of(const RecordView& r) { return {r.family, r.family_primary, r.family_alternate}; }
NameView given_of(const MatchRecord& r) {
  return {r.given.full, r.given_sound.primary, r.given_sound.alternate};
}
NameView family_of(const MatchRecord& r) {
  return {r.family.full, r.family_sound.primary, r.family_sound.alternate};
}

// One body for both kinds of record (their other fields have the same names), so that a
// MatchRecord is compared without first making a view of it.
template <typename R>
Comparison compare_records(const R& a, const R& b, const NicknameTable& nicknames) {
  Comparison c;
  auto set = [&c](Field f, int level) {
    c.level[static_cast<size_t>(f)] = static_cast<int8_t>(level);
  };
  const NameView a_given = given_of(a), a_family = family_of(a);
  const NameView b_given = given_of(b), b_family = family_of(b);
  set(Field::given_name, compare_names(a_given, a_family, b_given, b_family, true, nicknames));
  set(Field::family_name, compare_names(a_family, a_given, b_family, b_given, false, nicknames));
  set(Field::date_of_birth, compare_dobs(a, b));
  set(Field::postcode, compare_postcode(a, b));
  set(Field::address, compare_text(a.address, b.address, 0.90, 0.75));
  set(Field::town, compare_text(a.town, b.town, 0.90, 0));
  const SexLevel sex = compare_sex(a.sex, b.sex);
  set(Field::sex, sex == SexLevel::missing ? kMissing : static_cast<int>(sex));
  const IdentifierLevel nhs = compare_identifiers(a.nhs_number, b.nhs_number);
  set(Field::nhs_number, nhs == IdentifierLevel::missing ? kMissing : static_cast<int>(nhs));
  set(Field::other_identifier, compare_other_identifier(a.other_identifier, b.other_identifier));
  set(Field::email, compare_email(a.email, b.email));
  return c;
}

}  // namespace

std::string_view field_name(Field f) {
  switch (f) {
    case Field::given_name:
      return "given name";
    case Field::family_name:
      return "family name";
    case Field::date_of_birth:
      return "date of birth";
    case Field::postcode:
      return "postcode";
    case Field::address:
      return "address";
    case Field::town:
      return "town";
    case Field::sex:
      return "sex";
    case Field::nhs_number:
      return "NHS number";
    case Field::other_identifier:
      return "other identifier";
    case Field::email:
      return "email";
  }
  return "field";
}

int level_count(Field f) {
  switch (f) {
    case Field::given_name:
    case Field::family_name:
      return name_levels;
    case Field::date_of_birth:
      return date_levels;
    case Field::postcode:
      return static_cast<int>(PostcodeLevel::missing);
    case Field::address:
      return 4;
    case Field::town:
      return 3;
    case Field::sex:
    case Field::nhs_number:
      return 2;
    case Field::other_identifier:
      return 3;
    case Field::email:
      return 4;
  }
  return 0;
}

std::string words(Field f, int level) {
  const std::string name(field_name(f));
  if (level == kMissing) return name + ": not known on one or both records";
  switch (f) {
    case Field::given_name:
    case Field::family_name:
      return name + ": " + std::string(kNameWords[level]);
    case Field::date_of_birth:
      if (level == date_within_month) return name + ": within a month of each other";
      if (level == date_within_year) return name + ": within a year of each other";
      if (level == date_different) return name + ": different";
      return std::string(match::words(static_cast<DobLevel>(level)));
    case Field::postcode:
      return std::string(match::words(static_cast<PostcodeLevel>(level)));
    case Field::address: {
      constexpr std::string_view w[] = {"the same", "nearly the same", "similar", "different"};
      return name + ": " + std::string(w[level]);
    }
    case Field::town: {
      constexpr std::string_view w[] = {"the same", "nearly the same spelling", "different"};
      return name + ": " + std::string(w[level]);
    }
    case Field::sex:
      return std::string(match::words(static_cast<SexLevel>(level)));
    case Field::nhs_number:
      return std::string(match::words(static_cast<IdentifierLevel>(level), Identifier::nhs_number));
    case Field::other_identifier: {
      constexpr std::string_view w[] = {"the same", "one character different", "different"};
      return name + ": " + std::string(w[level]);
    }
    case Field::email: {
      constexpr std::string_view w[] = {"the same", "same name before the @", "similar",
                                        "different"};
      return name + ": " + std::string(w[level]);
    }
  }
  return name;
}

Comparison compare(const RecordView& a, const RecordView& b, const NicknameTable& nicknames) {
  return compare_records(a, b, nicknames);
}

Comparison compare(const MatchRecord& a, const MatchRecord& b, const NicknameTable& nicknames) {
  return compare_records(a, b, nicknames);
}

std::string Contribution::text() const {
  if (folded)
    return words(field, level) + ", 0 (a move: counted once, with the other address details)";
  return words(field, level) + ", " + format_weight(weight);
}

namespace {

// Each field's weight for a pair, with the location fields' disagreements counted once.
// Postcode, address and town disagree together when a person moves house: one event, which
// summing their weights (Fellegi–Sunter assumes fields independent) would count three times, so
// that a child who moved could never be found. Of their negative weights only the strongest
// counts; the others are `folded` (weight 0). Their agreements count in full.
struct Weights {
  std::array<double, kFieldCount> weight{};
  std::array<bool, kFieldCount> folded{};
};

Weights weights_of(const Model& model, const Comparison& c, std::string_view a_family) {
  Weights w;
  for (size_t f = 0; f < kFieldCount; ++f) w.weight[f] = field_weight(model, c, f, a_family);
  constexpr std::array<Field, 3> location = {Field::postcode, Field::address, Field::town};
  size_t strongest = kFieldCount;
  for (Field field : location) {
    const auto f = static_cast<size_t>(field);
    if (w.weight[f] < 0 && (strongest == kFieldCount || w.weight[f] < w.weight[strongest]))
      strongest = f;
  }
  for (Field field : location) {
    const auto f = static_cast<size_t>(field);
    if (w.weight[f] < 0 && f != strongest) {
      w.weight[f] = 0;
      w.folded[f] = true;
    }
  }
  return w;
}

Score score_of(const Model& model, const Comparison& c, std::string_view a_family) {
  const Weights weights = weights_of(model, c, a_family);
  double w = model.prior_log2_odds;
  for (double x : weights.weight) w += x;
  Score s;
  s.match_weight = w;
  s.match_probability = 1 / (1 + std::exp2(-std::clamp(w, -1000.0, 1000.0)));
  return s;
}

std::vector<Contribution> explain_of(const Model& model, const Comparison& c,
                                     std::string_view a_family) {
  const Weights w = weights_of(model, c, a_family);
  std::vector<Contribution> out;
  for (size_t f = 0; f < kFieldCount; ++f)
    out.push_back({static_cast<Field>(f), c.level[f], w.weight[f], w.folded[f]});
  return out;
}

}  // namespace

void fill_weights(Model& model) {
  for (size_t f = 0; f < kFieldCount; ++f) {
    model.weight[f].resize(std::min(model.m[f].size(), model.u[f].size()));
    for (size_t l = 0; l < model.weight[f].size(); ++l)
      model.weight[f][l] = std::log2(model.m[f][l] / model.u[f][l]);
    model.weight_same_postcode[f].resize(
        std::min(model.m[f].size(), model.u_same_postcode[f].size()));
    for (size_t l = 0; l < model.weight_same_postcode[f].size(); ++l)
      model.weight_same_postcode[f][l] = std::log2(model.m[f][l] / model.u_same_postcode[f][l]);
  }
}

Score score(const Model& model, const Comparison& c, const RecordView& a, const RecordView&) {
  return score_of(model, c, a.family);
}

Score score(const Model& model, const Comparison& c, const MatchRecord& a, const MatchRecord&) {
  return score_of(model, c, a.family.full);
}

std::vector<Contribution> explain(const Model& model, const Comparison& c, const RecordView& a,
                                  const RecordView&) {
  return explain_of(model, c, a.family);
}

std::vector<Contribution> explain(const Model& model, const Comparison& c, const MatchRecord& a,
                                  const MatchRecord&) {
  return explain_of(model, c, a.family.full);
}

}  // namespace mash::match
