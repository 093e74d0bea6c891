#include "web/research_view.h"

#include <cstdio>

#include "domain/london_time.h"

namespace mash::web {

std::string field_error(const std::vector<FieldError>* errors, const std::string& field) {
  if (errors)
    for (const FieldError& e : *errors)
      if (e.field == field || e.field.rfind(field + "[", 0) == 0) return e.message;
  return {};
}

std::string research_href(int64_t contact_id) {
  return "/contacts/" + std::to_string(contact_id) + "/research";
}

std::string request_reference(int64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "R-%06lld", static_cast<long long>(id));
  return buf;
}

const char* request_tag_class(const app::InformationRequest& r) {
  if (r.status == RequestStatus::answered)
    return r.overdue ? "govuk-tag--yellow" : "govuk-tag--green";
  if (r.overdue) return "govuk-tag--red";
  return r.status == RequestStatus::in_progress ? "govuk-tag--blue" : "govuk-tag--grey";
}

std::string request_status_words(const app::InformationRequest& r) {
  if (r.status == RequestStatus::answered) return r.overdue ? "Answered late" : "Answered";
  if (r.overdue) return "Overdue";
  return std::string(label_of(r.status));
}

namespace {

std::string person_name(const Person& p) {
  std::string family = p.family_name;
  for (char& ch : family) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  std::string out = p.given_name;
  if (!family.empty()) out += (out.empty() ? "" : " ") + family;
  return out.empty() ? std::string("(name not known)") : out;
}

std::string about(const app::InformationRequest& r, int64_t subject_id) {
  for (const auto& s : r.subjects)
    if (s.subject_id == subject_id) return person_name(s.person);
  return {};
}

std::string recipients_words(const std::vector<std::string>& recipients,
                             const std::vector<Agency>& agencies) {
  std::string out;
  for (const std::string& code : recipients) {
    std::string name = code == "*" ? "every other agency" : code;
    for (const Agency& a : agencies)
      if (a.code == code) name = a.name;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

}  // namespace

std::string subject_names(const app::InformationRequest& r) {
  std::string out;
  for (const auto& s : r.subjects) out += (out.empty() ? "" : ", ") + person_name(s.person);
  return out;
}

mstch::map items_view(const app::InformationRequest& r, const std::vector<Agency>& agencies) {
  mstch::array known;
  for (const auto& s : r.subjects)
    known.push_back(
        mstch::map{{"name", person_name(s.person)}, {"answer", std::string(label_of(s.known))}});
  mstch::array items;
  for (const app::ResponseItem& i : r.items) {
    std::string kind = i.kind == ItemKind::summary ? "Summary"
                       : i.kind == ItemKind::risk  ? "Risk indicator"
                                                   : "Chronology";
    const RiskIndicator* indicator = risk_indicator(i.indicator);
    std::string mark;
    if (i.sensitivity != Sensitivity::none) {
      mark = std::string(label_of(i.sensitivity));
      if (!i.handling_code.empty()) mark += " (handling code " + i.handling_code + ")";
    }
    items.push_back(mstch::map{
        {"id", std::to_string(i.id)},
        {"kind", kind},
        {"when", i.occurred_on},
        {"source", i.source_system},
        {"about", about(r, i.subject_id)},
        {"mark", mark},
        {"withheld", i.withheld},
        {"indicator", indicator ? std::string(indicator->label) : std::string{}},
        {"text", i.text},
    });
  }
  mstch::array redactions;
  for (const app::Redaction& x : r.redactions)
    redactions.push_back(mstch::map{
        {"passage", x.passage},
        {"recipients", recipients_words(x.recipients, agencies)},
        {"reason", std::string(label_of(x.reason))},
        {"note", x.note},
        {"who", x.recorded_by},
        {"when", format_london(x.recorded_at)},
    });
  return mstch::map{{"known", known.empty() ? mstch::node(false) : mstch::node(known)},
                    {"items", items},
                    {"has_redactions", !redactions.empty()},
                    {"redactions", redactions}};
}

mstch::map redaction_form_view(const app::InformationRequest& r,
                               const std::vector<Agency>& agencies, const std::string& csrf,
                               const std::string& next, const std::vector<FieldError>* errors,
                               const Form* form) {
  auto error_of = [&](const std::string& field) {
    if (errors)
      for (const FieldError& e : *errors)
        if (e.field == field || e.field.rfind(field + "[", 0) == 0) return e.message;
    return std::string{};
  };
  auto value = [&](const std::string& name) { return form ? form_value(*form, name) : ""; };
  std::vector<Choice> items;
  for (const app::ResponseItem& i : r.items) {
    if (i.withheld) continue;
    std::string text = i.text.size() > 60 ? i.text.substr(0, 57) + "…" : i.text;
    const std::string kind = i.kind == ItemKind::summary ? "Summary"
                             : i.kind == ItemKind::risk  ? "Risk"
                                                         : "Chronology " + i.occurred_on;
    items.push_back({std::to_string(i.id), kind + ": " + text, ""});
  }
  Field item;
  item.id = "redact-item";
  item.label = "Item";
  item.value = value("redact-item");
  item.error = error_of("item_id");
  Field passage;
  passage.id = "redact-passage";
  passage.label = "Words to withhold";
  passage.hint =
      "Copy them exactly as they appear in the item. Every place they appear is withheld.";
  passage.value = value("redact-passage");
  passage.error = error_of("passage");
  std::vector<Choice> recipients = {{"*", "Every agency but the one that answered", ""}};
  for (const Agency& a : agencies)
    if (a.code != r.agency) recipients.push_back({a.code, a.name, ""});
  Field to;
  to.id = "redact-recipients";
  to.label = "Withhold from";
  to.error = error_of("recipients");
  std::vector<Choice> reasons;
  for (Sensitivity s : all_sensitivities())
    if (s != Sensitivity::none)
      reasons.push_back({std::string(code_of(s)), std::string(label_of(s)), ""});
  Field reason;
  reason.id = "redact-reason";
  reason.label = "Why";
  reason.value = value("redact-reason");
  reason.error = error_of("reason");
  Field note;
  note.id = "redact-note";
  note.label = "Note (optional)";
  note.value = value("redact-note");
  note.error = error_of("note");
  return mstch::map{
      {"action", "/requests/" + std::to_string(r.id) + "/redactions"},
      {"csrf", csrf},
      {"next", next},
      {"open", errors != nullptr},
      {"item", select_field(item, items)},
      {"passage", textarea_field(passage, 2)},
      {"recipients", checkboxes_field(to, recipients,
                                      form ? form_values(*form, "redact-recipients")
                                           : std::vector<std::string>{})},
      {"reason", select_field(reason, reasons)},
      {"note", input_field(note)},
  };
}

app::RedactionDraft redaction_from(const Form& form) {
  app::RedactionDraft d;
  d.item_id = parse_id(form_value(form, "redact-item"));
  d.passage = form_value(form, "redact-passage");
  d.recipients = form_values(form, "redact-recipients");
  d.reason = form_value(form, "redact-reason");
  d.note = form_value(form, "redact-note");
  return d;
}

}  // namespace mash::web
