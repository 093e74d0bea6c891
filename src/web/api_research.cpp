// The API's multi-agency research (issue 5): a MASH enquiry's basis for sharing and its
// information requests (/api/v1/contacts/{id}/basis, …/requests, …/research, …/disclosures), and
// an agency's queue of requests with its answers and redactions (/api/v1/requests…). Tokens act
// as users: policy refuses agency systems all of it.
#include <optional>

#include <nlohmann/json.hpp>

#include "app/hub.h"
#include "app/research.h"
#include "web/api_support.h"
#include "web/research_json.h"
#include "web/routes.h"

namespace mash::web {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kNoSuchRequest =
    "There is no information request with that id to your agency.";

// The request's id in the path (/api/v1/requests/{id}…); 0 after answering 404 when not one.
int64_t request_id_in(const httplib::Request& req, httplib::Response& res) {
  const int64_t id = parse_id(req.matches[1]);
  if (id <= 0) send_api_error(res, 404, "not_found", kNoSuchRequest);
  return id > 0 ? id : 0;
}

// A use case's error on a request: not found names the request (another agency's requests are
// not found either: their existence is not told).
void send_request_error(httplib::Response& res, const Error& e, const std::string& what) {
  if (e.kind == Error::Kind::not_found)
    return send_api_error(res, 404, "not_found", kNoSuchRequest);
  send_use_case_error(res, e, what);
}

std::string contact_path(int64_t id, const char* what) {
  return "/api/v1/contacts/" + std::to_string(id) + "/" + what;
}

// The body as a draft, or nullopt after answering 4xx: not JSON, or not the draft's shape.
template <class Draft>
std::optional<Draft> read_draft(Site& site, const httplib::Request& req, httplib::Response& res,
                                const std::string& what, const std::string& named,
                                Draft (*reader)(const json&, std::vector<FieldError>&)) {
  auto parsed = read_json_body(site, req, res, what);
  if (!parsed) return std::nullopt;
  std::vector<FieldError> errors;
  Draft draft = reader(*parsed, errors);
  if (!errors.empty()) {
    send_use_case_error(res, Error::invalid(std::move(errors)), named);
    return std::nullopt;
  }
  return draft;
}

// {"consent", "lawful_basis", "reason"}: records the basis; 201 with it.
void post_basis(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0 || !permitted(site, *actor, policy::Action::enquiry_basis_record, res, id)) return;
  auto draft = read_draft(site, req, res, "the basis for sharing", "The basis for sharing",
                          basis_draft_from_json);
  if (!draft) return;
  auto basis = app::Research(site.hub).record_basis(*actor, id, *draft);
  if (!basis.ok()) return send_use_case_error(res, basis.error(), "The basis for sharing");
  res.set_header("Location", contact_path(id, "research"));
  send_json(res, 201, json_body(basis_to_json(*basis)));
}

// {"agencies", "question", "narrative_reason"}: asks each agency; 201 with the requests.
void post_requests(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0 || !permitted(site, *actor, policy::Action::request_raise, res, id)) return;
  auto draft = read_draft(site, req, res, "the information requests", "The information requests",
                          request_draft_from_json);
  if (!draft) return;
  auto raised = app::Research(site.hub).raise_requests(*actor, id, *draft);
  if (!raised.ok()) return send_use_case_error(res, raised.error(), "The information requests");
  ojson list = ojson::array();
  for (const app::InformationRequest& r : *raised) list.push_back(request_to_json(r));
  res.set_header("Location", contact_path(id, "research"));
  send_json(res, 201, json_body(ojson{{"contact_id", id}, {"requests", list}}));
}

// ?purpose=…: the contact's research as the token's user may read it.
void get_research(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0) return;
  const std::string purpose = req.get_param_value("purpose");
  if (purpose.size() > 200 || clean_text(purpose) != purpose)
    return send_api_error(res, 400, "invalid",
                          "The query has a problem: purpose: say why you read the answers in at "
                          "most 200 characters of text.",
                          {{"purpose", "Say why you read the answers in at most 200 characters"}});
  auto research = app::Research(site.hub).research_of(*actor, id, purpose);
  if (!research.ok()) return send_use_case_error(res, research.error());
  send_json(res, 200, json_body(research_to_json(*research)));
}

// Every disclosure about the contact's subjects, newest first.
void get_disclosures(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0) return;
  auto list = app::Research(site.hub).disclosures(*actor, id);
  if (!list.ok()) return send_use_case_error(res, list.error());
  ojson out = ojson::array();
  for (const app::Disclosure& d : *list) out.push_back(disclosure_to_json(d));
  send_json(res, 200, json_body(ojson{{"contact_id", id}, {"disclosures", out}}));
}

// ?answered=true|false: the requests to the token's user's agency.
void get_queue(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  bool answered = false;
  if (req.has_param("answered")) {
    const std::string value = req.get_param_value("answered");
    if (value != "true" && value != "false")
      return send_api_error(res, 400, "invalid",
                            "The query has a problem: answered: answered must be true or false.",
                            {{"answered", "answered must be true or false"}});
    answered = value == "true";
  }
  auto queue = app::Research(site.hub).queue(*actor, answered);
  if (!queue.ok()) return send_use_case_error(res, queue.error(), "The query");
  ojson list = ojson::array();
  for (const app::InformationRequest& r : *queue) list.push_back(request_to_json(r));
  send_json(res, 200, json_body(ojson{{"answered", answered}, {"requests", list}}));
}

void get_request(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = request_id_in(req, res);
  if (id == 0) return;
  auto found = app::Research(site.hub).request(*actor, id);
  if (!found.ok()) return send_request_error(res, found.error(), "The request");
  send_json(res, 200, json_body(request_to_json(*found)));
}

// {"known", "items", "send"}: saves or sends the agency's answer; 200 with the request.
void post_response(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = request_id_in(req, res);
  if (id == 0 || !permitted(site, *actor, policy::Action::request_respond, res)) return;
  auto draft = read_draft(site, req, res, "the answer", "The answer", response_draft_from_json);
  if (!draft) return;
  auto answered = app::Research(site.hub).respond(*actor, id, *draft);
  if (!answered.ok()) return send_request_error(res, answered.error(), "The answer");
  send_json(res, 200, json_body(request_to_json(*answered)));
}

// {"item_id", "passage", "recipients", "reason", "note"}: withholds the passage; 201 with the
// redactions made (one for each place the words occur).
void post_redactions(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = request_id_in(req, res);
  if (id == 0 || !permitted(site, *actor, policy::Action::redaction_record, res)) return;
  auto draft =
      read_draft(site, req, res, "the redaction", "The redaction", redaction_draft_from_json);
  if (!draft) return;
  auto made = app::Research(site.hub).redact(*actor, id, *draft);
  if (!made.ok()) return send_request_error(res, made.error(), "The redaction");
  ojson list = ojson::array();
  for (const app::Redaction& r : *made) list.push_back(redaction_to_json(r));
  res.set_header("Location", "/api/v1/requests/" + std::to_string(id));
  send_json(res, 201, json_body(ojson{{"request_id", id}, {"redactions", list}}));
}

// {"to", "purpose", "note"}: sends the decided contact's outcome summary to the receiving team's
// worker; 201 with it as its sender may see it (to whom, when, why, not what it says).
void post_summary(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0 || !permitted(site, *actor, policy::Action::summary_send, res, id)) return;
  auto draft = read_draft(site, req, res, "the outcome summary", "The outcome summary",
                          summary_draft_from_json);
  if (!draft) return;
  auto sent = app::Research(site.hub).send_summary(*actor, id, *draft);
  if (!sent.ok()) return send_use_case_error(res, sent.error(), "The outcome summary");
  app::OutcomeSummary shown = *sent;
  shown.body.clear();  // made for its recipient, who may read more than its sender
  res.set_header("Location", "/api/v1/summaries");
  send_json(res, 201, json_body(summary_to_json(shown)));
}

// The outcome summaries sent to the token's user (with what they say) and by them (without).
void get_summaries(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  auto list = app::Research(site.hub).summaries(*actor);
  if (!list.ok()) return send_use_case_error(res, list.error());
  ojson received = ojson::array(), sent = ojson::array();
  for (const app::OutcomeSummary& s : *list)
    (s.to_username == actor->username ? received : sent).push_back(summary_to_json(s));
  send_json(res, 200, json_body(ojson{{"received", received}, {"sent", sent}}));
}

}  // namespace

void add_research_api_routes(Routes& routes) {
  routes.post(RouteKind::api, "/api/v1/contacts/{id}/basis",
              "Records the consent or lawful basis an enquiry shares on", post_basis);
  routes.post(RouteKind::api, "/api/v1/contacts/{id}/requests",
              "Asks agencies what they know (information requests)", post_requests);
  routes.get(RouteKind::api, "/api/v1/contacts/{id}/research",
             "A contact's research: basis, requests and answers as the reader may see them",
             get_research);
  routes.get(RouteKind::api, "/api/v1/contacts/{id}/disclosures",
             "What was disclosed about a contact's subjects, to whom and why", get_disclosures);
  routes.post(RouteKind::api, "/api/v1/contacts/{id}/research/summaries",
              "Sends a decided contact's outcome summary to the receiving team's worker",
              post_summary);
  routes.get(RouteKind::api, "/api/v1/summaries",
             "The outcome summaries sent to the caller, and those they sent", get_summaries);
  routes.get(RouteKind::api, "/api/v1/requests", "The information requests to the caller's agency",
             get_queue);
  routes.get(RouteKind::api, "/api/v1/requests/{id}", "One information request", get_request);
  routes.post(RouteKind::api, "/api/v1/requests/{id}/response",
              "Answers an information request: saved part-way, or sent", post_response);
  routes.post(RouteKind::api, "/api/v1/requests/{id}/redactions",
              "Withholds a passage of an answer from named agencies", post_redactions);
}

}  // namespace mash::web
