// Sign-in, sessions, throttling and API tokens through the Hub, with the clock under test control.
#include "audit/audit.h"
#include "hub_fixture.h"

namespace mash::testing {
namespace {

TEST_F(HubTest, SignInWithTheRightPasswordOnly) {
  const User u = add_user(Role::information_officer);
  auto wrong = hub_->sign_in(u.username, "not the password at all", "10.0.0.1");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().kind, Error::Kind::unauthenticated);
  auto unknown = hub_->sign_in("nobody-" + u.username, password(), "10.0.0.1");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, wrong.error().message);  // no hint which was wrong

  auto s = hub_->sign_in(u.username, password(), "10.0.0.1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->user.username, u.username);
  EXPECT_FALSE(s->token.empty());
  EXPECT_FALSE(s->csrf_token.empty());
  auto resumed = hub_->resume_session(s->token);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->csrf_token, s->csrf_token);
  EXPECT_EQ(resumed->user.role, Role::information_officer);
  hub_->sign_out(s->token);
  EXPECT_FALSE(hub_->resume_session(s->token).ok());
}

// A check the person did not make (a live board's push, a page reloading itself) leaves the idle
// clock alone: an unattended screen still signs out after the idle limit.
TEST_F(HubTest, OnlyThePersonsOwnRequestsKeepASessionAlive) {
  const User u = add_user(Role::decision_maker);
  auto s = hub_->sign_in(u.username, password(), "10.0.0.9");
  ASSERT_TRUE(s.ok());
  clock_.advance(20 * 60);
  EXPECT_TRUE(hub_->resume_session(s->token, false).ok());
  clock_.advance(11 * 60);  // 31 minutes since the person's last request
  EXPECT_FALSE(hub_->resume_session(s->token, false).ok()) << "signed out after 30 idle minutes";

  auto t = hub_->sign_in(u.username, password(), "10.0.0.9");
  ASSERT_TRUE(t.ok());
  clock_.advance(20 * 60);
  EXPECT_TRUE(hub_->resume_session(t->token).ok());  // the person's own request
  clock_.advance(11 * 60);
  EXPECT_TRUE(hub_->resume_session(t->token, false).ok());
}

TEST_F(HubTest, RepeatedFailuresLockTheAccountForTheWindow) {
  const User u = add_user(Role::social_worker);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(
        hub_->sign_in(u.username, "wrong password " + std::to_string(i), "10.0.0.2").error().kind,
        Error::Kind::unauthenticated);
  auto locked = hub_->sign_in(u.username, password(), "10.0.0.3");  // even from elsewhere
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().kind, Error::Kind::too_many);
  EXPECT_NE(locked.error().message.find("15 minutes"), std::string::npos) << locked.error().message;
  clock_.advance(16 * 60);
  EXPECT_TRUE(hub_->sign_in(u.username, password(), "10.0.0.3").ok());
}

TEST_F(HubTest, RepeatedFailuresFromOneAddressAreThrottled) {
  const std::string address = "10.9." + std::to_string(::getpid() % 250) + ".7";
  for (int i = 0; i < 20; ++i)
    hub_->sign_in("guess" + std::to_string(i), "password guess " + std::to_string(i), address);
  const User u = add_user(Role::social_worker);
  EXPECT_EQ(hub_->sign_in(u.username, password(), address).error().kind, Error::Kind::too_many);
  EXPECT_TRUE(hub_->sign_in(u.username, password(), "10.0.0.4").ok());
}

TEST_F(HubTest, SessionsEndWhenIdleAndAtTheAbsoluteLimit) {
  const User u = add_user(Role::decision_maker);
  auto idle = hub_->sign_in(u.username, password(), "10.0.0.5");
  ASSERT_TRUE(idle.ok());
  clock_.advance(29 * 60);
  EXPECT_TRUE(hub_->resume_session(idle->token).ok());
  clock_.advance(31 * 60);
  EXPECT_FALSE(hub_->resume_session(idle->token).ok());

  auto busy = hub_->sign_in(u.username, password(), "10.0.0.5");
  ASSERT_TRUE(busy.ok());
  for (int i = 0; i < 30; ++i) {  // a request every 20 minutes for 10 hours
    clock_.advance(20 * 60);
    EXPECT_TRUE(hub_->resume_session(busy->token).ok()) << "at step " << i;
  }
  clock_.advance(20 * 60);
  EXPECT_FALSE(hub_->resume_session(busy->token).ok());
}

TEST_F(HubTest, ApiTokensActAsTheirAgencyOrUser) {
  const User u = add_user(Role::referral_administrator);
  auto agency = hub_->create_agency_token(app::command_line_actor(), "police", "Niche PPN feed");
  ASSERT_TRUE(agency.ok());
  EXPECT_EQ(agency->token.rfind("mash_", 0), 0u);
  auto a = hub_->authenticate_token(agency->token);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->kind, policy::Actor::Kind::agency_system);
  EXPECT_EQ(a->agency, "police");
  EXPECT_EQ(a->username, "Niche PPN feed");

  auto personal = hub_->create_user_token(app::command_line_actor(), u.username, "");
  ASSERT_TRUE(personal.ok());
  auto p = hub_->authenticate_token(personal->token);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->kind, policy::Actor::Kind::user);
  EXPECT_EQ(p->user_id, u.id);
  EXPECT_EQ(p->role, Role::referral_administrator);

  EXPECT_FALSE(hub_->authenticate_token(agency->token + "x").ok());
  EXPECT_FALSE(hub_->authenticate_token("").ok());
  EXPECT_EQ(
      hub_->create_agency_token(app::command_line_actor(), "no_such_agency", "x").error().kind,
      Error::Kind::invalid);
}

TEST_F(HubTest, UsersNeedAValidRoleAgencyAndPassword) {
  User u;
  u.username = "weak" + std::to_string(::getpid());
  u.role = Role::analyst;
  u.agency = "childrens_social_care";
  EXPECT_EQ(hub_->add_user(app::command_line_actor(), u, "short").error().kind,
            Error::Kind::invalid);
  u.agency = "nowhere";
  EXPECT_EQ(hub_->add_user(app::command_line_actor(), u, password()).error().kind,
            Error::Kind::invalid);
  u.agency = "childrens_social_care";
  ASSERT_TRUE(hub_->add_user(app::command_line_actor(), u, password()).ok());
  EXPECT_EQ(hub_->add_user(app::command_line_actor(), u, password()).error().kind,
            Error::Kind::conflict);
  // Only a system administrator manages users.
  const User ra = add_user(Role::referral_administrator);
  u.username += "b";
  EXPECT_EQ(hub_->add_user(actor_of(ra), u, password()).error().kind, Error::Kind::forbidden);
}

TEST_F(HubTest, AuditChainVerifiesAfterAllOfIt) {
  const User ra = add_user(Role::referral_administrator);
  ASSERT_TRUE(hub_->record_contact(actor_of(ra), example_contact()).ok());
  audit::Verification v = audit::verify(*db_);
  EXPECT_TRUE(v.ok) << "event " << v.first_bad_seq << ": " << v.problem;
  EXPECT_GT(v.events_checked, 0);
}

}  // namespace
}  // namespace mash::testing
