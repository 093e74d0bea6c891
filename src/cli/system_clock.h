// The clock of the commands: the machine's time, to the second.
#pragma once

#include <ctime>

#include "domain/clock.h"

namespace mash::cli {

class SystemClock : public Clock {
 public:
  Timestamp now() const override { return Timestamp{static_cast<int64_t>(std::time(nullptr)), 0}; }
};

}  // namespace mash::cli
