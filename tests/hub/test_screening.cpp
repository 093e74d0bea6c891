// Screening (issue 4): rating a contact and its clock, through the Hub on a real database.
#include "app/change_feed.h"
#include "hub_fixture.h"
#include "store/contacts.h"
#include "store/ratings.h"

#include <soci/soci.h>

namespace mash::testing {
namespace {

class ScreeningTest : public HubTest {
 protected:
  size_t ratings_stored(int64_t id) {
    size_t n = 0;
    db_->read([&](store::Tx& tx) { n = store::ratings_of(tx, id).size(); });
    return n;
  }
};

TEST_F(ScreeningTest, RatingStartsTheClockAndIsAudited) {
  clock_.set(at("2026-11-20T15:35:00+00:00"));  // a Friday
  const Contact c = received("2026-11-20T15:30:00+00:00");
  const User dm = add_user(Role::decision_maker);
  auto rated = hub_->rate_contact(actor_of(dm), c.id, "red", "Child disclosed an injury today");
  ASSERT_TRUE(rated.ok()) << rated.error().message;
  ASSERT_EQ(rated->ratings.size(), 1u);
  EXPECT_EQ(rated->ratings[0].rating, "red");
  EXPECT_EQ(rated->ratings[0].name, "Red");
  EXPECT_EQ(rated->ratings[0].rated_by, dm.username);
  EXPECT_EQ(to_rfc3339(*rated->due_at), "2026-11-20T19:30:00+00:00") << "Red runs past closing";
  EXPECT_EQ(rated->seconds_remaining, (19 * 60 + 30 - (15 * 60 + 35)) * 60);
  EXPECT_FALSE(rated->overdue);

  auto viewed = hub_->view_contact(actor_of(dm), c.id, "screening");
  ASSERT_TRUE(viewed.ok());
  EXPECT_EQ(viewed->status, ContactStatus::screening) << "a rated contact is being screened";

  const auto audit = audit_of(c.id);
  const auto rate = std::find_if(audit.begin(), audit.end(), [](const store::AuditRow& r) {
    return r.action == "contact.rate";
  });
  ASSERT_NE(rate, audit.end());
  EXPECT_EQ(rate->username, dm.username);
  EXPECT_EQ(rate->outcome, "allowed");
  EXPECT_NE(rate->detail.find("rating red (was none); due 2026-11-20T19:30:00+00:00"),
            std::string::npos)
      << rate->detail;
}

TEST_F(ScreeningTest, AChangedRatingKeepsTheHistoryAndMovesTheClock) {
  clock_.set(at("2026-11-23T10:00:00+00:00"));  // a Monday
  const Contact c = received("2026-11-23T09:00:00+00:00");
  const User sw = add_user(Role::social_worker);
  ASSERT_TRUE(
      hub_->rate_contact(actor_of(sw), c.id, "green", "Parenting concerns, no injury").ok());
  clock_.set(at("2026-11-23T14:00:00+00:00"));
  auto raised = hub_->rate_contact(actor_of(sw), c.id, "RED", "Police now report a weapon");
  ASSERT_TRUE(raised.ok()) << raised.error().message;
  ASSERT_EQ(raised->ratings.size(), 2u);
  EXPECT_EQ(raised->ratings[0].rating, "green");
  EXPECT_EQ(to_rfc3339(raised->ratings[0].due_at), "2026-11-26T09:00:00+00:00");
  EXPECT_EQ(raised->ratings[1].rating, "red");
  EXPECT_EQ(raised->ratings[1].rationale, "Police now report a weapon");
  // Red from receipt (13:00) has passed at 14:00: four hours from the change.
  EXPECT_EQ(to_rfc3339(*raised->due_at), "2026-11-23T18:00:00+00:00");

  clock_.set(at("2026-11-23T18:30:00+00:00"));
  auto later = hub_->contact_clock(actor_of(sw), c.id);
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->overdue);
  EXPECT_EQ(later->seconds_remaining, -30 * 60);
  EXPECT_EQ(later->ratings.size(), 2u);
}

TEST_F(ScreeningTest, BadRatingsChangeNothing) {
  const Contact c = received("2026-11-19T21:14:00+00:00");
  const User dm = add_user(Role::decision_maker);
  struct Row {
    const char* rating;
    const char* rationale;
    const char* field;
    const char* says;
  };
  const Row rows[] = {
      {"purple", "Because", "rating",
       "There is no rating \"purple\": choose one of red, amber, green, blue"},
      {"", "Because", "rating", "Choose a rating"},
      {"amber", "   ", "rationale", "Enter why you are giving this rating"},
  };
  for (const Row& r : rows) {
    auto result = hub_->rate_contact(actor_of(dm), c.id, r.rating, r.rationale);
    ASSERT_FALSE(result.ok()) << r.rating;
    EXPECT_EQ(result.error().kind, Error::Kind::invalid);
    ASSERT_EQ(result.error().fields.size(), 1u);
    EXPECT_EQ(result.error().fields[0].field, r.field);
    EXPECT_EQ(result.error().fields[0].message, r.says);
  }
  auto too_long = hub_->rate_contact(actor_of(dm), c.id, "amber", std::string(2001, 'x'));
  EXPECT_FALSE(too_long.ok());
  EXPECT_EQ(ratings_stored(c.id), 0u) << "nothing stored";
  EXPECT_EQ(hub_->rate_contact(actor_of(dm), 999999, "red", "x").error().kind,
            Error::Kind::not_found);
}

// The configuration says who rates: by default social workers, decision makers and hub managers.
TEST_F(ScreeningTest, OnlyTheConfiguredRolesRate) {
  const Contact c = received("2026-11-19T21:14:00+00:00");
  const User admin = add_user(Role::referral_administrator);
  auto refused = hub_->rate_contact(actor_of(admin), c.id, "amber", "I think so");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::Kind::forbidden);
  EXPECT_EQ(ratings_stored(c.id), 0u);
  const auto audit = audit_of(c.id);
  EXPECT_TRUE(std::any_of(audit.begin(), audit.end(), [](const store::AuditRow& r) {
    return r.action == "contact.rate" && r.outcome != "allowed";
  })) << "the refusal is audited";

  // Refused before the input is looked at: a role that may not rate is not told what is wrong
  // with a rating (the access matrix counts a 422 as being let in).
  EXPECT_EQ(hub_->rate_contact(actor_of(admin), c.id, "", "").error().kind, Error::Kind::forbidden);
  EXPECT_EQ(hub_->rate_contact(actor_of(add_user(Role::information_officer)), c.id, "purple", "")
                .error()
                .kind,
            Error::Kind::forbidden);

  // Handlers ask the same before they read a request's input (Hub::permit), audited likewise.
  const size_t refusals = audit_of(c.id).size();
  EXPECT_EQ(hub_->permit(actor_of(admin), policy::Action::contact_rate, c.id).error().kind,
            Error::Kind::forbidden);
  EXPECT_EQ(audit_of(c.id).size(), refusals + 1) << "the refusal is audited";
  EXPECT_TRUE(
      hub_->permit(actor_of(add_user(Role::social_worker)), policy::Action::contact_rate, c.id)
          .ok());

  // A hub whose configuration lets referral administrators rate.
  app::HubOptions options;
  options.password_opslimit = 1;
  options.password_memlimit = 8u * 1024 * 1024;
  options.person_matching = false;
  options.config.may_rate.insert(Role::referral_administrator);
  app::Hub permissive(*db_, clock_, options);
  EXPECT_TRUE(permissive.rate_contact(actor_of(admin), c.id, "amber", "I think so").ok());
  // Agency systems never rate.
  const policy::Actor feed{policy::Actor::Kind::agency_system, 0, "feed", std::nullopt, "police"};
  EXPECT_EQ(permissive.rate_contact(feed, c.id, "red", "x").error().kind, Error::Kind::forbidden);
}

// The case tracker: every open contact with its rating and clock, most urgent first.
TEST_F(ScreeningTest, TheTrackerListsOpenContactsMostUrgentFirst) {
  clock_.set(at("2026-11-23T09:00:00+00:00"));  // a Monday
  const Contact green = received("2026-11-23T08:40:00+00:00");
  const Contact red = received("2026-11-23T08:50:00+00:00");
  const Contact unrated = received("2026-11-23T08:55:00+00:00");
  const User dm = add_user(Role::decision_maker);
  ASSERT_TRUE(hub_->rate_contact(actor_of(dm), green.id, "green", "Needs assessing").ok());
  ASSERT_TRUE(hub_->rate_contact(actor_of(dm), red.id, "red", "Immediate risk").ok());
  clock_.set(at("2026-11-23T13:00:00+00:00"));  // red was due at 12:50

  auto all = hub_->tracker(actor_of(dm), {});
  ASSERT_TRUE(all.ok()) << all.error().message;
  auto position = [&](int64_t id) {
    for (size_t i = 0; i < all->size(); ++i)
      if ((*all)[i].contact_id == id) return static_cast<int>(i);
    return -1;
  };
  ASSERT_GE(position(red.id), 0);
  ASSERT_GE(position(green.id), 0);
  ASSERT_GE(position(unrated.id), 0);
  EXPECT_LT(position(red.id), position(green.id)) << "overdue Red before Green";
  EXPECT_LT(position(green.id), position(unrated.id)) << "rated before not rated";
  const app::TrackerItem& r = (*all)[static_cast<size_t>(position(red.id))];
  EXPECT_EQ(r.rating, "red");
  EXPECT_EQ(r.rating_name, "Red");
  EXPECT_TRUE(r.overdue);
  EXPECT_EQ(r.seconds_remaining, -10 * 60);
  EXPECT_EQ(r.status, ContactStatus::screening);
  ASSERT_FALSE(r.subjects.empty());
  EXPECT_FALSE(r.subjects[0].name.empty());
  const app::TrackerItem& u = (*all)[static_cast<size_t>(position(unrated.id))];
  EXPECT_TRUE(u.rating.empty());
  EXPECT_FALSE(u.due_at.has_value());

  auto overdue = hub_->tracker(actor_of(dm), {"", std::nullopt, true, ""});
  ASSERT_TRUE(overdue.ok());
  for (const app::TrackerItem& i : *overdue) EXPECT_TRUE(i.overdue);
  EXPECT_TRUE(std::any_of(overdue->begin(), overdue->end(),
                          [&](const app::TrackerItem& i) { return i.contact_id == red.id; }));
  auto greens = hub_->tracker(actor_of(dm), {"GREEN", std::nullopt, false, ""});
  ASSERT_TRUE(greens.ok());
  for (const app::TrackerItem& i : *greens) EXPECT_EQ(i.rating, "green");
  EXPECT_EQ(hub_->tracker(actor_of(dm), {"purple", std::nullopt, false, ""}).error().kind,
            Error::Kind::invalid);
  EXPECT_EQ(hub_->tracker(actor_of(dm), {"", ContactStatus::closed, false, ""}).error().kind,
            Error::Kind::invalid);
  const policy::Actor feed{policy::Actor::Kind::agency_system, 0, "feed", std::nullopt, "police"};
  EXPECT_EQ(hub_->tracker(feed, {}).error().kind, Error::Kind::forbidden);
}

// The worker on each contact and the agencies involved: the sender and those holding records of
// the subjects' persons (through confirmed links, whichever side names the subject).
TEST_F(ScreeningTest, TheTrackerShowsTheWorkerAndTheAgenciesInvolved) {
  clock_.set(at("2026-11-23T09:00:00+00:00"));
  const Contact mine = received("2026-11-23T08:10:00+00:00");
  const Contact other = received("2026-11-23T08:20:00+00:00");
  const User sw = add_user(Role::social_worker);
  const std::string tag = std::to_string(::getpid()) + "." + std::to_string(mine.id);
  for (const char* agency : {"education", "health"}) {
    app::SourceRecordRow row;
    row.line = 2;
    row.source_id = std::string("TR-") + tag;
    row.given_name = "Matt";
    row.family_name = "Example";
    row.date_of_birth = "2025-10-01";
    auto imported = hub_->import_source_records(app::command_line_actor(), agency, {row});
    ASSERT_TRUE(imported.ok()) << imported.error().message;
  }
  auto record = [&](const char* agency) {
    long long id = 0;
    const std::string source_id = "TR-" + tag;
    db_->read([&](store::Tx& tx) {
      tx.sql() << "SELECT id FROM source_records WHERE agency = :a AND source_id = :s",
          soci::use(std::string(agency)), soci::use(source_id), soci::into(id);
    });
    return "sr:" + std::to_string(id);
  };
  const int64_t s1 = mine.subjects.at(0).id, s2 = other.subjects.at(0).id;
  // The other contact's subject is confirmed as this one's ("cs:" names it), then as health's.
  ASSERT_TRUE(
      hub_->confirm_link(actor_of(sw), other.id, s2, "cs:" + std::to_string(s1), "same").ok());
  ASSERT_TRUE(hub_->confirm_link(actor_of(sw), other.id, s2, record("health"), "same").ok());
  const std::string worker = "sw.tracker" + std::to_string(mine.id);
  db_->transact([&](store::Tx& tx) {
    long long id = mine.id;
    tx.sql() << "UPDATE contacts SET worker = :w WHERE id = :id", soci::use(worker), soci::use(id);
  });

  const app::TrackerFilter by_worker{"", std::nullopt, false, worker};
  auto mine_only = hub_->tracker(actor_of(sw), by_worker);
  ASSERT_TRUE(mine_only.ok()) << mine_only.error().message;
  ASSERT_EQ(mine_only->size(), 1u);
  EXPECT_EQ((*mine_only)[0].contact_id, mine.id);
  EXPECT_EQ((*mine_only)[0].worker, worker);
  std::vector<std::string> expected{"health", mine.agency};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ((*mine_only)[0].agencies, expected);

  ASSERT_TRUE(hub_->confirm_link(actor_of(sw), mine.id, s1, record("education"), "same").ok());
  expected = {"education", "health", mine.agency};
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  auto both = hub_->tracker_rows(actor_of(sw), {}, {mine.id, other.id});
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);
  for (const app::TrackerItem& i : *both) EXPECT_EQ(i.agencies, expected) << i.contact_id;
  EXPECT_TRUE(std::any_of(both->begin(), both->end(),
                          [](const app::TrackerItem& i) { return i.worker.empty(); }));

  auto bad = hub_->tracker(actor_of(sw), {"", std::nullopt, false, "not a username"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, Error::Kind::invalid);
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "worker");
}

// A live board's update: just the contacts asked for, gone once closed or no longer matching;
// on a wall screen no names or ages unless the hub's configuration shows them.
TEST_F(ScreeningTest, TrackerRowsAndTheWallScreen) {
  clock_.set(at("2026-11-23T09:00:00+00:00"));
  const Contact a = received("2026-11-23T08:10:00+00:00");
  const Contact b = received("2026-11-23T08:20:00+00:00");
  const User dm = add_user(Role::decision_maker);
  ASSERT_TRUE(hub_->rate_contact(actor_of(dm), a.id, "red", "Immediate risk").ok());
  db_->transact([&](store::Tx& tx) { store::set_contact_status(tx, b.id, ContactStatus::closed); });

  auto rows = hub_->tracker_rows(actor_of(dm), {}, {a.id, b.id});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].contact_id, a.id);
  EXPECT_EQ((*rows)[0].subjects.at(0).name, "Matt Example");
  EXPECT_EQ((*rows)[0].subjects.at(0).age, 1);
  auto greens = hub_->tracker_rows(actor_of(dm), {"green", std::nullopt, false, ""}, {a.id});
  ASSERT_TRUE(greens.ok());
  EXPECT_TRUE(greens->empty());
  auto none = hub_->tracker_rows(actor_of(dm), {}, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  app::TrackerFilter wall;
  wall.wall = true;
  auto on_wall = hub_->tracker_rows(actor_of(dm), wall, {a.id});
  ASSERT_TRUE(on_wall.ok());
  ASSERT_EQ(on_wall->size(), 1u);
  EXPECT_TRUE(on_wall->at(0).subjects.empty());
  EXPECT_EQ(on_wall->at(0).rating, "red");

  app::HubOptions options;
  options.person_matching = false;
  options.config.wall.shows_ages = true;
  app::Hub ages(*db_, clock_, options);
  auto with_ages = ages.tracker_rows(actor_of(dm), wall, {a.id});
  ASSERT_TRUE(with_ages.ok());
  ASSERT_EQ(with_ages->at(0).subjects.size(), 1u);
  EXPECT_EQ(with_ages->at(0).subjects[0].name, "");
  EXPECT_EQ(with_ages->at(0).subjects[0].age, 1);

  // One audit event per read, naming the contacts of a live update.
  std::vector<store::AuditRow> events;
  db_->read([&](store::Tx& tx) {
    events = store::read_audit_rows(tx, store::read_audit_head(tx).seq - 1, 1);
  });
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().action, "contact.list");
  EXPECT_NE(events.back().detail.find(std::to_string(a.id)), std::string::npos);
}

// The whole board comes from a snapshot: each change a use case publishes is in the next read.
TEST_F(ScreeningTest, TheTrackerFollowsTheChangeFeed) {
  clock_.set(at("2026-11-23T09:00:00+00:00"));
  const Contact a = received("2026-11-23T08:10:00+00:00");
  const User dm = add_user(Role::decision_maker);
  auto find = [&](int64_t id) -> std::optional<app::TrackerItem> {
    auto all = hub_->tracker(actor_of(dm), {});
    EXPECT_TRUE(all.ok());
    for (const app::TrackerItem& i : *all)
      if (i.contact_id == id) return i;
    return std::nullopt;
  };
  ASSERT_TRUE(find(a.id).has_value());
  EXPECT_TRUE(find(a.id)->rating.empty());
  ASSERT_TRUE(hub_->rate_contact(actor_of(dm), a.id, "amber", "Needs a look").ok());
  EXPECT_EQ(find(a.id)->rating, "amber");
  const Contact b = received("2026-11-23T08:20:00+00:00");
  EXPECT_TRUE(find(b.id).has_value()) << "a new contact is on the board";
  db_->transact([&](store::Tx& tx) { store::set_contact_status(tx, a.id, ContactStatus::closed); });
  hub_->changes().publish(a.id);
  EXPECT_FALSE(find(a.id).has_value()) << "a closed contact leaves the board";
  clock_.set(at("2026-11-24T09:00:00+00:00"));
  EXPECT_TRUE(find(b.id)->seconds_remaining == 0) << "not rated: no clock";
}

}  // namespace
}  // namespace mash::testing
