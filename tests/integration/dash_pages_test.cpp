// The DASH checklist's pages over real HTTP (issue 4): a decision maker opens the form from a
// domestic-abuse contact, answers the 24 questions and sees the MARAC referral flagged on the
// contact page with its score, level and history; questions left unanswered are each named in the
// error summary, linked to their radios, and nothing is stored; a referral administrator sees the
// checklist but is not offered the form. And the admin page showing the hub's configuration.
#include <gtest/gtest.h>

#include "harness.h"

namespace mash::it {
namespace {

constexpr const char* kDashDecisionMaker = "dm.dash";

void add_user_once(const char* username, const char* role) {
  auto r = run_mash({"user", "add", "--db", world().db_url, "--username", username, "--role", role,
                     "--agency", "childrens_social_care", "--name", "Dash Tester"},
                    password_of(username) + "\n");
  // Added by an earlier test of this run: that is fine.
  EXPECT_TRUE(r.exit_code == 0 || r.err.find("already") != std::string::npos) << r.out << r.err;
}

int64_t send_contact() {
  auto res = post_contact(valid_contact(unique_ref("DASH"), "Dashfield"), world().police_token);
  EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  return res && res->status == 201 ? json::parse(res->body).at("id").get<int64_t>() : 0;
}

class DashPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { add_user_once(kDashDecisionMaker, "decision_maker"); }
  void SetUp() override {
    auto signed_in = dm_.sign_in(kDashDecisionMaker, password_of(kDashDecisionMaker));
    ASSERT_TRUE(signed_in && signed_in->status == 303);
  }
  // The form's fields: `yes` questions yes from question 1, the rest no; `skip` left out.
  std::vector<std::pair<std::string, std::string>> filled(int yes, std::vector<int> skip = {}) {
    std::vector<std::pair<std::string, std::string>> f = {{dm_.csrf_field(), dm_.csrf()}};
    for (int n = 1; n <= 24; ++n)
      if (std::find(skip.begin(), skip.end(), n) == skip.end())
        f.push_back({"answer-" + std::to_string(n), n <= yes ? "yes" : "no"});
    f.push_back({"incidents", "1"});
    return f;
  }
  Browser dm_;
};

TEST_F(DashPages, ADecisionMakerRecordsAChecklistAndSeesTheMaracReferral) {
  const int64_t id = send_contact();
  ASSERT_GT(id, 0);
  const std::string path = "/contacts/" + std::to_string(id);
  auto contact = dm_.get(path);
  ASSERT_TRUE(contact && contact->status == 200);
  EXPECT_TRUE(has(contact->body, "id=\"contact-dash\">DASH risk checklist</h2>"))
      << "a domestic-abuse contact offers the checklist";
  EXPECT_TRUE(has(contact->body, "No DASH checklist has been recorded for this contact."));
  EXPECT_TRUE(has(contact->body, "href=\"" + path + "/dash\""));
  EXPECT_TRUE(has(contact->body, "Complete a DASH checklist"));

  auto form = dm_.get(path + "/dash");
  ASSERT_TRUE(form && form->status == 200);
  EXPECT_TRUE(has(form->body, "<h1 class=\"govuk-heading-l\">DASH risk identification checklist"));
  EXPECT_TRUE(has(form->body,
                  "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">"
                  "14. Threats to kill</legend>"));
  EXPECT_TRUE(has(form->body,
                  "id=\"answer-14-3\" name=\"answer-14\" type=\"radio\" "
                  "value=\"not_known\""));
  EXPECT_TRUE(has(form->body, "Refer to MARAC on professional judgement"));

  const int64_t before = count_rows("dash_assessments");
  auto res = dm_.post_form(path + "/dash", filled(16));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), path + "?dash=1");
  EXPECT_EQ(count_rows("dash_assessments"), before + 1);

  auto after = dm_.get(path + "?dash=1");
  ASSERT_TRUE(after && after->status == 200);
  const std::string& html = after->body;
  EXPECT_TRUE(has(html, "DASH checklist recorded."));
  EXPECT_TRUE(has(html,
                  "<strong class=\"govuk-tag govuk-tag--red\">MARAC referral: yes — visible "
                  "high risk (16 of 24)</strong>"))
      << "the MARAC referral is a tag with its text";
  EXPECT_TRUE(has(html, "<strong class=\"govuk-tag govuk-tag--red\">High risk</strong>"));
  EXPECT_TRUE(has(html, "16 of 24 (visible high risk at 14)"));
  EXPECT_TRUE(has(html, "Visible high risk: the checklist's score"));
  EXPECT_TRUE(has(html, "Record a new DASH checklist"));
  EXPECT_TRUE(has(html, "Recorded a DASH checklist")) << "the access history names it";

  // A second checklist supersedes the first: the history lists both.
  res = dm_.post_form(path + "/dash", filled(3));
  ASSERT_EQ(res->status, 303) << res->body;
  const std::string later = dm_.get(path)->body;
  EXPECT_TRUE(
      has(later, "<strong class=\"govuk-tag govuk-tag--grey\">MARAC referral: no</strong>"));
  EXPECT_TRUE(has(later, "Every checklist (2)"));
}

TEST_F(DashPages, UnansweredQuestionsAreEachNamedAndNothingIsStored) {
  const int64_t id = send_contact();
  ASSERT_GT(id, 0);
  const std::string path = "/contacts/" + std::to_string(id);
  ASSERT_EQ(dm_.get(path + "/dash")->status, 200);
  const int64_t before = count_rows("dash_assessments");
  auto fields = filled(2, {7, 19});
  fields.push_back({"judgement", "high"});
  auto res = dm_.post_form(path + "/dash", fields);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string& html = res->body;
  EXPECT_TRUE(has(html, "<title>Error: "));
  EXPECT_TRUE(has(html, "There is a problem"));
  EXPECT_TRUE(has(html,
                  "<a href=\"#answer-7\">Answer question 7 (Conflict over child contact): "
                  "yes, no or not known</a>"));
  EXPECT_TRUE(has(html, "<a href=\"#answer-19\">"));
  EXPECT_TRUE(has(html, "<a href=\"#judgement-reason\">Say why you judge the risk as you do</a>"));
  const std::string text = unescaped(html);
  EXPECT_LT(text.find("href=\"#answer-7\""), text.find("href=\"#answer-19\""));
  EXPECT_LT(text.find("href=\"#answer-19\""), text.find("href=\"#judgement-reason\""))
      << "in the order of the page";
  EXPECT_TRUE(has(html, "<p id=\"answer-7-error\" class=\"govuk-error-message\">"));
  EXPECT_TRUE(has(html, "id=\"answer-1\" name=\"answer-1\" type=\"radio\" value=\"yes\" checked"))
      << "the answers given are kept";
  EXPECT_EQ(count_rows("dash_assessments"), before);
}

TEST_F(DashPages, AReferralAdministratorSeesButIsNotOfferedTheForm) {
  const int64_t id = send_contact();
  ASSERT_GT(id, 0);
  const std::string path = "/contacts/" + std::to_string(id);
  Browser ra;
  ASSERT_EQ(ra.sign_in(kReferralAdministrator, password_of(kReferralAdministrator))->status, 303);
  auto page = ra.get(path);
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_TRUE(has(page->body, "DASH risk checklist"));
  EXPECT_FALSE(has(page->body, "Complete a DASH checklist"));
  EXPECT_EQ(ra.get(path + "/dash")->status, 403);
  auto res = ra.post_form(path + "/dash", {{ra.csrf_field(), ra.csrf()}, {"answer-1", "yes"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  // Without its CSRF token the form changes nothing.
  const int64_t before = count_rows("dash_assessments");
  auto forged = dm_.post_form(path + "/dash", {{"answer-1", "yes"}});
  EXPECT_EQ(forged->status, 400);
  EXPECT_EQ(count_rows("dash_assessments"), before);
}

TEST(AdminConfiguration, HubStaffReadTheRulesTheHubRunsWith) {
  Browser ra;
  ASSERT_EQ(ra.sign_in(kReferralAdministrator, password_of(kReferralAdministrator))->status, 303);
  auto queue = ra.get("/contacts");
  ASSERT_TRUE(queue && queue->status == 200);
  EXPECT_TRUE(has(queue->body, "href=\"/admin/configuration\"")) << "linked from the navigation";
  auto res = ra.get("/admin/configuration");
  ASSERT_TRUE(res && res->status == 200);
  const std::string& html = res->body;
  for (const char* want :
       {"<h1 class=\"govuk-heading-l\">Hub configuration</h1>",
        "The standard configuration: no file was given to",
        "Europe/London",
        "<th scope=\"row\" class=\"govuk-table__header\">Monday</th>",
        "08:30 to 17:00",
        "Closed",
        "8 hours 30 minutes",
        "Friday 25 Dec 2026",
        "Monday 28 Dec 2026",
        "Bank holiday (England and Wales)",
        "4 hours",
        "1 working day",
        "3 working days",
        "Elapsed time: runs past closing",
        "Working time: only the hub's working hours",
        "No: not a MASH enquiry",
        "6 working hours",
        "Specialist / child protection",
        "Social worker, Decision maker / team manager, Hub manager",
        "Within 45 working days of the referral",
        "14 or more \"yes\" answers of 24",
        "3 or more domestic abuse incidents in 12 months",
        "aria-current=\"true\"><strong class=\"govuk-service-navigation__active-fallback\">Hub "
        "configuration</strong>"})
    EXPECT_TRUE(has(html, want)) << "the configuration page does not show: " << want;

  // An agency practitioner may not; nor may anyone not signed in.
  Browser ap;
  ASSERT_EQ(ap.sign_in(kAgencyPractitioner, password_of(kAgencyPractitioner))->status, 303);
  EXPECT_EQ(ap.get("/admin/configuration")->status, 403);
  Browser nobody;
  auto anonymous = nobody.get("/admin/configuration");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 303);
  EXPECT_EQ(anonymous->get_header_value("Location").rfind("/sign-in", 0), 0u);
}

}  // namespace
}  // namespace mash::it
