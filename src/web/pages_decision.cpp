// Screening's decision on the contact page (issue 4), and the notifications page where a hub
// manager reads of clocks that passed their due time. The hub decides and keeps the clocks; these
// handlers only show and translate.
#include "domain/london_time.h"
#include "web/contact_decision.h"
#include "web/contact_matches.h"
#include "web/contact_rating.h"

namespace mash::web {

namespace {

std::string contact_href(int64_t id) { return "/contacts/" + std::to_string(id); }

std::string clock_status(const app::ClockState& c) {
  if (!c.tracked) return "Recorded in the case system, not here";
  if (c.met_at)
    return (c.overdue ? "Met late, " : "Met ") + format_london(*c.met_at) +
           (c.overdue ? " (" + duration_words(c.seconds_remaining) + " after it was due)" : "");
  return c.overdue ? "Overdue by " + duration_words(c.seconds_remaining)
                   : duration_words(c.seconds_remaining) + " left";
}

std::string clock_label(const std::string& clock) {
  if (clock == "decision") return "Decision (the rating's clock)";
  if (clock == "referral_decision") return "Referral decision (statutory)";
  return clock;
}

mstch::map form_view(const HubConfig& config, const app::ContactScreening& s, int64_t id,
                     const std::string& csrf, const DecisionForm* form) {
  auto error_of = [&](const std::string& field) {
    if (form)
      for (const auto& [f, m] : form->errors)
        if (f == field) return m;
    return std::string{};
  };
  std::vector<Choice> routes;
  for (Route r : kRoutes) {
    std::string hint;
    if (r == Route::mash_enquiry)
      hint = "The partners research it together; the rating's clock keeps running.";
    if (r == Route::allocated_worker) hint = "The child or adult is already open to a worker.";
    if (r == Route::advice_signpost) hint = "To a universal or early help service.";
    routes.push_back({std::string(code_of(r)), std::string(label_of(r)), hint});
  }
  Field route;
  route.id = "route";
  route.label = "Where does the contact go?";
  route.value = form ? form->route : "";
  route.error = error_of("route");
  if (!s.open_to.empty() && !form) route.value = "allocated_worker";

  std::vector<Choice> levels;
  for (const ThresholdLevel& t : config.thresholds)
    levels.push_back({std::to_string(t.level), std::to_string(t.level) + " " + t.name, ""});
  Field threshold;
  threshold.id = "threshold";
  threshold.label = "Threshold level";
  threshold.value = form ? form->threshold : "";
  threshold.error = error_of("threshold");

  Field worker;
  worker.id = "worker";
  worker.label = "Worker (username)";
  worker.hint =
      "Needed to pass to an allocated worker. For a MASH enquiry, leave empty to take it "
      "yourself.";
  if (!s.open_to.empty()) worker.hint = "Already open to " + s.open_to.front().worker + ".";
  worker.value = form ? form->worker : (s.open_to.empty() ? "" : s.open_to.front().worker);
  worker.error = error_of("worker");
  worker.classes = "govuk-input--width-20";
  worker.autocomplete = "off";

  Field rationale;
  rationale.id = "decision-rationale";
  rationale.label = "Rationale";
  rationale.hint = "Why this threshold and route.";
  rationale.value = form ? form->rationale : "";
  rationale.error = error_of("rationale");

  Field strategy;
  strategy.id = "strategy_discussion_at";
  strategy.label = "Strategy discussion held (optional)";
  strategy.hint =
      "If one was held, when: date and time, for example 2026-11-24 10:30. It starts the "
      "initial child protection conference's clock.";
  strategy.value = form ? form->strategy_discussion_at : "";
  strategy.error = error_of("strategy_discussion_at");
  strategy.classes = "govuk-input--width-20";
  strategy.autocomplete = "off";

  mstch::map rationale_view = textarea_field(rationale, 4);
  rationale_view["name"] = std::string("rationale");
  return mstch::map{{"action", contact_href(id) + "/decision"},
                    {"csrf", csrf},
                    {"route_field", radios_field(route, routes)},
                    {"threshold_field", radios_field(threshold, levels, true)},
                    {"worker_field", input_field(worker)},
                    {"rationale_field", rationale_view},
                    {"strategy_field", input_field(strategy)}};
}

}  // namespace

DecisionView decision_view(Site& site, const app::Session& session, int64_t contact_id,
                           const app::ContactScreening& screening, const DecisionForm* form) {
  DecisionView out;
  const app::ContactScreening* s = &screening;
  out.shown = true;
  const HubConfig& config = site.hub.config();

  mstch::array clocks;
  for (const app::ClockState& c : s->clocks)
    clocks.push_back(mstch::map{{"name", c.name},
                                {"started", format_london(c.started_at)},
                                {"due", due_words(c.due_at)},
                                {"status", clock_status(c)},
                                {"overdue", c.overdue}});
  mstch::array decisions;
  for (auto d = s->decisions.rbegin(); d != s->decisions.rend(); ++d)
    decisions.push_back(mstch::map{
        {"when", format_london(d->decided_at)},
        {"who", d->decided_by},
        {"route", std::string(label_of(d->route))},
        {"threshold",
         std::to_string(d->threshold) + (d->threshold_name.empty() ? "" : " " + d->threshold_name)},
        {"worker", d->worker.empty() ? std::string("None") : d->worker},
        {"rationale", d->rationale},
        {"strategy",
         d->strategy_discussion_at ? format_london(*d->strategy_discussion_at) : std::string{}}});
  mstch::array breaches;
  for (const app::ClockBreach& b : s->breaches)
    breaches.push_back(mstch::map{{"clock", clock_label(b.clock)},
                                  {"due", due_words(b.due_at)},
                                  {"recorded", format_london(b.recorded_at)}});
  mstch::array open;
  for (const app::OpenToWorker& o : s->open_to)
    open.push_back(mstch::map{{"subject", o.subject_name},
                              {"worker", o.worker},
                              {"href", contact_href(o.contact_id)},
                              {"contact", std::to_string(o.contact_id)}});

  const bool open_status =
      s->status == ContactStatus::screening || s->status == ContactStatus::enquiry;
  const bool may_decide =
      site.hub.may(session.actor(), policy::Action::contact_decide) && open_status;
  if (form)
    for (const auto& [field, message] : form->errors)
      out.errors.push_back({"#" + (field == "rationale" ? "decision-rationale" : field), message});
  std::string banner;
  if (form && form->decided && !s->decisions.empty()) {
    const app::ContactDecision& d = s->decisions.back();
    banner = std::string(label_of(d.route)) + (d.worker.empty() ? "" : ": " + d.worker);
  }
  out.section = mstch::map{
      {"worker", s->worker.empty() ? std::string("Nobody yet") : s->worker},
      {"clocks", clocks},
      {"has_decisions", !decisions.empty()},
      {"decisions", decisions},
      {"has_breaches", !breaches.empty()},
      {"breaches", breaches},
      {"has_open", !open.empty()},
      {"open", open},
      {"banner", banner},
      {"may_decide", may_decide},
      {"form",
       may_decide ? form_view(config, *s, contact_id, session.csrf_token, form) : mstch::map{}},
      {"decided", s->status == ContactStatus::decided || s->status == ContactStatus::closed},
  };
  return out;
}

void add_decision_routes(Routes& routes) {
  auto decide = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto post = read_contact_post(site, req, res);
    if (!post) return;
    const app::Session* session = &post->session;
    const Form& form = post->form;
    const int64_t id = post->contact_id;
    DecisionForm sent;
    sent.route = clean_text(form_value(form, "route"));
    sent.threshold = clean_text(form_value(form, "threshold"));
    sent.worker = clean_text(form_value(form, "worker"));
    sent.rationale = clean_text(form_value(form, "rationale"));
    sent.strategy_discussion_at = clean_text(form_value(form, "strategy_discussion_at"));
    app::DecisionDraft draft{sent.route, 0, sent.worker, sent.rationale,
                             sent.strategy_discussion_at};
    // A level the form offers is a small whole number; anything else is left as 0, which the
    // hub refuses with the levels it has.
    if (const int64_t level = parse_id(sent.threshold); level > 0 && level <= 100)
      draft.threshold = static_cast<int>(level);
    auto done = site.hub.decide_contact(session->actor(), id, draft);
    if (done.ok()) return redirect(res, contact_href(id) + "?decided=1#contact-decision");
    const Error& e = done.error();
    if (e.kind != Error::Kind::invalid) return send_error_page(res, e, &*session);
    for (const auto& f : e.fields) {
      // A route or level the page did not offer can only come from an altered form.
      if (f.field == "route" && !parse_route(sent.route) && !sent.route.empty())
        sent.errors.emplace_back("route", "Choose where the contact goes");
      else if (f.field == "threshold")
        sent.errors.emplace_back("threshold", "Choose the threshold level");
      else
        sent.errors.emplace_back(f.field, f.message);
    }
    show_contact_page(site, *session, id, res, "", nullptr, nullptr, nullptr, &sent);
    res.status = 422;
  };
  routes.post(RouteKind::page, "/contacts/{id}/decision",
              "Records screening's decision: threshold, route and why", decide);

  auto notifications = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto session = require_session(site, req, res);
    if (!session) return;
    auto notes = site.hub.notifications(session->actor());
    mstch::array items;
    if (notes.ok())
      for (const app::Notification& n : *notes)
        items.push_back(
            mstch::map{{"id", std::to_string(n.id)},
                       {"when", format_london(n.created_at)},
                       {"message", n.message},
                       {"has_contact", n.contact_id.has_value()},
                       {"href", n.contact_id ? contact_href(*n.contact_id) : std::string{}},
                       {"contact", n.contact_id ? std::to_string(*n.contact_id) : std::string{}},
                       {"review", n.kind == "break_glass"},
                       {"summary", n.kind == "summary"}});
    Layout layout;
    layout.title = "Notifications";
    layout.session = &*session;
    layout.nav = "notifications";
    // Only a count: nothing a link could put in someone's page.
    const int64_t done = parse_id(req.get_param_value("dismissed"));
    const std::string banner = done <= 0 ? std::string{}
                               : done == 1
                                   ? std::string("Dismissed 1 notification.")
                                   : "Dismissed " + std::to_string(done) + " notifications.";
    send_html(res, 200,
              render_page("notifications",
                          mstch::map{{"items", items},
                                     {"has_items", !items.empty()},
                                     {"csrf", session->csrf_token},
                                     {"banner", banner}},
                          layout));
  };
  routes.get(RouteKind::page, "/notifications", "The signed-in user's own notifications",
             notifications);
  auto dismiss = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto session = require_session(site, req, res);
    if (!session) return;
    const Form form = parse_form(req.body);
    if (!check_csrf(*session, form, res)) return;
    const std::string which = form_value(form, "id");
    const int64_t id = which == "all" ? 0 : parse_id(which);
    if (id < 0 || (id == 0 && which != "all"))
      return send_html(res, 404, status_page(404, &*session));
    auto done = site.hub.dismiss_notifications(session->actor(), id);
    if (!done.ok()) return send_error_page(res, done.error(), &*session);
    redirect(res, "/notifications?dismissed=" + std::to_string(*done));
  };
  routes.post(RouteKind::page, "/notifications/dismiss",
              "Dismisses one of the user's own notifications, or all of them", dismiss);
}

}  // namespace mash::web
