#include "match/blocking.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace mash::match {
namespace {

std::string year(const MatchRecord& r) {
  return r.date_of_birth ? std::to_string(r.date_of_birth->year) : std::string();
}

std::string family_sound_year(const MatchRecord& r) {
  if (r.family_sound.primary.empty() || !r.date_of_birth) return {};
  return r.family_sound.primary + '|' + year(r);
}

// The last part of a family name of several parts ("Smith-Jones": "jones"), or the one part: so a
// double-barrelled name meets a record that gives either part alone.
std::string family_last_part_sound_year(const MatchRecord& r) {
  if (r.family.empty() || !r.date_of_birth) return {};
  const PhoneticKeys sound =
      r.family.parts.size() == 1 ? r.family_sound : double_metaphone(r.family.parts.back());
  if (sound.primary.empty()) return {};
  return sound.primary + '|' + year(r);
}

std::string postcode_district_given_initial(const MatchRecord& r) {
  if (r.postcode.empty() || r.given.empty()) return {};
  std::string_view district = r.postcode;
  if (r.uk_postcode) district = postcode_levels(r.postcode).district;
  if (district.empty()) return {};
  return std::string(district) + '|' + r.given.parts.front().front();
}

std::string date_of_birth(const MatchRecord& r) {
  return r.date_of_birth ? to_iso(*r.date_of_birth) : std::string();
}

std::string nhs_number(const MatchRecord& r) { return r.nhs_number; }
std::string other_identifier(const MatchRecord& r) { return r.other_identifier; }
std::string email(const MatchRecord& r) { return r.email; }

std::string given_sound_family_initial_month(const MatchRecord& r) {
  if (r.given_sound.primary.empty() || r.family.empty() || !r.date_of_birth) return {};
  return r.given_sound.primary + '|' + r.family.parts.front().front() + '|' +
         std::to_string(r.date_of_birth->month);
}

// In either order, so that "Smith John" meets "John Smith".
std::string name_sounds(const MatchRecord& r) {
  if (r.given_sound.primary.empty() || r.family_sound.primary.empty()) return {};
  const auto& [first, second] = std::minmax(r.given_sound.primary, r.family_sound.primary);
  return first + '|' + second;
}

std::string given_sound_year(const MatchRecord& r) {
  if (r.given_sound.primary.empty() || !r.date_of_birth) return {};
  return r.given_sound.primary + '|' + year(r);
}

std::string town_given_initial(const MatchRecord& r) {
  if (r.town.empty() || r.given.empty()) return {};
  return r.town + '|' + r.given.parts.front().front();
}

std::string town_family_initial(const MatchRecord& r) {
  if (r.town.empty() || r.family.empty()) return {};
  return r.town + '|' + r.family.parts.front().front();
}

std::string address(const MatchRecord& r) { return r.address; }

// The postcode and the first word of the address, usually the house number.
std::string postcode_house(const MatchRecord& r) {
  if (r.postcode.empty() || r.address.empty()) return {};
  return r.postcode + '|' + r.address.substr(0, r.address.find(' '));
}

std::string email_name(const MatchRecord& r) { return r.email.substr(0, r.email.find('@')); }

using Index = std::unordered_map<std::string, std::vector<uint32_t>>;

Index index_by(const std::vector<MatchRecord>& records, const BlockingRule& rule) {
  Index index;
  for (uint32_t i = 0; i < records.size(); ++i) {
    std::string key = rule.key(records[i]);
    if (!key.empty()) index[std::move(key)].push_back(i);
  }
  return index;
}

// Collects pairs across rules, keeping each once.
class PairSet {
 public:
  explicit PairSet(Candidates& out) : out_(out) {}
  void add(uint32_t left, uint32_t right, BlockingReport::Rule& rule) {
    ++rule.generated;
    if (seen_.insert(uint64_t{left} << 32 | right).second) {
      ++rule.new_pairs;
      out_.pairs.push_back({left, right});
    }
  }

 private:
  Candidates& out_;
  std::unordered_set<uint64_t> seen_;
};

}  // namespace

const std::vector<BlockingRule>& default_blocking_rules() {
  static const std::vector<BlockingRule> rules = {
      {"family name sound + birth year", family_sound_year},
      {"postcode district + given-name initial", postcode_district_given_initial},
      {"date of birth", date_of_birth},
      {"NHS number", nhs_number},
      {"other identifier", other_identifier},
      {"email", email},
      {"given-name sound + family-name initial + birth month", given_sound_family_initial_month},
      {"given-name sound + birth year", given_sound_year},
      {"given- and family-name sounds, in either order", name_sounds},
      {"town + given-name initial", town_given_initial},
      {"town + family-name initial", town_family_initial},
      {"address", address},
      {"postcode + house number", postcode_house},
      {"email name before the @", email_name},
      {"family name's last part sound + birth year", family_last_part_sound_year},
  };
  return rules;
}

const std::vector<BlockingRule>& personal_blocking_rules() {
  static const std::vector<BlockingRule> rules = [] {
    const std::vector<std::string_view> personal = {
        "date of birth",
        "NHS number",
        "other identifier",
        "email",
        "given-name sound + family-name initial + birth month",
        "given-name sound + birth year",
        "given- and family-name sounds, in either order",
    };
    std::vector<BlockingRule> out;
    for (const BlockingRule& r : default_blocking_rules())
      if (std::find(personal.begin(), personal.end(), r.name) != personal.end()) out.push_back(r);
    return out;
  }();
  return rules;
}

Candidates block_link(const std::vector<MatchRecord>& left, const std::vector<MatchRecord>& right,
                      const std::vector<BlockingRule>& rules) {
  Candidates out;
  PairSet pairs(out);
  for (const BlockingRule& rule : rules) {
    BlockingReport::Rule& report = out.report.rules.emplace_back();
    report.name = rule.name;
    const Index index = index_by(right, rule);
    for (uint32_t i = 0; i < left.size(); ++i) {
      const std::string key = rule.key(left[i]);
      if (key.empty()) continue;
      auto it = index.find(key);
      if (it == index.end()) continue;
      for (uint32_t j : it->second) pairs.add(i, j, report);
    }
  }
  return out;
}

Candidates block_dedupe(const std::vector<MatchRecord>& records,
                        const std::vector<BlockingRule>& rules) {
  Candidates out;
  PairSet pairs(out);
  for (const BlockingRule& rule : rules) {
    BlockingReport::Rule& report = out.report.rules.emplace_back();
    report.name = rule.name;
    for (const auto& [key, members] : index_by(records, rule))
      for (size_t a = 0; a < members.size(); ++a)
        for (size_t b = a + 1; b < members.size(); ++b)  // members are in ascending order
          pairs.add(members[a], members[b], report);
  }
  return out;
}

}  // namespace mash::match
