// The DASH risk identification checklist (SafeLives, 2009) for domestic-abuse contacts, and the
// routes to a MARAC (multi-agency risk assessment conference). Answers are stored by question
// number: the exact wording of the 24 questions is SafeLives', so the hub shows short topics and
// the practitioner asks the questions from the checklist itself. Pure and table-tested.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/time.h"

namespace mash {

inline constexpr int kDashQuestions = 24;

enum class DashAnswer { not_asked, yes, no, not_known };

// "yes", "no", "not_known" (and "not_asked"); nullopt for anything else.
std::optional<DashAnswer> parse_dash_answer(std::string_view code);
std::string_view code_of(DashAnswer a);

// The topic of question `number` (1–24), in the checklist's order: "Current injury",
// "Very frightened", … "Criminal history".
std::string_view dash_topic(int number);

enum class RiskLevel { standard, medium, high };
std::string_view code_of(RiskLevel r);  // "standard", "medium", "high"
// The level a code names; nullopt for anything else.
std::optional<RiskLevel> parse_risk_level(std::string_view code);

struct DashChecklist {
  std::array<DashAnswer, kDashQuestions> answers{};  // answers[0] is question 1
  // The practitioner's professional judgement of the risk: it can raise the level the score
  // gives, never lower it. `judgement_reason` is needed when it is given.
  std::optional<RiskLevel> judgement;
  std::string judgement_reason;
  int incidents_last_12_months = 0;             // domestic abuse incidents known to the police
  std::optional<Date> previous_marac_referral;  // the victim's last referral to a MARAC
};

// The hub's rules (configuration): SafeLives' defaults.
struct DashRules {
  int high_risk_score = 14;      // "yes" answers that make visible high risk
  int escalation_incidents = 3;  // incidents in 12 months that make potential escalation
};

enum class MaracRoute {
  visible_high_risk,       // the score reached high_risk_score
  professional_judgement,  // the practitioner judged the risk high
  potential_escalation,    // escalation_incidents or more incidents in the last 12 months
  repeat_referral,         // referred to a MARAC in the 12 months before `today`
};
// "Visible high risk: the checklist's score", "Professional judgement: …", …
std::string_view describe(MaracRoute r);
// "visible_high_risk", "professional_judgement", "potential_escalation", "repeat_referral": how
// the store and the API name a route; parse_marac_route reads them back (nullopt otherwise).
std::string_view code_of(MaracRoute r);
std::optional<MaracRoute> parse_marac_route(std::string_view code);

struct DashOutcome {
  int score = 0;     // "yes" answers
  int answered = 0;  // questions answered yes, no or not known
  RiskLevel level = RiskLevel::standard;
  std::vector<MaracRoute> routes;  // every route met, in the order of MaracRoute
  bool refer_to_marac() const { return !routes.empty(); }
};

// Scores a checklist on `today`. The level is high when the score reaches the rules' threshold,
// otherwise standard — raised (never lowered) by professional judgement.
DashOutcome assess(const DashChecklist& checklist, const Date& today, const DashRules& rules = {});

// Checks a checklist before it is stored: a judgement needs its reason; incidents are 0 or more;
// a previous MARAC referral is not in the future. Field paths: "judgement_reason",
// "incidents_last_12_months", "previous_marac_referral".
Status validate(const DashChecklist& checklist, const Date& today);

}  // namespace mash
