// The CSV reader the matching commands use: what agencies and data sets really write.
#include <gtest/gtest.h>

#include "cli/csv.h"

namespace mash::cli {
namespace {

TEST(Csv, ReadsAHeaderAndRows) {
  auto t = parse_csv("id,given_name,surname\n1,Zoë,O'Connor\n2,Matt,Example\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header, (std::vector<std::string>{"id", "given_name", "surname"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][1], "Zoë");
  EXPECT_EQ(t->rows[1][2], "Example");
  EXPECT_EQ(t->row_lines, (std::vector<size_t>{2, 3}));
}

TEST(Csv, QuotesHoldCommasQuotesAndLineBreaks) {
  auto t = parse_csv(
      "id,address\r\n1,\"1 Example Street, Blackburn\"\r\n2,\"the \"\"Old\"\" Mill\"\r\n"
      "3,\"Flat 2\nMill Lane\"\r\n4,plain\r\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0][1], "1 Example Street, Blackburn");
  EXPECT_EQ(t->rows[1][1], "the \"Old\" Mill");
  EXPECT_EQ(t->rows[2][1], "Flat 2\nMill Lane");
  EXPECT_EQ(t->rows[3][1], "plain");
  EXPECT_EQ(t->row_lines[3], 6u);  // the quoted line break counts as a line
}

TEST(Csv, ByteOrderMarkAndSpacesAfterCommasAreIgnored) {
  auto t = parse_csv("\xEF\xBB\xBFrec_id, given_name\nrec-1-org, michaela\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header[0], "rec_id");
  EXPECT_EQ(t->column("GIVEN_NAME"), 1);
  EXPECT_EQ(t->column("surname"), -1);
  EXPECT_EQ(t->rows[0][1], "michaela");
}

TEST(Csv, BadRowsAreNamedByLine) {
  auto short_row = parse_csv("a,b,c\n1,2,3\n4,5\n");
  ASSERT_FALSE(short_row.ok());
  EXPECT_EQ(short_row.error().kind, Error::Kind::invalid);
  EXPECT_NE(short_row.error().message.find("3"), std::string::npos) << short_row.error().message;
  auto open_quote = parse_csv("a,b\n1,\"never closed\n");
  ASSERT_FALSE(open_quote.ok());
  EXPECT_NE(open_quote.error().message.find("line 2"), std::string::npos)
      << open_quote.error().message;
}

TEST(Csv, AMissingFileIsNamed) {
  auto t = read_csv_file("/nonexistent/people.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("/nonexistent/people.csv"), std::string::npos);
}

}  // namespace
}  // namespace mash::cli
