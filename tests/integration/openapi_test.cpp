// The OpenAPI 3 document at /api/v1/openapi.json is kept true: every operation the server answers
// under /api/v1 is in it, everything in it is answered, and the statuses the server really sends
// for an operation are among those it documents.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "harness.h"
#include "research_flow.h"

namespace mash::it {
namespace {

json fetch_document() {
  auto res = client().Get("/api/v1/openapi.json", bearer(world().user_token));
  if (!res || res->status != 200) {
    ADD_FAILURE() << "GET /api/v1/openapi.json: "
                  << (res ? std::to_string(res->status) : "no response");
    return json::object();
  }
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  json doc = json::parse(res->body, nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << "openapi.json is not valid JSON";
  return doc.is_discarded() ? json::object() : doc;
}

// Follows a local "$ref": "#/components/…".
const json& resolve(const json& doc, const json& node) {
  if (!node.is_object() || !node.contains("$ref")) return node;
  std::string ref = node["$ref"];
  if (ref.rfind("#/", 0) != 0) return node;
  return doc.at(json::json_pointer(ref.substr(1)));
}

// One operation the server answers, and a real request that exercises it with the statuses this
// suite sees it send.
struct Operation {
  std::string method;                        // lower case, as OpenAPI writes it
  std::string path;                          // as documented, with {id}
  std::function<httplib::Result()> request;  // answered with 2xx when the route exists
  std::set<std::string> statuses;            // statuses the tests observe for it
};

const ApiUser& glass_manager() {
  static const ApiUser manager = api_user("hub_manager", "childrens_social_care");
  return manager;
}

// The decision maker's token breaks glass on a new contact restricted to no one (the same live
// access, 201, each time after the first).
httplib::Result break_glass_once() {
  static int64_t contact = 0;
  if (contact == 0) {
    auto sent = post_contact(valid_contact(unique_ref("PPN-OPENAPI")), world().police_token);
    if (sent && sent->status == 201) contact = json::parse(sent->body)["id"].get<int64_t>();
    run_mash({"contact", "restrict", std::to_string(contact), "--db", world().db_url, "--reason",
              "A hub employee's grandchild"});
  }
  return api_post(contact_path(contact, "break-glass"), {{"reason", "Out of hours"}},
                  research_people().dm.token);
}

std::vector<Operation> known_operations() {
  static int64_t id = 0;
  auto ensure_contact = [] {
    if (id == 0) {
      auto r = post_contact(valid_contact(unique_ref("PPN-OPENAPI")), world().police_token);
      if (r && r->status == 201) id = json::parse(r->body)["id"].get<int64_t>();
    }
    return id;
  };
  return {
      {"post",
       "/api/v1/contacts",
       [] { return post_contact(valid_contact(unique_ref("PPN-OPENAPI")), world().police_token); },
       {"200", "201", "400", "401", "413", "415", "422"}},
      {"get",
       "/api/v1/contacts/{id}",
       [ensure_contact] {
         return client().Get("/api/v1/contacts/" + std::to_string(ensure_contact()),
                             bearer(world().user_token));
       },
       {"200", "401", "403", "404"}},
      {"get",
       "/api/v1/contacts/{id}/rating",
       [ensure_contact] {
         return client().Get("/api/v1/contacts/" + std::to_string(ensure_contact()) + "/rating",
                             bearer(world().user_token));
       },
       {"200", "401", "403", "404"}},
      {"post",
       "/api/v1/contacts/{id}/rating",
       [ensure_contact] {
         static const std::string rater = token_for_role("decision_maker");
         return client().Post("/api/v1/contacts/" + std::to_string(ensure_contact()) + "/rating",
                              bearer(rater), R"({"rating": "green", "rationale": "OpenAPI check"})",
                              "application/json");
       },
       {"201", "400", "401", "403", "404", "422"}},
      // DASH (issue 4)
      {"get",
       "/api/v1/contacts/{id}/dash",
       [ensure_contact] {
         return client().Get("/api/v1/contacts/" + std::to_string(ensure_contact()) + "/dash",
                             bearer(world().user_token));
       },
       {"200", "401", "403", "404"}},
      {"post",
       "/api/v1/contacts/{id}/dash",
       [ensure_contact] {
         static const std::string assessor = token_for_role("social_worker");
         json answers = json::object();
         for (int n = 1; n <= 24; ++n) answers[std::to_string(n)] = n % 2 ? "yes" : "no";
         return client().Post("/api/v1/contacts/" + std::to_string(ensure_contact()) + "/dash",
                              bearer(assessor), json{{"answers", answers}}.dump(),
                              "application/json");
       },
       {"201", "400", "401", "403", "404", "422"}},
      {"get",
       "/api/v1/contacts/{id}/decision",
       [ensure_contact] {
         return client().Get("/api/v1/contacts/" + std::to_string(ensure_contact()) + "/decision",
                             bearer(world().user_token));
       },
       {"200", "401", "403", "404"}},
      {"post",
       "/api/v1/contacts/{id}/decision",
       [] {
         static const std::string decider = token_for_role("decision_maker");
         auto r = post_contact(valid_contact(unique_ref("PPN-OPENAPI")), world().police_token);
         const int64_t fresh = json::parse(r->body)["id"].get<int64_t>();
         const std::string base = "/api/v1/contacts/" + std::to_string(fresh);
         client().Post(base + "/rating", bearer(decider),
                       R"({"rating": "green", "rationale": "OpenAPI check"})", "application/json");
         return client().Post(base + "/decision", bearer(decider),
                              R"({"route": "no_further_action", "threshold": 1,
                                  "rationale": "OpenAPI check"})",
                              "application/json");
       },
       {"201", "400", "401", "403", "404", "409", "422"}},
      // Multi-agency research (issue 5)
      {"post",
       "/api/v1/contacts/{id}/basis",
       [] {
         const std::string& dm = research_people().dm.token;
         return api_post(contact_path(contact_in_enquiry(dm), "basis"), {{"consent", "given"}}, dm);
       },
       {"201", "400", "403", "415", "422"}},
      {"post",
       "/api/v1/contacts/{id}/requests",
       [] {
         const std::string& dm = research_people().dm.token;
         const int64_t contact = contact_in_enquiry(dm);
         api_post(contact_path(contact, "basis"), {{"consent", "given"}}, dm);
         return api_post(contact_path(contact, "requests"),
                         {{"agencies", json::array({"health"})}, {"question", "Known?"}}, dm);
       },
       {"201", "403", "409", "422"}},
      {"get",
       "/api/v1/contacts/{id}/research",
       [ensure_contact] {
         return api_get(contact_path(ensure_contact(), "research"), research_people().dm.token);
       },
       {"200", "400", "403", "404"}},
      {"get",
       "/api/v1/contacts/{id}/disclosures",
       [ensure_contact] {
         return api_get(contact_path(ensure_contact(), "disclosures"), research_people().dm.token);
       },
       {"200", "403"}},
      {"post",
       "/api/v1/contacts/{id}/research/summaries",
       [] {
         const ResearchPeople& p = research_people();
         const int64_t contact = contact_in_enquiry(p.dm.token);
         api_post(contact_path(contact, "decision"),
                  {{"route", "allocated_worker"},
                   {"threshold", 3},
                   {"worker", p.officer.username},
                   {"rationale", "Assessment by the locality team"}},
                  p.dm.token);
         return api_post(contact_path(contact, "research/summaries"),
                         {{"to", p.officer.username}, {"purpose", "Assessment"}}, p.dm.token);
       },
       {"201", "403", "409", "422"}},
      {"post",
       "/api/v1/contacts/{id}/break-glass",
       [] { return break_glass_once(); },
       {"201", "403", "409", "422"}},
      {"get",
       "/api/v1/break-glass",
       [] { return api_get("/api/v1/break-glass", glass_manager().token); },
       {"200", "403"}},
      {"post",
       "/api/v1/break-glass/sign-off",
       [] {
         auto opened = break_glass_once();
         const int64_t access =
             opened && opened->status == 201 ? json::parse(opened->body)["id"].get<int64_t>() : 0;
         return api_post("/api/v1/break-glass/sign-off", {{"id", access}, {"note", "Checked"}},
                         glass_manager().token);
       },
       {"200", "404", "409", "422"}},
      {"get",
       "/api/v1/reports/timeliness",
       [] { return api_get("/api/v1/reports/timeliness", research_people().dm.token); },
       {"200", "400", "401", "403"}},
      {"get",
       "/api/v1/summaries",
       [] { return api_get("/api/v1/summaries", research_people().officer.token); },
       {"200", "403"}},
      {"get",
       "/api/v1/requests",
       [] { return api_get("/api/v1/requests", research_people().nurse.token); },
       {"200", "400", "403"}},
      {"get",
       "/api/v1/requests/{id}",
       [] {
         return api_get(request_path(enquiry_asking({"health"}).request_id("health")),
                        research_people().nurse.token);
       },
       {"200", "403", "404"}},
      {"post",
       "/api/v1/requests/{id}/response",
       [] {
         const Enquiry e = enquiry_asking({"health"});
         return api_post(request_path(e.request_id("health"), "response"),
                         answer(e, "health", json::array({summary("Known.")}), false),
                         research_people().nurse.token);
       },
       {"200", "403", "404", "409", "422"}},
      {"post",
       "/api/v1/requests/{id}/redactions",
       [] {
         const Enquiry e = enquiry_asking({"health"});
         const int64_t request = e.request_id("health");
         const json sent = body_of(
             api_post(request_path(request, "response"),
                      answer(e, "health", json::array({summary("Known to health visiting.")})),
                      research_people().nurse.token),
             200);
         return api_post(request_path(request, "redactions"),
                         {{"item_id", sent.at("items")[0].at("id")},
                          {"passage", "health visiting"},
                          {"recipients", json::array({"*"})},
                          {"reason", "third_party"}},
                         research_people().nurse.token);
       },
       {"201", "403", "404", "409", "422"}},
      {"get",
       "/api/v1/notifications",
       [] { return client().Get("/api/v1/notifications", bearer(world().user_token)); },
       {"200", "401"}},
      {"get",
       "/api/v1/tracker",
       [] { return client().Get("/api/v1/tracker", bearer(world().user_token)); },
       {"200", "400", "401", "403"}},
      {"get", "/api/v1/health", [] { return client().Get("/api/v1/health"); }, {"200"}},
      {"get",
       "/api/v1/openapi.json",
       [] { return client().Get("/api/v1/openapi.json", bearer(world().user_token)); },
       {"200"}},
  };
}

const std::set<std::string> kMethods = {"get", "put", "post", "delete", "patch", "head", "options"};

TEST(OpenApi, IsAnOpenApi3DocumentWithTheContactRoutes) {
  json doc = fetch_document();
  ASSERT_TRUE(doc.contains("openapi") && doc["openapi"].is_string());
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.", 0), 0u) << doc["openapi"];
  ASSERT_TRUE(doc.contains("info") && doc["info"].is_object());
  EXPECT_TRUE(doc["info"].contains("title"));
  EXPECT_TRUE(doc["info"].contains("version"));
  ASSERT_TRUE(doc.contains("paths") && doc["paths"].is_object());
  for (const char* p : {"/api/v1/contacts", "/api/v1/contacts/{id}", "/api/v1/health"})
    EXPECT_TRUE(doc["paths"].contains(p)) << "openapi.json has no path " << p;
}

TEST(OpenApi, DocumentsExactlyTheOperationsTheServerAnswers) {
  json doc = fetch_document();
  ASSERT_TRUE(doc.contains("paths"));
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items())
      if (kMethods.count(method)) documented.insert({method, path});

  std::set<std::pair<std::string, std::string>> known;
  for (const auto& op : known_operations()) {
    known.insert({op.method, op.path});
    EXPECT_TRUE(documented.count({op.method, op.path}))
        << "the server answers " << op.method << " " << op.path << " but openapi.json omits it";
    auto res = op.request();
    ASSERT_TRUE(res) << op.method << " " << op.path;
    EXPECT_GE(res->status, 200) << op.method << " " << op.path;
    EXPECT_LT(res->status, 300) << op.method << " " << op.path << ": " << res->body;
  }
  for (const auto& [method, path] : documented) {
    EXPECT_TRUE(known.count({method, path}))
        << "openapi.json documents " << method << " " << path
        << ", which this test does not know: add it to known_operations() with a request";
  }
}

TEST(OpenApi, DocumentsTheStatusesTheServerSends) {
  json doc = fetch_document();
  ASSERT_TRUE(doc.contains("paths"));
  for (const auto& op : known_operations()) {
    if (!doc["paths"].contains(op.path) || !doc["paths"][op.path].contains(op.method)) continue;
    const json& operation = doc["paths"][op.path][op.method];
    ASSERT_TRUE(operation.contains("responses")) << op.method << " " << op.path;
    for (const auto& status : op.statuses) {
      EXPECT_TRUE(operation["responses"].contains(status))
          << op.method << " " << op.path << " can answer " << status
          << " but openapi.json does not say so";
    }
  }
}

TEST(OpenApi, TheContactSchemaNamesTheIntegratorsFields) {
  json doc = fetch_document();
  ASSERT_TRUE(doc.contains("paths") && doc["paths"].contains("/api/v1/contacts"));
  const json& post = doc["paths"]["/api/v1/contacts"]["post"];
  ASSERT_TRUE(post.contains("requestBody"));
  const json& body = resolve(doc, post["requestBody"]);
  ASSERT_TRUE(body.contains("content") && body["content"].contains("application/json"));
  const json& schema = resolve(doc, body["content"]["application/json"]["schema"]);
  ASSERT_TRUE(schema.contains("properties"));
  for (const char* f : {"external_ref", "received_at", "source", "referrer", "subjects",
                        "presenting_issues", "narrative", "consent"})
    EXPECT_TRUE(schema["properties"].contains(f)) << "the contact schema has no " << f;
  const json& subjects = resolve(doc, schema["properties"]["subjects"]);
  ASSERT_TRUE(subjects.contains("items"));
  const json& subject = resolve(doc, subjects["items"]);
  ASSERT_TRUE(subject.contains("properties"));
  for (const char* f :
       {"given_name", "family_name", "date_of_birth", "sex", "role", "address", "nhs_number"})
    EXPECT_TRUE(subject["properties"].contains(f)) << "the subject schema has no " << f;
}

TEST(OpenApi, ErrorsShowNoInternals) {
  // A sample of error responses across the API, none with a stack trace or internal names.
  std::vector<httplib::Result> errors;
  errors.push_back(post_raw("{", "application/json", bearer(world().police_token)));
  errors.push_back(post_raw("{}", "application/json", bearer(world().police_token)));
  errors.push_back(post_raw("null", "application/json", bearer(world().police_token)));
  errors.push_back(
      post_raw("{\"subjects\": [null]}", "application/json", bearer(world().police_token)));
  errors.push_back(post_raw("{\"subjects\": [{\"address\": 7}]}", "application/json",
                            bearer(world().police_token)));
  errors.push_back(
      client().Get("/api/v1/contacts/99999999999999999999999", bearer(world().user_token)));
  errors.push_back(client().Delete("/api/v1/contacts/1", bearer(world().user_token)));
  for (const auto& res : errors) {
    ASSERT_TRUE(res);
    EXPECT_GE(res->status, 400);
    EXPECT_LT(res->status, 500) << "a client's mistake is not a server error: " << res->body;
    EXPECT_FALSE(looks_internal(res->body)) << res->body;
  }
}

}  // namespace
}  // namespace mash::it
