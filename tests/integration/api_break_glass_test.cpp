// Break-glass over the API (issue 5): a social worker's token, refused a restricted contact, gives
// no reason and is told so, gives one and reads the contact; the hub manager's token lists the
// access with what was read and signs it off, which ends it; the worker's token may not review,
// and an agency system may not break glass.
#include <gtest/gtest.h>

#include "research_flow.h"

namespace mash::it {
namespace {

constexpr const char* kGranted = "dm.apiglass";

// A police contact about `family`, restricted to kGranted (added on first use).
int64_t glass_contact(const std::string& family) {
  auto added = run_mash({"user", "add", "--db", world().db_url, "--username", kGranted, "--role",
                         "decision_maker", "--agency", "childrens_social_care"},
                        password_of(kGranted) + "\n");
  EXPECT_TRUE(added.exit_code == 0 || added.err.find("already") != std::string::npos) << added.err;
  return restricted_contact(family, kGranted);
}

const json* access_of(const json& list, int64_t id) {
  for (const json& a : list)
    if (a.at("id") == id) return &a;
  return nullptr;
}

TEST(ApiBreakGlass, AWorkerBreaksGlassReadsAndTheManagerSignsItOff) {
  const ApiUser worker = api_user("social_worker", "childrens_social_care");
  const ApiUser manager = api_user("hub_manager", "childrens_social_care");
  const std::string family = "Apiglasswing";
  const int64_t id = glass_contact(family);
  ASSERT_GT(id, 0);
  const std::string contact = "/api/v1/contacts/" + std::to_string(id);
  const std::string glass = contact + "/break-glass";

  auto refused = api_get(contact, worker.token);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body.find(family), std::string::npos);

  const int64_t before = count_rows("break_glass");
  const json none = body_of(api_post(glass, json::object(), worker.token), 422);
  EXPECT_EQ(none.at("error").at("fields")[0].at("field"), "reason") << none.dump();
  const json odd = body_of(api_post(glass, {{"colour", "red"}}, worker.token), 422);
  EXPECT_EQ(odd.at("error").at("fields")[0].at("field"), "colour") << odd.dump();
  body_of(api_post(glass, {{"reason", "Out of hours"}}, world().police_token), 403);
  EXPECT_EQ(count_rows("break_glass"), before);

  auto opened = api_post(glass, {{"reason", "Strategy discussion in ten minutes"}}, worker.token);
  const json access = body_of(opened, 201);
  EXPECT_EQ(opened->get_header_value("Location"), contact);
  EXPECT_EQ(access.at("contact_id"), id);
  EXPECT_EQ(access.at("username"), worker.username);
  EXPECT_EQ(access.at("live"), true);
  EXPECT_TRUE(access.at("reviewed_by").is_null());
  EXPECT_EQ(count_rows("break_glass"), before + 1);
  const int64_t access_id = access.at("id").get<int64_t>();

  // Read-only while it lasts; asking again gives the same access back.
  const json read = body_of(api_get(contact, worker.token), 200);
  EXPECT_EQ(read.at("id"), id);
  const json again =
      body_of(api_post(glass, {{"reason", "Still in the strategy discussion"}}, worker.token), 201);
  EXPECT_EQ(again.at("id"), access_id);
  // A contact that is not restricted needs no break-glass.
  auto open_contact =
      post_contact(valid_contact(unique_ref("APIGLASS"), family), world().police_token);
  ASSERT_TRUE(open_contact && open_contact->status == 201);
  const int64_t ordinary = json::parse(open_contact->body).at("id").get<int64_t>();
  body_of(api_post("/api/v1/contacts/" + std::to_string(ordinary) + "/break-glass",
                   {{"reason", "Just in case"}}, worker.token),
          409);

  // The worker does not review; the manager sees what was read.
  body_of(api_get("/api/v1/break-glass", worker.token), 403);
  body_of(
      api_post("/api/v1/break-glass/sign-off", {{"id", access_id}, {"note", "Mine"}}, worker.token),
      403);
  const json review = body_of(api_get("/api/v1/break-glass", manager.token), 200);
  const json* listed = access_of(review.at("to_review"), access_id);
  ASSERT_NE(listed, nullptr) << review.dump();
  EXPECT_EQ(listed->at("reason"), "Strategy discussion in ten minutes");
  bool viewed = false;
  for (const json& e : listed->at("events")) viewed = viewed || e.at("action") == "contact.view";
  EXPECT_TRUE(viewed) << listed->dump();
  EXPECT_EQ(review.dump().find(family), std::string::npos) << "the review names no subject";

  const json no_note =
      body_of(api_post("/api/v1/break-glass/sign-off", {{"id", access_id}}, manager.token), 422);
  EXPECT_EQ(no_note.at("error").at("fields")[0].at("field"), "note") << no_note.dump();
  const json no_id = body_of(
      api_post("/api/v1/break-glass/sign-off", {{"id", "three"}, {"note", "x"}}, manager.token),
      422);
  EXPECT_EQ(no_id.at("error").at("fields")[0].at("field"), "id") << no_id.dump();
  const json done =
      body_of(api_post("/api/v1/break-glass/sign-off",
                       {{"id", access_id}, {"note", "Checked with the worker"}}, manager.token),
              200);
  EXPECT_EQ(done.at("reviewed_by"), manager.username);
  EXPECT_EQ(done.at("live"), false);
  EXPECT_EQ(done.at("review_note"), "Checked with the worker");
  body_of(api_post("/api/v1/break-glass/sign-off", {{"id", access_id}, {"note", "Again"}},
                   manager.token),
          409);
  // Signed off, the access is over.
  auto after = api_get(contact, worker.token);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 403);
}

TEST(ApiBreakGlass, AConnectedUserIsRefusedAndNoOneSignsOffTheirOwn) {
  const ApiUser relative = api_user("social_worker", "childrens_social_care");
  const ApiUser manager = api_user("hub_manager", "childrens_social_care");
  const ApiUser dpo = api_user("auditor", "childrens_social_care");
  const int64_t id = glass_contact("Apiglassrelative");
  ASSERT_GT(id, 0);
  auto excluded = run_mash({"contact", "restrict", std::to_string(id), "--db", world().db_url,
                            "--exclude", relative.username, "--reason", "Her niece"});
  ASSERT_EQ(excluded.exit_code, 0) << excluded.err;
  const std::string glass = "/api/v1/contacts/" + std::to_string(id) + "/break-glass";
  const int64_t before = count_rows("break_glass");
  // Refused before the body is read: a body at fault says nothing to them.
  body_of(api_post(glass, {{"colour", "red"}}, relative.token), 403);
  body_of(api_post(glass, {{"reason", "I need to see it"}}, relative.token), 403);
  EXPECT_EQ(count_rows("break_glass"), before);

  // The hub manager breaks glass; they may not sign off their own, the DPO may.
  const json access = body_of(
      api_post(glass, {{"reason", "Out-of-hours call from the police"}}, manager.token), 201);
  const int64_t access_id = access.at("id").get<int64_t>();
  body_of(api_post("/api/v1/break-glass/sign-off", {{"id", access_id}, {"note", "Mine, fine"}},
                   manager.token),
          409);
  const json unknown = body_of(
      api_post("/api/v1/break-glass/sign-off", {{"id", 99999999}, {"note", "Checked"}}, dpo.token),
      404);
  EXPECT_EQ(unknown.at("error").at("message"), "There is no break-glass access with that id.");
  const json review = body_of(api_get("/api/v1/break-glass", dpo.token), 200);
  ASSERT_NE(access_of(review.at("to_review"), access_id), nullptr);
  const json done =
      body_of(api_post("/api/v1/break-glass/sign-off",
                       {{"id", access_id}, {"note", "Checked the call log"}}, dpo.token),
              200);
  EXPECT_EQ(done.at("reviewed_by"), dpo.username);
}

}  // namespace
}  // namespace mash::it
