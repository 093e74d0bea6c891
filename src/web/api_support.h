// The JSON API's shared handling, for its handler files (api.cpp, api_screening.cpp): errors in
// one shape ({"error": {"code", "message", "fields"}}), bearer-token authentication and JSON
// bodies read with a clear message for each way they can be wrong. Internal to web/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "domain/result.h"
#include "policy/policy.h"
#include "web/http.h"

namespace mash::web {

void send_api_error(httplib::Response& res, int status, const std::string& code,
                    const std::string& message, const std::vector<FieldError>& fields = {});
// With extra members of the error object ({"line": 3, …}).
void send_api_error(httplib::Response& res, int status, const std::string& code,
                    const std::string& message, const std::vector<FieldError>& fields,
                    const nlohmann::json& extra);
// A use case's error as the API answers it; `what` names the thing with problems: "The contact",
// "The rating".
void send_use_case_error(httplib::Response& res, const Error& e,
                         const std::string& what = "The contact");
// The actor for the request's bearer token; otherwise answers 401 and returns nullopt.
std::optional<policy::Actor> authenticate(Site& site, const httplib::Request& req,
                                          httplib::Response& res);
// Whether the actor may ever do `action` (Hub::permit: the configuration's roles included, a
// refusal audited against `contact_id`); otherwise answers 403. Handlers that read a body, a
// query or a header ask first, so that someone who may not use a route is refused before being
// told what is wrong with their input.
bool permitted(Site& site, const policy::Actor& actor, policy::Action action,
               httplib::Response& res, int64_t contact_id = 0);
// The contact's id in the path (/api/v1/contacts/{id}…); 0 after answering 404 when it is not one.
int64_t contact_id_in(const httplib::Request& req, httplib::Response& res);

// The request's JSON body, or nullopt after answering 415, 413 or 400 (with where the JSON
// breaks). `what` names the body in messages: "the contact".
std::optional<nlohmann::json> read_json_body(Site& site, const httplib::Request& req,
                                             httplib::Response& res, const std::string& what);

// POST and GET /api/v1/contacts/{id}/decision, GET /api/v1/notifications (api_screening.cpp).
void add_screening_api_routes(Routes& routes);
// Multi-agency research (issue 5, api_research.cpp): POST /api/v1/contacts/{id}/basis and
// …/requests, GET …/research and …/disclosures; GET /api/v1/requests and /api/v1/requests/{id},
// POST /api/v1/requests/{id}/response and …/redactions.
void add_research_api_routes(Routes& routes);
// Break-glass (issue 5, api_break_glass.cpp): POST /api/v1/contacts/{id}/break-glass, GET
// /api/v1/break-glass, POST /api/v1/break-glass/sign-off.
void add_break_glass_api_routes(Routes& routes);

}  // namespace mash::web
