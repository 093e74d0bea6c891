// The DASH risk identification checklist (issue 4): its form (GET and POST /contacts/{id}/dash)
// and its section on the contact page. The hub checks, scores and decides the routes to MARAC;
// these handlers only show and translate.
#include <algorithm>
#include <cstdio>

#include "app/break_glass.h"
#include "domain/london_time.h"
#include "web/contact_dash.h"

namespace mash::web {

namespace {

using DashInput = app::Hub::DashInput;
using DashAssessment = app::Hub::DashAssessment;

std::string contact_href(int64_t id) { return "/contacts/" + std::to_string(id); }

std::string answer_words(DashAnswer a) {
  switch (a) {
    case DashAnswer::yes:
      return "Yes";
    case DashAnswer::no:
      return "No";
    case DashAnswer::not_known:
      return "Not known";
    case DashAnswer::not_asked:
      break;
  }
  return "Not asked";
}

std::string level_words(RiskLevel r) {
  switch (r) {
    case RiskLevel::high:
      return "High risk";
    case RiskLevel::medium:
      return "Medium risk";
    case RiskLevel::standard:
      break;
  }
  return "Standard risk";
}

std::string level_class(RiskLevel r) {
  if (r == RiskLevel::high) return "govuk-tag--red";
  if (r == RiskLevel::medium) return "govuk-tag--orange";
  return "govuk-tag--grey";
}

// "visible high risk (16 of 24)", "potential escalation (4 incidents in 12 months)", …
std::string route_words(MaracRoute r, const DashAssessment& a) {
  switch (r) {
    case MaracRoute::visible_high_risk:
      return "visible high risk (" + std::to_string(a.outcome.score) + " of " +
             std::to_string(kDashQuestions) + ")";
    case MaracRoute::professional_judgement:
      return "professional judgement";
    case MaracRoute::potential_escalation:
      return "potential escalation (" + std::to_string(a.checklist.incidents_last_12_months) +
             " incidents in 12 months)";
    case MaracRoute::repeat_referral:
      return "repeat referral within 12 months";
  }
  return "";
}

// "MARAC referral: yes — visible high risk (16 of 24)" or "MARAC referral: no".
std::string marac_words(const DashAssessment& a) {
  if (!a.outcome.refer_to_marac()) return "MARAC referral: no";
  std::string out;
  for (MaracRoute r : a.outcome.routes) out += (out.empty() ? "" : ", ") + route_words(r, a);
  return "MARAC referral: yes — " + out;
}

std::string subject_name(const Subject& s) {
  std::string family = s.family_name;
  for (auto& ch : family) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  std::string name = s.given_name + (s.given_name.empty() || family.empty() ? "" : " ") + family;
  return name.empty() ? "(name not known)" : name;
}

mstch::map latest_view(const DashAssessment& a, const Contact& c) {
  mstch::array routes, answers;
  for (MaracRoute r : a.outcome.routes) routes.push_back(std::string(describe(r)));
  for (int n = 1; n <= kDashQuestions; ++n)
    answers.push_back(
        mstch::map{{"question", std::to_string(n) + ". " + std::string(dash_topic(n))},
                   {"answer", answer_words(a.checklist.answers[static_cast<size_t>(n - 1)])}});
  std::string about;
  for (const Subject& s : c.subjects)
    if (s.id == a.subject_id) about = subject_name(s);
  std::string judgement = "None recorded";
  if (a.checklist.judgement)
    judgement = level_words(*a.checklist.judgement) + ": " + a.checklist.judgement_reason;
  return mstch::map{
      {"marac", marac_words(a)},
      {"marac_class",
       std::string(a.outcome.refer_to_marac() ? "govuk-tag--red" : "govuk-tag--grey")},
      {"has_routes", !routes.empty()},
      {"routes", routes},
      {"level", level_words(a.outcome.level)},
      {"level_class", level_class(a.outcome.level)},
      {"score", std::to_string(a.outcome.score) + " of " + std::to_string(kDashQuestions) +
                    " (visible high risk at " + std::to_string(a.high_risk_score) + ")"},
      {"incidents", std::to_string(a.checklist.incidents_last_12_months)},
      {"judgement", judgement},
      {"about", about},
      {"assessed_by", a.assessed_by + " on " + format_london(a.assessed_at)},
      {"answers", answers},
  };
}

// --- the form --------------------------------------------------------------------------------

// What was typed, and the problems with it by form field id ("answer-7", "incidents", …).
struct DashForm {
  DashInput input;
  std::string subject;  // the subject radio's value: an id, or "none"
  std::string marac_day, marac_month, marac_year;
  std::map<std::string, std::string> errors;
};

// The form's field id for a field the hub names.
std::string form_id(const std::string& field) {
  if (field.rfind("answers.", 0) == 0) return "answer-" + field.substr(8);
  if (field == "judgement") return "judgement";
  if (field == "judgement_reason") return "judgement-reason";
  if (field == "incidents_last_12_months") return "incidents";
  if (field == "previous_marac_referral") return "marac-date";
  if (field == "subject_id") return "subject";
  return "";
}

// The error summary's lines in the order of the page.
std::vector<ErrorLink> error_links(const DashForm& form) {
  std::vector<std::string> order = {"subject"};
  for (int n = 1; n <= kDashQuestions; ++n) order.push_back("answer-" + std::to_string(n));
  for (const char* id : {"incidents", "marac-date", "judgement", "judgement-reason"})
    order.push_back(id);
  std::vector<ErrorLink> out;
  for (const std::string& id : order) {
    auto e = form.errors.find(id);
    if (e == form.errors.end()) continue;
    out.push_back({"#" + (id == "marac-date" ? id + "-day" : id), e->second});
  }
  return out;
}

std::string error_of(const DashForm* form, const std::string& id) {
  if (!form) return {};
  auto e = form->errors.find(id);
  return e == form->errors.end() ? std::string{} : e->second;
}

void show_form(Site& site, const app::Session& session, const Contact& c, const DashForm* form,
               httplib::Response& res) {
  const HubConfig& config = site.hub.config();
  const std::vector<Choice> choices = {
      {"yes", "Yes", ""}, {"no", "No", ""}, {"not_known", "Not known", ""}};
  mstch::array questions;
  for (int n = 1; n <= kDashQuestions; ++n) {
    const std::string id = "answer-" + std::to_string(n);
    std::string chosen;
    if (form) {
      auto a = form->input.answers.find(std::to_string(n));
      if (a != form->input.answers.end()) chosen = a->second;
    }
    mstch::array items;
    for (size_t i = 0; i < choices.size(); ++i)
      items.push_back(mstch::map{{"item_id", i == 0 ? id : id + "-" + std::to_string(i + 1)},
                                 {"item_value", choices[i].value},
                                 {"item_label", choices[i].label},
                                 {"item_checked", chosen == choices[i].value}});
    questions.push_back(mstch::map{{"id", id},
                                   {"name", id},
                                   {"number", std::to_string(n)},
                                   {"topic", std::string(dash_topic(n))},
                                   {"error", error_of(form, id)},
                                   {"items", items}});
  }

  std::vector<Choice> subjects;
  for (const Subject& s : c.subjects)
    subjects.push_back({std::to_string(s.id), subject_name(s), std::string(label_of(s.role))});
  subjects.push_back({"none", "Not recorded", ""});
  Field subject;
  subject.id = "subject";
  subject.label = "Who is the victim?";
  subject.hint = "The person the checklist was completed with.";
  subject.value = form ? form->subject : std::string{};
  subject.error = error_of(form, "subject");

  Field incidents;
  incidents.id = "incidents";
  incidents.label = "How many domestic abuse incidents were reported in the last 12 months?";
  incidents.hint = "Include this one. Enter 0 if none. " +
                   std::to_string(config.dash.escalation_incidents) +
                   " or more is potential escalation: a route to MARAC.";
  incidents.classes = "govuk-input--width-3";
  incidents.inputmode = "numeric";
  incidents.value = form ? form->input.incidents_last_12_months : std::string{};
  incidents.error = error_of(form, "incidents");

  Field marac;
  marac.id = "marac-date";
  marac.label = "When was the victim last referred to a MARAC? (optional)";
  marac.hint =
      "Leave blank if never, or not known. A referral in the last 12 months makes this a "
      "repeat referral. For example, 27 3 2026";
  marac.error = error_of(form, "marac-date");

  Field judgement;
  judgement.id = "judgement";
  judgement.label = "Professional judgement";
  judgement.error = error_of(form, "judgement");
  const bool judged = form && form->input.judgement == "high";

  Layout layout;
  layout.title = "DASH checklist for contact " + contact_reference(c.id);
  layout.session = &session;
  layout.nav = "queue";
  layout.back_href = contact_href(c.id);
  if (form) layout.errors = error_links(*form);
  const std::string reason_error = error_of(form, "judgement-reason");
  send_html(
      res, form ? 422 : 200,
      render_page("dash_form",
                  mstch::map{
                      {"reference", contact_reference(c.id)},
                      {"action", contact_href(c.id) + "/dash"},
                      {"contact_href", contact_href(c.id)},
                      {"csrf", session.csrf_token},
                      {"high_risk_score", std::to_string(config.dash.high_risk_score)},
                      {"has_subjects", !c.subjects.empty()},
                      {"subject_field", radios_field(subject, subjects, true)},
                      {"questions", questions},
                      {"incidents_field", input_field(incidents)},
                      {"marac_field",
                       date_field(marac, form ? form->marac_day : "", form ? form->marac_month : "",
                                  form ? form->marac_year : "")},
                      {"judgement_field",
                       checkboxes_field(
                           judgement,
                           {{"high", "Refer to MARAC on professional judgement",
                             "Your judgement can raise the risk to high whatever the "
                             "score. It never lowers a score."}},
                           judged ? std::vector<std::string>{"high"} : std::vector<std::string>{})},
                      {"reason", form ? form->input.judgement_reason : std::string{}},
                      {"reason_error", reason_error},
                  },
                  layout));
}

// "27", "3", "2026" -> "2026-03-27"; typed text that is not numbers goes through as typed, for
// the hub to refuse as not a date.
std::string iso_from_parts(const std::string& day, const std::string& month,
                           const std::string& year) {
  if (day.empty() && month.empty() && year.empty()) return "";
  auto number = [](const std::string& s) {
    if (s.empty() || s.size() > 4 ||
        !std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      return -1;
    return std::stoi(s);
  };
  const int d = number(day), m = number(month), y = number(year);
  if (d < 0 || m < 0 || y < 1000) return year + "-" + month + "-" + day + "?";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

DashForm read_form(const Form& form) {
  DashForm out;
  for (int n = 1; n <= kDashQuestions; ++n) {
    const std::string value = clean_text(form_value(form, "answer-" + std::to_string(n)));
    if (!value.empty()) out.input.answers[std::to_string(n)] = value;
  }
  out.subject = clean_text(form_value(form, "subject"));
  const int64_t subject = parse_id(out.subject);
  out.input.subject_id = subject > 0 ? subject : 0;
  out.input.incidents_last_12_months = clean_text(form_value(form, "incidents"));
  out.marac_day = clean_text(form_value(form, "marac-date-day"));
  out.marac_month = clean_text(form_value(form, "marac-date-month"));
  out.marac_year = clean_text(form_value(form, "marac-date-year"));
  out.input.previous_marac_referral =
      iso_from_parts(out.marac_day, out.marac_month, out.marac_year);
  // The checkbox says "high"; anything else sent is passed on for the hub to refuse.
  out.input.judgement = clean_text(form_value(form, "judgement"));
  out.input.judgement_reason = clean_text(form_value(form, "judgement-reason"));
  return out;
}

// The page's words for a problem the hub found, where the form says it differently.
std::string form_message(const FieldError& f) {
  if (f.field == "previous_marac_referral" && f.message.find("real date") != std::string::npos)
    return "The date of the last MARAC referral must be a real date, for example 27 3 2026";
  if (f.field == "subject_id") return "Choose who the victim is";
  if (f.field == "judgement") return "Tick the box to refer on professional judgement, or leave it";
  return f.message;
}

void post_dash(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto post = read_contact_post(site, req, res);
  if (!post) return;
  const app::Session* session = &post->session;
  const Form& form = post->form;
  const int64_t id = post->contact_id;
  DashForm sent = read_form(form);
  auto done = site.hub.record_dash(session->actor(), id, sent.input);
  if (done.ok()) return redirect(res, contact_href(id) + "?dash=1");
  const Error& e = done.error();
  if (e.kind != Error::Kind::invalid) return send_error_page(res, e, &*session);
  for (const FieldError& f : e.fields) {
    const std::string field_id = form_id(f.field);
    // An unknown question number can only come from an altered form: nothing to show it at.
    if (!field_id.empty() && field_id.rfind("answer-", 0) == 0 &&
        (parse_id(field_id.substr(7)) < 1 || parse_id(field_id.substr(7)) > kDashQuestions))
      continue;
    if (!field_id.empty() && !sent.errors.count(field_id)) sent.errors[field_id] = form_message(f);
  }
  if (sent.errors.empty()) sent.errors["answer-1"] = e.message;  // from an altered form
  auto contact = site.hub.view_contact(session->actor(), id, "screening: DASH checklist");
  if (!contact.ok()) return send_error_page(res, contact.error(), &*session);
  show_form(site, *session, *contact, &sent, res);
}

}  // namespace

DashSection dash_section(Site& site, const app::Session& session, const Contact& c) {
  DashSection out;
  if (!site.hub.may(session.actor(), policy::Action::dash_view)) return out;
  const bool domestic_abuse =
      std::find(c.presenting_issues.begin(), c.presenting_issues.end(),
                PresentingIssue::domestic_abuse) != c.presenting_issues.end();
  auto found = site.hub.dash_of(session.actor(), c.id);
  if (!found.ok() || (found->empty() && !domestic_abuse)) return out;
  out.shown = true;
  const std::vector<DashAssessment>& all = *found;

  mstch::array history;
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    history.push_back(mstch::map{
        {"when", format_london(it->assessed_at)},
        {"who", it->assessed_by},
        {"score", std::to_string(it->outcome.score) + " of " + std::to_string(kDashQuestions)},
        {"level", level_words(it->outcome.level)},
        {"marac", std::string(it->outcome.refer_to_marac() ? "Yes" : "No")}});
  const bool may_record = site.hub.may(session.actor(), policy::Action::dash_record) &&
                          !app::BreakGlass(site.hub).live(session.actor(), c.id);
  out.section = mstch::map{
      {"latest", all.empty() ? mstch::node(false) : mstch::node(latest_view(all.back(), c))},
      {"has_history", all.size() > 1},
      {"history", history},
      {"history_summary", "Every checklist (" + std::to_string(all.size()) + ")"},
      {"may_record", may_record},
      {"form_href", contact_href(c.id) + "/dash"},
      {"button",
       std::string(all.empty() ? "Complete a DASH checklist" : "Record a new DASH checklist")},
  };
  return out;
}

void add_dash_routes(Routes& routes) {
  auto form = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto session = require_session(site, req, res);
    if (!session) return;
    const int64_t id = parse_id(req.matches[1]);
    if (id <= 0) return send_html(res, 404, status_page(404, &*session));
    // Only those who may record one for this contact are shown the form (not someone reading a
    // restricted contact by break-glass, which changes nothing); a refusal is audited.
    if (auto allowed = site.hub.permit(session->actor(), policy::Action::dash_record, id);
        !allowed.ok())
      return send_error_page(res, allowed.error(), &*session);
    auto contact = site.hub.view_contact(session->actor(), id, "screening: DASH checklist");
    if (!contact.ok()) return send_error_page(res, contact.error(), &*session);
    show_form(site, *session, *contact, nullptr, res);
  };
  routes.get(RouteKind::page, "/contacts/{id}/dash",
             "The DASH risk identification checklist's form", form);
  routes.post(RouteKind::page, "/contacts/{id}/dash", "Records a DASH checklist for the contact",
              post_dash);
}

}  // namespace mash::web
