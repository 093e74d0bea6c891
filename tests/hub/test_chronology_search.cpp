// Searching a chronology (issue 5: "the recipient sees a clear marker, never the text, including
// in … search results"): the words are looked for only in what the reader sees of each entry, so
// a passage withheld from them, or an item withheld by its mark, is never found — and an answer
// with nothing found is not recorded as read.
#include "research_fixture.h"

namespace mash::testing {
namespace {

class ChronologySearchTest : public ResearchTest {
 protected:
  app::ChronologyFilter search(const std::string& words) { return {true, "", "", words}; }
  std::vector<std::string> texts(const app::Chronology& c) {
    std::vector<std::string> out;
    for (const auto& e : c.entries) out.push_back(e.text);
    return out;
  }
};

TEST_F(ChronologySearchTest, WordsWithheldFromTheReaderFindNothing) {
  const Contact c = in_enquiry();
  basis(c.id);
  const auto asked = ask(c.id, {"health", "police"});
  const User nurse = add_user(Role::agency_practitioner, "health");
  const User researcher = add_user(Role::agency_practitioner, "police");
  const User officer = add_user(Role::information_officer);
  const app::InformationRequest& health = *to(asked, "health");
  const std::string child = std::to_string(health.subjects[0].subject_id);
  auto sent = research_->respond(
      actor_of(nurse), health.id,
      answer(health, {{"summary", "", "", "", "", "Known.", "", ""},
                      {"chronology", child, "", "2026-10-02", "SystmOne",
                       "A&E: bruising to the arm, reported by Ms Quietly Hidden next door", "", ""},
                      {"chronology", "", "", "2026-08-15", "SystmOne",
                       "Family registered with the practice", "", ""},
                      {"chronology", child, "", "2026-07-20", "SystmOne",
                       "Referral to paediatric psychology", "health_confidential", ""}}));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  ASSERT_TRUE(research_
                  ->redact(actor_of(nurse), health.id,
                           {sent->items[1].id,
                            "Ms Quietly Hidden",
                            {"childrens_social_care"},
                            "third_party",
                            "The neighbour"})
                  .ok());
  ASSERT_TRUE(
      research_
          ->respond(actor_of(researcher), to(asked, "police")->id,
                    answer(*to(asked, "police"), {{"summary", "", "", "", "", "Known.", "", ""},
                                                  {"chronology", "", "", "2026-11-01", "Niche",
                                                   "Domestic incident at the address", "", ""}}))
          .ok());
  const std::string health_reads =
      "SELECT COUNT(*) FROM disclosures WHERE kind = 'response_read' AND request_id = " +
      std::to_string(health.id);

  // The withheld neighbour's name, and the item withheld from an information officer: nothing.
  for (const char* hidden : {"Quietly", "hidden next door", "psychology", "paediatric"}) {
    const int64_t before = count(health_reads);
    auto found = research_->chronology(actor_of(officer), c.id, 0, search(hidden));
    ASSERT_TRUE(found.ok()) << found.error().message;
    EXPECT_TRUE(found->entries.empty()) << hidden;
    EXPECT_EQ(count(health_reads), before) << hidden << ": nothing of health's answer was read";
  }

  // What they may see is found, case aside, every word required, withheld parts as markers.
  const int64_t before = count(health_reads);
  auto bruising = research_->chronology(actor_of(officer), c.id, 0, search("BRUISING arm"));
  ASSERT_TRUE(bruising.ok());
  ASSERT_EQ(bruising->entries.size(), 1u);
  EXPECT_EQ(bruising->entries[0].text,
            "A&E: bruising to the arm, reported by [redacted: third-party information] next door");
  EXPECT_EQ(count(health_reads), before + 1) << "what was found of health's answer was read";
  EXPECT_EQ(bruising->total, 6u) << "the total is of every entry, before the search";
  auto both = research_->chronology(actor_of(officer), c.id, 0, search("incident  address"));
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(texts(*both), (std::vector<std::string>{"Domestic incident at the address"}));
  // Each word is the start of a word: "bruis" finds bruising, "ruising" does not.
  auto prefix = research_->chronology(actor_of(officer), c.id, 0, search("bruis"));
  ASSERT_TRUE(prefix.ok());
  EXPECT_EQ(prefix->entries.size(), 1u);
  auto inside = research_->chronology(actor_of(officer), c.id, 0, search("ruising"));
  ASSERT_TRUE(inside.ok());
  EXPECT_TRUE(inside->entries.empty());
  auto mixed = research_->chronology(actor_of(officer), c.id, 0, search("incident bruising"));
  ASSERT_TRUE(mixed.ok());
  EXPECT_TRUE(mixed->entries.empty());
  // The sources are searched too, as the reader sees them: a withheld item's is "Withheld".
  auto systm = research_->chronology(actor_of(officer), c.id, 0, search("systmone"));
  ASSERT_TRUE(systm.ok());
  EXPECT_EQ(systm->entries.size(), 2u);

  // A decision maker reads health-confidential items, so finds it; the passage stays withheld
  // from children's social care whoever searches.
  auto dm = research_->chronology(actor_of(dm_), c.id, 0, search("psychology"));
  ASSERT_TRUE(dm.ok());
  EXPECT_EQ(texts(*dm), (std::vector<std::string>{"Referral to paediatric psychology"}));
  auto dm_hidden = research_->chronology(actor_of(dm_), c.id, 0, search("Quietly"));
  ASSERT_TRUE(dm_hidden.ok());
  EXPECT_TRUE(dm_hidden->entries.empty());
  // The health practitioner is not the hub: the chronology is not theirs to read.
  EXPECT_FALSE(research_->chronology(actor_of(nurse), c.id, 0, search("Quietly")).ok());

  // The export takes the search too.
  auto file =
      research_->export_chronology(actor_of(officer), c.id, 0, search("address"), "Case file");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(texts(*file), (std::vector<std::string>{"Domestic incident at the address"}));

  // The audit log says a search was made, not what for: the words may name someone.
  bool searched = false;
  for (const auto& e : audit_of(c.id)) {
    if (e.detail.find("searched for words") != std::string::npos) searched = true;
    EXPECT_EQ(e.detail.find("bruising"), std::string::npos) << e.detail;
    EXPECT_EQ(e.detail.find("BRUISING"), std::string::npos) << e.detail;
  }
  EXPECT_TRUE(searched);
}

TEST_F(ChronologySearchTest, WordsThatCannotBeSearchedForAreNamed) {
  const Contact c = in_enquiry();
  basis(c.id);
  const User officer = add_user(Role::information_officer);
  for (const std::string& bad : {std::string(201, 'a'), std::string("two\nlines")}) {
    auto r = research_->chronology(actor_of(officer), c.id, 0, search(bad));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, Error::Kind::invalid);
    EXPECT_EQ(r.error().fields.at(0).field, "words");
  }
  EXPECT_TRUE(
      research_->chronology(actor_of(officer), c.id, 0, search(std::string(200, 'a'))).ok());
  // Refused before the words are looked at.
  const User nurse = add_user(Role::agency_practitioner, "health");
  auto refused = research_->chronology(actor_of(nurse), c.id, 0, search(std::string(201, 'a')));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::Kind::forbidden);
}

}  // namespace
}  // namespace mash::testing
