// "Who saw this child's record, and why" (issue 5): Hub::subject_access_history.
#include <set>

#include "hub_fixture.h"

namespace mash::testing {
namespace {

using app::SubjectAccessHistory;

class AccessHistoryTest : public HubTest {
 protected:
  void SetUp() override {
    HubTest::SetUp();
    worker_ = add_user(Role::social_worker);
    reader_ = add_user(Role::information_officer);
  }
  // Confirms that the first subject of `c` is the first subject of `with`.
  int64_t link(const Contact& c, const Contact& with) {
    auto l = hub_->confirm_link(actor_of(worker_), c.id, c.subjects[0].id,
                                "cs:" + std::to_string(with.subjects[0].id), "Same child");
    EXPECT_TRUE(l.ok()) << (l.ok() ? "" : l.error().message);
    return l.ok() ? l->id : 0;
  }
  void view(const Contact& c, const std::string& purpose) {
    ASSERT_TRUE(hub_->view_contact(actor_of(reader_), c.id, purpose).ok());
  }
  SubjectAccessHistory history_of(const Contact& c, int64_t before = 0, int limit = 200) {
    auto h = hub_->subject_access_history(actor_of(worker_), c.id, c.subjects[0].id, before, limit);
    EXPECT_TRUE(h.ok()) << (h.ok() ? "" : h.error().message);
    return h.ok() ? *h : SubjectAccessHistory{};
  }
  size_t events_of(std::initializer_list<int64_t> contacts) {
    size_t n = 0;
    for (int64_t c : contacts) n += audit_of(c).size();
    return n;
  }

  User worker_, reader_;
};

TEST_F(AccessHistoryTest, EveryContactOfTheChildNewestFirstAndNoOneElses) {
  const Contact first = received(), second = received(), third = received();
  const Contact someone_else = received();
  link(second, first);
  link(third, first);
  view(first, "screening the first contact");
  view(second, "checking the second contact");
  view(third, "strategy discussion");
  view(someone_else, "another child");
  view(first, "screening again");

  const SubjectAccessHistory h = history_of(second);
  EXPECT_GT(h.person_id, 0);
  EXPECT_EQ(h.contacts, (std::vector<int64_t>{first.id, second.id, third.id}));
  EXPECT_EQ(h.total, static_cast<int64_t>(events_of({first.id, second.id, third.id})));
  ASSERT_EQ(h.entries.size(), static_cast<size_t>(h.total));
  EXPECT_FALSE(h.more);
  // The read itself first, then the last view.
  EXPECT_EQ(h.entries[0].action, "contact.access_history");
  EXPECT_EQ(h.entries[0].username, worker_.username);
  EXPECT_EQ(h.entries[0].contact_id, second.id);
  EXPECT_EQ(h.entries[1].action, "contact.view");
  EXPECT_EQ(h.entries[1].purpose, "screening again");
  EXPECT_EQ(h.entries[1].username, reader_.username);
  EXPECT_EQ(h.entries[1].agency, reader_.agency);
  EXPECT_EQ(h.entries[1].role, "information_officer");
  EXPECT_EQ(h.entries[1].contact_id, first.id);
  EXPECT_TRUE(h.entries[1].allowed);
  std::set<std::string> purposes;
  std::set<int64_t> contacts;
  for (size_t i = 0; i < h.entries.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(h.entries[i].seq, h.entries[i - 1].seq);
    }
    purposes.insert(h.entries[i].purpose);
    contacts.insert(h.entries[i].contact_id);
  }
  EXPECT_TRUE(purposes.count("checking the second contact"));
  EXPECT_TRUE(purposes.count("strategy discussion"));
  EXPECT_FALSE(purposes.count("another child"));
  EXPECT_EQ(contacts, (std::set<int64_t>{first.id, second.id, third.id}));

  // The other child's history is theirs alone.
  const SubjectAccessHistory other = history_of(someone_else);
  EXPECT_EQ(other.person_id, 0);
  EXPECT_EQ(other.contacts, std::vector<int64_t>{someone_else.id});
  EXPECT_EQ(other.total, static_cast<int64_t>(audit_of(someone_else.id).size()));
  for (const auto& e : other.entries) EXPECT_EQ(e.contact_id, someone_else.id);
}

TEST_F(AccessHistoryTest, AnUndoneLinkNoLongerBringsItsContact) {
  const Contact first = received(), second = received(), third = received();
  link(second, first);
  const int64_t wrong = link(third, first);
  view(third, "the wrong child");
  EXPECT_EQ(history_of(first).contacts, (std::vector<int64_t>{first.id, second.id, third.id}));

  ASSERT_TRUE(hub_->undo_link(actor_of(worker_), third.id, wrong, "A different child").ok());
  const SubjectAccessHistory h = history_of(first);
  EXPECT_EQ(h.contacts, (std::vector<int64_t>{first.id, second.id}));
  EXPECT_EQ(h.total, static_cast<int64_t>(events_of({first.id, second.id})));
  for (const auto& e : h.entries) {
    EXPECT_NE(e.contact_id, third.id);
    EXPECT_NE(e.purpose, "the wrong child");
  }
  // From the unlinked contact's side, the child is on their own again.
  EXPECT_EQ(history_of(third).contacts, std::vector<int64_t>{third.id});
}

TEST_F(AccessHistoryTest, ARefusalIsForbiddenAndAudited) {
  const Contact first = received(), second = received();
  link(second, first);
  const User practitioner = add_user(Role::agency_practitioner, "health");
  const User analyst = add_user(Role::analyst);
  for (const User& u : {practitioner, analyst}) {
    auto denied = hub_->subject_access_history(actor_of(u), first.id, first.subjects[0].id, 0, 50);
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().kind, Error::Kind::forbidden);
    const store::AuditRow last = audit_of(first.id).back();
    EXPECT_EQ(last.action, "contact.access_history");
    EXPECT_EQ(last.username, u.username);
    EXPECT_EQ(last.outcome, "denied");
  }
  const policy::Actor police{policy::Actor::Kind::agency_system, 0, "police-feed", std::nullopt,
                             "police"};
  EXPECT_EQ(hub_->subject_access_history(police, first.id, first.subjects[0].id).error().kind,
            Error::Kind::forbidden);
  // Auditors oversee who saw what.
  const User auditor = add_user(Role::auditor);
  EXPECT_TRUE(hub_->subject_access_history(actor_of(auditor), first.id, first.subjects[0].id).ok());
  EXPECT_EQ(
      hub_->subject_access_history(actor_of(worker_), 987654321, first.subjects[0].id).error().kind,
      Error::Kind::not_found);
  // A subject of another contact is not this contact's.
  EXPECT_EQ(
      hub_->subject_access_history(actor_of(worker_), first.id, second.subjects[0].id).error().kind,
      Error::Kind::not_found);
}

TEST_F(AccessHistoryTest, PagesFollowOnWithoutShiftingAsEventsArrive) {
  const Contact first = received(), second = received();
  link(second, first);
  for (int i = 0; i < 6; ++i) view(i % 2 ? first : second, "view " + std::to_string(i));
  const SubjectAccessHistory all = history_of(first);
  ASSERT_GE(all.entries.size(), 9u);

  // Pages of 3 from the event before the full read: each page is the next 3 of `all`, although
  // every read adds an event at the top.
  int64_t before = all.entries[0].seq;
  size_t at = 1;
  bool more = true;
  while (more) {
    const SubjectAccessHistory page = history_of(first, before, 3);
    EXPECT_EQ(page.total, all.total + static_cast<int64_t>(at / 3 + 1));
    ASSERT_LE(page.entries.size(), 3u);
    ASSERT_FALSE(page.entries.empty());
    for (const auto& e : page.entries) {
      ASSERT_LT(at, all.entries.size());
      EXPECT_EQ(e.seq, all.entries[at].seq);
      EXPECT_EQ(e.purpose, all.entries[at].purpose);
      ++at;
    }
    more = page.more;
    before = page.entries.back().seq;
  }
  EXPECT_EQ(at, all.entries.size());

  // At most 200 a page, and at least one.
  const SubjectAccessHistory one = history_of(first, 0, 0);
  EXPECT_EQ(one.entries.size(), 1u);
  EXPECT_TRUE(one.more);
}

}  // namespace
}  // namespace mash::testing
