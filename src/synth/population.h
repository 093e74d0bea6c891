// A synthetic population for matching benchmarks: millions of invented people across England,
// each one record as an agency's index would hold them, and queries that describe some of them
// the way another agency would write them down — with typos, nicknames, swapped names, transposed
// dates, a move of house or a new surname.
//
// Deterministic and random-access: person(i) depends only on the seed and i, so a population of
// any size can be written in parallel, and the queries about person i are made from person(i)
// without reading the population back. Names come from the generator's heritages (synth/names.h)
// and a longer list of British family names; places are real postcode areas with invented towns
// and streets; NHS numbers are in the range 999 000 000 0 - 999 999 999 9 reserved for tests and
// training, with a valid check digit — never a real person's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/time.h"

namespace mash::synth {

struct PersonRecord {
  std::string id;  // "P0000001234"
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // ISO 8601
  std::string sex;            // "male" or "female"
  std::string postcode;
  std::string address;
  std::string town;
  std::string nhs_number;  // ten digits, or empty (about one in six records lacks it)
};

// What was done to a person's record to make a query.
enum class Corruption {
  given_name_typo,
  family_name_typo,
  nickname,              // "Thomas" written "Tom"
  names_swapped,         // given name in the family name's place and the other way round
  day_month_transposed,  // 2014-03-07 written 2014-07-03
  date_digit_off,        // one digit of the date wrong
  moved,                 // a new address, postcode and town
  surname_changed,       // a new family name, or the old one double-barrelled with a new one
  nhs_number_missing,
  date_of_birth_missing,
  postcode_missing,
};
const char* corruption_name(Corruption c);  // "given_name_typo"

struct Query {
  std::string query_id;
  std::string true_id;  // the person it describes
  PersonRecord record;  // as the other agency wrote it; its id is the query id
  std::vector<Corruption> corruptions;
};

class Population {
 public:
  // `today` anchors ages (0 to 95).
  Population(uint64_t seed, const Date& today);

  // Person `i` (0-based). Thread-safe.
  PersonRecord person(uint64_t i) const;

  // Query `q` of a population of `size` people: about a person chosen at random, with one to
  // three corruptions (every query has at least one) and, as most agencies' records do, usually
  // without the NHS number. Thread-safe.
  //
  // A person is known by three things: the family name, the date of birth and the address. An
  // `identifiable` query (the default) loses at most one of them (moved or postcode missing;
  // surname changed; date of birth missing) — a typo, a nickname or a transposed date only blurs
  // one — so a careful person could still tell who it is. With `identifiable` false any
  // combination may occur, such as a new surname at a new address with the date of birth
  // missing, which leaves a given name among thousands of namesakes: no matcher can find those,
  // and benchmarks report them apart.
  Query query(uint64_t q, uint64_t size, bool identifiable = true) const;

  // The CSV header and one row for a person (fields never contain commas, quotes or line
  // breaks, so no quoting is needed).
  static std::string csv_header();
  static std::string csv_row(const PersonRecord& p);
  static std::string query_csv_header();
  static std::string query_csv_row(const Query& q);

 private:
  uint64_t seed_;
  Date today_;
};

}  // namespace mash::synth
