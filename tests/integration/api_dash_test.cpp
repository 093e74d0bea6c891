// The JSON API for DASH checklists (issue 4): POST and GET /api/v1/contacts/{id}/dash with a
// token that acts as a user; the score, level and MARAC referral come back; bad input names each
// field at fault and changes nothing; only the configured roles record.
#include <gtest/gtest.h>

#include "harness.h"

namespace mash::it {
namespace {

int64_t new_contact() {
  auto created = post_contact(valid_contact(unique_ref("PPN-DASH")), world().police_token);
  EXPECT_EQ(created->status, 201);
  return json::parse(created->body).at("id").get<int64_t>();
}

// `yes` questions answered yes from question 1, the rest no.
json answers(int yes) {
  json a = json::object();
  for (int n = 1; n <= 24; ++n) a[std::to_string(n)] = n <= yes ? "yes" : "no";
  return a;
}

httplib::Result post_dash(int64_t id, const std::string& body, const std::string& token) {
  return client().Post("/api/v1/contacts/" + std::to_string(id) + "/dash", bearer(token), body,
                       "application/json");
}

TEST(ApiDash, VisibleHighRiskIsFlaggedAsAMaracReferral) {
  const std::string sw = token_for_role("social_worker");
  const int64_t id = new_contact();
  json body = {{"answers", answers(16)}, {"incidents_last_12_months", 1}};
  body["answers"]["20"] = "not_known";
  auto res = post_dash(id, body.dump(), sw);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), "/api/v1/contacts/" + std::to_string(id) + "/dash");
  const json a = json::parse(res->body);
  EXPECT_EQ(a.at("contact_id"), id);
  EXPECT_EQ(a.at("score"), 16);
  EXPECT_EQ(a.at("answered"), 24);
  EXPECT_EQ(a.at("high_risk_score"), 14);
  EXPECT_EQ(a.at("level"), "high");
  EXPECT_EQ(a.at("marac_referral"), true);
  EXPECT_EQ(a.at("marac_routes"), json::array({"visible_high_risk"}));
  EXPECT_EQ(a.at("answers").at("20"), "not_known");
  EXPECT_EQ(a.at("answers").at("24"), "no");
  EXPECT_TRUE(a.at("judgement").is_null());
  EXPECT_TRUE(a.at("subject_id").is_null());
  EXPECT_TRUE(a.at("assessed_at").is_string());

  // A second one, on professional judgement below the score, supersedes it; both are kept.
  json judged = {{"answers", answers(4)},
                 {"judgement", "high"},
                 {"judgement_reason", "Recent release from prison; threats via family"},
                 {"incidents_last_12_months", 3}};
  res = post_dash(id, judged.dump(), sw);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json::parse(res->body).at("marac_routes"),
            json::array({"professional_judgement", "potential_escalation"}));

  auto read = client().Get("/api/v1/contacts/" + std::to_string(id) + "/dash", bearer(sw));
  ASSERT_EQ(read->status, 200) << read->body;
  const json all = json::parse(read->body);
  EXPECT_EQ(all.at("contact_id"), id);
  ASSERT_EQ(all.at("history").size(), 2u);
  EXPECT_EQ(all.at("history")[0].at("score"), 16);
  EXPECT_EQ(all.at("latest").at("score"), 4);
  EXPECT_EQ(all.at("latest").at("level"), "high");
  EXPECT_EQ(all.at("latest").at("judgement_reason"),
            "Recent release from prison; threats via family");
}

TEST(ApiDash, AContactWithoutAChecklistHasNone) {
  const std::string dm = token_for_role("decision_maker");
  const int64_t id = new_contact();
  auto read = client().Get("/api/v1/contacts/" + std::to_string(id) + "/dash", bearer(dm));
  ASSERT_EQ(read->status, 200) << read->body;
  const json all = json::parse(read->body);
  EXPECT_TRUE(all.at("latest").is_null());
  EXPECT_TRUE(all.at("history").empty());
  expect_json_error(client().Get("/api/v1/contacts/999999999/dash", bearer(dm)), 404);
}

TEST(ApiDash, BadChecklistsNameEachFieldAndChangeNothing) {
  const std::string dm = token_for_role("decision_maker");
  const int64_t id = new_contact();
  const int64_t before = count_rows("dash_assessments");
  json missing = {{"answers", answers(3)}};
  missing["answers"].erase("7");
  missing["answers"].erase("19");
  const json error = expect_json_error(post_dash(id, missing.dump(), dm), 422);
  const auto fields = error_fields(error);
  EXPECT_EQ(fields, (std::vector<std::string>{"answers.7", "answers.19"})) << error.dump();
  EXPECT_NE(error.at("message").get<std::string>().find(
                "answers.7: Answer question 7 (Conflict over child contact): yes, no or not known"),
            std::string::npos)
      << error.dump();

  struct Row {
    json body;
    int status;
    const char* field;
  };
  json judged_without_reason = {{"answers", answers(2)}, {"judgement", "high"}};
  json bad_answer = {{"answers", answers(2)}};
  bad_answer["answers"]["5"] = "Yes";
  json extra_question = {{"answers", answers(2)}};
  extra_question["answers"]["25"] = "yes";
  const Row rows[] = {
      {judged_without_reason, 422, "judgement_reason"},
      {bad_answer, 422, "answers.5"},
      {extra_question, 422, "answers.25"},
      {{{"answers", answers(2)}, {"incidents_last_12_months", -1}},
       422,
       "incidents_last_12_months"},
      {{{"answers", answers(2)}, {"incidents_last_12_months", "3"}},
       422,
       "incidents_last_12_months"},
      {{{"answers", answers(2)}, {"previous_marac_referral", "2026-02-30"}},
       422,
       "previous_marac_referral"},
      {{{"answers", answers(2)}, {"judgement", "extreme"}, {"judgement_reason", "x"}},
       422,
       "judgement"},
      {{{"answers", answers(2)}, {"subject_id", 999999999}}, 422, "subject_id"},
      {{{"answers", answers(2)}, {"score", 24}}, 422, "score"},
      {{{"answers", "all yes"}}, 422, "answers"},
      {json::array({"yes"}), 422, ""},
  };
  for (const Row& r : rows) {
    const json e = expect_json_error(post_dash(id, r.body.dump(), dm), r.status);
    const auto f = error_fields(e);
    EXPECT_NE(std::find(f.begin(), f.end(), r.field), f.end()) << r.body << " " << e.dump();
  }
  expect_json_error(post_dash(id, R"({"answers": {"1": "yes",)", dm), 400);
  expect_json_error(post_dash(999999999, json{{"answers", answers(2)}}.dump(), dm), 404);
  EXPECT_EQ(count_rows("dash_assessments"), before) << "nothing stored";
}

TEST(ApiDash, OnlyTheConfiguredRolesRecord) {
  const int64_t id = new_contact();
  const std::string body = json{{"answers", answers(2)}}.dump();
  const int64_t before = count_rows("dash_assessments");
  // A referral administrator (not among the standard configuration's raters) may read, not
  // record; an agency system and an agency practitioner neither.
  expect_json_error(post_dash(id, body, world().user_token), 403);
  auto read =
      client().Get("/api/v1/contacts/" + std::to_string(id) + "/dash", bearer(world().user_token));
  EXPECT_EQ(read->status, 200);
  expect_json_error(post_dash(id, body, world().police_token), 403);
  expect_json_error(client().Get("/api/v1/contacts/" + std::to_string(id) + "/dash",
                                 bearer(world().police_token)),
                    403);
  expect_json_error(post_dash(id, body, world().practitioner_token), 403);
  expect_json_error(post_dash(id, body, "not-a-token"), 401);
  // Refused before the checklist is read: not told what is wrong with one it may not record.
  expect_json_error(post_dash(id, R"({"answers": 7, "judgement": []})", world().user_token), 403);
  EXPECT_EQ(count_rows("dash_assessments"), before);
}

}  // namespace
}  // namespace mash::it
