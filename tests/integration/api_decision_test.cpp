// The JSON API for screening decisions (issue 4): POST and GET /api/v1/contacts/{id}/decision with
// tokens acting as users, the clocks that come back, bad input that changes nothing, and a clock
// past its due time told to a hub manager through GET /api/v1/notifications — over real HTTP.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "harness.h"

namespace mash::it {
namespace {

int64_t new_contact(int64_t received_seconds_ago = 3600) {
  json body = valid_contact(unique_ref("PPN-DECIDE"));
  body["received_at"] = rfc3339_utc(-received_seconds_ago);
  auto created = post_contact(body, world().police_token);
  EXPECT_EQ(created->status, 201) << created->body;
  return json::parse(created->body).at("id").get<int64_t>();
}

std::string path_of(int64_t id, const char* what) {
  return "/api/v1/contacts/" + std::to_string(id) + "/" + what;
}

httplib::Result post_json(const std::string& path, const std::string& body,
                          const std::string& token) {
  return client().Post(path, bearer(token), body, "application/json");
}

void rate(int64_t id, const std::string& rating, const std::string& token) {
  auto r = post_json(path_of(id, "rating"),
                     R"({"rating": ")" + rating + R"(", "rationale": "Screened"})", token);
  ASSERT_EQ(r->status, 201) << r->body;
}

const json* clock_named(const json& screening, const std::string& name) {
  for (const json& c : screening.at("clocks"))
    if (c.at("clock") == name) return &c;
  return nullptr;
}

TEST(ApiDecision, AnEnquiryThenItsOutcome) {
  const std::string dm = token_for_role("decision_maker");
  const int64_t id = new_contact();
  rate(id, "amber", dm);
  auto enquiry = post_json(path_of(id, "decision"),
                           R"({"route": "mash_enquiry", "threshold": 3,
                               "rationale": "Needs the partners' information"})",
                           dm);
  ASSERT_EQ(enquiry->status, 201) << enquiry->body;
  EXPECT_EQ(enquiry->get_header_value("Location"), path_of(id, "decision"));
  const json s = json::parse(enquiry->body);
  EXPECT_EQ(s.at("status"), "enquiry");
  ASSERT_TRUE(s.at("worker").is_string()) << "the decider takes the enquiry";
  ASSERT_EQ(s.at("decisions").size(), 1u);
  EXPECT_EQ(s.at("decisions")[0].at("route_name"), "Progress to a MASH enquiry");
  EXPECT_EQ(s.at("decisions")[0].at("threshold_name"), "Targeted / child in need");
  ASSERT_NE(clock_named(s, "decision"), nullptr);
  EXPECT_TRUE(clock_named(s, "decision")->at("met_at").is_null());
  ASSERT_NE(clock_named(s, "referral_decision"), nullptr);
  EXPECT_TRUE(clock_named(s, "referral_decision")->at("met_at").is_string());
  EXPECT_NE(clock_named(s, "assessment"), nullptr);

  const std::string worker = s.at("worker");
  auto outcome = post_json(path_of(id, "decision"),
                           R"({"route": "allocated_worker", "threshold": 3, "worker": ")" + worker +
                               R"(", "rationale": "Assessment by the worker",
                               "strategy_discussion_at": null})",
                           dm);
  ASSERT_EQ(outcome->status, 201) << outcome->body;
  const json ended = json::parse(outcome->body);
  EXPECT_EQ(ended.at("status"), "decided");
  EXPECT_TRUE(clock_named(ended, "decision")->at("met_at").is_string());

  auto again = post_json(path_of(id, "decision"),
                         R"({"route": "no_further_action", "threshold": 1, "rationale": "x"})", dm);
  EXPECT_EQ(expect_json_error(again, 409).at("code"), "conflict");
  auto read = client().Get(path_of(id, "decision"), bearer(dm));
  ASSERT_EQ(read->status, 200);
  EXPECT_EQ(json::parse(read->body).at("decisions").size(), 2u);
}

TEST(ApiDecision, BadDecisionsAreRefusedAndChangeNothing) {
  const std::string dm = token_for_role("decision_maker");
  const int64_t id = new_contact();
  auto unrated =
      post_json(path_of(id, "decision"),
                R"({"route": "no_further_action", "threshold": 1, "rationale": "x"})", dm);
  EXPECT_EQ(expect_json_error(unrated, 409).at("code"), "conflict");
  rate(id, "green", dm);

  auto types = post_json(path_of(id, "decision"),
                         R"({"route": 3, "threshold": "high", "colour": "red"})", dm);
  const json e1 = expect_json_error(types, 422);
  EXPECT_EQ(error_fields(e1), (std::vector<std::string>{"colour", "route", "threshold"}));

  auto values = post_json(path_of(id, "decision"),
                          R"({"route": "to_the_moon", "threshold": 7, "rationale": " ",
                              "strategy_discussion_at": "last week"})",
                          dm);
  const json e2 = expect_json_error(values, 422);
  const std::vector<std::string> fields = error_fields(e2);
  EXPECT_EQ(std::set<std::string>(fields.begin(), fields.end()),
            (std::set<std::string>{"rationale", "route", "strategy_discussion_at", "threshold"}));
  auto not_json = client().Post(path_of(id, "decision"), bearer(dm), "{", "application/json");
  expect_json_error(not_json, 400);

  const std::string sw = token_for_role("social_worker");
  auto refused =
      post_json(path_of(id, "decision"),
                R"({"route": "no_further_action", "threshold": 1, "rationale": "x"})", sw);
  expect_json_error(refused, 403);
  // Refused before the body is read: not told what is wrong with a decision it may not make.
  expect_json_error(post_json(path_of(id, "decision"), R"({"route": 3, "colour": "red"})", sw),
                    403);
  expect_json_error(client().Post(path_of(id, "decision"), bearer(sw), "{", "application/json"),
                    403);
  auto agency = post_json(path_of(id, "decision"),
                          R"({"route": "no_further_action", "threshold": 1, "rationale": "x"})",
                          world().police_token);
  expect_json_error(agency, 403);

  auto read = client().Get(path_of(id, "decision"), bearer(dm));
  ASSERT_EQ(read->status, 200);
  const json s = json::parse(read->body);
  EXPECT_TRUE(s.at("decisions").empty());
  EXPECT_EQ(s.at("status"), "screening");
}

TEST(ApiDecision, APassedDueTimeReachesTheHubManager) {
  const std::string dm = token_for_role("decision_maker");
  const std::string manager = token_for_role("hub_manager");
  // Received five hours ago and rated Red (4 hours, elapsed): already past its due time.
  const int64_t id = new_contact(5 * 3600);
  rate(id, "red", dm);
  json found;
  std::string last;
  for (int i = 0; i < 100 && found.is_null(); ++i) {
    auto notes = client().Get("/api/v1/notifications", bearer(manager));
    ASSERT_EQ(notes->status, 200) << notes->body;
    last = notes->body;
    const json items = json::parse(notes->body).at("items");
    for (const json& n : items)
      if (n.at("contact_id") == id) found = n;
    if (found.is_null()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(found.is_null()) << "no notification about " << id << " within 10 seconds: " << last;
  EXPECT_EQ(found.at("kind"), "breach");
  EXPECT_NE(found.at("message").get<std::string>().find("Contact " + std::to_string(id) +
                                                        " is overdue: its decision (red)"),
            std::string::npos)
      << found;
  auto s = client().Get(path_of(id, "decision"), bearer(dm));
  const json screening = json::parse(s->body);
  ASSERT_EQ(screening.at("breaches").size(), 1u);
  EXPECT_EQ(screening.at("breaches")[0].at("clock"), "decision");
  EXPECT_TRUE(clock_named(screening, "decision")->at("overdue").get<bool>());

  auto theirs = client().Get("/api/v1/notifications", bearer(dm));
  const json their_items = json::parse(theirs->body).at("items");
  for (const json& n : their_items)
    EXPECT_NE(n.at("contact_id"), id) << "only hub managers are told";
}

}  // namespace
}  // namespace mash::it
