// The hub's clock watch: while the server runs, a thread records every clock that passes its due
// time (Hub::sweep_clocks) every `interval`, so boards mark it overdue and hub managers are told
// even when nobody opens the contact. Stops when destroyed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace mash::app {

class Hub;

class ClockWatch {
 public:
  ClockWatch(Hub& hub, std::chrono::seconds interval);
  ~ClockWatch();
  ClockWatch(const ClockWatch&) = delete;
  ClockWatch& operator=(const ClockWatch&) = delete;

 private:
  void run();
  Hub& hub_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mash::app
