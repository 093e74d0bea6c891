// The performance figures (issue 5): GET /reports/timeliness shows how each agency answers the
// hub's information requests over a period, and GET /api/v1/reports/timeliness gives the same as
// JSON. Counts only, no personal data; hub staff, analysts and auditors (policy:
// performance.view).
#include <nlohmann/json.hpp>

#include "app/performance.h"
#include "domain/london_time.h"
#include "domain/working_time.h"
#include "web/api_support.h"
#include "web/research_json.h"
#include "web/research_view.h"
#include "web/routes.h"
#include "web/session.h"
#include "web/view.h"

namespace mash::web {

namespace {

using ojson = nlohmann::ordered_json;

struct Period {
  std::optional<Date> from, to;
  std::string from_text, to_text;  // as typed
  std::vector<FieldError> errors;  // a date not in the form YYYY-MM-DD
};

Period period_of(const httplib::Request& req) {
  Period p;
  auto read = [&](const char* name, std::optional<Date>& into, std::string& text) {
    if (!req.has_param(name)) return;
    text = req.get_param_value(name);
    if (text.empty()) return;
    into = parse_iso_date(text);
    if (!into)
      p.errors.push_back({name, "Enter the date as year, month and day, for example 2026-11-01"});
  };
  read("from", p.from, p.from_text);
  read("to", p.to, p.to_text);
  return p;
}

std::string percent_text(const std::optional<int>& p) {
  return p ? std::to_string(*p) + "%" : std::string("–");
}

mstch::map row_view(const app::AgencyTimeliness& a) {
  return mstch::map{
      {"agency", a.agency_name},
      {"requests", std::to_string(a.requests)},
      {"on_time", std::to_string(a.answered_on_time)},
      {"late", std::to_string(a.answered_late)},
      {"overdue", std::to_string(a.open_overdue)},
      {"not_due", std::to_string(a.open_not_due)},
      {"percent", percent_text(a.on_time_percent)},
      {"no_percent", !a.on_time_percent.has_value()},
      {"median", a.median_seconds_to_answer ? app::describe_duration(*a.median_seconds_to_answer)
                                            : std::string("–")},
      {"no_median", !a.median_seconds_to_answer.has_value()},
      {"chased", std::to_string(a.chased)},
  };
}

ojson row_json(const app::AgencyTimeliness& a) {
  return {{"agency", a.agency.empty() ? ojson(nullptr) : ojson(a.agency)},
          {"agency_name", a.agency_name},
          {"requests", a.requests},
          {"answered", a.answered},
          {"answered_on_time", a.answered_on_time},
          {"answered_late", a.answered_late},
          {"open_overdue", a.open_overdue},
          {"open_not_due", a.open_not_due},
          {"chased", a.chased},
          {"on_time_percent", a.on_time_percent ? ojson(*a.on_time_percent) : ojson(nullptr)},
          {"median_seconds_to_answer",
           a.median_seconds_to_answer ? ojson(*a.median_seconds_to_answer) : ojson(nullptr)}};
}

void timeliness_page(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto session = require_session(site, req, res);
  if (!session) return;
  // Refused before the dates are read, so someone kept out is not told what is wrong with them.
  if (const Status permit = site.hub.permit(session->actor(), policy::Action::performance_view);
      !permit.ok())
    return send_error_page(res, permit.error(), &*session);
  Period p = period_of(req);
  std::optional<app::TimelinessReport> report;
  std::vector<FieldError> errors = p.errors;
  if (errors.empty()) {
    auto r = app::Performance(site.hub).timeliness(session->actor(), p.from, p.to);
    if (!r.ok() && r.error().kind != Error::Kind::invalid)
      return send_error_page(res, r.error(), &*session);
    if (r.ok())
      report = *r;
    else
      errors = r.error().fields;
  }
  auto field = [&](const char* id, const char* label, const std::string& typed,
                   const std::optional<Date>& shown) {
    Field f;
    f.id = id;
    f.label = label;
    f.hint = "For example, 2026-11-01";
    f.value = report ? to_iso(shown.value()) : typed;
    f.error = field_error(&errors, id);
    f.classes = "govuk-input--width-10";
    f.autocomplete = "off";
    return input_field(f);
  };
  mstch::array rows;
  mstch::map data;
  if (report) {
    for (const app::AgencyTimeliness& a : report->agencies) rows.push_back(row_view(a));
    data["period"] = format_date(report->from) + " to " + format_date(report->to);
    data["at"] = format_london(report->at);
    data["total"] = row_view(report->total);
  }
  data["from"] = field("from", "From", p.from_text, report ? std::optional(report->from) : p.from);
  data["to"] = field("to", "To", p.to_text, report ? std::optional(report->to) : p.to);
  data["has_report"] = report.has_value();
  data["rows"] = rows;
  data["has_rows"] = !rows.empty();
  Layout layout;
  layout.title = "How agencies answer information requests";
  layout.session = &*session;
  layout.nav = "performance";
  for (const FieldError& e : errors) layout.errors.push_back({"#" + e.field, e.message});
  send_html(res, errors.empty() ? 200 : 400,
            render_page("performance_timeliness", std::move(data), layout));
}

void timeliness_api(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  if (!permitted(site, *actor, policy::Action::performance_view, res)) return;
  // A query at fault is 400, as the API's other filters are, each field named.
  auto bad_query = [&](const std::vector<FieldError>& fields) {
    std::string message = "The query has a problem:";
    for (const FieldError& f : fields) message += " " + f.field + ": " + f.message + ".";
    send_api_error(res, 400, "invalid", message, fields);
  };
  Period p = period_of(req);
  if (!p.errors.empty()) return bad_query(p.errors);
  auto r = app::Performance(site.hub).timeliness(*actor, p.from, p.to);
  if (!r.ok() && r.error().kind == Error::Kind::invalid) return bad_query(r.error().fields);
  if (!r.ok()) return send_use_case_error(res, r.error(), "The query");
  ojson agencies = ojson::array();
  for (const app::AgencyTimeliness& a : r->agencies) agencies.push_back(row_json(a));
  send_json(res, 200,
            json_body(ojson{{"from", to_iso(r->from)},
                            {"to", to_iso(r->to)},
                            {"at", to_rfc3339(in_london_offset(r->at))},
                            {"agencies", agencies},
                            {"total", row_json(r->total)}}));
}

}  // namespace

void add_performance_routes(Routes& routes) {
  routes.get(RouteKind::page, "/reports/timeliness",
             "How each agency answers the hub's information requests: counts, no personal data",
             timeliness_page);
  routes.get(RouteKind::api, "/api/v1/reports/timeliness",
             "How each agency answers the hub's information requests, as JSON", timeliness_api);
}

}  // namespace mash::web
