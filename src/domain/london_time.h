// Europe/London wall-clock time, as people in the hub read and type it. The rule (since 1996):
// British Summer Time, UTC+01:00, from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
// last Sunday of October; Greenwich Mean Time, UTC+00:00, otherwise. Pure: no clock is read here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/time.h"

namespace mash {

struct LondonTime {
  Date date;
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
};

// True when the instant falls in British Summer Time.
bool is_bst(int64_t epoch_seconds);

// The instant a London wall-clock time names, with its offset (+60 in summer time, 0 otherwise).
// In the autumn hour that happens twice, the first (summer time) one; nullopt for the spring hour
// that never happens (01:00–01:59 on the last Sunday of March) and for impossible dates or times.
std::optional<Timestamp> from_london(const LondonTime& t);

// The London wall-clock time of an instant, whatever offset it was written in.
LondonTime to_london(const Timestamp& t);

// "20 Nov 2026 21:14" (London time), and "20 Nov 2026" for a date.
std::string format_london(const Timestamp& t);
std::string format_date(const Date& d);

// "21:14" or "9:05" or "9.05" -> hour and minute; nullopt for anything else.
std::optional<std::pair<int, int>> parse_clock_time(const std::string& text);

}  // namespace mash
