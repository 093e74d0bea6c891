#include <gtest/gtest.h>

#include "domain/dash.h"

namespace mash {
namespace {

const Date kToday{2026, 11, 24};

DashChecklist with_yes(int count, DashAnswer rest = DashAnswer::no) {
  DashChecklist c;
  for (int i = 0; i < kDashQuestions; ++i)
    c.answers[static_cast<size_t>(i)] = i < count ? DashAnswer::yes : rest;
  return c;
}

TEST(Dash, TwentyFourTopicsInTheChecklistsOrder) {
  EXPECT_EQ(dash_topic(1), "Current injury");
  EXPECT_EQ(dash_topic(15), "Strangulation, choking, suffocation or drowning");
  EXPECT_EQ(dash_topic(24), "Trouble with the police or a criminal history");
  EXPECT_TRUE(dash_topic(0).empty());
  EXPECT_TRUE(dash_topic(25).empty());
  for (int i = 1; i <= kDashQuestions; ++i) EXPECT_FALSE(dash_topic(i).empty()) << i;
  for (const char* code : {"yes", "no", "not_known", "not_asked"})
    EXPECT_EQ(code_of(*parse_dash_answer(code)), code);
  EXPECT_FALSE(parse_dash_answer("Yes").has_value());
  EXPECT_FALSE(parse_dash_answer("maybe").has_value());
  for (const char* code : {"standard", "medium", "high"})
    EXPECT_EQ(code_of(*parse_risk_level(code)), code);
  EXPECT_FALSE(parse_risk_level("High").has_value());
  for (const char* code :
       {"visible_high_risk", "professional_judgement", "potential_escalation", "repeat_referral"})
    EXPECT_EQ(code_of(*parse_marac_route(code)), code);
  EXPECT_FALSE(parse_marac_route("judgement").has_value());
}

TEST(Dash, ScoresLevelsAndRoutesToMarac) {
  struct Row {
    const char* why;
    DashChecklist checklist;
    int score;
    int answered;
    RiskLevel level;
    std::vector<MaracRoute> routes;
  };
  auto judged = [](DashChecklist c, RiskLevel r) {
    c.judgement = r;
    c.judgement_reason = "Victim's account and injuries seen";
    return c;
  };
  auto incidents = [](DashChecklist c, int n) {
    c.incidents_last_12_months = n;
    return c;
  };
  auto referred = [](DashChecklist c, Date d) {
    c.previous_marac_referral = d;
    return c;
  };
  DashChecklist partly = with_yes(5, DashAnswer::not_asked);
  partly.answers[10] = DashAnswer::not_known;
  const Row rows[] = {
      {"nothing asked yet", DashChecklist{}, 0, 0, RiskLevel::standard, {}},
      {"13 yes: below visible high risk", with_yes(13), 13, 24, RiskLevel::standard, {}},
      {"14 yes: visible high risk",
       with_yes(14),
       14,
       24,
       RiskLevel::high,
       {MaracRoute::visible_high_risk}},
      {"24 yes", with_yes(24), 24, 24, RiskLevel::high, {MaracRoute::visible_high_risk}},
      {"not known is not yes",
       with_yes(13, DashAnswer::not_known),
       13,
       24,
       RiskLevel::standard,
       {}},
      {"partly answered", partly, 5, 6, RiskLevel::standard, {}},
      {"judgement raises to medium: no MARAC route",
       judged(with_yes(8), RiskLevel::medium),
       8,
       24,
       RiskLevel::medium,
       {}},
      {"judgement raises to high: a route below 14",
       judged(with_yes(9), RiskLevel::high),
       9,
       24,
       RiskLevel::high,
       {MaracRoute::professional_judgement}},
      {"judgement never lowers a high score",
       judged(with_yes(16), RiskLevel::standard),
       16,
       24,
       RiskLevel::high,
       {MaracRoute::visible_high_risk}},
      {"3 incidents in 12 months: potential escalation",
       incidents(with_yes(4), 3),
       4,
       24,
       RiskLevel::standard,
       {MaracRoute::potential_escalation}},
      {"2 incidents: not yet", incidents(with_yes(4), 2), 4, 24, RiskLevel::standard, {}},
      {"referred to a MARAC 11 months ago: repeat",
       referred(with_yes(2), {2025, 12, 24}),
       2,
       24,
       RiskLevel::standard,
       {MaracRoute::repeat_referral}},
      {"referred a year ago to the day: still within 12 months",
       referred(with_yes(2), {2025, 11, 24}),
       2,
       24,
       RiskLevel::standard,
       {MaracRoute::repeat_referral}},
      {"referred 13 months ago: not a repeat",
       referred(with_yes(2), {2025, 10, 20}),
       2,
       24,
       RiskLevel::standard,
       {}},
      {"every route at once",
       referred(incidents(judged(with_yes(20), RiskLevel::high), 5), {2026, 6, 1}),
       20,
       24,
       RiskLevel::high,
       {MaracRoute::visible_high_risk, MaracRoute::professional_judgement,
        MaracRoute::potential_escalation, MaracRoute::repeat_referral}},
  };
  for (const Row& r : rows) {
    const DashOutcome o = assess(r.checklist, kToday);
    EXPECT_EQ(o.score, r.score) << r.why;
    EXPECT_EQ(o.answered, r.answered) << r.why;
    EXPECT_EQ(o.level, r.level) << r.why << ": " << code_of(o.level);
    EXPECT_EQ(o.routes, r.routes) << r.why;
    EXPECT_EQ(o.refer_to_marac(), !r.routes.empty()) << r.why;
  }
}

TEST(Dash, TheHubsOwnThresholds) {
  const DashRules rules{12, 2};
  EXPECT_EQ(assess(with_yes(12), kToday, rules).level, RiskLevel::high);
  DashChecklist c = with_yes(1);
  c.incidents_last_12_months = 2;
  EXPECT_EQ(assess(c, kToday, rules).routes,
            std::vector<MaracRoute>{MaracRoute::potential_escalation});
}

TEST(Dash, ValidationNamesEachProblem) {
  DashChecklist c = with_yes(3);
  EXPECT_TRUE(validate(c, kToday).ok());
  c.judgement = RiskLevel::high;
  c.judgement_reason = "  ";
  c.incidents_last_12_months = -1;
  c.previous_marac_referral = Date{2026, 12, 1};
  const Status s = validate(c, kToday);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 3u);
  EXPECT_EQ(s.error().fields[0].field, "judgement_reason");
  EXPECT_EQ(s.error().fields[1].field, "incidents_last_12_months");
  EXPECT_EQ(s.error().fields[2].field, "previous_marac_referral");
}

}  // namespace
}  // namespace mash
