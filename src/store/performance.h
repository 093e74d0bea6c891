// What the performance figures are counted from (issue 5): each information request's times,
// without anything about whom it asked about.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

struct RequestTiming {
  std::string agency;
  int64_t requested_epoch = 0;
  int64_t due_epoch = 0;
  std::optional<int64_t> answered_epoch;
  bool chased = false;
};
// The requests raised in [from, to) about contacts that are not restricted (a restricted
// contact is counted by no one), oldest first.
std::vector<RequestTiming> request_timings(Tx& tx, int64_t from_epoch, int64_t to_epoch);

}  // namespace mash::store
