#include "match/record.h"

#include <cctype>

#include "domain/contact.h"

namespace mash::match {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Lower-case ASCII words separated by single spaces; punctuation separates words.
std::string simple_words(std::string_view raw) {
  const std::string folded = fold_to_ascii(raw);
  std::string out;
  bool gap = false;
  for (char c : folded) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      if (gap && !out.empty()) out += ' ';
      gap = false;
      out += static_cast<char>(std::tolower(u));
    } else if (c != '\'') {
      gap = true;
    }
  }
  return out;
}

std::optional<int> number(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::optional<Date> checked(int year, int month, int day) {
  Date d{year, month, day};
  if (!is_valid(d)) return std::nullopt;
  return d;
}

}  // namespace

std::optional<Date> parse_date_of_birth(std::string_view text) {
  text = trim(text);
  if (text.size() == 8 && number(text.substr(0, 4)) && number(text.substr(4, 4)))
    return checked(*number(text.substr(0, 4)), *number(text.substr(4, 2)),
                   *number(text.substr(6, 2)));
  // Three numbers separated by '-', '/' or '.': year first when the first has four digits.
  int parts[3] = {};
  size_t widths[3] = {};
  size_t k = 0, start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '-' || text[i] == '/' || text[i] == '.') {
      auto n = number(text.substr(start, i - start));
      if (!n || k == 3) return std::nullopt;
      parts[k] = *n;
      widths[k++] = i - start;
      start = i + 1;
    }
  }
  if (k != 3) return std::nullopt;
  if (widths[0] == 4) return checked(parts[0], parts[1], parts[2]);
  if (widths[2] == 4) return checked(parts[2], parts[1], parts[0]);
  return std::nullopt;
}

Sex parse_sex(std::string_view text) {
  const std::string s = simple_words(text);
  if (s == "m" || s == "male" || s == "boy" || s == "man") return Sex::male;
  if (s == "f" || s == "female" || s == "girl" || s == "woman") return Sex::female;
  return Sex::not_known;
}

MatchRecord make_match_record(const PersonFields& fields) {
  MatchRecord r;
  r.id = fields.id;
  r.given = normalise_name(fields.given_name, NameField::given);
  if (is_placeholder_given_name(r.given.full)) r.given = {};
  r.family = normalise_name(fields.family_name, NameField::family);
  if (!r.given.empty()) r.given_sound = double_metaphone(r.given.parts.front());
  if (!r.family.empty()) r.family_sound = double_metaphone(r.family.parts.front());
  r.date_of_birth = parse_date_of_birth(fields.date_of_birth);
  const std::string_view postcode = trim(fields.postcode);
  if (is_valid_uk_postcode(postcode)) {
    r.postcode = normalise_postcode(postcode);
    r.uk_postcode = true;
  } else {
    for (char c : simple_words(postcode))
      if (c != ' ') r.postcode += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  r.address = simple_words(fields.address);
  r.town = simple_words(fields.town);
  r.sex = parse_sex(fields.sex);
  r.nhs_number = normalise_nhs_number(fields.nhs_number);
  for (char c : simple_words(fields.other_identifier))
    if (c != ' ') r.other_identifier += c;
  for (char c : trim(fields.email))
    r.email += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool is_placeholder_given_name(std::string_view normalised) {
  static constexpr std::string_view kPlaceholders[] = {
      "unborn", "baby",   "unknown", "not known", "nk",
      "n k",    "infant", "unnamed", "baby boy",  "baby girl"};
  for (std::string_view p : kPlaceholders)
    if (normalised == p) return true;
  return false;
}

RecordView view(const MatchRecord& r) {
  RecordView v;
  v.id = r.id;
  v.given = r.given.full;
  v.family = r.family.full;
  v.given_primary = r.given_sound.primary;
  v.given_alternate = r.given_sound.alternate;
  v.family_primary = r.family_sound.primary;
  v.family_alternate = r.family_sound.alternate;
  v.date_of_birth = r.date_of_birth;
  v.postcode = r.postcode;
  v.uk_postcode = r.uk_postcode;
  v.address = r.address;
  v.town = r.town;
  v.sex = r.sex;
  v.nhs_number = r.nhs_number;
  v.other_identifier = r.other_identifier;
  v.email = r.email;
  return v;
}

namespace {
NormalisedName name_from_full(std::string_view full) {
  NormalisedName n;
  n.full = full;
  size_t start = 0;
  while (start < full.size()) {
    size_t end = full.find(' ', start);
    if (end == std::string_view::npos) end = full.size();
    if (end > start) n.parts.emplace_back(full.substr(start, end - start));
    start = end + 1;
  }
  return n;
}
}  // namespace

MatchRecord to_record(const RecordView& v) {
  MatchRecord r;
  r.id = v.id;
  r.given = name_from_full(v.given);
  r.family = name_from_full(v.family);
  r.given_sound = {std::string(v.given_primary), std::string(v.given_alternate)};
  r.family_sound = {std::string(v.family_primary), std::string(v.family_alternate)};
  r.date_of_birth = v.date_of_birth;
  r.postcode = v.postcode;
  r.uk_postcode = v.uk_postcode;
  r.address = v.address;
  r.town = v.town;
  r.sex = v.sex;
  r.nhs_number = v.nhs_number;
  r.other_identifier = v.other_identifier;
  r.email = v.email;
  return r;
}

}  // namespace mash::match
