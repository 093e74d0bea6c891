// Multi-agency research (issue 5), continued: a subject's chronology, secure messages, and
// passages of a shared narrative withheld — through the Hub on a real database. The fixture is in
// research_fixture.h.
#include <algorithm>

#include "research_fixture.h"

namespace mash::testing {
namespace {

TEST_F(ResearchTest, AChronologyMergesContactsDecisionsAndAgenciesEntriesNewestFirst) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health", "police"});
  const User nurse = add_user(Role::agency_practitioner, "health");
  const User researcher = add_user(Role::agency_practitioner, "police");
  const User officer = add_user(Role::information_officer);
  const app::InformationRequest& health = *to(asked, "health");
  const std::string child = std::to_string(health.subjects[0].subject_id);
  const std::string mother = std::to_string(health.subjects[1].subject_id);
  ASSERT_TRUE(research_
                  ->respond(actor_of(nurse), health.id,
                            answer(health, {{"summary", "", "", "", "", "Known.", "", ""},
                                            {"chronology", child, "", "2026-10-02", "SystmOne",
                                             "A&E: bruising to the arm", "", ""},
                                            {"chronology", mother, "", "2026-09-01", "SystmOne",
                                             "Mother seen by her GP", "", ""},
                                            {"chronology", "", "", "2026-08-15", "SystmOne",
                                             "Family registered with the practice", "", ""},
                                            {"chronology", child, "", "2026-07-20", "SystmOne",
                                             "Referral to paediatric psychology",
                                             "health_confidential", ""}}))
                  .ok());
  ASSERT_TRUE(
      research_
          ->respond(actor_of(researcher), to(asked, "police")->id,
                    answer(*to(asked, "police"), {{"summary", "", "", "", "", "Known.", "", ""},
                                                  {"chronology", "", "", "2026-11-01", "Niche",
                                                   "Domestic incident at the address", "", ""}}))
          .ok());

  auto chron = research_->chronology(actor_of(officer), c.id, health.subjects[0].subject_id, {});
  ASSERT_TRUE(chron.ok()) << chron.error().message;
  std::vector<std::string> lines;
  for (const auto& e : chron->entries) lines.push_back(e.date + " " + e.type + " " + e.agency);
  // Newest first: the decision and the contact (23 November, recorded by the hub's front door),
  // the police entry, the child's and
  // the household's health entries and the withheld one; not the mother's own.
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "2026-11-23 decision mash", "2026-11-23 contact childrens_social_care",
                       "2026-11-01 agency police", "2026-10-02 agency health",
                       "2026-08-15 agency health", "2026-07-20 agency health"}));
  EXPECT_TRUE(chron->entries.back().withheld);
  EXPECT_EQ(chron->entries.back().text, "[redacted: health-confidential]");
  EXPECT_EQ(chron->entries[3].source, "SystmOne (request " + std::to_string(health.id) + ")");
  EXPECT_EQ(chron->agencies,
            (std::vector<std::string>{"childrens_social_care", "health", "mash", "police"}));

  // The household: the mother's entry too. Filters: one agency, one type.
  auto household = research_->chronology(actor_of(officer), c.id, 0, {true, "", "", ""});
  ASSERT_TRUE(household.ok());
  EXPECT_EQ(household->entries.size(), 7u);
  auto health_only = research_->chronology(actor_of(officer), c.id, health.subjects[0].subject_id,
                                           {false, "health", "", ""});
  ASSERT_TRUE(health_only.ok());
  EXPECT_EQ(health_only->entries.size(), 3u);
  EXPECT_EQ(health_only->total, 6u);
  auto decisions = research_->chronology(actor_of(officer), c.id, health.subjects[0].subject_id,
                                         {false, "", "decision", ""});
  ASSERT_TRUE(decisions.ok());
  EXPECT_EQ(decisions->entries.size(), 1u);

  // Agency practitioners read no chronology; an unknown subject is not found.
  EXPECT_EQ(
      research_->chronology(actor_of(nurse), c.id, health.subjects[0].subject_id, {}).error().kind,
      Error::Kind::forbidden);
  EXPECT_EQ(research_->chronology(actor_of(officer), c.id, 987654321, {}).error().kind,
            Error::Kind::not_found);
}

}  // namespace
}  // namespace mash::testing

namespace mash::testing {
namespace {

TEST_F(ResearchTest, SecureMessagesPassBetweenTheHubAndTheAgencyAskedOnly) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health"});
  const User nurse = add_user(Role::agency_practitioner, "health");
  const User teacher = add_user(Role::agency_practitioner, "education");
  const User auditor = add_user(Role::auditor);
  const int64_t rid = asked[0].id;

  auto sent = research_->send_message(actor_of(dm_), rid, "  Can you check the GP record too?  ");
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->body, "Can you check the GP record too?");
  // The agency hears of it in the hub, without anything about the family.
  auto told = hub_->notifications(actor_of(nurse));
  ASSERT_TRUE(told.ok());
  ASSERT_FALSE(told->empty());
  EXPECT_EQ(told->front().kind, "message");
  EXPECT_EQ(told->front().message,
            "You have a new message on information request " + std::to_string(rid) + ".");
  EXPECT_EQ(research_->unread_messages(actor_of(nurse), {rid}).at(rid), 1);

  auto thread = research_->messages(actor_of(nurse), rid);
  ASSERT_TRUE(thread.ok()) << thread.error().message;
  ASSERT_EQ(thread->messages.size(), 1u);
  EXPECT_TRUE(thread->messages[0].unread);
  EXPECT_TRUE(thread->may_send);
  EXPECT_TRUE(research_->unread_messages(actor_of(nurse), {rid}).empty()) << "read now";
  ASSERT_TRUE(research_->send_message(actor_of(nurse), rid, "Done: nothing further.").ok());
  auto back = research_->messages(actor_of(dm_), rid);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->messages.size(), 2u);
  EXPECT_FALSE(back->messages[0].unread) << "their own";
  EXPECT_TRUE(back->messages[1].unread);

  // Another agency neither reads nor writes; an auditor reads but does not write; empty and
  // over-long messages are refused.
  EXPECT_EQ(research_->messages(actor_of(teacher), rid).error().kind, Error::Kind::not_found);
  EXPECT_EQ(research_->send_message(actor_of(teacher), rid, "Hello").error().kind,
            Error::Kind::not_found);
  auto oversight = research_->messages(actor_of(auditor), rid);
  ASSERT_TRUE(oversight.ok());
  EXPECT_FALSE(oversight->may_send);
  EXPECT_EQ(research_->send_message(actor_of(auditor), rid, "Hello").error().kind,
            Error::Kind::forbidden);
  EXPECT_EQ(research_->send_message(actor_of(dm_), rid, "   ").error().fields.at(0).field, "body");
  EXPECT_FALSE(research_->send_message(actor_of(dm_), rid, std::string(4001, 'x')).ok());
}

// Passages of the referral's account withheld from the agencies it is shared with (issue 5:
// "mark spans of a response or narrative as redacted for named recipients"): the agency sees the
// marker in their place, never the words, in its queue and its request; the disclosure says what
// was withheld; a passage not in the account, or without a reason or a shared account, is refused
// and nothing is sent.
// An exported chronology: the same entries, each agency's answer in it a disclosure of kind
// "export" with the purpose given; without a purpose, nothing is exported or recorded.
TEST_F(ResearchTest, AnExportedChronologyIsADisclosureWithItsPurpose) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health"});
  const User nurse = add_user(Role::agency_practitioner, "health");
  const User officer = add_user(Role::information_officer);
  const app::InformationRequest& health = *to(asked, "health");
  ASSERT_TRUE(research_
                  ->respond(actor_of(nurse), health.id,
                            answer(health, {{"summary", "", "", "", "", "Known.", "", ""},
                                            {"chronology", "", "", "2026-10-02", "SystmOne",
                                             "Seen at the walk-in centre", "", ""},
                                            {"chronology", "", "", "2026-07-20", "SystmOne",
                                             "Referral to paediatric psychology",
                                             "health_confidential", ""}}))
                  .ok());
  const std::string exports =
      "SELECT COUNT(*) FROM disclosures WHERE kind = 'export' AND contact_id = " +
      std::to_string(c.id);
  auto none = research_->export_chronology(actor_of(officer), c.id, 0, {true, "", "", ""}, "  ");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, Error::Kind::invalid);
  EXPECT_EQ(none.error().fields.at(0).field, "purpose");
  auto too_long = research_->export_chronology(actor_of(officer), c.id, 0, {true, "", "", ""},
                                               std::string(201, 'x'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().kind, Error::Kind::invalid);
  EXPECT_EQ(count(exports), 0);

  auto file = research_->export_chronology(actor_of(officer), c.id, 0, {true, "", "", ""},
                                           " Strategy discussion ");
  ASSERT_TRUE(file.ok()) << file.error().message;
  auto screen = research_->chronology(actor_of(officer), c.id, 0, {true, "", "", ""});
  ASSERT_TRUE(screen.ok());
  ASSERT_EQ(file->entries.size(), screen->entries.size());
  for (size_t i = 0; i < file->entries.size(); ++i)
    EXPECT_EQ(file->entries[i].text, screen->entries[i].text);
  EXPECT_EQ(file->entries.back().text, "[redacted: health-confidential]");
  EXPECT_EQ(count(exports), 1);
  auto disclosures = research_->disclosures(actor_of(dm_), c.id);
  ASSERT_TRUE(disclosures.ok());
  const auto exported = std::find_if(disclosures->begin(), disclosures->end(),
                                     [](const auto& d) { return d.kind == "export"; });
  ASSERT_NE(exported, disclosures->end());
  EXPECT_EQ(exported->to_username, officer.username);
  EXPECT_EQ(exported->from_agency, "health");
  EXPECT_NE(exported->purpose.find("Strategy discussion"), std::string::npos) << exported->purpose;
  EXPECT_EQ(exported->withheld.size(), 1u) << "the health-confidential entry";
  const auto events = audit_of(c.id);
  const auto event = std::find_if(events.begin(), events.end(), [&](const auto& e) {
    return e.action == "chronology.export" && e.username == officer.username &&
           e.outcome == "allowed";
  });
  ASSERT_NE(event, events.end());
  EXPECT_EQ(event->purpose.find("Strategy"), std::string::npos)
      << "the user's words stay in the disclosure: " << event->purpose;
  // Filtered to contacts only, the export carries no agency's answer: nothing is disclosed.
  auto contacts_only = research_->export_chronology(actor_of(officer), c.id, 0,
                                                    {true, "", "contact", ""}, "Case file");
  ASSERT_TRUE(contacts_only.ok());
  EXPECT_EQ(count(exports), 1);
}

TEST_F(ResearchTest, PassagesOfASharedNarrativeAreWithheldFromTheAgenciesAsked) {
  const Contact c = in_enquiry();
  basis(c.id);
  const User nurse = add_user(Role::agency_practitioner, "health");
  const std::string passage = "the child was present";
  ASSERT_NE(c.narrative.find(passage), std::string::npos) << c.narrative;
  const int64_t before = count("SELECT COUNT(*) FROM information_requests");

  auto not_there = research_->raise_requests(actor_of(dm_), c.id,
                                             {{"health"},
                                              "What do you know?",
                                              "Health needs the incident",
                                              {"not in the account"},
                                              "third_party"});
  ASSERT_FALSE(not_there.ok());
  EXPECT_EQ(not_there.error().kind, Error::Kind::invalid);
  EXPECT_EQ(not_there.error().fields.at(0).field, "narrative_withheld[0]");
  auto no_reason = research_->raise_requests(
      actor_of(dm_), c.id,
      {{"health"}, "What do you know?", "Health needs the incident", {passage}, ""});
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().fields.at(0).field, "narrative_withheld_reason");
  auto not_shared = research_->raise_requests(
      actor_of(dm_), c.id, {{"health"}, "What do you know?", "", {passage}, "third_party"});
  ASSERT_FALSE(not_shared.ok());
  EXPECT_EQ(not_shared.error().fields.at(0).field, "narrative_withheld");
  EXPECT_EQ(count("SELECT COUNT(*) FROM information_requests"), before) << "nothing was sent";

  auto asked = research_->raise_requests(actor_of(dm_), c.id,
                                         {{"health"},
                                          "What do you know?",
                                          "Health needs the incident",
                                          {"THE child  was\npresent", "  "},
                                          "third_party"});
  ASSERT_TRUE(asked.ok()) << asked.error().message << " (typed in other case and spacing)";
  const app::InformationRequest* req = to(*asked, "health");
  ASSERT_NE(req, nullptr);
  EXPECT_EQ(req->narrative_passages_withheld, 1u);
  EXPECT_EQ(req->narrative.find(passage), std::string::npos) << req->narrative;
  EXPECT_EQ(req->narrative.find("present"), std::string::npos) << req->narrative;
  EXPECT_NE(req->narrative.find("[redacted: third-party information]"), std::string::npos);
  EXPECT_NE(req->narrative.find("Police attended a domestic incident"), std::string::npos);

  // The agency asked: its request and its queue carry the marker, not the words.
  auto opened = research_->request(actor_of(nurse), req->id);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->narrative.find(passage), std::string::npos);
  EXPECT_NE(opened->narrative.find("[redacted: third-party information]"), std::string::npos);
  auto queue = research_->queue(actor_of(nurse), false);
  ASSERT_TRUE(queue.ok());
  bool in_queue = false;
  for (const auto& q : *queue)
    if (q.id == req->id) {
      in_queue = true;
      EXPECT_EQ(q.narrative.find(passage), std::string::npos);
    }
  EXPECT_TRUE(in_queue);

  // The disclosure names the passage withheld.
  auto disclosures = research_->disclosures(actor_of(dm_), c.id);
  ASSERT_TRUE(disclosures.ok());
  bool named = false;
  for (const auto& d : *disclosures)
    if (d.kind == "request" && d.request_id == req->id)
      named = std::find(d.withheld.begin(), d.withheld.end(), "narrative:1") != d.withheld.end();
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace mash::testing
