// Person matching through the Hub's use cases, on a real database: a contact's subjects matched
// against agencies' source records and other contacts' subjects, confirmed, rejected and undone
// (each audited), resolved into persons, and the "known to" summary and repeat referrals that
// follow.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>

#include "app/demo.h"
#include "hub_fixture.h"
#include "store/audit_log.h"
#include "store/source_records.h"
#include "synth/agency_records.h"
#include "synth/generator.h"

namespace mash::testing {
namespace {

using policy::Actor;

// A string of letters unique to this process and call: family names other tests never use, so
// matches are this test's own on a shared database.
std::string unique_letters() {
  static std::atomic<int> n{0};
  long long v = static_cast<long long>(::getpid()) * 1000 + ++n;
  std::string out;
  for (; v > 0; v /= 26) out += static_cast<char>('a' + v % 26);
  return out;
}

// A valid NHS number (modulus 11 check digit) no other call in this process returns.
std::string unique_nhs_number() {
  static std::atomic<long long> n{0};
  for (;;) {
    long long base =
        (static_cast<long long>(::getpid()) * 7919 + ++n * 104729) % 900000000 + 100000000;
    std::string digits = std::to_string(base);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
    const int check = 11 - sum % 11;
    if (check == 10) continue;
    return digits + std::to_string(check == 11 ? 0 : check);
  }
}

// The child every test looks for, with a family name of its own.
Subject child(const std::string& family, const std::string& nhs) {
  Subject s;
  s.given_name = "Rebecca";
  s.family_name = family;
  s.date_of_birth = Date{2016, 4, 9};
  s.sex = Sex::female;
  s.role = SubjectRole::child;
  s.address = {"14 Larkspur Close", "", "Blackburn", "BB2 4QT"};
  s.nhs_number = nhs;
  return s;
}

Contact contact_about(const Subject& s, const char* received) {
  Contact c = example_contact();
  c.received_at = at(received);
  c.subjects = {s};
  return c;
}

class MatchingTest : public HubTest {
 protected:
  // A database of the suite's own: the model is learnt from everything the database holds, and
  // the other hub tests' data (thousands of copies of one example contact) is nothing like a
  // hub's. SQLite: a file of its own; PostgreSQL: the database tests/run-integration.sh creates
  // for it (MASH_TEST_DB_MATCHING).
  static void SetUpTestSuite() {
    std::string url;
    if (const char* own = std::getenv("MASH_TEST_DB_MATCHING"); own && *own) {
      url = own;
    } else {
      ASSERT_EQ(test_db_url().rfind("sqlite:", 0), 0u)
          << "on PostgreSQL, set MASH_TEST_DB_MATCHING to an empty database for these tests";
      std::filesystem::create_directories(own_db_dir());
      url = "sqlite:" + (own_db_dir() / "matching.db").string();
    }
    db_ = store::Database::open(url).release();
    db_->migrate();
  }

  void SetUp() override {
    HubTest::SetUp();
    family_ = "Thistle" + unique_letters();
    nhs_ = unique_nhs_number();
    // A synthetic population for the model to learn from (at least 200 records): households
    // as health, education and the police hold them, so that it has people in several indexes.
    synth::Generator generator(2026);
    std::vector<Subject> people;
    while (people.size() < 150)
      for (const Subject& m : generator.household(Date{2026, 11, 20}).members) people.push_back(m);
    const std::string prefix = "P" + unique_letters() + "-";
    std::map<std::string, std::vector<app::SourceRecordRow>> rows;
    for (const SourceRecord& r : synth::agency_records(people, Date{2026, 11, 20}, 7)) {
      rows[r.agency].push_back(app::source_record_row(prefix + r.source_id, r.person, 2));
      rows[r.agency].back().line = rows[r.agency].size() + 1;
    }
    for (const auto& [agency, list] : rows) {
      auto imported = hub_->import_source_records(app::command_line_actor(), agency, list);
      ASSERT_TRUE(imported.ok()) << imported.error().message;
    }

    // What health and education hold about the child: health exactly, education with a
    // nickname ("Becky"), a typo in the family name and no NHS number.
    Subject health = child(family_, nhs_);
    Subject education = child(family_, "");
    education.given_name = "Becky";
    education.family_name = family_.substr(0, family_.size() - 1) + "x";
    health_key_ = import_one("health", health);
    education_key_ = import_one("education", education);

    app::HubOptions options;
    options.password_opslimit = 1;
    options.password_memlimit = 8u * 1024 * 1024;
    matching_ = std::make_unique<app::Hub>(*db_, clock_, options);
    worker_ = add_user(Role::information_officer);
  }

  std::string import_one(const std::string& agency, const Person& p) {
    const std::string id = "S" + unique_letters();
    auto r = hub_->import_source_records(app::command_line_actor(), agency,
                                         {app::source_record_row(id, p, 2)});
    EXPECT_TRUE(r.ok());
    int64_t row_id = 0;
    db_->read([&](store::Tx& tx) { row_id = store::find_source_record(tx, agency, id)->id; });
    return "sr:" + std::to_string(row_id);
  }

  Contact record(const Contact& c) {
    auto r = matching_->record_contact(actor_of(worker_), c);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->contact : Contact{};
  }

  app::SubjectMatches matches_of(const Contact& c, size_t subject = 0) {
    auto m = matching_->match_contact(actor_of(worker_), c.id);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    EXPECT_TRUE(m->available) << m->unavailable;
    return m->subjects.at(subject);
  }

  std::vector<store::AuditRow> audit_of(const Contact& c) {
    std::vector<store::AuditRow> rows;
    db_->read([&](store::Tx& tx) {
      rows = store::audit_rows_for_record(tx, "contact", std::to_string(c.id));
    });
    return rows;
  }

  std::string family_, nhs_, health_key_, education_key_;
  std::unique_ptr<app::Hub> matching_;
  User worker_;
};

const app::MatchCandidate* find(const std::vector<app::MatchCandidate>& list,
                                const std::string& key) {
  for (const auto& c : list)
    if (c.record.key == key) return &c;
  return nullptr;
}

bool offered(const app::SubjectMatches& m, const std::string& key) {
  return find(m.likely, key) || find(m.possible, key);
}

TEST_F(MatchingTest, SubjectsAreMatchedWithExplanationsAndTheViewIsAudited) {
  const Contact c = record(contact_about(child(family_, nhs_), "2026-11-19T21:14:00+00:00"));
  const app::SubjectMatches m = matches_of(c);
  EXPECT_EQ(m.subject_id, c.subjects[0].id);
  const app::MatchCandidate* health = find(m.likely, health_key_);
  ASSERT_NE(health, nullptr) << "the health record should be a likely match";
  EXPECT_GE(health->match_probability, 0.9);
  EXPECT_EQ(health->record.agency, "health");
  EXPECT_EQ(health->record.held.given_name, "Rebecca");
  EXPECT_EQ(health->record.held.family_name, family_);
  EXPECT_EQ(health->record.held.date_of_birth, (Date{2016, 4, 9}));
  ASSERT_FALSE(health->explanation.empty());
  EXPECT_TRUE(std::any_of(health->explanation.begin(), health->explanation.end(),
                          [](const std::string& s) { return s.rfind("date of birth:", 0) == 0; }));
  EXPECT_TRUE(offered(m, education_key_)) << "the nickname and typo should still match";
  EXPECT_FALSE(offered(m, "cs:" + std::to_string(c.subjects[0].id))) << "never the subject itself";
  for (const auto& list : {m.likely, m.possible})
    for (const auto& cand : list) EXPECT_GE(cand.match_probability, 0.5);
  EXPECT_FALSE(m.known_to);

  const auto audit = audit_of(c);
  ASSERT_FALSE(audit.empty());
  const store::AuditRow& view = audit.back();
  EXPECT_EQ(view.action, "person_match.view");
  EXPECT_EQ(view.username, worker_.username);
  EXPECT_EQ(view.outcome, "allowed");
  EXPECT_NE(view.detail.find(health_key_), std::string::npos) << view.detail;
}

TEST_F(MatchingTest, ASecondContactAboutTheChildMatchesTheFirstOnesSubject) {
  const Contact first = record(contact_about(child(family_, nhs_), "2026-10-01T09:00:00+00:00"));
  // The same details: what is tested is that the index learns of new subjects as they are
  // stored (fuzzy matching is the engine's, tested in tests/unit/test_match_*).
  const Contact second = record(contact_about(child(family_, nhs_), "2026-11-19T21:14:00+00:00"));
  const app::SubjectMatches m = matches_of(second);
  const std::string first_key = "cs:" + std::to_string(first.subjects[0].id);
  ASSERT_TRUE(offered(m, first_key)) << "the index learns of new contacts' subjects as stored";
  const app::MatchCandidate* hit =
      find(m.likely, first_key) ? find(m.likely, first_key) : find(m.possible, first_key);
  EXPECT_EQ(hit->record.contact_id, first.id);
  EXPECT_EQ(hit->record.agency, first.agency);
}

TEST_F(MatchingTest, ConfirmRejectAndUndoResolveThePersonAndAreAudited) {
  const Contact c = record(contact_about(child(family_, nhs_), "2026-11-19T21:14:00+00:00"));
  const int64_t s = c.subjects[0].id;
  const Actor w = actor_of(worker_);

  auto confirmed = matching_->confirm_link(w, c.id, s, health_key_, "Same name, DOB and NHS no.");
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
  EXPECT_EQ(confirmed->status, app::LinkStatus::confirmed);
  EXPECT_GT(confirmed->person_id, 0);
  EXPECT_EQ(confirmed->decided_by, worker_.username);
  EXPECT_EQ(confirmed->reason, "Same name, DOB and NHS no.");
  EXPECT_EQ(confirmed->record.agency, "health");

  auto rejected = matching_->reject_link(w, c.id, s, education_key_, "Different school year");
  ASSERT_TRUE(rejected.ok()) << rejected.error().message;
  EXPECT_EQ(rejected->status, app::LinkStatus::rejected);
  EXPECT_EQ(rejected->person_id, 0);

  app::SubjectMatches m = matches_of(c);
  EXPECT_FALSE(offered(m, health_key_)) << "a confirmed record is not offered again";
  EXPECT_FALSE(offered(m, education_key_)) << "a rejected pair is not offered again";
  ASSERT_TRUE(m.known_to);
  EXPECT_EQ(m.known_to->person_id, confirmed->person_id);
  EXPECT_EQ(m.known_to->agencies, std::vector<std::string>{"health"});
  ASSERT_EQ(m.links.size(), 2u);
  EXPECT_EQ(m.links[0].id, confirmed->id);
  EXPECT_EQ(m.links[1].status, app::LinkStatus::rejected);

  // Deciding the same pair twice is refused.
  auto twice = matching_->reject_link(w, c.id, s, education_key_, "again");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().kind, Error::Kind::conflict);

  auto undone = matching_->undo_link(w, c.id, confirmed->id, "Confirmed the wrong record");
  ASSERT_TRUE(undone.ok()) << undone.error().message;
  EXPECT_EQ(undone->status, app::LinkStatus::undone);
  EXPECT_EQ(undone->decision, app::LinkStatus::confirmed);
  EXPECT_EQ(undone->undone_by, worker_.username);
  EXPECT_EQ(undone->undo_reason, "Confirmed the wrong record");
  EXPECT_EQ(undone->reason, "Same name, DOB and NHS no.") << "history is kept";
  m = matches_of(c);
  EXPECT_FALSE(m.known_to) << "after the undo the subject belongs to no person";
  EXPECT_TRUE(offered(m, health_key_)) << "an undone confirmation is offered again";
  EXPECT_FALSE(offered(m, education_key_));
  ASSERT_EQ(m.links.size(), 2u);
  EXPECT_EQ(m.links[0].status, app::LinkStatus::undone);
  auto again = matching_->undo_link(w, c.id, confirmed->id, "again");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, Error::Kind::conflict);

  std::vector<std::string> actions;
  for (const auto& row : audit_of(c)) {
    if (row.action.rfind("person_link.", 0) != 0) continue;
    actions.push_back(row.action);
    EXPECT_EQ(row.username, worker_.username);
    EXPECT_EQ(row.role, "information_officer");
    EXPECT_EQ(row.record_type, "contact");
    EXPECT_EQ(row.record_id, std::to_string(c.id));
    EXPECT_EQ(row.outcome, "allowed");
  }
  const std::vector<std::string> expected = {"person_link.confirm", "person_link.reject",
                                             "person_link.undo"};
  EXPECT_EQ(actions, expected);
  const auto audit = audit_of(c);
  const auto confirm_row = std::find_if(
      audit.begin(), audit.end(), [](const auto& r) { return r.action == "person_link.confirm"; });
  EXPECT_NE(confirm_row->detail.find(health_key_), std::string::npos) << confirm_row->detail;
  EXPECT_NE(confirm_row->detail.find("cs:" + std::to_string(s)), std::string::npos);
}

TEST_F(MatchingTest, ConfirmingJoinsTheExistingPersonAndCountsRepeatReferrals) {
  const Actor w = actor_of(worker_);
  // 2026-11-20 now: 13 months ago is outside the 12 months, 2 months ago inside.
  const Contact old = record(contact_about(child(family_, nhs_), "2025-10-15T10:00:00+00:00"));
  const Contact recent = record(contact_about(child(family_, nhs_), "2026-09-20T10:00:00+00:00"));
  const Contact now = record(contact_about(child(family_, nhs_), "2026-11-19T21:14:00+00:00"));

  auto a = matching_->confirm_link(w, old.id, old.subjects[0].id, health_key_, "NHS number");
  ASSERT_TRUE(a.ok()) << a.error().message;
  // The record already belongs to a person: the recent subject joins that person.
  auto b = matching_->confirm_link(w, recent.id, recent.subjects[0].id, health_key_, "NHS no.");
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->person_id, a->person_id);
  // The subject of today's contact joins through the recent one's subject.
  const std::string recent_key = "cs:" + std::to_string(recent.subjects[0].id);
  auto c = matching_->confirm_link(w, now.id, now.subjects[0].id, recent_key, "Same child");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->person_id, a->person_id);
  EXPECT_EQ(c->record.contact_id, recent.id);

  const app::SubjectMatches m = matches_of(now);
  ASSERT_TRUE(m.known_to);
  EXPECT_EQ(m.known_to->person_id, a->person_id);
  EXPECT_EQ(m.known_to->agencies, std::vector<std::string>{"health"});
  EXPECT_EQ(m.known_to->repeat_contacts, std::vector<int64_t>{recent.id})
      << "the contact 13 months ago and this contact itself are not counted";
  EXPECT_FALSE(offered(m, health_key_)) << "already this person's record";

  // Seen from the old contact (now 2026-11-20): the two later contacts are within 12 months.
  const app::SubjectMatches from_old = matches_of(old);
  ASSERT_TRUE(from_old.known_to);
  EXPECT_EQ(from_old.known_to->repeat_contacts, (std::vector<int64_t>{now.id, recent.id}));
}

TEST_F(MatchingTest, TwoPeopleAreNotMergedByOneConfirmation) {
  const Actor w = actor_of(worker_);
  const Contact one = record(contact_about(child(family_, nhs_), "2026-11-18T10:00:00+00:00"));
  const Contact two = record(contact_about(child(family_, ""), "2026-11-19T10:00:00+00:00"));
  auto a = matching_->confirm_link(w, one.id, one.subjects[0].id, health_key_, "NHS number");
  auto b = matching_->confirm_link(w, two.id, two.subjects[0].id, education_key_, "School");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->person_id, b->person_id);
  auto merge = matching_->confirm_link(w, two.id, two.subjects[0].id, health_key_, "Same child");
  ASSERT_FALSE(merge.ok());
  EXPECT_EQ(merge.error().kind, Error::Kind::conflict);
  EXPECT_NE(merge.error().message.find("does not merge"), std::string::npos)
      << merge.error().message;
  const app::SubjectMatches m = matches_of(two);
  ASSERT_TRUE(m.known_to);
  EXPECT_EQ(m.known_to->person_id, b->person_id);
  EXPECT_EQ(m.known_to->agencies, std::vector<std::string>{"education"});
}

TEST_F(MatchingTest, AReasonIsRequiredAndNothingIsWrittenWithoutOne) {
  const Contact c = record(contact_about(child(family_, nhs_), "2026-11-19T21:14:00+00:00"));
  const size_t audit_before = audit_of(c).size();
  for (const char* reason : {"", "   "}) {
    auto r =
        matching_->confirm_link(actor_of(worker_), c.id, c.subjects[0].id, health_key_, reason);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, Error::Kind::invalid);
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, "reason");
  }
  auto bad_key = matching_->reject_link(actor_of(worker_), c.id, c.subjects[0].id, "xx:1", "no");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.error().fields.at(0).field, "record");
  auto not_here = matching_->confirm_link(actor_of(worker_), c.id, c.subjects[0].id + 999999,
                                          health_key_, "why");
  ASSERT_FALSE(not_here.ok());
  EXPECT_EQ(not_here.error().kind, Error::Kind::not_found);
  EXPECT_EQ(audit_of(c).size(), audit_before);
  EXPECT_TRUE(matches_of(c).links.empty());
}

TEST_F(MatchingTest, OnlyHubStaffMatchAndLink) {
  const Contact c = record(contact_about(child(family_, nhs_), "2026-11-19T21:14:00+00:00"));
  const User auditor = add_user(Role::auditor);
  auto view = matching_->match_contact(actor_of(auditor), c.id);
  ASSERT_FALSE(view.ok());
  EXPECT_EQ(view.error().kind, Error::Kind::forbidden);
  auto link =
      matching_->confirm_link(actor_of(auditor), c.id, c.subjects[0].id, health_key_, "I think so");
  ASSERT_FALSE(link.ok());
  EXPECT_EQ(link.error().kind, Error::Kind::forbidden);
  const Actor feed{Actor::Kind::agency_system, 0, "Test feed", std::nullopt, c.agency};
  EXPECT_EQ(matching_->match_contact(feed, c.id).error().kind, Error::Kind::forbidden);

  const auto audit = audit_of(c);
  const auto denied = std::count_if(audit.begin(), audit.end(), [&](const auto& r) {
    return r.outcome == "denied" && r.username == auditor.username;
  });
  EXPECT_EQ(denied, 2) << "refusals are audited";
  EXPECT_TRUE(matches_of(c).links.empty());
}

TEST_F(MatchingTest, TooFewRecordsToLearnFromSaysSo) {
  app::HubOptions options;
  options.min_records_to_match = 100000000;
  app::Hub small(*db_, clock_, options);
  const Contact c = record(contact_about(child(family_, nhs_), "2026-11-19T21:14:00+00:00"));
  auto m = small.match_contact(actor_of(worker_), c.id);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->available);
  EXPECT_NE(m->unavailable.find("at least 100000000 records"), std::string::npos) << m->unavailable;
  ASSERT_EQ(m->subjects.size(), 1u);
  EXPECT_TRUE(m->subjects[0].likely.empty());
}

// Children move: a record of the child at an earlier address in another town, with no NHS
// number, is still offered on the strength of the name, date of birth and sex. The move counts
// against once (postcode, address and town change together), not three times.
TEST_F(MatchingTest, AChildWhoMovedTownIsStillOffered) {
  // Not the Rebecca of the other tests, whose records share this database.
  Subject now = child(family_, "");
  now.given_name = "Maisie";
  now.date_of_birth = Date{2015, 2, 3};
  Subject earlier = now;
  earlier.address = {"3 Moorside Terrace", "", "Darwen", "BB3 1PD"};
  const std::string police_key = import_one("police", earlier);
  const Contact c = record(contact_about(now, "2026-11-19T21:14:00+00:00"));
  const app::SubjectMatches m = matches_of(c);
  const app::MatchCandidate* hit = find(m.likely, police_key);
  if (!hit) hit = find(m.possible, police_key);
  ASSERT_NE(hit, nullptr) << "the child at an earlier address should be offered";
  const auto& e = hit->explanation;
  const auto counted_once = std::count_if(e.begin(), e.end(), [](const std::string& s) {
    return s.find("a move: counted once") != std::string::npos;
  });
  EXPECT_EQ(counted_once, 2) << "of postcode, address and town, one disagreement counts";
}

// A family shares its home: a brother at the same address, and the mother, are not the child.
// Sharing postcode, address and town must not outweigh a different given name, date of birth
// and NHS number.
TEST_F(MatchingTest, ASiblingOrParentAtTheSameAddressIsNotOffered) {
  Subject now = child(family_, nhs_);
  now.given_name = "Poppy";
  now.date_of_birth = Date{2018, 9, 14};
  now.nhs_number = unique_nhs_number();
  Subject brother = now;
  brother.given_name = "Oliver";
  brother.sex = Sex::male;
  brother.date_of_birth = Date{2013, 7, 1};
  brother.nhs_number = unique_nhs_number();
  Subject mother = now;
  mother.given_name = "Joanne";
  mother.date_of_birth = Date{1989, 2, 20};
  mother.nhs_number = unique_nhs_number();
  const std::string brother_key = import_one("health", brother);
  const std::string mother_key = import_one("police", mother);
  const Contact c = record(contact_about(now, "2026-11-19T21:14:00+00:00"));
  const app::SubjectMatches m = matches_of(c);
  for (const std::string& key : {brother_key, mother_key}) {
    const app::MatchCandidate* hit = find(m.likely, key);
    if (!hit) hit = find(m.possible, key);
    std::string why;
    if (hit)
      for (const auto& line : hit->explanation) why += line + "; ";
    EXPECT_EQ(hit, nullptr) << key << " offered at " << (hit ? hit->match_probability : 0) << ": "
                            << why;
  }
}

}  // namespace
}  // namespace mash::testing
