// The hub's configuration, read-only (issue 4): GET /admin/configuration shows the rules the hub
// runs with and where they came from, for the hub staff who work to them, the analysts whose
// figures are measured against them, auditors and system administrators (policy.cpp). None of it
// is personal data.
#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/london_time.h"
#include "domain/working_time.h"
#include "web/contact_rating.h"
#include "web/session.h"
#include "web/view.h"

namespace mash::web {

namespace {

std::string clock_time(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string capitalised(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// "8 hours 30 minutes"
std::string hours_words(int minutes) {
  const int h = minutes / 60, m = minutes % 60;
  std::string out = std::to_string(h) + (h == 1 ? " hour" : " hours");
  if (m) out += " " + std::to_string(m) + (m == 1 ? " minute" : " minutes");
  return out;
}

std::string roles_words(const std::set<Role>& roles) {
  std::string out;
  for (Role r : roles) out += (out.empty() ? "" : ", ") + std::string(label_of(r));
  return out.empty() ? "No one" : out;
}

std::string counts_words(const Timescale& t) {
  return t.count == TimeCount::elapsed ? "Elapsed time: runs past closing and on closed days"
                                       : "Working time: only the hub's working hours";
}

mstch::map configuration_view(const HubConfig& config) {
  mstch::array hours;
  for (int d = 0; d < 7; ++d) {
    const auto& h = config.calendar.hours[static_cast<size_t>(d)];
    hours.push_back(
        mstch::map{{"day", capitalised(weekday_name(d))},
                   {"hours", h ? clock_time(h->open) + " to " + clock_time(h->close) : "Closed"}});
  }
  const auto bank = england_and_wales_bank_holidays();
  mstch::array closed;
  for (const Date& d : config.calendar.closed) {
    const bool is_bank = std::find(bank.begin(), bank.end(), d) != bank.end();
    closed.push_back(mstch::map{
        {"date", capitalised(weekday_name(weekday_index(d))) + " " + format_date(d)},
        {"kind", std::string(is_bank ? "Bank holiday (England and Wales)" : "Local closure")}});
  }
  mstch::array ratings;
  for (const Rating& r : config.ratings)
    ratings.push_back(
        mstch::map{{"code", r.code},
                   {"name", r.name},
                   {"tag_class", rating_tag_class(r.code)},
                   {"description", r.description},
                   {"timescale", describe(r.timescale)},
                   {"counts", counts_words(r.timescale)},
                   {"enquiry", std::string(r.mash_enquiry ? "Yes" : "No: not a MASH enquiry")},
                   {"partner", r.partner_response ? describe(*r.partner_response) : "Not set"}});
  mstch::array thresholds;
  for (const ThresholdLevel& t : config.thresholds)
    thresholds.push_back(mstch::map{{"level", std::to_string(t.level)}, {"name", t.name}});
  const size_t n = config.calendar.closed.size();
  return mstch::map{
      {"from_file", !config.source.empty()},
      {"source", config.source},
      {"time_zone", config.time_zone},
      {"working_day", hours_words(config.calendar.working_day_minutes)},
      {"hours", hours},
      {"closed", closed},
      {"has_closed", n > 0},
      {"closed_summary", n == 0
                             ? std::string("There are none.")
                             : std::to_string(n) + (n == 1 ? " day is" : " days are") + " listed."},
      {"ratings", ratings},
      {"thresholds", thresholds},
      {"referral_decision", describe(config.statutory.referral_decision)},
      {"assessment", describe(config.statutory.assessment)},
      {"initial_conference", describe(config.statutory.initial_conference)},
      {"assessment_from_level", std::to_string(config.statutory.assessment_from_level)},
      {"may_rate", roles_words(config.may_rate)},
      {"may_decide", roles_words(config.may_decide)},
      {"high_risk_score", std::to_string(config.dash.high_risk_score)},
      {"escalation_incidents", std::to_string(config.dash.escalation_incidents)},
  };
}

}  // namespace

void add_admin_routes(Routes& routes) {
  auto configuration = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto session = require_session(site, req, res);
    if (!session) return;
    auto config = site.hub.configuration(session->actor());
    if (!config.ok()) return send_error_page(res, config.error(), &*session);
    Layout layout;
    layout.title = "Hub configuration";
    layout.session = &*session;
    layout.nav = "admin";
    send_html(res, 200, render_page("admin_configuration", configuration_view(*config), layout));
  };
  routes.get(RouteKind::page, "/admin/configuration",
             "The hub's rules as it runs with them: no personal data", configuration);
}

}  // namespace mash::web
