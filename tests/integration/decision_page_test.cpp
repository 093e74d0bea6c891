// Screening's decision on the contact page over real HTTP (issue 4): a decision maker decides a
// rated contact and sees the route, the worker and the clocks met; a decision with problems gives
// a GOV.UK error summary linking to each field and stores nothing; a social worker sees no form;
// a hub manager reads of a missed due time on the notifications page and dismisses it.
#include <gtest/gtest.h>

#include <thread>

#include "harness.h"

namespace mash::it {
namespace {

constexpr const char* kDecider = "dm.decision";
constexpr const char* kManager = "hm.decision";

void add_user(const char* username, const char* role, const char* name) {
  auto r = run_mash({"user", "add", "--db", world().db_url, "--username", username, "--role", role,
                     "--agency", "childrens_social_care", "--name", name},
                    password_of(username) + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
}

int64_t send_contact(int hours_ago) {
  json contact = valid_contact(unique_ref("DECIDE"), "Decidable");
  contact["received_at"] = rfc3339_utc(-3600 * hours_ago);
  auto res = post_contact(contact, world().police_token);
  EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  return res && res->status == 201 ? json::parse(res->body).at("id").get<int64_t>() : 0;
}

class DecisionPage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    add_user(kDecider, "decision_maker", "Dee Cider");
    add_user(kManager, "hub_manager", "Hana Manager");
  }
  void SetUp() override {
    auto signed_in = decider_.sign_in(kDecider, password_of(kDecider));
    ASSERT_TRUE(signed_in && signed_in->status == 303);
  }
  std::string path(int64_t id) { return "/contacts/" + std::to_string(id); }
  void rate(int64_t id, const char* rating) {
    decider_.get(path(id));  // the form's CSRF token comes with a page
    auto r = decider_.post_form(path(id) + "/rating", {{decider_.csrf_field(), decider_.csrf()},
                                                       {"rating", rating},
                                                       {"rationale", "Screened on receipt"}});
    ASSERT_TRUE(r && r->status == 303);
  }
  httplib::Result decide(int64_t id, std::vector<std::pair<std::string, std::string>> fields) {
    fields.insert(fields.begin(), {decider_.csrf_field(), decider_.csrf()});
    return decider_.post_form(path(id) + "/decision", fields);
  }
  Browser decider_;
};

TEST_F(DecisionPage, ADecisionMakerDecidesARatedContact) {
  const int64_t id = send_contact(1);
  auto before = decider_.get(path(id));
  ASSERT_TRUE(before && before->status == 200);
  EXPECT_TRUE(has(before->body, "id=\"contact-decision\">Decision and clocks</h2>"));
  EXPECT_TRUE(has(before->body, "Referral decision (statutory)"));
  EXPECT_FALSE(has(before->body, "action=\"" + path(id) + "/decision\""))
      << "no form before the contact is rated";
  rate(id, "amber");
  auto rated = decider_.get(path(id));
  EXPECT_TRUE(has(rated->body, "action=\"" + path(id) + "/decision\""));
  EXPECT_TRUE(has(rated->body, "Progress to a MASH enquiry"));
  EXPECT_TRUE(has(rated->body, "4 Specialist / child protection"));
  EXPECT_TRUE(has(rated->body, "Decision (Amber)"));

  auto done = decide(id, {{"threshold", "2"},
                          {"route", "advice_signpost"},
                          {"worker", ""},
                          {"strategy_discussion_at", ""},
                          {"rationale", "Early help offer through the school"}});
  ASSERT_TRUE(done);
  ASSERT_EQ(done->status, 303) << done->body;
  EXPECT_EQ(done->get_header_value("Location"), path(id) + "?decided=1#contact-decision");
  auto after = decider_.get(path(id) + "?decided=1");
  ASSERT_TRUE(after && after->status == 200);
  EXPECT_TRUE(has(after->body, "Decision recorded: Advice and signpost"));
  EXPECT_TRUE(has(after->body, "2 Early help"));
  EXPECT_TRUE(has(after->body, "Early help offer through the school"));
  EXPECT_TRUE(has(after->body, "<strong class=\"govuk-tag govuk-tag--blue\">Decided</strong>") ||
              has(after->body, ">Decided</strong>"));
  EXPECT_FALSE(has(after->body, "action=\"" + path(id) + "/decision\"")) << "decided: no form";
  EXPECT_TRUE(has(after->body, "Met "));
}

TEST_F(DecisionPage, ProblemsAreShownWithTheTextKeptAndNothingStored) {
  const int64_t id = send_contact(1);
  rate(id, "green");
  const int64_t decisions = count_rows("contact_decisions");
  auto res = decide(id, {{"threshold", ""},
                         {"route", "allocated_worker"},
                         {"worker", ""},
                         {"strategy_discussion_at", "next Tuesday"},
                         {"rationale", "Kept text"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_TRUE(has(res->body, "govuk-error-summary"));
  for (const char* href : {"#threshold", "#worker", "#strategy_discussion_at"})
    EXPECT_TRUE(has(res->body, std::string("href=\"") + href + "\"")) << href;
  EXPECT_TRUE(has(res->body, "Choose the threshold level"));
  EXPECT_TRUE(has(res->body, "Enter the username of the worker to pass the contact to"));
  EXPECT_TRUE(has(res->body, "Kept text"));
  EXPECT_TRUE(has(res->body, "<title>Error: "));
  EXPECT_EQ(count_rows("contact_decisions"), decisions);

  auto forged = decider_.post_form(
      path(id) + "/decision",
      {{"route", "no_further_action"}, {"threshold", "1"}, {"rationale", "No CSRF token"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 400);
  EXPECT_EQ(count_rows("contact_decisions"), decisions);
}

TEST_F(DecisionPage, AHubManagerReadsOfAMissedDueTimeAndDismissesIt) {
  Browser manager;
  ASSERT_EQ(manager.sign_in(kManager, password_of(kManager))->status, 303);
  const int64_t id = send_contact(5);  // Red, 4 hours: already past due when rated
  rate(id, "red");
  std::string body;
  for (int i = 0; i < 100; ++i) {
    auto page = manager.get("/notifications");
    ASSERT_TRUE(page && page->status == 200);
    body = page->body;
    if (has(body, "Contact " + std::to_string(id) + " is overdue")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(has(body, "Contact " + std::to_string(id) + " is overdue: its decision (red)"))
      << "not told within 10 seconds";
  EXPECT_TRUE(has(body, "href=\"/contacts/" + std::to_string(id) + "\""));
  EXPECT_TRUE(has(body, "Notifications ("));

  auto contact = decider_.get(path(id));
  EXPECT_TRUE(has(contact->body, "Missed due times"));
  EXPECT_TRUE(has(contact->body, "Overdue by"));

  auto dismissed = manager.post_form("/notifications/dismiss",
                                     {{manager.csrf_field(), manager.csrf()}, {"id", "all"}});
  ASSERT_TRUE(dismissed);
  ASSERT_EQ(dismissed->status, 303);
  auto after = manager.get("/notifications");
  EXPECT_TRUE(has(after->body, "You have no notifications."));
}

TEST_F(DecisionPage, ASocialWorkerSeesTheClocksButNoForm) {
  add_user("sw.decision", "social_worker", "Sam Worker");
  Browser sw;
  ASSERT_EQ(sw.sign_in("sw.decision", password_of("sw.decision"))->status, 303);
  const int64_t id = send_contact(1);
  rate(id, "green");
  auto page = sw.get(path(id));
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_TRUE(has(page->body, "Decision and clocks"));
  EXPECT_FALSE(has(page->body, "action=\"" + path(id) + "/decision\""));
  sw.get(path(id));
  auto refused = sw.post_form(path(id) + "/decision", {{sw.csrf_field(), sw.csrf()},
                                                       {"route", "no_further_action"},
                                                       {"threshold", "1"},
                                                       {"rationale", "Not mine to decide"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

}  // namespace
}  // namespace mash::it
