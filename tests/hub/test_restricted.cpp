// Restricted contacts (issue 5): restricted at the command line (Hub::restrict_contact), then
// hidden by every contact use case from everyone not granted them — opened, listed on the front
// door's queue or the case tracker, rated, decided, matched — and shown to those granted.
#include <soci/soci.h>

#include <algorithm>

#include "hub_fixture.h"
#include "store/research.h"

namespace mash::testing {
namespace {

using policy::Actor;

class RestrictedTest : public HubTest {
 protected:
  store::RestrictionRow restriction(int64_t contact_id) {
    store::RestrictionRow r;
    db_->read([&](store::Tx& tx) { r = store::restriction_of(tx, contact_id); });
    return r;
  }
  // Whether the front door's queue shows the contact to the reader, every page looked through;
  // and how many contacts it says there are.
  bool on_queue(const Actor& reader, int64_t contact_id, int64_t* total = nullptr) {
    app::ContactFilter f;
    f.page_size = 100;
    for (f.page = 1;; ++f.page) {
      auto page = hub_->list_contacts(reader, f);
      EXPECT_TRUE(page.ok());
      if (!page.ok()) return false;
      if (total) *total = page->total;
      for (const auto& c : page->contacts)
        if (c.id == contact_id) return true;
      if (page->contacts.size() < static_cast<size_t>(f.page_size)) return false;
    }
  }
  bool on_tracker(const Actor& reader, int64_t contact_id) {
    auto items = hub_->tracker(reader, {});
    EXPECT_TRUE(items.ok());
    if (!items.ok()) return false;
    return std::any_of(items->begin(), items->end(),
                       [&](const app::TrackerItem& i) { return i.contact_id == contact_id; });
  }
};

TEST_F(RestrictedTest, TheCommandLineRestrictsAContactToTheUsersNamedAndIsAudited) {
  const Contact c = received();
  const User manager = add_user(Role::hub_manager);
  const User worker = add_user(Role::social_worker);
  EXPECT_FALSE(restriction(c.id).restricted);

  auto r =
      hub_->restrict_contact(app::command_line_actor(), c.id, {manager.username, worker.username},
                             "  A hub employee's niece  ");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->contact_id, c.id);
  std::vector<std::string> expected = {manager.username, worker.username};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(r->granted, expected);
  const store::RestrictionRow stored = restriction(c.id);
  EXPECT_TRUE(stored.restricted);
  std::vector<int64_t> ids = {manager.id, worker.id};
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(stored.granted, ids);

  // Granting again adds to those granted; naming someone twice is harmless.
  const User another = add_user(Role::decision_maker);
  auto again = hub_->restrict_contact(app::command_line_actor(), c.id,
                                      {another.username, manager.username}, "Her mother too");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->granted.size(), 3u);

  const auto events = audit_of(c.id);
  const auto restricting = std::count_if(events.begin(), events.end(), [](const auto& e) {
    return e.action == "contact.restrict" && e.outcome == "allowed";
  });
  EXPECT_EQ(restricting, 2);
  const auto first = std::find_if(events.begin(), events.end(),
                                  [](const auto& e) { return e.action == "contact.restrict"; });
  ASSERT_NE(first, events.end());
  EXPECT_NE(first->detail.find(manager.username), std::string::npos) << first->detail;
  // The reason is kept with the grants, not in the audit log (it may say who the subject is).
  EXPECT_EQ(first->detail.find("niece"), std::string::npos) << first->detail;
  long long with_reason = 0, contact_id = c.id;
  db_->read([&](store::Tx& tx) {
    tx.sql() << "SELECT COUNT(*) FROM contact_grants WHERE contact_id = :c AND reason = "
                "'A hub employee''s niece'",
        soci::use(contact_id, "c"), soci::into(with_reason);
  });
  EXPECT_EQ(with_reason, 2);
  EXPECT_EQ(first->username, "command-line");
}

TEST_F(RestrictedTest, AnUnknownContactOrUserOrNoReasonChangesNothing) {
  const Contact c = received();
  const User manager = add_user(Role::hub_manager);

  auto no_contact = hub_->restrict_contact(app::command_line_actor(), c.id + 100000,
                                           {manager.username}, "A high-profile person");
  ASSERT_FALSE(no_contact.ok());
  EXPECT_EQ(no_contact.error().kind, Error::Kind::not_found);

  auto no_user = hub_->restrict_contact(app::command_line_actor(), c.id,
                                        {manager.username, "nobody.by.this.name"}, "A relative");
  ASSERT_FALSE(no_user.ok());
  EXPECT_EQ(no_user.error().kind, Error::Kind::invalid);
  ASSERT_EQ(no_user.error().fields.size(), 1u);
  EXPECT_EQ(no_user.error().fields[0].field, "grant[1]");
  EXPECT_NE(no_user.error().fields[0].message.find("nobody.by.this.name"), std::string::npos);

  auto no_reason = hub_->restrict_contact(app::command_line_actor(), c.id, {manager.username}, " ");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().kind, Error::Kind::invalid);
  EXPECT_EQ(no_reason.error().fields[0].field, "reason");

  // Nor may anyone but the operator at the command line, however senior.
  auto by_manager =
      hub_->restrict_contact(actor_of(manager), c.id, {manager.username}, "Not theirs to do");
  ASSERT_FALSE(by_manager.ok());
  EXPECT_EQ(by_manager.error().kind, Error::Kind::forbidden);

  const store::RestrictionRow unchanged = restriction(c.id);
  EXPECT_FALSE(unchanged.restricted);
  EXPECT_TRUE(unchanged.granted.empty());
  // A hub worker still sees it as before.
  EXPECT_TRUE(hub_->view_contact(actor_of(manager), c.id, "checking").ok());
}

TEST_F(RestrictedTest, ARestrictedContactIsHiddenFromThoseNotGrantedAndShownToThoseGranted) {
  const Contact c = received();
  const User granted = add_user(Role::decision_maker);
  const User other = add_user(Role::decision_maker);
  const User auditor = add_user(Role::auditor);
  const Actor in = actor_of(granted), out = actor_of(other);
  int64_t total_before = 0;
  ASSERT_TRUE(on_queue(out, c.id, &total_before));
  ASSERT_TRUE(on_tracker(out, c.id));

  ASSERT_TRUE(hub_->restrict_contact(app::command_line_actor(), c.id, {granted.username},
                                     "A hub employee's son")
                  .ok());

  // Not granted: not opened, not listed, not counted, not on the board, and told nothing about
  // what is wrong with a form about it.
  auto view = hub_->view_contact(out, c.id, "screening");
  ASSERT_FALSE(view.ok());
  EXPECT_EQ(view.error().kind, Error::Kind::forbidden);
  EXPECT_FALSE(hub_->view_contact(actor_of(auditor), c.id, "oversight").ok());
  int64_t total_after = 0;
  EXPECT_FALSE(on_queue(out, c.id, &total_after));
  EXPECT_EQ(total_after, total_before - 1);
  EXPECT_FALSE(on_tracker(out, c.id));
  EXPECT_FALSE(hub_->access_history(out, c.id).ok());
  EXPECT_FALSE(hub_->subject_access_history(out, c.id, c.subjects[0].id).ok());
  EXPECT_FALSE(hub_->screening_of(out, c.id).ok());
  EXPECT_FALSE(hub_->dash_of(out, c.id).ok());
  EXPECT_FALSE(hub_->match_contact(out, c.id).ok());
  auto rate = hub_->rate_contact(out, c.id, "", "");
  ASSERT_FALSE(rate.ok());
  EXPECT_EQ(rate.error().kind, Error::Kind::forbidden);
  auto decide = hub_->decide_contact(out, c.id, {"", 0, "", "", ""});
  ASSERT_FALSE(decide.ok());
  EXPECT_EQ(decide.error().kind, Error::Kind::forbidden);
  auto undo = hub_->undo_link(out, c.id, 1, "");
  ASSERT_FALSE(undo.ok());
  EXPECT_EQ(undo.error().kind, Error::Kind::forbidden);
  auto link = hub_->confirm_link(out, c.id, c.subjects[0].id, "", "");
  ASSERT_FALSE(link.ok());
  EXPECT_EQ(link.error().kind, Error::Kind::forbidden);
  EXPECT_FALSE(hub_->permit(out, policy::Action::contact_rate, c.id).ok());

  // Granted: everything as before.
  auto seen = hub_->view_contact(in, c.id, "screening");
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_EQ(seen->subjects[0].family_name, "Example");
  int64_t total_granted = 0;
  EXPECT_TRUE(on_queue(in, c.id, &total_granted));
  EXPECT_EQ(total_granted, total_before);
  EXPECT_TRUE(on_tracker(in, c.id));
  EXPECT_TRUE(hub_->screening_of(in, c.id).ok());
  EXPECT_TRUE(hub_->permit(in, policy::Action::contact_rate, c.id).ok());
  auto invalid = hub_->rate_contact(in, c.id, "", "");
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().kind, Error::Kind::invalid);
  EXPECT_TRUE(hub_->rate_contact(in, c.id, "amber", "Known to the hub").ok());

  // Each refusal is in the audit log.
  const auto events = audit_of(c.id);
  const auto refused = std::count_if(events.begin(), events.end(), [&](const auto& e) {
    return e.username == other.username && e.outcome != "allowed";
  });
  EXPECT_GE(refused, 8);
}

}  // namespace
}  // namespace mash::testing
