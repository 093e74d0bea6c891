#include "domain/london_time.h"

#include <cctype>
#include <cstdio>

namespace mash {

namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Days since the epoch of the last Sunday of a month.
int64_t last_sunday(int year, int month) {
  int64_t last = days_from_civil({year, month, days_in_month(year, month)});
  // 1970-01-01 was a Thursday: (days + 4) % 7 is 0 on Sundays.
  int64_t weekday = ((last + 4) % 7 + 7) % 7;
  return last - weekday;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

bool is_bst(int64_t epoch_seconds) {
  int year = civil_from_days(floor_div(epoch_seconds, 86400)).year;
  int64_t starts = last_sunday(year, 3) * 86400 + 3600;
  int64_t ends = last_sunday(year, 10) * 86400 + 3600;
  return epoch_seconds >= starts && epoch_seconds < ends;
}

std::optional<Timestamp> from_london(const LondonTime& t) {
  if (!is_valid(t.date) || t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59)
    return std::nullopt;
  int64_t wall = days_from_civil(t.date) * 86400 + t.hour * 3600 + t.minute * 60;
  if (is_bst(wall - 3600)) return Timestamp{wall - 3600, 60};
  if (!is_bst(wall)) return Timestamp{wall, 0};
  return std::nullopt;  // the hour skipped when the clocks go forward
}

LondonTime to_london(const Timestamp& t) {
  int64_t wall = t.epoch_seconds + (is_bst(t.epoch_seconds) ? 3600 : 0);
  int64_t days = floor_div(wall, 86400);
  int64_t secs = wall - days * 86400;
  return {civil_from_days(days), static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60)};
}

std::string format_date(const Date& d) {
  if (d.month < 1 || d.month > 12) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d %s %d", d.day, kMonths[d.month - 1], d.year);
  return buf;
}

std::string format_london(const Timestamp& t) {
  LondonTime l = to_london(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d", l.hour, l.minute);
  return format_date(l.date) + buf;
}

std::optional<std::pair<int, int>> parse_clock_time(const std::string& text) {
  size_t i = 0;
  auto digits = [&](int max_len, int& out) {
    size_t start = i;
    out = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) &&
           i - start < static_cast<size_t>(max_len))
      out = out * 10 + (text[i++] - '0');
    return i > start;
  };
  while (i < text.size() && text[i] == ' ') ++i;
  int h = 0, m = 0;
  if (!digits(2, h)) return std::nullopt;
  if (i >= text.size() || (text[i] != ':' && text[i] != '.')) return std::nullopt;
  ++i;
  size_t minute_start = i;
  if (!digits(2, m) || i - minute_start != 2) return std::nullopt;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i != text.size() || h > 23 || m > 59) return std::nullopt;
  return std::make_pair(h, m);
}

}  // namespace mash
