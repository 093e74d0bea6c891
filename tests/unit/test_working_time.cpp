#include <gtest/gtest.h>

#include "domain/working_time.h"

namespace mash {
namespace {

Timestamp at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }
Timescale scale(const char* text) { return *parse_timescale(text); }

TEST(WorkingTime, BankHolidaysAreWeekdaysWithTheSubstituteDays) {
  const auto days = england_and_wales_bank_holidays();
  EXPECT_EQ(days.size(), 40u);  // eight a year, 2024–2028
  for (const Date& d : days) EXPECT_LT(weekday_index(d), 5) << to_iso(d) << " is a weekend day";
  auto has = [&days](Date d) { return std::find(days.begin(), days.end(), d) != days.end(); };
  EXPECT_TRUE(has({2026, 12, 28})) << "Boxing Day 2026 is a Saturday: Monday 28 is the holiday";
  EXPECT_FALSE(has({2026, 12, 26}));
  EXPECT_TRUE(has({2027, 12, 27}));
  EXPECT_TRUE(has({2027, 12, 28}));
  EXPECT_TRUE(has({2028, 1, 3})) << "New Year's Day 2028 is a Saturday";
  EXPECT_TRUE(has({2026, 4, 3})) << "Good Friday 2026";
  EXPECT_TRUE(has({2026, 4, 6})) << "Easter Monday 2026";
  EXPECT_EQ(weekday_index({2026, 11, 24}), 1);  // a Tuesday
  EXPECT_EQ(weekday_name(weekday_index({2026, 11, 29})), "sunday");
}

TEST(WorkingTime, TimescalesAreReadAndDescribed) {
  struct Row {
    const char* text;
    std::optional<Timescale> expected;
    const char* described;
  };
  const Row rows[] = {
      {"4 hours", Timescale{4, TimeUnit::hours, TimeCount::elapsed}, "4 hours"},
      {"1 working day", Timescale{1, TimeUnit::days, TimeCount::working}, "1 working day"},
      {"3 Working Days", Timescale{3, TimeUnit::days, TimeCount::working}, "3 working days"},
      {"  24   working hours ", Timescale{24, TimeUnit::hours, TimeCount::working},
       "24 working hours"},
      {"1 hour", Timescale{1, TimeUnit::hours, TimeCount::elapsed}, "1 hour"},
      {"2 days", Timescale{2, TimeUnit::days, TimeCount::elapsed}, "2 days"},
      {"", std::nullopt, ""},
      {"four hours", std::nullopt, ""},
      {"0 hours", std::nullopt, ""},
      {"3 weeks", std::nullopt, ""},
      {"3 workin days", std::nullopt, ""},
      {"-1 days", std::nullopt, ""},
      {"4hours", std::nullopt, ""},
  };
  for (const Row& r : rows) {
    const auto t = parse_timescale(r.text);
    ASSERT_EQ(t.ok(), r.expected.has_value()) << r.text;
    if (t.ok()) {
      EXPECT_EQ(*t, *r.expected) << r.text;
      EXPECT_EQ(describe(*t), r.described);
    } else {
      EXPECT_NE(t.error().message.find(r.text), std::string::npos) << t.error().message;
    }
  }
}

TEST(WorkingTime, OpeningHoursAreRead) {
  EXPECT_EQ(parse_opening_hours("08:30-17:00")->value(), (OpeningHours{510, 1020}));
  EXPECT_EQ(parse_opening_hours("8:30 to 16:30")->value(), (OpeningHours{510, 990}));
  EXPECT_EQ(parse_opening_hours("09:00\xE2\x80\x93"
                                "17:30")
                ->value(),
            (OpeningHours{540, 1050}));
  EXPECT_FALSE(parse_opening_hours("Closed")->has_value());
  EXPECT_FALSE(parse_opening_hours("17:00-08:30").ok()) << "must open before it closes";
  EXPECT_FALSE(parse_opening_hours("all day").ok());
  EXPECT_FALSE(parse_opening_hours("25:00-26:00").ok());
}

// The clock table: the cases and the edges around them. Hours: Monday to Friday
// 08:30–17:00; England and Wales bank holidays.
TEST(WorkingTime, DueTimes) {
  const WorkingCalendar hub = WorkingCalendar::standard();
  struct Row {
    const char* why;
    const char* received;
    const char* timescale;
    const char* due;
  };
  const Row rows[] = {
      {"Red on a Friday afternoon runs past closing", "2026-11-20T15:30:00+00:00", "4 hours",
       "2026-11-20T19:30:00+00:00"},
      {"Amber on Christmas Eve: Christmas, the weekend and the substitute Boxing Day skipped",
       "2026-12-24T16:00:00+00:00", "1 working day", "2026-12-29T16:00:00+00:00"},
      {"Green on a Thursday afternoon: 3 working days", "2026-11-19T14:00:00+00:00",
       "3 working days", "2026-11-24T14:00:00+00:00"},
      {"Amber received on a Saturday starts on Monday morning, due at Monday's close",
       "2026-11-21T11:00:00+00:00", "1 working day", "2026-11-23T17:00:00+00:00"},
      {"Red received on a Saturday night: elapsed time counts every hour",
       "2026-11-21T23:00:00+00:00", "4 hours", "2026-11-22T03:00:00+00:00"},
      {"Amber received after closing starts the next morning", "2026-11-24T18:45:00+00:00",
       "1 working day", "2026-11-25T17:00:00+00:00"},
      {"Amber received before opening starts at opening", "2026-11-24T07:00:00+00:00",
       "1 working day", "2026-11-24T17:00:00+00:00"},
      {"Amber received at 16:59 on a Friday: due at 16:59 on Monday", "2026-11-20T16:59:00+00:00",
       "1 working day", "2026-11-23T16:59:00+00:00"},
      {"working hours carry across the night", "2026-11-24T15:00:00+00:00", "6 working hours",
       "2026-11-25T12:30:00+00:00"},
      {"Green across the last Sunday of March: due in summer time, 10:00 on the wall",
       "2026-03-27T10:00:00+00:00", "3 working days", "2026-04-01T10:00:00+01:00"},
      {"Green across the last Sunday of October: due in winter time", "2026-10-22T10:00:00+01:00",
       "3 working days", "2026-10-27T10:00:00+00:00"},
      {"Red across the spring change: 4 real hours, 5 on the wall", "2026-03-28T23:00:00+00:00",
       "4 hours", "2026-03-29T04:00:00+01:00"},
      {"Red across the autumn change: 4 real hours, 3 on the wall", "2026-10-24T23:00:00+01:00",
       "4 hours", "2026-10-25T02:00:00+00:00"},
      {"elapsed days keep the wall-clock time across the spring change",
       "2026-03-28T12:00:00+00:00", "2 days", "2026-03-30T12:00:00+01:00"},
      {"Easter 2026: Good Friday and Easter Monday skipped", "2026-04-02T12:00:00+01:00",
       "1 working day", "2026-04-07T12:00:00+01:00"},
      {"New Year 2028 falls on a Saturday: Monday 3 January skipped", "2027-12-31T12:00:00+00:00",
       "1 working day", "2028-01-04T12:00:00+00:00"},
      {"a timestamp written with another offset is read as the instant it is",
       "2026-11-20T16:30:00+01:00", "4 hours", "2026-11-20T19:30:00+00:00"},
  };
  for (const Row& r : rows) {
    const Timestamp due = due_at(hub, at(r.received), scale(r.timescale));
    EXPECT_EQ(to_rfc3339(due), r.due) << r.why;
  }
}

TEST(WorkingTime, LocalClosuresAndOtherHours) {
  WorkingCalendar c = WorkingCalendar::standard();
  c.closed.insert({2026, 11, 25});                  // a training day
  c.hours[4] = OpeningHours{8 * 60 + 30, 16 * 60};  // Fridays until 16:00
  c.hours[5] = OpeningHours{9 * 60, 13 * 60};       // Saturday mornings
  EXPECT_EQ(to_rfc3339(due_at(c, at("2026-11-24T16:00:00+00:00"), scale("1 working day"))),
            "2026-11-26T16:00:00+00:00")
      << "the training day is skipped";
  EXPECT_EQ(to_rfc3339(due_at(c, at("2026-11-27T15:00:00+00:00"), scale("2 working hours"))),
            "2026-11-28T10:00:00+00:00")
      << "Friday closes at 16:00; Saturday opens at 09:00";
}

// A contact first rated Green, then raised to Red: the Red clock runs from receipt, unless that
// has already passed, when it runs from the change; lowered, the clock lengthens from receipt.
TEST(WorkingTime, RatingChangedMidClock) {
  const WorkingCalendar hub = WorkingCalendar::standard();
  const Timestamp received = at("2026-11-23T09:00:00+00:00");  // a Monday
  struct Row {
    const char* why;
    const char* changed;
    const char* timescale;
    const char* due;
  };
  const Row rows[] = {
      {"raised to Red an hour after receipt: 4 hours from receipt", "2026-11-23T10:00:00+00:00",
       "4 hours", "2026-11-23T13:00:00+00:00"},
      {"raised to Red five hours after receipt: 4 hours from the change, not a breach at once",
       "2026-11-23T14:00:00+00:00", "4 hours", "2026-11-23T18:00:00+00:00"},
      {"lowered from Red to Green: 3 working days from receipt", "2026-11-23T10:00:00+00:00",
       "3 working days", "2026-11-26T09:00:00+00:00"},
  };
  for (const Row& r : rows)
    EXPECT_EQ(to_rfc3339(due_after_rating_change(hub, received, at(r.changed), scale(r.timescale))),
              r.due)
        << r.why;
}

}  // namespace
}  // namespace mash
