// Break-glass and the research of a restricted contact (issue 5): what a break-glass reader does
// with the contact's information requests is on the review, a queue does not list the contact,
// and reading its messages changes nothing.
#include <algorithm>

#include "app/break_glass.h"
#include "research_fixture.h"

namespace mash::testing {
namespace {

class BreakGlassResearchTest : public ResearchTest {
 protected:
  // A contact in enquiry, its agencies asked, restricted to the decision maker and `granted`.
  Contact restricted_enquiry(const std::vector<std::string>& agencies,
                             const std::vector<std::string>& granted) {
    const Contact c = in_enquiry();
    basis(c.id);
    asked_ = ask(c.id, agencies);
    std::vector<std::string> named = granted;
    named.push_back(dm_.username);
    auto r =
        hub_->restrict_contact(app::command_line_actor(), c.id, named, "A hub employee's relative");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return c;
  }
  std::vector<app::InformationRequest> asked_;
};

TEST_F(BreakGlassResearchTest, TheReviewListsWhatTheReaderDidWithTheContactsRequests) {
  const User officer = add_user(Role::agency_practitioner, "police");
  const Contact c = restricted_enquiry({"police"}, {officer.username});
  const auto* req = to(asked_, "police");
  ASSERT_NE(req, nullptr);
  ASSERT_TRUE(research_->send_message(actor_of(officer), req->id, "We hold a log from May").ok());

  const User worker = add_user(Role::social_worker);
  const User manager = add_user(Role::hub_manager);
  ASSERT_FALSE(research_->request(actor_of(worker), req->id).ok());
  ASSERT_TRUE(app::BreakGlass(*hub_).open(actor_of(worker), c.id, "Strategy meeting now").ok());
  auto seen = research_->request(actor_of(worker), req->id);
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  auto thread = research_->messages(actor_of(worker), req->id);
  ASSERT_TRUE(thread.ok()) << thread.error().message;
  ASSERT_EQ(thread->messages.size(), 1u);
  EXPECT_TRUE(thread->messages[0].unread);
  EXPECT_FALSE(thread->may_send) << "break-glass reads, it does not write";
  // Reading under break-glass changes nothing: the message is still unread for them.
  auto again = research_->messages(actor_of(worker), req->id);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->messages[0].unread);

  auto review = app::BreakGlass(*hub_).review(actor_of(manager));
  ASSERT_TRUE(review.ok()) << review.error().message;
  const auto access = std::find_if(review->to_review.begin(), review->to_review.end(),
                                   [&](const auto& a) { return a.contact_id == c.id; });
  ASSERT_NE(access, review->to_review.end());
  auto did = [&](const std::string& action) {
    return std::count_if(access->events.begin(), access->events.end(), [&](const auto& e) {
      return e.action == action && e.request_agency == "police" && e.allowed;
    });
  };
  EXPECT_EQ(did("request.view"), 1);
  EXPECT_EQ(did("message.read"), 2);
  EXPECT_EQ(access->events.front().action, "contact.break_glass");
  EXPECT_TRUE(access->events.front().request_agency.empty());
  EXPECT_TRUE(std::is_sorted(
      access->events.begin(), access->events.end(),
      [](const auto& x, const auto& y) { return x.at.epoch_seconds < y.at.epoch_seconds; }));
  // Nobody else's events, and the officer's message is not the worker's.
  for (const auto& e : access->events) EXPECT_EQ(e.username, worker.username);
}

TEST_F(BreakGlassResearchTest, AQueueDoesNotListARestrictedContactOpenedByBreakGlass) {
  const Contact c = restricted_enquiry({"childrens_social_care"}, {});
  const auto* req = to(asked_, "childrens_social_care");
  ASSERT_NE(req, nullptr);
  const User worker = add_user(Role::social_worker, "childrens_social_care");
  auto listed = [&] {
    auto q = research_->queue(actor_of(worker), true);
    EXPECT_TRUE(q.ok());
    return q.ok() &&
           std::any_of(q->begin(), q->end(), [&](const auto& r) { return r.contact_id == c.id; });
  };
  EXPECT_FALSE(listed());
  ASSERT_TRUE(app::BreakGlass(*hub_).open(actor_of(worker), c.id, "Police at the door").ok());
  EXPECT_FALSE(listed()) << "break-glass opens the contact, it does not list it";
  // The request itself may be read, as break-glass.
  ASSERT_TRUE(research_->request(actor_of(worker), req->id).ok());
  const auto events = audit_of_record("information_request", std::to_string(req->id));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().action, "request.view");
  EXPECT_EQ(events.back().detail.rfind("break-glass", 0), 0u) << events.back().detail;
}

TEST_F(BreakGlassResearchTest, BreakGlassReadsTheChronologyButDoesNotExportIt) {
  const Contact c = restricted_enquiry({"police"}, {});
  const User worker = add_user(Role::social_worker);
  ASSERT_TRUE(app::BreakGlass(*hub_).open(actor_of(worker), c.id, "Strategy meeting now").ok());
  ASSERT_TRUE(research_->chronology(actor_of(worker), c.id, 0, {true, "", "", ""}).ok());
  auto exported = research_->export_chronology(actor_of(worker), c.id, 0, {true, "", "", ""},
                                               "For the meeting");
  ASSERT_FALSE(exported.ok());
  EXPECT_EQ(exported.error().kind, Error::Kind::forbidden);
  EXPECT_NE(exported.error().message.find("not to export"), std::string::npos);
  const auto events = audit_of(c.id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().action, "chronology.export");
  EXPECT_EQ(events.back().outcome, "denied");
}

// Break-glass opens the one restricted contact, for its reason: a contact linked to it (the same
// child) does not bring it into its chronology, on screen or exported.
TEST_F(BreakGlassResearchTest, ALinkedContactsChronologyLeavesOutOneOpenedByBreakGlass) {
  const User officer = add_user(Role::agency_practitioner, "police");
  const Contact restricted = restricted_enquiry({"police"}, {officer.username});
  const auto* req = to(asked_, "police");
  ASSERT_NE(req, nullptr);
  ASSERT_TRUE(research_
                  ->respond(actor_of(officer), req->id,
                            answer(*req, {{"summary", "", "", "", "", "Known.", "", ""},
                                          {"chronology", "", "", "2026-05-02", "Niche",
                                           "Officers called to the address", "", ""}}))
                  .ok());
  const Contact open = received();
  auto linked =
      hub_->confirm_link(actor_of(dm_), open.id, open.subjects[0].id,
                         "cs:" + std::to_string(restricted.subjects[0].id), "The same child");
  ASSERT_TRUE(linked.ok()) << linked.error().message;
  // Those granted both see both in the open contact's chronology.
  auto both = research_->chronology(actor_of(dm_), open.id, open.subjects[0].id, {});
  ASSERT_TRUE(both.ok()) << both.error().message;
  EXPECT_EQ(both->contacts.size(), 2u);

  const User worker = add_user(Role::social_worker);
  ASSERT_TRUE(app::BreakGlass(*hub_).open(actor_of(worker), restricted.id, "Strategy now").ok());
  auto screen = research_->chronology(actor_of(worker), open.id, open.subjects[0].id, {});
  ASSERT_TRUE(screen.ok()) << screen.error().message;
  EXPECT_EQ(screen->contacts, std::vector<int64_t>{open.id});
  for (const auto& e : screen->entries) EXPECT_NE(e.contact_id, restricted.id) << e.text;
  auto file = research_->export_chronology(actor_of(worker), open.id, open.subjects[0].id, {},
                                           "For the meeting");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->contacts, std::vector<int64_t>{open.id});
  for (const auto& e : file->entries) EXPECT_NE(e.text, "Officers called to the address");
  EXPECT_EQ(count("SELECT COUNT(*) FROM disclosures WHERE kind = 'export' AND contact_id = " +
                  std::to_string(restricted.id)),
            0);
}

}  // namespace
}  // namespace mash::testing
