// Person matching on the contact page (issue 3): the matches each subject may be, the workers'
// decisions about them, and the forms that confirm, reject and undo those decisions. The hub
// decides everything; these handlers only translate forms into its use cases.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "domain/agency.h"
#include "domain/london_time.h"
#include "web/contact_matches.h"

namespace mash::web {

namespace {

std::string agency_name(const std::vector<Agency>& agencies, const std::string& code) {
  for (const auto& a : agencies)
    if (a.code == code) return a.name;
  return code;
}

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string name_of(const app::HeldRecord& r) {
  std::string name = r.given_name;
  if (!r.family_name.empty()) name += (name.empty() ? "" : " ") + upper(r.family_name);
  return name.empty() ? "(name not known)" : name;
}

// "Health, record NHS-12" or "Contact C-000012 from Police".
std::string holder_of(const app::HeldRecord& r, const std::vector<Agency>& agencies) {
  if (r.contact_id)
    return "Contact " + contact_reference(r.contact_id) + " from " +
           agency_name(agencies, r.agency);
  return agency_name(agencies, r.agency) + ", record " + r.source_id;
}

// Rounded down, so that a probability below 1 never shows as 100%.
std::string percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", std::floor(p * 1000) / 10);
  return buf;
}

std::string person_reference(int64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "P-%06lld", static_cast<long long>(id));
  return buf;
}

// The id of a candidate's reason field: letters, digits and '-' only.
std::string reason_id(int64_t subject_id, const std::string& key) {
  std::string id = "reason-" + std::to_string(subject_id) + "-" + key;
  std::replace(id.begin(), id.end(), ':', '-');
  return id;
}

mstch::map candidate_view(const Contact& contact, int64_t subject_id, const app::MatchCandidate& c,
                          const std::vector<Agency>& agencies, const std::string& csrf,
                          const LinkFormError* error) {
  mstch::array explanation;
  for (const auto& line : c.explanation) explanation.push_back(line);
  const std::string id = reason_id(subject_id, c.record.key);
  const bool at_fault = error && error->form_id == id;
  const std::string holder = holder_of(c.record, agencies);
  return mstch::map{
      {"holder", holder},
      {"name", name_of(c.record)},
      {"dob", c.record.date_of_birth ? format_date(*c.record.date_of_birth) : "Not recorded"},
      {"probability", percent(c.match_probability)},
      {"explanation", explanation},
      {"action", "/contacts/" + std::to_string(contact.id) + "/links"},
      {"csrf", csrf},
      {"subject_id", std::to_string(subject_id)},
      {"record_key", c.record.key},
      {"reason_id", id},
      {"reason", at_fault ? error->reason : std::string{}},
      {"error", at_fault ? error->message : std::string{}},
      {"hidden", " " + holder},
  };
}

const char* status_label(app::LinkStatus s, app::LinkStatus decision) {
  if (s == app::LinkStatus::confirmed) return "Confirmed";
  if (s == app::LinkStatus::rejected) return "Rejected";
  return decision == app::LinkStatus::confirmed ? "Confirmation undone" : "Rejection undone";
}

mstch::map link_view(const Contact& contact, const app::PersonLink& l,
                     const std::vector<Agency>& agencies, const std::string& csrf,
                     const LinkFormError* error) {
  const std::string id = "undo-reason-" + std::to_string(l.id);
  const bool at_fault = error && error->form_id == id;
  const bool undone = l.status == app::LinkStatus::undone;
  return mstch::map{
      {"status", std::string(status_label(l.status, l.decision))},
      {"tag_class", std::string(undone                                   ? "govuk-tag--grey"
                                : l.status == app::LinkStatus::confirmed ? "govuk-tag--green"
                                                                         : "govuk-tag--red")},
      {"record", holder_of(l.record, agencies) + ": " + name_of(l.record) +
                     (l.record.date_of_birth ? ", born " + format_date(*l.record.date_of_birth)
                                             : std::string{})},
      {"decided", (l.decision == app::LinkStatus::confirmed ? "Confirmed by " : "Rejected by ") +
                      l.decided_by + " on " + format_london(l.decided_at)},
      {"reason", l.reason},
      {"undone", undone},
      {"undone_text",
       undone ? "Undone by " + l.undone_by + " on " + format_london(l.undone_at) : std::string{}},
      {"undo_reason", l.undo_reason},
      {"can_undo", !undone},
      {"undo_action",
       "/contacts/" + std::to_string(contact.id) + "/links/" + std::to_string(l.id) + "/undo"},
      {"csrf", csrf},
      {"reason_id", id},
      {"typed", at_fault ? error->reason : std::string{}},
      {"error", at_fault ? error->message : std::string{}},
  };
}

}  // namespace

mstch::array subject_matches_view(const Contact& contact, const app::ContactMatches& matches,
                                  const std::vector<Agency>& agencies, const std::string& csrf,
                                  const LinkFormError* error) {
  mstch::array out;
  for (const app::SubjectMatches& sm : matches.subjects) {
    mstch::array likely, possible, links;
    for (const auto& c : sm.likely)
      likely.push_back(candidate_view(contact, sm.subject_id, c, agencies, csrf, error));
    for (const auto& c : sm.possible)
      possible.push_back(candidate_view(contact, sm.subject_id, c, agencies, csrf, error));
    for (const auto& l : sm.links) links.push_back(link_view(contact, l, agencies, csrf, error));
    mstch::map known{{"has", false}};
    if (sm.known_to) {
      std::vector<std::string> names;
      for (const auto& code : sm.known_to->agencies) names.push_back(agency_name(agencies, code));
      std::string agencies_text;
      for (const auto& n : names) agencies_text += (agencies_text.empty() ? "" : ", ") + n;
      mstch::array repeats;
      for (int64_t id : sm.known_to->repeat_contacts)
        repeats.push_back(mstch::map{{"reference", contact_reference(id)},
                                     {"href", "/contacts/" + std::to_string(id)}});
      const size_t n = sm.known_to->repeat_contacts.size();
      known = mstch::map{
          {"has", true},
          {"person", person_reference(sm.known_to->person_id)},
          {"agencies", agencies_text.empty() ? std::string("No agency's records are linked yet")
                                             : agencies_text},
          {"repeat_count", std::to_string(n)},
          {"repeat_text", n == 0   ? std::string("No other contacts in the last 12 months")
                          : n == 1 ? std::string("1 other contact in the last 12 months:")
                                   : std::to_string(n) + " other contacts in the last 12 months:"},
          {"repeats", repeats},
      };
    }
    out.push_back(mstch::map{
        {"available", matches.available},
        {"unavailable", matches.unavailable},
        {"likely", likely},
        {"has_likely", !likely.empty()},
        {"possible", possible},
        {"has_possible", !possible.empty()},
        {"no_matches", matches.available && likely.empty() && possible.empty()},
        {"links", links},
        {"has_links", !links.empty()},
        {"known", known},
    });
  }
  return out;
}

namespace {

// Answers a failed decision: invalid or conflicting ones on the contact page at the form,
// anything else as an error page.
void answer_failure(Site& site, const app::Session& session, int64_t contact_id,
                    const std::string& form_id, const std::string& reason, const Error& e,
                    httplib::Response& res) {
  if (e.kind != Error::Kind::invalid && e.kind != Error::Kind::conflict)
    return send_error_page(res, e, &session);
  std::string message = e.message;
  for (const auto& f : e.fields)
    if (f.field == "reason" || f.field == "record") message = f.message;
  const LinkFormError error{form_id, message, reason};
  show_contact_page(site, session, contact_id, res, "", &error);
  res.status = e.kind == Error::Kind::invalid ? 422 : 409;
}

}  // namespace

void add_match_routes(httplib::Server& server, Site& site) {
  server.Post(R"(/contacts/(\d{1,18})/links)", [&site](const httplib::Request& req,
                                                       httplib::Response& res) {
    set_route("/contacts/{id}/links");
    auto session = require_session(site, req, res);
    if (!session) return;
    const Form form = parse_form(req.body);
    if (!check_csrf(*session, form, res)) return;
    const int64_t id = parse_id(req.matches[1]);
    const int64_t subject = parse_id(form_value(form, "subject"));
    const std::string record = clean_text(form_value(form, "record"));
    const std::string decision = form_value(form, "decision");
    const std::string reason = clean_text(form_value(form, "reason"));
    if (id <= 0 || subject <= 0 || (decision != "confirm" && decision != "reject"))
      return send_html(res, 400, status_page(400, &*session));
    auto done = decision == "confirm"
                    ? site.hub.confirm_link(session->actor(), id, subject, record, reason)
                    : site.hub.reject_link(session->actor(), id, subject, record, reason);
    if (!done.ok())
      return answer_failure(site, *session, id, reason_id(subject, record), reason, done.error(),
                            res);
    redirect(res, "/contacts/" + std::to_string(id) +
                      "?link=" + (decision == "confirm" ? "confirmed" : "rejected"));
  });
  server.Post(R"(/contacts/(\d{1,18})/links/(\d{1,18})/undo)",
              [&site](const httplib::Request& req, httplib::Response& res) {
                set_route("/contacts/{id}/links/{link}/undo");
                auto session = require_session(site, req, res);
                if (!session) return;
                const Form form = parse_form(req.body);
                if (!check_csrf(*session, form, res)) return;
                const int64_t id = parse_id(req.matches[1]);
                const int64_t link = parse_id(req.matches[2]);
                const std::string reason = clean_text(form_value(form, "reason"));
                auto done = site.hub.undo_link(session->actor(), id, link, reason);
                if (!done.ok())
                  return answer_failure(site, *session, id, "undo-reason-" + std::to_string(link),
                                        reason, done.error(), res);
                redirect(res, "/contacts/" + std::to_string(id) + "?link=undone");
              });
}

}  // namespace mash::web
