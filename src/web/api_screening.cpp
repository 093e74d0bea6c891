// The API's screening decisions (issue 4): POST and GET /api/v1/contacts/{id}/decision, and
// GET /api/v1/notifications for a user's token.
#include <nlohmann/json.hpp>

#include "app/hub.h"
#include "web/api_support.h"

namespace mash::web {

namespace {

using nlohmann::json;

json screening_to_json(const app::ContactScreening& s) {
  json decisions = json::array();
  for (const app::ContactDecision& d : s.decisions)
    decisions.push_back(
        {{"route", std::string(code_of(d.route))},
         {"route_name", std::string(label_of(d.route))},
         {"threshold", d.threshold},
         {"threshold_name", d.threshold_name},
         {"worker", d.worker.empty() ? json(nullptr) : json(d.worker)},
         {"open_to_worker", d.open_to_worker},
         {"rationale", d.rationale},
         {"strategy_discussion_at",
          d.strategy_discussion_at ? json(to_rfc3339(*d.strategy_discussion_at)) : json(nullptr)},
         {"decided_by", d.decided_by},
         {"decided_at", to_rfc3339(d.decided_at)}});
  json clocks = json::array();
  for (const app::ClockState& c : s.clocks)
    clocks.push_back({{"clock", c.clock},
                      {"name", c.name},
                      {"started_at", to_rfc3339(c.started_at)},
                      {"due_at", to_rfc3339(c.due_at)},
                      {"met_at", c.met_at ? json(to_rfc3339(*c.met_at)) : json(nullptr)},
                      {"seconds_remaining", c.seconds_remaining},
                      {"overdue", c.overdue},
                      {"tracked", c.tracked}});
  json breaches = json::array();
  for (const app::ClockBreach& b : s.breaches)
    breaches.push_back({{"clock", b.clock},
                        {"rating", b.rating.empty() ? json(nullptr) : json(b.rating)},
                        {"due_at", to_rfc3339(b.due_at)},
                        {"recorded_at", to_rfc3339(b.recorded_at)}});
  json open = json::array();
  for (const app::OpenToWorker& o : s.open_to)
    open.push_back(
        {{"subject_id", o.subject_id}, {"worker", o.worker}, {"contact_id", o.contact_id}});
  return {{"contact_id", s.contact_id},
          {"status", std::string(code_of(s.status))},
          {"worker", s.worker.empty() ? json(nullptr) : json(s.worker)},
          {"decisions", decisions},
          {"open_to", open},
          {"clocks", clocks},
          {"breaches", breaches}};
}

void get_decision(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0) return;
  auto s = site.hub.screening_of(*actor, id);
  if (!s.ok()) return send_use_case_error(res, s.error());
  send_json(res, 200, screening_to_json(*s).dump());
}

// {"route": "mash_enquiry", "threshold": 3, "worker": "…", "rationale": "…",
//  "strategy_discussion_at": "…"}: decides; 201 with the contact's screening.
void post_decision(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0 || !permitted(site, *actor, policy::Action::contact_decide, res, id)) return;
  auto parsed = read_json_body(site, req, res, "the decision");
  if (!parsed) return;
  std::vector<FieldError> errors;
  if (!parsed->is_object()) {
    errors.push_back({"",
                      "The body must be a JSON object: {\"route\": \"mash_enquiry\", "
                      "\"threshold\": 3, \"rationale\": \"…\"}"});
    return send_use_case_error(res, Error::invalid(std::move(errors)), "The decision");
  }
  app::DecisionDraft draft;
  for (auto it = parsed->begin(); it != parsed->end(); ++it) {
    const std::string& key = it.key();
    if (key == "threshold") {
      if (!it.value().is_number_integer())
        errors.push_back({key, "must be a whole number: one of the hub's threshold levels"});
      else if (auto v = it.value().get<int64_t>(); v >= 0 && v <= 100)
        draft.threshold = static_cast<int>(v);
      else
        errors.push_back({key, "is not one of the hub's threshold levels"});
      continue;
    }
    std::string* field = key == "route"                    ? &draft.route
                         : key == "worker"                 ? &draft.worker
                         : key == "rationale"              ? &draft.rationale
                         : key == "strategy_discussion_at" ? &draft.strategy_discussion_at
                                                           : nullptr;
    if (!field) {
      errors.push_back({key,
                        "is not a field of a decision (route, threshold, worker, rationale, "
                        "strategy_discussion_at)"});
    } else if (it.value().is_null() && key != "route" && key != "rationale") {
      continue;
    } else if (!it.value().is_string()) {
      errors.push_back({key, "must be a string"});
    } else {
      *field = it.value().get<std::string>();
    }
  }
  if (!errors.empty())
    return send_use_case_error(res, Error::invalid(std::move(errors)), "The decision");
  auto s = site.hub.decide_contact(*actor, id, draft);
  if (!s.ok()) return send_use_case_error(res, s.error(), "The decision");
  res.set_header("Location", "/api/v1/contacts/" + std::to_string(id) + "/decision");
  send_json(res, 201, screening_to_json(*s).dump());
}

void get_notifications(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  auto notes = site.hub.notifications(*actor);
  if (!notes.ok()) return send_use_case_error(res, notes.error());
  json list = json::array();
  for (const app::Notification& n : *notes)
    list.push_back({{"id", n.id},
                    {"kind", n.kind},
                    {"contact_id", n.contact_id ? json(*n.contact_id) : json(nullptr)},
                    {"message", n.message},
                    {"created_at", to_rfc3339(n.created_at)}});
  send_json(res, 200, json{{"items", list}}.dump());
}

}  // namespace

void add_screening_api_routes(Routes& routes) {
  routes.get(RouteKind::api, "/api/v1/contacts/{id}/decision",
             "A contact's screening: worker, decisions and clocks", get_decision);
  routes.post(RouteKind::api, "/api/v1/contacts/{id}/decision",
              "Records screening's decision: threshold, route and why", post_decision);
  routes.get(RouteKind::api, "/api/v1/notifications", "The token's user's own notifications",
             get_notifications);
}

}  // namespace mash::web
