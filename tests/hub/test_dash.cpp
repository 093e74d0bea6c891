// DASH (issue 4): recording a contact's DASH risk identification checklist through the Hub on a
// real database: the outcome, the history, who may, bad input storing nothing, the audit (score,
// level and MARAC only), the live boards told; and the configuration for the admin page.
#include "app/change_feed.h"
#include "app/hub_config_file.h"
#include "hub_fixture.h"
#include "store/dash.h"

namespace mash::testing {
namespace {

using DashInput = app::Hub::DashInput;

// `yes` questions answered yes (from question 1), the rest `rest`.
DashInput answered(int yes, const std::string& rest = "no") {
  DashInput in;
  for (int n = 1; n <= kDashQuestions; ++n) in.answers[std::to_string(n)] = n <= yes ? "yes" : rest;
  in.incidents_last_12_months = "0";
  return in;
}

class DashTest : public HubTest {
 protected:
  size_t stored(int64_t id) {
    size_t n = 0;
    db_->read([&](store::Tx& tx) { n = store::dash_of(tx, id).size(); });
    return n;
  }
};

TEST_F(DashTest, VisibleHighRiskIsAMaracReferralKeptWithItsAnswers) {
  const Contact c = received();
  const User sw = add_user(Role::social_worker);
  const uint64_t seen = hub_->changes().seq();
  DashInput in = answered(16);
  in.answers["20"] = "not_known";
  in.incidents_last_12_months = "4";
  in.subject_id = c.subjects.at(0).id;
  auto recorded = hub_->record_dash(actor_of(sw), c.id, in);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_GT(recorded->id, 0);
  EXPECT_EQ(recorded->outcome.score, 16);
  EXPECT_EQ(recorded->outcome.answered, 24);
  EXPECT_EQ(recorded->outcome.level, RiskLevel::high);
  EXPECT_TRUE(recorded->outcome.refer_to_marac());
  EXPECT_EQ(recorded->outcome.routes, (std::vector<MaracRoute>{MaracRoute::visible_high_risk,
                                                               MaracRoute::potential_escalation}));
  EXPECT_EQ(recorded->high_risk_score, 14);
  EXPECT_EQ(recorded->assessed_by, sw.username);
  EXPECT_EQ(to_rfc3339(recorded->assessed_at), "2026-11-20T10:00:00+00:00");

  const auto batch = hub_->changes().wait_after(seen, std::chrono::milliseconds(0));
  EXPECT_NE(std::find(batch.contacts.begin(), batch.contacts.end(), c.id), batch.contacts.end())
      << "live boards hear of it";

  auto history = hub_->dash_of(actor_of(sw), c.id);
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), 1u);
  const auto& a = history->front();
  EXPECT_EQ(a.checklist.answers[0], DashAnswer::yes);
  EXPECT_EQ(a.checklist.answers[19], DashAnswer::not_known);
  EXPECT_EQ(a.checklist.answers[23], DashAnswer::no);
  EXPECT_EQ(a.checklist.incidents_last_12_months, 4);
  EXPECT_EQ(a.subject_id, c.subjects.at(0).id);
  EXPECT_EQ(a.outcome.routes, recorded->outcome.routes);
  EXPECT_EQ(a.outcome.level, RiskLevel::high);

  // The audit says the outcome, never the answers.
  const auto audit = audit_of(c.id);
  const auto rec = std::find_if(audit.begin(), audit.end(),
                                [](const store::AuditRow& r) { return r.action == "dash.record"; });
  ASSERT_NE(rec, audit.end());
  EXPECT_EQ(rec->detail,
            "score 16 of 24; level high; MARAC referral: yes (visible_high_risk,"
            "potential_escalation)");
  EXPECT_TRUE(std::any_of(audit.begin(), audit.end(),
                          [](const store::AuditRow& r) { return r.action == "dash.view"; }));
}

// A new checklist supersedes the last; the history is kept. Professional judgement raises the
// level below the score's threshold and is a route to MARAC; it never lowers a high score.
TEST_F(DashTest, ANewChecklistSupersedesAndJudgementRaisesNeverLowers) {
  const Contact c = received();
  const User dm = add_user(Role::decision_maker);
  auto first = hub_->record_dash(actor_of(dm), c.id, answered(5));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->outcome.level, RiskLevel::standard);
  EXPECT_FALSE(first->outcome.refer_to_marac());

  DashInput judged = answered(6);
  judged.judgement = "high";
  judged.judgement_reason = "She fears for her life since he was released";
  auto second = hub_->record_dash(actor_of(dm), c.id, judged);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->outcome.level, RiskLevel::high);
  EXPECT_EQ(second->outcome.routes, std::vector<MaracRoute>{MaracRoute::professional_judgement});

  DashInput lowered = answered(15);
  lowered.judgement = "standard";
  lowered.judgement_reason = "Thinks it is settling down";
  auto third = hub_->record_dash(actor_of(dm), c.id, lowered);
  ASSERT_TRUE(third.ok()) << third.error().message;
  EXPECT_EQ(third->outcome.level, RiskLevel::high) << "judgement never lowers a score";

  auto history = hub_->dash_of(actor_of(dm), c.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].outcome.score, 5);
  EXPECT_EQ((*history)[1].checklist.judgement_reason,
            "She fears for her life since he was released");
  EXPECT_EQ((*history)[2].outcome.score, 15);
}

// The case tracker flags a contact whose latest checklist meets a route to MARAC, and only then.
TEST_F(DashTest, TheTrackerFlagsAMaracReferral) {
  const Contact c = received();
  const User dm = add_user(Role::decision_maker);
  auto flagged = [&]() -> std::optional<bool> {
    auto items = hub_->tracker(actor_of(dm), {});
    if (!items.ok()) return std::nullopt;
    for (const app::TrackerItem& i : *items)
      if (i.contact_id == c.id) return i.marac;
    return std::nullopt;
  };
  EXPECT_EQ(flagged(), false) << "no checklist yet";
  ASSERT_TRUE(hub_->record_dash(actor_of(dm), c.id, answered(14)).ok());
  EXPECT_EQ(flagged(), true) << "visible high risk at 14";
  ASSERT_TRUE(hub_->record_dash(actor_of(dm), c.id, answered(3)).ok());
  EXPECT_EQ(flagged(), false) << "the latest checklist supersedes";
}

TEST_F(DashTest, EveryProblemIsNamedAndNothingIsStored) {
  const Contact c = received();
  const User dm = add_user(Role::decision_maker);
  DashInput in = answered(3);
  in.answers.erase("7");
  in.answers["12"] = "maybe";
  in.answers["25"] = "yes";
  in.judgement = "high";
  in.judgement_reason = "  ";
  in.incidents_last_12_months = "two";
  in.previous_marac_referral = "2026-02-30";
  auto refused = hub_->record_dash(actor_of(dm), c.id, in);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().kind, Error::Kind::invalid);
  std::vector<std::string> fields;
  for (const FieldError& f : refused.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"answers.25", "answers.7", "answers.12",
                                              "incidents_last_12_months", "previous_marac_referral",
                                              "judgement_reason"}));
  EXPECT_EQ(refused.error().fields[1].message,
            "Answer question 7 (Conflict over child contact): yes, no or not known");
  EXPECT_EQ(refused.error().fields[2].message,
            "Answer question 12 (Controlling or excessively jealous) with yes, no or not known");

  struct Row {
    const char* incidents;
    const char* judgement;
    const char* marac;
    const char* field;
  };
  const Row rows[] = {
      {"", "", "", "incidents_last_12_months"},
      {"-1", "", "", "incidents_last_12_months"},
      {"1001", "", "", "incidents_last_12_months"},
      {"0", "extreme", "", "judgement"},
      {"0", "", "2026-12-01", "previous_marac_referral"},
  };
  for (const Row& r : rows) {
    DashInput bad = answered(2);
    bad.incidents_last_12_months = r.incidents;
    bad.judgement = r.judgement;
    bad.previous_marac_referral = r.marac;
    auto result = hub_->record_dash(actor_of(dm), c.id, bad);
    ASSERT_FALSE(result.ok()) << r.field;
    ASSERT_EQ(result.error().fields.size(), 1u) << r.field;
    EXPECT_EQ(result.error().fields[0].field, r.field);
  }
  DashInput stranger = answered(2);
  stranger.subject_id = 999999999;
  auto not_a_subject = hub_->record_dash(actor_of(dm), c.id, stranger);
  ASSERT_FALSE(not_a_subject.ok());
  EXPECT_EQ(not_a_subject.error().fields.at(0).field, "subject_id");
  EXPECT_EQ(stored(c.id), 0u) << "nothing stored";
  EXPECT_EQ(hub_->record_dash(actor_of(dm), 999999999, answered(2)).error().kind,
            Error::Kind::not_found);
}

// By default social workers, decision makers and hub managers record a checklist (the roles the
// configuration lets rate); other hub staff see it; agency systems and practitioners neither.
TEST_F(DashTest, TheConfiguredRolesRecordAndHubStaffSee) {
  const Contact c = received();
  const User admin = add_user(Role::referral_administrator);
  auto refused = hub_->record_dash(actor_of(admin), c.id, answered(1));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::Kind::forbidden);
  const auto audit = audit_of(c.id);
  EXPECT_TRUE(std::any_of(audit.begin(), audit.end(), [](const store::AuditRow& r) {
    return r.action == "dash.record" && r.outcome != "allowed";
  })) << "the refusal is audited";
  EXPECT_TRUE(hub_->dash_of(actor_of(admin), c.id).ok());

  const policy::Actor feed{policy::Actor::Kind::agency_system, 0, "feed", std::nullopt, "police"};
  EXPECT_EQ(hub_->record_dash(feed, c.id, answered(1)).error().kind, Error::Kind::forbidden);
  EXPECT_EQ(hub_->dash_of(feed, c.id).error().kind, Error::Kind::forbidden);
  const User practitioner = add_user(Role::agency_practitioner, "police");
  EXPECT_EQ(hub_->dash_of(actor_of(practitioner), c.id).error().kind, Error::Kind::forbidden);
  EXPECT_EQ(stored(c.id), 0u);

  // A hub whose configuration lets referral administrators rate, with its own threshold.
  app::HubOptions options;
  options.password_opslimit = 1;
  options.password_memlimit = 8u * 1024 * 1024;
  options.person_matching = false;
  options.config.may_rate.insert(Role::referral_administrator);
  options.config.dash = DashRules{10, 3};
  app::Hub permissive(*db_, clock_, options);
  auto done = permissive.record_dash(actor_of(admin), c.id, answered(10));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->outcome.level, RiskLevel::high);
  EXPECT_EQ(done->high_risk_score, 10);
}

TEST_F(DashTest, TheConfigurationIsForHubStaffAndItsOverseers) {
  for (Role role : {Role::referral_administrator, Role::hub_manager, Role::auditor, Role::analyst,
                    Role::system_administrator}) {
    auto config = hub_->configuration(actor_of(add_user(role)));
    ASSERT_TRUE(config.ok()) << code_of(role);
    EXPECT_EQ(config->dash.high_risk_score, 14);
    EXPECT_TRUE(config->source.empty()) << "the standard configuration";
  }
  EXPECT_EQ(
      hub_->configuration(actor_of(add_user(Role::agency_practitioner, "police"))).error().kind,
      Error::Kind::forbidden);
  const policy::Actor feed{policy::Actor::Kind::agency_system, 0, "feed", std::nullopt, "police"};
  EXPECT_EQ(hub_->configuration(feed).error().kind, Error::Kind::forbidden);

  // A hub started with --config says which file its rules came from.
  const std::string path = MASH_SOURCE_DIR "/docs/hub-config.toml";
  auto loaded = app::load_hub_config(path);
  ASSERT_TRUE(loaded.ok());
  app::HubOptions options;
  options.person_matching = false;
  options.config = *loaded;
  app::Hub configured(*db_, clock_, options);
  auto shown = configured.configuration(actor_of(add_user(Role::hub_manager)));
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown->source, path);
}

}  // namespace
}  // namespace mash::testing
