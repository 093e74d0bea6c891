#include "synth/agency_records.h"

#include <array>
#include <string_view>
#include <utility>

#include "synth/corrupt.h"
#include "synth/rng.h"

namespace mash::synth {

namespace {

constexpr std::array<std::string_view, 8> kStreets = {
    "Station Road", "Church Street", "Victoria Avenue", "Mill Lane",
    "Park View",    "Queen Street",  "Chapel Close",    "Moor Lane"};

constexpr std::string_view kUnitLetters = "ABDEFGHJLNPQRSTUWXYZ";

// An earlier address in the same postcode district: another street, another unit.
Address earlier_address(const Address& now, Rng& rng) {
  Address a = now;
  a.line1 =
      std::to_string(rng.between(1, 120)) + " " + std::string(kStreets[rng.below(kStreets.size())]);
  a.line2.clear();
  const size_t space = now.postcode.find(' ');
  if (space != std::string::npos) {
    a.postcode = now.postcode.substr(0, space + 1) + std::to_string(rng.between(1, 9));
    for (int i = 0; i < 2; ++i) a.postcode += kUnitLetters[rng.below(kUnitLetters.size())];
  }
  return a;
}

// The person as one agency wrote them down.
Person as_written(const Person& p, Rng& rng, bool keep_nhs) {
  Person r = p;
  r.other_names.clear();
  if (!keep_nhs) r.nhs_number.clear();
  if (!rng.percent(20)) return r;
  switch (rng.below(4)) {
    case 0:
      if (auto nick = nickname_of(p.given_name); !nick.empty()) {
        r.given_name = std::string(nick);
        break;
      }
      [[fallthrough]];
    case 1:
      r.family_name = typo(rng, p.family_name);
      break;
    case 2:
      r.address = earlier_address(p.address, rng);
      break;
    default:
      r.nhs_number.clear();
      break;
  }
  return r;
}

}  // namespace

std::vector<SourceRecord> agency_records(const std::vector<Subject>& people, const Date& today,
                                         uint64_t seed) {
  Rng rng(seed);
  std::vector<SourceRecord> out;
  int health = 0, education = 0, police = 0;
  for (const Subject& p : people) {
    if (p.dob_kind == DobKind::expected || (p.given_name.empty() && p.family_name.empty()))
      continue;
    const int age = p.date_of_birth ? age_in_years(*p.date_of_birth, today) : 30;
    auto add = [&](const char* agency, const std::string& id, Person person) {
      person.dob_kind = DobKind::known;
      if (agency != std::string_view("education")) person.upn.clear();
      out.push_back(SourceRecord{0, agency, id, std::move(person), {}});
    };
    if (rng.percent(90)) add("health", "NHS-" + std::to_string(++health), as_written(p, rng, true));
    if (age >= 4 && age <= 18 && rng.percent(85))
      add("education", "PUPIL-" + std::to_string(++education), as_written(p, rng, false));
    if (rng.percent(age >= 18 ? 40 : 10))
      add("police", "NICHE-" + std::to_string(++police), as_written(p, rng, false));
  }
  return out;
}

}  // namespace mash::synth
