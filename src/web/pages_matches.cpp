// Person matching on the contact page (issue 3): the matches each subject may be, the workers'
// decisions about them, and the forms that confirm, reject and undo those decisions. The hub
// decides everything; these handlers only translate forms into its use cases.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>

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

std::string capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string full_name(const std::string& given, const std::string& family) {
  std::string name = given;
  if (!family.empty()) name += (name.empty() ? "" : " ") + upper(family);
  return name.empty() ? "(name not known)" : name;
}

std::string name_of(const app::HeldRecord& r) {
  return full_name(r.held.given_name, r.held.family_name);
}

// "Health's", "Adult services'".
std::string possessive(const std::string& name) {
  return name + (!name.empty() && name.back() == 's' ? "'" : "'s");
}

// The record in words: "Health's record NHS-12" or "contact C-000012 from Police".
std::string record_label(const app::HeldRecord& r, const std::vector<Agency>& agencies) {
  if (r.contact_id)
    return "contact " + contact_reference(r.contact_id) + " from " +
           agency_name(agencies, r.agency);
  return possessive(agency_name(agencies, r.agency)) + " record " + r.source_id;
}

std::string contact_href(int64_t id) { return "/contacts/" + std::to_string(id); }

// Rounded down to a whole number: never 100% for a probability below 1, and never a "likely"
// percentage that reads as "very likely" (98.6% is 98%).
std::string percent(double p) {
  return std::to_string(static_cast<long>(std::floor(p * 100 + 1e-9))) + "%";
}

// How likely, in words: the hub's group (likely or possible), with the top of "likely" singled
// out, and the rounded percentage.
std::string likelihood(double p, bool likely) {
  const char* words = !likely ? "Possible" : p >= 0.99 ? "Very likely the same person" : "Likely";
  return std::string(words) + " (" + percent(p) + ")";
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

std::string undo_id(int64_t link_id) { return "undo-reason-" + std::to_string(link_id); }

// --- explanations ------------------------------------------------------------------------------
// The hub explains a match field by field: "date of birth: day and month swapped, +3.1" or
// "town: different, 0 (a move: counted once, with the other address details)". Staff see the
// words and which way the field counted, never the weight.

std::string field_label(const std::string& field) {
  if (field == "other identifier" || field == "unique pupil number")
    return "Unique pupil number (UPN)";
  if (field == "email") return "Email address";
  return capitalised(field);
}

mstch::map comparison_view(const std::string& line) {
  static const std::regex parts(R"re(^([^:]+): (.*), ([+-]?[0-9]+(?:\.[0-9]+)?)(?: \((.*)\))?$)re");
  std::smatch m;
  if (!std::regex_match(line, m, parts))
    return mstch::map{{"field", std::string("Also compared")},
                      {"words", line},
                      {"level", std::string("other")},
                      {"counts", std::string{}},
                      {"weight", std::string{}},
                      {"note", std::string{}}};
  const std::string words = m[2].str();
  const double weight = std::stod(m[3].str());
  std::string level = "similar", shown = capitalised(words);
  if (words.rfind("the same", 0) == 0) {
    level = "agrees";
    shown = "The same";
  } else if (words == "different") {
    level = "differs";
    shown = "Different";
  } else if (words.rfind("not known", 0) == 0) {
    level = "not-known";
  }
  const bool folded = m[4].matched;
  std::string counts = folded || weight == 0 ? "Not counted"
                       : weight > 0          ? "Supports a match"
                                             : "Counts against a match";
  return mstch::map{{"field", field_label(m[1].str())},
                    {"words", shown},
                    {"level", level},
                    {"counts", counts},
                    {"weight", m[3].str()},
                    {"note", folded ? m[4].str() : std::string{}}};
}

// --- the record a match or a decision names ----------------------------------------------------

mstch::map detail_row(const std::string& key, const std::string& value) {
  return mstch::map{{"key", key}, {"value", value.empty() ? std::string("Not recorded") : value}};
}

// The record as its holder holds it: what a worker checks before deciding.
mstch::array record_rows(const app::HeldRecord& r, const std::vector<Agency>& agencies) {
  const Person& p = r.held;
  std::string address;
  for (const std::string* part : {&p.address.line1, &p.address.line2, &p.address.town})
    if (!part->empty()) address += (address.empty() ? "" : ", ") + *part;
  mstch::array rows{
      detail_row("Name", name_of(r)),
      detail_row("Date of birth", r.held.date_of_birth ? format_date(*r.held.date_of_birth) : ""),
      detail_row("Sex", p.sex == Sex::not_known ? "" : std::string(label_of(p.sex))),
      detail_row("Address", address),
      detail_row("Postcode", p.address.postcode),
  };
  if (!p.nhs_number.empty()) rows.push_back(detail_row("NHS number", p.nhs_number));
  if (!p.upn.empty()) rows.push_back(detail_row("Unique pupil number (UPN)", p.upn));
  if (!r.contact_id)
    rows.push_back(
        detail_row(possessive(agency_name(agencies, r.agency)) + " record number", r.source_id));
  return rows;
}

// Who holds the record, for the matches table: the agency and its record number, or the
// contact (a link to it).
mstch::map holder_view(const app::HeldRecord& r, const std::vector<Agency>& agencies) {
  const bool contact = r.contact_id != 0;
  return mstch::map{
      {"agency", agency_name(agencies, r.agency)},
      {"is_contact", contact},
      {"reference", contact ? contact_reference(r.contact_id) : r.source_id},
      {"href", contact ? contact_href(r.contact_id) : std::string{}},
  };
}

// --- the page --------------------------------------------------------------------------------

struct PageContext {
  const Contact& contact;
  const std::vector<Agency>& agencies;
  const std::string& csrf;
  const LinkFormError* error;
  std::string error_message;  // the error's message naming its record, once found
};

mstch::map candidate_view(PageContext& page, int64_t subject_id, const std::string& section,
                          const app::MatchCandidate& c, bool likely) {
  mstch::array comparisons;
  for (const auto& line : c.explanation) comparisons.push_back(comparison_view(line));
  const std::string id = reason_id(subject_id, c.record.key);
  const std::string label = record_label(c.record, page.agencies);
  const bool at_fault = page.error && page.error->form_id == id;
  if (at_fault) page.error_message = page.error->message + " (" + label + ")";
  return mstch::map{
      {"holder", holder_view(c.record, page.agencies)},
      {"name", name_of(c.record)},
      {"dob",
       c.record.held.date_of_birth ? format_date(*c.record.held.date_of_birth) : "Not recorded"},
      {"likelihood", likelihood(c.match_probability, likely)},
      {"record_label", label},
      {"record_rows", record_rows(c.record, page.agencies)},
      {"comparisons", comparisons},
      {"action", contact_href(page.contact.id) + "/links"},
      {"csrf", page.csrf},
      {"section", section},
      {"subject_id", std::to_string(subject_id)},
      {"record_key", c.record.key},
      {"reason_id", id},
      {"label", std::string("Reason for your decision")},
      {"hint", std::string("Say what you checked, for example “the NHS number and date of birth "
                           "agree” or “the date of birth is different”.")},
      {"typed", at_fault ? page.error->reason : std::string{}},
      {"error", at_fault ? page.error_message : std::string{}},
      {"open", at_fault},
  };
}

const char* status_label(app::LinkStatus s, app::LinkStatus decision) {
  if (s == app::LinkStatus::confirmed) return "Confirmed";
  if (s == app::LinkStatus::rejected) return "Rejected";
  return decision == app::LinkStatus::confirmed ? "Confirmation undone" : "Rejection undone";
}

mstch::map link_view(PageContext& page, const std::string& section, const app::PersonLink& l) {
  const std::string id = undo_id(l.id);
  const std::string label = record_label(l.record, page.agencies);
  const bool at_fault = page.error && page.error->form_id == id;
  if (at_fault) page.error_message = page.error->message + " (the decision about " + label + ")";
  const bool undone = l.status == app::LinkStatus::undone;
  return mstch::map{
      {"status", std::string(status_label(l.status, l.decision))},
      {"tag_class", std::string(undone                                   ? "govuk-tag--grey"
                                : l.status == app::LinkStatus::confirmed ? "govuk-tag--green"
                                                                         : "govuk-tag--red")},
      {"name", name_of(l.record)},
      {"born", l.record.held.date_of_birth ? "born " + format_date(*l.record.held.date_of_birth)
                                           : std::string("date of birth not recorded")},
      {"record_label", label},
      {"holder", holder_view(l.record, page.agencies)},
      {"decided", (l.decision == app::LinkStatus::confirmed ? "Confirmed by " : "Rejected by ") +
                      l.decided_by + " on " + format_london(l.decided_at)},
      {"reason", l.reason},
      {"undone", undone},
      {"undone_text",
       undone ? "Undone by " + l.undone_by + " on " + format_london(l.undone_at) : std::string{}},
      {"undo_reason", l.undo_reason},
      {"can_undo", !undone},
      {"undo_action", contact_href(page.contact.id) + "/links/" + std::to_string(l.id) + "/undo"},
      {"csrf", page.csrf},
      {"section", section},
      {"reason_id", id},
      {"label", std::string("Why are you undoing this decision?")},
      {"hint", std::string{}},
      {"typed", at_fault ? page.error->reason : std::string{}},
      {"error", at_fault ? page.error_message : std::string{}},
      {"open", at_fault},
  };
}

mstch::map known_view(const app::KnownTo& known, const std::vector<Agency>& agencies) {
  std::string agencies_text;
  for (const auto& code : known.agencies)
    agencies_text += (agencies_text.empty() ? "" : ", ") + agency_name(agencies, code);
  mstch::array repeats;
  for (int64_t id : known.repeat_contacts)
    repeats.push_back(mstch::map{{"reference", contact_reference(id)}, {"href", contact_href(id)}});
  const size_t n = known.repeat_contacts.size();
  return mstch::map{
      {"has", true},
      {"person", person_reference(known.person_id)},
      {"agencies",
       agencies_text.empty() ? std::string("No agency's records are linked yet") : agencies_text},
      {"repeat_text", n == 0   ? std::string("No other contacts in the last 12 months")
                      : n == 1 ? std::string("1 other contact in the last 12 months:")
                               : std::to_string(n) + " other contacts in the last 12 months:"},
      {"repeats", repeats},
  };
}

const Subject* subject_of(const Contact& contact, int64_t subject_id) {
  for (const Subject& s : contact.subjects)
    if (s.id == subject_id) return &s;
  return nullptr;
}

// "Confirmed: Simone BROWN (Education's record PUPIL-103) is the same person as Monique BROWN".
std::string outcome_text(const LinkOutcome& outcome, const app::PersonLink& l,
                         const std::string& subject, const std::vector<Agency>& agencies) {
  const std::string record = name_of(l.record) + " (" + record_label(l.record, agencies) + ")";
  if (outcome.done == "confirmed" && l.status == app::LinkStatus::confirmed)
    return "Confirmed: " + record + " is the same person as " + subject;
  if (outcome.done == "rejected" && l.status == app::LinkStatus::rejected)
    return "Rejected: " + record + " is not the same person as " + subject +
           ". It will not be offered again";
  if (outcome.done == "undone" && l.status == app::LinkStatus::undone)
    return l.decision == app::LinkStatus::confirmed
               ? "Confirmation undone: " + record + " is no longer linked to " + subject
               : "Rejection undone: " + record + " may be offered again as a match for " + subject;
  return "";
}

}  // namespace

MatchingView matching_view(const Contact& contact, const app::ContactMatches& matches,
                           const std::vector<Agency>& agencies, const std::string& csrf,
                           const LinkFormError* error, const LinkOutcome* outcome) {
  MatchingView out;
  PageContext page{contact, agencies, csrf, error, {}};
  for (size_t i = 0; i < matches.subjects.size(); ++i) {
    const app::SubjectMatches& sm = matches.subjects[i];
    const std::string section = "subject-" + std::to_string(i + 1);
    const Subject* subject = subject_of(contact, sm.subject_id);
    const std::string subject_name =
        subject ? full_name(subject->given_name, subject->family_name) : "this subject";
    mstch::array likely, possible, links;
    for (const auto& c : sm.likely)
      likely.push_back(candidate_view(page, sm.subject_id, section, c, true));
    for (const auto& c : sm.possible)
      possible.push_back(candidate_view(page, sm.subject_id, section, c, false));
    bool possible_open = false;
    for (const auto& c : sm.possible)
      possible_open |= error && error->form_id == reason_id(sm.subject_id, c.record.key);
    std::string banner;
    for (const auto& l : sm.links) {
      links.push_back(link_view(page, section, l));
      if (outcome && outcome->link_id == l.id)
        banner = outcome_text(*outcome, l, subject_name, agencies);
    }
    if (!banner.empty()) out.banner = banner;
    const size_t n_possible = possible.size();
    out.subjects.push_back(mstch::map{
        {"available", matches.available},
        {"unavailable", matches.unavailable},
        {"subject_name", subject_name},
        {"banner", banner},  // always set, so that a subject without one never shows the page's
        {"likely", likely},
        {"has_likely", !likely.empty()},
        {"possible", possible},
        {"has_possible", n_possible > 0},
        {"possible_open", possible_open},
        {"show_possible", n_possible == 1
                              ? std::string("Show 1 possible match")
                              : "Show " + std::to_string(n_possible) + " possible matches"},
        {"has_candidates", !likely.empty() || n_possible > 0},
        {"no_matches", matches.available && likely.empty() && n_possible == 0},
        {"links", links},
        {"has_links", !links.empty()},
        {"known", sm.known_to ? known_view(*sm.known_to, agencies) : mstch::map{{"has", false}}},
    });
  }
  out.error = page.error_message;
  return out;
}

namespace {

// The section of the page a form was in ("subject-2"), to return to; "" when it is not one.
std::string section_of(const Form& form) {
  static const std::regex section(R"(subject-[0-9]{1,4})");
  const std::string s = form_value(form, "section");
  return std::regex_match(s, section) ? s : std::string{};
}

void back_to_contact(httplib::Response& res, int64_t contact_id, const std::string& done,
                     int64_t link_id, const std::string& section) {
  redirect(res, contact_href(contact_id) + "?link=" + done + "&decision=" +
                    std::to_string(link_id) + (section.empty() ? "" : "#" + section));
}

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

void add_match_routes(Routes& routes) {
  auto decide = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto session = require_session(site, req, res);
    if (!session) return;
    const Form form = parse_form(req.body);
    if (!check_csrf(*session, form, res)) return;
    const int64_t id = parse_id(req.matches[1]);
    const int64_t subject = parse_id(form_value(form, "subject"));
    const std::string record = clean_text(form_value(form, "record"));
    const std::string decision = form_value(form, "decision");
    const std::string reason = clean_text(form_value(form, "reason"));
    // Someone who may not decide matches is refused before being told their form is wrong.
    if (auto permit = site.hub.permit(session->actor(),
                                      decision == "reject" ? policy::Action::person_link_reject
                                                           : policy::Action::person_link_confirm,
                                      id);
        !permit.ok())
      return send_error_page(res, permit.error(), &*session);
    if (id <= 0 || subject <= 0 || (decision != "confirm" && decision != "reject"))
      return send_html(res, 400, status_page(400, &*session));
    auto done = decision == "confirm"
                    ? site.hub.confirm_link(session->actor(), id, subject, record, reason)
                    : site.hub.reject_link(session->actor(), id, subject, record, reason);
    if (!done.ok())
      return answer_failure(site, *session, id, reason_id(subject, record), reason, done.error(),
                            res);
    back_to_contact(res, id, decision == "confirm" ? "confirmed" : "rejected", done->id,
                    section_of(form));
  };
  routes.post(RouteKind::page, "/contacts/{id}/links",
              "Confirms or rejects a match between a subject and a record", decide);
  auto undo = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto session = require_session(site, req, res);
    if (!session) return;
    const Form form = parse_form(req.body);
    if (!check_csrf(*session, form, res)) return;
    const int64_t id = parse_id(req.matches[1]);
    const int64_t link = parse_id(req.matches[2]);
    const std::string reason = clean_text(form_value(form, "reason"));
    auto done = site.hub.undo_link(session->actor(), id, link, reason);
    if (!done.ok())
      return answer_failure(site, *session, id, undo_id(link), reason, done.error(), res);
    back_to_contact(res, id, "undone", link, section_of(form));
  };
  routes.post(RouteKind::page, "/contacts/{id}/links/{link}/undo",
              "Undoes a confirmed or rejected match", undo);
}

}  // namespace mash::web
