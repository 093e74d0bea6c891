// The JSON API for agency systems, /api/v1: bearer tokens, contacts in and out, health and the
// OpenAPI document. Errors are {"error": {"code", "message", "fields"?}} with the HTTP status.
#include <algorithm>
#include <cctype>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/hub.h"
#include "web/api_support.h"
#include "web/contact_json.h"
#include "web/dash_json.h"
#include "web/http.h"
#include "web/openapi.h"
#include "web/tracker_board.h"

namespace mash::web {

namespace {

using nlohmann::json;

constexpr const char* kDefaultPurpose = "agency system read-back";

void post_contact(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor || !permitted(site, *actor, policy::Action::contact_create, res)) return;
  auto parsed = read_json_body(site, req, res, "the contact");
  if (!parsed) return;
  const json& body = *parsed;

  std::vector<FieldError> errors;
  Contact contact = contact_from_json(body, site.hub.clock().now(), errors);
  if (!errors.empty()) return send_use_case_error(res, Error::invalid(std::move(errors)));
  contact.channel = Channel::api;
  contact.agency = actor->agency;
  contact.recorded_by = actor->username;

  auto recorded = site.hub.record_contact(*actor, std::move(contact));
  if (!recorded.ok()) return send_use_case_error(res, recorded.error());
  res.set_header("Location", "/api/v1/contacts/" + std::to_string(recorded->contact.id));
  send_json(res, recorded->created ? 201 : 200, contact_to_json(recorded->contact));
}

void get_contact(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0 || !permitted(site, *actor, policy::Action::contact_view, res, id)) return;
  std::string purpose = req.get_header_value("X-MASH-Purpose");
  if (purpose.empty()) purpose = kDefaultPurpose;
  if (purpose.size() > 200)
    return send_api_error(res, 400, "bad_request",
                          "X-MASH-Purpose is too long: say why you need the record in at most "
                          "200 characters.");
  if (clean_text(purpose) != purpose)
    return send_api_error(res, 400, "bad_request",
                          "X-MASH-Purpose must be UTF-8 text without control characters.");
  auto found = site.hub.view_contact(*actor, id, purpose);
  if (!found.ok()) return send_use_case_error(res, found.error());
  send_json(res, 200, contact_to_json(*found));
}

json rating_to_json(const app::ContactRating& r) {
  return {{"rating", r.rating},
          {"name", r.name},
          {"rationale", r.rationale},
          {"rated_by", r.rated_by},
          {"rated_at", to_rfc3339(r.rated_at)},
          {"due_at", to_rfc3339(r.due_at)}};
}

json clock_to_json(const app::ContactClock& c) {
  json history = json::array();
  for (const auto& r : c.ratings) history.push_back(rating_to_json(r));
  json out = {{"contact_id", c.contact_id},
              {"received_at", to_rfc3339(c.received_at)},
              {"rating", c.ratings.empty() ? json(nullptr) : rating_to_json(c.ratings.back())},
              {"due_at", c.due_at ? json(to_rfc3339(*c.due_at)) : json(nullptr)},
              {"seconds_remaining", c.due_at ? json(c.seconds_remaining) : json(nullptr)},
              {"overdue", c.overdue},
              {"history", history}};
  return out;
}

void get_rating(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0) return;
  auto clock = site.hub.contact_clock(*actor, id);
  if (!clock.ok()) return send_use_case_error(res, clock.error());
  send_json(res, 200, clock_to_json(*clock).dump());
}

// {"rating": "amber", "rationale": "…"}: rates the contact; 201 with its clock.
void post_rating(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0 || !permitted(site, *actor, policy::Action::contact_rate, res, id)) return;
  auto parsed = read_json_body(site, req, res, "the rating");
  if (!parsed) return;
  std::vector<FieldError> errors;
  if (!parsed->is_object()) {
    errors.push_back({"",
                      "The body must be a JSON object: {\"rating\": \"amber\", "
                      "\"rationale\": \"…\"}"});
    return send_use_case_error(res, Error::invalid(std::move(errors)), "The rating");
  }
  std::string rating, rationale;
  for (auto it = parsed->begin(); it != parsed->end(); ++it) {
    if (it.key() == "rating" || it.key() == "rationale") {
      if (!it.value().is_string()) {
        errors.push_back({it.key(), "must be a string"});
        continue;
      }
      (it.key() == "rating" ? rating : rationale) = it.value().get<std::string>();
    } else {
      errors.push_back({it.key(), "is not a field of a rating (rating, rationale)"});
    }
  }
  if (!errors.empty())
    return send_use_case_error(res, Error::invalid(std::move(errors)), "The rating");
  auto clock = site.hub.rate_contact(*actor, id, rating, rationale);
  if (!clock.ok()) return send_use_case_error(res, clock.error(), "The rating");
  res.set_header("Location", "/api/v1/contacts/" + std::to_string(id) + "/rating");
  send_json(res, 201, clock_to_json(*clock).dump());
}

// GET /api/v1/tracker?rating=red&status=screening&worker=sw.jones&overdue=true: the case tracker
// as JSON. A filter that is not valid is a bad request (400), naming each field.
void get_tracker(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor || !permitted(site, *actor, policy::Action::contact_list, res)) return;
  app::TrackerFilter filter;
  std::vector<FieldError> errors;
  if (req.has_param("rating")) filter.rating = req.get_param_value("rating");
  if (req.has_param("worker")) filter.worker = req.get_param_value("worker");
  if (req.has_param("status")) {
    const std::string status = req.get_param_value("status");
    if (auto s = from_code<ContactStatus>(status))
      filter.status = *s;
    else
      errors.push_back(
          {"status", "unknown status \"" + status + "\"; use new, screening or enquiry"});
  }
  if (req.has_param("overdue")) {
    const std::string overdue = req.get_param_value("overdue");
    if (overdue == "true" || overdue == "false")
      filter.overdue_only = overdue == "true";
    else
      errors.push_back({"overdue", "overdue must be true or false"});
  }
  auto items = errors.empty() ? site.hub.tracker(*actor, filter)
                              : Result<std::vector<app::TrackerItem>>(Error::invalid(errors));
  if (!items.ok() && items.error().kind == Error::Kind::invalid) {
    std::string message = "The query has problems:";
    for (const FieldError& f : items.error().fields)
      message += " " + f.field + ": " + f.message + ";";
    message.back() = '.';
    return send_api_error(res, 400, "invalid", message, items.error().fields);
  }
  if (!items.ok()) return send_use_case_error(res, items.error(), "The query");
  send_large(res, 200, tracker_json(*items, in_london_offset(site.hub.clock().now())),
             "application/json; charset=utf-8");
}

// --- DASH (issue 4) ---------------------------------------------------------------------------
// POST /api/v1/contacts/{id}/dash: records a checklist; 201 with its score, level and MARAC.
void post_dash(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0 || !permitted(site, *actor, policy::Action::dash_record, res, id)) return;
  auto parsed = read_json_body(site, req, res, "the checklist");
  if (!parsed) return;
  std::vector<FieldError> errors;
  const app::Hub::DashInput input = dash_input_from_json(*parsed, errors);
  if (!errors.empty())
    return send_use_case_error(res, Error::invalid(std::move(errors)), "The checklist");
  auto recorded = site.hub.record_dash(*actor, id, input);
  if (!recorded.ok()) return send_use_case_error(res, recorded.error(), "The checklist");
  res.set_header("Location", "/api/v1/contacts/" + std::to_string(id) + "/dash");
  send_json(res, 201, dash_to_json(*recorded).dump());
}

// GET /api/v1/contacts/{id}/dash: the latest checklist (null when none) and the history.
void get_dash(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  if (id == 0) return;
  auto all = site.hub.dash_of(*actor, id);
  if (!all.ok()) return send_use_case_error(res, all.error());
  json history = json::array();
  for (const auto& a : *all) history.push_back(dash_to_json(a));
  send_json(res, 200,
            json{{"contact_id", id},
                 {"latest", all->empty() ? json(nullptr) : history.back()},
                 {"history", history}}
                .dump());
}

}  // namespace

void add_api_routes(Routes& routes) {
  routes.get(RouteKind::api, "/api/v1/health", "Whether the hub is up, and the API's version",
             [](Site&, const httplib::Request&, httplib::Response& res) {
               send_json(res, 200, json{{"status", "ok"}, {"version", kApiVersion}}.dump());
             });
  routes.get(RouteKind::api, "/api/v1/openapi.json", "The API's OpenAPI document",
             [](Site&, const httplib::Request&, httplib::Response& res) {
               static const std::string document = openapi_document();
               send_json(res, 200, document);
             });
  routes.post(RouteKind::api, "/api/v1/contacts", "Sends a contact to the hub", post_contact);
  routes.get(RouteKind::api, "/api/v1/tracker", "The case tracker as JSON", get_tracker);
  routes.get(RouteKind::api, "/api/v1/contacts/{id}/rating", "A contact's ratings and clock",
             get_rating);
  routes.post(RouteKind::api, "/api/v1/contacts/{id}/rating", "Rates a contact (BRAG)",
              post_rating);
  add_screening_api_routes(routes);
  add_research_api_routes(routes);
  add_break_glass_api_routes(routes);
  routes.get(RouteKind::api, "/api/v1/contacts/{id}/dash", "A contact's DASH checklists", get_dash);
  routes.post(RouteKind::api, "/api/v1/contacts/{id}/dash", "Records a DASH checklist", post_dash);
  routes.get(RouteKind::api, "/api/v1/contacts/{id}", "A contact as it was sent", get_contact);
}

}  // namespace mash::web
