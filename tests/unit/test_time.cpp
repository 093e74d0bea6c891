#include <gtest/gtest.h>

#include "domain/time.h"

namespace mash {
namespace {

TEST(CivilDays, RoundTripsAcrossCenturies) {
  struct Row {
    Date date;
    int64_t days;
  };
  const Row rows[] = {
      {{1970, 1, 1}, 0},       {{1969, 12, 31}, -1},   {{2000, 2, 29}, 11016},
      {{2026, 11, 20}, 20777}, {{1900, 3, 1}, -25508},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(days_from_civil(r.date), r.days) << to_iso(r.date);
    EXPECT_EQ(civil_from_days(r.days), r.date) << r.days;
  }
  for (int64_t d = -800000; d <= 800000; d += 37) EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
}

TEST(Dates, AreRealOrNot) {
  struct Row {
    const char* text;
    bool valid;
  };
  const Row rows[] = {
      {"2024-02-29", true},   // leap year
      {"2026-02-29", false},  // not a leap year
      {"2000-02-29", true},   // divisible by 400
      {"1900-02-29", false},  // divisible by 100
      {"2026-04-31", false},
      {"2026-12-31", true},
      {"2026-13-01", false},
      {"2026-00-10", false},
      {"2026-01-00", false},
      {"2026-1-01", false},  // exact digit counts
      {"2026-01-1", false},
      {"26-01-01", false},
      {"2026/01/01", false},
      {"2026-01-01 ", false},
      {"2026-01-01T00:00:00Z", false},
      {"", false},
      {"abcd-ef-gh", false},
  };
  for (const auto& r : rows) EXPECT_EQ(parse_iso_date(r.text).has_value(), r.valid) << r.text;
  EXPECT_EQ(parse_iso_date("2014-03-27"), (Date{2014, 3, 27}));
  EXPECT_EQ(to_iso({2014, 3, 7}), "2014-03-07");
}

TEST(Dates, DaysInMonth) {
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2026, 2), 28);
  EXPECT_EQ(days_in_month(2026, 4), 30);
  EXPECT_EQ(days_in_month(2026, 12), 31);
  EXPECT_EQ(days_in_month(2026, 13), 0);
}

TEST(Ages, CountWholeYears) {
  struct Row {
    Date born, on;
    int age;
  };
  const Row rows[] = {
      {{2014, 3, 27}, {2026, 3, 26}, 11},  // the day before the birthday
      {{2014, 3, 27}, {2026, 3, 27}, 12},  // on the birthday
      {{2024, 2, 29}, {2025, 2, 28}, 0},   // leap-day birthday
      {{2024, 2, 29}, {2025, 3, 1}, 1},   {{2027, 1, 1}, {2026, 11, 20}, 0},  // not born yet
  };
  for (const auto& r : rows) EXPECT_EQ(age_in_years(r.born, r.on), r.age) << to_iso(r.born);
}

TEST(Rfc3339, ParsesInstantsWithTheirOffsets) {
  struct Row {
    const char* text;
    int64_t epoch;
    int offset;
  };
  const Row rows[] = {
      {"1970-01-01T00:00:00Z", 0, 0},
      {"1970-01-01T00:00:00z", 0, 0},
      {"1970-01-01t01:00:00+01:00", 0, 60},
      {"2026-11-20T21:14:00+00:00", 1795209240, 0},
      {"2026-11-20T21:14:00.123456Z", 1795209240, 0},  // fractions ignored
      {"2026-11-20T16:14:00-05:00", 1795209240, -300},
      {"2026-11-21T02:44:00+05:30", 1795209240, 330},
  };
  for (const auto& r : rows) {
    const auto t = parse_rfc3339(r.text);
    ASSERT_TRUE(t.has_value()) << r.text;
    EXPECT_EQ(t->epoch_seconds, r.epoch) << r.text;
    EXPECT_EQ(t->offset_minutes, r.offset) << r.text;
  }
}

TEST(Rfc3339, RejectsAnythingElse) {
  const char* rows[] = {
      "2026-11-20T21:14:00",   // no offset
      "2026-11-20 21:14:00Z",  // space separator
      "2026-11-20T21:14Z",     // no seconds
      "2026-11-20T24:00:00Z",     "2026-11-20T21:60:00Z",
      "2026-02-29T10:00:00Z",      // impossible date
      "2026-11-20T21:14:00+0100",  // offset without colon
      "2026-11-20T21:14:00+1:00",
      "2026-11-20T21:14:00.Z",  // empty fraction
      "2026-11-20T21:14:00Zjunk", "2026-11-20T21:14:00+24:00", "",
  };
  for (const char* r : rows) EXPECT_FALSE(parse_rfc3339(r).has_value()) << r;
}

TEST(Rfc3339, WritesInTheTimestampsOwnOffset) {
  struct Row {
    Timestamp t;
    const char* text;
  };
  const Row rows[] = {
      {{1795209240, 0}, "2026-11-20T21:14:00+00:00"},
      {{1795209240, 60}, "2026-11-20T22:14:00+01:00"},
      {{1795209240, -300}, "2026-11-20T16:14:00-05:00"},
      {{1795209240, 180}, "2026-11-21T00:14:00+03:00"},
      {{-1, 0}, "1969-12-31T23:59:59+00:00"},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(to_rfc3339(r.t), r.text);
    EXPECT_EQ(parse_rfc3339(r.text)->epoch_seconds, r.t.epoch_seconds);
  }
}

TEST(Rfc3339, LocalDateFollowsTheOffset) {
  const Timestamp late_utc{1795218600, 0};  // 2026-11-20T23:50:00Z
  EXPECT_EQ(local_date(late_utc), (Date{2026, 11, 20}));
  EXPECT_EQ(local_date({late_utc.epoch_seconds, 60}), (Date{2026, 11, 21}));
  EXPECT_EQ(local_date({-1, 0}), (Date{1969, 12, 31}));
}

TEST(Timestamps, CompareByInstantNotOffset) {
  EXPECT_EQ(*parse_rfc3339("2026-11-20T21:14:00Z"), *parse_rfc3339("2026-11-20T22:14:00+01:00"));
  EXPECT_LT(*parse_rfc3339("2026-11-20T21:14:00Z"), *parse_rfc3339("2026-11-20T21:14:01Z"));
}

}  // namespace
}  // namespace mash
