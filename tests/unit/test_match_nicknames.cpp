#include <gtest/gtest.h>

#include "match/nicknames.h"

namespace mash::match {
namespace {

// Rows of ../shared/datasets/nicknames/names.csv (Apache-2.0), as the file writes them: a header,
// then name1,has_nickname,name2 with CRLF line ends.
constexpr std::string_view kDatasetSample =
    "name1,relationship,name2\r\n"
    "aaron,has_nickname,ron\r\n"
    "bill,has_nickname,william\r\n"
    "bob,has_nickname,robert\r\n"
    "elizabeth,has_nickname,beth\r\n"
    "elizabeth,has_nickname,betty\r\n"
    "elizabeth,has_nickname,eliza\r\n"
    "elizabeth,has_nickname,liz\r\n"
    "elizabeth,has_nickname,lizzie\r\n"
    "katherine,has_nickname,kate\r\n"
    "katherine,has_nickname,kathy\r\n"
    "katherine,has_nickname,kay\r\n"
    "lizzie,has_nickname,liz\r\n"
    "margaret,has_nickname,maggie\r\n"
    "margaret,has_nickname,meg\r\n"
    "margaret,has_nickname,peg\r\n"
    "margaret,has_nickname,peggy\r\n"
    "peggy,has_nickname,peg\r\n"
    "robert,has_nickname,bill\r\n"
    "robert,has_nickname,bob\r\n"
    "robert,has_nickname,bobby\r\n"
    "robert,has_nickname,rob\r\n"
    "william,has_nickname,bill\r\n"
    "william,has_nickname,billy\r\n"
    "william,has_nickname,will\r\n"
    "william,has_nickname,willie\r\n";

struct Row {
  const char* a;
  const char* b;
  bool nicknames;
  bool share_formal_name;
};

// Rules that hold in the data set's sample and in the built-in table alike.
const Row kRules[] = {
    {"bob", "robert", true, false},
    {"robert", "bob", true, false},  // symmetric
    {"bill", "william", true, false},
    {"william", "bill", true, false},
    {"peggy", "margaret", true, false},
    {"liz", "elizabeth", true, false},
    {"kate", "katherine", true, false},
    {"Bob", "ROBERT", true, false},    // case is folded
    {"bob", "rob", false, true},       // both Robert
    {"maggie", "peggy", false, true},  // both Margaret
    {"liz", "beth", false, true},
    {"robert", "robert", false, false},  // the same name is not a nickname of itself
    {"bob", "margaret", false, false},
    {"bob", "zebedee", false, false},  // not in the table
    {"", "", false, false},
};

void expect_rules(const NicknameTable& table) {
  for (const auto& r : kRules) {
    EXPECT_EQ(table.are_nicknames(r.a, r.b), r.nicknames) << r.a << " / " << r.b;
    EXPECT_EQ(table.share_formal_name(r.a, r.b), r.share_formal_name) << r.a << " / " << r.b;
  }
}

TEST(MatchNicknames, ParsesTheDataSetFormat) {
  const auto table = NicknameTable::parse_csv(kDatasetSample);
  ASSERT_TRUE(table.ok()) << table.error().message;
  expect_rules(*table);
  EXPECT_TRUE(table->are_nicknames("ron", "aaron"));
  EXPECT_TRUE(table->are_nicknames("peg", "peggy"));  // a nickname of a nickname, listed
}

TEST(MatchNicknames, BuiltInCommonEnglishTable) {
  const NicknameTable& table = NicknameTable::common_english();
  EXPECT_GT(table.size(), 100u);
  expect_rules(table);
  EXPECT_TRUE(table.are_nicknames("jim", "james"));
  EXPECT_TRUE(table.are_nicknames("ted", "edward"));
  EXPECT_TRUE(table.are_nicknames("sally", "sarah"));
  EXPECT_EQ(&table, &NicknameTable::common_english());  // built once
}

TEST(MatchNicknames, NormalisesNamesAsGivenNames) {
  const auto table = NicknameTable::parse_csv("Zoë,has_nickname,Zo\n JOSÉ , has_nickname , Pepe\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_TRUE(table->are_nicknames("zoe", "zo"));
  EXPECT_TRUE(table->are_nicknames("pepe", "jose"));
}

TEST(MatchNicknames, AcceptsBlankLinesAndNoHeader) {
  const auto table = NicknameTable::parse_csv("\nrobert,has_nickname,bob\n\n");
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(table->are_nicknames("bob", "robert"));
  EXPECT_EQ(NicknameTable::parse_csv("")->size(), 0u);
}

TEST(MatchNicknames, RejectsABadLineNamingIt) {
  struct Bad {
    const char* csv;
    const char* field;
  };
  const Bad rows[] = {
      {"name1,relationship,name2\nrobert,has_nickname\n", "line 2"},
      {"robert,has_nickname,bob\nrobert,has_nickname,bob,extra\n", "line 2"},
      {"robert,is_not,bob\n", "line 1"},
      {"robert,has_nickname,bob\n\n,has_nickname,bob\n", "line 3"},
  };
  for (const auto& r : rows) {
    const auto table = NicknameTable::parse_csv(r.csv);
    ASSERT_FALSE(table.ok()) << r.csv;
    EXPECT_EQ(table.error().kind, Error::Kind::invalid);
    ASSERT_EQ(table.error().fields.size(), 1u);
    EXPECT_EQ(table.error().fields[0].field, r.field) << r.csv;
  }
}

TEST(MatchNicknames, AnEmptyTableKnowsNoNicknames) {
  const NicknameTable table;
  EXPECT_FALSE(table.are_nicknames("bob", "robert"));
  EXPECT_EQ(table.size(), 0u);
}

}  // namespace
}  // namespace mash::match
