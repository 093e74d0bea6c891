// The research use cases' hub tests' fixture (tests/hub/test_research*.cpp): a decision maker,
// a contact brought to a MASH enquiry, the basis for sharing, agencies asked and answers.
#pragma once

#include <soci/soci.h>

#include <memory>

#include "app/research.h"
#include "hub_fixture.h"
#include "store/research.h"

namespace mash::testing {

class ResearchTest : public HubTest {
 protected:
  void SetUp() override {
    HubTest::SetUp();
    research_ = std::make_unique<app::Research>(*hub_);
    dm_ = add_user(Role::decision_maker);
  }
  // A contact received on Monday morning, rated Amber and progressed to a MASH enquiry by the
  // decision maker, now Monday 10:00.
  Contact in_enquiry(std::vector<PresentingIssue> issues = {PresentingIssue::domestic_abuse}) {
    clock_.set(at("2026-11-23T09:00:00+00:00"));
    const User admin = add_user(Role::referral_administrator);
    Contact c = example_contact();
    c.received_at = at("2026-11-23T08:45:00+00:00");
    c.presenting_issues = std::move(issues);
    Subject mother;
    mother.given_name = "Julie";
    mother.family_name = "Example";
    mother.date_of_birth = Date{1995, 4, 2};
    mother.sex = Sex::female;
    mother.role = SubjectRole::parent_carer;
    mother.address = {"1 Example Street", "", "Blackburn", "BB2 1DH"};
    c.subjects.push_back(mother);
    auto r = hub_->record_contact(actor_of(admin), c);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    c = r->contact;
    EXPECT_TRUE(hub_->rate_contact(actor_of(dm_), c.id, "amber", "Domestic incident").ok());
    clock_.set(at("2026-11-23T10:00:00+00:00"));
    auto d = hub_->decide_contact(actor_of(dm_), c.id,
                                  {"mash_enquiry", 3, "", "Partners to research", ""});
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
    return c;
  }
  void basis(int64_t contact_id) {
    auto b = research_->record_basis(
        actor_of(dm_), contact_id,
        {"not_sought", "dpa_sch1_para18", "Seeking consent would place the child at risk"});
    ASSERT_TRUE(b.ok()) << b.error().message;
  }
  std::vector<app::InformationRequest> ask(int64_t contact_id, std::vector<std::string> agencies,
                                           std::string narrative_reason = "") {
    auto r = research_->raise_requests(actor_of(dm_), contact_id,
                                       {std::move(agencies),
                                        "What do you know of the family?",
                                        std::move(narrative_reason),
                                        {},
                                        ""});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : std::vector<app::InformationRequest>{};
  }
  static const app::InformationRequest* to(const std::vector<app::InformationRequest>& list,
                                           const std::string& agency) {
    for (const auto& r : list)
      if (r.agency == agency) return &r;
    return nullptr;
  }
  // A complete answer: both subjects known, a summary, and these items.
  static app::ResponseDraft answer(const app::InformationRequest& req,
                                   std::vector<app::ResponseDraft::Item> items, bool send = true) {
    app::ResponseDraft d;
    for (const auto& s : req.subjects) d.known[s.subject_id] = "known";
    d.items = std::move(items);
    d.send = send;
    return d;
  }
  int64_t count(const std::string& sql) {
    long long n = 0;
    db_->read([&](store::Tx& tx) { tx.sql() << sql, soci::into(n); });
    return n;
  }
  // Every string the reader can get from a research read, joined: for "appears nowhere".
  static std::string everything(const app::ContactResearch& r) {
    std::string all;
    for (const auto& req : r.requests) {
      all += req.question + "\n" + req.narrative + "\n";
      for (const auto& i : req.items)
        all += i.text + "\n" + i.indicator + "\n" + i.source_system + "\n" + i.occurred_on + "\n";
      for (const auto& x : req.redactions) all += x.passage + "\n" + x.note + "\n";
    }
    return all;
  }

  std::unique_ptr<app::Research> research_;
  User dm_;
};

}  // namespace mash::testing
