// Calendar dates and instants. Pure: no clock is read here (see clock.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mash {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  auto operator<=>(const Date&) const = default;
};

bool is_valid(const Date& d);
int days_in_month(int year, int month);
// Days since 1970-01-01 (negative before), and back.
int64_t days_from_civil(const Date& d);
Date civil_from_days(int64_t days);
// "2026-11-20" only; nullopt for anything else, including impossible dates (2026-02-30).
std::optional<Date> parse_iso_date(std::string_view text);
std::string to_iso(const Date& d);
// Whole years from `born` to `on` (0 for an unborn child).
int age_in_years(const Date& born, const Date& on);

// An instant, with the UTC offset it was written in so it can be shown back as received.
struct Timestamp {
  int64_t epoch_seconds = 0;  // seconds since 1970-01-01T00:00:00Z
  int offset_minutes = 0;     // e.g. +60 for "+01:00"
  bool operator==(const Timestamp& o) const { return epoch_seconds == o.epoch_seconds; }
  auto operator<=>(const Timestamp& o) const { return epoch_seconds <=> o.epoch_seconds; }
};

// RFC 3339 with an explicit offset or "Z": "2026-11-20T21:14:00+00:00", fractions ignored.
// nullopt for anything else, including a time without an offset.
std::optional<Timestamp> parse_rfc3339(std::string_view text);
// "2026-11-20T21:14:00+00:00" in the timestamp's own offset.
std::string to_rfc3339(const Timestamp& t);
// The calendar date at the timestamp's own offset.
Date local_date(const Timestamp& t);

}  // namespace mash
