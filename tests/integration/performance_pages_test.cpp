// The performance page over real HTTP (issue 5): the figures in a table, a date at fault named
// and kept as typed, and no page or link for agency practitioners.
#include "research_pages.h"

namespace mash::it {
namespace {

TEST_F(ResearchPages, ThePerformancePageShowsTheFiguresAndNamesADateAtFault) {
  const std::string family = "Performancewell";
  const int64_t id = new_enquiry(family, *decider_token_);
  ASSERT_GT(id, 0);
  record_basis(id);
  ask(id, {"health"});
  auto page = dm_.get("/reports/timeliness");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  const std::string html = unescaped(page->body);
  EXPECT_TRUE(has(html, "How agencies answer information requests"));
  EXPECT_TRUE(has(html, "<th scope=\"row\" class=\"govuk-table__header\">Health</th>"));
  EXPECT_TRUE(has(html, "All agencies"));
  EXPECT_TRUE(has(html, "href=\"/reports/timeliness\" aria-current=\"true\""))
      << "the navigation marks the page";
  EXPECT_FALSE(has(html, family));

  auto wrong = dm_.get("/reports/timeliness?from=2026-02-30&to=2026-03-01");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_TRUE(has(wrong->body, "href=\"#from\""));
  EXPECT_TRUE(has(wrong->body, "value=\"2026-02-30\"")) << "what was typed is kept";
  EXPECT_FALSE(has(wrong->body, "All agencies"));

  auto refused = nurse_.get("/reports/timeliness");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  auto nav = nurse_.get("/requests");
  ASSERT_TRUE(nav && nav->status == 200);
  EXPECT_FALSE(has(nav->body, "href=\"/reports/timeliness\"")) << "not offered";
}

}  // namespace
}  // namespace mash::it
