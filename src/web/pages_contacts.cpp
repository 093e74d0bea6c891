// The front-door queue (/contacts) and one contact (/contacts/{id}) with its access history.
#include <algorithm>

#include "app/break_glass.h"
#include "domain/agency.h"
#include "domain/london_time.h"
#include "web/contact_dash.h"
#include "web/contact_decision.h"
#include "web/contact_matches.h"
#include "web/contact_rating.h"
#include "web/session.h"
#include "web/view.h"

namespace mash::web {

namespace {

constexpr const char* kViewPurpose = "Front door: reviewing the contact";

std::string channel_label(Channel c) { return c == Channel::api ? "Agency system" : "Web form"; }

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string agency_name(const std::vector<Agency>& agencies, const std::string& code) {
  for (const auto& a : agencies)
    if (a.code == code) return a.name;
  for (const auto& a : built_in_agencies())
    if (a.code == code) return a.name;
  return code;
}

std::string queue_href(const std::string& status, const std::string& source, int page) {
  std::string q;
  if (!status.empty()) q += "&status=" + url_encode(status);
  if (!source.empty()) q += "&source=" + url_encode(source);
  if (page > 1) q += "&page=" + std::to_string(page);
  return q.empty() ? "/contacts" : "/contacts?" + q.substr(1);
}

// GOV.UK pagination: first, last, the current page and its neighbours, with ellipses between.
mstch::map pagination(const std::string& status, const std::string& source, int page, int pages) {
  mstch::array items;
  int last_shown = 0;
  for (int p = 1; p <= pages; ++p) {
    if (p != 1 && p != pages && std::abs(p - page) > 1) continue;
    if (last_shown && p - last_shown > 1)
      items.push_back(mstch::map{
          {"ellipsis", true}, {"number", 0}, {"href", std::string{}}, {"current", false}});
    items.push_back(mstch::map{{"ellipsis", false},
                               {"number", p},
                               {"href", queue_href(status, source, p)},
                               {"current", p == page}});
    last_shown = p;
  }
  return mstch::map{
      {"items", items},
      {"prev_href", page > 1 ? queue_href(status, source, page - 1) : std::string{}},
      {"next_href", page < pages ? queue_href(status, source, page + 1) : std::string{}},
  };
}

mstch::map row(const std::string& key, std::vector<std::string> lines) {
  mstch::array ls;
  for (auto& l : lines)
    if (!l.empty()) ls.push_back(std::move(l));
  if (ls.empty()) ls.push_back(std::string("Not recorded"));
  return mstch::map{{"key", key}, {"lines", ls}};
}

void show_queue(Site& site, const app::Session& session, const httplib::Request& req,
                httplib::Response& res) {
  app::ContactFilter filter;
  std::string status = req.get_param_value("status");
  std::string source = req.get_param_value("source");
  if (auto s = from_code<ContactStatus>(status))
    filter.status = *s;
  else
    status.clear();
  if (auto s = from_code<ReferralSource>(source))
    filter.source = *s;
  else
    source.clear();
  int64_t page = parse_id(req.get_param_value("page"));
  filter.page = page >= 1 && page <= 1000000 ? static_cast<int>(page) : 1;
  filter.page_size = 25;

  auto result = site.hub.list_contacts(session.actor(), filter);
  if (!result.ok()) return send_error_page(res, result.error(), &session);
  const app::ContactPage& found = *result;

  mstch::array rows;
  for (const auto& c : found.contacts) {
    std::vector<std::string> issues;
    for (auto p : c.presenting_issues) issues.emplace_back(label_of(p));
    rows.push_back(mstch::map{
        {"reference", contact_reference(c.id)},
        {"href", "/contacts/" + std::to_string(c.id)},
        {"received", format_london(c.received_at)},
        {"names", join(c.subject_names, ", ")},
        {"issues", join(issues, ", ")},
        {"source", std::string(label_of(c.source))},
        {"channel", channel_label(c.channel)},
        {"status", std::string(label_of(c.status))},
        {"tag_class", std::string(status_tag_class(c.status))},
    });
  }
  int page_size = std::max(1, found.page_size);
  int pages = static_cast<int>((found.total + page_size - 1) / page_size);
  std::vector<Choice> statuses{{"", "All statuses", ""}};
  for (const auto& c : choices_of<ContactStatus>()) statuses.push_back(c);
  std::vector<Choice> sources{{"", "All sources", ""}};
  for (const auto& c : choices_of<ReferralSource>()) sources.push_back(c);
  Field status_field;
  status_field.id = "status";
  status_field.label = "Status";
  status_field.value = status;
  Field source_field;
  source_field.id = "source";
  source_field.label = "Source";
  source_field.value = source;

  int64_t first = found.total == 0 ? 0 : static_cast<int64_t>(found.page - 1) * page_size + 1;
  int64_t last =
      std::min<int64_t>(found.total, first + static_cast<int64_t>(found.contacts.size()) - 1);
  Layout layout;
  layout.title = found.page > 1 ? "Front door queue (page " + std::to_string(found.page) + ")"
                                : "Front door queue";
  layout.session = &session;
  layout.nav = "queue";
  send_html(
      res, 200,
      render_page("contacts_queue",
                  mstch::map{{"rows", rows},
                             {"has_rows", !found.contacts.empty()},
                             // A page number past the last page (an old link, a typed address).
                             {"past_end", found.contacts.empty() && found.total > 0},
                             {"first_href", queue_href(status, source, 1)},
                             {"filtered", !status.empty() || !source.empty()},
                             {"status_field", select_field(status_field, statuses)},
                             {"source_field", select_field(source_field, sources)},
                             {"showing", found.total == 0
                                             ? std::string{}
                                             : "Showing " + std::to_string(first) + " to " +
                                                   std::to_string(last) + " of " +
                                                   std::to_string(found.total) +
                                                   (found.total == 1 ? " contact" : " contacts")},
                             {"paged", pages > 1},
                             {"pagination", pagination(status, source, found.page, pages)}},
                  layout));
}

}  // namespace

void show_contact_page(Site& site, const app::Session& session, int64_t id, httplib::Response& res,
                       const std::string& banner, const LinkFormError* error,
                       const LinkOutcome* outcome, const RatingForm* rating_form,
                       const DecisionForm* decision_form) {
  auto found = site.hub.view_contact(session.actor(), id, kViewPurpose);
  if (!found.ok()) {
    // A restricted contact: those who may open it by break-glass are offered it.
    if (found.error().kind == Error::Kind::forbidden &&
        app::BreakGlass(site.hub).may_open(session.actor(), id))
      return show_break_glass_offer(site, session, id, "", nullptr, res);
    return send_error_page(res, found.error(), &session);
  }
  const Contact& c = *found;
  // Opened by break-glass: said at the top of the page for as long as it lasts.
  // It is read, not worked on: the page offers no form to change it.
  bool live_glass = false;
  const mstch::node glass = break_glass_banner(site, session, id, &live_glass);
  const auto agencies = site.hub.agencies();

  mstch::array contact_rows{
      row("Received", {format_london(c.received_at)}),
      row("Source", {std::string(label_of(c.source))}),
      row("Channel", {channel_label(c.channel)}),
      row("Sent or recorded by", {agency_name(agencies, c.agency)}),
  };
  if (c.external_ref) contact_rows.push_back(row("Sender's reference", {*c.external_ref}));
  contact_rows.push_back(row("Recorded", {format_london(c.recorded_at) + " by " + c.recorded_by}));

  mstch::array referrer;
  if (c.referrer.anonymous) {
    referrer.push_back(row("Anonymous", {"Yes"}));
  } else {
    referrer.push_back(row("Name", {c.referrer.name}));
    referrer.push_back(row("Organisation", {c.referrer.organisation}));
    referrer.push_back(row("Role", {c.referrer.role}));
    referrer.push_back(row("Phone number", {c.referrer.phone}));
    referrer.push_back(row("Email address", {c.referrer.email}));
  }

  // The rating, decisions and clocks: one read of the contact's screening.
  RatingView rating;
  DecisionView decision;
  if (auto screening = site.hub.screening_of(session.actor(), id); screening.ok()) {
    rating = rating_view(site, session, id, screening->rating_clock, rating_form);
    decision = decision_view(site, session, id, *screening, decision_form);
  }
  DashSection dash = dash_section(site, session, c);
  if (live_glass) {
    rating.section["may_rate"] = false;
    decision.section["may_decide"] = false;
    dash.section["may_record"] = false;
  }

  // Matching is part of screening: shown to those who may do it, and only when it ran.
  MatchingView matching_page;
  // Matching is screening work, which break-glass does not open: its forms would be refused.
  if (!live_glass && site.hub.may(session.actor(), policy::Action::person_match_view)) {
    auto matches = site.hub.match_contact(session.actor(), id);
    if (matches.ok())
      matching_page = matching_view(c, *matches, agencies, session.csrf_token, error, outcome);
  }
  const mstch::array& matching = matching_page.subjects;

  mstch::array subjects;
  for (size_t i = 0; i < c.subjects.size(); ++i) {
    const Subject& s = c.subjects[i];
    std::string family = s.family_name;
    for (auto& ch : family) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::string name = join({s.given_name, family}, " ");
    std::string dob;
    if (s.date_of_birth) {
      dob = format_date(*s.date_of_birth);
      if (s.dob_kind != DobKind::known) dob += " (" + std::string(label_of(s.dob_kind)) + ")";
    }
    subjects.push_back(mstch::map{
        {"title", "Subject " + std::to_string(i + 1) + ": " + name},
        {"anchor", "subject-" + std::to_string(i + 1)},
        {"has_matching", i < matching.size()},
        {"matching", i < matching.size() ? matching[i] : mstch::node(mstch::map{})},
        {"rows",
         mstch::array{
             row("Name", {name}),
             row("Other names", {s.other_names}),
             row("Date of birth", {dob}),
             row("Sex", {std::string(label_of(s.sex))}),
             row("Part in the contact", {std::string(label_of(s.role))}),
             row("Address", {s.address.line1, s.address.line2, s.address.town, s.address.postcode}),
             row("NHS number", {s.nhs_number}),
             row("Unique pupil number", {s.upn}),
         }},
    });
  }

  std::vector<std::string> issues;
  for (auto p : c.presenting_issues) issues.emplace_back(label_of(p));
  mstch::array consent{row("Consent", {std::string(label_of(c.consent.status))})};
  if (!c.consent.reason.empty()) consent.push_back(row("Reason", {c.consent.reason}));

  mstch::array history;
  auto entries = site.hub.access_history(session.actor(), id);
  if (entries.ok()) {
    for (const auto& e : *entries)
      history.push_back(mstch::map{
          {"when", format_london(e.at)},
          {"who", e.username},
          {"agency", agency_name(agencies, e.agency)},
          {"role", role_label(e.role)},
          {"action", action_label(e.action)},
          {"purpose", e.purpose},
          {"outcome", std::string(e.allowed ? "Allowed" : "Denied")},
          {"allowed", e.allowed},
      });
  }

  std::string reference = contact_reference(c.id);
  Layout layout;
  layout.title = "Contact " + reference;
  layout.session = &session;
  layout.nav = "queue";
  layout.back_href = "/contacts";
  if (error)
    layout.errors.push_back(
        {"#" + error->form_id, matching_page.error.empty() ? error->message : matching_page.error});
  layout.errors.insert(layout.errors.end(), rating.errors.begin(), rating.errors.end());
  layout.errors.insert(layout.errors.end(), decision.errors.begin(), decision.errors.end());
  // A decision named in its subject's section replaces the page's banner; a rating just given
  // is named in its own section.
  const std::string shown_banner =
      matching_page.banner.empty() && rating.banner.empty() ? banner : std::string{};
  send_html(
      res, 200,
      render_page("contact_view",
                  mstch::map{{"reference", reference},
                             {"break_glass", glass},
                             {"recorded", shown_banner == "recorded"},
                             {"banner", shown_banner == "recorded" ? std::string{} : shown_banner},
                             {"status", std::string(label_of(c.status))},
                             {"tag_class", std::string(status_tag_class(c.status))},
                             {"show_rating", rating.shown},
                             {"rating", rating.section},
                             {"rating_banner", rating.banner},
                             {"show_decision", decision.shown},
                             {"decision", decision.section},
                             {"show_dash", dash.shown},
                             {"research_href",
                              c.status != ContactStatus::new_contact &&
                                      c.status != ContactStatus::screening &&
                                      site.hub.may(session.actor(), policy::Action::response_read)
                                  ? "/contacts/" + std::to_string(c.id) + "/research"
                                  : std::string{}},
                             {"dash", dash.section},
                             {"contact_rows", contact_rows},
                             {"referrer_rows", referrer},
                             {"subjects", subjects},
                             {"concern_rows", mstch::array{row("Presenting issues", issues),
                                                           row("What happened", {c.narrative})}},
                             {"consent_rows", consent},
                             {"show_history", entries.ok()},
                             {"history", history},
                             {"has_history", !history.empty()}},
                  layout));
}

void add_contact_routes(Routes& routes) {
  auto queue = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto session = require_session(site, req, res);
    if (session) show_queue(site, *session, req, res);
  };
  routes.get(RouteKind::page, "/contacts", "The front-door queue of contacts", queue);
  auto contact = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto session = require_session(site, req, res);
    if (!session) return;
    const int64_t id = parse_id(req.matches[1]);
    if (id <= 0) return send_html(res, 404, status_page(404, &*session));
    // After a decision: named in the banner when the page can find it.
    const LinkOutcome outcome{req.get_param_value("link"),
                              parse_id(req.get_param_value("decision"))};
    std::string banner;
    if (req.get_param_value("recorded") == "1") banner = "recorded";
    if (req.get_param_value("dash") == "1") banner = "DASH checklist recorded.";
    if (outcome.done == "confirmed") banner = "Match confirmed.";
    if (outcome.done == "rejected") banner = "Match rejected. It will not be offered again.";
    if (outcome.done == "undone") banner = "Decision undone.";
    RatingForm rated;
    rated.rated = req.get_param_value("rated") == "1";
    DecisionForm decided;
    decided.decided = req.get_param_value("decided") == "1";
    show_contact_page(site, *session, id, res, banner, nullptr,
                      outcome.link_id > 0 ? &outcome : nullptr, rated.rated ? &rated : nullptr,
                      decided.decided ? &decided : nullptr);
  };
  routes.get(
      RouteKind::page, "/contacts/{id}",
      "A contact: what was sent, its subjects' matches, rating, decision, DASH and access history",
      contact);
}

}  // namespace mash::web
