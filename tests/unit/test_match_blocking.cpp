#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "match/blocking.h"
#include "match/record.h"

namespace mash::match {
namespace {

MatchRecord person(std::string id, std::string given, std::string family, std::string dob,
                   std::string postcode = "", std::string town = "") {
  PersonFields p;
  p.id = std::move(id);
  p.given_name = std::move(given);
  p.family_name = std::move(family);
  p.date_of_birth = std::move(dob);
  p.postcode = std::move(postcode);
  p.town = std::move(town);
  return make_match_record(std::move(p));
}

TEST(MatchRecord, DatesOfBirthInTheFormsRecordsUse) {
  struct Row {
    const char* text;
    std::optional<Date> expected;
  };
  const Row rows[] = {
      {"2014-03-07", Date{2014, 3, 7}},
      {"20140307", Date{2014, 3, 7}},  // FEBRL
      {" 19151111 ", Date{1915, 11, 11}},
      {"07/03/2014", Date{2014, 3, 7}},  // UK order: day first
      {"7-3-2014", Date{2014, 3, 7}},
      {"2014-3-7", Date{2014, 3, 7}},
      {"20140230", std::nullopt},  // no 30 February
      {"", std::nullopt},
      {"unknown", std::nullopt},
      {"2014-03", std::nullopt},
      {"07/03/14", std::nullopt},  // two-digit years are ambiguous
  };
  for (const auto& r : rows) EXPECT_EQ(parse_date_of_birth(r.text), r.expected) << r.text;
}

// An unborn child's "Unborn", or "Baby Girl", is not a name to compare: treated as missing.
TEST(MatchRecord, PlaceholderGivenNamesAreMissing) {
  for (const char* placeholder : {"Unborn", "BABY", "Baby Girl", "unknown", "N.K.", "Not known"}) {
    PersonFields p;
    p.given_name = placeholder;
    p.family_name = "Brown";
    EXPECT_TRUE(make_match_record(p).given.empty()) << placeholder;
  }
  for (const char* name : {"Babette", "Bab", "Unity", "Nkechi"}) {
    PersonFields p;
    p.given_name = name;
    EXPECT_FALSE(make_match_record(p).given.empty()) << name;
  }
}

TEST(MatchRecord, NormalisesEachField) {
  PersonFields p;
  p.id = "rec-1";
  p.given_name = "Zoë";
  p.family_name = "O'Connor-Smith";
  p.date_of_birth = "20140307";
  p.postcode = "bb21dh";
  p.address = "12, Pinkerton  Circuit";
  p.town = "Bega Flats";
  p.sex = "Female";
  p.nhs_number = "943 476 5919";
  p.other_identifier = " 530-4218 ";
  p.email = " Zoe@Example.COM ";
  const MatchRecord r = make_match_record(p);
  EXPECT_EQ(r.id, "rec-1");
  EXPECT_EQ(r.given.full, "zoe");
  EXPECT_EQ(r.family.parts, (std::vector<std::string>{"oconnor", "smith"}));
  EXPECT_EQ(r.date_of_birth, (Date{2014, 3, 7}));
  EXPECT_EQ(r.postcode, "BB2 1DH");
  EXPECT_TRUE(r.uk_postcode);
  EXPECT_EQ(r.address, "12 pinkerton circuit");
  EXPECT_EQ(r.town, "bega flats");
  EXPECT_EQ(r.sex, Sex::female);
  EXPECT_EQ(r.nhs_number, "9434765919");
  EXPECT_EQ(r.other_identifier, "5304218");
  EXPECT_EQ(r.email, "zoe@example.com");

  PersonFields australian;
  australian.postcode = "4223";
  const MatchRecord febrl = make_match_record(australian);
  EXPECT_EQ(febrl.postcode, "4223");  // another country's postcode is kept, compared whole
  EXPECT_FALSE(febrl.uk_postcode);
  PersonFields bad_nhs;
  bad_nhs.nhs_number = "1234567890";  // fails the check digit
  EXPECT_EQ(make_match_record(bad_nhs).nhs_number, "");
}

// Records with many shared keys, so that several rules find the same pairs.
std::vector<MatchRecord> crowd() {
  const char* given[] = {"john", "jon", "mary", "marie", "peter"};
  const char* family[] = {"smith", "smyth", "jones", "brown"};
  const char* dob[] = {"2014-03-07", "2014-07-03", "2015-01-01"};
  const char* postcode[] = {"BB2 1DH", "BB2 1AB", "M1 1AA"};
  std::vector<MatchRecord> out;
  for (int i = 0; i < 60; ++i)
    out.push_back(person("r" + std::to_string(i), given[i % 5], family[i % 4], dob[i % 3],
                         postcode[i % 3], i % 2 ? "leeds" : ""));
  return out;
}

TEST(MatchBlocking, DedupeNeverPairsARecordWithItselfNorRepeatsAPair) {
  const auto records = crowd();
  const Candidates c = block_dedupe(records);
  std::set<std::pair<uint32_t, uint32_t>> seen;
  for (const CandidatePair& p : c.pairs) {
    EXPECT_LT(p.left, p.right) << "left < right, so never a record with itself";
    EXPECT_LT(p.right, records.size());
    EXPECT_TRUE(seen.insert({p.left, p.right}).second) << p.left << "," << p.right << " twice";
  }
  EXPECT_FALSE(c.pairs.empty());
}

TEST(MatchBlocking, ReportCountsEachRulesPairs) {
  const auto records = crowd();
  const Candidates c = block_dedupe(records);
  ASSERT_EQ(c.report.rules.size(), default_blocking_rules().size());
  uint64_t new_pairs = 0;
  for (size_t i = 0; i < c.report.rules.size(); ++i) {
    EXPECT_EQ(c.report.rules[i].name, default_blocking_rules()[i].name);
    EXPECT_LE(c.report.rules[i].new_pairs, c.report.rules[i].generated);
    new_pairs += c.report.rules[i].new_pairs;
  }
  EXPECT_EQ(new_pairs, c.pairs.size()) << "each pair is new to exactly one rule";
  // The first rule's pairs are all new; later rules find many of them again.
  EXPECT_EQ(c.report.rules[0].new_pairs, c.report.rules[0].generated);
  EXPECT_GT(c.report.rules[2].generated, c.report.rules[2].new_pairs);
}

TEST(MatchBlocking, LinkFindsTheMatchesEachRuleIsFor) {
  struct Row {
    const char* why;
    MatchRecord a, b;
    bool paired;
  };
  const Row rows[] = {
      {"sound-alike family name, same birth year", person("a", "john", "smith", "2014-03-07"),
       person("b", "xavier", "smyth", "2014-11-30"), true},
      {"same postcode district and given initial", person("a", "john", "", "", "BB2 1DH"),
       person("b", "jon", "", "", "BB2 4QZ"), true},
      {"same date of birth only", person("a", "", "", "2014-03-07"),
       person("b", "", "", "2014-03-07"), true},
      {"same town and family initial", person("a", "", "smith", "", "", "leeds"),
       person("b", "", "swan", "", "", "leeds"), true},
      {"nothing shared", person("a", "john", "smith", "2014-03-07", "BB2 1DH"),
       person("b", "mary", "jones", "1990-12-25", "M1 1AA"), false},
      {"both empty: missing keys never meet", person("a", "", "", ""), person("b", "", "", ""),
       false},
  };
  for (const auto& r : rows) {
    const Candidates c = block_link({r.a}, {r.b});
    EXPECT_EQ(c.pairs.size(), r.paired ? 1u : 0u) << r.why;
  }
}

TEST(MatchBlocking, LinkPairsEachLeftWithEachRightOnce) {
  const auto left = crowd();
  const auto right = crowd();
  const Candidates c = block_link(left, right);
  std::set<std::pair<uint32_t, uint32_t>> seen;
  for (const CandidatePair& p : c.pairs) {
    EXPECT_LT(p.left, left.size());
    EXPECT_LT(p.right, right.size());
    EXPECT_TRUE(seen.insert({p.left, p.right}).second);
  }
  for (uint32_t i = 0; i < left.size(); ++i)
    EXPECT_TRUE(seen.count({i, i})) << "a record and its copy share every key";
}

}  // namespace
}  // namespace mash::match
