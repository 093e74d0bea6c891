// The store's transactions: on SQLite, concurrent transactions are committed in groups, and one
// that fails must not take the others in its group with it.
#include <thread>

#include "hub_fixture.h"
#include "store/accounts.h"

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

}  // namespace
}  // namespace mash::testing
