// A Hub on the database named by MASH_TEST_DB (default: a new SQLite file), with a clock the
// test controls. Each test gets fresh usernames so one database serves the whole run.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "app/hub.h"
#include "domain/clock.h"
#include "store/audit_log.h"
#include "store/database.h"

namespace mash::testing {

// The folder of this process's own SQLite database, when MASH_TEST_DB names none.
inline std::filesystem::path own_db_dir() {
  return std::filesystem::temp_directory_path() / ("mash-hub-tests-" + std::to_string(::getpid()));
}

inline std::string test_db_url() {
  if (const char* url = std::getenv("MASH_TEST_DB"); url && *url) return url;
  std::filesystem::create_directories(own_db_dir());
  return "sqlite:" + (own_db_dir() / "hub.db").string();
}

inline Timestamp at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

// A valid contact like the API example in the issue (below).
inline Contact example_contact(const std::string& external_ref = "");

class HubTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = store::Database::open(test_db_url()).release();
    db_->migrate();
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
    std::error_code ignored;
    std::filesystem::remove_all(own_db_dir(), ignored);
  }
  void SetUp() override {
    app::HubOptions options;
    options.password_opslimit = 1;  // crypto_pwhash_OPSLIMIT_MIN: tests needn't be slow
    options.password_memlimit = 8u * 1024 * 1024;
    // Learning a matching model at every start would slow every test; the matching tests turn
    // it on (tests/hub/test_matching.cpp).
    options.person_matching = false;
    hub_ = std::make_unique<app::Hub>(*db_, clock_, options);
  }

  // A new user with a name no other test uses.
  User add_user(Role role, const std::string& agency = "childrens_social_care") {
    static std::atomic<int> n{0};
    User u;
    u.username = "user" + std::to_string(::getpid()) + "." + std::to_string(++n);
    u.display_name = "Test user";
    u.role = role;
    u.agency = agency;
    auto added = hub_->add_user(app::command_line_actor(), u, password());
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message);
    return added.ok() ? added.value() : u;
  }
  static policy::Actor actor_of(const User& u) {
    return policy::Actor{policy::Actor::Kind::user, u.id, u.username, u.role, u.agency};
  }
  static std::string password() { return "correct horse battery staple"; }
  // The example contact, recorded by a new referral administrator; received at `when` when given.
  Contact received(const char* when = nullptr) {
    const User admin = add_user(Role::referral_administrator);
    Contact c = example_contact();
    if (when) c.received_at = at(when);
    auto r = hub_->record_contact(actor_of(admin), c);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->contact : Contact{};
  }
  // The audit log's events about a contact, oldest first.
  std::vector<store::AuditRow> audit_of(int64_t contact_id) {
    return audit_of_record("contact", std::to_string(contact_id));
  }
  // Every event about one record, oldest first.
  std::vector<store::AuditRow> audit_of_record(const std::string& type, const std::string& id) {
    std::vector<store::AuditRow> rows;
    db_->read([&](store::Tx& tx) { rows = store::audit_rows_for_record(tx, type, id); });
    return rows;
  }

  static store::Database* db_;
  FixedClock clock_{at("2026-11-20T10:00:00+00:00")};
  std::unique_ptr<app::Hub> hub_;
};

inline store::Database* HubTest::db_ = nullptr;

// A valid contact like the API example in the issue.
inline Contact example_contact(const std::string& external_ref) {
  Contact c;
  if (!external_ref.empty()) c.external_ref = external_ref;
  c.received_at = at("2026-11-19T21:14:00+00:00");
  c.source = ReferralSource::police;
  c.referrer = {
      false,          "PC 4127 Jones",        "Lancashire Constabulary", "Officer in the case",
      "01254 000000", "oic@example.police.uk"};
  Subject s;
  s.given_name = "Matt";
  s.family_name = "Example";
  s.date_of_birth = Date{2025, 10, 1};
  s.sex = Sex::male;
  s.role = SubjectRole::child;
  s.address = {"1 Example Street", "", "Blackburn", "BB2 1DH"};
  s.nhs_number = "9434765919";
  c.subjects.push_back(s);
  c.presenting_issues = {PresentingIssue::domestic_abuse};
  c.narrative = "Police attended a domestic incident; the child was present.";
  c.consent = {ConsentStatus::not_sought, "Seeking consent would place the child at risk"};
  return c;
}

}  // namespace mash::testing
