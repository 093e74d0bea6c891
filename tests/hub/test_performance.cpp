// The performance figures (issue 5): how agencies answer information requests over a period,
// counted as the requests stand at a time the test sets, restricted contacts left out.
#include "app/performance.h"
#include "research_fixture.h"

namespace mash::testing {
namespace {

class PerformanceTest : public ResearchTest {
 protected:
  // A contact received at `received`, rated amber and progressed to a MASH enquiry at `decided`
  // by the decision maker, with its basis recorded, and these agencies asked then.
  std::vector<app::InformationRequest> asked_at(const char* received, const char* decided,
                                                std::vector<std::string> agencies,
                                                int64_t* contact_id = nullptr) {
    clock_.set(at(received));
    const User admin = add_user(Role::referral_administrator);
    Contact c = example_contact();
    c.received_at = at(received);
    auto r = hub_->record_contact(actor_of(admin), c);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    const int64_t id = r->contact.id;
    if (contact_id) *contact_id = id;
    EXPECT_TRUE(hub_->rate_contact(actor_of(dm_), id, "amber", "Domestic incident").ok());
    clock_.set(at(decided));
    auto d = hub_->decide_contact(actor_of(dm_), id, {"mash_enquiry", 3, "", "Research", ""});
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
    basis(id);
    return ask(id, std::move(agencies));
  }
  void answer_at(const app::InformationRequest& req, Timestamp when, const std::string& agency) {
    clock_.set(when);
    const User practitioner = add_user(Role::agency_practitioner, agency);
    auto sent = research_->respond(
        actor_of(practitioner), req.id,
        answer(req, {{"summary", "", "", "", "", "Known to us; nothing further.", "", ""}}));
    ASSERT_TRUE(sent.ok()) << sent.error().message;
  }
  static const app::AgencyTimeliness* row(const app::TimelinessReport& r, const std::string& a) {
    for (const auto& x : r.agencies)
      if (x.agency == a) return &x;
    return nullptr;
  }
  static Timestamp plus(Timestamp t, int64_t seconds) {
    return Timestamp{t.epoch_seconds + seconds, 0};
  }
};

// March 2027: no other hub test raises requests then.
TEST_F(PerformanceTest, EachAgencysRequestsAreCountedAsTheyStandAndRestrictedOnesAreNot) {
  auto first = asked_at("2027-03-01T08:45:00+00:00", "2027-03-01T10:00:00+00:00",
                        {"health", "police", "education"});
  const auto* health = to(first, "health");
  const auto* police = to(first, "police");
  const auto* education = to(first, "education");
  ASSERT_TRUE(health && police && education);
  answer_at(*health, at("2027-03-01T11:00:00+00:00"), "health");  // on time, in an hour
  // Past their due time the clock watch chases police and education.
  clock_.set(plus(police->due_at, 60));
  hub_->sweep_clocks();
  answer_at(*police, plus(police->due_at, 2 * 3600), "police");  // late, by two hours

  // Raised later the same day, not due when the figures are taken.
  auto second = asked_at("2027-03-01T15:00:00+00:00", "2027-03-01T15:30:00+00:00", {"health"});
  ASSERT_EQ(second.size(), 1u);
  // A restricted contact's request is counted by no one.
  int64_t hidden = 0;
  auto third =
      asked_at("2027-03-01T12:00:00+00:00", "2027-03-01T12:30:00+00:00", {"health"}, &hidden);
  ASSERT_TRUE(hub_->restrict_contact(app::command_line_actor(), hidden, {dm_.username},
                                     "A hub employee's relative")
                  .ok());

  const Timestamp taken = plus(police->due_at, 3 * 3600);
  ASSERT_LT(taken.epoch_seconds, second[0].due_at.epoch_seconds) << "the second not due yet";
  clock_.set(taken);
  const User analyst = add_user(Role::analyst);
  app::Performance performance(*hub_);
  auto report = performance.timeliness(actor_of(analyst), Date{2027, 3, 1}, Date{2027, 3, 31});
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->from, (Date{2027, 3, 1}));
  EXPECT_EQ(report->to, (Date{2027, 3, 31}));
  EXPECT_EQ(report->at.epoch_seconds, taken.epoch_seconds);
  ASSERT_EQ(report->agencies.size(), 3u);
  EXPECT_EQ(report->agencies[0].agency_name, "Education") << "by name";

  const auto* h = row(*report, "health");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->requests, 2);
  EXPECT_EQ(h->answered, 1);
  EXPECT_EQ(h->answered_on_time, 1);
  EXPECT_EQ(h->open_not_due, 1);
  EXPECT_EQ(h->on_time_percent, 100);
  EXPECT_EQ(h->median_seconds_to_answer, 3600);
  EXPECT_EQ(h->chased, 0);

  const auto* p = row(*report, "police");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->requests, 1);
  EXPECT_EQ(p->answered_late, 1);
  EXPECT_EQ(p->on_time_percent, 0);
  EXPECT_EQ(p->chased, 1);
  const int64_t police_took =
      police->due_at.epoch_seconds + 2 * 3600 - police->requested_at.epoch_seconds;
  EXPECT_EQ(p->median_seconds_to_answer, police_took);

  const auto* e = row(*report, "education");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->open_overdue, 1);
  EXPECT_EQ(e->answered, 0);
  EXPECT_EQ(e->on_time_percent, 0);
  EXPECT_EQ(e->median_seconds_to_answer, std::nullopt);
  EXPECT_EQ(e->chased, 1);

  const auto& t = report->total;
  EXPECT_EQ(t.agency_name, "All agencies");
  EXPECT_EQ(t.requests, 4);
  EXPECT_EQ(t.answered_on_time, 1);
  EXPECT_EQ(t.answered_late, 1);
  EXPECT_EQ(t.open_overdue, 1);
  EXPECT_EQ(t.open_not_due, 1);
  EXPECT_EQ(t.chased, 2);
  EXPECT_EQ(t.on_time_percent, 33);             // 1 of the 3 fallen due
  EXPECT_EQ(t.median_seconds_to_answer, 3600);  // the lower middle of two

  // The period is of London dates: none of these were raised on 2 March.
  auto next_day = performance.timeliness(actor_of(analyst), Date{2027, 3, 2}, Date{2027, 3, 2});
  ASSERT_TRUE(next_day.ok());
  EXPECT_TRUE(next_day->agencies.empty());
  EXPECT_EQ(next_day->total.requests, 0);
  EXPECT_EQ(next_day->total.on_time_percent, std::nullopt);

  // Audited, with the period and no one named.
  const auto events = audit_of_record("report", "timeliness");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().action, "performance.view");
  EXPECT_EQ(events.back().detail, "requests raised 2027-03-02 to 2027-03-02");
}

TEST_F(PerformanceTest, TheDaysAreLondonsInSummerTimeToo) {
  // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
  auto asked = asked_at("2027-06-30T23:00:00+00:00", "2027-06-30T23:30:00+00:00", {"health"});
  ASSERT_EQ(asked.size(), 1u);
  const User analyst = add_user(Role::analyst);
  app::Performance performance(*hub_);
  auto july = performance.timeliness(actor_of(analyst), Date{2027, 7, 1}, Date{2027, 7, 1});
  ASSERT_TRUE(july.ok());
  EXPECT_EQ(july->total.requests, 1);
  auto june = performance.timeliness(actor_of(analyst), Date{2027, 6, 30}, Date{2027, 6, 30});
  ASSERT_TRUE(june.ok());
  EXPECT_EQ(june->total.requests, 0);
  // From its due time on, an unanswered request is overdue, as the clock watch counts it.
  clock_.set(asked[0].due_at);
  auto due = performance.timeliness(actor_of(analyst), Date{2027, 7, 1}, Date{2027, 7, 1});
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->total.open_overdue, 1);
  EXPECT_EQ(due->total.on_time_percent, 0);
}

TEST_F(PerformanceTest, APeriodAtFaultIsNamedAndAgencyPractitionersAreRefused) {
  const User hm = add_user(Role::hub_manager);
  app::Performance performance(*hub_);
  auto backwards = performance.timeliness(actor_of(hm), Date{2027, 3, 2}, Date{2027, 3, 1});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().kind, Error::Kind::invalid);
  EXPECT_EQ(backwards.error().fields.at(0).field, "to");
  auto long_one = performance.timeliness(actor_of(hm), Date{2026, 1, 1}, Date{2027, 1, 2});
  ASSERT_FALSE(long_one.ok());
  EXPECT_EQ(long_one.error().fields.at(0).message, "Choose at most 366 days");
  auto leap = performance.timeliness(actor_of(hm), Date{2028, 1, 1}, Date{2028, 12, 31});
  EXPECT_TRUE(leap.ok()) << "366 days of a leap year";
  // Only the first day given: what is wrong with it is said of it.
  clock_.set(at("2027-03-10T12:00:00+00:00"));
  auto future = performance.timeliness(actor_of(hm), Date{2027, 3, 11}, std::nullopt);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().fields.at(0).field, "from");
  auto too_early = performance.timeliness(actor_of(hm), Date{2026, 1, 1}, std::nullopt);
  ASSERT_FALSE(too_early.ok());
  EXPECT_EQ(too_early.error().fields.at(0).field, "from");
  auto unreal = performance.timeliness(actor_of(hm), Date{2027, 2, 30}, std::nullopt);
  ASSERT_FALSE(unreal.ok());
  EXPECT_EQ(unreal.error().fields.at(0).field, "from");

  // Without dates: the 30 days to today.
  clock_.set(at("2027-03-31T23:30:00+00:00"));  // 00:30 on 1 April in London
  auto standard = performance.timeliness(actor_of(hm), std::nullopt, std::nullopt);
  ASSERT_TRUE(standard.ok());
  EXPECT_EQ(standard->to, (Date{2027, 4, 1}));
  EXPECT_EQ(standard->from, (Date{2027, 3, 3}));

  for (Role role : {Role::agency_practitioner, Role::system_administrator}) {
    const User u =
        add_user(role, role == Role::agency_practitioner ? "police" : "childrens_social_care");
    auto refused = performance.timeliness(actor_of(u), std::nullopt, std::nullopt);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, Error::Kind::forbidden);
  }
}

}  // namespace
}  // namespace mash::testing
