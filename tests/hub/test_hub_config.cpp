// The hub configuration file: the documented standard file reads as the standard configuration,
// and a wrong file is refused with every problem named by line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/hub_config_file.h"

namespace mash::app {
namespace {

std::string messages(const Error& e) {
  std::string out;
  for (const FieldError& f : e.fields) out += f.field + " | " + f.message + "\n";
  return out;
}

TEST(HubConfigFile, TheDocumentedFileIsTheStandardConfiguration) {
  const auto c = load_hub_config(MASH_SOURCE_DIR "/docs/hub-config.toml");
  ASSERT_TRUE(c.ok()) << describe_config_error(c.error());
  const HubConfig standard = HubConfig::standard();
  EXPECT_EQ(c->ratings, standard.ratings);
  EXPECT_EQ(c->thresholds, standard.thresholds);
  EXPECT_EQ(c->may_rate, standard.may_rate);
  EXPECT_EQ(c->may_decide, standard.may_decide);
  EXPECT_EQ(c->calendar.hours, standard.calendar.hours);
  EXPECT_EQ(c->calendar.closed, standard.calendar.closed);
  EXPECT_EQ(c->calendar.working_day_minutes, standard.calendar.working_day_minutes);
  EXPECT_EQ(c->dash.high_risk_score, 14);
  EXPECT_EQ(c->dash.escalation_incidents, 3);
  EXPECT_EQ(c->statutory, standard.statutory);
  EXPECT_EQ(c->wall, standard.wall);
  EXPECT_EQ(c->lawful_bases, standard.lawful_bases);
  EXPECT_EQ(c->ask_by_issue, standard.ask_by_issue);
  EXPECT_EQ(c->ask_otherwise, standard.ask_otherwise);
}

// Issue 5: the lawful bases and the agencies asked by default are the hub's to set; each problem
// is named with its place in the file.
TEST(HubConfigFile, LawfulBasesAndAgenciesToAsk) {
  const auto c = parse_hub_config(
      "[[lawful_bases]]\ncode = \"s47\"\nname = \"Children Act 1989 s47\"\n"
      "[research]\nask_otherwise = [\"police\"]\n[research.ask_by_issue]\nneglect = "
      "[\"health\", \"education\"]\n",
      "r.toml");
  ASSERT_TRUE(c.ok()) << describe_config_error(c.error());
  ASSERT_EQ(c->lawful_bases.size(), 1u);
  EXPECT_NE(c->lawful_basis("s47"), nullptr);
  EXPECT_EQ(c->lawful_basis("dpa_sch1_para18"), nullptr) << "the list replaces the standard one";
  EXPECT_EQ(c->agencies_to_ask({PresentingIssue::neglect, PresentingIssue::cse}),
            (std::vector<std::string>{"health", "education"}));
  EXPECT_EQ(c->agencies_to_ask({PresentingIssue::cse}), (std::vector<std::string>{"police"}));

  const auto bad = parse_hub_config(
      "[[lawful_bases]]\ncode = \"x\"\n[research]\nask_otherwise = [\"Police!\"]\n"
      "[research.ask_by_issue]\nbullying = [\"police\"]\n",
      "bad.toml");
  ASSERT_FALSE(bad.ok());
  const std::string all = describe_config_error(bad.error());
  EXPECT_NE(all.find("a lawful basis needs a code and a name"), std::string::npos) << all;
  EXPECT_NE(all.find("\"Police!\" is not an agency code"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown presenting issue \"bullying\""), std::string::npos) << all;
}

TEST(HubConfigFile, StatutoryTimescales) {
  const auto c = parse_hub_config(
      "[statutory]\nassessment = \"40 working days\"\ninitial_conference = \"10 working days\"\n",
      "s.toml");
  ASSERT_TRUE(c.ok()) << describe_config_error(c.error());
  EXPECT_EQ(c->statutory.assessment, (Timescale{40, TimeUnit::days, TimeCount::working}));
  EXPECT_EQ(c->statutory.initial_conference, (Timescale{10, TimeUnit::days, TimeCount::working}));
  EXPECT_EQ(c->statutory.referral_decision, HubConfig::standard().statutory.referral_decision);
  const auto bad =
      parse_hub_config("[statutory]\nassessment = \"45 weeks\"\nreview = \"1 day\"\n", "s.toml");
  ASSERT_FALSE(bad.ok());
  const std::string text = describe_config_error(bad.error());
  EXPECT_EQ(bad.error().fields.size(), 2u) << text;
  EXPECT_NE(text.find("s.toml line 2"), std::string::npos) << text;
  EXPECT_NE(text.find("review"), std::string::npos) << text;
}

TEST(HubConfigFile, DashThresholds) {
  const auto c =
      parse_hub_config("[dash]\nhigh_risk_score = 12\nescalation_incidents = 4\n", "d.toml");
  ASSERT_TRUE(c.ok()) << describe_config_error(c.error());
  EXPECT_EQ(c->dash.high_risk_score, 12);
  EXPECT_EQ(c->dash.escalation_incidents, 4);
  const auto bad = parse_hub_config("[dash]\nhigh_risk_score = 30\nescalation = 2\n", "d.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 2u);
  EXPECT_NE(describe_config_error(bad.error())
                .find("d.toml line 2: high_risk_score must be a whole number from 1 to 24"),
            std::string::npos)
      << describe_config_error(bad.error());
}

// The case tracker's wall mode: no names or ages unless the hub says so.
TEST(HubConfigFile, WallScreen) {
  EXPECT_EQ(HubConfig::standard().wall, (WallScreen{false, false}));
  const auto c = parse_hub_config("[tracker]\nwall_shows_ages = true\n", "t.toml");
  ASSERT_TRUE(c.ok()) << describe_config_error(c.error());
  EXPECT_EQ(c->wall, (WallScreen{false, true}));
  const auto bad = parse_hub_config("[tracker]\nwall_shows_names = \"yes\"\nwall = 1\n", "t.toml");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  const std::string said = describe_config_error(bad.error());
  EXPECT_NE(said.find("t.toml line 2: wall_shows_names must be true or false"), std::string::npos)
      << said;
  EXPECT_NE(said.find("unknown setting \"wall\" in [tracker]"), std::string::npos) << said;
}

TEST(HubConfigFile, AnEmptyFileGivesTheStandardConfiguration) {
  const auto c = parse_hub_config("", "empty.toml");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->ratings, HubConfig::standard().ratings);
}

TEST(HubConfigFile, AHubsOwnRules) {
  const auto c = parse_hub_config(R"(
[working_hours]
friday = "08:30-16:30"
saturday = "09:00 to 12:00"

[closures]
dates = [2026-12-24, "2027-01-04"]

[[ratings]]
code = "red"
name = "Red"
timescale = "2 hours"
partner_response = "1 hour"

[[ratings]]
code = "green"
name = "Green"
timescale = "2 working days"

[thresholds]
1 = "Universal"
2 = "Early help"
3 = "Child in need"

[roles]
rate = ["information_officer", "decision_maker"]
)",
                                  "merton.toml");
  ASSERT_TRUE(c.ok()) << describe_config_error(c.error());
  ASSERT_EQ(c->ratings.size(), 2u);
  EXPECT_EQ(c->rating("RED")->timescale, (Timescale{2, TimeUnit::hours, TimeCount::elapsed}));
  EXPECT_EQ(c->rating("green")->partner_response, std::nullopt);
  EXPECT_EQ(c->rating("amber"), nullptr);
  EXPECT_EQ(c->rating_codes(), "red, green");
  EXPECT_EQ(c->calendar.hours[4], (OpeningHours{510, 990}));
  EXPECT_EQ(c->calendar.hours[5], (OpeningHours{540, 720}));
  EXPECT_TRUE(c->calendar.closed.count({2026, 12, 24}));
  EXPECT_TRUE(c->calendar.closed.count({2027, 1, 4}));
  EXPECT_TRUE(c->calendar.closed.count({2026, 12, 28})) << "bank holidays still apply";
  EXPECT_EQ(c->thresholds.size(), 3u);
  EXPECT_EQ(c->thresholds[2].name, "Child in need");
  EXPECT_EQ(c->may_rate, (std::set<Role>{Role::information_officer, Role::decision_maker}));
  EXPECT_EQ(c->may_decide, HubConfig::standard().may_decide) << "left out: the standard";
}

// Every problem at once, each with its line and what to write.
TEST(HubConfigFile, EveryProblemIsNamedByLine) {
  const auto c = parse_hub_config(R"(time_zone = "Europe/Paris"
colour = "blue"

[working_hours]
monday = "17:00-08:30"
tuesday = "all day"

[[ratings]]
code = "red"
name = "Red"
timescale = "4 hrs"

[[ratings]]
code = "red"
name = "Also red"
timescale = "3 working days"
partner_respons = "2 hours"

[[ratings]]
name = "Nameless"

[thresholds]
1 = "Universal"
3 = "Targeted"

[roles]
rate = ["social_worker", "chief_executive"]
)",
                                  "hub.toml");
  ASSERT_FALSE(c.ok());
  const std::string all = messages(c.error());
  EXPECT_NE(c.error().message.find("hub.toml"), std::string::npos);
  EXPECT_NE(c.error().message.find("has not started"), std::string::npos);
  struct Expected {
    const char* field;
    const char* says;
  };
  const Expected expected[] = {
      {"time_zone", "hub.toml line 1: time_zone \"Europe/Paris\" is not supported"},
      {"colour", "hub.toml line 2: unknown setting \"colour\""},
      {"working_hours.monday", "hub.toml line 5: \"17:00-08:30\": the hub must open before it"},
      {"working_hours.tuesday", "hub.toml line 6: \"all day\" is not opening hours"},
      {"ratings[1].timescale", "hub.toml line 11: \"4 hrs\" is not a timescale"},
      {"ratings[2].code", "hub.toml line 14: two ratings have the code \"red\""},
      {"ratings[2].partner_respons", "hub.toml line 17: unknown setting \"partner_respons\""},
      {"ratings[3].code", "hub.toml line 19: a rating needs a code"},
      {"ratings[3].timescale", "hub.toml line 19: a rating needs a timescale"},
      {"thresholds", "must run 1, 2, 3"},
      {"roles.rate", "hub.toml line 27: unknown role \"chief_executive\""},
  };
  for (const Expected& e : expected) {
    bool found = false;
    for (const FieldError& f : c.error().fields)
      found = found || (f.field == e.field && f.message.find(e.says) != std::string::npos);
    EXPECT_TRUE(found) << "expected " << e.field << ": " << e.says << "\nin:\n" << all;
  }
  EXPECT_EQ(c.error().fields.size(), std::size(expected)) << all;
}

TEST(HubConfigFile, ATomlSyntaxErrorIsNamedByLine) {
  const auto c =
      parse_hub_config("[working_hours]\nmonday = \"08:30-17:00\nfriday = 1\n", "x.toml");
  ASSERT_FALSE(c.ok());
  ASSERT_EQ(c.error().fields.size(), 1u);
  EXPECT_EQ(c.error().fields[0].message.rfind("x.toml line 2: ", 0), 0u)
      << c.error().fields[0].message;
}

TEST(HubConfigFile, AnUnreadableFileIsNamed) {
  const auto c = load_hub_config("/nonexistent/hub.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(describe_config_error(c.error()).find("/nonexistent/hub.toml"), std::string::npos);
}

TEST(HubConfigFile, AHubOpenOnNoDayIsRefused) {
  std::string closed_all_week = "[working_hours]\n";
  for (const char* d :
       {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
    closed_all_week += std::string(d) + " = \"closed\"\n";
  const auto c = parse_hub_config(closed_all_week, "closed.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(messages(c.error()).find("at least one day"), std::string::npos);
}

}  // namespace
}  // namespace mash::app
