#include <gtest/gtest.h>

#include <random>

#include "match/blocking.h"
#include "match/compare.h"
#include "match/record.h"
#include "match/scoring.h"
#include "synth/agency_records.h"
#include "synth/generator.h"

namespace mash::match {
namespace {

constexpr size_t at(Field f) { return static_cast<size_t>(f); }

MatchRecord person(std::string given, std::string family, std::string dob,
                   std::string postcode = "", std::string sex = "", std::string nhs = "") {
  PersonFields p;
  p.id = given + " " + family;
  p.given_name = std::move(given);
  p.family_name = std::move(family);
  p.date_of_birth = std::move(dob);
  p.postcode = std::move(postcode);
  p.sex = std::move(sex);
  p.nhs_number = std::move(nhs);
  return make_match_record(std::move(p));
}

TEST(MatchScoring, ComparisonLevelsOfNames) {
  struct Row {
    const char* a_given;
    const char* a_family;
    const char* b_given;
    const char* b_family;
    Field field;
    int level;  // as words() names it
    const char* words;
  };
  const Row rows[] = {
      {"John", "Smith", "john", "SMITH", Field::family_name, 0, "family name: the same"},
      {"John", "Shackleford", "John", "Shackelford", Field::family_name, 1,
       "family name: nearly the same spelling"},
      {"John", "Jones", "John", "Johnson", Field::family_name, 2,
       "family name: a similar spelling"},
      {"Robert", "Smith", "Bob", "Smith", Field::given_name, 3, "given name: a nickname"},
      {"John", "Smith-Jones", "John", "Jones", Field::family_name, 4,
       "family name: one part the same"},  // double-barrelled: either part
      {"John", "Jones", "John", "Smith Jones", Field::family_name, 4,
       "family name: one part the same"},
      {"John", "Ahmed Khan", "John", "Khan-Ahmed", Field::family_name, 4,
       "family name: one part the same"},
      {"Mary Ann", "Smith", "Ann", "Smith", Field::given_name, 4, "given name: one part the same"},
      {"John", "Smith-Jones", "John", "Brown-Clarke", Field::family_name, 8,
       "family name: different"},
      {"Catherine", "Smith", "Kathryn", "Smith", Field::given_name, 5,
       "given name: sounds the same"},
      {"Stephen", "Smith", "Steven", "Smith", Field::given_name, 2,
       "given name: a similar spelling"},
      {"Jonathon", "Smith", "Jonathan", "Smith", Field::given_name, 1,
       "given name: nearly the same spelling"},
      {"J", "Smith", "John", "Smith", Field::given_name, 6, "given name: initial agrees"},
      {"Smith", "John", "John", "Smith", Field::given_name, 7,
       "given name: given and family names swapped"},
      {"Mary", "Smith", "Peter", "Smith", Field::given_name, 8, "given name: different"},
      {"", "Smith", "Peter", "Smith", Field::given_name, kMissing,
       "given name: not known on one or both records"},
  };
  for (const auto& r : rows) {
    const Comparison c =
        compare(person(r.a_given, r.a_family, ""), person(r.b_given, r.b_family, ""),
                NicknameTable::common_english());
    EXPECT_EQ(c.level[at(r.field)], r.level)
        << r.a_given << " " << r.a_family << " / " << r.b_given << " " << r.b_family;
    EXPECT_EQ(words(r.field, r.level), r.words);
  }
}

TEST(MatchScoring, ComparisonLevelsOfOtherFields) {
  const auto& names = NicknameTable::common_english();
  const MatchRecord a = person("ann", "lee", "2014-03-07", "BB2 1DH", "F", "9434765919");
  struct Row {
    MatchRecord b;
    Field field;
    int level;
  };
  const Row rows[] = {
      {person("ann", "lee", "2014-07-03"), Field::date_of_birth,
       static_cast<int>(DobLevel::day_month_swapped)},
      {person("ann", "lee", ""), Field::date_of_birth, kMissing},
      {person("ann", "lee", "", "BB2 1AB"), Field::postcode,
       static_cast<int>(PostcodeLevel::sector)},
      {person("ann", "lee", "", "", "M"), Field::sex, 1},
      {person("ann", "lee", "", "", "", "9434765919"), Field::nhs_number, 0},
      {person("ann", "lee", "", "", "", "4010232137"), Field::nhs_number, 1},
  };
  for (const auto& r : rows)
    EXPECT_EQ(compare(a, r.b, names).level[at(r.field)], r.level) << words(r.field, r.level);
}

// A generated population and one corrupted copy of each person, for training.
struct Generated {
  std::vector<MatchRecord> left, right;
};

Generated generate(int people, uint64_t seed) {
  const char* given[] = {"oliver", "amelia", "jack",  "isla", "harry", "ava",   "george",
                         "mia",    "noah",   "emily", "leo",  "grace", "oscar", "freya",
                         "arthur", "lily",   "henry", "ella", "james", "sophie"};
  const char* family[] = {"smith",  "jones", "taylor", "brown",   "williams", "wilson",
                          "davies", "evans", "thomas", "johnson", "roberts",  "walker",
                          "wright", "patel", "khan",   "okafor",  "nowak",    "murphy"};
  std::mt19937_64 random(seed);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<uint64_t>(n)); };
  Generated g;
  for (int i = 0; i < people; ++i) {
    const std::string gn = given[pick(20)], fn = family[pick(18)];
    const int y = 2005 + pick(15), m = 1 + pick(12), d = 1 + pick(28);
    char dob[16], swapped[16], postcode[16];
    std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", y, m, d);
    std::snprintf(swapped, sizeof swapped, "%04d-%02d-%02d", y, d <= 12 ? d : m, d <= 12 ? m : d);
    std::snprintf(postcode, sizeof postcode, "BB%d %d%c%c", 1 + pick(9), pick(10), 'A' + pick(20),
                  'A' + pick(20));
    const std::string sex = pick(2) ? "M" : "F";
    g.left.push_back(person(gn, fn, dob, postcode, sex));
    // The copy: one corruption each, in turn.
    std::string gn2 = gn, fn2 = fn, dob2 = dob, postcode2 = postcode;
    switch (i % 4) {
      case 0:
        fn2[1] = fn2[1] == 'x' ? 'y' : 'x';
        break;  // a typo
      case 1:
        dob2 = swapped;
        break;
      case 2:
        postcode2 = "";
        break;
      default:
        gn2 += "e";
        break;
    }
    g.right.push_back(person(gn2, fn2, dob2, postcode2, sex));
  }
  return g;
}

TEST(MatchScoring, EmConvergesOnAGeneratedSet) {
  const Generated g = generate(400, 7);
  const Candidates c = block_link(g.left, g.right);
  const Model model = train(g.left, g.right, false, c.pairs, NicknameTable::common_english());
  EXPECT_TRUE(model.em_converged) << model.em_iterations << " iterations";
  const size_t dob = at(Field::date_of_birth);
  EXPECT_GT(model.m[dob][0], 0.5) << "most true matches have the same date of birth";
  EXPECT_LT(model.u[dob][0], 0.01) << "few random pairs do";
  EXPECT_GT(model.m[dob][1], model.u[dob][1]) << "swapped day and month is evidence for";
  EXPECT_LT(model.m[dob][6], model.u[dob][6]) << "a different date is evidence against";
  // Every copy is found, and nothing else, at probability 0.5.
  int true_found = 0, false_found = 0;
  for (const CandidatePair& p : c.pairs) {
    const Comparison cmp =
        compare(g.left[p.left], g.right[p.right], NicknameTable::common_english());
    if (score(model, cmp, g.left[p.left], g.right[p.right]).match_probability < 0.5) continue;
    (p.left == p.right ? true_found : false_found) += 1;
  }
  EXPECT_GE(true_found, 390);
  EXPECT_LE(false_found, 4);
}

TEST(MatchScoring, SwappedDayAndMonthScoresAboveAnUnrelatedPair) {
  const Generated g = generate(400, 11);
  const auto& names = NicknameTable::common_english();
  const Model model = train(g.left, g.right, false, block_link(g.left, g.right).pairs, names);
  const MatchRecord a = person("amelia", "okafor", "2012-03-07", "BB2 1DH", "F");
  struct Row {
    const char* why;
    MatchRecord b;
  };
  const Row ranked[] = {
      // strongest first
      {"the same", person("amelia", "okafor", "2012-03-07", "BB2 1DH", "F")},
      {"day and month swapped", person("amelia", "okafor", "2012-07-03", "BB2 1DH", "F")},
      {"another date", person("amelia", "okafor", "1999-11-21", "BB2 1DH", "F")},
      {"unrelated", person("harry", "nowak", "2008-12-25", "BB7 4QZ", "M")},
  };
  double previous = 1e9;
  for (const auto& r : ranked) {
    const double w = score(model, compare(a, r.b, names), a, r.b).match_weight;
    EXPECT_LT(w, previous) << r.why;
    previous = w;
  }
  const Score swapped = score(model, compare(a, ranked[1].b, names), a, ranked[1].b);
  EXPECT_GT(swapped.match_probability, 0.5);
  EXPECT_LT(score(model, compare(a, ranked[3].b, names), a, ranked[3].b).match_probability, 0.01);
}

TEST(MatchScoring, ExplanationsNameEachFieldWithItsWeight) {
  const Generated g = generate(400, 13);
  const auto& names = NicknameTable::common_english();
  const Model model = train(g.left, g.right, false, block_link(g.left, g.right).pairs, names);
  const MatchRecord a = person("amelia", "okafor", "2012-03-07", "BB2 1DH", "F");
  const MatchRecord b = person("amelia", "okafor", "2012-07-03", "", "F");
  const Comparison c = compare(a, b, names);
  const auto parts = explain(model, c, a, b);
  ASSERT_EQ(parts.size(), kFieldCount);
  double sum = model.prior_log2_odds;
  for (size_t f = 0; f < kFieldCount; ++f) {
    EXPECT_EQ(parts[f].field, static_cast<Field>(f));
    const std::string text = parts[f].text();
    EXPECT_EQ(text.rfind(std::string(field_name(parts[f].field)), 0), 0u) << text;
    if (parts[f].level == kMissing) {
      EXPECT_EQ(parts[f].weight, 0) << "a missing field is no evidence: " << text;
      EXPECT_NE(text.find("not known"), std::string::npos) << text;
    }
    sum += parts[f].weight;
  }
  EXPECT_NEAR(sum, score(model, c, a, b).match_weight, 1e-9) << "the parts add up to the weight";
  const std::string dob = parts[at(Field::date_of_birth)].text();
  EXPECT_EQ(dob.rfind("date of birth: day and month swapped, +", 0), 0u) << dob;
  EXPECT_EQ(parts[at(Field::postcode)].text(), "postcode: not known on one or both records, +0.0");
}

TEST(MatchScoring, RareFamilyNameCountsForMoreThanACommonOne) {
  // Many Smiths, one Okafor: agreeing on Okafor is the stronger evidence.
  Generated g = generate(300, 17);
  for (int i = 0; i < 100; ++i) {
    g.left.push_back(person("jack", "smith", "2010-01-01"));
    g.right.push_back(person("jack", "smith", "2010-01-01"));
  }
  const auto& names = NicknameTable::common_english();
  const Model model = train(g.left, g.right, false, block_link(g.left, g.right).pairs, names);
  const MatchRecord smith = person("ava", "smith", ""), okafor = person("ava", "okafor", "");
  auto family_weight = [&](const MatchRecord& r) {
    return explain(model, compare(r, r, names), r, r)[at(Field::family_name)].weight;
  };
  EXPECT_GT(family_weight(okafor), family_weight(smith) + 1);
}

}  // namespace
double level_weight_for_test(const Model& model, Field f, int level) {
  return model.weight[at(f)].at(static_cast<size_t>(level));
}

// The training sample: all or nothing at the ends, about the share asked for in between, and
// the records of one person that agree on the family name's sound and birth year together.
TEST(MatchScoring, TrainingSampleTakesWholeSlicesOfPeople) {
  const char* family[] = {"Smith",     "Jones",  "Ashworth", "Khan",  "Kowalski",
                          "Okafor",    "Nguyen", "Murphy",   "Patel", "Haworth",
                          "Entwistle", "Begum",  "Wilson",   "Taylor"};
  std::vector<MatchRecord> records;
  for (int year = 1930; year < 2026; ++year)
    for (const char* f : family)
      records.push_back(person("Sam", f, std::to_string(year) + "-05-01"));
  size_t in_all = 0, in_none = 0, in_third = 0;
  for (const MatchRecord& r : records) {
    in_all += in_training_sample(r, 1.0);
    in_none += in_training_sample(r, 0.0);
    in_third += in_training_sample(r, 1.0 / 3);
    MatchRecord typo = r;  // the same person written differently: same slice
    typo.given = normalise_name("Samuel", NameField::given);
    EXPECT_EQ(in_training_sample(typo, 1.0 / 3), in_training_sample(r, 1.0 / 3));
  }
  EXPECT_EQ(in_all, records.size());
  EXPECT_EQ(in_none, 0u);
  const double share = static_cast<double>(in_third) / static_cast<double>(records.size());
  EXPECT_GT(share, 0.25);
  EXPECT_LT(share, 0.42);
}

// Moving house changes postcode, address and town at once: one piece of evidence. Of their
// disagreements only the strongest counts; their agreements count in full; and no level, however
// rare among the training data's matches, weighs below about -6.6 bits.
TEST(MatchScoring, AMoveCountsAgainstOnce) {
  const Generated g = generate(400, 5);
  const auto& names = NicknameTable::common_english();
  const Model model = train(g.left, g.right, false, block_link(g.left, g.right).pairs, names);
  MatchRecord a = person("amelia", "okafor", "2012-03-07", "BB2 1DH", "F");
  a.address = "12 pinkerton circuit";
  a.town = "blackburn";
  MatchRecord moved = a;
  moved.postcode = "M14 7QT";
  moved.address = "3 moss lane";
  moved.town = "manchester";
  const Comparison c = compare(a, moved, names);
  const auto parts = explain(model, c, a, moved);
  double location = 0, strongest = 0;
  int folded = 0;
  for (const Contribution& p : parts) {
    if (p.field != Field::postcode && p.field != Field::address && p.field != Field::town) continue;
    location += p.weight;
    folded += p.folded;
    const double own = level_weight_for_test(model, p.field, p.level);
    EXPECT_LT(own, 0) << p.text();
    EXPECT_GT(own, -7.0) << p.text();
    strongest = std::min(strongest, own);
    if (p.folded) {
      EXPECT_NE(p.text().find("counted once"), std::string::npos);
    }
  }
  EXPECT_EQ(folded, 2);
  EXPECT_DOUBLE_EQ(location, strongest);
  double total = model.prior_log2_odds;
  for (const Contribution& p : parts) total += p.weight;
  EXPECT_NEAR(score(model, c, a, moved).match_weight, total, 1e-9) << "the score is the parts' sum";
  // With name, date of birth and sex the same, the moved person is still a likely match.
  EXPECT_GT(score(model, c, a, moved).match_probability, 0.5);
}

// Agencies' records come in households. A model learnt from them, as the hub learns one, must
// not make a brother, a sister or a parent at the same address the same person: one home is
// one piece of evidence (address and town are weighed against random pairs that share the
// postcode), and it does not outweigh a different given name and date of birth. The same
// person in two agencies' records is still found.
TEST(MatchScoring, HouseholdMembersAreNotTheSamePerson) {
  synth::Generator generator(2026);
  std::vector<Subject> people;
  std::vector<int> household_of;
  for (int h = 0; people.size() < 3000; ++h)
    for (const Subject& m : generator.household(Date{2026, 11, 20}).members)
      if (m.dob_kind != DobKind::expected) {
        people.push_back(m);
        household_of.push_back(h);
      }
  std::vector<MatchRecord> records;
  std::vector<size_t> person_of;
  const auto as_fields = [](const std::string& id, const Person& p) {
    PersonFields f;
    f.id = id;
    f.given_name = p.given_name;
    f.family_name = p.family_name;
    if (p.date_of_birth) f.date_of_birth = to_iso(*p.date_of_birth);
    f.postcode = p.address.postcode;
    f.address = p.address.line1 + " " + p.address.line2;
    f.town = p.address.town;
    f.sex = std::string(code_of(p.sex));
    f.nhs_number = p.nhs_number;
    return f;
  };
  const auto held = synth::agency_records(people, Date{2026, 11, 20}, 7);
  for (const SourceRecord& r : held) {
    records.push_back(make_match_record(as_fields(r.agency + r.source_id, r.person)));
    // Which person: the agency records keep the order of `people`, skipping none born.
    for (size_t i = 0; i < people.size(); ++i)
      if (people[i].date_of_birth == r.person.date_of_birth &&
          people[i].address.postcode.substr(0, 3) == r.person.address.postcode.substr(0, 3) &&
          (people[i].given_name == r.person.given_name ||
           people[i].family_name == r.person.family_name)) {
        person_of.push_back(i);
        break;
      }
    if (person_of.size() < records.size()) person_of.push_back(SIZE_MAX);
  }
  const auto& names = NicknameTable::common_english();
  // Learnt as the hub learns: from the pairs of the rules on a person's own details.
  const Model model =
      train(records, records, true, block_dedupe(records, personal_blocking_rules()).pairs, names);
  const Candidates c = block_dedupe(records);  // every pair a lookup could find

  // The same model with address and town weighed as if independent of the postcode (as before).
  Model independent = model;
  for (auto& w : independent.weight_same_postcode) w.clear();

  size_t household_pairs = 0, household_offered = 0, same_pairs = 0, same_found = 0;
  size_t household_offered_independent = 0;
  for (const CandidatePair& p : c.pairs) {
    const size_t a = person_of[p.left], b = person_of[p.right];
    if (a == SIZE_MAX || b == SIZE_MAX) continue;
    const Comparison cmp = compare(records[p.left], records[p.right], names);
    const double prob = score(model, cmp, records[p.left], records[p.right]).match_probability;
    if (a != b && household_of[a] == household_of[b])
      household_offered_independent +=
          score(independent, cmp, records[p.left], records[p.right]).match_probability >= 0.5 &&
          people[a].address.postcode == people[b].address.postcode;
    if (a == b) {
      ++same_pairs;
      same_found += prob >= 0.5;
    } else if (household_of[a] == household_of[b] &&
               people[a].address.postcode == people[b].address.postcode) {
      ++household_pairs;
      household_offered += prob >= 0.5;
    }
  }
  ASSERT_GT(household_pairs, 500u);
  ASSERT_GT(same_pairs, 500u);
  // What is left are twins (a different given name against the same date of birth and home) and
  // a parent and child of one name (a different date of birth against the same names and home):
  // cases a worker tells apart, which the unsupervised model cannot learn to (its matches
  // include them). Measured: 154 of 7,636 (2.0%), against 4,880 (64%) with the address and
  // town weighed as if independent of the postcode; and 1,533 of 1,534 same-person pairs found.
  EXPECT_LT(static_cast<double>(household_offered) / static_cast<double>(household_pairs), 0.03)
      << household_offered << " of " << household_pairs << " household pairs at 0.5 or more";
  EXPECT_LT(household_offered * 4, household_offered_independent)
      << household_offered << " against " << household_offered_independent;
  EXPECT_GT(static_cast<double>(same_found) / static_cast<double>(same_pairs), 0.95)
      << same_found << " of " << same_pairs << " same-person pairs found";
  // A shared postcode already says "same home": the address and town add little on top.
  const size_t addr = at(Field::address);
  ASSERT_FALSE(model.weight_same_postcode[addr].empty());
  EXPECT_LT(model.weight_same_postcode[addr][0], model.weight[addr][0] - 2);
}

}  // namespace mash::match
