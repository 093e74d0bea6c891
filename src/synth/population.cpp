#include "synth/population.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "synth/corrupt.h"
#include "synth/names.h"
#include "synth/places.h"
#include "synth/rng.h"

namespace mash::synth {
namespace {

using SV = std::string_view;

// More British family names than the heritage lists carry, so that a population of millions has
// a realistic spread of surnames (the heritage lists alone give a few hundred).
constexpr SV kMoreBritishFamily[] = {
    "Adams",        "Allen",      "Anderson",   "Armstrong",      "Atkinson",  "Bailey",
    "Baker",        "Ball",       "Barker",     "Bell",           "Bennett",   "Berry",
    "Bird",         "Bishop",     "Black",      "Booth",          "Bond",      "Boyd",
    "Brooks",       "Bull",       "Burgess",    "Burns",          "Burton",    "Butler",
    "Campbell",     "Carr",       "Carter",     "Chambers",       "Chapman",   "Clark",
    "Cole",         "Coleman",    "Collins",    "Cook",           "Cooper",    "Cox",
    "Crawford",     "Cross",      "Cunningham", "Curtis",         "Dale",      "Dawson",
    "Day",          "Dean",       "Dixon",      "Dobson",         "Douglas",   "Duncan",
    "Dunn",         "Edwards",    "Elliott",    "Ellis",          "Farmer",    "Fisher",
    "Ford",         "Foster",     "Fox",        "Francis",        "Fraser",    "Gardner",
    "Gibson",       "Gilbert",    "Gill",       "Gordon",         "Graham",    "Grant",
    "Gray",         "Griffiths",  "Hamilton",   "Hardy",          "Harper",    "Harris",
    "Harrison",     "Hart",       "Harvey",     "Hayes",          "Henderson", "Hill",
    "Hodgson",      "Holland",    "Holmes",     "Hopkins",        "Howard",    "Hudson",
    "Hunt",         "Hunter",     "Jenkins",    "Johnston",       "Kay",       "Kemp",
    "Kerr",         "King",       "Knight",     "Lamb",           "Lambert",   "Lane",
    "Lawrence",     "Lawson",     "Lee",        "Lewis",          "Lloyd",     "Lowe",
    "Marshall",     "Martin",     "Mason",      "Matthews",       "May",       "Miller",
    "Mills",        "Mitchell",   "Moore",      "Morris",         "Morrison",  "Murray",
    "Newton",       "Nicholls",   "Norris",     "Owen",           "Palmer",    "Parker",
    "Parry",        "Payne",      "Pearce",     "Pearson",        "Perry",     "Phillips",
    "Porter",       "Potter",     "Powell",     "Preston",        "Pritchard", "Read",
    "Reid",         "Reynolds",   "Richards",   "Richardson",     "Robertson", "Rogers",
    "Rose",         "Ross",       "Russell",    "Sanders",        "Saunders",  "Scott",
    "Sharp",        "Shaw",       "Simpson",    "Spencer",        "Stevens",   "Stone",
    "Storey",       "Sutton",     "Thomson",    "Townsend",       "Turner",    "Tyler",
    "Walters",      "Ward",       "Warren",     "Watson",         "Watts",     "Webb",
    "Webster",      "Wells",      "West",       "Wheeler",        "Wilkinson", "Williamson",
    "Willis",       "Woods",      "Young",      "Ackroyd",        "Alston",    "Bamford",
    "Barlow",       "Beswick",    "Bibby",      "Bolton",         "Brindle",   "Calvert",
    "Clegg",        "Crabtree",   "Dewhurst",   "Eastwood",       "Farnworth", "Fielding",
    "Gaskell",      "Gregson",    "Halliwell",  "Heaton",         "Hesketh",   "Hothersall",
    "Ingham",       "Jolly",      "Kershaw",    "Leach",          "Livesey",   "Mather",
    "Mercer",       "Ogden",      "Openshaw",   "Pemberton",      "Pickering", "Ramsbottom",
    "Riding",       "Schofield",  "Seddon",     "Sharples",       "Singleton", "Smethurst",
    "Southworth",   "Stansfield", "Taylorson",  "Thistlethwaite", "Walmsley",  "Whalley",
    "Wolstenholme",
};

// Real postcode areas of England (for the shape of postcodes), with how many districts each
// gets here. Towns are invented per district (town_name()).
struct Area {
  SV code;
  int districts;
};
constexpr Area kAreas[] = {
    {"B", 40},  {"BB", 12}, {"BD", 24}, {"BL", 9},  {"BN", 30}, {"BS", 40}, {"CA", 28}, {"CH", 40},
    {"CV", 30}, {"CW", 12}, {"DE", 30}, {"DH", 9},  {"DN", 40}, {"E", 20},  {"FY", 8},  {"HD", 9},
    {"HG", 5},  {"HU", 20}, {"HX", 7},  {"L", 40},  {"LA", 23}, {"LE", 19}, {"LN", 13}, {"LS", 29},
    {"M", 40},  {"ME", 20}, {"N", 22},  {"NE", 40}, {"NG", 34}, {"NN", 18}, {"NR", 35}, {"OL", 16},
    {"OX", 30}, {"PE", 38}, {"PL", 35}, {"PO", 40}, {"PR", 26}, {"RG", 45}, {"S", 40},  {"SE", 28},
    {"SK", 23}, {"SO", 45}, {"SR", 9},  {"ST", 21}, {"SW", 20}, {"TS", 29}, {"WA", 16}, {"WF", 17},
    {"WN", 8},  {"WV", 16}, {"YO", 43}, {"CB", 25}, {"EX", 39}, {"GL", 20}, {"HP", 23}, {"IP", 33},
    {"LU", 7},  {"MK", 46}, {"NW", 11}, {"TN", 40}};

constexpr SV kTownStems[] = {
    "Ash",   "Bar",  "Birch", "Brad",  "Brom",   "Burn", "Cal",   "Clay", "Cold",  "Crow",
    "Dal",   "Dun",  "East",  "Elm",   "Fair",   "Farn", "Ford",  "Gar",  "Glen",  "Green",
    "Hal",   "Hart", "Hazel", "Heath", "High",   "Hol",  "Kirk",  "Lang", "Lee",   "Lin",
    "Long",  "Mar",  "Mill",  "Moor",  "Nether", "New",  "North", "Oak",  "Old",   "Pen",
    "Red",   "Rish", "Ros",   "Sal",   "Sand",   "Shaw", "South", "Stan", "Stock", "Sun",
    "Thorn", "Ul",   "Wal",   "West",  "Whit",   "Wil",  "Win",   "Wood", "Wor",   "Yar"};
constexpr SV kTownEndings[] = {"ton",  "ley",   "bury", "field",  "ham",    "by",     "worth",
                               "wick", "den",   "ford", "stead",  "thorpe", "bridge", "moor",
                               "well", "hurst", "dale", "cliffe", "gate",   "holme"};

uint64_t mix(uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::string town_name(size_t area, int district) {
  const uint64_t h = mix(area * 131 + static_cast<uint64_t>(district));
  std::string t(kTownStems[h % std::size(kTownStems)]);
  t += kTownEndings[(h >> 16) % std::size(kTownEndings)];
  if ((h >> 32) % 10 == 0) t = "Upper " + t;
  return t;
}

// A ten-digit NHS number from the 999 range never issued to patients, for people 0–999,999 whose
// number is valid (the check digit of about one in eleven stems would be 10; those have none).
std::string nhs_number_for(uint64_t i) {
  if (i >= 1'000'000) return {};
  const uint64_t stem = (i * 7919) % 1'000'000;  // a permutation of 0..999,999
  std::string digits = "999" + std::to_string(stem + 1'000'000).substr(1);
  int sum = 0;
  for (int k = 0; k < 9; ++k) sum += (digits[k] - '0') * (10 - k);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return {};
  return digits + static_cast<char>('0' + check);
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }
std::string iso(const Date& d) {
  return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day);
}

void place(Rng& rng, PersonRecord& p) {
  int total = 0;
  for (const Area& a : kAreas) total += a.districts;
  int pick = static_cast<int>(rng.below(static_cast<uint32_t>(total)));
  size_t area = 0;
  while (pick >= kAreas[area].districts) pick -= kAreas[area++].districts;
  const int district = pick + 1;
  const std::string town = town_name(area, district);
  const std::string district_text = std::to_string(district);
  const Town t{town, kAreas[area].code, district_text, "", 0};
  Address a = make_address(rng, t);
  p.address = a.line2.empty() ? a.line1 : a.line1 + " " + a.line2;
  std::replace(p.address.begin(), p.address.end(), ',', ' ');
  p.postcode = a.postcode;
  p.town = town;
}

std::string family_name(Rng& rng, const Heritage& h, bool female) {
  if (h.name == "White British" && rng.percent(60))
    return std::string(rng.pick(kMoreBritishFamily));
  return family_name_for(h, rng.pick(h.family), female);
}

}  // namespace

const char* corruption_name(Corruption c) {
  switch (c) {
    case Corruption::given_name_typo:
      return "given_name_typo";
    case Corruption::family_name_typo:
      return "family_name_typo";
    case Corruption::nickname:
      return "nickname";
    case Corruption::names_swapped:
      return "names_swapped";
    case Corruption::day_month_transposed:
      return "day_month_transposed";
    case Corruption::date_digit_off:
      return "date_digit_off";
    case Corruption::moved:
      return "moved";
    case Corruption::surname_changed:
      return "surname_changed";
    case Corruption::nhs_number_missing:
      return "nhs_number_missing";
    case Corruption::date_of_birth_missing:
      return "date_of_birth_missing";
    case Corruption::postcode_missing:
      return "postcode_missing";
  }
  return "unknown";
}

Population::Population(uint64_t seed, const Date& today) : seed_(seed), today_(today) {}

PersonRecord Population::person(uint64_t i) const {
  Rng rng(mix(seed_ ^ mix(i)));
  PersonRecord p;
  p.id = "P" + std::to_string(10'000'000'000ull + i).substr(1);
  const Heritage& h = pick_heritage(rng);
  const bool female = rng.percent(50);
  p.sex = female ? "female" : "male";
  p.given_name = rng.pick(female ? h.female : h.male);
  if (rng.percent(8)) {  // a middle name
    p.given_name += ' ';
    p.given_name += rng.pick(female ? h.female : h.male);
  }
  p.family_name = family_name(rng, h, female);
  if (rng.percent(2)) p.family_name += "-" + family_name(rng, h, female);
  // Ages 0–95, children over-represented as in a safeguarding hub's records.
  const int age = rng.percent(40) ? rng.between(0, 17) : rng.between(18, 95);
  Date dob{today_.year - age, rng.between(1, 12), 1};
  dob.day = rng.between(1, days_in_month(dob.year, dob.month));
  if (dob > today_) dob.year -= 1;
  p.date_of_birth = iso(dob);
  place(rng, p);
  if (rng.percent(85)) p.nhs_number = nhs_number_for(i);
  return p;
}

Query Population::query(uint64_t q, uint64_t size, bool identifiable) const {
  Rng rng(mix(~seed_ ^ mix(q * 2 + 1)));
  Query out;
  const uint64_t who = (static_cast<uint64_t>(rng.next() >> 11) % size);
  out.true_id = person(who).id;
  out.record = person(who);
  out.query_id = "Q" + std::to_string(10'000'000'000ull + q).substr(1);
  out.record.id = out.query_id;
  PersonRecord& r = out.record;
  const std::string truth_family = r.family_name;

  constexpr Corruption kinds[] = {Corruption::given_name_typo,
                                  Corruption::family_name_typo,
                                  Corruption::nickname,
                                  Corruption::names_swapped,
                                  Corruption::day_month_transposed,
                                  Corruption::date_digit_off,
                                  Corruption::moved,
                                  Corruption::surname_changed,
                                  Corruption::date_of_birth_missing,
                                  Corruption::postcode_missing};
  constexpr int weights[] = {16, 16, 10, 6, 8, 8, 16, 8, 4, 8};
  const int n = 1 + static_cast<int>(rng.below(3));
  for (int k = 0; k < n; ++k) {
    const Corruption c = kinds[rng.weighted(weights)];
    if (std::find(out.corruptions.begin(), out.corruptions.end(), c) != out.corruptions.end())
      continue;
    auto loses_one = [](Corruption x) {
      return x == Corruption::moved || x == Corruption::postcode_missing ||
             x == Corruption::surname_changed || x == Corruption::date_of_birth_missing;
    };
    if (identifiable && loses_one(c) &&
        std::any_of(out.corruptions.begin(), out.corruptions.end(), loses_one))
      continue;
    const std::string before = csv_row(r);
    switch (c) {
      case Corruption::given_name_typo:
        r.given_name = typo(rng, r.given_name);
        break;
      case Corruption::family_name_typo:
        r.family_name = typo(rng, r.family_name);
        break;
      case Corruption::nickname: {
        const SV nick = nickname_of(SV(r.given_name).substr(0, SV(r.given_name).find(' ')));
        if (nick.empty()) continue;  // no diminutive known: not this corruption
        r.given_name = std::string(nick);
        break;
      }
      case Corruption::names_swapped:
        std::swap(r.given_name, r.family_name);
        break;
      case Corruption::day_month_transposed: {
        if (r.date_of_birth.empty()) continue;
        const std::string day = r.date_of_birth.substr(8, 2), month = r.date_of_birth.substr(5, 2);
        if (day == month || std::stoi(day) > 12) continue;
        r.date_of_birth = r.date_of_birth.substr(0, 5) + day + "-" + month;
        break;
      }
      case Corruption::date_digit_off: {
        if (r.date_of_birth.empty()) continue;
        // A digit of the day, or the year's last digit, one off; kept a valid date.
        std::string d = r.date_of_birth;
        const size_t at = rng.percent(50) ? 9 : 3;
        d[at] = d[at] == '9' ? '8' : static_cast<char>(d[at] + 1);
        const int day = std::stoi(d.substr(8, 2)), month = std::stoi(d.substr(5, 2));
        if (day < 1 || day > days_in_month(std::stoi(d.substr(0, 4)), month)) continue;
        r.date_of_birth = d;
        break;
      }
      case Corruption::moved:
        place(rng, r);
        break;
      case Corruption::surname_changed: {
        std::string other;
        do {  // a new name, not the one the person had
          other = family_name(rng, pick_heritage(rng), r.sex == "female");
        } while (other == truth_family || other == r.family_name);
        r.family_name = rng.percent(30) ? r.family_name + "-" + other : other;
        break;
      }
      case Corruption::date_of_birth_missing:
        r.date_of_birth.clear();
        break;
      case Corruption::postcode_missing:
        r.postcode.clear();
        break;
      case Corruption::nhs_number_missing:
        break;
    }
    // A swap of two equal letters, a "new" surname that is the old one: nothing happened.
    if (csv_row(r) != before) out.corruptions.push_back(c);
  }
  auto same_as_truth = [&] {
    return csv_row(r).substr(r.id.size()) == csv_row(person(who)).substr(out.true_id.size());
  };
  while (out.corruptions.empty() || same_as_truth()) {  // every query differs from the record
    const std::string before = r.given_name;
    r.given_name = typo(rng, r.given_name);
    if (r.given_name != before) out.corruptions.push_back(Corruption::given_name_typo);
  }
  // Most agencies' records of a person lack the NHS number.
  if (!r.nhs_number.empty() && rng.percent(70)) {
    r.nhs_number.clear();
    out.corruptions.push_back(Corruption::nhs_number_missing);
  }
  return out;
}

std::string Population::csv_header() {
  return "id,given_name,family_name,date_of_birth,sex,postcode,address,town,nhs_number";
}

std::string Population::csv_row(const PersonRecord& p) {
  std::string s;
  s.reserve(120);
  for (const std::string* f : {&p.id, &p.given_name, &p.family_name, &p.date_of_birth, &p.sex,
                               &p.postcode, &p.address, &p.town, &p.nhs_number}) {
    if (f != &p.id) s += ',';
    s += *f;
  }
  return s;
}

std::string Population::query_csv_header() {
  return "query_id,true_id,given_name,family_name,date_of_birth,sex,postcode,address,town,"
         "nhs_number,corruptions";
}

std::string Population::query_csv_row(const Query& q) {
  std::string s = q.query_id + "," + q.true_id;
  const PersonRecord& p = q.record;
  for (const std::string* f : {&p.given_name, &p.family_name, &p.date_of_birth, &p.sex, &p.postcode,
                               &p.address, &p.town, &p.nhs_number}) {
    s += ',';
    s += *f;
  }
  s += ',';
  for (size_t i = 0; i < q.corruptions.size(); ++i) {
    if (i) s += ' ';
    s += corruption_name(q.corruptions[i]);
  }
  return s;
}

}  // namespace mash::synth
