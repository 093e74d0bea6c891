// The hub's performance figures (issue 5): how each agency answers the hub's information
// requests — how many, how many on time, how long they took, how many were chased. Counts only:
// no one asked about is named, and restricted contacts are left out. For hub staff, analysts
// and auditors (policy: performance.view).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/hub.h"

namespace mash::app {

// One agency's answers to the requests raised in the period, as they stand now.
struct AgencyTimeliness {
  std::string agency;  // code; "" for the hub's total
  std::string agency_name;
  int requests = 0;          // raised in the period
  int answered = 0;          // answers sent
  int answered_on_time = 0;  // sent by the request's due time
  int answered_late = 0;
  int open_overdue = 0;  // not answered, past due
  int open_not_due = 0;  // not answered, not due yet
  int chased = 0;        // chased by the hub once overdue
  // Of the requests that have fallen due (answered, or open from their due time on), those
  // answered on time, in whole per cent rounded down; nullopt when none has.
  std::optional<int> on_time_percent;
  // From request to answer, the middle of the answered requests (the lower middle of an even
  // number); nullopt when none is answered.
  std::optional<int64_t> median_seconds_to_answer;
};

struct TimelinessReport {
  Date from, to;                           // requests raised on these London dates, both included
  Timestamp at;                            // as the requests stood then
  std::vector<AgencyTimeliness> agencies;  // by name; only agencies asked in the period
  AgencyTimeliness total;
};

class Performance {
 public:
  explicit Performance(Hub& hub) : hub_(hub) {}
  // The agencies' timeliness for requests raised from `from` to `to` (London dates, both
  // included, at most 366 days; `to` not before `from`). Without `to`, today; without `from`,
  // the 30 days to `to`. Audited as performance.view.
  Result<TimelinessReport> timeliness(const Actor& actor, std::optional<Date> from,
                                      std::optional<Date> to);

 private:
  Hub& hub_;
};

// "3 h 20 min", "2 days 4 h", "45 min"
std::string describe_duration(int64_t seconds);

}  // namespace mash::app
