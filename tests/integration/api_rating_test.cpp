// The JSON API for ratings (issue 4): POST and GET /api/v1/contacts/{id}/rating with a token that
// acts as a user; the rating's clock comes back; bad input changes nothing.
#include <gtest/gtest.h>

#include "harness.h"

namespace mash::it {
namespace {

int64_t new_contact() {
  auto created = post_contact(valid_contact(unique_ref("PPN-RATE")), world().police_token);
  EXPECT_EQ(created->status, 201);
  return json::parse(created->body).at("id").get<int64_t>();
}

httplib::Result post_rating(int64_t id, const std::string& body, const std::string& token) {
  return client().Post("/api/v1/contacts/" + std::to_string(id) + "/rating", bearer(token), body,
                       "application/json");
}

TEST(ApiRating, ADecisionMakerRatesAndReadsTheClock) {
  const std::string dm = token_for_role("decision_maker");
  const int64_t id = new_contact();
  auto rated =
      post_rating(id, R"({"rating": "amber", "rationale": "Bruising seen at school"})", dm);
  ASSERT_TRUE(rated);
  ASSERT_EQ(rated->status, 201) << rated->body;
  EXPECT_EQ(rated->get_header_value("Location"),
            "/api/v1/contacts/" + std::to_string(id) + "/rating");
  const json clock = json::parse(rated->body);
  EXPECT_EQ(clock.at("contact_id"), id);
  EXPECT_EQ(clock.at("rating").at("rating"), "amber");
  EXPECT_EQ(clock.at("rating").at("name"), "Amber");
  EXPECT_EQ(clock.at("rating").at("rationale"), "Bruising seen at school");
  EXPECT_TRUE(clock.at("due_at").is_string());
  EXPECT_TRUE(clock.at("seconds_remaining").is_number_integer());
  EXPECT_EQ(clock.at("history").size(), 1u);

  ASSERT_EQ(post_rating(id, R"({"rating": "red", "rationale": "Police attended"})", dm)->status,
            201);
  auto read = client().Get("/api/v1/contacts/" + std::to_string(id) + "/rating", bearer(dm));
  ASSERT_EQ(read->status, 200) << read->body;
  const json now = json::parse(read->body);
  EXPECT_EQ(now.at("rating").at("rating"), "red");
  ASSERT_EQ(now.at("history").size(), 2u);
  EXPECT_EQ(now.at("history")[0].at("rating"), "amber");
}

TEST(ApiRating, AnUnratedContactHasNoClockYet) {
  const std::string dm = token_for_role("decision_maker");
  const int64_t id = new_contact();
  auto read = client().Get("/api/v1/contacts/" + std::to_string(id) + "/rating", bearer(dm));
  ASSERT_EQ(read->status, 200);
  const json clock = json::parse(read->body);
  EXPECT_TRUE(clock.at("rating").is_null());
  EXPECT_TRUE(clock.at("due_at").is_null());
  EXPECT_TRUE(clock.at("history").empty());
}

TEST(ApiRating, BadRatingsAreRefusedAndChangeNothing) {
  const std::string dm = token_for_role("decision_maker");
  const int64_t id = new_contact();
  const int64_t before = count_rows("contact_ratings");
  struct Row {
    const char* body;
    int status;
    const char* field;
  };
  const Row rows[] = {
      {R"({"rating": "purple", "rationale": "x"})", 422, "rating"},
      {R"({"rating": "red"})", 422, "rationale"},
      {R"({"rating": 3, "rationale": "x"})", 422, "rating"},
      {R"({"rating": "red", "rationale": "x", "colour": "red"})", 422, "colour"},
      {R"(["red"])", 422, ""},
      {R"({"rating": "red", )", 400, nullptr},
  };
  for (const Row& r : rows) {
    auto res = post_rating(id, r.body, dm);
    const json error = expect_json_error(res, r.status);
    if (r.field) {
      const auto fields = error_fields(error);
      EXPECT_NE(std::find(fields.begin(), fields.end(), r.field), fields.end())
          << r.body << " " << error.dump();
    }
  }
  expect_json_error(post_rating(999999999, R"({"rating": "red", "rationale": "x"})", dm), 404);
  EXPECT_EQ(count_rows("contact_ratings"), before);
}

TEST(ApiRating, OnlyTheConfiguredRolesRate) {
  const int64_t id = new_contact();
  // A referral administrator (not in the standard configuration's raters) and an agency system.
  expect_json_error(post_rating(id, R"({"rating": "red", "rationale": "x"})", world().user_token),
                    403);
  expect_json_error(post_rating(id, R"({"rating": "red", "rationale": "x"})", world().police_token),
                    403);
  expect_json_error(post_rating(id, R"({"rating": "red", "rationale": "x"})", "not-a-token"), 401);
  // Refused before the body is read: not told what is wrong with a rating it may not give.
  expect_json_error(post_rating(id, "{}", world().user_token), 403);
  expect_json_error(post_rating(id, R"({"colour": 7})", world().user_token), 403);
  expect_json_error(post_rating(id, "[", world().user_token), 403);
}

TEST(ApiTracker, ListsOpenContactsWithTheirClocks) {
  const std::string dm = token_for_role("decision_maker");
  const int64_t id = new_contact();
  ASSERT_EQ(post_rating(id, R"({"rating": "red", "rationale": "Immediate risk"})", dm)->status,
            201);
  auto res = client().Get("/api/v1/tracker?rating=red", bearer(dm));
  ASSERT_EQ(res->status, 200) << res->body;
  const json tracker = json::parse(res->body);
  EXPECT_TRUE(tracker.at("generated_at").is_string());
  bool found = false;
  for (const json& item : tracker.at("items")) {
    EXPECT_EQ(item.at("rating"), "red");
    if (item.at("contact_id") == id) {
      found = true;
      EXPECT_EQ(item.at("status"), "screening");
      EXPECT_FALSE(item.at("subjects").empty());
      EXPECT_TRUE(item.at("due_at").is_string());
    }
  }
  EXPECT_TRUE(found);
  expect_json_error(client().Get("/api/v1/tracker?status=closed", bearer(dm)), 400);
  expect_json_error(client().Get("/api/v1/tracker?overdue=maybe", bearer(dm)), 400);
  expect_json_error(client().Get("/api/v1/tracker?rating=purple", bearer(dm)), 400);
  expect_json_error(client().Get("/api/v1/tracker", bearer(world().police_token)), 403);
}

}  // namespace
}  // namespace mash::it
