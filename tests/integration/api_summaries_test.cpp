// Outcome summaries over the API (issue 5): once a contact is decided, the decision maker's token
// sends its summary to the receiving worker; a body at fault is a field error and sends nothing;
// another agency's practitioner may not send one; the worker's token reads it with what was
// withheld from them as markers, never the words; the sender's token sees that it was sent, not
// what it says.
#include <gtest/gtest.h>

#include "research_flow.h"

namespace mash::it {
namespace {

const json* about(const json& list, int64_t contact) {
  for (const json& s : list)
    if (s.at("contact_id") == contact) return &s;
  return nullptr;
}

TEST(ApiSummaries, TheReceivingWorkerReadsTheOutcomeWithWithheldPartsAsMarkers) {
  const ResearchPeople& p = research_people();
  Enquiry e = enquiry_asking({"health"});
  const int64_t health = e.request_id("health");
  const std::string secret = "the neighbour at 9 Quiet Close";
  const std::string confidential = "Mother's antidepressant dose";
  const json sent =
      body_of(api_post(request_path(health, "response"),
                       answer(e, "health",
                              json::array({summary("Concerns were raised by " + secret + "."),
                                           {{"kind", "risk"},
                                            {"indicator", "mental_health"},
                                            {"text", confidential},
                                            {"sensitivity", "health_confidential"}}})),
                       p.nurse.token),
              200);
  body_of(api_post(request_path(health, "redactions"),
                   {{"item_id", sent.at("items")[0].at("id")},
                    {"passage", secret},
                    {"recipients", json::array({"childrens_social_care"})},
                    {"reason", "third_party"}},
                   p.nurse.token),
          201);
  const std::string path = contact_path(e.contact, "research/summaries");
  const json request = {{"to", p.officer.username},
                        {"purpose", "The receiving team's assessment"},
                        {"note", "Please visit this week."}};

  // Not before the decision.
  auto early = api_post(path, request, p.dm.token);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 409) << early->body;
  body_of(api_post(contact_path(e.contact, "decision"),
                   {{"route", "allocated_worker"},
                    {"threshold", 3},
                    {"worker", p.officer.username},
                    {"rationale", "Assessment by the locality team"}},
                   p.dm.token),
          201);
  const json research = body_of(api_get(contact_path(e.contact, "research"), p.dm.token), 200);
  EXPECT_EQ(research.at("may_summarise"), true);
  EXPECT_EQ(research.at("receiving_worker"), p.officer.username);
  EXPECT_TRUE(research.at("summaries").empty());

  const int64_t before = count_rows("outcome_summaries");
  const json bad =
      body_of(api_post(path, {{"to", p.officer.username}, {"colour", "red"}}, p.dm.token), 422);
  std::string fields;
  for (const json& f : bad.at("error").at("fields"))
    fields += f.at("field").get<std::string>() + " ";
  EXPECT_NE(fields.find("colour"), std::string::npos) << bad.dump();
  const json no_purpose = body_of(api_post(path, {{"to", p.officer.username}}, p.dm.token), 422);
  EXPECT_EQ(no_purpose.at("error").at("fields")[0].at("field"), "purpose") << no_purpose.dump();
  const json to_nurse =
      body_of(api_post(path, {{"to", p.nurse.username}, {"purpose", "x"}}, p.dm.token), 422);
  EXPECT_EQ(to_nurse.at("error").at("fields")[0].at("field"), "to") << to_nurse.dump();
  body_of(api_post(path, request, p.nurse.token), 403);
  body_of(api_post(path, request, world().police_token), 403);
  EXPECT_EQ(count_rows("outcome_summaries"), before);

  auto made = api_post(path, request, p.dm.token);
  const json summary = body_of(made, 201);
  EXPECT_EQ(made->get_header_value("Location"), "/api/v1/summaries");
  EXPECT_EQ(summary.at("contact_id"), e.contact);
  EXPECT_EQ(summary.at("to_username"), p.officer.username);
  EXPECT_EQ(summary.at("sent_by"), p.dm.username);
  EXPECT_EQ(summary.at("purpose"), "The receiving team's assessment");
  EXPECT_TRUE(summary.at("body").is_null()) << "the sender is shown what the recipient may read";
  EXPECT_EQ(count_rows("outcome_summaries"), before + 1);

  auto inbox = api_get("/api/v1/summaries", p.officer.token);
  const json received = body_of(inbox, 200);
  const json* mine = about(received.at("received"), e.contact);
  ASSERT_NE(mine, nullptr) << received.dump();
  const std::string body = mine->at("body").get<std::string>();
  EXPECT_NE(body.find("Outcome of contact " + std::to_string(e.contact)), std::string::npos);
  EXPECT_NE(body.find("Assessment by the locality team"), std::string::npos) << body;
  EXPECT_NE(body.find("[redacted: third-party information]"), std::string::npos) << body;
  EXPECT_EQ(mine->at("note"), "Please visit this week.");
  // The words withheld from the worker's agency, and the item withheld from their role, are in
  // no byte of the response.
  for (const std::string& hidden : {secret, std::string("Quiet Close"), confidential})
    EXPECT_EQ(inbox->body.find(hidden), std::string::npos) << hidden << " in " << inbox->body;

  const json outbox = body_of(api_get("/api/v1/summaries", p.dm.token), 200);
  const json* theirs = about(outbox.at("sent"), e.contact);
  ASSERT_NE(theirs, nullptr) << outbox.dump();
  EXPECT_TRUE(theirs->at("body").is_null());
  EXPECT_EQ(about(outbox.at("received"), e.contact), nullptr);
  const json after = body_of(api_get(contact_path(e.contact, "research"), p.dm.token), 200);
  ASSERT_EQ(after.at("summaries").size(), 1u);
  EXPECT_TRUE(after.at("summaries")[0].at("body").is_null());

  // Another agency's practitioner has none of it; an agency system has no summaries at all.
  const json nurse = body_of(api_get("/api/v1/summaries", p.nurse.token), 200);
  EXPECT_EQ(about(nurse.at("received"), e.contact), nullptr);
  EXPECT_EQ(about(nurse.at("sent"), e.contact), nullptr);
  body_of(api_get("/api/v1/summaries", world().police_token), 403);

  const json disclosures =
      body_of(api_get(contact_path(e.contact, "disclosures"), p.dm.token), 200);
  int in_summary = 0;
  for (const json& d : disclosures.at("disclosures"))
    if (d.at("kind") == "summary" && d.at("to_username") == p.officer.username) ++in_summary;
  EXPECT_EQ(in_summary, 1);
}

}  // namespace
}  // namespace mash::it
