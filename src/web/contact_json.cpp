#include "web/contact_json.h"

#include <nlohmann/json.hpp>

#include "domain/codes.h"

namespace mash::web {

namespace {

using nlohmann::json;

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "a number";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "something else";
  }
}

// NUL and the like: PostgreSQL's text cannot hold NUL, and none belongs in a contact.
bool has_control_character(const std::string& text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return true;
  }
  return false;
}

std::string shown(const std::string& value) {
  return value.size() > 40 ? value.substr(0, 40) + "…" : value;
}

// Reads the members of one JSON object, noting each problem with its path.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string prefix, std::vector<FieldError>& errors)
      : obj_(object), prefix_(std::move(prefix)), errors_(errors) {}

  std::string path(const std::string& key) const {
    return prefix_.empty() ? key : prefix_ + "." + key;
  }
  void error(const std::string& field, const std::string& message) {
    errors_.push_back({field, message});
  }

  // Members that are neither known nor read-only are errors, so typos are noticed.
  void reject_unknown(std::initializer_list<const char*> known,
                      std::initializer_list<const char*> read_only = {}) {
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      bool ok = false;
      for (const char* k : known) ok = ok || it.key() == k;
      if (ok) continue;
      bool ro = false;
      for (const char* k : read_only) ro = ro || it.key() == k;
      if (ro)
        error(path(it.key()), "'" + it.key() + "' is set by the hub; leave it out");
      else
        error(path(it.key()), "unknown field '" + shown(it.key()) + "'");
    }
  }

  const json* member(const char* key) const {
    auto it = obj_.find(key);
    return it == obj_.end() || it->is_null() ? nullptr : &*it;
  }

  // A string member; empty when absent or null (an error when `required`).
  std::string string(const char* key, bool required = false, const char* example = nullptr) {
    const json* v = member(key);
    if (!v) {
      if (required)
        error(path(key),
              std::string("required") + (example ? std::string(", for example ") + example : ""));
      return {};
    }
    if (!v->is_string()) {
      error(path(key), std::string("must be a string, not ") + type_name(*v));
      return {};
    }
    std::string text = v->get<std::string>();
    if (has_control_character(text)) {
      error(path(key), "must not contain control characters other than line breaks and tabs");
      return {};
    }
    return text;
  }

  std::optional<bool> boolean(const char* key) {
    const json* v = member(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      error(path(key), std::string("must be true or false, not ") + type_name(*v));
      return std::nullopt;
    }
    return v->get<bool>();
  }

  template <class E>
  std::optional<E> code(const char* key, bool required) {
    const json* v = member(key);
    if (!v) {
      if (required) error(path(key), "required; use one of " + codes<E>());
      return std::nullopt;
    }
    return code_value<E>(*v, path(key));
  }

  template <class E>
  std::optional<E> code_value(const json& v, const std::string& field) {
    if (!v.is_string()) {
      error(field, std::string("must be a string code, not ") + type_name(v) + "; use one of " +
                       codes<E>());
      return std::nullopt;
    }
    auto e = from_code<E>(v.get<std::string>());
    if (!e)
      error(field, "unknown code '" + shown(v.get<std::string>()) + "'; use one of " + codes<E>());
    return e;
  }

  // An object member, or nullptr (with an error when it is there but not an object).
  const json* object(const char* key, bool required = false) {
    const json* v = member(key);
    if (!v) {
      if (required) error(path(key), "required");
      return nullptr;
    }
    if (!v->is_object()) {
      error(path(key), std::string("must be an object, not ") + type_name(*v));
      return nullptr;
    }
    return v;
  }

  const json* array(const char* key, bool required = false) {
    const json* v = member(key);
    if (!v) {
      if (required) error(path(key), "required");
      return nullptr;
    }
    if (!v->is_array()) {
      error(path(key), std::string("must be an array, not ") + type_name(*v));
      return nullptr;
    }
    return v;
  }

  template <class E>
  static std::string codes() {
    std::string out;
    for (const auto& e : code_table<E>()) out += (out.empty() ? "" : ", ") + std::string(e.code);
    return out;
  }

  std::vector<FieldError>& errors() { return errors_; }

 private:
  const json& obj_;
  std::string prefix_;
  std::vector<FieldError>& errors_;
};

Subject read_subject(const json& v, const std::string& prefix, std::vector<FieldError>& errors) {
  Subject s;
  if (!v.is_object()) {
    errors.push_back({prefix, std::string("must be an object, not ") + type_name(v)});
    return s;
  }
  ObjectReader r(v, prefix, errors);
  r.reject_unknown({"given_name", "family_name", "other_names", "date_of_birth", "dob_kind", "sex",
                    "role", "address", "nhs_number", "upn"},
                   {"id"});
  s.given_name = r.string("given_name");
  s.family_name = r.string("family_name");
  s.other_names = r.string("other_names");
  std::string dob = r.string("date_of_birth");
  if (!dob.empty()) {
    s.date_of_birth = parse_iso_date(dob);
    if (!s.date_of_birth)
      r.error(r.path("date_of_birth"),
              "'" + shown(dob) + "' is not a real date; use YYYY-MM-DD, for example 2014-03-27");
  }
  if (auto k = r.code<DobKind>("dob_kind", false)) s.dob_kind = *k;
  if (auto x = r.code<Sex>("sex", false)) s.sex = *x;
  if (auto role = r.code<SubjectRole>("role", true)) s.role = *role;
  if (const json* a = r.object("address")) {
    ObjectReader ar(*a, r.path("address"), errors);
    ar.reject_unknown({"line1", "line2", "town", "postcode"});
    s.address.line1 = ar.string("line1");
    s.address.line2 = ar.string("line2");
    s.address.town = ar.string("town");
    s.address.postcode = ar.string("postcode");
  }
  s.nhs_number = r.string("nhs_number");
  s.upn = r.string("upn");
  return s;
}

}  // namespace

Contact contact_from_json(const json& body, const Timestamp& now, std::vector<FieldError>& errors) {
  Contact c;
  c.channel = Channel::api;
  if (!body.is_object()) {
    errors.push_back(
        {"", std::string("the body must be a JSON object (a contact), not ") + type_name(body)});
    return c;
  }
  ObjectReader r(body, "", errors);
  r.reject_unknown({"external_ref", "received_at", "source", "referrer", "subjects",
                    "presenting_issues", "narrative", "consent"},
                   {"id", "status", "channel", "agency", "recorded_at", "recorded_by"});

  if (const json* v = r.member("external_ref")) {
    if (v->is_string() && has_control_character(v->get<std::string>()))
      r.error("external_ref", "must not contain control characters");
    else if (v->is_string())
      c.external_ref = v->get<std::string>();
    else
      r.error("external_ref", std::string("must be a string, not ") + type_name(*v));
  }
  if (const json* v = r.member("received_at"); !v) {
    c.received_at = now;  // the hub received it now
  } else if (!v->is_string()) {
    r.error("received_at", std::string("must be a string, not ") + type_name(*v));
  } else if (auto ts = parse_rfc3339(v->get<std::string>())) {
    c.received_at = *ts;
  } else {
    r.error("received_at", "'" + shown(v->get<std::string>()) +
                               "' is not an RFC 3339 time with an offset; use for example "
                               "2026-11-20T21:14:00+00:00");
  }
  if (auto s = r.code<ReferralSource>("source", true)) c.source = *s;

  if (const json* ref = r.object("referrer")) {
    ObjectReader rr(*ref, "referrer", errors);
    rr.reject_unknown({"name", "organisation", "role", "phone", "email", "anonymous"});
    c.referrer.anonymous = rr.boolean("anonymous").value_or(false);
    c.referrer.name = rr.string("name");
    c.referrer.organisation = rr.string("organisation");
    c.referrer.role = rr.string("role");
    c.referrer.phone = rr.string("phone");
    c.referrer.email = rr.string("email");
  }

  if (const json* subjects = r.array("subjects", true)) {
    for (size_t i = 0; i < subjects->size(); ++i)
      c.subjects.push_back(
          read_subject((*subjects)[i], "subjects[" + std::to_string(i) + "]", errors));
  }

  if (const json* issues = r.array("presenting_issues")) {
    for (size_t i = 0; i < issues->size(); ++i)
      if (auto p = r.code_value<PresentingIssue>((*issues)[i],
                                                 "presenting_issues[" + std::to_string(i) + "]"))
        c.presenting_issues.push_back(*p);
  }
  c.narrative = r.string("narrative");

  if (const json* consent = r.object("consent", true)) {
    ObjectReader cr(*consent, "consent", errors);
    cr.reject_unknown({"status", "reason"});
    if (auto s = cr.code<ConsentStatus>("status", true)) c.consent.status = *s;
    c.consent.reason = cr.string("reason");
  }
  return c;
}

std::string contact_to_json(const Contact& c) {
  using json = nlohmann::ordered_json;
  json subjects = json::array();
  for (const auto& s : c.subjects) {
    subjects.push_back({
        {"id", s.id},
        {"given_name", s.given_name},
        {"family_name", s.family_name},
        {"other_names", s.other_names},
        {"date_of_birth", s.date_of_birth ? json(to_iso(*s.date_of_birth)) : json(nullptr)},
        {"dob_kind", code_of(s.dob_kind)},
        {"sex", code_of(s.sex)},
        {"role", code_of(s.role)},
        {"address",
         {{"line1", s.address.line1},
          {"line2", s.address.line2},
          {"town", s.address.town},
          {"postcode", s.address.postcode}}},
        {"nhs_number", s.nhs_number},
        {"upn", s.upn},
    });
  }
  json issues = json::array();
  for (auto p : c.presenting_issues) issues.push_back(code_of(p));
  return json{
      {"id", c.id},
      {"external_ref", c.external_ref ? json(*c.external_ref) : json(nullptr)},
      {"agency", c.agency},
      {"channel", code_of(c.channel)},
      {"status", code_of(c.status)},
      {"received_at", to_rfc3339(c.received_at)},
      {"recorded_at", to_rfc3339(c.recorded_at)},
      {"recorded_by", c.recorded_by},
      {"source", code_of(c.source)},
      {"referrer",
       {{"name", c.referrer.name},
        {"organisation", c.referrer.organisation},
        {"role", c.referrer.role},
        {"phone", c.referrer.phone},
        {"email", c.referrer.email},
        {"anonymous", c.referrer.anonymous}}},
      {"subjects", subjects},
      {"presenting_issues", issues},
      {"narrative", c.narrative},
      {"consent", {{"status", code_of(c.consent.status)}, {"reason", c.consent.reason}}},
  }
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace mash::web
