// Outcome summaries (issue 5): a decided contact's outcome sent to the receiving team's worker,
// as policy lets that worker read the agencies' answers; each answer in it a disclosure.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/break_glass.h"
#include "research_fixture.h"

namespace mash::testing {
namespace {

class SummaryTest : public ResearchTest {
 protected:
  // A contact in enquiry, health asked and answering with a summary, a plain chronology entry
  // and a health-confidential one; then `withheld` redacted from children's social care.
  Contact researched(const std::string& withheld) {
    const Contact c = in_enquiry();
    basis(c.id);
    const auto asked = ask(c.id, {"health", "police"});
    const User nurse = add_user(Role::agency_practitioner, "health");
    const app::InformationRequest& health = *to(asked, "health");
    auto sent = research_->respond(
        actor_of(nurse), health.id,
        answer(
            health,
            {{"summary", "", "", "", "", "Known to the GP. " + withheld + " said so.", "", ""},
             {"chronology", "", "", "2026-10-02", "SystmOne", "Seen at the walk-in centre", "", ""},
             {"chronology", "", "", "2026-07-20", "SystmOne", "Referral to paediatric psychology",
              "health_confidential", ""}}));
    EXPECT_TRUE(sent.ok()) << (sent.ok() ? "" : sent.error().message);
    if (!sent.ok()) return c;
    auto redacted = research_->redact(actor_of(nurse), health.id,
                                      {sent->items.at(0).id,
                                       withheld,
                                       {"childrens_social_care"},
                                       "third_party",
                                       "The neighbour asked not to be named"});
    EXPECT_TRUE(redacted.ok()) << (redacted.ok() ? "" : redacted.error().message);
    return c;
  }
  void decide_to(const Contact& c, const User& worker) {
    auto d = hub_->decide_contact(
        actor_of(dm_), c.id,
        {"allocated_worker", 3, worker.username, "Assessment by the locality team", ""});
    ASSERT_TRUE(d.ok()) << d.error().message;
  }
  std::string disclosures_sql(int64_t contact_id) {
    return "SELECT COUNT(*) FROM disclosures WHERE kind = 'summary' AND contact_id = " +
           std::to_string(contact_id);
  }
};

TEST_F(SummaryTest, TheReceivingWorkerGetsTheOutcomeAsPolicyLetsThemReadIt) {
  const Contact c = researched("Mrs Neighbour at number 3");
  const User worker = add_user(Role::social_worker);
  decide_to(c, worker);

  auto sent = research_->send_summary(
      actor_of(dm_), c.id,
      {" " + worker.username + " ", " Locality assessment ", "Please see the family this week."});
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->to_username, worker.username);
  EXPECT_EQ(sent->to_agency, "childrens_social_care");
  EXPECT_EQ(sent->purpose, "Locality assessment");
  const std::string& body = sent->body;
  EXPECT_NE(body.find("Pass to allocated worker, threshold 3"), std::string::npos) << body;
  EXPECT_NE(body.find("Assessment by the locality team"), std::string::npos) << body;
  EXPECT_NE(body.find("Julie Example"), std::string::npos) << body;
  EXPECT_NE(body.find("Seen at the walk-in centre"), std::string::npos) << body;
  EXPECT_NE(body.find("Police\n  Not answered when this was sent"), std::string::npos) << body;
  // The passage withheld from the worker's agency and the health-confidential entry (a social
  // worker is no decision maker) are markers, though the sender could read the second.
  EXPECT_EQ(body.find("Mrs Neighbour"), std::string::npos) << body;
  EXPECT_NE(body.find("[redacted: third-party information]"), std::string::npos) << body;
  EXPECT_EQ(body.find("paediatric psychology"), std::string::npos) << body;
  EXPECT_NE(body.find("[redacted: health-confidential]"), std::string::npos) << body;

  // Health's answer is one disclosure to the worker, with the two withheld.
  EXPECT_EQ(count(disclosures_sql(c.id)), 1);
  auto list = research_->disclosures(actor_of(dm_), c.id);
  ASSERT_TRUE(list.ok());
  const auto d = std::find_if(list->begin(), list->end(),
                              [](const app::Disclosure& x) { return x.kind == "summary"; });
  ASSERT_NE(d, list->end());
  EXPECT_EQ(d->to_username, worker.username);
  EXPECT_EQ(d->from_agency, "health");
  EXPECT_EQ(d->purpose, "Locality assessment");
  EXPECT_EQ(d->basis, "dpa_sch1_para18");
  EXPECT_EQ(d->items.size(), 2u);
  EXPECT_EQ(d->withheld.size(), 2u);

  // The worker reads it, is told of it without personal data, and the sender sees it sent.
  auto inbox = research_->summaries(actor_of(worker));
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ(inbox->at(0).body, body);
  EXPECT_EQ(inbox->at(0).note, "Please see the family this week.");
  auto notes = hub_->notifications(actor_of(worker));
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ(notes->at(0).message,
            "An outcome summary of contact " + std::to_string(c.id) + " was sent to you.");
  // Its sender sees to whom and why, not what it says: it holds what the recipient may read.
  auto outbox = research_->summaries(actor_of(dm_));
  ASSERT_TRUE(outbox.ok());
  ASSERT_EQ(outbox->size(), 1u);
  EXPECT_TRUE(outbox->at(0).body.empty());
  EXPECT_EQ(outbox->at(0).to_username, worker.username);
  // Nobody else has it, however senior; an auditor has nothing sent to them either.
  EXPECT_TRUE(research_->summaries(actor_of(add_user(Role::hub_manager)))->empty());
  // The research page lists it, who to and why, without what it says.
  auto r = research_->research_of(actor_of(add_user(Role::information_officer)), c.id, "");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->summaries.size(), 1u);
  EXPECT_EQ(r->summaries[0].to_username, worker.username);
  EXPECT_TRUE(r->summaries[0].body.empty());

  const auto events = audit_of(c.id);
  const auto event = std::find_if(events.begin(), events.end(), [&](const auto& e) {
    return e.action == "summary.send" && e.outcome == "allowed";
  });
  ASSERT_NE(event, events.end());
  EXPECT_EQ(event->purpose.find("Locality"), std::string::npos) << event->purpose;
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), [&](const auto& e) {
    return e.action == "summary.view" && e.username == worker.username;
  }));
}

TEST_F(SummaryTest, BadRecipientsAndUndecidedContactsSendNothing) {
  const Contact c = researched("Mrs Neighbour at number 3");
  const User worker = add_user(Role::social_worker);
  const std::string summaries =
      "SELECT COUNT(*) FROM outcome_summaries WHERE contact_id = " + std::to_string(c.id);
  // Still in enquiry: nothing to report yet.
  auto early = research_->send_summary(actor_of(dm_), c.id, {worker.username, "Assessment", ""});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().kind, Error::Kind::conflict);
  decide_to(c, worker);

  auto expect_invalid = [&](const app::SummaryDraft& draft, const std::string& field) {
    auto r = research_->send_summary(actor_of(dm_), c.id, draft);
    ASSERT_FALSE(r.ok()) << draft.to;
    EXPECT_EQ(r.error().kind, Error::Kind::invalid) << r.error().message;
    ASSERT_FALSE(r.error().fields.empty());
    EXPECT_EQ(r.error().fields.at(0).field, field) << r.error().fields.at(0).message;
  };
  expect_invalid({"", "Assessment", ""}, "to");
  expect_invalid({dm_.username, "Assessment", ""}, "to");
  expect_invalid({"nobody.here", "Assessment", ""}, "to");
  // An agency practitioner of another agency may not read the research: not a recipient.
  expect_invalid({add_user(Role::agency_practitioner, "police").username, "Assessment", ""}, "to");
  expect_invalid({add_user(Role::referral_administrator).username, "Assessment", ""}, "to");
  // Nor an auditor, who reads everything unredacted: the summary is for a receiving team.
  expect_invalid({add_user(Role::auditor).username, "Assessment", ""}, "to");
  expect_invalid({worker.username, "  ", ""}, "purpose");
  expect_invalid({worker.username, std::string(201, 'p'), ""}, "purpose");
  expect_invalid({worker.username, "Assessment", std::string(2001, 'n')}, "note");
  EXPECT_EQ(count(summaries), 0);
  EXPECT_EQ(count(disclosures_sql(c.id)), 0);

  // A referral administrator may not send one; nor may anyone about a contact that is not there.
  auto admin = research_->send_summary(actor_of(add_user(Role::referral_administrator)), c.id,
                                       {worker.username, "Assessment", ""});
  ASSERT_FALSE(admin.ok());
  EXPECT_EQ(admin.error().kind, Error::Kind::forbidden);
  auto missing = research_->send_summary(actor_of(dm_), c.id + 1000, {worker.username, "A", ""});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::not_found);
  EXPECT_EQ(count(summaries), 0);
}

TEST_F(SummaryTest, ARestrictedContactsSummaryGoesOnlyToThoseGrantedIt) {
  const Contact c = researched("Mrs Neighbour at number 3");
  const User worker = add_user(Role::social_worker);
  const User other = add_user(Role::social_worker);
  decide_to(c, worker);
  auto restricted = hub_->restrict_contact(app::command_line_actor(), c.id,
                                           {dm_.username, worker.username}, "A relative's");
  ASSERT_TRUE(restricted.ok()) << restricted.error().message;

  auto refused = research_->send_summary(actor_of(dm_), c.id, {other.username, "Assessment", ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::Kind::invalid);
  // Someone not granted it may not send it, break-glass or not.
  const User officer = add_user(Role::information_officer);
  auto glass = app::BreakGlass(*hub_).open(actor_of(officer), c.id, "Urgent safety check tonight");
  ASSERT_TRUE(glass.ok()) << glass.error().message;
  auto by_glass =
      research_->send_summary(actor_of(officer), c.id, {worker.username, "Assessment", ""});
  ASSERT_FALSE(by_glass.ok());
  EXPECT_EQ(by_glass.error().kind, Error::Kind::forbidden);

  auto sent = research_->send_summary(actor_of(dm_), c.id, {worker.username, "Assessment", ""});
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(research_->summaries(actor_of(worker))->size(), 1u);
  // The officer's break-glass access does not open the summary, nor is it theirs.
  EXPECT_TRUE(research_->summaries(actor_of(officer))->empty());
  EXPECT_TRUE(research_->summaries(actor_of(other))->empty());
}

}  // namespace
}  // namespace mash::testing
