// The store's transactions: on SQLite, concurrent transactions are committed in groups, and one
// that fails must not take the others in its group with it.
#include <thread>

#include "audit/audit.h"
#include "hub_fixture.h"
#include "store/accounts.h"
#include "store/audit_log.h"

namespace mash::testing {
namespace {

TEST_F(HubTest, AFailedTransactionLeavesTheOthersInItsGroup) {
  const std::string tag = "grp" + std::to_string(::getpid() % 100000);
  constexpr int kThreads = 8, kEach = 25;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const int n = t * kEach + i;
        try {
          db_->transact([&](store::Tx& tx) {
            store::upsert_agency(tx, {tag + "_" + std::to_string(n), "Group test agency"}, false);
            if (n % 3 == 0) throw std::runtime_error("refused");
          });
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "refused");
          ++failed;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), (kThreads * kEach + 2) / 3);
  int present = 0, wrong = 0;
  db_->read([&](store::Tx& tx) {
    for (int n = 0; n < kThreads * kEach; ++n) {
      const bool exists = store::agency_exists(tx, tag + "_" + std::to_string(n));
      present += exists;
      wrong += exists == (n % 3 == 0);
    }
  });
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(present, kThreads * kEach - failed.load());
}

TEST_F(HubTest, ADatabaseErrorIsReportedWithoutTheValuesBound) {
  const std::string secret = "Zoë O'Connor-Shah";  // stands for personal data
  try {
    db_->transact([&](store::Tx& tx) {
      store::upsert_agency(tx, {"ok_agency_" + std::to_string(::getpid()), secret}, false);
      store::insert_user(
          tx,
          User{0, "u" + std::to_string(::getpid()), secret, Role::analyst, "no_such_agency", true},
          "hash", "2026-11-20T10:00:00+00:00");  // breaks a foreign key
    });
    ADD_FAILURE() << "the foreign key should have been enforced";
  } catch (const store::StoreError& e) {
    EXPECT_EQ(std::string(e.what()).find(secret), std::string::npos) << e.what();
  }
}

TEST_F(HubTest, ReadsDoNotChangeAnything) {
  EXPECT_THROW(db_->read([&](store::Tx& tx) {
    store::upsert_agency(tx, {"read_only_probe", "Probe"}, false);
    throw std::runtime_error("stop");
  }),
               std::runtime_error);
  bool exists = true;
  db_->read([&](store::Tx& tx) { exists = store::agency_exists(tx, "read_only_probe"); });
  EXPECT_FALSE(exists);
}

// A child on many contacts and requests: more records than SQLite allows terms in one compound
// SELECT (500). Their events are read and counted whole, newest first.
TEST_F(HubTest, TheEventsOfSixHundredRecordsAreReadAndCounted) {
  const std::string type = "chunk_probe_" + std::to_string(::getpid());
  constexpr int kRecords = 600;
  std::vector<store::AuditRecord> records;
  std::vector<int64_t> seqs;
  db_->transact([&](store::Tx& tx) {
    for (int i = 0; i < kRecords; ++i) {
      records.push_back({type, std::to_string(i)});
      audit::Event e;
      e.at = clock_.now();
      e.actor_kind = "command_line";
      e.username = "probe";
      e.action = "probe.view";
      e.record_type = type;
      e.record_id = std::to_string(i);
      e.purpose = "testing";
      // Two events for every tenth record, so that the counts differ from the records.
      seqs.push_back(audit::append(tx, e));
      if (i % 10 == 0) seqs.push_back(audit::append(tx, e));
    }
  });
  std::sort(seqs.rbegin(), seqs.rend());
  std::vector<store::AuditRow> newest, page;
  int64_t counted = 0;
  db_->read([&](store::Tx& tx) {
    newest = store::audit_rows_for_records(tx, records, 0, 250);
    page = store::audit_rows_for_records(tx, records, seqs[99], 50);
    counted = store::count_audit_rows_for_records(tx, records);
  });
  EXPECT_EQ(counted, kRecords + kRecords / 10);
  ASSERT_EQ(newest.size(), 250u);
  for (size_t i = 0; i < newest.size(); ++i) EXPECT_EQ(newest[i].seq, seqs[i]) << i;
  ASSERT_EQ(page.size(), 50u);
  for (size_t i = 0; i < page.size(); ++i) EXPECT_EQ(page[i].seq, seqs[100 + i]) << i;
}

}  // namespace
}  // namespace mash::testing
