// What changed on the hub, for live pages (the case tracker, issue 4): each use case that changes
// an open contact publishes its id after its transaction commits, and a board waiting for news
// wakes within the wait. Holds no personal data: only contact ids and a sequence number.
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

namespace mash::app {

class ChangeFeed {
 public:
  struct Batch {
    uint64_t seq = 0;               // the latest change seen: pass it to the next wait
    std::vector<int64_t> contacts;  // contacts changed after the `seen` asked for, each once
    bool everything = false;        // too far behind to list them: reload the whole board
  };

  // Records that a contact changed (0: something that touches every board, such as a clock
  // passing its due time) and wakes every waiter.
  void publish(int64_t contact_id);
  // The changes after `seen`; waits up to `timeout` for one when there are none yet (an empty
  // batch when none came: a board sends its keep-alive then).
  Batch wait_after(uint64_t seen, std::chrono::milliseconds timeout) const;
  uint64_t seq() const;
  // Wakes every waiter now (the server is stopping); from then on no wait waits.
  void wake_all();
  bool stopping() const;

 private:
  static constexpr size_t kKept = 4096;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  // Starts at this boot's time in microseconds, so that an id a board kept from before a restart
  // is below every id of this run: its next wait reports `everything`, and it reloads.
  uint64_t seq_ = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
  std::deque<std::pair<uint64_t, int64_t>> recent_;  // (seq, contact), the last kKept
  bool stopping_ = false;
};

}  // namespace mash::app
