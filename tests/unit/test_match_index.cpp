#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "match/blocking.h"
#include "match/index.h"
#include "match/record.h"
#include "match/scoring.h"

namespace mash::match {
namespace {

const char* const kGiven[] = {"Robert",   "William", "Elizabeth", "Catherine", "James",
                              "Margaret", "Oliver",  "Amelia",    "Daniel",    "Sophie",
                              "Thomas",   "Grace",   "Benjamin",  "Chloe",     "Samuel",
                              "Isla",     "Joseph",  "Ava",       "Harry",     "Freya"};
const char* const kFamily[] = {"Smith",   "Jones",    "Williams", "Taylor", "Brown",
                               "Davies",  "Evans",    "Wilson",   "Thomas", "Johnson",
                               "Roberts", "Robinson", "Thompson", "Wright", "Walker",
                               "White",   "Edwards",  "Hughes",   "Green",  "Hall"};
// For the records added during the concurrency test: names no earlier person has.
const char* const kMoreGiven[] = {"Zachary", "Yasmin", "Xavier",   "Winifred", "Vincent",
                                  "Ursula",  "Tobias", "Rosalind", "Quentin",  "Penelope"};
const char* const kMoreFamily[] = {"Abernathy",    "Blenkinsop",  "Cartwright",    "Dunmore",
                                   "Etherington",  "Fairweather", "Gorringe",      "Hollingsworth",
                                   "Inglethorpe",  "Jeffcoat",    "Kilbride",      "Lockwood",
                                   "Merriweather", "Northcott",   "Ormerod",       "Pilkington",
                                   "Quarrington",  "Rowbotham",   "Satterthwaite", "Twistleton"};
const char* const kArea[] = {"BB", "M", "LS", "NE", "B"};
const char* const kUnit[] = {"AB", "DH", "EF", "GJ", "LN", "PQ", "RS", "TU", "WX", "YZ"};

// An NHS number with a valid check digit, from a nine-digit stem (the stem must give one).
std::string nhs_number(int stem) {
  std::string digits = std::to_string(stem);
  digits.insert(0, 9 - digits.size(), '0');
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return {};
  return digits + static_cast<char>('0' + check);
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// Person `i`, deterministic: names, date of birth, postcode, sex and NHS number all vary with i.
PersonFields person(int i, bool more = false) {
  PersonFields p;
  p.id = (more ? "q" : "p") + std::to_string(i);
  if (more) {
    p.given_name = kMoreGiven[i % 10];
    p.family_name = kMoreFamily[i / 10 % 20];
  } else {
    p.given_name = kGiven[i % 20];
    p.family_name = kFamily[i / 10 % 20];
  }
  p.date_of_birth =
      std::to_string(1990 + i % 25) + "-" + two(1 + i * 5 % 12) + "-" + two(1 + i * 7 % 28);
  p.postcode = std::string(kArea[i % 5]) + std::to_string(1 + i / 5 % 9) + " " +
               std::to_string(i % 10) + kUnit[i / 3 % 10];
  p.address = std::to_string(1 + i % 97) + " " + (i % 2 ? "high street" : "church road");
  p.sex = i % 2 ? "m" : "f";
  int stem = 400000000 + i * 7919;
  std::string nhs;
  while ((nhs = nhs_number(stem)).empty()) ++stem;
  p.nhs_number = nhs;
  return p;
}

std::vector<PersonFields> people(int n, bool more = false) {
  std::vector<PersonFields> out;
  for (int i = 0; i < n; ++i) out.push_back(person(i, more));
  return out;
}

// Corruptions of a record, as another agency might write it.
std::string typo(std::string s) {  // swaps two letters in the middle
  if (s.size() >= 4) std::swap(s[s.size() / 2], s[s.size() / 2 + 1]);
  return s;
}
PersonFields family_typo(PersonFields p) {
  p.family_name = typo(p.family_name);
  return p;
}
PersonFields day_month_swapped(PersonFields p) {  // "YYYY-MM-DD" -> "YYYY-DD-MM"
  p.date_of_birth = p.date_of_birth.substr(0, 5) + p.date_of_birth.substr(8, 2) + "-" +
                    p.date_of_birth.substr(5, 2);
  return p;
}
PersonFields nickname(PersonFields p) {
  static const std::pair<const char*, const char*> kNick[] = {
      {"Robert", "Bob"}, {"William", "Bill"},   {"Elizabeth", "Liz"}, {"Catherine", "Kate"},
      {"James", "Jim"},  {"Margaret", "Peggy"}, {"Daniel", "Danny"},  {"Benjamin", "Ben"},
      {"Thomas", "Tom"}, {"Samuel", "Sam"},     {"Joseph", "Joe"}};
  for (const auto& [formal, nick] : kNick)
    if (p.given_name == formal) p.given_name = nick;
  return p;
}
PersonFields moved(PersonFields p) {
  p.postcode = "NW1 4RY";
  p.address = "7 acacia avenue";
  return p;
}
PersonFields no_nhs_number(PersonFields p) {
  p.nhs_number.clear();
  return p;
}
PersonFields as_written(PersonFields p) { return p; }

MatchRecord record(PersonFields p) { return make_match_record(std::move(p)); }

std::vector<MatchRecord> records(const std::vector<PersonFields>& fields) {
  std::vector<MatchRecord> out;
  for (const auto& f : fields) out.push_back(record(f));
  return out;
}

// A model trained as `mash match link` trains one: the 200 people linked with a corrupted copy of
// each, blocked with the default rules.
const Model& model() {
  static const Model m = [] {
    const std::vector<PersonFields> base = people(200);
    std::vector<PersonFields> copies;
    const std::function<PersonFields(PersonFields)> corrupt[] = {family_typo, nickname, moved,
                                                                 no_nhs_number, as_written};
    for (int i = 0; i < 200; ++i) copies.push_back(corrupt[i % 5](base[i]));
    const std::vector<MatchRecord> left = records(base), right = records(copies);
    const Candidates c = block_link(left, right);
    return train(left, right, false, c.pairs, NicknameTable::common_english());
  }();
  return m;
}

void expect_ordered(const std::vector<Candidate>& found, size_t k) {
  EXPECT_LE(found.size(), k);
  for (size_t i = 1; i < found.size(); ++i)
    EXPECT_GE(found[i - 1].score.match_weight, found[i].score.match_weight);
}

size_t rank_of(const std::vector<Candidate>& found, const std::string& id) {
  for (size_t i = 0; i < found.size(); ++i)
    if (found[i].id == id) return i + 1;
  return 0;  // not found
}

TEST(MatchIndex, FindsTheTruePersonDespiteCorruptions) {
  PersonIndex index(model(), NicknameTable::common_english());
  for (const auto& p : people(200)) index.add(record(p));
  ASSERT_EQ(index.size(), 200u);

  struct Row {
    const char* what;
    int person;
    PersonFields (*corrupt)(PersonFields);
    size_t worst_rank;  // 1: must be the top candidate; 10: anywhere in the top 10
  };
  // Day and month can be swapped only when the day is 12 or less and differs from the month:
  // persons 5 (1995-02-08) and 21 (2011-10-08).
  const Row rows[] = {
      {"exact copy", 0, as_written, 1},
      {"typo in family name", 26, family_typo, 1},
      {"typo in family name", 149, family_typo, 1},
      {"day and month swapped", 5, day_month_swapped, 1},
      {"day and month swapped", 21, day_month_swapped, 1},
      {"nickname given name", 0, nickname, 1},
      {"nickname given name", 3, nickname, 1},
      {"nickname given name", 124, nickname, 1},
      {"moved postcode", 49, moved, 1},
      {"moved postcode", 199, moved, 1},
      {"missing NHS number", 7, no_nhs_number, 1},
      {"missing NHS number", 12, no_nhs_number, 1},
      {"moved and missing NHS number", 101,
       [](PersonFields p) { return no_nhs_number(moved(std::move(p))); }, 10},
      {"typo and nickname, no NHS number", 40,
       [](PersonFields p) { return no_nhs_number(nickname(family_typo(std::move(p)))); }, 10},
  };
  for (const Row& row : rows) {
    const PersonFields truth = person(row.person);
    const MatchRecord query = record(row.corrupt(truth));
    const std::vector<Candidate> found = index.lookup(query, 10);
    SCOPED_TRACE(std::string(row.what) + ": " + truth.given_name + " " + truth.family_name + " " +
                 truth.date_of_birth);
    expect_ordered(found, 10);
    const size_t rank = rank_of(found, truth.id);
    EXPECT_GE(rank, 1u) << "not in the top 10";
    EXPECT_LE(rank, row.worst_rank);
    if (rank >= 1) {
      const Candidate& c = found[rank - 1];
      EXPECT_EQ(index.record(c.handle).id, truth.id);
      const auto parts = index.explain(query, c);
      EXPECT_EQ(parts.size(), kFieldCount);
    }
  }
}

TEST(MatchIndex, UnrelatedQueryFindsNothingLikely) {
  PersonIndex index(model(), NicknameTable::common_english());
  for (const auto& p : people(200)) index.add(record(p));
  PersonFields stranger;
  stranger.id = "x";
  stranger.given_name = "Xanthe";
  stranger.family_name = "Quiggleworth";
  stranger.date_of_birth = "1950-02-03";
  stranger.postcode = "ZE2 9XX";
  stranger.sex = "f";
  const std::vector<Candidate> found = index.lookup(record(stranger), 10);
  expect_ordered(found, 10);
  for (const Candidate& c : found) EXPECT_LT(c.score.match_probability, 0.01) << c.id;
}

TEST(MatchIndex, SizeHandlesAndK) {
  PersonIndex index(model(), NicknameTable::common_english());
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.lookup(record(person(0)), 10).empty());
  for (uint32_t i = 0; i < 5; ++i) EXPECT_EQ(index.add(record(person(static_cast<int>(i)))), i);
  EXPECT_EQ(index.size(), 5u);
  EXPECT_GT(index.key_count(), 0u);
  EXPECT_TRUE(index.lookup(record(person(0)), 0).empty());
  const auto one = index.lookup(record(person(0)), 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].id, "p0");
  EXPECT_EQ(one[0].handle, 0u);
}

TEST(MatchIndex, CapOnCommonKeysLimitsCandidates) {
  // Everyone shares the town key; with a cap of 2 a lookup reads at most 2 of that list.
  PersonIndexOptions options;
  options.max_postings_per_key = 2;
  PersonIndex index(model(), NicknameTable::common_english(), options);
  for (int i = 0; i < 50; ++i) {
    PersonFields p;
    p.id = "t" + std::to_string(i);
    p.given_name = "Anna";
    p.family_name = kMoreFamily[i % 20] + std::to_string(i);
    p.town = "leeds";
    index.add(record(p));
  }
  PersonFields q;
  q.given_name = "Anna";
  q.family_name = "Young";  // no family name above starts with Y
  q.town = "leeds";
  EXPECT_LE(index.lookup(record(q), 100).size(), 2u);
}

TEST(MatchIndex, ConcurrentLookupsDuringAdds) {
  PersonIndex index(model(), NicknameTable::common_english());
  const std::vector<PersonFields> base = people(200);
  for (const auto& p : base) index.add(record(p));
  const std::vector<PersonFields> more = people(200, true);

  std::atomic<bool> done{false};
  std::atomic<int> lookups{0}, misses{0}, disorders{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      int i = t;
      do {
        const PersonFields& truth = base[static_cast<size_t>(i % 200)];
        const std::vector<Candidate> found = index.lookup(record(family_typo(truth)), 10);
        if (found.size() > 10) ++disorders;
        for (size_t j = 1; j < found.size(); ++j)
          if (found[j - 1].score.match_weight < found[j].score.match_weight) ++disorders;
        if (found.empty() || found[0].id != truth.id) ++misses;
        ++lookups;
        i += 7;
      } while (!done.load() || lookups.load() < 400);
    });
  }
  std::thread writer([&] {
    for (const auto& p : more) index.add(record(p));
    done = true;
  });
  writer.join();
  for (auto& r : readers) r.join();

  EXPECT_EQ(index.size(), 400u);
  EXPECT_EQ(disorders.load(), 0);
  EXPECT_EQ(misses.load(), 0);  // the new people share no names with the first 200
  EXPECT_GE(lookups.load(), 400);
  // After the writer: the new people are found too.
  const auto found = index.lookup(record(more[17]), 10);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, more[17].id);
}

}  // namespace

// A record rebuilt from the index's packed form is the record that went in: every field, empty
// ones, transliterated names and an over-long field (kept cut to 255 bytes).
TEST(MatchIndex, PackedRecordsRoundTrip) {
  PersonIndex index(model(), NicknameTable::common_english());
  std::vector<MatchRecord> in;
  for (const auto& p : people(50)) in.push_back(record(p));
  PersonFields odd;
  odd.id = "odd-Ω";
  odd.given_name = "Zoë Siobhán";
  odd.family_name = "O'Connor-Smith";
  odd.date_of_birth = "07/03/2014";
  odd.email = "Zoe@Example.com";
  odd.other_identifier = "AB 12 34 56 C";
  odd.town = "Bega Flats";
  in.push_back(record(odd));
  in.push_back(record(PersonFields{}));  // nothing known at all
  PersonFields long_address = person(1);
  long_address.address = std::string(400, 'a');
  in.push_back(record(long_address));
  PersonFields overseas = person(2);
  overseas.postcode = "4223";
  in.push_back(record(overseas));

  for (const MatchRecord& r : in) {
    const uint32_t h = index.add(r);
    MatchRecord expected = r;
    if (expected.address.size() > 255) expected.address.resize(255);
    const MatchRecord back = index.record(h);
    EXPECT_EQ(back.id, expected.id);
    EXPECT_EQ(back.given, expected.given);
    EXPECT_EQ(back.family, expected.family);
    EXPECT_EQ(back.given_sound, expected.given_sound);
    EXPECT_EQ(back.family_sound, expected.family_sound);
    EXPECT_EQ(back.date_of_birth, expected.date_of_birth);
    EXPECT_EQ(back.postcode, expected.postcode);
    EXPECT_EQ(back.uk_postcode, expected.uk_postcode);
    EXPECT_EQ(back.address, expected.address);
    EXPECT_EQ(back.town, expected.town);
    EXPECT_EQ(back.sex, expected.sex);
    EXPECT_EQ(back.nhs_number, expected.nhs_number);
    EXPECT_EQ(back.other_identifier, expected.other_identifier);
    EXPECT_EQ(back.email, expected.email);
  }
}

// A bulk load (batches from two threads, then finish()) answers every lookup exactly as the same
// records added one at a time do; records added after the load, and before it, are found too.
TEST(MatchIndex, BulkLoadAnswersAsAddingOneByOne) {
  const auto base = people(400);
  PersonIndex one_by_one(model(), NicknameTable::common_english());
  for (const auto& p : base) one_by_one.add(record(p));

  PersonIndex bulk(model(), NicknameTable::common_english());
  bulk.add(record(base[0]));  // before the load: goes to the recent keys, then into the tables
  {
    PersonIndex::Loader loader = bulk.loader();
    std::vector<MatchRecord> batch;
    for (size_t i = 1; i < 200; ++i) batch.push_back(record(base[i]));
    EXPECT_EQ(loader.add(batch), 1u);
    batch.clear();
    for (size_t i = 200; i < 300; ++i) batch.push_back(record(base[i]));
    EXPECT_EQ(loader.add(batch), 200u);
    EXPECT_EQ(bulk.size(), 300u);
    EXPECT_TRUE(bulk.lookup(record(base[250]), 10).empty() ||
                bulk.lookup(record(base[250]), 10).front().id != base[250].id)
        << "a loaded record is not found before finish()";
    loader.finish(2);
  }
  for (size_t i = 300; i < base.size(); ++i) bulk.add(record(base[i]));
  ASSERT_EQ(bulk.size(), one_by_one.size());
  EXPECT_EQ(bulk.key_count(), one_by_one.key_count());

  for (size_t i = 0; i < base.size(); i += 7) {
    for (const MatchRecord& q :
         {record(base[i]), record(family_typo(base[i])), record(moved(nickname(base[i])))}) {
      const auto a = one_by_one.lookup(q, 10), b = bulk.lookup(q, 10);
      ASSERT_EQ(a.size(), b.size()) << base[i].id;
      for (size_t j = 0; j < a.size(); ++j) {
        EXPECT_EQ(a[j].id, b[j].id);
        EXPECT_EQ(a[j].handle, b[j].handle);
        EXPECT_EQ(a[j].score.match_weight, b[j].score.match_weight);
      }
    }
  }
  EXPECT_GT(bulk.memory_bytes(), 0u);
}

// The property a matcher must have: a record compared with itself scores at least as high as
// with any other record, so looking a record up finds itself first (or level with an identical
// record). Checked for every person of a varied population, including records with fields
// missing, a double-barrelled name, initials and a common family name.
TEST(MatchIndex, ARecordAlwaysMatchesItselfWithTheTopScore) {
  std::vector<PersonFields> population = people(300);
  for (int i = 0; i < 60; ++i) {
    PersonFields p = person(i * 5 + 1);
    p.id = "v" + std::to_string(i);
    switch (i % 6) {
      case 0:
        p.family_name = std::string(kFamily[i % 20]) + "-" + kFamily[(i + 3) % 20];
        break;
      case 1:
        p.given_name = p.given_name.substr(0, 1);
        break;
      case 2:
        p.date_of_birth.clear();
        p.nhs_number.clear();
        break;
      case 3:
        p.postcode.clear();
        p.address.clear();
        break;
      case 4:
        p.family_name = "Smith";
        break;
      case 5:
        p.given_name = "Łukasz";
        p.family_name = "Wiśniewski";
        break;
    }
    population.push_back(p);
  }
  PersonIndex index(model(), NicknameTable::common_english());
  for (const auto& p : population) index.add(record(p));
  for (const auto& p : population) {
    const MatchRecord q = record(p);
    const auto found = index.lookup(q, 5);
    ASSERT_FALSE(found.empty()) << p.id;
    const Comparison self = compare(q, q, NicknameTable::common_english());
    const double self_weight = score(model(), self, q, q).match_weight;
    EXPECT_DOUBLE_EQ(found.front().score.match_weight, self_weight) << p.id;
    for (const Candidate& c : found) EXPECT_LE(c.score.match_weight, self_weight) << p.id;
  }
}

// A double-barrelled family name is found from either of its parts alone.
TEST(MatchIndex, DoubleBarrelledNamesMatchOnEitherPart) {
  PersonIndex index(model(), NicknameTable::common_english());
  for (const auto& p : people(200)) index.add(record(p));
  PersonFields child = person(500, true);
  child.family_name = "Ashworth-Khan";
  child.postcode.clear();
  child.address.clear();
  child.nhs_number.clear();
  index.add(record(child));
  for (const char* written : {"Khan", "Ashworth", "Khan Ashworth", "ashworth khan"}) {
    PersonFields q = child;
    q.id = "query";
    q.family_name = written;
    const auto found = index.lookup(record(q), 10);
    ASSERT_FALSE(found.empty()) << written;
    EXPECT_EQ(found.front().id, child.id) << written;
    EXPECT_GT(found.front().score.match_probability, 0.5) << written;
  }
}

}  // namespace mash::match
