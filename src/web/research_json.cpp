#include "web/research_json.h"

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

namespace mash::web {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr size_t kMaxItems = 500;  // as the use case allows; more is refused before reading

// NUL and the like: PostgreSQL's text cannot hold NUL, and none belongs in what agencies share.
bool has_control_character(const std::string& text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return true;
  }
  return false;
}

std::string member_path(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

// A text member into `out`: a string, or null for none.
void read_text(const json& v, const std::string& path, std::string& out,
               std::vector<FieldError>& errors) {
  if (v.is_null()) return;
  if (!v.is_string()) return errors.push_back({path, "must be a string"});
  std::string text = v.get<std::string>();
  if (has_control_character(text))
    return errors.push_back(
        {path, "must not contain control characters other than line breaks and tabs"});
  out = std::move(text);
}

// An array of codes ("health", "police"), or null for none.
void read_codes(const json& v, const std::string& path, std::vector<std::string>& out,
                std::vector<FieldError>& errors) {
  if (v.is_null()) return;
  if (!v.is_array())
    return errors.push_back({path, "must be an array of agency codes, such as [\"health\"]"});
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    if (!v[i].is_string()) {
      errors.push_back({at, "must be a string: an agency's code"});
      continue;
    }
    std::string code;
    read_text(v[i], at, code, errors);
    out.push_back(std::move(code));
  }
}

// Members named in `texts` are read as text; anything else not handled by `other` (which returns
// whether it knew the member) is an error naming the fields there are.
template <class Other>
void read_object(const json& object, const std::string& prefix,
                 std::initializer_list<std::pair<const char*, std::string*>> texts,
                 const std::string& unknown_message, std::vector<FieldError>& errors, Other other) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string path = member_path(prefix, it.key());
    bool known = false;
    for (const auto& [name, target] : texts)
      if (it.key() == name) {
        read_text(it.value(), path, *target, errors);
        known = true;
      }
    if (!known && !other(it.key(), it.value(), path)) errors.push_back({path, unknown_message});
  }
}

bool not_an_object(const json& body, const char* example, std::vector<FieldError>& errors) {
  if (body.is_object()) return false;
  errors.push_back({"", std::string("The body must be a JSON object: ") + example});
  return true;
}

// "12" -> 12; 0 when it is not a positive whole number.
int64_t id_of_key(const std::string& key) {
  if (key.empty() || key.size() > 18 || key[0] == '0') return 0;
  int64_t id = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

// A JSON whole number above 0 that fits an id; nullopt for anything else.
std::optional<int64_t> positive_id(const json& v) {
  if (v.is_number_unsigned()) {
    const uint64_t n = v.get<uint64_t>();
    if (n > 0 && n <= uint64_t(INT64_MAX)) return static_cast<int64_t>(n);
  } else if (v.is_number_integer() && v.get<int64_t>() > 0) {
    return v.get<int64_t>();
  }
  return std::nullopt;
}

app::ResponseDraft::Item item_from_json(const json& v, const std::string& at,
                                        std::vector<FieldError>& errors) {
  app::ResponseDraft::Item item;
  if (!v.is_object()) {
    errors.push_back({at,
                      "must be an object: {\"kind\": \"summary\", \"text\": \"…\", "
                      "\"sensitivity\": \"\"}"});
    return item;
  }
  read_object(
      v, at,
      {{"kind", &item.kind},
       {"indicator", &item.indicator},
       {"occurred_on", &item.occurred_on},
       {"source_system", &item.source_system},
       {"text", &item.text},
       {"sensitivity", &item.sensitivity},
       {"handling_code", &item.handling_code}},
      "is not a field of an item (kind, subject_id, indicator, occurred_on, "
      "source_system, text, sensitivity, handling_code)",
      errors, [&](const std::string& key, const json& value, const std::string& path) {
        if (key == "subject_id") {
          if (auto id = positive_id(value))
            item.subject_id = std::to_string(*id);
          else if (!value.is_null())
            errors.push_back({path, "must be the id of one of the request's subjects, or null"});
          return true;
        }
        if (key == "id" || key == "withheld" || key == "passages_withheld") {
          errors.push_back({path, "is set by the hub; leave it out"});
          return true;
        }
        return false;
      });
  return item;
}

ojson or_null(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }
ojson or_null(const std::optional<Timestamp>& t) {
  return t ? ojson(to_rfc3339(*t)) : ojson(nullptr);
}
ojson strings(const std::vector<std::string>& list) {
  ojson out = ojson::array();
  for (const std::string& s : list) out.push_back(s);
  return out;
}

ojson item_to_json(const app::ResponseItem& i) {
  return {{"id", i.id},
          {"kind", code_of(i.kind)},
          {"subject_id", i.subject_id ? ojson(i.subject_id) : ojson(nullptr)},
          {"indicator", or_null(i.indicator)},
          {"occurred_on", or_null(i.occurred_on)},
          {"source_system", or_null(i.source_system)},
          {"text", i.text},
          {"sensitivity", code_of(i.sensitivity)},
          {"handling_code", or_null(i.handling_code)},
          {"withheld", i.withheld},
          {"passages_withheld", i.passages_withheld}};
}

ojson subject_to_json(const app::RequestSubject& s) {
  const Person& p = s.person;
  return {{"subject_id", s.subject_id},
          {"role", code_of(s.role)},
          {"given_name", p.given_name},
          {"family_name", p.family_name},
          {"other_names", p.other_names},
          {"date_of_birth", p.date_of_birth ? ojson(to_iso(*p.date_of_birth)) : ojson(nullptr)},
          {"dob_kind", code_of(p.dob_kind)},
          {"sex", code_of(p.sex)},
          {"address",
           {{"line1", p.address.line1},
            {"line2", p.address.line2},
            {"town", p.address.town},
            {"postcode", p.address.postcode}}},
          {"nhs_number", p.nhs_number},
          {"upn", p.upn},
          {"known", or_null(std::string(code_of(s.known)))}};
}

}  // namespace

app::BasisDraft basis_draft_from_json(const json& body, std::vector<FieldError>& errors) {
  app::BasisDraft draft;
  if (not_an_object(body,
                    "{\"consent\": \"not_sought\", \"lawful_basis\": \"dpa_sch1_para18\", "
                    "\"reason\": \"…\"}",
                    errors))
    return draft;
  read_object(body, "",
              {{"consent", &draft.consent},
               {"lawful_basis", &draft.lawful_basis},
               {"reason", &draft.reason}},
              "is not a field of a basis for sharing (consent, lawful_basis, reason)", errors,
              [](const std::string&, const json&, const std::string&) { return false; });
  return draft;
}

app::SummaryDraft summary_draft_from_json(const json& body, std::vector<FieldError>& errors) {
  app::SummaryDraft draft;
  if (not_an_object(body, "{\"to\": \"sw.receiving\", \"purpose\": \"…\", \"note\": \"\"}", errors))
    return draft;
  read_object(body, "", {{"to", &draft.to}, {"purpose", &draft.purpose}, {"note", &draft.note}},
              "is not a field of an outcome summary (to, purpose, note)", errors,
              [](const std::string&, const json&, const std::string&) { return false; });
  return draft;
}

std::string break_glass_reason_from_json(const json& body, std::vector<FieldError>& errors) {
  std::string reason;
  if (not_an_object(body, "{\"reason\": \"Strategy discussion in ten minutes\"}", errors))
    return reason;
  read_object(body, "", {{"reason", &reason}}, "is not a field of a break-glass (reason)", errors,
              [](const std::string&, const json&, const std::string&) { return false; });
  return reason;
}

BreakGlassSignOffDraft sign_off_from_json(const json& body, std::vector<FieldError>& errors) {
  BreakGlassSignOffDraft draft;
  if (not_an_object(body, "{\"id\": 3, \"note\": \"Checked with the worker\"}", errors))
    return draft;
  bool has_id = false;
  read_object(body, "", {{"note", &draft.note}}, "is not a field of a sign-off (id, note)", errors,
              [&](const std::string& key, const json& value, const std::string& path) {
                if (key != "id") return false;
                has_id = true;
                if (value.is_number_integer() && value.get<int64_t>() > 0)
                  draft.id = value.get<int64_t>();
                else
                  errors.push_back({path, "must be the id of a break-glass access, such as 3"});
                return true;
              });
  if (!has_id) errors.push_back({"id", "Say which break-glass access you sign off"});
  return draft;
}

app::RequestDraft request_draft_from_json(const json& body, std::vector<FieldError>& errors) {
  app::RequestDraft draft;
  if (not_an_object(body,
                    "{\"agencies\": [\"health\", \"police\"], \"question\": \"…\", "
                    "\"narrative_reason\": \"\"}",
                    errors))
    return draft;
  read_object(body, "",
              {{"question", &draft.question},
               {"narrative_reason", &draft.narrative_reason},
               {"narrative_withheld_reason", &draft.narrative_withheld_reason}},
              "is not a field of information requests (agencies, question, narrative_reason, "
              "narrative_withheld, narrative_withheld_reason)",
              errors, [&](const std::string& key, const json& value, const std::string& path) {
                if (key == "agencies") {
                  read_codes(value, path, draft.agencies, errors);
                  return true;
                }
                if (key != "narrative_withheld") return false;
                if (value.is_null()) return true;
                if (!value.is_array()) {
                  errors.push_back({path, "must be a list of passages of the narrative"});
                  return true;
                }
                for (size_t i = 0; i < value.size(); ++i) {
                  if (value[i].is_string())
                    draft.narrative_withheld.push_back(value[i].get<std::string>());
                  else
                    errors.push_back({path + "[" + std::to_string(i) + "]",
                                      "must be a passage of the narrative, as text"});
                }
                return true;
              });
  return draft;
}

app::ResponseDraft response_draft_from_json(const json& body, std::vector<FieldError>& errors) {
  app::ResponseDraft draft;
  if (not_an_object(body,
                    "{\"known\": {\"12\": \"known\"}, \"items\": [{\"kind\": \"summary\", "
                    "\"text\": \"…\"}], \"send\": false}",
                    errors))
    return draft;
  read_object(
      body, "", {}, "is not a field of an answer (known, items, send)", errors,
      [&](const std::string& key, const json& value, const std::string& path) {
        if (key == "send") {
          if (value.is_boolean())
            draft.send = value.get<bool>();
          else if (!value.is_null())
            errors.push_back({path, "must be true (send the answer) or false (save it to finish)"});
        } else if (key == "known") {
          if (value.is_null()) return true;
          if (!value.is_object()) {
            errors.push_back({path,
                              "must be an object of answers by subject id: {\"12\": \"known\", "
                              "\"13\": \"not_known\"}"});
            return true;
          }
          for (auto k = value.begin(); k != value.end(); ++k) {
            const std::string at = path + "." + k.key();
            const int64_t subject = id_of_key(k.key());
            if (subject == 0) {
              errors.push_back(
                  {at, "is not a subject's id: the keys are the request's subjects' ids"});
              continue;
            }
            if (!k.value().is_string() && !k.value().is_null()) {
              errors.push_back({at, "must be \"known\", \"not_known\" or \"\" (not yet said)"});
              continue;
            }
            std::string known;
            read_text(k.value(), at, known, errors);
            draft.known[subject] = known;
          }
        } else if (key == "items") {
          if (value.is_null()) return true;
          if (!value.is_array()) {
            errors.push_back({path, "must be an array of items: [{\"kind\": \"summary\", …}]"});
          } else if (value.size() > kMaxItems) {
            errors.push_back(
                {path, "An answer may have at most 500 items: send the rest in a message"});
          } else {
            for (size_t i = 0; i < value.size(); ++i)
              draft.items.push_back(
                  item_from_json(value[i], path + "[" + std::to_string(i) + "]", errors));
          }
        } else {
          return false;
        }
        return true;
      });
  return draft;
}

app::RedactionDraft redaction_draft_from_json(const json& body, std::vector<FieldError>& errors) {
  app::RedactionDraft draft;
  if (not_an_object(body,
                    "{\"item_id\": 7, \"passage\": \"…\", \"recipients\": "
                    "[\"childrens_social_care\"], \"reason\": \"third_party\", \"note\": \"…\"}",
                    errors))
    return draft;
  read_object(body, "",
              {{"passage", &draft.passage}, {"reason", &draft.reason}, {"note", &draft.note}},
              "is not a field of a redaction (item_id, passage, recipients, reason, note)", errors,
              [&](const std::string& key, const json& value, const std::string& path) {
                if (key == "item_id") {
                  if (auto id = positive_id(value))
                    draft.item_id = *id;
                  else
                    errors.push_back({path, "must be the id of an item of the request's answer"});
                } else if (key == "recipients") {
                  read_codes(value, path, draft.recipients, errors);
                } else {
                  return false;
                }
                return true;
              });
  return draft;
}

ojson basis_to_json(const app::EnquiryBasis& b) {
  return {{"consent", code_of(b.consent)},
          {"lawful_basis", or_null(b.lawful_basis)},
          {"lawful_basis_name", or_null(b.lawful_basis_name)},
          {"reason", b.reason},
          {"recorded_by", b.recorded_by},
          {"recorded_at", to_rfc3339(b.recorded_at)}};
}

ojson redaction_to_json(const app::Redaction& r) {
  return {{"id", r.id},
          {"item_id", r.item_id},
          {"passage", r.passage},
          {"recipients", strings(r.recipients)},
          {"reason", code_of(r.reason)},
          {"note", r.note},
          {"recorded_by", r.recorded_by},
          {"recorded_at", to_rfc3339(r.recorded_at)}};
}

ojson request_to_json(const app::InformationRequest& r) {
  ojson issues = ojson::array();
  for (PresentingIssue p : r.presenting_issues) issues.push_back(code_of(p));
  ojson subjects = ojson::array();
  for (const app::RequestSubject& s : r.subjects) subjects.push_back(subject_to_json(s));
  ojson items = ojson::array();
  for (const app::ResponseItem& i : r.items) items.push_back(item_to_json(i));
  ojson redactions = ojson::array();
  for (const app::Redaction& x : r.redactions) redactions.push_back(redaction_to_json(x));
  return {{"id", r.id},
          {"contact_id", r.contact_id},
          {"agency", r.agency},
          {"agency_name", r.agency_name},
          {"question", r.question},
          {"narrative", or_null(r.narrative)},
          {"narrative_reason", or_null(r.narrative_reason)},
          {"narrative_passages_withheld", r.narrative_passages_withheld},
          {"presenting_issues", issues},
          {"status", code_of(r.status)},
          {"overdue", r.overdue},
          {"chased", r.chased},
          {"requested_by", r.requested_by},
          {"requested_at", to_rfc3339(r.requested_at)},
          {"due_at", to_rfc3339(r.due_at)},
          {"saved_by", or_null(r.saved_by)},
          {"saved_at", or_null(r.saved_at)},
          {"answered_by", or_null(r.answered_by)},
          {"answered_at", or_null(r.answered_at)},
          {"subjects", subjects},
          {"items", items},
          {"withheld_items", r.withheld_items},
          {"redactions", redactions}};
}

ojson research_to_json(const app::ContactResearch& r) {
  ojson requests = ojson::array();
  for (const app::InformationRequest& x : r.requests) requests.push_back(request_to_json(x));
  ojson summaries = ojson::array();
  for (const app::OutcomeSummary& x : r.summaries) summaries.push_back(summary_to_json(x));
  return {{"contact_id", r.contact_id},
          {"status", code_of(r.status)},
          {"basis", r.basis ? basis_to_json(*r.basis) : ojson(nullptr)},
          {"requests", requests},
          {"suggested_agencies", strings(r.suggested_agencies)},
          {"may_raise", r.may_raise},
          {"summaries", summaries},
          {"may_summarise", r.may_summarise},
          {"receiving_worker", or_null(r.receiving_worker)}};
}

ojson summary_to_json(const app::OutcomeSummary& s) {
  return {{"id", s.id},
          {"contact_id", s.contact_id},
          {"decision_id", s.decision_id},
          {"to_username", s.to_username},
          {"to_agency", s.to_agency},
          {"sent_by", s.sent_by},
          {"sent_by_agency", s.sent_by_agency},
          {"purpose", s.purpose},
          {"note", or_null(s.note)},
          {"body", or_null(s.body)},
          {"sent_at", to_rfc3339(s.sent_at)}};
}

ojson disclosure_to_json(const app::Disclosure& d) {
  return {{"id", d.id},
          {"contact_id", d.contact_id},
          {"request_id", d.request_id ? ojson(d.request_id) : ojson(nullptr)},
          {"kind", d.kind},
          {"from_agency", d.from_agency},
          {"to_username", or_null(d.to_username)},
          {"to_agency", d.to_agency},
          {"purpose", d.purpose},
          {"basis", d.basis},
          {"items", strings(d.items)},
          {"withheld", strings(d.withheld)},
          {"disclosed_at", to_rfc3339(d.disclosed_at)}};
}

std::string json_body(const ojson& document) {
  return document.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace mash::web
