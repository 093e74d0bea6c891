#include "research_flow.h"

#include <gtest/gtest.h>

namespace mash::it {

ApiUser api_user(const std::string& role, const std::string& agency) {
  ApiUser u;
  u.username = unique_ref("api." + agency.substr(0, 6) + "." + role.substr(0, 8));
  auto added = run_mash({"user", "add", "--db", world().db_url, "--username", u.username, "--role",
                         role, "--agency", agency, "--name", "API test user"},
                        "correct horse battery staple\n");
  EXPECT_EQ(added.exit_code, 0) << added.err;
  auto token = run_mash({"token", "create", "--db", world().db_url, "--user", u.username});
  EXPECT_EQ(token.exit_code, 0) << token.err;
  std::string out = token.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  u.token = out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
  return u;
}

const ResearchPeople& research_people() {
  static const ResearchPeople people;
  return people;
}

httplib::Result api_get(const std::string& path, const std::string& token) {
  return client().Get(path, bearer(token));
}

httplib::Result api_post(const std::string& path, const json& body, const std::string& token) {
  return client().Post(path, bearer(token), body.dump(), "application/json");
}

std::string contact_path(int64_t id, const std::string& what) {
  return "/api/v1/contacts/" + std::to_string(id) + (what.empty() ? "" : "/" + what);
}

std::string request_path(int64_t id, const std::string& what) {
  return "/api/v1/requests/" + std::to_string(id) + (what.empty() ? "" : "/" + what);
}

json body_of(const httplib::Result& res, int status) {
  if (!res) {
    ADD_FAILURE() << "no response";
    return json::object();
  }
  EXPECT_EQ(res->status, status) << res->body;
  json j = json::parse(res->body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << res->body;
  return j.is_discarded() ? json::object() : j;
}

int64_t contact_in_enquiry(const std::string& decider) {
  auto created = post_contact(valid_contact(unique_ref("PPN-RESEARCH")), world().police_token);
  const json contact = body_of(created, 201);
  if (!contact.contains("id")) return 0;
  const int64_t id = contact.at("id").get<int64_t>();
  body_of(
      api_post(contact_path(id, "rating"),
               {{"rating", "amber"}, {"rationale", "Domestic incident, child present"}}, decider),
      201);
  auto decided = api_post(contact_path(id, "decision"),
                          {{"route", "mash_enquiry"},
                           {"threshold", 3},
                           {"rationale", "Partners to research the family"}},
                          decider);
  return body_of(decided, 201).value("status", "") == "enquiry" ? id : 0;
}

const json* Enquiry::request_to(const std::string& agency) const {
  for (const json& r : requests)
    if (r.at("agency") == agency) return &r;
  return nullptr;
}

int64_t Enquiry::request_id(const std::string& agency) const {
  const json* r = request_to(agency);
  return r ? r->at("id").get<int64_t>() : 0;
}

Enquiry enquiry_asking(const std::vector<std::string>& agencies) {
  const std::string& dm = research_people().dm.token;
  Enquiry e;
  e.contact = contact_in_enquiry(dm);
  body_of(api_post(contact_path(e.contact, "basis"),
                   {{"consent", "not_sought"},
                    {"lawful_basis", "dpa_sch1_para18"},
                    {"reason", "Seeking consent would place the child at risk"}},
                   dm),
          201);
  e.requests = body_of(api_post(contact_path(e.contact, "requests"),
                                {{"agencies", agencies}, {"question", "What do you know?"}}, dm),
                       201)
                   .value("requests", json::array());
  EXPECT_EQ(e.requests.size(), agencies.size());
  return e;
}

json answer(const Enquiry& e, const std::string& agency, json items, bool send) {
  json known = json::object();
  if (const json* r = e.request_to(agency))
    for (const json& s : r->at("subjects"))
      known[std::to_string(s.at("subject_id").get<int64_t>())] = "known";
  return {{"known", known}, {"items", std::move(items)}, {"send", send}};
}

json summary(const std::string& text, const std::string& sensitivity) {
  return {{"kind", "summary"}, {"text", text}, {"sensitivity", sensitivity}};
}

}  // namespace mash::it
