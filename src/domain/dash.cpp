#include "domain/dash.h"

#include <algorithm>

namespace mash {
namespace {

constexpr std::string_view kTopics[kDashQuestions] = {
    "Current injury",
    "Very frightened",
    "What the victim is afraid of",
    "Isolated from family or friends",
    "Depressed or having suicidal thoughts",
    "Separated or tried to separate in the past year",
    "Conflict over child contact",
    "Constant contact, stalking or harassment",
    "Pregnant or a baby in the last 18 months",
    "Abuse happening more often",
    "Abuse getting worse",
    "Controlling or excessively jealous",
    "Weapons or objects used to hurt",
    "Threats to kill",
    "Strangulation, choking, suffocation or drowning",
    "Sexual abuse",
    "Another person threatening the victim",
    "Hurt children or dependants, or anyone else",
    "Mistreated an animal or the family pet",
    "Financial issues",
    "Drugs, alcohol or mental health problems",
    "Threatened or attempted suicide",
    "Broken bail, an injunction or an agreement",
    "Trouble with the police or a criminal history",
};

}  // namespace

std::optional<DashAnswer> parse_dash_answer(std::string_view code) {
  if (code == "yes") return DashAnswer::yes;
  if (code == "no") return DashAnswer::no;
  if (code == "not_known") return DashAnswer::not_known;
  if (code == "not_asked") return DashAnswer::not_asked;
  return std::nullopt;
}

std::string_view code_of(DashAnswer a) {
  switch (a) {
    case DashAnswer::yes:
      return "yes";
    case DashAnswer::no:
      return "no";
    case DashAnswer::not_known:
      return "not_known";
    case DashAnswer::not_asked:
      break;
  }
  return "not_asked";
}

std::string_view dash_topic(int number) {
  if (number < 1 || number > kDashQuestions) return {};
  return kTopics[number - 1];
}

std::string_view code_of(RiskLevel r) {
  switch (r) {
    case RiskLevel::high:
      return "high";
    case RiskLevel::medium:
      return "medium";
    case RiskLevel::standard:
      break;
  }
  return "standard";
}

std::optional<RiskLevel> parse_risk_level(std::string_view code) {
  for (RiskLevel r : {RiskLevel::standard, RiskLevel::medium, RiskLevel::high})
    if (code == code_of(r)) return r;
  return std::nullopt;
}

std::string_view code_of(MaracRoute r) {
  switch (r) {
    case MaracRoute::visible_high_risk:
      return "visible_high_risk";
    case MaracRoute::professional_judgement:
      return "professional_judgement";
    case MaracRoute::potential_escalation:
      return "potential_escalation";
    case MaracRoute::repeat_referral:
      return "repeat_referral";
  }
  return "";
}

std::optional<MaracRoute> parse_marac_route(std::string_view code) {
  for (MaracRoute r : {MaracRoute::visible_high_risk, MaracRoute::professional_judgement,
                       MaracRoute::potential_escalation, MaracRoute::repeat_referral})
    if (code == code_of(r)) return r;
  return std::nullopt;
}

std::string_view describe(MaracRoute r) {
  switch (r) {
    case MaracRoute::visible_high_risk:
      return "Visible high risk: the checklist's score";
    case MaracRoute::professional_judgement:
      return "Professional judgement: the practitioner judged the risk high";
    case MaracRoute::potential_escalation:
      return "Potential escalation: repeated incidents in the last 12 months";
    case MaracRoute::repeat_referral:
      return "Repeat referral: referred to a MARAC in the last 12 months";
  }
  return "";
}

DashOutcome assess(const DashChecklist& checklist, const Date& today, const DashRules& rules) {
  DashOutcome out;
  for (DashAnswer a : checklist.answers) {
    out.score += a == DashAnswer::yes;
    out.answered += a != DashAnswer::not_asked;
  }
  const bool visible = out.score >= rules.high_risk_score;
  out.level = visible ? RiskLevel::high : RiskLevel::standard;
  if (checklist.judgement && *checklist.judgement > out.level) out.level = *checklist.judgement;
  if (visible) out.routes.push_back(MaracRoute::visible_high_risk);
  if (checklist.judgement == RiskLevel::high)
    out.routes.push_back(MaracRoute::professional_judgement);
  if (checklist.incidents_last_12_months >= rules.escalation_incidents)
    out.routes.push_back(MaracRoute::potential_escalation);
  if (checklist.previous_marac_referral) {
    const Date year_ago{today.year - 1, today.month,
                        std::min(today.day, days_in_month(today.year - 1, today.month))};
    if (*checklist.previous_marac_referral >= year_ago &&
        *checklist.previous_marac_referral <= today)
      out.routes.push_back(MaracRoute::repeat_referral);
  }
  return out;
}

Status validate(const DashChecklist& checklist, const Date& today) {
  std::vector<FieldError> errors;
  if (checklist.judgement &&
      checklist.judgement_reason.find_first_not_of(" \t\r\n") == std::string::npos)
    errors.push_back({"judgement_reason", "Say why you judge the risk as you do"});
  if (checklist.incidents_last_12_months < 0)
    errors.push_back({"incidents_last_12_months", "The number of incidents must be 0 or more"});
  if (checklist.previous_marac_referral && *checklist.previous_marac_referral > today)
    errors.push_back(
        {"previous_marac_referral", "The last MARAC referral cannot be in the future"});
  if (!errors.empty()) return Error::invalid(std::move(errors), "The checklist has not been saved");
  return ok_status();
}

}  // namespace mash
