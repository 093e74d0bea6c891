// Europe/London wall-clock time: the two clock changes each year, the hour that never happens
// and the hour that happens twice, table-driven.
#include <gtest/gtest.h>

#include "domain/london_time.h"

namespace mash {
namespace {

Timestamp at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

TEST(LondonTime, SummerTimeRunsFromTheLastSundayOfMarchToTheLastSundayOfOctober) {
  struct Row {
    const char* instant;
    bool bst;
  } rows[] = {
      {"2026-01-15T12:00:00Z", false},
      {"2026-03-29T00:59:59Z", false},  // last Sunday of March 2026: clocks go forward at 01:00 UTC
      {"2026-03-29T01:00:00Z", true},
      {"2026-07-01T12:00:00Z", true},
      {"2026-10-25T00:59:59Z", true},  // last Sunday of October 2026: back at 01:00 UTC
      {"2026-10-25T01:00:00Z", false},
      {"2027-03-28T01:00:00Z", true},  // 2027's last Sunday of March is the 28th
      {"2028-10-29T00:30:00Z", true},  // 2028's last Sunday of October is the 29th
      {"2028-10-29T01:30:00Z", false},
  };
  for (const Row& r : rows) EXPECT_EQ(is_bst(at(r.instant).epoch_seconds), r.bst) << r.instant;
}

TEST(LondonTime, WallClockTimesBecomeInstantsWithTheRightOffset) {
  struct Row {
    LondonTime local;
    const char* expected;  // nullptr: no such London time
  } rows[] = {
      {{{2026, 11, 20}, 21, 14}, "2026-11-20T21:14:00+00:00"},
      {{{2026, 7, 1}, 9, 5}, "2026-07-01T09:05:00+01:00"},
      {{{2026, 3, 29}, 0, 59}, "2026-03-29T00:59:00+00:00"},
      {{{2026, 3, 29}, 1, 30}, nullptr},  // the hour skipped in spring
      {{{2026, 3, 29}, 2, 0}, "2026-03-29T02:00:00+01:00"},
      {{{2026, 10, 25}, 1, 30}, "2026-10-25T01:30:00+01:00"},  // twice: the first one
      {{{2026, 10, 25}, 2, 0}, "2026-10-25T02:00:00+00:00"},
      {{{2026, 2, 29}, 12, 0}, nullptr},  // not a date
      {{{2026, 5, 1}, 24, 0}, nullptr},   // not a time
  };
  for (const Row& r : rows) {
    auto t = from_london(r.local);
    if (!r.expected) {
      EXPECT_FALSE(t.has_value()) << to_iso(r.local.date) << " " << r.local.hour;
      continue;
    }
    ASSERT_TRUE(t.has_value()) << r.expected;
    EXPECT_EQ(to_rfc3339(*t), r.expected);
    EXPECT_EQ(t->offset_minutes, at(r.expected).offset_minutes) << r.expected;
  }
}

TEST(LondonTime, InstantsShowAsLondonTimeWhateverTheirOffset) {
  EXPECT_EQ(format_london(at("2026-07-01T08:05:00Z")), "1 Jul 2026 09:05");
  EXPECT_EQ(format_london(at("2026-07-01T13:35:00+05:30")), "1 Jul 2026 09:05");
  EXPECT_EQ(format_london(at("2026-12-24T16:00:00+00:00")), "24 Dec 2026 16:00");
  EXPECT_EQ(format_date(Date{2026, 12, 28}), "28 Dec 2026");
}

TEST(LondonTime, ClockTimesAsPeopleTypeThem) {
  using HM = std::optional<std::pair<int, int>>;
  EXPECT_EQ(parse_clock_time("21:14"), (HM{{21, 14}}));
  EXPECT_EQ(parse_clock_time("9:05"), (HM{{9, 5}}));
  EXPECT_EQ(parse_clock_time("9.05"), (HM{{9, 5}}));
  EXPECT_EQ(parse_clock_time("25:00"), HM{});
  EXPECT_EQ(parse_clock_time("noon"), HM{});
  EXPECT_EQ(parse_clock_time(""), HM{});
}

}  // namespace
}  // namespace mash
