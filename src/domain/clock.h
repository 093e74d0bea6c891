// Time comes from an injectable clock so deadline logic is testable to the second.
#pragma once

#include "domain/time.h"

namespace mash {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

// A clock that says what it is told: for tests.
class FixedClock : public Clock {
 public:
  explicit FixedClock(Timestamp t) : t_(t) {}
  Timestamp now() const override { return t_; }
  void set(Timestamp t) { t_ = t; }
  void advance(int64_t seconds) { t_.epoch_seconds += seconds; }

 private:
  Timestamp t_;
};

}  // namespace mash
