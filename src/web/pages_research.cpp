// A contact's MASH enquiry research (issue 5): the basis for sharing, asking agencies, their
// answers as the reader may see them, withholding passages, the disclosures about the subjects and
// who has seen each subject's record. The hub decides; these handlers only show and translate.
#include "domain/london_time.h"
#include "web/contact_matches.h"
#include "web/research_view.h"
#include "web/routes.h"
#include "web/session.h"

namespace mash::web {

namespace {

mstch::map basis_form(const HubConfig& config, int64_t id, const std::string& csrf, bool has_basis,
                      const Form* form, const std::vector<FieldError>* errors) {
  auto value = [&](const std::string& name) { return form ? form_value(*form, name) : ""; };
  Field consent;
  consent.id = "consent";
  consent.label = "Has the family consented to agencies sharing what they know?";
  consent.value = value("consent");
  consent.error = field_error(errors, "consent");
  std::vector<Choice> bases;
  for (const LawfulBasis& b : config.lawful_bases) bases.push_back({b.code, b.name, ""});
  Field basis;
  basis.id = "lawful_basis";
  basis.label = "Without consent: the lawful basis for sharing";
  basis.value = value("lawful_basis");
  basis.error = field_error(errors, "lawful_basis");
  Field reason;
  reason.id = "basis-reason";
  reason.label = "Why sharing without consent is necessary and proportionate";
  reason.value = value("reason");
  reason.error = field_error(errors, "reason");
  mstch::map reason_view = textarea_field(reason, 3);
  reason_view["name"] = std::string("reason");
  return mstch::map{
      {"action", research_href(id) + "/basis"},
      {"csrf", csrf},
      {"open", !has_basis || errors != nullptr},
      {"summary", has_basis ? std::string("Record a new basis") : std::string("Record the basis")},
      {"consent", radios_field(consent,
                               {{"given", "Yes, consent was given", ""},
                                {"refused", "No, consent was refused", ""},
                                {"not_sought", "Consent was not sought",
                                 "For example, because seeking it would put the child at risk."}},
                               true)},
      {"basis", radios_field(basis, bases, true)},
      {"reason", reason_view},
  };
}

mstch::map raise_form(const app::ContactResearch& r, const std::vector<Agency>& agencies,
                      const std::string& csrf, const Form* form,
                      const std::vector<FieldError>* errors) {
  std::vector<Choice> choices;
  for (const Agency& a : agencies) {
    const bool asked = std::any_of(r.requests.begin(), r.requests.end(),
                                   [&](const auto& q) { return q.agency == a.code; });
    if (asked) continue;
    const bool suggested = std::find(r.suggested_agencies.begin(), r.suggested_agencies.end(),
                                     a.code) != r.suggested_agencies.end();
    choices.push_back({a.code, a.name, suggested ? "Suggested for this contact's issues" : ""});
  }
  std::vector<std::string> checked;
  if (form) {
    checked = form_values(*form, "agencies");
  } else {
    for (const Choice& c : choices)
      if (!c.hint.empty()) checked.push_back(c.value);
  }
  Field agencies_field;
  agencies_field.id = "agencies";
  agencies_field.label = "Which agencies?";
  agencies_field.hint =
      "Each gets the subjects' identifying details and your question, nothing more.";
  agencies_field.error = field_error(errors, "agencies");
  Field question;
  question.id = "question";
  question.label = "What do you want to know?";
  question.value = form ? form_value(*form, "question") : std::string{};
  question.error = field_error(errors, "question");
  Field narrative;
  narrative.id = "narrative_reason";
  narrative.label = "Share what was reported too? Say why (optional)";
  narrative.hint = "Leave empty to keep the referral's account within the hub.";
  narrative.value = form ? form_value(*form, "narrative_reason") : std::string{};
  narrative.error = field_error(errors, "narrative_reason");
  Field withheld;
  withheld.id = "narrative_withheld";
  withheld.label = "Passages of the account to withhold from them (optional)";
  withheld.hint =
      "Only when you share the account. One passage per line, copied from the account (capital "
      "letters and spacing may differ); every place it occurs is shown to the agencies as a "
      "marker, never its words.";
  withheld.value = form ? form_value(*form, "narrative_withheld") : std::string{};
  withheld.error = field_error(errors, "narrative_withheld");
  if (withheld.error.empty() && errors)
    for (const FieldError& e : *errors)
      if (e.field.rfind("narrative_withheld[", 0) == 0) {
        withheld.error = e.message;
        break;
      }
  Field withheld_reason;
  withheld_reason.id = "narrative_withheld_reason";
  withheld_reason.label = "Why are they withheld?";
  withheld_reason.value = form ? form_value(*form, "narrative_withheld_reason") : std::string{};
  withheld_reason.error = field_error(errors, "narrative_withheld_reason");
  std::vector<Choice> reasons{{"", "Choose a reason", ""}};
  for (Sensitivity s : all_sensitivities())
    if (s != Sensitivity::none)
      reasons.push_back({std::string(code_of(s)), std::string(label_of(s)), ""});
  return mstch::map{{"action", research_href(r.contact_id) + "/requests"},
                    {"csrf", csrf},
                    {"agencies", checkboxes_field(agencies_field, choices, checked)},
                    {"question", textarea_field(question, 4)},
                    {"narrative", textarea_field(narrative, 2)},
                    {"withheld", textarea_field(withheld, 3)},
                    {"withheld_reason", select_field(withheld_reason, reasons)}};
}

// The passages typed one per line (blank lines left out).
std::vector<std::string> passages_of(const std::string& typed) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= typed.size()) {
    size_t end = typed.find('\n', from);
    if (end == std::string::npos) end = typed.size();
    std::string line = typed.substr(from, end - from);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) out.push_back(line);
    from = end + 1;
  }
  return out;
}

// What a failed form on the page carries back to it.
struct PageState {
  std::string banner;
  const Form* basis_form = nullptr;
  const std::vector<FieldError>* basis_errors = nullptr;
  const Form* raise_form = nullptr;
  const std::vector<FieldError>* raise_errors = nullptr;
  int64_t redaction_request = 0;
  const Form* redaction_form = nullptr;
  const std::vector<FieldError>* redaction_errors = nullptr;
  const Form* summary_form = nullptr;
  const std::vector<FieldError>* summary_errors = nullptr;
};

}  // namespace

void show_research(Site& site, const app::Session& session, int64_t contact_id,
                   const ResearchPageErrors& failed, httplib::Response& res) {
  app::Research research(site.hub);
  auto r = research.research_of(session.actor(), contact_id, "MASH enquiry: reading the research");
  if (!r.ok()) return send_error_page(res, r.error(), &session);
  PageState state;
  state.banner = failed.banner;
  if (failed.form_name == "basis") {
    state.basis_form = failed.form;
    state.basis_errors = failed.errors;
  } else if (failed.form_name == "requests") {
    state.raise_form = failed.form;
    state.raise_errors = failed.errors;
  } else if (failed.form_name == "redaction") {
    state.redaction_request = failed.request_id;
    state.redaction_form = failed.form;
    state.redaction_errors = failed.errors;
  } else if (failed.form_name == "summary") {
    state.summary_form = failed.form;
    state.summary_errors = failed.errors;
  }
  const auto agencies = site.hub.agencies();
  const HubConfig& config = site.hub.config();
  Layout layout;
  layout.title = "MASH enquiry research – " + contact_reference(contact_id);
  layout.session = &session;
  layout.nav = "queue";
  layout.back_href = "/contacts/" + std::to_string(contact_id);
  auto add_errors = [&](const std::vector<FieldError>* errors, const std::string& prefix) {
    if (!errors) return;
    for (const FieldError& e : *errors) {
      std::string id = e.field.substr(0, e.field.find('['));
      if (prefix == "basis" && id == "reason") id = "basis-reason";
      if (prefix == "redact") id = id == "item_id" ? "redact-item" : "redact-" + id;
      if (prefix == "summary") id = "summary-" + id;
      layout.errors.push_back({"#" + id, e.message});
    }
  };
  add_errors(state.basis_errors, "basis");
  add_errors(state.raise_errors, "");
  add_errors(state.redaction_errors, "redact");
  add_errors(state.summary_errors, "summary");

  mstch::node basis_view = false;
  if (r->basis) {
    const app::EnquiryBasis& b = *r->basis;
    basis_view =
        mstch::map{{"consent", b.consent == ConsentStatus::given     ? std::string("Given")
                               : b.consent == ConsentStatus::refused ? std::string("Refused")
                                                                     : std::string("Not sought")},
                   {"lawful_basis", b.lawful_basis_name},
                   {"reason", b.reason},
                   {"recorded_by", b.recorded_by},
                   {"recorded_at", format_london(b.recorded_at)}};
  }
  // Not for someone reading a restricted contact by break-glass: it changes nothing.
  bool by_glass = false;
  const mstch::node glass = break_glass_banner(site, session, contact_id, &by_glass);
  const bool may_basis = site.hub.may(session.actor(), policy::Action::enquiry_basis_record) &&
                         r->status == ContactStatus::enquiry && !by_glass;
  mstch::array requests, answers;
  std::vector<int64_t> request_ids;
  for (const app::InformationRequest& q : r->requests) request_ids.push_back(q.id);
  const auto unread = research.unread_messages(session.actor(), request_ids);
  for (const app::InformationRequest& q : r->requests) {
    const bool has_answer = q.status == RequestStatus::answered && !q.items.empty();
    requests.push_back(mstch::map{
        {"id", std::to_string(q.id)},
        {"agency", q.agency_name},
        {"status", request_status_words(q)},
        {"tag_class", std::string(request_tag_class(q))},
        {"due", format_london(q.due_at)},
        {"answered", q.answered_at ? format_london(*q.answered_at) : std::string("Not yet")},
        {"has_answer", has_answer},
        {"messages_href", "/requests/" + std::to_string(q.id) + "/messages"},
        {"unread", unread.count(q.id) ? std::to_string(unread.at(q.id)) : std::string{}}});
    if (!has_answer) continue;
    mstch::map answer = items_view(q, agencies);
    answer["id"] = std::to_string(q.id);
    answer["agency"] = q.agency_name;
    answer["answered_by"] = q.answered_by;
    answer["answered_at"] = q.answered_at ? format_london(*q.answered_at) : std::string{};
    size_t passages = 0;
    for (const auto& i : q.items) passages += i.passages_withheld;
    std::string withheld;
    if (q.withheld_items)
      withheld = std::to_string(q.withheld_items) +
                 (q.withheld_items == 1 ? " item is" : " items are") + " withheld from you";
    if (passages)
      withheld += (withheld.empty() ? "" : "; ") + std::to_string(passages) +
                  (passages == 1 ? " passage is" : " passages are") + " withheld from you";
    answer["withheld_words"] = withheld;
    // Decision makers (and the agency that answered) may withhold passages from others.
    const bool may_redact = !q.redactions.empty() || session.user.agency == q.agency ||
                            session.user.role == Role::decision_maker ||
                            session.user.role == Role::hub_manager;
    answer["redaction"] =
        may_redact ? mstch::node(redaction_form_view(
                         q, agencies, session.csrf_token, research_href(contact_id),
                         state.redaction_request == q.id ? state.redaction_errors : nullptr,
                         state.redaction_request == q.id ? state.redaction_form : nullptr))
                   : mstch::node(false);
    answers.push_back(answer);
  }
  mstch::array subjects;
  auto contact = site.hub.view_contact(session.actor(), contact_id,
                                       "MASH enquiry: naming the subjects on the research page");
  if (contact.ok())
    for (const Subject& s : contact->subjects) {
      std::string name = s.given_name + (s.family_name.empty() ? "" : " " + s.family_name);
      subjects.push_back(
          mstch::map{{"name", name.empty() ? std::string("the subject") : name},
                     {"chronology_href", "/contacts/" + std::to_string(contact_id) +
                                             "/chronology?subject=" + std::to_string(s.id)},
                     {"href", "/contacts/" + std::to_string(contact_id) + "/subjects/" +
                                  std::to_string(s.id) + "/access"}});
    }
  mstch::map data{
      {"banner", state.banner},
      {"break_glass", glass},
      {"reference", contact_reference(contact_id)},
      {"basis", basis_view},
      {"basis_form", may_basis ? mstch::node(basis_form(config, contact_id, session.csrf_token,
                                                        r->basis.has_value(), state.basis_form,
                                                        state.basis_errors))
                               : mstch::node(false)},
      {"has_requests", !requests.empty()},
      {"requests", requests},
      {"raise_form", r->may_raise && r->basis
                         ? mstch::node(raise_form(*r, agencies, session.csrf_token,
                                                  state.raise_form, state.raise_errors))
                         : mstch::node(false)},
      {"answers", answers},
      {"disclosures_href", "/contacts/" + std::to_string(contact_id) + "/disclosures"},
      {"household_href", "/contacts/" + std::to_string(contact_id) + "/chronology"},
      {"subjects", subjects},
      {"summaries",
       summaries_section(*r, session.csrf_token, state.summary_form, state.summary_errors)},
  };
  send_html(res, failed.errors ? 422 : 200, render_page("contact_research", data, layout));
}

void add_research_routes(Routes& routes) {
  routes.get(RouteKind::page, "/contacts/{id}/research",
             "A contact's MASH enquiry research: the basis for sharing, requests and answers",
             [](Site& site, const httplib::Request& req, httplib::Response& res) {
               auto session = require_session(site, req, res);
               if (!session) return;
               const int64_t id = parse_id(req.matches[1]);
               if (id <= 0) return send_html(res, 404, status_page(404, &*session));
               ResearchPageErrors none;
               const std::string done = req.get_param_value("done");
               if (done == "basis") none.banner = "Basis for sharing recorded.";
               if (done == "requests") none.banner = "Requests sent to the agencies.";
               if (done == "redacted") none.banner = "Passage withheld.";
               if (done == "summary") none.banner = "Outcome summary sent.";
               show_research(site, *session, id, none, res);
             });

  routes.post(RouteKind::page, "/contacts/{id}/research/basis",
              "Records the family's consent, or the lawful basis for sharing without it",
              [](Site& site, const httplib::Request& req, httplib::Response& res) {
                auto post = read_contact_post(site, req, res);
                if (!post) return;
                app::Research research(site.hub);
                auto done = research.record_basis(
                    post->session.actor(), post->contact_id,
                    {form_value(post->form, "consent"), form_value(post->form, "lawful_basis"),
                     form_value(post->form, "reason")});
                if (done.ok())
                  return redirect(res, research_href(post->contact_id) + "?done=basis");
                if (done.error().kind != Error::Kind::invalid)
                  return send_error_page(res, done.error(), &post->session);
                show_research(site, post->session, post->contact_id,
                              {"basis", &post->form, &done.error().fields, 0, ""}, res);
              });

  routes.post(RouteKind::page, "/contacts/{id}/research/requests",
              "Asks agencies what they know (information requests)",
              [](Site& site, const httplib::Request& req, httplib::Response& res) {
                auto post = read_contact_post(site, req, res);
                if (!post) return;
                app::Research research(site.hub);
                auto done = research.raise_requests(
                    post->session.actor(), post->contact_id,
                    {form_values(post->form, "agencies"), form_value(post->form, "question"),
                     form_value(post->form, "narrative_reason"),
                     passages_of(form_value(post->form, "narrative_withheld")),
                     form_value(post->form, "narrative_withheld_reason")});
                if (done.ok())
                  return redirect(res, research_href(post->contact_id) + "?done=requests");
                if (done.error().kind != Error::Kind::invalid)
                  return send_error_page(res, done.error(), &post->session);
                show_research(site, post->session, post->contact_id,
                              {"requests", &post->form, &done.error().fields, 0, ""}, res);
              });

  routes.get(
      RouteKind::page, "/contacts/{id}/disclosures",
      "What was disclosed about a contact's subjects, to whom, why and on what basis",
      [](Site& site, const httplib::Request& req, httplib::Response& res) {
        auto session = require_session(site, req, res);
        if (!session) return;
        const int64_t id = parse_id(req.matches[1]);
        if (id <= 0) return send_html(res, 404, status_page(404, &*session));
        app::Research research(site.hub);
        auto list = research.disclosures(session->actor(), id);
        if (!list.ok()) return send_error_page(res, list.error(), &*session);
        const auto agencies = site.hub.agencies();
        auto name = [&](const std::string& code) {
          for (const Agency& a : agencies)
            if (a.code == code) return a.name;
          return code;
        };
        const auto& lawful = site.hub.config();
        mstch::array rows;
        for (const app::Disclosure& d : *list) {
          std::string basis = d.basis == "consent" ? "With consent" : d.basis;
          if (const LawfulBasis* b = lawful.lawful_basis(d.basis)) basis = b->name;
          auto join = [](const std::vector<std::string>& v) {
            std::string out;
            for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
            return out;
          };
          rows.push_back(mstch::map{
              {"when", format_london(d.disclosed_at)},
              {"what",
               d.kind == "request"
                   ? std::string("Information request ") + request_reference(d.request_id) + " sent"
                   : std::string("Answer to ") + request_reference(d.request_id) +
                         (d.kind == "export"    ? " exported in a chronology"
                          : d.kind == "summary" ? " sent in an outcome summary"
                                                : " read")},
              {"items", join(d.items)},
              {"withheld", join(d.withheld)},
              {"from", name(d.from_agency)},
              {"to", d.to_username.empty() ? name(d.to_agency)
                                           : d.to_username + " (" + name(d.to_agency) + ")"},
              {"purpose", d.purpose},
              {"basis", basis}});
        }
        Layout layout;
        layout.title = "Disclosures – " + contact_reference(id);
        layout.session = &*session;
        layout.nav = "queue";
        layout.back_href = research_href(id);
        send_html(res, 200,
                  render_page("disclosures",
                              mstch::map{{"reference", contact_reference(id)},
                                         {"has_rows", !rows.empty()},
                                         {"count_words",
                                          std::to_string(rows.size()) +
                                              (rows.size() == 1 ? " disclosure" : " disclosures")},
                                         {"rows", rows}},
                              layout));
      });

  routes.get(RouteKind::page, "/contacts/{id}/subjects/{subject}/access",
             "Who has seen a subject's record across their contacts, and why",
             [](Site& site, const httplib::Request& req, httplib::Response& res) {
               auto session = require_session(site, req, res);
               if (!session) return;
               const int64_t id = parse_id(req.matches[1]);
               const int64_t subject = parse_id(req.matches[2]);
               if (id <= 0 || subject <= 0) return send_html(res, 404, status_page(404, &*session));
               const int64_t before = parse_id(req.get_param_value("before"));
               auto h = site.hub.subject_access_history(session->actor(), id, subject,
                                                        before > 0 ? before : 0, 100);
               if (!h.ok()) return send_error_page(res, h.error(), &*session);
               auto contact = site.hub.view_contact(session->actor(), id,
                                                    "naming the subject whose access is shown");
               std::string name = "the subject";
               if (contact.ok())
                 for (const Subject& s : contact->subjects)
                   if (s.id == subject)
                     name = s.given_name + (s.family_name.empty() ? "" : " " + s.family_name);
               mstch::array rows;
               for (const auto& e : h->entries)
                 rows.push_back(mstch::map{
                     {"when", format_london(e.at)},
                     {"who", e.username},
                     {"role", e.role},
                     {"agency", e.agency},
                     {"action", e.action},
                     {"allowed", e.allowed},
                     {"purpose", e.purpose},
                     {"contact", e.contact_id ? contact_reference(e.contact_id) : std::string{}}});
               std::string more;
               if (h->more && !h->entries.empty())
                 more = "/contacts/" + std::to_string(id) + "/subjects/" + std::to_string(subject) +
                        "/access?before=" + std::to_string(h->entries.back().seq);
               Layout layout;
               layout.title = "Who has seen the record – " + contact_reference(id);
               layout.session = &*session;
               layout.nav = "queue";
               layout.back_href = research_href(id);
               send_html(res, 200,
                         render_page("subject_access",
                                     mstch::map{{"reference", contact_reference(id)},
                                                {"name", name},
                                                {"person", h->person_id != 0},
                                                {"contacts", std::to_string(h->contacts.size())},
                                                {"total", std::to_string(h->total)},
                                                {"rows", rows},
                                                {"more", more}},
                                     layout));
             });
}

}  // namespace mash::web
