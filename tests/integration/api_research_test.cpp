// The JSON API for multi-agency research (issue 5) over real HTTP: the basis for sharing, requests
// to agencies, an agency's queue and answers (saved, then sent), the hub reading them as their
// marks allow, disclosures; errors named by field and changing nothing, another agency's requests
// not found, agency systems refused, redaction only of a sent answer.
#include <gtest/gtest.h>

#include <set>

#include "research_flow.h"

namespace mash::it {
namespace {

// The request to `agency` in a list of requests; nullptr when there is none.
const json* to(const json& requests, const std::string& agency) {
  for (const json& r : requests)
    if (r.at("agency") == agency) return &r;
  return nullptr;
}

TEST(ApiResearch, BasisRequestsAnswersAndReadingAsTheMarksAllow) {
  const ResearchPeople& p = research_people();
  const int64_t id = contact_in_enquiry(p.dm.token);
  ASSERT_NE(id, 0);

  auto before = body_of(api_get(contact_path(id, "research"), p.dm.token), 200);
  EXPECT_EQ(before.at("status"), "enquiry");
  EXPECT_TRUE(before.at("basis").is_null());
  EXPECT_TRUE(before.at("requests").empty());
  EXPECT_FALSE(before.at("suggested_agencies").empty()) << "domestic abuse suggests agencies";
  EXPECT_TRUE(before.at("may_raise").get<bool>());
  auto no_basis =
      api_post(contact_path(id, "requests"),
               {{"agencies", json::array({"health"})}, {"question", "Known?"}}, p.dm.token);
  EXPECT_EQ(expect_json_error(no_basis, 409).at("code"), "conflict");

  auto recorded = api_post(contact_path(id, "basis"),
                           {{"consent", "not_sought"},
                            {"lawful_basis", "dpa_sch1_para18"},
                            {"reason", "Seeking consent would place the child at risk"}},
                           p.dm.token);
  const json basis = body_of(recorded, 201);
  EXPECT_EQ(recorded->get_header_value("Location"), contact_path(id, "research"));
  EXPECT_EQ(basis.at("consent"), "not_sought");
  EXPECT_EQ(basis.at("lawful_basis"), "dpa_sch1_para18");
  EXPECT_NE(basis.at("lawful_basis_name").get<std::string>().find("Schedule 1 paragraph 18"),
            std::string::npos);
  EXPECT_EQ(basis.at("recorded_by"), p.dm.username);

  const json raised = body_of(
      api_post(contact_path(id, "requests"),
               {{"agencies", json::array({"health", "police"})}, {"question", "What do you know?"}},
               p.dm.token),
      201);
  ASSERT_EQ(raised.at("requests").size(), 2u);
  Enquiry e{id, raised.at("requests")};
  const json& asked = *to(e.requests, "health");
  EXPECT_EQ(asked.at("status"), "requested");
  EXPECT_TRUE(asked.at("narrative").is_null()) << "the narrative goes only when shared, with why";
  ASSERT_EQ(asked.at("subjects").size(), 1u);
  EXPECT_EQ(asked.at("subjects")[0].at("nhs_number"), "9434765919");
  EXPECT_TRUE(asked.at("subjects")[0].at("known").is_null());
  const int64_t health = e.request_id("health"), police = e.request_id("police");

  // The nurse's queue has the health request, not the police one.
  const json queue = body_of(api_get("/api/v1/requests", p.nurse.token), 200);
  std::set<int64_t> queued;
  for (const json& r : queue.at("requests")) {
    EXPECT_EQ(r.at("agency"), "health");
    queued.insert(r.at("id").get<int64_t>());
  }
  EXPECT_TRUE(queued.count(health));
  EXPECT_FALSE(queued.count(police));
  EXPECT_EQ(body_of(api_get(request_path(health), p.nurse.token), 200).at("question"),
            "What do you know?");

  // A partial answer: saved, the agency's own until sent.
  const std::string subject =
      std::to_string(asked.at("subjects")[0].at("subject_id").get<int64_t>());
  const json saved =
      body_of(api_post(request_path(health, "response"),
                       {{"known", {{subject, "known"}}},
                        {"items", json::array({{{"kind", "chronology"},
                                                {"occurred_on", iso_date_in_days(-30)},
                                                {"text", "A&E attendance: bruising"}}})},
                        {"send", false}},
                       p.nurse.token),
              200);
  EXPECT_EQ(saved.at("status"), "in_progress");
  EXPECT_EQ(saved.at("saved_by"), p.nurse.username);
  ASSERT_EQ(saved.at("items").size(), 1u);
  EXPECT_EQ(saved.at("subjects")[0].at("known"), "known");
  const json hub_sees = body_of(api_get(contact_path(id, "research"), p.dm.token), 200);
  EXPECT_EQ(to(hub_sees.at("requests"), "health")->at("status"), "in_progress");
  EXPECT_TRUE(to(hub_sees.at("requests"), "health")->at("items").empty());

  // Sent: a summary and a health-confidential risk.
  const json sent = body_of(
      api_post(request_path(health, "response"),
               answer(e, "health",
                      json::array({summary("Registered with the GP; known to health visiting."),
                                   {{"kind", "risk"},
                                    {"subject_id", std::stoll(subject)},
                                    {"indicator", "mental_health"},
                                    {"text", "Mother treated for depression"},
                                    {"sensitivity", "health_confidential"}},
                                   {{"kind", "chronology"},
                                    {"occurred_on", iso_date_in_days(-30)},
                                    {"source_system", "SystmOne"},
                                    {"text", "A&E attendance: bruising"}}})),
               p.nurse.token),
      200);
  EXPECT_EQ(sent.at("status"), "answered");
  EXPECT_EQ(sent.at("answered_by"), p.nurse.username);
  ASSERT_EQ(sent.at("items").size(), 3u);
  EXPECT_EQ(sent.at("items")[1].at("text"), "Mother treated for depression") << "its own answer";
  auto again =
      api_post(request_path(health, "response"), answer(e, "health", json::array()), p.nurse.token);
  EXPECT_EQ(expect_json_error(again, 409).at("code"), "conflict");
  body_of(api_post(request_path(police, "response"),
                   answer(e, "police",
                          json::array({summary("Three call-outs to the address this year.")})),
                   p.researcher.token),
          200);
  const json answered = body_of(api_get("/api/v1/requests?answered=true", p.nurse.token), 200);
  bool listed = false;
  for (const json& r : answered.at("requests")) listed = listed || r.at("id") == health;
  EXPECT_TRUE(listed) << "answered requests are in the queue with answered=true";

  // The information officer: the health-confidential item withheld, as its marker.
  auto officer_read =
      api_get(contact_path(id, "research") + "?purpose=MASH%20research%20for%20the%20strategy",
              p.officer.token);
  const json officer = body_of(officer_read, 200);
  const json& officer_health = *to(officer.at("requests"), "health");
  ASSERT_EQ(officer_health.at("items").size(), 3u);
  EXPECT_EQ(officer_health.at("items")[0].at("text"),
            "Registered with the GP; known to health visiting.");
  const json& withheld = officer_health.at("items")[1];
  EXPECT_TRUE(withheld.at("withheld").get<bool>());
  EXPECT_EQ(withheld.at("text"), "[redacted: health-confidential]");
  EXPECT_TRUE(withheld.at("indicator").is_null()) << "the finding itself is withheld";
  EXPECT_EQ(withheld.at("sensitivity"), "health_confidential");
  EXPECT_EQ(officer_health.at("withheld_items"), 1);
  EXPECT_TRUE(officer_health.at("redactions").empty());
  EXPECT_EQ(officer_read->body.find("depression"), std::string::npos) << officer_read->body;
  EXPECT_EQ(to(officer.at("requests"), "police")->at("items")[0].at("text"),
            "Three call-outs to the address this year.");

  // The decision maker reads it whole.
  const json dm = body_of(api_get(contact_path(id, "research"), p.dm.token), 200);
  const json& dm_item = to(dm.at("requests"), "health")->at("items")[1];
  EXPECT_FALSE(dm_item.at("withheld").get<bool>());
  EXPECT_EQ(dm_item.at("text"), "Mother treated for depression");
  EXPECT_EQ(dm_item.at("indicator"), "mental_health");

  // Every read of another agency's answer is a disclosure, with its purpose and basis.
  const json disclosures = body_of(api_get(contact_path(id, "disclosures"), p.dm.token), 200);
  const json* officer_saw = nullptr;
  int requests_disclosed = 0;
  for (const json& d : disclosures.at("disclosures")) {
    if (d.at("kind") == "request") ++requests_disclosed;
    if (d.at("kind") == "response_read" && d.at("to_username") == p.officer.username &&
        d.at("from_agency") == "health")
      officer_saw = &d;
  }
  EXPECT_EQ(requests_disclosed, 2) << "each request discloses the subjects to its agency";
  ASSERT_NE(officer_saw, nullptr) << disclosures;
  EXPECT_EQ(officer_saw->at("purpose"), "MASH research for the strategy");
  EXPECT_EQ(officer_saw->at("basis"), "dpa_sch1_para18");
  EXPECT_EQ(officer_saw->at("items").size(), 2u);
  EXPECT_EQ(officer_saw->at("withheld").size(), 1u);
}

TEST(ApiResearch, ProblemsAreNamedByFieldAndNothingIsWritten) {
  const ResearchPeople& p = research_people();
  const int64_t id = contact_in_enquiry(p.dm.token);
  ASSERT_NE(id, 0);
  const int64_t bases = count_rows("enquiry_bases");

  auto shape =
      api_post(contact_path(id, "basis"), {{"consent", 3}, {"consnet", "given"}}, p.dm.token);
  EXPECT_EQ(error_fields(expect_json_error(shape, 422)),
            (std::vector<std::string>{"consent", "consnet"}));
  auto rules = api_post(contact_path(id, "basis"), {{"consent", "refused"}}, p.dm.token);
  EXPECT_EQ(error_fields(expect_json_error(rules, 422)),
            (std::vector<std::string>{"lawful_basis", "reason"}));
  auto list = api_post(contact_path(id, "basis"), json::array({"given"}), p.dm.token);
  EXPECT_EQ(error_fields(expect_json_error(list, 422)), (std::vector<std::string>{""}));
  expect_json_error(client().Post(contact_path(id, "basis"), bearer(p.dm.token),
                                  "{\"consent\":", "application/json"),
                    400);
  expect_json_error(client().Post(contact_path(id, "basis"), bearer(p.dm.token), "consent=given",
                                  "application/x-www-form-urlencoded"),
                    415);
  EXPECT_EQ(count_rows("enquiry_bases"), bases);

  body_of(api_post(contact_path(id, "basis"), {{"consent", "given"}}, p.dm.token), 201);
  const int64_t requests = count_rows("information_requests");
  auto agencies =
      api_post(contact_path(id, "requests"),
               {{"agencies", json::array({"health", 7})}, {"question", ""}}, p.dm.token);
  EXPECT_EQ(error_fields(expect_json_error(agencies, 422)),
            (std::vector<std::string>{"agencies[1]"}));
  auto unknown = api_post(contact_path(id, "requests"),
                          {{"agencies", json::array({"health", "mi5"})}, {"question", "Anything?"}},
                          p.dm.token);
  EXPECT_EQ(error_fields(expect_json_error(unknown, 422)),
            (std::vector<std::string>{"agencies[1]"}));
  auto empty = api_post(contact_path(id, "requests"), {{"agencies", json::array()}}, p.dm.token);
  EXPECT_EQ(error_fields(expect_json_error(empty, 422)),
            (std::vector<std::string>{"agencies", "question"}));
  // Passages of the narrative to withhold: a list of text, each in the narrative, with a reason.
  auto passages = api_post(contact_path(id, "requests"),
                           {{"agencies", json::array({"health"})},
                            {"question", "Known?"},
                            {"narrative_reason", "Health needs the incident"},
                            {"narrative_withheld", json::array({"the child was present", 3})}},
                           p.dm.token);
  EXPECT_EQ(error_fields(expect_json_error(passages, 422)),
            (std::vector<std::string>{"narrative_withheld[1]"}));
  auto not_there = api_post(contact_path(id, "requests"),
                            {{"agencies", json::array({"police"})},
                             {"question", "Known?"},
                             {"narrative_reason", "Police need the incident"},
                             {"narrative_withheld", json::array({"nothing like this"})}},
                            p.dm.token);
  EXPECT_EQ(error_fields(expect_json_error(not_there, 422)),
            (std::vector<std::string>{"narrative_withheld_reason", "narrative_withheld[0]"}));
  EXPECT_EQ(count_rows("information_requests"), requests) << "all or nothing";
  const json withheld =
      body_of(api_post(contact_path(id, "requests"),
                       {{"agencies", json::array({"police"})},
                        {"question", "Known?"},
                        {"narrative_reason", "Police need the incident"},
                        {"narrative_withheld", json::array({"the child was present"})},
                        {"narrative_withheld_reason", "third_party"}},
                       p.dm.token),
              201);
  const json& to_police = withheld.at("requests")[0];
  EXPECT_EQ(to_police.at("narrative_passages_withheld"), 1);
  EXPECT_EQ(to_police.at("narrative").get<std::string>().find("the child was present"),
            std::string::npos);
  EXPECT_NE(
      to_police.at("narrative").get<std::string>().find("[redacted: third-party information]"),
      std::string::npos);

  const json raised =
      body_of(api_post(contact_path(id, "requests"),
                       {{"agencies", json::array({"health"})}, {"question", "Known?"}}, p.dm.token),
              201);
  const int64_t health = raised.at("requests")[0].at("id").get<int64_t>();
  const std::string subject =
      std::to_string(raised.at("requests")[0].at("subjects")[0].at("subject_id").get<int64_t>());
  const int64_t items = count_rows("response_items");
  // The shape: wrong types, unknown and read-only members, keys that are not subjects.
  auto types = api_post(
      request_path(health, "response"),
      {{"known", {{subject, 1}, {"abc", "known"}}},
       {"items", json::array({summary("Known to health"),
                              {{"kind", "risk"}, {"subject_id", "one"}},
                              {{"kind", "chronology"}, {"text", 42}, {"id", 9}},
                              "a summary",
                              {{"text", std::string("NUL \0 here", 10)}, {"colour", "red"}}})},
       {"send", "yes"}},
      p.nurse.token);
  const json e1 = expect_json_error(types, 422);
  EXPECT_EQ(error_fields(e1),
            (std::vector<std::string>{"items[1].subject_id", "items[2].id", "items[2].text",
                                      "items[3]", "items[4].colour", "items[4].text",
                                      "known." + subject, "known.abc", "send"}));
  EXPECT_NE(e1.at("message").get<std::string>().find("items[2].text: must be a string"),
            std::string::npos)
      << e1;
  // The answer's rules, with the use case's paths.
  auto sending = api_post(
      request_path(health, "response"),
      {{"known", {{"999999999", "known"}}},
       {"items",
        json::array({{{"kind", "risk"}, {"indicator", "flying"}},
                     {{"kind", "chronology"}, {"occurred_on", "2099-01-01"}, {"text", "Future"}}})},
       {"send", true}},
      p.nurse.token);
  const std::vector<std::string> fields = error_fields(expect_json_error(sending, 422));
  const std::set<std::string> named(fields.begin(), fields.end());
  for (const std::string& f :
       std::vector<std::string>{"known.999999999", "known." + subject, "items[0].indicator",
                                "items[1].occurred_on", "items[1].source_system", "items"})
    EXPECT_TRUE(named.count(f)) << f << " not named; named: " << json(fields);
  auto items_not_list =
      api_post(request_path(health, "response"), {{"items", {{"kind", "risk"}}}}, p.nurse.token);
  EXPECT_EQ(error_fields(expect_json_error(items_not_list, 422)),
            (std::vector<std::string>{"items"}));
  EXPECT_EQ(count_rows("response_items"), items);
  EXPECT_EQ(body_of(api_get(request_path(health), p.nurse.token), 200).at("status"), "requested");

  auto bad_query = api_get("/api/v1/requests?answered=maybe", p.nurse.token);
  EXPECT_EQ(error_fields(expect_json_error(bad_query, 400)),
            (std::vector<std::string>{"answered"}));
  auto long_purpose =
      api_get(contact_path(id, "research") + "?purpose=" + std::string(201, 'x'), p.dm.token);
  EXPECT_EQ(error_fields(expect_json_error(long_purpose, 400)),
            (std::vector<std::string>{"purpose"}));
}

TEST(ApiResearch, BodiesOfTheWrongShapeNeverCrashOrWrite) {
  const ResearchPeople& p = research_people();
  Enquiry e = enquiry_asking({"health"});
  const int64_t health = e.request_id("health");
  body_of(api_post(request_path(health, "response"),
                   answer(e, "health", json::array({summary("Known to health visiting.")}), false),
                   p.nurse.token),
          200);
  const std::vector<std::string> tables = {"enquiry_bases", "information_requests",
                                           "response_items", "redactions", "disclosures"};
  std::vector<int64_t> counts;
  for (const auto& t : tables) counts.push_back(count_rows(t));
  const std::vector<std::string> bodies = {"null",
                                           "[]",
                                           "\"text\"",
                                           "17",
                                           "true",
                                           "{\"items\": {}}",
                                           "{\"known\": []}",
                                           "{\"items\": [[]]}",
                                           "{\"items\": [{\"kind\": {}}]}",
                                           "{\"agencies\": {\"health\": 1}}",
                                           "{\"recipients\": \"*\"}",
                                           "{\"item_id\": \"1\"}",
                                           "{\"item_id\": 1.5}",
                                           "{\"item_id\": 99999999999999999999}",
                                           "{\"item_id\": -1}",
                                           "{\"known\": {\"1\": []}}",
                                           "{\"items\": [null]}",
                                           "{\"consent\": null, \"reason\": [1]}",
                                           "{\"\": 1}",
                                           "{\"a\":"};
  const std::vector<std::pair<std::string, std::string>> posts = {
      {contact_path(e.contact, "basis"), p.dm.token},
      {contact_path(e.contact, "requests"), p.dm.token},
      {request_path(health, "response"), p.nurse.token},
      {request_path(health, "redactions"), p.nurse.token}};
  for (const auto& [path, token] : posts)
    for (const std::string& body : bodies) {
      auto res = client().Post(path, bearer(token), body, "application/json");
      ASSERT_TRUE(res) << path << " " << body;
      EXPECT_GE(res->status, 400) << path << " " << body << ": " << res->body;
      EXPECT_LT(res->status, 500) << path << " " << body << ": " << res->body;
      expect_json_error(res, res->status);
    }
  for (size_t i = 0; i < tables.size(); ++i)
    EXPECT_EQ(count_rows(tables[i]), counts[i]) << tables[i];
  const json still = body_of(api_get(request_path(health), p.nurse.token), 200);
  EXPECT_EQ(still.at("status"), "in_progress");
  ASSERT_EQ(still.at("items").size(), 1u);
  EXPECT_EQ(still.at("items")[0].at("text"), "Known to health visiting.");
}

TEST(ApiResearch, AnotherAgencysRequestIsNotFoundAndTheHubsReadsAreForbidden) {
  const ResearchPeople& p = research_people();
  Enquiry e = enquiry_asking({"health", "police"});
  const int64_t health = e.request_id("health"), police = e.request_id("police");
  const json health_answer = answer(e, "health", json::array({summary("Known to health.")}));

  // Education was not asked; the nurse was not asked what the police were.
  for (const auto& [token, request] : std::vector<std::pair<std::string, int64_t>>{
           {p.teacher.token, health}, {p.nurse.token, police}}) {
    expect_json_error(api_get(request_path(request), token), 404);
    expect_json_error(api_post(request_path(request, "response"), health_answer, token), 404);
  }
  for (const std::string& path : {request_path(99999999), std::string("/api/v1/requests/abc")})
    expect_json_error(api_get(path, p.nurse.token), 404);
  // Practitioners do not open the contact, its research or its disclosures.
  for (const char* what : {"research", "disclosures", ""})
    expect_json_error(api_get(contact_path(e.contact, what), p.nurse.token), 403);
  // Only the agency asked answers; the hub's referral administrators do not research.
  expect_json_error(api_post(request_path(health, "response"), health_answer, p.officer.token),
                    403);
  expect_json_error(
      api_post(contact_path(e.contact, "basis"), {{"consent", "given"}}, world().user_token), 403);
  expect_json_error(api_get("/api/v1/requests", world().user_token), 403);
  EXPECT_EQ(body_of(api_get(request_path(health), p.officer.token), 200).at("items").size(), 0u)
      << "the hub follows the request; it reads the answer through the research";
  expect_json_error(api_get(contact_path(99999999, "research"), p.dm.token), 404);

  body_of(api_post(request_path(health, "response"), health_answer, p.nurse.token), 200);
  const int64_t item =
      body_of(api_get(request_path(health), p.nurse.token), 200).at("items")[0].at("id");
  const json redaction = {{"item_id", item},
                          {"passage", "health"},
                          {"recipients", json::array({"*"})},
                          {"reason", "third_party"}};
  expect_json_error(api_post(request_path(health, "redactions"), redaction, p.teacher.token), 404);
  expect_json_error(api_post(request_path(health, "redactions"), redaction, p.officer.token), 403);
}

TEST(ApiResearch, AgencySystemsAreRefusedAllResearch) {
  const ResearchPeople& p = research_people();
  Enquiry e = enquiry_asking({"police"});
  const int64_t police = e.request_id("police");
  for (const std::string& token : {world().police_token, world().health_token}) {
    for (const std::string& path :
         {contact_path(e.contact, "research"), contact_path(e.contact, "disclosures"),
          std::string("/api/v1/requests"), request_path(police)})
      expect_json_error(api_get(path, token), 403);
    expect_json_error(api_post(contact_path(e.contact, "basis"), {{"consent", "given"}}, token),
                      403);
    expect_json_error(
        api_post(contact_path(e.contact, "requests"),
                 {{"agencies", json::array({"education"})}, {"question", "Known?"}}, token),
        403);
    expect_json_error(api_post(request_path(police, "response"),
                               answer(e, "police", json::array({summary("Known.")})), token),
                      403);
    expect_json_error(api_post(request_path(police, "redactions"),
                               {{"item_id", 1},
                                {"passage", "Known"},
                                {"recipients", json::array({"*"})},
                                {"reason", "third_party"}},
                               token),
                      403);
  }
  EXPECT_EQ(body_of(api_get(request_path(police), p.researcher.token), 200).at("status"),
            "requested");
}

TEST(ApiResearch, ARedactionWaitsForTheAnswerToBeSent) {
  const ResearchPeople& p = research_people();
  Enquiry e = enquiry_asking({"health"});
  const int64_t health = e.request_id("health");
  const json partial =
      answer(e, "health", json::array({summary("Raised by a neighbour, Ann Other.")}), false);
  const json saved =
      body_of(api_post(request_path(health, "response"), partial, p.nurse.token), 200);
  const int64_t item = saved.at("items")[0].at("id");
  auto early = api_post(request_path(health, "redactions"),
                        {{"item_id", item},
                         {"passage", "Ann Other"},
                         {"recipients", json::array({"childrens_social_care"})},
                         {"reason", "third_party"}},
                        p.nurse.token);
  EXPECT_EQ(expect_json_error(early, 409).at("code"), "conflict");
  // The answer can still be saved and sent.
  body_of(api_post(request_path(health, "response"), partial, p.nurse.token), 200);
  json sent = partial;
  sent["send"] = true;
  body_of(api_post(request_path(health, "response"), sent, p.nurse.token), 200);
}

}  // namespace
}  // namespace mash::it
