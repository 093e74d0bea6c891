// The case tracker's snapshot of every open contact (issue 4), so that a board of 10,000
// contacts is served from memory rather than read afresh for each of 100 boards. Internal to
// app/. Thread-safe.
//
// It stays true through the change feed: every use case that changes an open contact publishes
// its id after committing, and each read first re-reads the contacts published since the
// snapshot (all of them when the feed cannot say which). A change made without publishing (a
// person link adding an agency; another process writing the same database) shows within
// kMaxAge, when the snapshot is read afresh whatever the feed says.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "app/hub.h"

namespace mash::store {
class Database;
struct TrackerRow;
}  // namespace mash::store

namespace mash::app {

class ChangeFeed;

// One open contact as the tracker shows it, less what depends on the time of reading (the
// clock's time remaining, the subjects' ages).
struct TrackerEntry {
  TrackerItem item;                       // seconds_remaining, overdue and ages not yet set
  std::vector<std::optional<Date>> born;  // each subject's date of birth, for their age
  // A restricted contact is shown only to the users granted it (ids in order).
  bool restricted = false;
  std::vector<int64_t> granted;
};

// The entry for a row as the store reads it (its strings are moved from).
TrackerEntry tracker_entry(store::TrackerRow& row, const HubConfig& config);
// The tracker's order: rated by due time (the most overdue first), then not rated by receipt.
bool more_urgent(const TrackerItem& a, const TrackerItem& b);

class TrackerCache {
 public:
  static constexpr std::chrono::seconds kMaxAge{30};
  using Entries = std::vector<std::shared_ptr<const TrackerEntry>>;

  // Every open contact, most urgent first (rated by due time, then not rated by receipt).
  std::shared_ptr<const Entries> current(store::Database& db, const ChangeFeed& feed,
                                         const HubConfig& config);

 private:
  std::mutex mutex_;
  std::shared_ptr<const Entries> entries_;
  uint64_t seq_ = 0;  // the change feed's sequence number the snapshot is good for
  std::chrono::steady_clock::time_point read_at_;
};

}  // namespace mash::app
