#include "domain/working_time.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "domain/london_time.h"

namespace mash {
namespace {

// GOV.UK's list for England and Wales (https://www.gov.uk/bank-holidays), 2024–2028.
constexpr Date kBankHolidays[] = {
    // 2024
    {2024, 1, 1},
    {2024, 3, 29},
    {2024, 4, 1},
    {2024, 5, 6},
    {2024, 5, 27},
    {2024, 8, 26},
    {2024, 12, 25},
    {2024, 12, 26},
    // 2025
    {2025, 1, 1},
    {2025, 4, 18},
    {2025, 4, 21},
    {2025, 5, 5},
    {2025, 5, 26},
    {2025, 8, 25},
    {2025, 12, 25},
    {2025, 12, 26},
    // 2026: Boxing Day is a Saturday, so Monday 28 December is the substitute day
    {2026, 1, 1},
    {2026, 4, 3},
    {2026, 4, 6},
    {2026, 5, 4},
    {2026, 5, 25},
    {2026, 8, 31},
    {2026, 12, 25},
    {2026, 12, 28},
    // 2027: Christmas Day and Boxing Day fall at the weekend: 27 and 28 December
    {2027, 1, 1},
    {2027, 3, 26},
    {2027, 3, 29},
    {2027, 5, 3},
    {2027, 5, 31},
    {2027, 8, 30},
    {2027, 12, 27},
    {2027, 12, 28},
    // 2028: New Year's Day is a Saturday: Monday 3 January
    {2028, 1, 3},
    {2028, 4, 14},
    {2028, 4, 17},
    {2028, 5, 1},
    {2028, 5, 29},
    {2028, 8, 28},
    {2028, 12, 25},
    {2028, 12, 26},
};

constexpr std::string_view kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};

// The instant of a London wall-clock time on `d`, `minutes` after midnight. Working hours never
// fall in the hour that the spring change skips; should a configured time do so, the instant an
// hour later is taken.
Timestamp at_london(const Date& d, int minutes) {
  if (auto t = from_london({d, minutes / 60, minutes % 60})) return *t;
  const Timestamp later = *from_london({d, minutes / 60 + 1, minutes % 60});
  return {later.epoch_seconds - 3600, later.offset_minutes};
}

Date next_day(const Date& d) { return civil_from_days(days_from_civil(d) + 1); }

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!w.empty()) out.push_back(std::move(w)), w.clear();
    } else {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

}  // namespace

int weekday_index(const Date& d) {
  // 1970-01-01 was a Thursday (index 3).
  const int64_t days = days_from_civil(d);
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

std::string_view weekday_name(int index) { return kWeekdays[static_cast<size_t>(index) % 7]; }

bool WorkingCalendar::is_working_day(const Date& d) const {
  return hours[static_cast<size_t>(weekday_index(d))].has_value() && !closed.count(d);
}

WorkingCalendar WorkingCalendar::standard() {
  WorkingCalendar c;
  for (int i = 0; i < 5; ++i) c.hours[static_cast<size_t>(i)] = OpeningHours{8 * 60 + 30, 17 * 60};
  for (const Date& d : kBankHolidays) c.closed.insert(d);
  c.working_day_minutes = 510;
  return c;
}

std::span<const Date> england_and_wales_bank_holidays() { return kBankHolidays; }

std::string describe(const Timescale& t) {
  std::string s = std::to_string(t.amount) + " ";
  if (t.count == TimeCount::working) s += "working ";
  s += t.unit == TimeUnit::hours ? "hour" : "day";
  if (t.amount != 1) s += "s";
  return s;
}

Result<Timescale> parse_timescale(std::string_view text) {
  const auto fail = [&text] {
    return Error::invalid({}, "\"" + std::string(text) +
                                  "\" is not a timescale: write a number and a unit, such as "
                                  "\"4 hours\", \"1 working day\" or \"3 working days\"");
  };
  const std::vector<std::string> w = words(text);
  if (w.size() != 2 && w.size() != 3) return fail();
  Timescale t;
  const auto [end, ec] = std::from_chars(w[0].data(), w[0].data() + w[0].size(), t.amount);
  if (ec != std::errc{} || end != w[0].data() + w[0].size()) return fail();
  if (t.amount < 1 || t.amount > 1000)
    return Error::invalid({}, "\"" + std::string(text) + "\": the number must be from 1 to 1000");
  if (w.size() == 3) {
    if (w[1] != "working") return fail();
    t.count = TimeCount::working;
  }
  const std::string& unit = w.back();
  if (unit == "hour" || unit == "hours")
    t.unit = TimeUnit::hours;
  else if (unit == "day" || unit == "days")
    t.unit = TimeUnit::days;
  else
    return fail();
  return t;
}

Result<std::optional<OpeningHours>> parse_opening_hours(std::string_view text) {
  const std::string s = lower(text);
  if (s == "closed") return std::optional<OpeningHours>{};
  const auto fail = [&text] {
    return Error::invalid({}, "\"" + std::string(text) +
                                  "\" is not opening hours: write them as \"08:30-17:00\", or "
                                  "\"closed\"");
  };
  // Split at "-", "–" (en dash) or " to ".
  size_t at = s.find(" to ");
  size_t skip = 4;
  if (at == std::string::npos) at = s.find("\xE2\x80\x93"), skip = 3;
  if (at == std::string::npos) at = s.find('-'), skip = 1;
  if (at == std::string::npos) return fail();
  auto trimmed = [](std::string x) {
    x.erase(0, x.find_first_not_of(' '));
    x.erase(x.find_last_not_of(' ') + 1);
    return x;
  };
  const auto open = parse_clock_time(trimmed(s.substr(0, at)));
  const auto close = parse_clock_time(trimmed(s.substr(at + skip)));
  if (!open || !close) return fail();
  OpeningHours h{open->first * 60 + open->second, close->first * 60 + close->second};
  if (h.open >= h.close)
    return Error::invalid({}, "\"" + std::string(text) + "\": the hub must open before it closes");
  return std::optional<OpeningHours>{h};
}

Timestamp in_london_offset(const Timestamp& t) {
  return {t.epoch_seconds, is_bst(t.epoch_seconds) ? 60 : 0};
}

Timestamp due_at(const WorkingCalendar& calendar, const Timestamp& start, const Timescale& t) {
  if (t.count == TimeCount::elapsed) {
    if (t.unit == TimeUnit::hours)
      return in_london_offset({start.epoch_seconds + int64_t{t.amount} * 3600, 0});
    const LondonTime local = to_london(start);
    const Date day = civil_from_days(days_from_civil(local.date) + t.amount);
    return at_london(day, local.hour * 60 + local.minute);
  }
  int64_t remaining =
      int64_t{t.amount} * 60 * (t.unit == TimeUnit::hours ? 60 : calendar.working_day_minutes);
  int64_t from = start.epoch_seconds;
  Date day = to_london(start).date;
  for (int guard = 0; guard < 3660; ++guard, day = next_day(day)) {
    if (!calendar.is_working_day(day)) continue;
    const OpeningHours& h = *calendar.hours[static_cast<size_t>(weekday_index(day))];
    const int64_t open = at_london(day, h.open).epoch_seconds;
    const int64_t close = at_london(day, h.close).epoch_seconds;
    const int64_t begin = std::max(open, from);
    if (begin >= close) continue;
    if (remaining <= close - begin) return in_london_offset({begin + remaining, 0});
    remaining -= close - begin;
  }
  return in_london_offset({start.epoch_seconds + int64_t{3660} * 86400, 0});
}

Timestamp due_after_rating_change(const WorkingCalendar& calendar, const Timestamp& received,
                                  const Timestamp& changed_at, const Timescale& t) {
  const Timestamp from_receipt = due_at(calendar, received, t);
  if (from_receipt > changed_at) return from_receipt;
  return due_at(calendar, changed_at, t);
}

}  // namespace mash
