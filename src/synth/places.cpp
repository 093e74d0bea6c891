#include "synth/places.h"

namespace mash::synth {

namespace {

using SV = std::string_view;

constexpr Town kTowns[] = {
    {"Blackburn", "BB", "1 1 2 2 6", "Lancashire Constabulary", 889},
    {"Darwen", "BB", "3", "Lancashire Constabulary", 889},
    {"Accrington", "BB", "5", "Lancashire Constabulary", 888},
    {"Rossendale", "BB", "4", "Lancashire Constabulary", 888},
    {"Clitheroe", "BB", "7", "Lancashire Constabulary", 888},
    {"Colne", "BB", "8", "Lancashire Constabulary", 888},
    {"Nelson", "BB", "9", "Lancashire Constabulary", 888},
    {"Burnley", "BB", "10 11 12", "Lancashire Constabulary", 888},
    {"Preston", "PR", "1 2 5", "Lancashire Constabulary", 888},
    {"Chorley", "PR", "6 7", "Lancashire Constabulary", 888},
    {"Southport", "PR", "8 9", "Merseyside Police", 343},
    {"Lancaster", "LA", "1", "Lancashire Constabulary", 888},
    {"Morecambe", "LA", "3 4", "Lancashire Constabulary", 888},
    {"Blackpool", "FY", "1 2 3 4", "Lancashire Constabulary", 890},
    {"Bolton", "BL", "1 2 3 4", "Greater Manchester Police", 350},
    {"Bury", "BL", "8 9", "Greater Manchester Police", 351},
    {"Manchester", "M", "8 9 11 12 13 14 18 19 22 23 40", "Greater Manchester Police", 352},
    {"Salford", "M", "5 6 7", "Greater Manchester Police", 355},
    {"Oldham", "OL", "1 4 8 9", "Greater Manchester Police", 353},
    {"Rochdale", "OL", "11 12 16", "Greater Manchester Police", 354},
    {"Wigan", "WN", "1 2 3 5 6", "Greater Manchester Police", 359},
    {"Liverpool", "L", "4 5 6 7 8 11 13 15 24 36", "Merseyside Police", 341},
    {"Birkenhead", "CH", "41 42 43", "Merseyside Police", 344},
    {"Leeds", "LS", "7 8 9 11 12 14", "West Yorkshire Police", 383},
    {"Bradford", "BD", "3 4 5 7 8 9", "West Yorkshire Police", 380},
    {"Birmingham", "B", "6 8 10 11 12 19 20 21 33 44", "West Midlands Police", 330},
    {"London", "E", "1 3 6 10 13 17", "Metropolitan Police Service", 211},
    {"London", "N", "7 9 15 17 18", "Metropolitan Police Service", 212},
    {"London", "SE", "5 6 15 18 28", "Metropolitan Police Service", 210},
    {"Leicester", "LE", "1 2 3 4 5", "Leicestershire Police", 856},
};
// East Lancashire first: the hub's own area.
constexpr int kTownWeights[] = {30, 6, 8, 5, 3, 4, 5, 10, 5, 2, 1, 1, 1, 3, 3,
                                1,  3, 1, 2, 2, 1, 2, 1,  1, 2, 1, 1, 1, 1, 1};
static_assert(std::size(kTownWeights) == std::size(kTowns));

constexpr SV kStreetStems[] = {
    "Albert",     "Victoria",   "Peel",     "Cobden",      "Mill",      "Chapel",     "Church",
    "Moss",       "Brook",      "Hollin",   "Cherry Tree", "Larkhill",  "Audley",     "Primrose",
    "Spring",     "Thornber",   "Bank",     "Hawthorn",    "Oak",       "Ash",        "Rowan",
    "Beech",      "Elm",        "Willow",   "Moorside",    "Heys",      "Clough",     "Weavers",
    "Spinners",   "Canal",      "Railway",  "Station",     "Market",    "Cross",      "Union",
    "Gladstone",  "Cromwell",   "Lune",     "Ribble",      "Calder",    "Hodder",     "Pendle",
    "Whalley",    "Bolton",     "Preston",  "Garden",      "Highfield", "Greenfield", "Fernhurst",
    "Lindale",    "Sunnyhurst", "Meadow",   "Orchard",     "Park",      "Windsor",    "Balmoral",
    "Kensington", "Stanley",    "Derby",    "Haslingden",  "Manor",     "Alder",      "Birch",
    "Cedar",      "Sycamore",   "Laburnum", "Holly",       "Ivy",       "Clover",     "Heather",
    "Bracken",    "Whinfield",  "Kingsway", "Tanners",     "Coniston",  "Ullswater",  "Thirlmere",
    "Grasmere"};
constexpr SV kStreetKinds[] = {"Street",   "Street", "Street",  "Road",  "Road",    "Lane",
                               "Avenue",   "Close",  "Drive",   "Grove", "Terrace", "Way",
                               "Crescent", "Court",  "Gardens", "Mews",  "Walk",    "Place",
                               "Row",      "Brow",   "Fold",    "Croft", "View",    "Rise"};
constexpr SV kBlockKinds[] = {"House", "Court", "Mill", "Lodge", "Heights", "Point"};

constexpr SV kSchoolStems[] = {
    "Moorside",   "Highfield",     "St Mary's",    "St Peter's",   "St Joseph's",
    "St Anne's",  "Christ Church", "Holy Trinity", "Brookhouse",   "Larkhill",
    "Meadowhead", "Cedars",        "Roe Lee",      "Park View",    "Riverside",
    "Oakwood",    "Hillside",      "Springfield",  "Sacred Heart", "Al-Hikmah",
    "Westholme",  "Valley",        "Beacon",       "Pennine",      "Queen's Park"};
constexpr SV kPrimaryKinds[] = {"Primary School",
                                "Primary School",
                                "Church of England Primary School",
                                "Roman Catholic Primary School",
                                "Community Primary School",
                                "Infant School",
                                "Junior School",
                                "Primary Academy"};
constexpr SV kSecondaryKinds[] = {
    "High School",       "Academy",       "Roman Catholic High School",
    "Community College", "Girls' School", "Boys' School"};

// Inward-code letters: never C, I, K, M, O or V.
constexpr SV kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

void append_number(std::string& s, int n) { s += std::to_string(n); }

}  // namespace

const Town& pick_town(Rng& rng) { return kTowns[rng.weighted(kTownWeights)]; }

std::string make_postcode(Rng& rng, const Town& town) {
  // Pick one of the space-separated districts.
  int count = 1;
  for (char c : town.districts) count += c == ' ';
  int wanted = static_cast<int>(rng.below(static_cast<uint32_t>(count)));
  size_t begin = 0;
  while (wanted-- > 0) begin = town.districts.find(' ', begin) + 1;
  size_t end = town.districts.find(' ', begin);
  if (end == SV::npos) end = town.districts.size();

  std::string pc;
  pc.reserve(8);
  pc += town.area;
  pc += town.districts.substr(begin, end - begin);
  pc += ' ';
  pc += static_cast<char>('0' + rng.below(10));
  pc += kInwardLetters[rng.below(static_cast<uint32_t>(kInwardLetters.size()))];
  pc += kInwardLetters[rng.below(static_cast<uint32_t>(kInwardLetters.size()))];
  return pc;
}

Address make_address(Rng& rng, const Town& town) {
  Address a;
  std::string street(rng.pick(kStreetStems));
  street += ' ';
  street += rng.pick(kStreetKinds);
  if (rng.percent(15)) {
    // A flat in a converted mill or a block.
    a.line1 = "Flat ";
    append_number(a.line1, rng.between(1, 40));
    a.line1 += ", ";
    a.line1 += rng.pick(kStreetStems);
    a.line1 += ' ';
    a.line1 += rng.pick(kBlockKinds);
    a.line2 = std::move(street);
  } else {
    append_number(a.line1, rng.between(1, 180));
    if (rng.percent(3)) a.line1 += 'A';
    a.line1 += ' ';
    a.line1 += street;
  }
  a.town = std::string(town.name);
  a.postcode = make_postcode(rng, town);
  return a;
}

std::string make_school(Rng& rng, bool secondary) {
  std::string s(rng.pick(kSchoolStems));
  s += ' ';
  s += secondary ? rng.pick(kSecondaryKinds) : rng.pick(kPrimaryKinds);
  return s;
}

std::string make_phone(Rng& rng, bool mobile) {
  // Ofcom drama numbers: 07700 900000–900999 and 01632 960000–960999.
  std::string p = mobile ? "07700 900" : "01632 960";
  const int n = rng.between(0, 999);
  p += static_cast<char>('0' + n / 100);
  p += static_cast<char>('0' + n / 10 % 10);
  p += static_cast<char>('0' + n % 10);
  return p;
}

}  // namespace mash::synth
