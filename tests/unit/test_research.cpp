#include <gtest/gtest.h>

#include "domain/research.h"

namespace mash {
namespace {

TEST(Research, RedactReplacesEachSpanWithItsMarker) {
  const std::string text = "Mother told the GP that her partner hit her. Neighbour Ann called.";
  const std::string gp = redaction_marker(Sensitivity::health_confidential);
  const std::string third = redaction_marker(Sensitivity::third_party);
  EXPECT_EQ(gp, "[redacted: health-confidential]");
  EXPECT_EQ(third, "[redacted: third-party information]");
  // "Neighbour Ann" starts at 45.
  EXPECT_EQ(redact(text, {{45, 58, third}, {0, 6, gp}}),
            gp + " told the GP that her partner hit her. " + third + " called.");
  // Overlapping spans are withheld whole, under the first one's marker.
  EXPECT_EQ(redact(text, {{0, 10, gp}, {5, 20, third}}),
            gp + "hat her partner hit her. Neighbour Ann called.");
  // Spans past the end are clipped; empty spans do nothing.
  EXPECT_EQ(redact("abc", {{1, 99, "[x]"}}), "a[x]");
  EXPECT_EQ(redact("abc", {{2, 2, "[x]"}}), "abc");
  EXPECT_EQ(redact("", {}), "");
}

TEST(Research, PassagesAreFoundWhereverTheyOccur) {
  EXPECT_EQ(find_passage("Ann and Ann", "Ann"),
            (std::vector<std::pair<size_t, size_t>>{{0, 3}, {8, 11}}));
  EXPECT_TRUE(find_passage("Ann", "Bob").empty());
  EXPECT_TRUE(find_passage("Ann", "").empty());
  EXPECT_EQ(find_passage("aaaa", "aa"), (std::vector<std::pair<size_t, size_t>>{{0, 2}, {2, 4}}));
}

TEST(Research, PassagesAreFoundWhateverTheirCaseAndSpacing) {
  using Spans = std::vector<std::pair<size_t, size_t>>;
  // Case: each occurrence, as written in the text.
  EXPECT_EQ(find_passage("Ann rang. ANN rang again.", "ann rang"), (Spans{{0, 8}, {10, 18}}));
  // Spacing: a line break or several spaces in the text match one space typed, and the reverse.
  const std::string text = "Her uncle,\nMr  Example, visits";
  EXPECT_EQ(find_passage(text, "uncle, Mr Example"), (Spans{{4, 22}}));
  EXPECT_EQ(find_passage("uncle, Mr Example", "uncle,\n\tMr   Example"), (Spans{{0, 17}}));
  // Spacing around the passage is not part of it, and spacing must match spacing.
  EXPECT_EQ(find_passage("a  b", "  a b \n"), (Spans{{0, 4}}));
  EXPECT_TRUE(find_passage("ab", "a b").empty());
  EXPECT_TRUE(find_passage("a b", "ab").empty());
  EXPECT_TRUE(find_passage("text", " \n ").empty());
  // Other characters match exactly: accented letters and punctuation.
  EXPECT_EQ(find_passage("Zoë ZOË", "Zoë"), (Spans{{0, 4}}));
  EXPECT_TRUE(find_passage("Zoe", "Zoë").empty());
  // A passage at the very end, and one longer than the text.
  EXPECT_EQ(find_passage("seen by GP", "gp"), (Spans{{8, 10}}));
  EXPECT_TRUE(find_passage("GP", "GP surgery").empty());
}

TEST(Research, CodesRoundTrip) {
  for (Sensitivity s : all_sensitivities()) {
    EXPECT_EQ(parse_sensitivity(code_of(s)), s);
    EXPECT_FALSE(label_of(s).empty());
  }
  EXPECT_FALSE(parse_sensitivity("secret"));
  for (RequestStatus s :
       {RequestStatus::requested, RequestStatus::in_progress, RequestStatus::answered})
    EXPECT_EQ(parse_request_status(code_of(s)), s);
  for (Known k : {Known::unanswered, Known::known, Known::not_known})
    EXPECT_EQ(parse_known(code_of(k)), k);
  EXPECT_FALSE(parse_known("maybe"));
  for (const RiskIndicator& r : risk_indicators()) EXPECT_EQ(risk_indicator(r.code), &r);
  EXPECT_EQ(risk_indicator("nonsense"), nullptr);
  EXPECT_TRUE(valid_handling_code("P"));
  EXPECT_TRUE(valid_handling_code("C"));
  EXPECT_FALSE(valid_handling_code("4"));
  EXPECT_EQ(standard_lawful_bases().size(), 5u);
}

}  // namespace
}  // namespace mash
