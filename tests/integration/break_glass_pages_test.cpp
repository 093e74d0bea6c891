// Break-glass over real HTTP (issue 5): a social worker not granted a restricted contact is offered
// break-glass on its page (and nothing of the contact), is told to give a reason when they give
// none, gives one and reads the contact read-only with a banner; the hub manager is notified,
// sees on the review page what the worker opened and signs it off; the worker cannot sign off
// their own, nor see the review page.
#include <gtest/gtest.h>

#include "harness.h"

namespace mash::it {
namespace {

constexpr const char* kWorker = "sw.glass";
constexpr const char* kManager = "hm.glass";
constexpr const char* kGranted = "dm.glass";

void add_user_once(const char* username, const char* role) {
  auto r = run_mash({"user", "add", "--db", world().db_url, "--username", username, "--role", role,
                     "--agency", "childrens_social_care", "--name", display_name_of(username)},
                    password_of(username) + "\n");
  EXPECT_TRUE(r.exit_code == 0 || r.err.find("already") != std::string::npos) << r.out << r.err;
}

class BreakGlassPages : public ::testing::Test {
 protected:
  void SetUp() override {
    add_user_once(kWorker, "social_worker");
    add_user_once(kManager, "hub_manager");
    add_user_once(kGranted, "decision_maker");
    for (auto [browser, name] : {std::pair{&worker_, kWorker}, {&manager_, kManager}}) {
      auto in = browser->sign_in(name, password_of(name));
      ASSERT_TRUE(in && in->status == 303) << "signing in as " << name;
    }
  }
  Browser worker_, manager_;
};

TEST_F(BreakGlassPages, AWorkerBreaksGlassReadsTheContactAndTheManagerSignsItOff) {
  const std::string family = "Glasswing";
  const int64_t id = restricted_contact(family, kGranted);
  ASSERT_GT(id, 0);
  const std::string page = "/contacts/" + std::to_string(id);

  // Offered break-glass, told nothing of the contact.
  auto offer = worker_.get(page);
  ASSERT_TRUE(offer);
  EXPECT_EQ(offer->status, 403);
  EXPECT_TRUE(has(offer->body, "This contact is restricted"));
  EXPECT_TRUE(has(offer->body, "action=\"" + page + "/break-glass\""));
  EXPECT_FALSE(contains_ci(offer->body, family));
  // The manager is not offered the contact's details either, only the same form.
  EXPECT_FALSE(contains_ci(manager_.get(page)->body, family));

  // No reason: told so, linked from the error summary, nothing opened.
  auto empty = worker_.post_form(page + "/break-glass",
                                 {{worker_.csrf_field(), worker_.csrf()}, {"reason", "  "}});
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 422);
  EXPECT_TRUE(has(empty->body, "href=\"#reason\""));
  EXPECT_TRUE(has(empty->body, "Say why you need to open this restricted contact"));
  EXPECT_EQ(worker_.get(page)->status, 403);
  EXPECT_EQ(count_rows("break_glass WHERE contact_id = " + std::to_string(id)), 0);

  // Without the form's token: refused, nothing opened.
  auto forged = worker_.post_form(page + "/break-glass", {{"reason", "Forged"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 400);
  EXPECT_EQ(count_rows("break_glass WHERE contact_id = " + std::to_string(id)), 0);

  const std::string reason = "The police are at the door and need to know tonight";
  auto opened = worker_.post_form(page + "/break-glass",
                                  {{worker_.csrf_field(), worker_.csrf()}, {"reason", reason}});
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->status, 303);
  EXPECT_EQ(opened->get_header_value("Location"), page);

  auto seen = worker_.get(page);
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->status, 200);
  EXPECT_TRUE(contains_ci(seen->body, family));
  EXPECT_TRUE(has(seen->body, "Opened by break-glass"));
  EXPECT_TRUE(has(seen->body, reason));
  // Read-only: no form to rate or decide, and a rating sent anyway is refused.
  EXPECT_FALSE(has(seen->body, "action=\"" + page + "/rating\""));
  EXPECT_FALSE(has(seen->body, "action=\"" + page + "/decision\""));
  auto rated = worker_.post_form(
      page + "/rating",
      {{worker_.csrf_field(), worker_.csrf()}, {"rating", "red"}, {"rationale", "Tonight"}});
  ASSERT_TRUE(rated);
  EXPECT_EQ(rated->status, 403);
  EXPECT_EQ(count_rows("contact_ratings WHERE contact_id = " + std::to_string(id)), 0);
  // The contact's other pages say so too, and the chronology is read as the role allows.
  auto chronology = worker_.get(page + "/chronology");
  ASSERT_TRUE(chronology);
  EXPECT_EQ(chronology->status, 200);
  EXPECT_TRUE(has(chronology->body, "Opened by break-glass"));
  auto research = worker_.get(page + "/research");
  ASSERT_TRUE(research);
  EXPECT_EQ(research->status, 200);
  EXPECT_TRUE(has(research->body, "Opened by break-glass"));
  // Nor the DASH checklist's form (a domestic-abuse contact), which is refused.
  EXPECT_FALSE(has(seen->body, "href=\"" + page + "/dash\""));
  EXPECT_EQ(worker_.get(page + "/dash")->status, 403);

  // The worker does not review, not even their own.
  EXPECT_EQ(worker_.get("/break-glass")->status, 403);

  // The manager is told, reviews what the worker opened, and signs it off.
  auto notes = manager_.get("/notifications");
  ASSERT_TRUE(notes && notes->status == 200);
  EXPECT_TRUE(has(notes->body, std::string(kWorker) + " opened restricted contact"));
  EXPECT_TRUE(has(notes->body, "href=\"/break-glass\""));
  EXPECT_FALSE(contains_ci(notes->body, family));
  auto review = manager_.get("/break-glass");
  ASSERT_TRUE(review && review->status == 200);
  EXPECT_TRUE(has(review->body, reason));
  EXPECT_TRUE(has(review->body, "Viewed the contact"));
  // Still open: signing it off ends it.
  EXPECT_TRUE(has(review->body, "Signing it off ends it now"));
  EXPECT_FALSE(contains_ci(review->body, family)) << "the review names no one in the contact";
  long long glass_id = 0;
  {
    const std::string marker = "name=\"id\" value=\"";
    // The newest access to review is this one: take the last form's id.
    const size_t at = review->body.rfind(marker);
    ASSERT_NE(at, std::string::npos);
    glass_id = std::atoll(review->body.c_str() + at + marker.size());
  }
  ASSERT_GT(glass_id, 0);
  auto no_note = manager_.post_form(
      "/break-glass/sign-off",
      {{manager_.csrf_field(), manager_.csrf()}, {"id", std::to_string(glass_id)}, {"note", ""}});
  ASSERT_TRUE(no_note);
  EXPECT_EQ(no_note->status, 422);
  EXPECT_TRUE(has(no_note->body, "href=\"#note-" + std::to_string(glass_id) + "\""));
  auto signed_off =
      manager_.post_form("/break-glass/sign-off", {{manager_.csrf_field(), manager_.csrf()},
                                                   {"id", std::to_string(glass_id)},
                                                   {"note", "Rang the worker: justified"}});
  ASSERT_TRUE(signed_off);
  EXPECT_EQ(signed_off->status, 303);
  auto after = manager_.get("/break-glass?done=signed");
  ASSERT_TRUE(after && after->status == 200);
  EXPECT_TRUE(has(after->body, "Break-glass access signed off."));
  EXPECT_TRUE(has(after->body, "Rang the worker: justified"));
  // The sign-off ended the access: the worker is offered break-glass again, not the contact.
  auto ended = worker_.get(page);
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->status, 403);
  EXPECT_FALSE(contains_ci(ended->body, family));
  EXPECT_TRUE(has(ended->body, "action=\"" + page + "/break-glass\""));
  auto again =
      manager_.post_form("/break-glass/sign-off", {{manager_.csrf_field(), manager_.csrf()},
                                                   {"id", std::to_string(glass_id)},
                                                   {"note", "Twice"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
}

}  // namespace
}  // namespace mash::it
