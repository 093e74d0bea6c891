// An agency's information requests (issue 5): its queue, a request with the form to answer it
// (saved part-way or sent), and withholding passages of an answer. The hub decides who sees what;
// these handlers only show and translate.
#include <spdlog/spdlog.h>

#include "domain/london_time.h"
#include "web/research_view.h"
#include "web/routes.h"
#include "web/session.h"

namespace mash::web {

namespace {

constexpr size_t kBlankRisks = 2;
constexpr size_t kBlankEntries = 3;

std::string request_href(int64_t id) { return "/requests/" + std::to_string(id); }

std::string person_line(const Person& p) {
  std::string out = p.given_name;
  std::string family = p.family_name;
  for (char& ch : family) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (!family.empty()) out += (out.empty() ? "" : " ") + family;
  return out.empty() ? std::string("(name not known)") : out;
}

mstch::map row(const std::string& key, std::vector<std::string> lines) {
  mstch::array out;
  for (auto& l : lines)
    if (!l.empty()) out.push_back(std::move(l));
  if (out.empty()) out.push_back(std::string("Not known"));
  return mstch::map{{"key", key}, {"lines", out}};
}

mstch::array subject_views(const app::InformationRequest& r) {
  mstch::array out;
  for (const app::RequestSubject& s : r.subjects) {
    const Person& p = s.person;
    std::string dob;
    if (p.date_of_birth)
      dob = to_iso(*p.date_of_birth) + (p.dob_kind == DobKind::estimated  ? " (estimated)"
                                        : p.dob_kind == DobKind::expected ? " (expected)"
                                                                          : "");
    mstch::array rows = {
        row("Date of birth", {dob}),
        row("Sex", {std::string(label_of(p.sex))}),
        row("Address", {p.address.line1, p.address.line2, p.address.town, p.address.postcode}),
    };
    if (!p.other_names.empty()) rows.push_back(row("Other names", {p.other_names}));
    if (!p.nhs_number.empty()) rows.push_back(row("NHS number", {p.nhs_number}));
    if (!p.upn.empty()) rows.push_back(row("Unique pupil number", {p.upn}));
    out.push_back(mstch::map{
        {"name", person_line(p)}, {"role", std::string(label_of(s.role))}, {"rows", rows}});
  }
  return out;
}

// --- the answer form ------------------------------------------------------------------------

// The form's rows: what was saved or posted, a summary first, and blank rows to add to.
std::vector<app::ResponseDraft::Item> rows_of(std::vector<app::ResponseDraft::Item> items,
                                              size_t more) {
  const bool has_summary =
      std::any_of(items.begin(), items.end(), [](const auto& i) { return i.kind == "summary"; });
  if (!has_summary) items.insert(items.begin(), {"summary", "", "", "", "", "", "", ""});
  size_t risks = 0, entries = 0;
  for (const auto& i : items) {
    const bool blank =
        i.text.empty() && i.indicator.empty() && i.occurred_on.empty() && i.source_system.empty();
    if (i.kind == "risk" && blank) ++risks;
    if (i.kind == "chronology" && blank) ++entries;
  }
  for (size_t n = risks; n < kBlankRisks + more; ++n)
    items.push_back({"risk", "", "", "", "", "", "", ""});
  for (size_t n = entries; n < kBlankEntries + more; ++n)
    items.push_back({"chronology", "", "", "", "", "", "", ""});
  return items;
}

std::vector<app::ResponseDraft::Item> saved_items(const app::InformationRequest& r) {
  std::vector<app::ResponseDraft::Item> out;
  for (const app::ResponseItem& i : r.items)
    out.push_back({std::string(code_of(i.kind)), i.subject_id ? std::to_string(i.subject_id) : "",
                   i.indicator, i.occurred_on, i.source_system, i.text,
                   i.sensitivity == Sensitivity::none ? "" : std::string(code_of(i.sensitivity)),
                   i.handling_code});
  return out;
}

app::ResponseDraft draft_from(const Form& form, const app::InformationRequest& r) {
  app::ResponseDraft d;
  for (const auto& s : r.subjects) {
    const std::string known = form_value(form, "known-" + std::to_string(s.subject_id));
    d.known[s.subject_id] = known;
  }
  size_t count = 0;
  try {
    count = std::min<size_t>(std::stoul(form_value(form, "item-count")), 600);
  } catch (...) {
    count = 0;
  }
  for (size_t i = 0; i < count; ++i) {
    const std::string p = "item-" + std::to_string(i) + "-";
    d.items.push_back({form_value(form, p + "kind"), form_value(form, p + "subject"),
                       form_value(form, p + "indicator"), form_value(form, p + "date"),
                       form_value(form, p + "system"), form_value(form, p + "text"),
                       form_value(form, p + "sensitivity"), form_value(form, p + "handling")});
  }
  return d;
}

// The answer as the hub is given it: a row of the form left empty is nothing to keep, though the
// form posts its kind (the rows keep their places, so errors still point at theirs).
app::ResponseDraft without_empty_rows(app::ResponseDraft d) {
  for (auto& i : d.items)
    if (i.subject_id.empty() && i.indicator.empty() && i.occurred_on.empty() &&
        i.source_system.empty() && i.text.find_first_not_of(" \t\r\n") == std::string::npos &&
        i.sensitivity.empty() && i.handling_code.empty())
      i.kind.clear();
  return d;
}

// "items[3].occurred_on" -> "item-3-date"; "known.12" -> "known-12".
std::string field_id(const std::string& field, size_t first_item) {
  if (field.rfind("known.", 0) == 0) return "known-" + field.substr(6);
  if (field == "items") return "item-" + std::to_string(first_item) + "-text";
  if (field.rfind("items[", 0) == 0) {
    const size_t close = field.find(']');
    const std::string index = field.substr(6, close - 6);
    std::string part = close + 2 < field.size() ? field.substr(close + 2) : "text";
    if (part == "occurred_on") part = "date";
    if (part == "source_system") part = "system";
    if (part == "handling_code") part = "handling";
    if (part == "subject_id") part = "subject";
    if (part == "kind") part = "text";
    return "item-" + index + "-" + part;
  }
  return field;
}

mstch::map answer_form(const app::InformationRequest& r, const std::string& csrf,
                       const std::vector<app::ResponseDraft::Item>& rows,
                       const std::map<int64_t, std::string>& known,
                       const std::map<std::string, std::string>& errors) {
  auto error_of = [&](const std::string& id) {
    auto it = errors.find(id);
    return it == errors.end() ? std::string{} : it->second;
  };
  mstch::array known_fields;
  for (const auto& s : r.subjects) {
    Field f;
    f.id = "known-" + std::to_string(s.subject_id);
    f.label = "Does your agency know " + person_line(s.person) + "?";
    auto it = known.find(s.subject_id);
    f.value = it == known.end() ? std::string(code_of(s.known)) : it->second;
    f.error = error_of(f.id);
    known_fields.push_back(radios_field(
        f, {{"known", "Known to us", ""}, {"not_known", "Not known to us", ""}}, true));
  }
  std::vector<Choice> marks;
  for (Sensitivity s : all_sensitivities())
    marks.push_back(
        {s == Sensitivity::none ? "" : std::string(code_of(s)), std::string(label_of(s)), ""});
  std::vector<Choice> subjects = {{"", "The household, or nobody in particular", ""}};
  for (const auto& s : r.subjects)
    subjects.push_back({std::to_string(s.subject_id), person_line(s.person), ""});
  std::vector<Choice> indicators = {{"", "Choose an indicator", ""}};
  for (const RiskIndicator& ri : risk_indicators())
    indicators.push_back({std::string(ri.code), std::string(ri.label), ""});

  mstch::map summary;
  mstch::array risks, entries;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& item = rows[i];
    const std::string p = "item-" + std::to_string(i) + "-";
    auto field = [&](const std::string& part, const std::string& label, const std::string& value) {
      Field f;
      f.id = p + part;
      f.label = label;
      f.value = value;
      f.error = error_of(f.id);
      return f;
    };
    Field text = field("text",
                       item.kind == "summary" ? "What your agency knows"
                       : item.kind == "risk"  ? "What lies behind it (optional)"
                                              : "What happened",
                       item.text);
    if (item.kind == "summary")
      text.hint =
          "Enough for the hub to decide. Mark anything sensitive below, or withhold a "
          "passage once the answer is sent.";
    Field mark = field("sensitivity", "Sensitivity", item.sensitivity);
    Field handling =
        field("handling", "Handling code (police intelligence only)", item.handling_code);
    handling.hint = "P: lawful sharing permitted. C: lawful sharing permitted with conditions.";
    handling.classes = "govuk-input--width-2";
    handling.autocomplete = "off";
    mstch::map view{{"index", std::to_string(i)},
                    {"text", textarea_field(text, item.kind == "summary" ? 6 : 3)},
                    {"sensitivity", select_field(mark, marks)},
                    {"handling", input_field(handling)}};
    if (item.kind == "summary") {
      summary = view;
    } else if (item.kind == "risk") {
      view["number"] = std::to_string(risks.size() + 1);
      view["indicator"] = select_field(field("indicator", "Indicator", item.indicator), indicators);
      view["subject"] = select_field(field("subject", "About", item.subject_id), subjects);
      risks.push_back(view);
    } else {
      view["number"] = std::to_string(entries.size() + 1);
      Field date = field("date", "Date", item.occurred_on);
      date.hint = "For example, 2026-03-27";
      date.classes = "govuk-input--width-10";
      date.autocomplete = "off";
      Field system = field("system", "Held in", item.source_system);
      system.hint = "Your agency's system, for example SystmOne or Niche";
      system.classes = "govuk-input--width-20";
      view["date"] = input_field(date);
      view["system"] = input_field(system);
      view["subject"] = select_field(field("subject", "About", item.subject_id), subjects);
      entries.push_back(view);
    }
  }
  return mstch::map{{"action", request_href(r.id) + "/response"},
                    {"csrf", csrf},
                    {"item_count", std::to_string(rows.size())},
                    {"known_fields", known_fields},
                    {"summary", summary},
                    {"risks", risks},
                    {"entries", entries}};
}

struct AnswerState {
  std::vector<app::ResponseDraft::Item> rows;
  std::map<int64_t, std::string> known;
  std::vector<FieldError> errors;
  std::string banner;
  const std::vector<FieldError>* redaction_errors = nullptr;
  const Form* redaction_form = nullptr;
};

void show_request(Site& site, const app::Session& session, const app::InformationRequest& r,
                  const AnswerState& state, httplib::Response& res, int status) {
  const auto agencies = site.hub.agencies();
  const bool editing = r.status != RequestStatus::answered && session.user.agency == r.agency &&
                       site.hub.may(session.actor(), policy::Action::request_respond);
  Layout layout;
  layout.title = "Information request " + request_reference(r.id);
  layout.session = &session;
  layout.nav = "requests";
  layout.back_href = "/requests";
  std::map<std::string, std::string> by_id;
  size_t first_item = 0;
  for (const FieldError& e : state.errors) {
    const std::string id = field_id(e.field, first_item);
    if (!by_id.count(id)) layout.errors.push_back({"#" + id, e.message});
    by_id.emplace(id, e.message);
  }
  if (state.redaction_errors)
    for (const FieldError& e : *state.redaction_errors) {
      const std::string id = e.field == "item_id"                  ? "redact-item"
                             : e.field.rfind("recipients", 0) == 0 ? "redact-recipients"
                                                                   : "redact-" + e.field;
      layout.errors.push_back({"#" + id, e.message});
    }
  mstch::map data{
      {"banner", state.banner},
      {"agency", r.agency_name},
      {"reference", request_reference(r.id)},
      {"status", request_status_words(r)},
      {"tag_class", std::string(request_tag_class(r))},
      {"due", format_london(r.due_at)},
      {"overdue", r.overdue && r.status != RequestStatus::answered},
      {"requested_by", r.requested_by},
      {"requested_at", format_london(r.requested_at)},
      {"question", r.question},
      {"narrative", r.narrative},
      {"narrative_reason", r.narrative_reason},
      {"answered_by", r.answered_by},
      {"answered_at", r.answered_at ? format_london(*r.answered_at) : std::string{}},
      {"subjects", subject_views(r)},
      {"editing", editing},
      {"messages_href", "/requests/" + std::to_string(r.id) + "/messages"},
      {"unread",
       [&] {
         const auto unread = app::Research(site.hub).unread_messages(session.actor(), {r.id});
         return unread.empty() ? std::string{} : std::to_string(unread.begin()->second);
       }()},
  };
  if (editing) {
    data["csrf"] = session.csrf_token;
    mstch::map form = answer_form(r, session.csrf_token, state.rows, state.known, by_id);
    for (auto& [k, v] : form) data[k] = v;
  } else {
    data["has_items"] = !r.items.empty();
    mstch::map items = items_view(r, agencies);
    for (auto& [k, v] : items) data[k] = v;
    const bool may_redact =
        r.status == RequestStatus::answered && session.user.agency == r.agency && !r.items.empty();
    data["redaction"] =
        may_redact
            ? mstch::node(redaction_form_view(r, agencies, session.csrf_token, request_href(r.id),
                                              state.redaction_errors, state.redaction_form))
            : mstch::node(false);
  }
  send_html(res, status, render_page("request_answer", data, layout));
}

void show_queue(Site& site, const app::Session& session, const httplib::Request& req,
                httplib::Response& res) {
  const bool answered = req.get_param_value("answered") == "1";
  app::Research research(site.hub);
  auto queue = research.queue(session.actor(), answered);
  if (!queue.ok()) return send_error_page(res, queue.error(), &session);
  mstch::array rows;
  for (const app::InformationRequest& r : *queue)
    rows.push_back(mstch::map{{"href", request_href(r.id)},
                              {"reference", request_reference(r.id)},
                              {"subjects", subject_names(r)},
                              {"due", format_london(r.due_at)},
                              {"status", request_status_words(r)},
                              {"tag_class", std::string(request_tag_class(r))},
                              {"chased", r.chased && r.status != RequestStatus::answered}});
  std::string agency = session.user.agency;
  for (const Agency& a : site.hub.agencies())
    if (a.code == agency) agency = a.name;
  const size_t n = queue->size();
  Layout layout;
  layout.title = "Information requests";
  layout.session = &session;
  layout.nav = "requests";
  send_html(res, 200,
            render_page(
                "requests_queue",
                mstch::map{{"agency", agency},
                           {"answered", answered},
                           {"has_requests", n > 0},
                           {"count_words", std::to_string(n) + (n == 1 ? " request" : " requests")},
                           {"requests", rows}},
                layout));
}

// The session and form of a POST to /requests/{id}/…, the CSRF token checked; otherwise answered.
struct RequestPost {
  app::Session session;
  Form form;
  int64_t request_id = 0;
};
std::optional<RequestPost> read_request_post(Site& site, const httplib::Request& req,
                                             httplib::Response& res) {
  auto session = require_session(site, req, res);
  if (!session) return std::nullopt;
  Form form = parse_form(req.body);
  if (!check_csrf(*session, form, res)) return std::nullopt;
  const int64_t id = parse_id(req.matches[1]);
  if (id <= 0) {
    send_html(res, 404, status_page(404, &*session));
    return std::nullopt;
  }
  return RequestPost{std::move(*session), std::move(form), id};
}

}  // namespace

void add_request_routes(Routes& routes) {
  routes.get(RouteKind::page, "/requests",
             "The information requests to the user's agency, the soonest due first",
             [](Site& site, const httplib::Request& req, httplib::Response& res) {
               auto session = require_session(site, req, res);
               if (session) show_queue(site, *session, req, res);
             });

  routes.get(RouteKind::page, "/requests/{id}",
             "An information request: who to search for, the question, and the form to answer it",
             [](Site& site, const httplib::Request& req, httplib::Response& res) {
               auto session = require_session(site, req, res);
               if (!session) return;
               const int64_t id = parse_id(req.matches[1]);
               if (id <= 0) return send_html(res, 404, status_page(404, &*session));
               app::Research research(site.hub);
               auto r = research.request(session->actor(), id);
               if (!r.ok()) return send_error_page(res, r.error(), &*session);
               AnswerState state;
               state.rows = rows_of(saved_items(*r), 0);
               const std::string done = req.get_param_value("done");
               if (done == "saved")
                 state.banner = "Answer saved. It is not sent until you send it.";
               if (done == "sent") state.banner = "Answer sent to the MASH.";
               if (done == "redacted") state.banner = "Passage withheld.";
               show_request(site, *session, *r, state, res, 200);
             });

  routes.post(RouteKind::page, "/requests/{id}/response",
              "Answers an information request: saved part-way, or sent",
              [](Site& site, const httplib::Request& req, httplib::Response& res) {
                auto post = read_request_post(site, req, res);
                if (!post) return;
                app::Research research(site.hub);
                auto current = research.request(post->session.actor(), post->request_id);
                if (!current.ok()) return send_error_page(res, current.error(), &post->session);
                app::ResponseDraft draft = draft_from(post->form, *current);
                const std::string send = form_value(post->form, "send");
                draft.send = send == "1";
                auto saved = research.respond(post->session.actor(), post->request_id,
                                              without_empty_rows(draft));
                if (saved.ok() && send != "more")
                  return redirect(res, request_href(post->request_id) +
                                           (draft.send ? "?done=sent" : "?done=saved"));
                AnswerState state;
                state.known = draft.known;
                if (saved.ok()) {
                  state.rows = rows_of(draft.items, 2);
                  state.banner = "Answer saved. More rows added below.";
                  return show_request(site, post->session, *saved, state, res, 200);
                }
                if (saved.error().kind != Error::Kind::invalid)
                  return send_error_page(res, saved.error(), &post->session);
                // Keep what was typed, in place (the rows keep their indexes, so errors point at
                // them).
                state.rows = draft.items;
                state.errors = saved.error().fields;
                show_request(site, post->session, *current, state, res, 422);
              });

  routes.post(RouteKind::page, "/requests/{id}/redactions",
              "Withholds a passage of an answer from named agencies",
              [](Site& site, const httplib::Request& req, httplib::Response& res) {
                auto post = read_request_post(site, req, res);
                if (!post) return;
                app::Research research(site.hub);
                const app::RedactionDraft draft = redaction_from(post->form);
                auto done = research.redact(post->session.actor(), post->request_id, draft);
                std::string next = form_value(post->form, "next");
                if (!is_local_path(next)) next = request_href(post->request_id);
                if (done.ok())
                  return redirect(res, next + (next.find('?') == std::string::npos ? "?" : "&") +
                                           "done=redacted");
                if (done.error().kind != Error::Kind::invalid)
                  return send_error_page(res, done.error(), &post->session);
                // Show the form again with its problems where it was posted from: the request page
                // for the agency that answered, the contact's research page for a decision maker.
                if (next.rfind("/contacts/", 0) == 0) {
                  const int64_t contact_id = parse_id(next.substr(10, next.find('/', 10) - 10));
                  if (contact_id > 0)
                    return show_research(
                        site, post->session, contact_id,
                        {"redaction", &post->form, &done.error().fields, post->request_id, ""},
                        res);
                }
                auto current = research.request(post->session.actor(), post->request_id);
                if (!current.ok()) return send_error_page(res, current.error(), &post->session);
                AnswerState state;
                state.redaction_errors = &done.error().fields;
                state.redaction_form = &post->form;
                show_request(site, post->session, *current, state, res, 422);
              });
}

}  // namespace mash::web
