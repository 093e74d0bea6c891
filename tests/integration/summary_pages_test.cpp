// An outcome summary sent over real HTTP (issue 5): once the decision maker passes the contact to
// a worker, the research page offers the summary; without a purpose nothing is sent; sent, the
// worker reads it on their summaries page, where a passage the health practitioner withheld from
// children's social care is its marker, never its words, and the disclosures page lists it.
#include "research_pages.h"

namespace mash::it {
namespace {

TEST_F(ResearchPages, AnOutcomeSummaryReachesTheReceivingWorkerWithWithheldWordsWithheld) {
  const std::string family = "Summarywell";
  const auto [id, health] = answer_with_withheld_passage(family);
  ASSERT_GT(id, 0);
  ASSERT_GT(health, 0);

  const std::string action = research_of(id) + "/summaries";
  auto before = dm_.get(research_of(id));
  ASSERT_TRUE(before && before->status == 200);
  EXPECT_FALSE(has(before->body, "action=\"" + action + "\"")) << "offered before the decision";
  auto decided = post_json("/api/v1/contacts/" + std::to_string(id) + "/decision",
                           {{"route", "allocated_worker"},
                            {"threshold", 3},
                            {"worker", kOfficer},
                            {"rationale", "Assessment by the locality team"}},
                           *decider_token_);
  ASSERT_TRUE(decided && decided->status == 201) << (decided ? decided->body : "");
  auto page = dm_.get(research_of(id));
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_TRUE(has(page->body, "action=\"" + action + "\""));
  EXPECT_TRUE(has(page->body, std::string("value=\"") + kOfficer + "\"")) << "the worker first";

  const int64_t summaries = count_rows("outcome_summaries");
  auto bare = dm_.post_form(action, {{dm_.csrf_field(), dm_.csrf()}, {"to", kOfficer}});
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 422);
  EXPECT_TRUE(has(bare->body, "href=\"#summary-purpose\""));
  EXPECT_EQ(count_rows("outcome_summaries"), summaries);

  auto done = dm_.post_form(action, {{dm_.csrf_field(), dm_.csrf()},
                                     {"to", kOfficer},
                                     {"purpose", "Locality assessment this week"},
                                     {"note", "Please visit by Friday."}});
  ASSERT_TRUE(done);
  ASSERT_EQ(done->status, 303) << done->body;
  EXPECT_EQ(count_rows("outcome_summaries"), summaries + 1);

  auto inbox = io_.get("/summaries");
  ASSERT_TRUE(inbox && inbox->status == 200);
  const std::string html = unescaped(inbox->body);
  EXPECT_TRUE(has(html, "Outcome of contact " + std::to_string(id)));
  EXPECT_TRUE(has(html, "Assessment by the locality team"));
  EXPECT_TRUE(has(html, "Please visit by Friday."));
  EXPECT_TRUE(has(html, "[redacted: third-party information]"));
  EXPECT_FALSE(has(html, "A and E"));
  auto notes = io_.get("/notifications");
  ASSERT_TRUE(notes && notes->status == 200);
  EXPECT_TRUE(has(unescaped(notes->body),
                  "An outcome summary of contact " + std::to_string(id) + " was sent to you."));
  // Its sender sees it sent, not what it says: that is what the recipient may read.
  auto mine = dm_.get("/summaries");
  ASSERT_TRUE(mine && mine->status == 200);
  EXPECT_TRUE(has(unescaped(mine->body), "Locality assessment this week"));
  EXPECT_FALSE(has(unescaped(mine->body), "Outcome of contact " + std::to_string(id)));
  // Another agency's practitioner has none of it.
  auto theirs = nurse_.get("/summaries");
  ASSERT_TRUE(theirs && theirs->status == 200);
  EXPECT_FALSE(has(theirs->body, family));

  auto disclosures = dm_.get("/contacts/" + std::to_string(id) + "/disclosures");
  ASSERT_TRUE(disclosures && disclosures->status == 200);
  EXPECT_TRUE(
      has(disclosures->body, "Answer to " + reference_of(health) + " sent in an outcome summary"));
  EXPECT_TRUE(has(disclosures->body, "Locality assessment this week"));
}

}  // namespace
}  // namespace mash::it
