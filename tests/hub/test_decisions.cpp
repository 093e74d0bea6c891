// Screening's decision (issue 4): threshold and route, the worker, the clocks it meets, statutory
// clocks, breaches recorded and told to hub managers — through the Hub on a real database.
#include <soci/soci.h>

#include <thread>

#include "app/change_feed.h"
#include "hub_fixture.h"

namespace mash::testing {
namespace {

class DecisionTest : public HubTest {
 protected:
  Contact rated(const char* when, const char* rating, const User& by) {
    Contact c = received(when);
    auto r = hub_->rate_contact(actor_of(by), c.id, rating, "Screened: rating given");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return c;
  }
  static app::DecisionDraft draft(const char* route, int threshold, std::string worker = "") {
    return {route, threshold, std::move(worker), "Threshold met on the police information", ""};
  }
  static const app::ClockState* clock(const app::ContactScreening& s, const char* name) {
    for (const auto& c : s.clocks)
      if (c.clock == name) return &c;
    return nullptr;
  }
};

TEST_F(DecisionTest, NoFurtherActionDecidesTheContactAndMeetsItsClocks) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));  // Monday
  const User dm = add_user(Role::decision_maker);
  const Contact c = rated("2026-11-23T09:00:00+00:00", "green", dm);
  clock_.set(at("2026-11-23T11:30:00+00:00"));
  auto decided = hub_->decide_contact(actor_of(dm), c.id, draft("no_further_action", 1));
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  EXPECT_EQ(decided->status, ContactStatus::decided);
  ASSERT_EQ(decided->decisions.size(), 1u);
  EXPECT_EQ(decided->decisions[0].route, Route::no_further_action);
  EXPECT_EQ(decided->decisions[0].threshold_name, "Universal");
  EXPECT_EQ(decided->decisions[0].decided_by, dm.username);
  EXPECT_EQ(decided->worker, dm.username) << "the rater stays the worker";

  const app::ClockState* decision = clock(*decided, "decision");
  ASSERT_NE(decision, nullptr);
  ASSERT_TRUE(decision->met_at.has_value());
  EXPECT_EQ(to_rfc3339(*decision->met_at), "2026-11-23T11:30:00+00:00");
  EXPECT_FALSE(decision->overdue);
  const app::ClockState* referral = clock(*decided, "referral_decision");
  ASSERT_NE(referral, nullptr);
  EXPECT_EQ(to_rfc3339(referral->due_at), "2026-11-24T09:00:00+00:00");
  EXPECT_TRUE(referral->met_at.has_value());
  EXPECT_EQ(clock(*decided, "assessment"), nullptr) << "threshold 1 starts no assessment";

  // The clock stays met: later it is neither running nor overdue.
  clock_.set(at("2026-12-10T10:00:00+00:00"));
  auto later = hub_->contact_clock(actor_of(dm), c.id);
  ASSERT_TRUE(later.ok());
  ASSERT_TRUE(later->met_at.has_value());
  EXPECT_FALSE(later->overdue);

  // Decided: no second decision, no new rating.
  auto again = hub_->decide_contact(actor_of(dm), c.id, draft("advice_signpost", 2));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, Error::Kind::conflict);
  auto rerate = hub_->rate_contact(actor_of(dm), c.id, "red", "Too late");
  ASSERT_FALSE(rerate.ok());
  EXPECT_EQ(rerate.error().kind, Error::Kind::conflict);

  const auto audit = audit_of(c.id);
  const auto event = std::find_if(audit.begin(), audit.end(), [](const store::AuditRow& r) {
    return r.action == "contact.decide";
  });
  ASSERT_NE(event, audit.end());
  EXPECT_EQ(event->detail, "route no_further_action; threshold 1");
}

TEST_F(DecisionTest, AMashEnquiryKeepsTheClockRunningAndStartsTheAssessment) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));
  const User dm = add_user(Role::decision_maker);
  const User sw = add_user(Role::social_worker);
  const Contact c = rated("2026-11-23T09:00:00+00:00", "amber", sw);
  auto d = hub_->decide_contact(actor_of(dm), c.id, draft("mash_enquiry", 3, sw.username));
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->status, ContactStatus::enquiry);
  EXPECT_EQ(d->worker, sw.username);
  const app::ClockState* decision = clock(*d, "decision");
  ASSERT_NE(decision, nullptr);
  EXPECT_FALSE(decision->met_at.has_value()) << "the enquiry's decision meets it";
  EXPECT_TRUE(clock(*d, "referral_decision")->met_at.has_value());
  const app::ClockState* assessment = clock(*d, "assessment");
  ASSERT_NE(assessment, nullptr);
  EXPECT_EQ(to_rfc3339(assessment->due_at), "2027-01-28T09:00:00+00:00")
      << "45 working days from the referral, Christmas and New Year closed";

  // The enquiry's outcome ends it, with a strategy discussion that starts the conference clock.
  clock_.set(at("2026-11-23T15:00:00+00:00"));
  app::DecisionDraft outcome = draft("allocated_worker", 4, sw.username);
  outcome.strategy_discussion_at = "2026-11-23T14:30";
  auto ended = hub_->decide_contact(actor_of(dm), c.id, outcome);
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  EXPECT_EQ(ended->status, ContactStatus::decided);
  ASSERT_TRUE(clock(*ended, "decision")->met_at.has_value());
  const app::ClockState* icpc = clock(*ended, "initial_conference");
  ASSERT_NE(icpc, nullptr);
  EXPECT_EQ(to_rfc3339(icpc->started_at), "2026-11-23T14:30:00+00:00");
  EXPECT_EQ(to_rfc3339(icpc->due_at), "2026-12-14T14:30:00+00:00");
}

TEST_F(DecisionTest, BadDecisionsAreRefusedWithEveryProblemAndNothingStored) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));
  const User dm = add_user(Role::decision_maker);
  const Contact c = rated("2026-11-23T09:00:00+00:00", "green", dm);
  app::DecisionDraft bad{"send_to_mars", 9, "", "  ", "yesterday"};
  auto r = hub_->decide_contact(actor_of(dm), c.id, bad);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().kind, Error::Kind::invalid);
  std::set<std::string> fields;
  for (const auto& f : r.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"route", "threshold", "rationale", "strategy_discussion_at"}));

  auto no_worker = hub_->decide_contact(actor_of(dm), c.id, draft("allocated_worker", 3));
  ASSERT_FALSE(no_worker.ok());
  EXPECT_EQ(no_worker.error().fields.at(0).field, "worker");
  auto unknown = hub_->decide_contact(actor_of(dm), c.id, draft("allocated_worker", 3, "nobody"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().fields.at(0).message.find("no active hub worker"), std::string::npos);

  auto s = hub_->screening_of(actor_of(dm), c.id);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->decisions.empty());
  EXPECT_EQ(s->status, ContactStatus::screening);

  // Not rated yet: rate first.
  const Contact unrated = received("2026-11-23T09:30:00+00:00");
  auto early = hub_->decide_contact(actor_of(dm), unrated.id, draft("no_further_action", 1));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().kind, Error::Kind::conflict);
  // Blue is an information request: no MASH enquiry.
  const Contact blue = rated("2026-11-23T09:40:00+00:00", "blue", dm);
  auto enquiry = hub_->decide_contact(actor_of(dm), blue.id, draft("mash_enquiry", 2));
  ASSERT_FALSE(enquiry.ok());
  EXPECT_NE(enquiry.error().fields.at(0).message.find("does not go to a MASH enquiry"),
            std::string::npos);
}

TEST_F(DecisionTest, OnlyTheConfiguredRolesDecide) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));
  const User sw = add_user(Role::social_worker);
  const Contact c = rated("2026-11-23T09:00:00+00:00", "green", sw);
  auto r = hub_->decide_contact(actor_of(sw), c.id, draft("no_further_action", 1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::forbidden);
  const auto audit = audit_of(c.id);
  EXPECT_TRUE(std::any_of(audit.begin(), audit.end(), [](const store::AuditRow& a) {
    return a.action == "contact.decide" && a.outcome == "denied";
  }));
  // Refused before the input is looked at: a role that may not decide is not told what is wrong
  // with a decision.
  EXPECT_EQ(hub_->decide_contact(actor_of(sw), c.id, app::DecisionDraft{}).error().kind,
            Error::Kind::forbidden);
  EXPECT_EQ(hub_->decide_contact(actor_of(add_user(Role::referral_administrator)), c.id,
                                 draft("nowhere", 99))
                .error()
                .kind,
            Error::Kind::forbidden);
}

TEST_F(DecisionTest, ASubjectOpenToAWorkerGoesToThatWorker) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));
  const User dm = add_user(Role::decision_maker);
  const User sw = add_user(Role::social_worker);
  const Contact first = rated("2026-11-16T09:00:00+00:00", "amber", dm);
  ASSERT_TRUE(
      hub_->decide_contact(actor_of(dm), first.id, draft("allocated_worker", 3, sw.username)).ok());
  const Contact second = rated("2026-11-23T09:00:00+00:00", "amber", dm);
  ASSERT_TRUE(hub_->confirm_link(actor_of(dm), second.id, second.subjects[0].id,
                                 "cs:" + std::to_string(first.subjects[0].id),
                                 "Same child: name, date of birth and NHS number")
                  .ok());
  auto s = hub_->screening_of(actor_of(dm), second.id);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->open_to.size(), 1u);
  EXPECT_EQ(s->open_to[0].worker, sw.username);
  EXPECT_EQ(s->open_to[0].contact_id, first.id);

  auto elsewhere = hub_->decide_contact(actor_of(dm), second.id, draft("mash_enquiry", 3));
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_NE(elsewhere.error().fields.at(0).message.find("already open to " + sw.username),
            std::string::npos)
      << elsewhere.error().fields.at(0).message;
  auto to_them =
      hub_->decide_contact(actor_of(dm), second.id, draft("allocated_worker", 3, sw.username));
  ASSERT_TRUE(to_them.ok()) << to_them.error().message;
  EXPECT_TRUE(to_them->decisions.back().open_to_worker);
}

TEST_F(DecisionTest, APassedDueTimeIsRecordedOnceAndToldToHubManagers) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));
  const User dm = add_user(Role::decision_maker);
  const User manager = add_user(Role::hub_manager);
  const Contact c = rated("2026-11-23T09:00:00+00:00", "red", dm);  // due 13:00
  const uint64_t seen = hub_->changes().seq();

  clock_.set(at("2026-11-23T12:59:00+00:00"));
  hub_->sweep_clocks();
  auto before = hub_->screening_of(actor_of(dm), c.id);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->breaches.empty());

  clock_.set(at("2026-11-23T13:01:00+00:00"));
  const app::SweepReport report = hub_->sweep_clocks();
  EXPECT_GE(report.breaches, 1u);
  auto after = hub_->screening_of(actor_of(dm), c.id);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->breaches.size(), 1u);
  EXPECT_EQ(after->breaches[0].clock, "decision");
  EXPECT_EQ(after->breaches[0].rating, "red");
  EXPECT_EQ(to_rfc3339(after->breaches[0].due_at), "2026-11-23T13:00:00+00:00");
  EXPECT_TRUE(clock(*after, "decision")->overdue);

  auto told = hub_->notifications(actor_of(manager));
  ASSERT_TRUE(told.ok());
  const auto note = std::find_if(told->begin(), told->end(),
                                 [&](const app::Notification& n) { return n.contact_id == c.id; });
  ASSERT_NE(note, told->end());
  EXPECT_EQ(note->message, "Contact " + std::to_string(c.id) +
                               " is overdue: its decision (red) was due 23 Nov 2026 13:00.");
  EXPECT_EQ(note->message.find("Matt"), std::string::npos) << "no personal data";
  EXPECT_TRUE(hub_->notifications(actor_of(dm))->empty()) << "hub managers are told";
  EXPECT_GT(hub_->changes().wait_after(seen, std::chrono::milliseconds(0)).seq, seen);

  // Once: a second sweep and the late decision record nothing more.
  hub_->sweep_clocks();
  clock_.set(at("2026-11-23T14:00:00+00:00"));
  auto late = hub_->decide_contact(actor_of(dm), c.id, draft("no_further_action", 2));
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_EQ(late->breaches.size(), 1u);
  EXPECT_TRUE(clock(*late, "decision")->overdue) << "met an hour late";

  const int64_t before_dismiss = hub_->notification_count(actor_of(manager));
  auto dismissed = hub_->dismiss_notifications(actor_of(manager), note->id);
  ASSERT_TRUE(dismissed.ok());
  EXPECT_EQ(*dismissed, 1);
  EXPECT_EQ(hub_->notification_count(actor_of(manager)), before_dismiss - 1);
  EXPECT_EQ(hub_->dismiss_notifications(actor_of(manager), note->id).error().kind,
            Error::Kind::not_found);
}

TEST_F(DecisionTest, AMissedReferralDecisionIsRecordedAsAStatutoryBreach) {
  // Received on a Saturday: decided by the end of Monday.
  clock_.set(at("2026-11-21T11:00:00+00:00"));
  const Contact c = received("2026-11-21T11:00:00+00:00");
  const User dm = add_user(Role::decision_maker);
  clock_.set(at("2026-11-23T16:59:00+00:00"));
  hub_->sweep_clocks();
  EXPECT_TRUE(hub_->screening_of(actor_of(dm), c.id)->breaches.empty());
  clock_.set(at("2026-11-23T17:01:00+00:00"));
  hub_->sweep_clocks();
  auto s = hub_->screening_of(actor_of(dm), c.id);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->breaches.size(), 1u);
  EXPECT_EQ(s->breaches[0].clock, "referral_decision");
  EXPECT_EQ(to_rfc3339(s->breaches[0].due_at), "2026-11-23T17:00:00+00:00");
}

TEST_F(DecisionTest, ALeaverOrAnOldAllocationNoLongerHoldsTheChild) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));
  const User dm = add_user(Role::decision_maker);
  const User leaver = add_user(Role::social_worker);
  const Contact first = rated("2026-11-16T09:00:00+00:00", "amber", dm);
  ASSERT_TRUE(
      hub_->decide_contact(actor_of(dm), first.id, draft("allocated_worker", 3, leaver.username))
          .ok());
  const Contact second = rated("2026-11-23T09:00:00+00:00", "amber", dm);
  ASSERT_TRUE(hub_->confirm_link(actor_of(dm), second.id, second.subjects[0].id,
                                 "cs:" + std::to_string(first.subjects[0].id), "Same child")
                  .ok());
  ASSERT_EQ(hub_->screening_of(actor_of(dm), second.id)->open_to.size(), 1u);
  db_->transact([&](store::Tx& tx) {
    tx.sql() << "UPDATE users SET active = 0 WHERE username = :u", soci::use(leaver.username);
  });
  EXPECT_TRUE(hub_->screening_of(actor_of(dm), second.id)->open_to.empty())
      << "a worker who has left holds no one";
  EXPECT_TRUE(hub_->decide_contact(actor_of(dm), second.id, draft("mash_enquiry", 3)).ok());

  // An allocation more than a year old is taken as closed.
  const User sw = add_user(Role::social_worker);
  const Contact old = rated("2026-11-23T09:10:00+00:00", "green", dm);
  ASSERT_TRUE(
      hub_->decide_contact(actor_of(dm), old.id, draft("allocated_worker", 3, sw.username)).ok());
  clock_.set(at("2027-12-01T10:00:00+00:00"));
  const Contact later = rated("2027-12-01T09:00:00+00:00", "green", dm);
  ASSERT_TRUE(hub_->confirm_link(actor_of(dm), later.id, later.subjects[0].id,
                                 "cs:" + std::to_string(old.subjects[0].id), "Same child")
                  .ok());
  EXPECT_TRUE(hub_->screening_of(actor_of(dm), later.id)->open_to.empty());
}

TEST_F(DecisionTest, TwoDecisionsAtOnceOnOneContactRecordOne) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));
  const User dm = add_user(Role::decision_maker);
  const Contact c = rated("2026-11-23T09:00:00+00:00", "amber", dm);
  std::atomic<int> ok{0}, conflict{0};
  auto decide = [&](const char* route) {
    auto r = hub_->decide_contact(actor_of(dm), c.id, draft(route, 2));
    if (r.ok())
      ++ok;
    else if (r.error().kind == Error::Kind::conflict)
      ++conflict;
  };
  std::thread a(decide, "no_further_action"), b(decide, "advice_signpost");
  a.join();
  b.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), 1);
  EXPECT_EQ(hub_->screening_of(actor_of(dm), c.id)->decisions.size(), 1u);
}

TEST_F(DecisionTest, AgencySystemsDoNotSeeTheHubsScreening) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));
  const User dm = add_user(Role::decision_maker);
  const Contact c = rated("2026-11-23T09:00:00+00:00", "amber", dm);
  const policy::Actor police{policy::Actor::Kind::agency_system, 0, "feed", std::nullopt, c.agency};
  EXPECT_EQ(hub_->screening_of(police, c.id).error().kind, Error::Kind::forbidden);
  EXPECT_EQ(hub_->contact_clock(police, c.id).error().kind, Error::Kind::forbidden);
}

TEST_F(DecisionTest, AReferralReceivedBeforeOpeningIsOverdueAtTheEndOfThatDay) {
  clock_.set(at("2026-11-23T07:00:00+00:00"));  // a Monday, before opening
  const Contact c = received("2026-11-23T07:00:00+00:00");
  const User dm = add_user(Role::decision_maker);
  clock_.set(at("2026-11-23T17:01:00+00:00"));
  hub_->sweep_clocks();
  auto s = hub_->screening_of(actor_of(dm), c.id);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->breaches.size(), 1u) << "told the same evening, not the next morning";
  EXPECT_EQ(to_rfc3339(s->breaches[0].due_at), "2026-11-23T17:00:00+00:00");
}

TEST_F(DecisionTest, TheAssessmentAndConferenceAreNeverCalledOverdueHere) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));
  const User dm = add_user(Role::decision_maker);
  const Contact c = rated("2026-11-23T09:00:00+00:00", "amber", dm);
  app::DecisionDraft d = draft("allocated_worker", 4, dm.username);
  d.strategy_discussion_at = "2026-11-23T09:30:00Z";
  ASSERT_TRUE(hub_->decide_contact(actor_of(dm), c.id, d).ok());
  clock_.set(at("2027-06-01T10:00:00+00:00"));
  auto s = hub_->screening_of(actor_of(dm), c.id);
  ASSERT_TRUE(s.ok());
  for (const char* name : {"assessment", "initial_conference"}) {
    const app::ClockState* c2 = clock(*s, name);
    ASSERT_NE(c2, nullptr) << name;
    EXPECT_FALSE(c2->tracked) << name;
    EXPECT_FALSE(c2->overdue) << name << ": its completion is recorded in the case system";
    EXPECT_LT(c2->seconds_remaining, 0) << name;
  }
}

}  // namespace
}  // namespace mash::testing
