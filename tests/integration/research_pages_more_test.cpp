// The research pages over real HTTP (issue 5), continued: who has seen a child's record, and
// passages of the referral's account withheld from the agency it is shared with. The set-up is in
// research_pages.h.
#include "research_pages.h"

namespace mash::it {
namespace {

// Who has seen a child's record (issue 5: "who saw this child's record, and why"): the agency
// asked saw the subjects' identifying details when it opened and answered the request, so the
// subject's access history names it (the request's events are recorded against the request,
// which the history includes for each of the child's contacts).
TEST_F(ResearchPages, ASubjectsAccessHistoryNamesTheAgencyThatSawTheirDetails) {
  const std::string family = "Seenby";
  const int64_t id = new_enquiry(family, *decider_token_);
  ASSERT_GT(id, 0);
  record_basis(id);
  ask(id, {"health"});
  const int64_t health = queued(nurse_, family);
  ASSERT_GT(health, 0);
  ASSERT_EQ(nurse_.get(request_path(health))->status, 200);
  const auto subjects = all_of(dm_.get(research_of(id))->body, R"re(/subjects/(\d+)/access")re");
  ASSERT_FALSE(subjects.empty());
  auto history =
      dm_.get("/contacts/" + std::to_string(id) + "/subjects/" + subjects[0] + "/access");
  ASSERT_TRUE(history && history->status == 200);
  EXPECT_TRUE(has(history->body, kNurse))
      << "the health practitioner who opened the request is not in the child's access history";
}

// A passage of the referral's account withheld from the agency it is shared with: typed on the
// research page (one passage per line), shown to the agency as its marker, its words in nothing
// the agency's practitioner fetches (their queue, the request, its JSON); a passage not in the
// account is refused, with the form kept, and nothing is sent.
TEST_F(ResearchPages, APassageOfTheSharedAccountIsWithheldFromTheAgencyAsked) {
  const std::string family = "Withheldpassage";
  const int64_t id = new_enquiry(family, *decider_token_);
  ASSERT_GT(id, 0);
  record_basis(id);
  const std::string passage = "verbal argument between the parents";
  ASSERT_EQ(dm_.get(research_of(id))->status, 200);
  auto wrong = dm_.post_form(research_of(id) + "/requests",
                             {{dm_.csrf_field(), dm_.csrf()},
                              {"agencies", "health"},
                              {"question", "What do you know of the family?"},
                              {"narrative_reason", "Health visitors need the incident"},
                              {"narrative_withheld", "words nobody wrote"},
                              {"narrative_withheld_reason", "third_party"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 422);
  EXPECT_TRUE(has(wrong->body, "href=\"#narrative_withheld\""));
  EXPECT_TRUE(has(wrong->body, "words nobody wrote")) << "what was typed is kept";
  EXPECT_EQ(queued_or_zero(family), 0) << "nothing was sent";

  auto sent = dm_.post_form(research_of(id) + "/requests",
                            {{dm_.csrf_field(), dm_.csrf()},
                             {"agencies", "health"},
                             {"question", "What do you know of the family?"},
                             {"narrative_reason", "Health visitors need the incident"},
                             {"narrative_withheld", passage + "\r\n\r\n"},
                             {"narrative_withheld_reason", "third_party"}});
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->status, 303) << sent->body;
  const int64_t request = queued(nurse_, family);
  ASSERT_GT(request, 0);
  auto page = nurse_.get(request_path(request));
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_TRUE(has(page->body, "[redacted: third-party information]"));
  EXPECT_TRUE(has(page->body, "the child was present"));
  auto api = client().Get(("/api/v1/requests/" + std::to_string(request)).c_str(),
                          bearer(token_of(kNurse)));
  ASSERT_TRUE(api && api->status == 200) << (api ? api->body : "no answer");
  for (const std::string& body :
       {page->body, nurse_.get("/requests")->body, api->body, unescaped(page->body)}) {
    EXPECT_FALSE(contains_ci(body, passage)) << "the withheld words reached the agency";
  }
}

}  // namespace
}  // namespace mash::it
