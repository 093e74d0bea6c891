// A subject's or a household's chronology (issue 5): the page, filtered by agency and type, and
// its export as a CSV file, each agency's answer in it recorded as a disclosure. The hub decides
// what the reader may see; these handlers only show and translate.
#include "web/contact_matches.h"
#include "web/research_view.h"
#include "web/routes.h"
#include "web/session.h"

namespace mash::web {

namespace {

// What the page or the export was asked for.
struct Query {
  int64_t subject = 0;  // 0: the household
  app::ChronologyFilter filter;
};

// An export refused for its purpose: the page again, with what was typed.
struct ExportProblem {
  std::string typed;
  std::string message;
};

std::string export_href(int64_t contact_id) {
  return "/contacts/" + std::to_string(contact_id) + "/chronology/export";
}

// A parameter's value: the query string's for the page, the form's for the export.
template <class Value>
Query query_of(Value value) {
  Query q;
  q.subject = std::max<int64_t>(0, parse_id(value("subject")));
  q.filter.household = q.subject == 0;
  q.filter.agency = value("agency");
  q.filter.type = value("type");
  q.filter.words = value("words");
  return q;
}

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. A field a
// spreadsheet would take for a formula (=, +, -, @, a tab or a carriage return first) is
// prefixed with an apostrophe, so that opening the file runs nothing.
std::string csv_field(const std::string& value) {
  std::string v = value;
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos)
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

const char* chronology_type_label(const std::string& type) {
  if (type == "contact") return "Contact";
  if (type == "decision") return "Decision";
  if (type == "link") return "Person matching";
  if (type == "agency") return "Agency record";
  return "Entry";
}

void show_chronology(Site& site, const app::Session& session, const Query& q, int64_t contact_id,
                     const ExportProblem* problem, httplib::Response& res) {
  const app::ChronologyFilter& filter = q.filter;
  const int64_t subject = q.subject;
  app::Research research(site.hub);
  auto chron = research.chronology(session.actor(), contact_id, subject, filter);
  // Words that cannot be searched for: the page again, unsearched, saying why.
  std::string words_error;
  if (!chron.ok() && chron.error().kind == Error::Kind::invalid && !chron.error().fields.empty() &&
      chron.error().fields.front().field == "words") {
    words_error = chron.error().fields.front().message;
    app::ChronologyFilter unsearched = filter;
    unsearched.words.clear();
    chron = research.chronology(session.actor(), contact_id, subject, unsearched);
  }
  if (!chron.ok()) return send_error_page(res, chron.error(), &session);
  const auto agencies = site.hub.agencies();
  auto name = [&](const std::string& code) {
    if (code == "mash") return std::string("MASH");
    for (const Agency& a : agencies)
      if (a.code == code) return a.name;
    return code;
  };
  const std::string whom =
      subject > 0 && !chron->subject_name.empty() ? chron->subject_name : "the household";
  mstch::array rows;
  for (const app::ChronologyEntry& e : chron->entries)
    rows.push_back(mstch::map{{"date", e.date},
                              {"type", std::string(chronology_type_label(e.type))},
                              {"agency", name(e.agency)},
                              {"source", e.source},
                              {"text", e.text},
                              {"withheld", e.withheld}});
  std::vector<Choice> agency_choices = {{"", "All agencies", ""}};
  for (const std::string& a : chron->agencies) agency_choices.push_back({a, name(a), ""});
  Field agency;
  agency.id = "agency";
  agency.label = "Agency";
  agency.value = filter.agency;
  Field words;
  words.id = "words";
  words.label = "Containing the words";
  words.hint = "Searches what you can see of each entry: withheld passages are not searched.";
  words.value = filter.words;
  words.error = words_error;
  words.autocomplete = "off";
  Field type;
  type.id = "type";
  type.label = "Type";
  type.value = filter.type;
  const std::vector<Choice> types = {{"", "All types", ""},
                                     {"contact", "Contacts", ""},
                                     {"decision", "Decisions", ""},
                                     {"link", "Person matching", ""},
                                     {"agency", "Agency records", ""}};
  const size_t n = chron->entries.size();
  const size_t c = chron->contacts.size();
  Layout layout;
  layout.title = (subject > 0 ? "Chronology" : "Household chronology") + std::string(" – ") +
                 contact_reference(contact_id);
  layout.session = &session;
  layout.nav = "queue";
  layout.back_href = research_href(contact_id);
  if (!words_error.empty()) layout.errors.push_back({"#words", words_error});
  // Taking it away: not under break-glass (read on screen only), and with what it is for.
  bool glass = false;
  mstch::node banner = break_glass_banner(site, session, contact_id, &glass);
  mstch::node export_form = false;
  if (!glass) {
    Field purpose;
    purpose.id = "purpose";
    purpose.label = "What is the export for?";
    purpose.hint =
        "For example, strategy discussion on 8 December. Do not name the people in it. Each "
        "agency's answer it carries is recorded as a disclosure to you, with this purpose.";
    if (problem) {
      purpose.value = problem->typed;
      purpose.error = problem->message;
      layout.errors.push_back({"#purpose", problem->message});
    }
    export_form = mstch::map{{"action", export_href(contact_id)},
                             {"csrf", session.csrf_token},
                             {"subject", subject > 0 ? std::to_string(subject) : std::string{}},
                             {"agency", filter.agency},
                             {"type", filter.type},
                             {"words", words_error.empty() ? filter.words : std::string{}},
                             {"purpose", input_field(purpose)}};
  }
  send_html(
      res,
      problem                ? 422
      : !words_error.empty() ? 400
                             : 200,
      render_page("chronology",
                  mstch::map{{"reference", contact_reference(contact_id)},
                             {"break_glass", banner},
                             {"export", export_form},
                             {"title", subject > 0 ? "Chronology of " + whom
                                                   : std::string("Household chronology")},
                             {"whom", whom},
                             {"contacts", std::to_string(c) + (c == 1 ? " contact" : " contacts")},
                             {"total_words", std::to_string(chron->total) + " entries in all."},
                             {"action", "/contacts/" + std::to_string(contact_id) + "/chronology"},
                             {"subject", subject > 0 ? std::to_string(subject) : std::string{}},
                             {"agency", select_field(agency, agency_choices)},
                             {"type", select_field(type, types)},
                             {"words", input_field(words)},
                             {"searched", !filter.words.empty() && words_error.empty()},
                             {"has_entries", n > 0},
                             {"count_words", std::to_string(n) + (n == 1 ? " entry" : " entries")},
                             {"entries", rows}},
                  layout));
}

// The chronology as CSV: one row an entry, newest first, withheld entries as their markers.
std::string chronology_csv(const app::Chronology& chron, const std::vector<Agency>& agencies) {
  auto name = [&](const std::string& code) {
    if (code == "mash") return std::string("MASH");
    for (const Agency& a : agencies)
      if (a.code == code) return a.name;
    return code;
  };
  // A byte-order mark, so that spreadsheets read the file as UTF-8.
  std::string out = "\xEF\xBB\xBF";
  out += "Date,Type,Agency,Source,Entry,Contact\r\n";
  for (const app::ChronologyEntry& e : chron.entries) {
    const std::string row[] = {e.date, chronology_type_label(e.type),  name(e.agency), e.source,
                               e.text, contact_reference(e.contact_id)};
    for (size_t i = 0; i < std::size(row); ++i) out += (i ? "," : "") + csv_field(row[i]);
    out += "\r\n";
  }
  return out;
}

}  // namespace

void add_chronology_routes(Routes& routes) {
  routes.get(RouteKind::page, "/contacts/{id}/chronology",
             "A subject's (?subject=) or the household's chronology across their contacts",
             [](Site& site, const httplib::Request& req, httplib::Response& res) {
               auto session = require_session(site, req, res);
               if (!session) return;
               const int64_t id = parse_id(req.matches[1]);
               if (id <= 0) return send_html(res, 404, status_page(404, &*session));
               const Query q = query_of([&](const char* k) { return req.get_param_value(k); });
               show_chronology(site, *session, q, id, nullptr, res);
             });
  routes.post(
      RouteKind::page, "/contacts/{id}/chronology/export",
      "The chronology as a CSV file, with what it is for; each agency's answer in it is "
      "recorded as a disclosure",
      [](Site& site, const httplib::Request& req, httplib::Response& res) {
        auto post = read_contact_post(site, req, res);
        if (!post) return;
        const Query q = query_of([&](const char* k) { return form_value(post->form, k); });
        const std::string purpose = form_value(post->form, "purpose");
        auto chron = app::Research(site.hub).export_chronology(
            post->session.actor(), post->contact_id, q.subject, q.filter, purpose);
        if (!chron.ok()) {
          if (chron.error().kind != Error::Kind::invalid || chron.error().fields.empty() ||
              chron.error().fields.front().field != "purpose")
            return send_error_page(res, chron.error(), &post->session);
          const ExportProblem problem{purpose, chron.error().fields.front().message};
          return show_chronology(site, post->session, q, post->contact_id, &problem, res);
        }
        const std::string file =
            "chronology-" + contact_reference(post->contact_id) +
            (q.subject > 0 ? "-subject-" + std::to_string(q.subject) : "-household") + ".csv";
        res.status = 200;
        res.set_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        res.set_content(chronology_csv(*chron, site.hub.agencies()), "text/csv; charset=utf-8");
      });
}

}  // namespace mash::web
