// Working time: a hub's opening hours and closed days, and when a clock falls due. A MASH works
// to timescales ("Red: 4 hours; Amber: 1 working day; Green: 3 working days"); some count every
// hour (a Red contact's clock runs past closing), others only the hub's working hours. Pure and
// table-tested: no clock is read here. All local times are Europe/London (domain/london_time.h):
// the clocks change on the last Sundays of March and October, and working hours never straddle
// the change (it happens at 01:00 UTC).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "domain/time.h"

namespace mash {

// One day's opening hours, in minutes after local midnight; open < close.
struct OpeningHours {
  int open = 0;
  int close = 0;
  int minutes() const { return close - open; }
  bool operator==(const OpeningHours&) const = default;
};

// The days of the week as the calendar indexes them: Monday 0 … Sunday 6.
int weekday_index(const Date& d);
std::string_view weekday_name(int index);  // "monday" … "sunday"

struct WorkingCalendar {
  std::array<std::optional<OpeningHours>, 7> hours;  // Monday … Sunday; none: closed all day
  std::set<Date> closed;                             // bank holidays and local closures
  // What "one working day" counts, in working minutes: by default the longest day's hours
  // (08:30–17:00: 510 minutes). A clock of N working days runs N times this through the hours.
  int working_day_minutes = 510;

  bool is_working_day(const Date& d) const;
  // Monday to Friday 08:30–17:00, closed on England and Wales bank holidays 2024–2028.
  static WorkingCalendar standard();
};

// England and Wales bank holidays, 2024 to 2028, as GOV.UK publishes them, substitute days
// included (Boxing Day 2026 falls on a Saturday: Monday 28 December is the holiday).
std::span<const Date> england_and_wales_bank_holidays();

enum class TimeCount { elapsed, working };
enum class TimeUnit { hours, days };

// A timescale: "4 hours", "1 working day", "3 working days", "24 working hours", "2 days".
struct Timescale {
  int amount = 0;  // at least 1
  TimeUnit unit = TimeUnit::hours;
  TimeCount count = TimeCount::elapsed;
  bool operator==(const Timescale&) const = default;
};

// "4 hours", "1 working day", "3 working days" (the form parse_timescale() reads).
std::string describe(const Timescale& t);

// Reads "N hours", "N days", "N working hours" or "N working days" (singular or plural, any
// case, N from 1 to 1000). Fails with Error::invalid saying what it expected.
Result<Timescale> parse_timescale(std::string_view text);

// "08:30-17:00" (or with "–", "to") -> opening hours; "closed" -> none. Fails with
// Error::invalid saying what it expected.
Result<std::optional<OpeningHours>> parse_opening_hours(std::string_view text);

// When a clock started at `start` falls due under `calendar`:
// - elapsed hours: `amount` hours later, by the clock on the wall of no office (so 4 hours
//   across the change to summer time is still 4 hours of real time);
// - elapsed days: the same London time `amount` calendar days later;
// - working hours / days: `amount` hours (or working days of working_day_minutes) counted only
//   within opening hours on working days. A clock started out of hours starts at the next
//   opening; one that ends exactly at a closing time is due at that closing time (the end of
//   that working day), not at the next opening.
// The result carries London's offset at that instant. The calendar must have at least one
// working day in any week (otherwise the result is start + 10 years, a guard, not a date).
Timestamp due_at(const WorkingCalendar& calendar, const Timestamp& start, const Timescale& t);

// A contact's clock after its rating changed at `changed_at` to one with timescale `t`: the new
// timescale runs from receipt, as if the contact had been rated so from the start — unless that
// moment has already passed, when it runs from the change (raising a rating late gives the full
// new timescale from the decision, never an instant breach). Lowering a rating lengthens the
// clock from receipt.
Timestamp due_after_rating_change(const WorkingCalendar& calendar, const Timestamp& received,
                                  const Timestamp& changed_at, const Timescale& t);

// The instant in London's own offset (+01:00 in summer, +00:00 otherwise).
Timestamp in_london_offset(const Timestamp& t);

}  // namespace mash
