// Contacts through the Hub's use cases, on a real database: stored as given, idempotent per
// agency reference, refused when invalid or forbidden, and audited every time.
#include <thread>

#include "audit/audit.h"
#include "hub_fixture.h"
#include "store/accounts.h"

namespace mash::testing {
namespace {

using policy::Actor;

Actor agency_system(const std::string& agency) {
  return Actor{Actor::Kind::agency_system, 0, "Test " + agency + " feed", std::nullopt, agency};
}

int64_t total_contacts(app::Hub& hub, const Actor& reader) {
  app::ContactFilter f;
  f.page_size = 1;
  return hub.list_contacts(reader, f)->total;
}

TEST_F(HubTest, MigratingTwiceChangesNothing) {
  EXPECT_EQ(db_->migrate(), 0);
  EXPECT_EQ(db_->schema_version(), store::Database::latest_schema_version());
}

TEST_F(HubTest, RecordedContactReadsBackAsGiven) {
  const User ra = add_user(Role::referral_administrator);
  Contact sent = example_contact();
  sent.subjects[0].address.postcode = "bb21dh";  // normalised on the way in
  Subject mother;
  mother.given_name = "Zoë";
  mother.family_name = "O'Connor-Shah";
  mother.date_of_birth = Date{1994, 2, 28};
  mother.dob_kind = DobKind::estimated;
  mother.sex = Sex::female;
  mother.role = SubjectRole::parent_carer;
  sent.subjects.push_back(mother);
  sent.presenting_issues.push_back(PresentingIssue::substance_misuse);

  auto recorded = hub_->record_contact(actor_of(ra), sent);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_TRUE(recorded->created);
  auto got = hub_->view_contact(actor_of(ra), recorded->contact.id, "screening");
  ASSERT_TRUE(got.ok());
  const Contact& c = *got;
  EXPECT_EQ(c.agency, "childrens_social_care");
  EXPECT_EQ(c.channel, Channel::web_form);
  EXPECT_EQ(c.status, ContactStatus::new_contact);
  EXPECT_EQ(c.recorded_by, ra.username);
  EXPECT_EQ(to_rfc3339(c.received_at), "2026-11-19T21:14:00+00:00");
  EXPECT_EQ(c.source, ReferralSource::police);
  EXPECT_EQ(c.referrer.name, "PC 4127 Jones");
  EXPECT_EQ(c.referrer.email, "oic@example.police.uk");
  ASSERT_EQ(c.subjects.size(), 2u);
  EXPECT_EQ(c.subjects[0].given_name, "Matt");
  EXPECT_EQ(c.subjects[0].address.postcode, "BB2 1DH");
  EXPECT_EQ(c.subjects[0].nhs_number, "9434765919");
  EXPECT_EQ(c.subjects[0].date_of_birth, (Date{2025, 10, 1}));
  EXPECT_EQ(c.subjects[1].given_name, "Zoë");
  EXPECT_EQ(c.subjects[1].family_name, "O'Connor-Shah");
  EXPECT_EQ(c.subjects[1].dob_kind, DobKind::estimated);
  EXPECT_EQ(c.subjects[1].role, SubjectRole::parent_carer);
  EXPECT_EQ(c.presenting_issues, (std::vector<PresentingIssue>{PresentingIssue::domestic_abuse,
                                                               PresentingIssue::substance_misuse}));
  EXPECT_EQ(c.consent.status, ConsentStatus::not_sought);
  EXPECT_EQ(c.consent.reason, "Seeking consent would place the child at risk");
}

TEST_F(HubTest, AgencyReferenceSentTwiceIsOneContact) {
  const User ra = add_user(Role::referral_administrator);
  const std::string ref = "PPN-" + std::to_string(::getpid()) + "-000123";
  auto first = hub_->record_contact(agency_system("police"), example_contact(ref));
  ASSERT_TRUE(first.ok());
  const int64_t before = total_contacts(*hub_, actor_of(ra));
  auto again = hub_->record_contact(agency_system("police"), example_contact(ref));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->contact.id, first->contact.id);
  EXPECT_EQ(again->contact.channel, Channel::api);
  EXPECT_EQ(total_contacts(*hub_, actor_of(ra)), before);
  // The same reference from another agency is another agency's contact.
  auto other = hub_->record_contact(agency_system("health"), example_contact(ref));
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->created);
  EXPECT_NE(other->contact.id, first->contact.id);
}

TEST_F(HubTest, InvalidContactIsRefusedAndNothingIsStored) {
  const User ra = add_user(Role::referral_administrator);
  const int64_t before = total_contacts(*hub_, actor_of(ra));
  Contact c = example_contact();
  c.subjects[0].nhs_number = "9434765918";  // wrong check digit
  c.consent.reason.clear();
  auto r = hub_->record_contact(actor_of(ra), c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::invalid);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "subjects[0].nhs_number"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "consent.reason"), fields.end());
  EXPECT_EQ(total_contacts(*hub_, actor_of(ra)), before);
}

TEST_F(HubTest, PolicyRefusalsAreEnforcedAndAudited) {
  const User ra = add_user(Role::referral_administrator);
  const User practitioner = add_user(Role::agency_practitioner, "health");
  auto recorded = hub_->record_contact(actor_of(ra), example_contact());
  ASSERT_TRUE(recorded.ok());
  const int64_t id = recorded->contact.id;

  auto denied = hub_->view_contact(actor_of(practitioner), id, "curiosity");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().kind, Error::Kind::forbidden);
  EXPECT_EQ(hub_->record_contact(actor_of(practitioner), example_contact()).error().kind,
            Error::Kind::forbidden);
  EXPECT_FALSE(hub_->list_contacts(actor_of(practitioner), {}).ok());
  // An agency system reads back only what its own agency sent.
  EXPECT_EQ(hub_->view_contact(agency_system("police"), id, "read-back").error().kind,
            Error::Kind::forbidden);
  EXPECT_EQ(hub_->view_contact(actor_of(ra), 987654321, "screening").error().kind,
            Error::Kind::not_found);

  ASSERT_TRUE(hub_->view_contact(actor_of(ra), id, "screening").ok());
  auto history = hub_->access_history(actor_of(ra), id);
  ASSERT_TRUE(history.ok());
  // created, denied view, denied agency read-back, allowed view, this history view
  ASSERT_EQ(history->size(), 5u);
  EXPECT_EQ((*history)[0].action, "contact.create");
  EXPECT_EQ((*history)[1].username, practitioner.username);
  EXPECT_FALSE((*history)[1].allowed);
  EXPECT_EQ((*history)[1].purpose, "curiosity");
  EXPECT_FALSE((*history)[2].allowed);
  EXPECT_EQ((*history)[2].role, "agency_system");
  EXPECT_TRUE((*history)[3].allowed);
  EXPECT_EQ((*history)[3].action, "contact.view");
  EXPECT_EQ((*history)[4].action, "contact.access_history");
  EXPECT_FALSE(hub_->access_history(actor_of(practitioner), id).ok());
}

TEST_F(HubTest, QueueIsNewestFirstPagedAndFiltered) {
  const User ra = add_user(Role::referral_administrator);
  const std::string tag = std::to_string(::getpid());
  // Received far in the future of every other test's contacts, so they head the queue.
  for (int i = 0; i < 5; ++i) {
    Contact c = example_contact();
    c.received_at = at("2026-11-20T09:00:00+00:00");
    c.received_at.epoch_seconds += i * 60;
    c.source = i % 2 ? ReferralSource::schools : ReferralSource::police;
    c.narrative = "queue test " + tag + " " + std::to_string(i);
    ASSERT_TRUE(hub_->record_contact(actor_of(ra), c).ok());
  }
  app::ContactFilter f;
  f.page_size = 2;
  auto p1 = hub_->list_contacts(actor_of(ra), f);
  ASSERT_TRUE(p1.ok());
  ASSERT_EQ(p1->contacts.size(), 2u);
  EXPECT_GE(p1->total, 5);
  EXPECT_GE(p1->contacts[0].received_at, p1->contacts[1].received_at);
  EXPECT_EQ(p1->contacts[0].subject_names, std::vector<std::string>{"Matt Example"});
  f.page = 2;
  auto p2 = hub_->list_contacts(actor_of(ra), f);
  ASSERT_TRUE(p2.ok());
  EXPECT_GE(p1->contacts[1].received_at, p2->contacts[0].received_at);
  EXPECT_NE(p1->contacts[1].id, p2->contacts[0].id);

  f = {};
  f.source = ReferralSource::schools;
  f.page_size = 100;
  auto schools = hub_->list_contacts(actor_of(ra), f);
  ASSERT_TRUE(schools.ok());
  EXPECT_GE(schools->total, 2);
  for (const auto& s : schools->contacts) EXPECT_EQ(s.source, ReferralSource::schools);
  f.status = ContactStatus::closed;
  EXPECT_EQ(hub_->list_contacts(actor_of(ra), f)->total, 0);
}

TEST_F(HubTest, ConcurrentIntakeKeepsEveryContactAndTheChain) {
  const User ra = add_user(Role::referral_administrator);
  const int64_t before = total_contacts(*hub_, actor_of(ra));
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto ref = "CONC-" + std::to_string(::getpid()) + "-" + std::to_string(t) + "-" +
                   std::to_string(i % 5);  // each reference sent twice
        if (hub_->record_contact(agency_system("police"), example_contact(ref)).ok()) ++ok;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 60);
  EXPECT_EQ(total_contacts(*hub_, actor_of(ra)), before + 30);
  audit::Verification v = audit::verify(*db_);
  EXPECT_TRUE(v.ok) << v.problem;
}

TEST_F(HubTest, DraftsBelongToTheirAuthor) {
  const User a = add_user(Role::referral_administrator);
  const User b = add_user(Role::referral_administrator);
  hub_->save_draft(actor_of(a), "contact", "{\"step\":1}");
  hub_->save_draft(actor_of(a), "contact", "{\"step\":2}");
  EXPECT_EQ(hub_->load_draft(actor_of(a), "contact"), "{\"step\":2}");
  EXPECT_EQ(hub_->load_draft(actor_of(b), "contact"), std::nullopt);
  hub_->discard_draft(actor_of(a), "contact");
  EXPECT_EQ(hub_->load_draft(actor_of(a), "contact"), std::nullopt);
}

TEST_F(HubTest, DraftsExpireAfterTheRetentionPeriod) {
  const User a = add_user(Role::referral_administrator);
  hub_->save_draft(actor_of(a), "contact", "{\"step\":1}");
  clock_.advance(29 * 86400);
  EXPECT_TRUE(hub_->load_draft(actor_of(a), "contact").has_value());
  clock_.advance(2 * 86400);
  EXPECT_EQ(hub_->load_draft(actor_of(a), "contact"), std::nullopt);
  // Signing in clears expired drafts from the database, not only from view.
  ASSERT_TRUE(hub_->sign_in(a.username, password(), "10.0.0.8").ok());
  std::optional<std::string> kept = "not read";
  db_->read([&](store::Tx& tx) { kept = store::find_draft(tx, a.id, "contact", 0); });
  EXPECT_EQ(kept, std::nullopt);
}

}  // namespace
}  // namespace mash::testing
