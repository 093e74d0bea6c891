// Break-glass (issue 5): a hub practitioner opens a restricted contact they are not granted by
// saying why; for a while they may read it (never change it), each read marked in the audit log;
// the hub managers and the data-protection officer are told, and the access waits on the review
// page until one of them signs it off.
#include <algorithm>

#include "app/break_glass.h"
#include "hub_fixture.h"

namespace mash::testing {
namespace {

using policy::Actor;

class BreakGlassTest : public HubTest {
 protected:
  app::BreakGlass break_glass() { return app::BreakGlass(*hub_); }
  // A contact restricted to a user made for it (none of the test's actors).
  Contact restricted() {
    const Contact c = received();
    const User granted = add_user(Role::decision_maker);
    auto r = hub_->restrict_contact(app::command_line_actor(), c.id, {granted.username},
                                    "A hub employee's nephew");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return c;
  }
  int64_t notifications_of(const User& u, const std::string& kind) {
    auto list = hub_->notifications(actor_of(u));
    EXPECT_TRUE(list.ok());
    if (!list.ok()) return 0;
    return std::count_if(list->begin(), list->end(),
                         [&](const app::Notification& n) { return n.kind == kind; });
  }
  const app::BreakGlassAccess* under_review(const app::BreakGlassReview& r, int64_t id) {
    for (const auto& a : r.to_review)
      if (a.id == id) return &a;
    return nullptr;
  }
};

TEST_F(BreakGlassTest, AWorkerSaysWhyReadsTheContactForAWhileAndIsAudited) {
  const Contact c = restricted();
  const User worker = add_user(Role::social_worker);
  const User manager = add_user(Role::hub_manager);
  const User dpo = add_user(Role::auditor);
  const Actor me = actor_of(worker);
  ASSERT_FALSE(hub_->view_contact(me, c.id, "out of hours").ok());
  EXPECT_TRUE(break_glass().may_open(me, c.id));
  EXPECT_FALSE(break_glass().live(me, c.id));
  const int64_t told_before = notifications_of(manager, "break_glass");

  auto glass = break_glass().open(me, c.id, "  Police on the phone: the child is missing tonight ");
  ASSERT_TRUE(glass.ok()) << glass.error().message;
  EXPECT_EQ(glass->contact_id, c.id);
  EXPECT_EQ(glass->username, worker.username);
  EXPECT_EQ(glass->reason, "Police on the phone: the child is missing tonight");
  EXPECT_TRUE(glass->live);
  EXPECT_EQ(glass->expires_at.epoch_seconds - glass->opened_at.epoch_seconds, 60 * 60);
  ASSERT_TRUE(break_glass().live(me, c.id));
  EXPECT_EQ(break_glass().live(me, c.id)->id, glass->id);
  EXPECT_FALSE(break_glass().may_open(me, c.id)) << "nothing to offer while it lasts";

  // The reads the role allows, each marked in the audit log.
  auto seen = hub_->view_contact(me, c.id, "out of hours");
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_EQ(seen->subjects[0].family_name, "Example");
  EXPECT_TRUE(hub_->screening_of(me, c.id).ok());
  EXPECT_TRUE(hub_->access_history(me, c.id).ok());
  EXPECT_TRUE(hub_->subject_access_history(me, c.id, c.subjects[0].id).ok());
  // Nothing may be changed.
  auto rate = hub_->rate_contact(me, c.id, "red", "Missing tonight");
  ASSERT_FALSE(rate.ok());
  EXPECT_EQ(rate.error().kind, Error::Kind::forbidden);
  EXPECT_FALSE(hub_->permit(me, policy::Action::contact_decide, c.id).ok());

  const auto events = audit_of(c.id);
  const auto opened = std::find_if(events.begin(), events.end(), [&](const auto& e) {
    return e.action == "contact.break_glass" && e.username == worker.username;
  });
  ASSERT_NE(opened, events.end());
  EXPECT_EQ(opened->outcome, "allowed");
  // The reason stays in the break-glass record, not the audit log (it may name people).
  EXPECT_EQ(opened->detail.find("missing"), std::string::npos) << opened->detail;
  const auto view = std::find_if(events.begin(), events.end(), [&](const auto& e) {
    return e.action == "contact.view" && e.username == worker.username && e.outcome == "allowed";
  });
  ASSERT_NE(view, events.end());
  EXPECT_EQ(view->detail.rfind("break-glass", 0), 0u) << view->detail;

  // The hub managers and the data-protection officer are told, with no one's details.
  EXPECT_EQ(notifications_of(manager, "break_glass"), told_before + 1);
  EXPECT_GE(notifications_of(dpo, "break_glass"), 1);
  EXPECT_EQ(notifications_of(worker, "break_glass"), 0);
  auto told = hub_->notifications(actor_of(manager));
  ASSERT_TRUE(told.ok());
  for (const auto& n : *told) EXPECT_EQ(n.message.find("Example"), std::string::npos) << n.message;

  // Asking again while it lasts gives the same access, and records nothing new.
  auto again = break_glass().open(me, c.id, "Still on the phone");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, glass->id);

  // When it expires, the contact is closed to them again and the page offers break-glass again.
  clock_.advance(60 * 60);
  EXPECT_FALSE(break_glass().live(me, c.id));
  auto closed = hub_->view_contact(me, c.id, "out of hours");
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().kind, Error::Kind::forbidden);
  EXPECT_TRUE(break_glass().may_open(me, c.id));
}

TEST_F(BreakGlassTest, OnlyPractitionersBreakGlassAndOnlyForARestrictedContactWithAReason) {
  const Contact c = restricted();
  const Contact open = received();
  for (Role role : {Role::referral_administrator, Role::agency_practitioner, Role::analyst,
                    Role::auditor, Role::system_administrator}) {
    const User u =
        add_user(role, role == Role::agency_practitioner ? "police" : "childrens_social_care");
    EXPECT_FALSE(break_glass().may_open(actor_of(u), c.id)) << code_of(role);
    auto refused = break_glass().open(actor_of(u), c.id, "I need to see it");
    ASSERT_FALSE(refused.ok()) << code_of(role);
    EXPECT_EQ(refused.error().kind, Error::Kind::forbidden) << code_of(role);
  }
  const User worker = add_user(Role::information_officer);
  const Actor me = actor_of(worker);
  auto no_reason = break_glass().open(me, c.id, "   ");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().kind, Error::Kind::invalid);
  ASSERT_EQ(no_reason.error().fields.size(), 1u);
  EXPECT_EQ(no_reason.error().fields[0].field, "reason");
  auto too_long = break_glass().open(me, c.id, std::string(1001, 'x'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().kind, Error::Kind::invalid);
  EXPECT_FALSE(break_glass().live(me, c.id)) << "a refused reason opens nothing";
  EXPECT_FALSE(hub_->view_contact(me, c.id, "screening").ok());

  auto not_restricted = break_glass().open(me, open.id, "Just in case");
  ASSERT_FALSE(not_restricted.ok());
  EXPECT_EQ(not_restricted.error().kind, Error::Kind::conflict);
  EXPECT_FALSE(break_glass().may_open(me, open.id));
  auto none = break_glass().open(me, c.id + 100000, "Who is this?");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, Error::Kind::not_found);

  // Someone granted the contact has no glass to break.
  const User granted = add_user(Role::social_worker);
  ASSERT_TRUE(
      hub_->restrict_contact(app::command_line_actor(), c.id, {granted.username}, "Her keyworker")
          .ok());
  EXPECT_FALSE(break_glass().may_open(actor_of(granted), c.id));
  auto has_it = break_glass().open(actor_of(granted), c.id, "Checking");
  ASSERT_FALSE(has_it.ok());
  EXPECT_EQ(has_it.error().kind, Error::Kind::conflict);

  // Another user's break-glass opens nothing to anyone else.
  ASSERT_TRUE(break_glass().open(me, c.id, "The child's school rang").ok());
  const User colleague = add_user(Role::information_officer);
  EXPECT_FALSE(hub_->view_contact(actor_of(colleague), c.id, "screening").ok());
}

TEST_F(BreakGlassTest, TheHubManagerOrTheDpoSignsItOffWithWhatTheUserDid) {
  const Contact c = restricted();
  const User worker = add_user(Role::decision_maker);
  const User manager = add_user(Role::hub_manager);
  const User dpo = add_user(Role::auditor);
  const User other_worker = add_user(Role::social_worker);
  auto glass = break_glass().open(actor_of(worker), c.id, "Strategy discussion in ten minutes");
  ASSERT_TRUE(glass.ok()) << glass.error().message;
  ASSERT_TRUE(hub_->view_contact(actor_of(worker), c.id, "strategy discussion").ok());
  ASSERT_TRUE(hub_->screening_of(actor_of(worker), c.id).ok());

  // Only hub managers and auditors review.
  auto not_theirs = break_glass().review(actor_of(other_worker));
  ASSERT_FALSE(not_theirs.ok());
  EXPECT_EQ(not_theirs.error().kind, Error::Kind::forbidden);
  EXPECT_FALSE(break_glass().sign_off(actor_of(other_worker), glass->id, "Fine").ok());

  auto review = break_glass().review(actor_of(manager));
  ASSERT_TRUE(review.ok()) << review.error().message;
  const app::BreakGlassAccess* listed = under_review(*review, glass->id);
  ASSERT_NE(listed, nullptr);
  EXPECT_EQ(listed->reason, "Strategy discussion in ten minutes");
  EXPECT_EQ(listed->username, worker.username);
  // What they did: the break-glass itself, then the view and the screening read.
  std::vector<std::string> actions;
  for (const auto& e : listed->events) actions.push_back(e.action);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "contact.view"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "screening.view"), actions.end());
  for (const auto& e : listed->events) EXPECT_EQ(e.username, worker.username);

  // What the user does after it expires is not theirs to account for under it.
  clock_.advance(2 * 60 * 60);
  EXPECT_FALSE(hub_->view_contact(actor_of(worker), c.id, "after").ok());
  auto later = break_glass().review(actor_of(dpo));
  ASSERT_TRUE(later.ok());
  ASSERT_NE(under_review(*later, glass->id), nullptr);
  EXPECT_EQ(under_review(*later, glass->id)->events.size(), listed->events.size());
  EXPECT_FALSE(under_review(*later, glass->id)->live);

  auto no_note = break_glass().sign_off(actor_of(dpo), glass->id, " ");
  ASSERT_FALSE(no_note.ok());
  EXPECT_EQ(no_note.error().kind, Error::Kind::invalid);
  auto none = break_glass().sign_off(actor_of(dpo), glass->id + 100000, "Fine");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, Error::Kind::not_found);

  auto signed_off =
      break_glass().sign_off(actor_of(dpo), glass->id, "Spoke to the worker: justified");
  ASSERT_TRUE(signed_off.ok()) << signed_off.error().message;
  EXPECT_EQ(signed_off->reviewed_by, dpo.username);
  ASSERT_TRUE(signed_off->reviewed_at);
  auto twice = break_glass().sign_off(actor_of(manager), glass->id, "Again");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().kind, Error::Kind::conflict);

  auto after = break_glass().review(actor_of(manager));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(under_review(*after, glass->id), nullptr);
  const auto done = std::find_if(after->signed_off.begin(), after->signed_off.end(),
                                 [&](const auto& a) { return a.id == glass->id; });
  ASSERT_NE(done, after->signed_off.end());
  EXPECT_EQ(done->review_note, "Spoke to the worker: justified");

  const auto events = audit_of(c.id);
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), [&](const auto& e) {
    return e.action == "break_glass.sign_off" && e.username == dpo.username;
  }));
}

TEST_F(BreakGlassTest, SigningOffALiveAccessEndsIt) {
  const Contact c = restricted();
  const User worker = add_user(Role::social_worker);
  const User manager = add_user(Role::hub_manager);
  auto glass = break_glass().open(actor_of(worker), c.id, "Hospital asking about the child");
  ASSERT_TRUE(glass.ok()) << glass.error().message;
  clock_.advance(10 * 60);
  ASSERT_TRUE(hub_->view_contact(actor_of(worker), c.id, "hospital call").ok());
  auto done =
      break_glass().sign_off(actor_of(manager), glass->id, "Asked them to stop: not urgent");
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_FALSE(done->live);
  ASSERT_TRUE(done->reviewed_at);
  EXPECT_EQ(done->expires_at.epoch_seconds, done->reviewed_at->epoch_seconds);
  EXPECT_EQ(done->expires_at.epoch_seconds - done->opened_at.epoch_seconds, 10 * 60);
  // Nothing more can be read under it, so nothing is done after its review.
  EXPECT_FALSE(break_glass().live(actor_of(worker), c.id));
  auto closed = hub_->view_contact(actor_of(worker), c.id, "hospital call");
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().kind, Error::Kind::forbidden);
  EXPECT_TRUE(break_glass().may_open(actor_of(worker), c.id));
  const auto events = audit_of(c.id);
  const auto signed_off = std::find_if(events.begin(), events.end(), [](const auto& e) {
    return e.action == "break_glass.sign_off";
  });
  ASSERT_NE(signed_off, events.end());
  EXPECT_NE(signed_off->detail.find("ended"), std::string::npos) << signed_off->detail;
  // An access that has expired keeps its expiry when signed off.
  auto second = break_glass().open(actor_of(worker), c.id, "The hospital called back");
  ASSERT_TRUE(second.ok());
  clock_.advance(2 * 60 * 60);
  auto late = break_glass().sign_off(actor_of(manager), second->id, "Justified");
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->expires_at.epoch_seconds - late->opened_at.epoch_seconds, 60 * 60);
}

// A contact restricted because it is a hub manager's relative's: that manager is not told when
// someone breaks glass on it, does not see or sign off the access, and may not break glass.
TEST_F(BreakGlassTest, TheUsersConnectedToAContactAreKeptOutOfItsBreakGlass) {
  const Contact c = received();
  const User granted = add_user(Role::decision_maker);
  const User relative_manager = add_user(Role::hub_manager);
  const User relative_worker = add_user(Role::social_worker);
  const User manager = add_user(Role::hub_manager);
  const User worker = add_user(Role::social_worker);
  // Nobody is both granted and kept out; a refusal changes nothing.
  auto both = hub_->restrict_contact(app::command_line_actor(), c.id,
                                     {granted.username, relative_manager.username},
                                     "A hub manager's nephew", {relative_manager.username});
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().kind, Error::Kind::invalid);
  EXPECT_EQ(both.error().fields.at(0).field, "exclude[0]");
  auto unknown = hub_->restrict_contact(app::command_line_actor(), c.id, {granted.username},
                                        "A hub manager's nephew", {"nobody.here"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at(0).field, "exclude[0]");
  EXPECT_TRUE(hub_->view_contact(actor_of(worker), c.id, "still open").ok()) << "not restricted";

  auto r = hub_->restrict_contact(app::command_line_actor(), c.id, {granted.username},
                                  "A hub manager's nephew",
                                  {relative_manager.username, relative_worker.username});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->granted, std::vector<std::string>{granted.username});
  EXPECT_EQ(r->excluded.size(), 2u);
  const auto restricted = audit_of(c.id).back();
  EXPECT_EQ(restricted.action, "contact.restrict");
  EXPECT_EQ(restricted.detail.find(relative_manager.username), std::string::npos)
      << "the audit log does not say whose relative it is: " << restricted.detail;
  // Granting a connected user later is refused.
  auto grant_later =
      hub_->restrict_contact(app::command_line_actor(), c.id, {relative_worker.username}, "Cover");
  ASSERT_FALSE(grant_later.ok());
  EXPECT_EQ(grant_later.error().fields.at(0).field, "grant[0]");

  // A user named as connected while holding a live access loses it at once.
  const User late_relative = add_user(Role::social_worker);
  ASSERT_TRUE(break_glass().open(actor_of(late_relative), c.id, "Covering the duty desk").ok());
  ASSERT_TRUE(hub_->view_contact(actor_of(late_relative), c.id, "duty").ok());
  auto named_later = hub_->restrict_contact(
      app::command_line_actor(), c.id, {}, "Also related",
      {late_relative.username, late_relative.username, relative_worker.username});
  ASSERT_TRUE(named_later.ok()) << named_later.error().message;
  EXPECT_FALSE(break_glass().live(actor_of(late_relative), c.id));
  EXPECT_FALSE(hub_->view_contact(actor_of(late_relative), c.id, "duty").ok());
  const auto events = audit_of(c.id);
  const auto restricted_again = std::find_if(
      events.rbegin(), events.rend(), [](const auto& e) { return e.action == "contact.restrict"; });
  ASSERT_NE(restricted_again, events.rend());
  EXPECT_NE(restricted_again->detail.find("; 1 connected users kept out"), std::string::npos)
      << "counted once, and not those kept out before: " << restricted_again->detail;

  // The connected may not break glass.
  EXPECT_FALSE(break_glass().may_open(actor_of(relative_worker), c.id));
  auto refused = break_glass().open(actor_of(relative_worker), c.id, "I want to see it");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::Kind::forbidden);
  EXPECT_FALSE(break_glass().open(actor_of(relative_manager), c.id, "Checking").ok());

  // Another worker may; the connected manager is not told, the other manager is.
  const int64_t told_before = notifications_of(relative_manager, "break_glass");
  const int64_t other_told_before = notifications_of(manager, "break_glass");
  auto glass = break_glass().open(actor_of(worker), c.id, "Police need it tonight");
  ASSERT_TRUE(glass.ok()) << glass.error().message;
  EXPECT_EQ(notifications_of(relative_manager, "break_glass"), told_before);
  EXPECT_EQ(notifications_of(manager, "break_glass"), other_told_before + 1);

  // The connected manager does not see it to review, nor may sign it off.
  auto theirs = break_glass().review(actor_of(relative_manager));
  ASSERT_TRUE(theirs.ok());
  EXPECT_EQ(under_review(*theirs, glass->id), nullptr);
  auto sign = break_glass().sign_off(actor_of(relative_manager), glass->id, "Fine");
  ASSERT_FALSE(sign.ok());
  EXPECT_EQ(sign.error().kind, Error::Kind::forbidden);
  auto others = break_glass().review(actor_of(manager));
  ASSERT_TRUE(others.ok());
  EXPECT_NE(under_review(*others, glass->id), nullptr);
  ASSERT_TRUE(break_glass().sign_off(actor_of(manager), glass->id, "Justified").ok());
  auto after = break_glass().review(actor_of(relative_manager));
  ASSERT_TRUE(after.ok());
  for (const auto& a : after->signed_off) EXPECT_NE(a.id, glass->id);
}

TEST_F(BreakGlassTest, NobodySignsOffTheirOwnBreakGlass) {
  const Contact c = restricted();
  const User manager = add_user(Role::hub_manager);
  auto glass = break_glass().open(actor_of(manager), c.id, "A call from the hospital");
  ASSERT_TRUE(glass.ok()) << glass.error().message;
  auto own = break_glass().sign_off(actor_of(manager), glass->id, "Justified");
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().kind, Error::Kind::conflict);
  const User another = add_user(Role::hub_manager);
  EXPECT_TRUE(break_glass().sign_off(actor_of(another), glass->id, "Justified").ok());
}

}  // namespace
}  // namespace mash::testing
