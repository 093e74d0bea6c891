#include "app/change_feed.h"

#include <algorithm>

namespace mash::app {

void ChangeFeed::publish(int64_t contact_id) {
  {
    std::lock_guard lock(mutex_);
    recent_.emplace_back(++seq_, contact_id);
    if (recent_.size() > kKept) recent_.pop_front();
  }
  changed_.notify_all();
}

ChangeFeed::Batch ChangeFeed::wait_after(uint64_t seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return seq_ > seen || stopping_; });
  Batch batch;
  batch.seq = seq_;
  if (seq_ <= seen) return batch;
  if (recent_.empty() || recent_.front().first > seen + 1) {
    batch.everything = true;
    return batch;
  }
  for (const auto& [seq, contact] : recent_) {
    if (seq <= seen) continue;
    if (contact == 0) {
      batch.everything = true;
      batch.contacts.clear();
      return batch;
    }
    if (std::find(batch.contacts.begin(), batch.contacts.end(), contact) == batch.contacts.end())
      batch.contacts.push_back(contact);
  }
  return batch;
}

uint64_t ChangeFeed::seq() const {
  std::lock_guard lock(mutex_);
  return seq_;
}

void ChangeFeed::wake_all() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
}

bool ChangeFeed::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

}  // namespace mash::app
