// Break-glass over the API (issue 5): a token acting as a hub practitioner opens a restricted
// contact it is not granted by saying why (POST /api/v1/contacts/{id}/break-glass); the hub
// managers' and the data-protection officer's tokens list the accesses to review with what each
// user did (GET /api/v1/break-glass) and sign them off (POST /api/v1/break-glass/sign-off). The
// use cases (app/break_glass.h) decide and audit; these handlers translate.
#include <nlohmann/json.hpp>

#include "app/break_glass.h"
#include "domain/working_time.h"
#include "web/api_support.h"
#include "web/research_json.h"
#include "web/routes.h"

namespace mash::web {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

std::string london(const Timestamp& t) { return to_rfc3339(in_london_offset(t)); }

ojson access_to_json(const app::BreakGlassAccess& a) {
  ojson events = ojson::array();
  for (const app::BreakGlassEvent& e : a.events)
    events.push_back(
        {{"at", london(e.at)},
         {"action", e.action},
         {"purpose", e.purpose},
         {"allowed", e.allowed},
         {"request_agency", e.request_agency.empty() ? ojson(nullptr) : ojson(e.request_agency)}});
  return {{"id", a.id},
          {"contact_id", a.contact_id},
          {"username", a.username},
          {"agency", a.agency},
          {"role", a.role},
          {"reason", a.reason},
          {"opened_at", london(a.opened_at)},
          {"expires_at", london(a.expires_at)},
          {"live", a.live},
          {"reviewed_by", a.reviewed_by.empty() ? ojson(nullptr) : ojson(a.reviewed_by)},
          {"reviewed_at", a.reviewed_at ? ojson(london(*a.reviewed_at)) : ojson(nullptr)},
          {"review_note", a.review_note.empty() ? ojson(nullptr) : ojson(a.review_note)},
          {"events", events}};
}

// {"reason"}: opens the restricted contact for the hub's break-glass time; 201 with the access.
void post_break_glass(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  const int64_t id = contact_id_in(req, res);
  // Refused before the body is read, against the contact too: policy's break-glass rule keeps
  // out a user connected to it (audited), and leaves the rest to the use case.
  if (id == 0 || !permitted(site, *actor, policy::Action::break_glass, res, id)) return;
  auto body = read_json_body(site, req, res, "the break-glass");
  if (!body) return;
  std::vector<FieldError> errors;
  const std::string reason = break_glass_reason_from_json(*body, errors);
  if (!errors.empty())
    return send_use_case_error(res, Error::invalid(std::move(errors)), "The break-glass");
  auto opened = app::BreakGlass(site.hub).open(*actor, id, reason);
  if (!opened.ok()) return send_use_case_error(res, opened.error(), "The break-glass");
  res.set_header("Location", "/api/v1/contacts/" + std::to_string(id));
  send_json(res, 201, json_body(access_to_json(*opened)));
}

void get_reviews(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  auto review = app::BreakGlass(site.hub).review(*actor);
  if (!review.ok()) return send_use_case_error(res, review.error());
  ojson to_review = ojson::array(), signed_off = ojson::array();
  for (const auto& a : review->to_review) to_review.push_back(access_to_json(a));
  for (const auto& a : review->signed_off) signed_off.push_back(access_to_json(a));
  send_json(res, 200, json_body(ojson{{"to_review", to_review}, {"signed_off", signed_off}}));
}

// {"id", "note"}: signs the access off; 200 with it.
void post_sign_off(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  if (!permitted(site, *actor, policy::Action::break_glass_review, res)) return;
  auto body = read_json_body(site, req, res, "the sign-off");
  if (!body) return;
  std::vector<FieldError> errors;
  const BreakGlassSignOffDraft draft = sign_off_from_json(*body, errors);
  if (!errors.empty())
    return send_use_case_error(res, Error::invalid(std::move(errors)), "The sign-off");
  auto done = app::BreakGlass(site.hub).sign_off(*actor, draft.id, draft.note);
  if (!done.ok() && done.error().kind == Error::Kind::not_found)
    return send_api_error(res, 404, "not_found", "There is no break-glass access with that id.");
  if (!done.ok()) return send_use_case_error(res, done.error(), "The sign-off");
  send_json(res, 200, json_body(access_to_json(*done)));
}

}  // namespace

void add_break_glass_api_routes(Routes& routes) {
  routes.post(RouteKind::api, "/api/v1/contacts/{id}/break-glass",
              "Opens a restricted contact by break-glass, with the reason why", post_break_glass);
  routes.get(RouteKind::api, "/api/v1/break-glass",
             "Break-glass accesses to review, with what each user did, and those signed off",
             get_reviews);
  routes.post(RouteKind::api, "/api/v1/break-glass/sign-off",
              "Signs a break-glass access off, with what the reviewer checked", post_sign_off);
}

}  // namespace mash::web
