#include "web/contact_form.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "domain/codes.h"
#include "domain/london_time.h"

namespace mash::web {

namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// A number typed in a date box: digits only (spaces around ignored), else -1.
int date_part(const std::string& text) {
  std::string t = trim(text);
  if (t.empty() || t.size() > 4) return -1;
  int v = 0;
  for (char c : t) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// nullopt with `error` set when the boxes are not a real date; nullopt and no error when all
// three are empty.
std::optional<Date> read_date(const std::string& d, const std::string& m, const std::string& y,
                              const std::string& what, std::string& error) {
  if (trim(d).empty() && trim(m).empty() && trim(y).empty()) return std::nullopt;
  std::vector<std::string> missing;
  if (trim(d).empty()) missing.push_back("a day");
  if (trim(m).empty()) missing.push_back("a month");
  if (trim(y).empty()) missing.push_back("a year");
  if (!missing.empty()) {
    error = what + " must include " + missing[0];
    for (size_t i = 1; i < missing.size(); ++i)
      error += (i + 1 == missing.size() ? " and " : ", ") + missing[i];
    return std::nullopt;
  }
  Date date{date_part(y), date_part(m), date_part(d)};
  if (date.year < 1000 || !is_valid(date)) {
    error = what + " must be a real date";
    return std::nullopt;
  }
  return date;
}

json subject_json(const SubjectAnswers& s) {
  return json{{"given_name", s.given_name},
              {"family_name", s.family_name},
              {"other_names", s.other_names},
              {"dob_day", s.dob_day},
              {"dob_month", s.dob_month},
              {"dob_year", s.dob_year},
              {"dob_kind", s.dob_kind},
              {"sex", s.sex},
              {"role", s.role},
              {"line1", s.line1},
              {"line2", s.line2},
              {"town", s.town},
              {"postcode", s.postcode},
              {"nhs_number", s.nhs_number},
              {"upn", s.upn}};
}

SubjectAnswers subject_from(const json& j) {
  SubjectAnswers s;
  s.given_name = str(j, "given_name");
  s.family_name = str(j, "family_name");
  s.other_names = str(j, "other_names");
  s.dob_day = str(j, "dob_day");
  s.dob_month = str(j, "dob_month");
  s.dob_year = str(j, "dob_year");
  s.dob_kind = str(j, "dob_kind");
  s.sex = str(j, "sex");
  s.role = str(j, "role");
  s.line1 = str(j, "line1");
  s.line2 = str(j, "line2");
  s.town = str(j, "town");
  s.postcode = str(j, "postcode");
  s.nhs_number = str(j, "nhs_number");
  s.upn = str(j, "upn");
  return s;
}

// "subjects[12].address.town" -> index 12 and rest "address.town".
bool split_subject_path(const std::string& path, size_t& index, std::string& rest) {
  const std::string prefix = "subjects[";
  if (path.rfind(prefix, 0) != 0) return false;
  size_t close = path.find(']', prefix.size());
  if (close == std::string::npos || close == prefix.size()) return false;
  index = 0;
  for (size_t i = prefix.size(); i < close; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(path[i]))) return false;
    index = index * 10 + static_cast<size_t>(path[i] - '0');
  }
  rest = close + 1 < path.size() && path[close + 1] == '.' ? path.substr(close + 2) : "";
  return true;
}

}  // namespace

std::string to_json(const ContactAnswers& a) {
  json subjects = json::array();
  for (const auto& s : a.subjects) subjects.push_back(subject_json(s));
  json errors = json::array();
  for (const auto& e : a.submit_errors)
    errors.push_back({{"field", e.field}, {"message", e.message}});
  return json{{"version", 1},
              {"received_day", a.received_day},
              {"received_month", a.received_month},
              {"received_year", a.received_year},
              {"received_time", a.received_time},
              {"source", a.source},
              {"referrer_anonymous", a.referrer_anonymous},
              {"referrer_name", a.referrer_name},
              {"referrer_organisation", a.referrer_organisation},
              {"referrer_role", a.referrer_role},
              {"referrer_phone", a.referrer_phone},
              {"referrer_email", a.referrer_email},
              {"subjects", subjects},
              {"presenting_issues", a.presenting_issues},
              {"narrative", a.narrative},
              {"consent_status", a.consent_status},
              {"consent_reason", a.consent_reason},
              {"submit_errors", errors}}
      .dump();
}

ContactAnswers answers_from_json(const std::string& text) {
  ContactAnswers a;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return a;
  a.received_day = str(j, "received_day");
  a.received_month = str(j, "received_month");
  a.received_year = str(j, "received_year");
  a.received_time = str(j, "received_time");
  a.source = str(j, "source");
  a.referrer_anonymous = str(j, "referrer_anonymous");
  a.referrer_name = str(j, "referrer_name");
  a.referrer_organisation = str(j, "referrer_organisation");
  a.referrer_role = str(j, "referrer_role");
  a.referrer_phone = str(j, "referrer_phone");
  a.referrer_email = str(j, "referrer_email");
  if (auto it = j.find("subjects"); it != j.end() && it->is_array())
    for (const auto& s : *it)
      if (s.is_object()) a.subjects.push_back(subject_from(s));
  if (auto it = j.find("presenting_issues"); it != j.end() && it->is_array())
    for (const auto& p : *it)
      if (p.is_string()) a.presenting_issues.push_back(p.get<std::string>());
  a.narrative = str(j, "narrative");
  a.consent_status = str(j, "consent_status");
  a.consent_reason = str(j, "consent_reason");
  if (auto it = j.find("submit_errors"); it != j.end() && it->is_array())
    for (const auto& e : *it)
      if (e.is_object()) a.submit_errors.push_back({str(e, "field"), str(e, "message")});
  return a;
}

Contact to_contact(const ContactAnswers& a, std::vector<FieldError>& problems) {
  Contact c;
  c.channel = Channel::web_form;

  std::string error;
  auto received = read_date(a.received_day, a.received_month, a.received_year,
                            "Date the contact was received", error);
  if (!error.empty()) {
    problems.push_back({"received_at", error});
  } else if (!received) {
    problems.push_back({"received_at", "Enter the date the contact was received"});
  } else if (trim(a.received_time).empty()) {
    problems.push_back(
        {"received_at.time", "Enter the time the contact was received, for example 14:30"});
  } else if (auto hm = parse_clock_time(a.received_time); !hm) {
    problems.push_back({"received_at.time",
                        "Time the contact was received must be a real time, for example 14:30"});
  } else if (auto ts = from_london({*received, hm->first, hm->second}); !ts) {
    problems.push_back({"received_at.time",
                        "Time the contact was received did not happen: the clocks went forward "
                        "from 1am to 2am that night"});
  } else {
    c.received_at = *ts;
  }

  if (a.source.empty())
    problems.push_back({"source", "Select where the contact came from"});
  else if (auto s = from_code<ReferralSource>(a.source))
    c.source = *s;
  else
    problems.push_back({"source", "Select where the contact came from"});

  if (a.referrer_anonymous.empty()) {
    problems.push_back(
        {"referrer.anonymous", "Select yes if the referrer wants to stay anonymous"});
  } else if (a.referrer_anonymous == "yes") {
    c.referrer.anonymous = true;
    if (!(a.referrer_name + a.referrer_organisation + a.referrer_role + a.referrer_phone +
          a.referrer_email)
             .empty())
      problems.push_back({"referrer.anonymous",
                          "Select no, or remove the referrer's details: an anonymous referrer's "
                          "details are not recorded"});
  } else {
    c.referrer.name = a.referrer_name;
    c.referrer.organisation = a.referrer_organisation;
    c.referrer.role = a.referrer_role;
    c.referrer.phone = a.referrer_phone;
    c.referrer.email = a.referrer_email;
  }

  for (size_t i = 0; i < a.subjects.size(); ++i) {
    const auto& s = a.subjects[i];
    const std::string path = "subjects[" + std::to_string(i) + "]";
    Subject subject;
    subject.given_name = s.given_name;
    subject.family_name = s.family_name;
    subject.other_names = s.other_names;
    std::string dob_error;
    subject.date_of_birth =
        read_date(s.dob_day, s.dob_month, s.dob_year, "Date of birth", dob_error);
    if (!dob_error.empty()) problems.push_back({path + ".date_of_birth", dob_error});
    if (s.dob_kind.empty()) {
      if (subject.date_of_birth)
        problems.push_back({path + ".dob_kind",
                            "Select whether the date of birth is known, estimated or expected"});
    } else if (auto k = from_code<DobKind>(s.dob_kind)) {
      subject.dob_kind = *k;
    } else {
      problems.push_back(
          {path + ".dob_kind", "Select whether the date of birth is known, estimated or expected"});
    }
    if (auto sex = from_code<Sex>(s.sex))
      subject.sex = *sex;
    else
      problems.push_back({path + ".sex", "Select the subject's sex, or not known"});
    if (auto role = from_code<SubjectRole>(s.role))
      subject.role = *role;
    else
      problems.push_back({path + ".role", "Select the subject's part in the contact"});
    subject.address = {s.line1, s.line2, s.town, s.postcode};
    subject.nhs_number = s.nhs_number;
    subject.upn = s.upn;
    c.subjects.push_back(std::move(subject));
  }

  for (size_t i = 0; i < a.presenting_issues.size(); ++i) {
    if (auto p = from_code<PresentingIssue>(a.presenting_issues[i]))
      c.presenting_issues.push_back(*p);
    else
      problems.push_back({"presenting_issues", "Select the presenting issues from the list"});
  }
  c.narrative = a.narrative;

  if (auto status = from_code<ConsentStatus>(a.consent_status)) {
    c.consent.status = *status;
    c.consent.reason = a.consent_reason;
  } else {
    problems.push_back(
        {"consent.status", "Select whether consent was given, refused or not sought"});
  }
  return c;
}

FieldPlace place_of(const std::string& path) {
  size_t index = 0;
  std::string rest;
  if (split_subject_path(path, index, rest)) {
    std::string page = "subject/" + std::to_string(index + 1);
    static const std::pair<const char*, const char*> inputs[] = {
        {"given_name", "given-name"},
        {"family_name", "family-name"},
        {"other_names", "other-names"},
        {"date_of_birth", "dob-day"},
        {"dob_kind", "dob-kind"},
        {"sex", "sex"},
        {"role", "role"},
        {"address.line1", "address-line1"},
        {"address.line2", "address-line2"},
        {"address.town", "address-town"},
        {"address.postcode", "address-postcode"},
        {"address", "address-line1"},
        {"nhs_number", "nhs-number"},
        {"upn", "upn"},
    };
    for (const auto& [field, input] : inputs)
      if (rest == field) return {page, input};
    return {page, "given-name"};
  }
  if (path == "received_at") return {"received", "received-day"};
  if (path == "received_at.time") return {"received", "received-time"};
  if (path == "source") return {"received", "source"};
  if (path == "subjects") return {"subjects", "add-subject"};
  if (path == "referrer" || path == "referrer.anonymous") return {"referrer", "referrer-anonymous"};
  if (path.rfind("referrer.", 0) == 0) return {"referrer", "referrer-" + path.substr(9)};
  if (path.rfind("presenting_issues", 0) == 0) return {"concerns", "presenting-issues"};
  if (path == "narrative") return {"concerns", "narrative"};
  if (path == "consent.reason") return {"consent", "consent-reason"};
  if (path.rfind("consent", 0) == 0) return {"consent", "consent-status"};
  return {"check", ""};
}

}  // namespace mash::web
