#include "domain/time.h"

#include <cstdio>

namespace mash {

namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `pos`; false when any of them is not a digit.
bool read_digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

// "YYYY-MM-DD" at the start of `s`, without checking the rest.
std::optional<Date> parse_date_prefix(std::string_view s) {
  Date d;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!read_digits(s, 0, 4, d.year) || !read_digits(s, 5, 2, d.month) ||
      !read_digits(s, 8, 2, d.day))
    return std::nullopt;
  if (!is_valid(d)) return std::nullopt;
  return d;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool is_valid(const Date& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
int64_t days_from_civil(const Date& d) {
  const int64_t y = static_cast<int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                           // [0, 399]
  const int64_t mp = d.month > 2 ? d.month - 3 : d.month + 9;  // [0, 11]
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;          // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   // [0, 146096]
  return era * 146097 + doe - 719468;
}

Date civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return parse_date_prefix(text);
}

std::string to_iso(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

int age_in_years(const Date& born, const Date& on) {
  if (on < born) return 0;
  int age = on.year - born.year;
  if (on.month < born.month || (on.month == born.month && on.day < born.day)) --age;
  return age;
}

std::optional<Timestamp> parse_rfc3339(std::string_view s) {
  // 2026-11-20T21:14:00[.fff]Z  or  …+01:00
  auto date = parse_date_prefix(s);
  if (!date || s.size() < 20) return std::nullopt;
  if (s[10] != 'T' && s[10] != 't') return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  if (!read_digits(s, 11, 2, hour) || s[13] != ':' || !read_digits(s, 14, 2, minute) ||
      s[16] != ':' || !read_digits(s, 17, 2, second))
    return std::nullopt;
  // A leap second (60) is accepted and folded into the next minute, as RFC 3339 allows it.
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const size_t first = pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    if (pos == first) return std::nullopt;
  }
  int offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    if (!read_digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !read_digits(s, pos + 4, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset = sign * (oh * 60 + om);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const int64_t local = days_from_civil(*date) * 86400 + hour * 3600 + minute * 60 + second;
  return Timestamp{local - static_cast<int64_t>(offset) * 60, offset};
}

std::string to_rfc3339(const Timestamp& t) {
  const int64_t local = t.epoch_seconds + static_cast<int64_t>(t.offset_minutes) * 60;
  const int64_t days = floor_div(local, 86400);
  const int64_t secs = local - days * 86400;
  const Date d = civil_from_days(days);
  const int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d.year, d.month, d.day,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60), t.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

Date local_date(const Timestamp& t) {
  const int64_t local = t.epoch_seconds + static_cast<int64_t>(t.offset_minutes) * 60;
  return civil_from_days(floor_div(local, 86400));
}

}  // namespace mash
