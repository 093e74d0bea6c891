// Research over the API (issue 5), shared by its tests and the OpenAPI test: users of any agency
// with their tokens, a contact brought to a MASH enquiry the way the hub brings one, agencies
// asked about it, and answers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness.h"

namespace mash::it {

struct ApiUser {
  std::string username;
  std::string token;  // acts as the user
};
// A new user of `role` in `agency`, made with `mash user add`, and a token acting as them.
ApiUser api_user(const std::string& role, const std::string& agency);

// The people of research, made once: the hub's decision maker and information officer (children's
// social care), and practitioners of health, the police and education.
struct ResearchPeople {
  ApiUser dm = api_user("decision_maker", "childrens_social_care");
  ApiUser officer = api_user("information_officer", "childrens_social_care");
  ApiUser nurse = api_user("agency_practitioner", "health");
  ApiUser researcher = api_user("agency_practitioner", "police");
  ApiUser teacher = api_user("agency_practitioner", "education");
};
const ResearchPeople& research_people();

// GET and POST (JSON) with a bearer token.
httplib::Result api_get(const std::string& path, const std::string& token);
httplib::Result api_post(const std::string& path, const json& body, const std::string& token);
// /api/v1/contacts/{id}[/what] and /api/v1/requests/{id}[/what]
std::string contact_path(int64_t id, const std::string& what = "");
std::string request_path(int64_t id, const std::string& what = "");
// The response's JSON, expecting `status` (an empty object when it is not JSON).
json body_of(const httplib::Result& res, int status);

// A new contact from the police feed (domestic abuse, one child), rated amber and progressed to a
// MASH enquiry by `decider` (a decision maker's token). Its id; 0 after a failed expectation.
int64_t contact_in_enquiry(const std::string& decider);

// An enquiry with its basis recorded (no consent sought; DPA 2018 Sch 1 para 18) and these
// agencies asked by the decision maker: the contact and the requests as raised.
struct Enquiry {
  int64_t contact = 0;
  json requests = json::array();
  const json* request_to(const std::string& agency) const;  // nullptr when not asked
  int64_t request_id(const std::string& agency) const;      // 0 when not asked
};
Enquiry enquiry_asking(const std::vector<std::string>& agencies);

// An answer to the agency's request: every subject known, these items; sent or only saved.
json answer(const Enquiry& e, const std::string& agency, json items, bool send = true);
json summary(const std::string& text, const std::string& sensitivity = "");

}  // namespace mash::it
