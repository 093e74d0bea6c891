#include "app/clock_watch.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "app/hub.h"

namespace mash::app {

ClockWatch::ClockWatch(Hub& hub, std::chrono::seconds interval)
    : hub_(hub), interval_(interval), thread_([this] { run(); }) {}

ClockWatch::~ClockWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  thread_.join();
}

void ClockWatch::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      const SweepReport r = hub_.sweep_clocks();
      if (r.breaches > 0)
        spdlog::info("clock watch: {} clock(s) passed their due time; {} notification(s)",
                     r.breaches, r.notifications);
    } catch (const std::exception& e) {
      // The database may be briefly unavailable: try again at the next turn.
      spdlog::error("clock watch: {}", e.what());
    }
    lock.lock();
    stop_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace mash::app
