#include "domain/research.h"

#include <algorithm>
#include <array>

namespace mash {

namespace {

struct SensitivityEntry {
  Sensitivity value;
  std::string_view code;
  std::string_view label;
  std::string_view reason;  // in a redaction marker
};

constexpr std::array<SensitivityEntry, 6> kSensitivities = {{
    {Sensitivity::none, "none", "Not sensitive", "not sensitive"},
    {Sensitivity::health_confidential, "health_confidential", "Health-confidential",
     "health-confidential"},
    {Sensitivity::police_intelligence, "police_intelligence", "Police intelligence",
     "police intelligence"},
    {Sensitivity::third_party, "third_party", "Third-party information", "third-party information"},
    {Sensitivity::subject_unaware, "subject_unaware", "The subject does not know it is held",
     "information the subject does not know is held"},
    {Sensitivity::confidential_address, "confidential_address", "Confidential address",
     "confidential address"},
}};

constexpr std::array<Sensitivity, 6> kAllSensitivities = {
    Sensitivity::none,        Sensitivity::health_confidential, Sensitivity::police_intelligence,
    Sensitivity::third_party, Sensitivity::subject_unaware,     Sensitivity::confidential_address};

constexpr std::array<RiskIndicator, 11> kRiskIndicators = {{
    {"domestic_abuse", "Domestic abuse in the household"},
    {"weapons", "Access to weapons"},
    {"violence", "Violence or threats of violence"},
    {"substance_misuse", "Substance misuse"},
    {"mental_health", "Mental ill health"},
    {"missing", "Missing episodes"},
    {"exploitation", "Exploitation (sexual or criminal)"},
    {"child_protection_history", "Previous child protection plan or enquiry"},
    {"offending", "Offending or risk to others"},
    {"housing_instability", "Housing instability or homelessness"},
    {"non_engagement", "Missed appointments or not engaging with services"},
}};

const SensitivityEntry* entry(Sensitivity s) {
  for (const auto& e : kSensitivities)
    if (e.value == s) return &e;
  return nullptr;
}

}  // namespace

std::string_view code_of(Sensitivity s) { return entry(s) ? entry(s)->code : "none"; }
std::string_view label_of(Sensitivity s) { return entry(s) ? entry(s)->label : "Not sensitive"; }
std::optional<Sensitivity> parse_sensitivity(std::string_view code) {
  for (const auto& e : kSensitivities)
    if (e.code == code) return e.value;
  return std::nullopt;
}
std::span<const Sensitivity> all_sensitivities() { return kAllSensitivities; }

std::string_view code_of(RequestStatus s) {
  switch (s) {
    case RequestStatus::requested:
      return "requested";
    case RequestStatus::in_progress:
      return "in_progress";
    case RequestStatus::answered:
      return "answered";
  }
  return "requested";
}
std::string_view label_of(RequestStatus s) {
  switch (s) {
    case RequestStatus::requested:
      return "Requested";
    case RequestStatus::in_progress:
      return "Being answered";
    case RequestStatus::answered:
      return "Answered";
  }
  return "Requested";
}
std::optional<RequestStatus> parse_request_status(std::string_view code) {
  for (RequestStatus s :
       {RequestStatus::requested, RequestStatus::in_progress, RequestStatus::answered})
    if (code_of(s) == code) return s;
  return std::nullopt;
}

std::string_view code_of(Known k) {
  switch (k) {
    case Known::unanswered:
      return "";
    case Known::known:
      return "known";
    case Known::not_known:
      return "not_known";
  }
  return "";
}
std::string_view label_of(Known k) {
  switch (k) {
    case Known::unanswered:
      return "Not answered yet";
    case Known::known:
      return "Known";
    case Known::not_known:
      return "Not known";
  }
  return "";
}
std::optional<Known> parse_known(std::string_view code) {
  for (Known k : {Known::unanswered, Known::known, Known::not_known})
    if (code_of(k) == code) return k;
  return std::nullopt;
}

std::string_view code_of(ItemKind k) {
  switch (k) {
    case ItemKind::summary:
      return "summary";
    case ItemKind::risk:
      return "risk";
    case ItemKind::chronology:
      return "chronology";
  }
  return "summary";
}
std::optional<ItemKind> parse_item_kind(std::string_view code) {
  for (ItemKind k : {ItemKind::summary, ItemKind::risk, ItemKind::chronology})
    if (code_of(k) == code) return k;
  return std::nullopt;
}

std::span<const RiskIndicator> risk_indicators() { return kRiskIndicators; }
const RiskIndicator* risk_indicator(std::string_view code) {
  for (const auto& r : kRiskIndicators)
    if (r.code == code) return &r;
  return nullptr;
}

bool valid_handling_code(std::string_view code) { return code == "P" || code == "C"; }

std::vector<LawfulBasis> standard_lawful_bases() {
  return {
      {"dpa_sch1_para18",
       "UK GDPR Art 6(1)(e) and Art 9(2)(g); DPA 2018 Schedule 1 paragraph 18 (safeguarding of "
       "children and individuals at risk)"},
      {"children_act_s47", "Children Act 1989 s47 (enquiry into significant harm)"},
      {"children_act_s17", "Children Act 1989 s17 (child in need)"},
      {"care_act_s42", "Care Act 2014 s42 (adult safeguarding enquiry)"},
      {"crime_disorder_s115", "Crime and Disorder Act 1998 s115 (preventing crime and disorder)"},
  };
}

std::string redact(std::string_view text, std::vector<Span> spans) {
  for (Span& s : spans) {
    s.end = std::min(s.end, text.size());
    s.begin = std::min(s.begin, s.end);
  }
  std::erase_if(spans, [](const Span& s) { return s.begin == s.end; });
  std::stable_sort(spans.begin(), spans.end(),
                   [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::string out;
  size_t at = 0;
  for (size_t i = 0; i < spans.size();) {
    out.append(text.substr(at, spans[i].begin - at));
    // Withhold the span and every later one that overlaps it, under this one's marker.
    size_t end = spans[i].end;
    const std::string& marker = spans[i].marker;
    size_t j = i + 1;
    while (j < spans.size() && spans[j].begin < end) end = std::max(end, spans[j++].end);
    out.append(marker);
    at = end;
    i = j;
  }
  out.append(text.substr(std::min(at, text.size())));
  return out;
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char folded(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Where `passage` (trimmed, not empty) matches `text` from `at`: the end of the match, or npos.
size_t match_at(std::string_view text, size_t at, std::string_view passage) {
  size_t t = at, p = 0;
  while (p < passage.size()) {
    if (is_space(passage[p])) {
      // A run of spacing matches any run of spacing, line breaks included.
      if (t >= text.size() || !is_space(text[t])) return std::string_view::npos;
      while (p < passage.size() && is_space(passage[p])) ++p;
      while (t < text.size() && is_space(text[t])) ++t;
      continue;
    }
    if (t >= text.size() || folded(text[t]) != folded(passage[p])) return std::string_view::npos;
    ++t;
    ++p;
  }
  return t;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> find_passage(std::string_view text,
                                                    std::string_view passage) {
  std::vector<std::pair<size_t, size_t>> out;
  while (!passage.empty() && is_space(passage.front())) passage.remove_prefix(1);
  while (!passage.empty() && is_space(passage.back())) passage.remove_suffix(1);
  if (passage.empty()) return out;
  for (size_t at = 0; at < text.size();) {
    const size_t end = match_at(text, at, passage);
    if (end == std::string_view::npos) {
      ++at;
      continue;
    }
    out.emplace_back(at, end);
    at = end;
  }
  return out;
}

std::string redaction_marker(Sensitivity reason) {
  return "[redacted: " + std::string(entry(reason) ? entry(reason)->reason : "withheld") + "]";
}

}  // namespace mash
