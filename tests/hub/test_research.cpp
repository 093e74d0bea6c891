// Multi-agency research (issue 5): the basis for sharing, information requests, agencies'
// answers with their marks, redaction, disclosures and chasing — through the Hub on a real
// database.
#include "research_fixture.h"

namespace mash::testing {
namespace {

TEST_F(ResearchTest, RequestsNeedAnEnquiryAndABasisForSharing) {
  const User admin = add_user(Role::referral_administrator);
  Contact fresh = received("2026-11-20T09:00:00+00:00");
  auto early = research_->raise_requests(actor_of(dm_), fresh.id,
                                         {{"health"}, "What do you know?", "", {}, ""});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().kind, Error::Kind::conflict) << "not in an enquiry yet";

  const Contact c = in_enquiry();
  auto no_basis =
      research_->raise_requests(actor_of(dm_), c.id, {{"health"}, "Known?", "", {}, ""});
  ASSERT_FALSE(no_basis.ok());
  EXPECT_EQ(no_basis.error().kind, Error::Kind::conflict);
  EXPECT_NE(no_basis.error().message.find("lawful basis"), std::string::npos);

  // Without consent, a configured lawful basis and why.
  auto bad = research_->record_basis(actor_of(dm_), c.id, {"refused", "gut_feeling", ""});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "lawful_basis");
  EXPECT_EQ(bad.error().fields[1].field, "reason");
  // Referral administrators record contacts; they do not research them.
  auto admin_basis = research_->record_basis(actor_of(admin), c.id, {"given", "", ""});
  ASSERT_FALSE(admin_basis.ok());
  EXPECT_EQ(admin_basis.error().kind, Error::Kind::forbidden);

  basis(c.id);
  const auto asked = ask(c.id, {"health", "police"});
  ASSERT_EQ(asked.size(), 2u);
  const app::InformationRequest* health = to(asked, "health");
  ASSERT_NE(health, nullptr);
  EXPECT_EQ(health->status, RequestStatus::requested);
  // Amber: partners answer within 6 working hours, from the request at 10:00 Monday.
  EXPECT_EQ(to_rfc3339(health->due_at), "2026-11-23T16:00:00+00:00");
  EXPECT_EQ(health->subjects.size(), 2u);
  EXPECT_TRUE(health->narrative.empty()) << "the narrative goes only when shared, with why";

  // An agency already asked, or one the hub does not know: nothing is sent, all or nothing.
  auto again = research_->raise_requests(actor_of(dm_), c.id,
                                         {{"education", "health"}, "And now?", "", {}, ""});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().fields.at(0).field, "agencies[1]");
  auto unknown = research_->raise_requests(actor_of(dm_), c.id, {{"mi5"}, "Anything?", "", {}, ""});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at(0).field, "agencies[0]");
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM information_requests WHERE contact_id = " + std::to_string(c.id)),
      2);
  // Each request is a disclosure to its agency, on the recorded basis.
  auto disclosed = research_->disclosures(actor_of(dm_), c.id);
  ASSERT_TRUE(disclosed.ok()) << disclosed.error().message;
  ASSERT_EQ(disclosed->size(), 2u);
  EXPECT_EQ(disclosed->at(0).kind, "request");
  EXPECT_EQ(disclosed->at(0).basis, "dpa_sch1_para18");
  EXPECT_EQ(disclosed->at(0).items, (std::vector<std::string>{"subjects", "question"}));
}

TEST_F(ResearchTest, AnAgencySeesOnlyTheRequestsToItAndWhatItNeedsToSearch) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health", "police"}, "The incident explains the question");
  const User nurse = add_user(Role::agency_practitioner, "health");
  const User teacher = add_user(Role::agency_practitioner, "education");

  // The database is shared by every test: only this contact's requests are looked at.
  auto queue = research_->queue(actor_of(nurse), false);
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  std::vector<app::InformationRequest> mine;
  for (const auto& r : *queue) {
    EXPECT_EQ(r.agency, "health");
    if (r.contact_id == c.id) mine.push_back(r);
  }
  ASSERT_EQ(mine.size(), 1u);
  const app::InformationRequest& req = mine.front();
  EXPECT_EQ(req.subjects.at(0).person.nhs_number, "9434765919");
  EXPECT_EQ(req.subjects.at(1).person.given_name, "Julie");
  EXPECT_EQ(req.narrative, c.narrative) << "shared, with the requester's reason";
  const auto education = research_->queue(actor_of(teacher), false);
  ASSERT_TRUE(education.ok());
  for (const auto& r : *education) EXPECT_NE(r.contact_id, c.id);

  // Another agency's request is not found (not forbidden: its existence is not told).
  auto police = research_->request(actor_of(nurse), to(asked, "police")->id);
  ASSERT_FALSE(police.ok());
  EXPECT_EQ(police.error().kind, Error::Kind::not_found);
  auto answer_police = research_->respond(actor_of(nurse), to(asked, "police")->id,
                                          answer(*to(asked, "police"), {}));
  ASSERT_FALSE(answer_police.ok());
  EXPECT_EQ(answer_police.error().kind, Error::Kind::not_found);
  app::RedactionDraft withhold;
  withhold.item_id = 1;
  withhold.passage = "anything";
  withhold.recipients = {"*"};
  withhold.reason = "third_party";
  auto redact_police = research_->redact(actor_of(nurse), to(asked, "police")->id, withhold);
  ASSERT_FALSE(redact_police.ok());
  EXPECT_EQ(redact_police.error().kind, Error::Kind::not_found);
  // And agency practitioners still cannot open the contact itself, or read the answers.
  EXPECT_FALSE(hub_->view_contact(actor_of(nurse), c.id, "curious").ok());
  EXPECT_EQ(research_->research_of(actor_of(nurse), c.id, "").error().kind, Error::Kind::forbidden);
}

TEST_F(ResearchTest, APartialAnswerIsSavedThenSentAndThenStands) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health"});
  const app::InformationRequest& req = asked.front();
  const User nurse = add_user(Role::agency_practitioner, "health");

  // Part of it: one subject known, a chronology entry without its system yet.
  app::ResponseDraft part;
  part.known[req.subjects[0].subject_id] = "known";
  part.items = {{"chronology", "", "", "2026-10-02", "", "A&E attendance: bruising", "", ""}};
  part.send = false;
  auto saved = research_->respond(actor_of(nurse), req.id, part);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->status, RequestStatus::in_progress);
  ASSERT_EQ(saved->items.size(), 1u);
  // The hub does not see a partial answer's items: it is the agency's until sent.
  auto hub_view = research_->research_of(actor_of(dm_), c.id, "");
  ASSERT_TRUE(hub_view.ok());
  EXPECT_TRUE(hub_view->requests.at(0).items.empty());
  EXPECT_EQ(hub_view->requests.at(0).status, RequestStatus::in_progress);

  // Sending needs every subject answered, a summary and each item complete.
  part.send = true;
  auto incomplete = research_->respond(actor_of(nurse), req.id, part);
  ASSERT_FALSE(incomplete.ok());
  std::vector<std::string> fields;
  for (const auto& f : incomplete.error().fields) fields.push_back(f.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(),
                      "known." + std::to_string(req.subjects[1].subject_id)),
            fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "items[0].source_system"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "items"), fields.end());
  // Bad marks and codes are refused whether saving or sending.
  auto bad =
      research_->respond(actor_of(nurse), req.id,
                         answer(req,
                                {{"summary", "", "", "", "", "Known to health", "secret", ""},
                                 {"risk", "", "flying", "", "", "", "", ""},
                                 {"chronology", "", "", "2099-01-01", "SystmOne", "Future", "", ""},
                                 {"summary", "", "", "", "", "Intel", "police_intelligence", ""}},
                                false));
  ASSERT_FALSE(bad.ok());
  fields.clear();
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"items[0].sensitivity", "items[1].indicator",
                                              "items[2].occurred_on", "items[3].kind",
                                              "items[3].handling_code"}));

  auto sent = research_->respond(
      actor_of(nurse), req.id,
      answer(req, {{"summary", "", "", "", "", "Both known to health visiting.", "", ""},
                   {"risk", std::to_string(req.subjects[1].subject_id), "mental_health", "", "",
                    "Postnatal depression", "health_confidential", ""},
                   {"chronology", "", "", "2026-10-02", "SystmOne", "A&E: bruising", "", ""}}));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->status, RequestStatus::answered);
  EXPECT_EQ(sent->answered_by, nurse.username);
  EXPECT_FALSE(sent->overdue) << "answered at 10:00, due 16:00";
  auto again = research_->respond(actor_of(nurse), req.id, answer(req, {}, false));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, Error::Kind::conflict);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM response_items WHERE request_id = " + std::to_string(req.id)), 3);
}

TEST_F(ResearchTest, AnswersAreReadAsTheirMarksAllowAndEachReadIsADisclosure) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health", "police"});
  const User nurse = add_user(Role::agency_practitioner, "health");
  const User researcher = add_user(Role::agency_practitioner, "police");
  const User officer = add_user(Role::information_officer);  // children's social care
  ASSERT_TRUE(research_
                  ->respond(actor_of(nurse), to(asked, "health")->id,
                            answer(*to(asked, "health"),
                                   {{"summary", "", "", "", "", "Registered with the GP.", "", ""},
                                    {"risk", "", "mental_health", "", "",
                                     "Mother treated for depression", "health_confidential", ""}}))
                  .ok());
  ASSERT_TRUE(research_
                  ->respond(actor_of(researcher), to(asked, "police")->id,
                            answer(*to(asked, "police"),
                                   {{"summary", "", "", "", "", "Three call-outs this year.",
                                     "police_intelligence", "C"}}))
                  .ok());

  auto seen = research_->research_of(actor_of(officer), c.id, "MASH research");
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  const auto& health = *to(seen->requests, "health");
  ASSERT_EQ(health.items.size(), 2u);
  EXPECT_EQ(health.items[0].text, "Registered with the GP.");
  EXPECT_TRUE(health.items[1].withheld);
  EXPECT_EQ(health.items[1].text, "[redacted: health-confidential]");
  EXPECT_TRUE(health.items[1].indicator.empty()) << "the finding itself is withheld";
  EXPECT_EQ(to(seen->requests, "police")->items.at(0).text, "[redacted: police intelligence]");
  EXPECT_EQ(everything(*seen).find("depression"), std::string::npos);
  EXPECT_EQ(everything(*seen).find("call-outs"), std::string::npos);

  auto decider = research_->research_of(actor_of(dm_), c.id, "");
  ASSERT_TRUE(decider.ok());
  EXPECT_EQ(to(decider->requests, "health")->items[1].text, "Mother treated for depression");
  EXPECT_EQ(to(decider->requests, "police")->items[0].text, "Three call-outs this year.");

  // Each read of another agency's answer is a disclosure: who, to whom, what, what withheld.
  auto disclosures = research_->disclosures(actor_of(dm_), c.id);
  ASSERT_TRUE(disclosures.ok());
  const app::Disclosure* officer_read = nullptr;
  for (const auto& d : *disclosures)
    if (d.kind == "response_read" && d.to_username == officer.username && d.from_agency == "health")
      officer_read = &d;
  ASSERT_NE(officer_read, nullptr);
  EXPECT_EQ(officer_read->purpose, "MASH research");
  EXPECT_EQ(officer_read->basis, "dpa_sch1_para18");
  EXPECT_EQ(officer_read->items.size(), 1u);
  EXPECT_EQ(officer_read->withheld.size(), 1u);
  // And audited, without what was read.
  const auto events = audit_of(c.id);
  ASSERT_FALSE(events.empty());
  bool read_audited = false;
  for (const auto& e : events)
    if (e.action == "response.read" && e.username == officer.username) {
      read_audited = true;
      EXPECT_EQ(e.detail.find("depression"), std::string::npos);
    }
  EXPECT_TRUE(read_audited);
}

TEST_F(ResearchTest, ARedactedPassageReachesNoRecipientItIsWithheldFrom) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health"});
  const User nurse = add_user(Role::agency_practitioner, "health");
  const User officer = add_user(Role::information_officer);
  const User seconded = add_user(Role::information_officer, "police");
  const std::string secret = "her neighbour Ann Other";
  auto sent = research_->respond(
      actor_of(nurse), asked[0].id,
      answer(asked[0], {{"summary", "", "", "", "",
                         "Concerns were raised by " + secret + " in October.", "", ""}}));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  const int64_t item = sent->items.at(0).id;

  // Only the agency that answered (or a decision maker) withholds; the words must be there.
  auto not_theirs =
      research_->redact(actor_of(officer), asked[0].id, {item, secret, {"*"}, "third_party", ""});
  ASSERT_FALSE(not_theirs.ok());
  EXPECT_EQ(not_theirs.error().kind, Error::Kind::forbidden);
  auto missing = research_->redact(actor_of(nurse), asked[0].id,
                                   {item, "somebody else", {"*"}, "third_party", ""});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fields.at(0).field, "passage");
  auto no_reason = research_->redact(actor_of(nurse), asked[0].id, {item, secret, {"*"}, "", ""});
  ASSERT_FALSE(no_reason.ok());

  auto withheld = research_->redact(
      actor_of(nurse), asked[0].id,
      {item, secret, {"childrens_social_care"}, "third_party", "Neighbour's identity"});
  ASSERT_TRUE(withheld.ok()) << withheld.error().message;
  ASSERT_EQ(withheld->size(), 1u);

  auto read = research_->research_of(actor_of(officer), c.id, "");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->requests[0].items[0].text,
            "Concerns were raised by [redacted: third-party information] in October.");
  EXPECT_EQ(everything(*read).find("Ann Other"), std::string::npos);
  EXPECT_TRUE(read->requests[0].redactions.empty()) << "what was withheld is not listed to them";
  // Not withheld from the police, or from health itself, which sees its redaction listed.
  auto police = research_->research_of(actor_of(seconded), c.id, "");
  ASSERT_TRUE(police.ok());
  EXPECT_NE(police->requests[0].items[0].text.find(secret), std::string::npos);
  auto own = research_->request(actor_of(nurse), asked[0].id);
  ASSERT_TRUE(own.ok());
  EXPECT_NE(own->items[0].text.find(secret), std::string::npos);
  ASSERT_EQ(own->redactions.size(), 1u);
  EXPECT_EQ(own->redactions[0].passage, secret);
}

TEST_F(ResearchTest, ADecisionMakerAPassageIsWithheldFromIsNotToldItInTheRedactions) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health"});
  const User nurse = add_user(Role::agency_practitioner, "health");
  const std::string secret = "her neighbour Ann Other";
  auto sent = research_->respond(
      actor_of(nurse), asked[0].id,
      answer(asked[0], {{"summary", "", "", "", "", "Raised by " + secret + ".", "", ""}}));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  ASSERT_TRUE(research_
                  ->redact(actor_of(nurse), asked[0].id,
                           {sent->items.at(0).id,
                            secret,
                            {"childrens_social_care"},
                            "third_party",
                            "Neighbour's identity"})
                  .ok());
  // The decision maker manages redactions, but is of the agency the passage is withheld from.
  auto read = research_->research_of(actor_of(dm_), c.id, "");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->requests[0].items[0].text, "Raised by [redacted: third-party information].");
  EXPECT_EQ(everything(*read).find("Ann Other"), std::string::npos);
  ASSERT_EQ(read->requests[0].redactions.size(), 1u) << "what was withheld, and why, is listed";
  EXPECT_EQ(read->requests[0].redactions[0].note, "Neighbour's identity");
}

TEST_F(ResearchTest, OnlyASentAnswerIsRedactedAndOnlyByThoseWhoMaySeeIt) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health"});
  const User nurse = add_user(Role::agency_practitioner, "health");
  const User teacher = add_user(Role::agency_practitioner, "education");
  auto draft =
      answer(asked[0], {{"summary", "", "", "", "", "Raised by Ann Other.", "", ""}}, false);
  auto saved = research_->respond(actor_of(nurse), asked[0].id, draft);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  const app::RedactionDraft redaction{saved->items.at(0).id, "Ann Other", {"*"}, "third_party", ""};
  auto early = research_->redact(actor_of(nurse), asked[0].id, redaction);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().kind, Error::Kind::conflict) << "the answer is not sent yet";
  draft.send = true;
  auto sent = research_->respond(actor_of(nurse), asked[0].id, draft);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  // Education was not asked: the request is not found, as when it reads or answers it.
  auto theirs = research_->redact(actor_of(teacher), asked[0].id,
                                  {sent->items.at(0).id, "Ann Other", {"*"}, "third_party", ""});
  ASSERT_FALSE(theirs.ok());
  EXPECT_EQ(theirs.error().kind, Error::Kind::not_found);
  EXPECT_TRUE(research_
                  ->redact(actor_of(nurse), asked[0].id,
                           {sent->items.at(0).id, "Ann Other", {"*"}, "third_party", ""})
                  .ok());
}

TEST_F(ResearchTest, TheDomesticAbuseServiceSeesDomesticAbuseEnquiriesOnly) {
  const Contact da = in_enquiry({PresentingIssue::domestic_abuse});
  basis(da.id);
  ask(da.id, {"domestic_abuse_service"});
  const Contact neglect = in_enquiry({PresentingIssue::neglect});
  basis(neglect.id);
  const auto asked = ask(neglect.id, {"domestic_abuse_service"});
  const User idva = add_user(Role::agency_practitioner, "domestic_abuse_service");
  auto queue = research_->queue(actor_of(idva), false);
  ASSERT_TRUE(queue.ok());
  std::vector<int64_t> contacts;
  for (const auto& r : *queue) contacts.push_back(r.contact_id);
  EXPECT_NE(std::find(contacts.begin(), contacts.end(), da.id), contacts.end());
  EXPECT_EQ(std::find(contacts.begin(), contacts.end(), neglect.id), contacts.end());
  EXPECT_EQ(research_->request(actor_of(idva), asked[0].id).error().kind, Error::Kind::not_found);
}

TEST_F(ResearchTest, OverdueRequestsAreChasedOnce) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"education"});
  const User teacher = add_user(Role::agency_practitioner, "education");
  clock_.set(at("2026-11-23T15:59:00+00:00"));
  hub_->sweep_clocks();
  clock_.set(at("2026-11-23T16:01:00+00:00"));  // due 16:00
  const auto report = hub_->sweep_clocks();
  EXPECT_GE(report.requests_chased, 1u);
  auto reminders = hub_->notifications(actor_of(teacher));
  ASSERT_TRUE(reminders.ok());
  ASSERT_EQ(reminders->size(), 1u);
  EXPECT_EQ(reminders->at(0).kind, "request_reminder");
  EXPECT_EQ(reminders->at(0).message.find("Example"), std::string::npos) << "no personal data";
  auto told = hub_->notifications(actor_of(dm_));
  ASSERT_TRUE(told.ok());
  bool chased = false;
  for (const auto& n : *told) chased = chased || n.kind == "request_overdue";
  EXPECT_TRUE(chased) << "the worker on the contact is told";
  auto queue = research_->queue(actor_of(teacher), false);
  ASSERT_TRUE(queue.ok());
  const app::InformationRequest* mine = nullptr;
  for (const auto& r : *queue)
    if (r.contact_id == c.id) mine = &r;
  ASSERT_NE(mine, nullptr);
  EXPECT_TRUE(mine->overdue);
  EXPECT_TRUE(mine->chased);
  hub_->sweep_clocks();
  EXPECT_EQ(hub_->notifications(actor_of(teacher))->size(), 1u) << "chased once";
  // The case tracker shows each agency asked and where its reply is.
  auto board = hub_->tracker(actor_of(dm_), {});
  ASSERT_TRUE(board.ok());
  const app::TrackerItem* item = nullptr;
  for (const auto& i : *board)
    if (i.contact_id == c.id) item = &i;
  ASSERT_NE(item, nullptr);
  ASSERT_EQ(item->replies.size(), 1u);
  EXPECT_EQ(item->replies[0].agency, "education");
  EXPECT_EQ(item->replies[0].status, RequestStatus::requested);
  EXPECT_TRUE(item->replies[0].overdue);
}

TEST_F(ResearchTest, ARestrictedContactsRequestsAreHiddenFromThoseNotGranted) {
  const Contact c = in_enquiry();
  basis(c.id);
  ask(c.id, {"housing"});
  const User officer = add_user(Role::agency_practitioner, "housing");
  const User granted = add_user(Role::agency_practitioner, "housing");
  db_->transact([&](store::Tx& tx) {
    store::set_restricted(tx, c.id, true);
    store::insert_grant(tx, c.id, granted.id, dm_.username, "2026-11-23T10:00:00+00:00",
                        "Named housing officer");
  });
  const auto hidden = research_->queue(actor_of(officer), false);
  ASSERT_TRUE(hidden.ok());
  for (const auto& r : *hidden) EXPECT_NE(r.contact_id, c.id);
  const auto shown = research_->queue(actor_of(granted), false);
  ASSERT_TRUE(shown.ok());
  bool found = false;
  for (const auto& r : *shown) found = found || r.contact_id == c.id;
  EXPECT_TRUE(found);
  EXPECT_EQ(research_->research_of(actor_of(dm_), c.id, "").error().kind, Error::Kind::forbidden);
}

}  // namespace
}  // namespace mash::testing
