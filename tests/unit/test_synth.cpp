#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "domain/contact.h"
#include "synth/generator.h"

namespace mash::synth {
namespace {

// 2026-11-20T21:14:00+00:00
const Timestamp kNow{1795209240, 0};

std::string describe(const Contact& c) {
  std::string s = to_rfc3339(c.received_at) + " " + std::string(code_of(c.source)) + " " +
                  c.referrer.name + " |";
  for (const auto& p : c.subjects)
    s += " " + p.given_name + " " + p.family_name + " " +
         (p.date_of_birth ? to_iso(*p.date_of_birth) : "?") + " " + p.address.postcode + " " +
         p.nhs_number + " " + p.upn + ";";
  return s + " " + c.narrative;
}

TEST(Synth, TheSameSeedGivesTheSameContacts) {
  Generator a(42), b(42), c(43);
  const auto first = a.contacts(300, kNow, 90);
  const auto second = b.contacts(300, kNow, 90);
  const auto other = c.contacts(300, kNow, 90);
  ASSERT_EQ(first.size(), 300u);
  ASSERT_EQ(second.size(), 300u);
  int differing = 0;
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(describe(first[i]), describe(second[i])) << i;
    differing += describe(first[i]) != describe(other[i]);
  }
  EXPECT_GT(differing, 290);
}

TEST(Synth, ThousandsOfContactsAllPassValidation) {
  for (uint64_t seed : {1ULL, 2ULL, 2026ULL, 0xDEADBEEFULL}) {
    Generator g(seed);
    const auto contacts = g.contacts(5000, kNow, 365);
    ASSERT_EQ(contacts.size(), 5000u);
    int64_t previous = INT64_MIN;
    for (const Contact& original : contacts) {
      EXPECT_GE(original.received_at.epoch_seconds, previous) << "newest last";
      EXPECT_LE(original.received_at.epoch_seconds, kNow.epoch_seconds);
      previous = original.received_at.epoch_seconds;
      Contact c = original;
      normalise_contact(c);  // already tidy: normalising changes nothing that matters
      for (size_t i = 0; i < c.subjects.size(); ++i)
        EXPECT_EQ(c.subjects[i].address.postcode, original.subjects[i].address.postcode);
      // Valid now, and a year later (a due date passed, a child grown older).
      for (const Timestamp& now : {kNow, Timestamp{kNow.epoch_seconds + 365 * 86400, 0},
                                   Timestamp{kNow.epoch_seconds, -720}}) {
        const auto errors = validate_contact(c, now);
        ASSERT_TRUE(errors.empty())
            << "seed " << seed << ": " << errors[0].field << ": " << errors[0].message << "\n"
            << describe(c);
      }
    }
  }
}

TEST(Synth, ContactsAreValidAtTheMomentTheyAreReceived) {
  Generator g(7);
  const Date today{2026, 6, 1};
  for (int i = 0; i < 2000; ++i) {
    const Household h = g.household(today);
    ASSERT_FALSE(h.members.empty());
    const Timestamp received{days_from_civil(today) * 86400 + 9 * 3600 + i, 60};
    const Contact c = g.contact(h, received);
    const auto errors = validate_contact(c, received);
    ASSERT_TRUE(errors.empty()) << errors[0].field << ": " << errors[0].message << "\n"
                                << describe(c);
  }
}

TEST(Synth, PeopleAndPlacesAreDiverse) {
  Generator g(99);
  const auto contacts = g.contacts(5000, kNow, 365);
  std::set<std::string> family_names, given_names, postcodes, towns, narratives;
  std::map<std::string, int> sources;
  int unborn = 0, estimated = 0, with_upn = 0, without_nhs = 0, hyphenated = 0, apostrophe = 0,
      accented = 0, anonymous = 0, api = 0, adults_at_risk = 0, subjects = 0;
  std::set<std::string> issues;
  for (const Contact& c : contacts) {
    ++sources[std::string(code_of(c.source))];
    anonymous += c.referrer.anonymous;
    api += c.channel == Channel::api;
    narratives.insert(c.narrative);
    for (auto p : c.presenting_issues) issues.insert(std::string(code_of(p)));
    for (const Subject& s : c.subjects) {
      ++subjects;
      family_names.insert(s.family_name);
      given_names.insert(s.given_name);
      if (!s.address.postcode.empty()) postcodes.insert(s.address.postcode);
      towns.insert(s.address.town);
      unborn += s.dob_kind == DobKind::expected;
      estimated += s.dob_kind == DobKind::estimated;
      with_upn += !s.upn.empty();
      without_nhs += s.nhs_number.empty();
      hyphenated += s.family_name.find('-') != std::string::npos;
      apostrophe += s.family_name.find('\'') != std::string::npos;
      for (unsigned char ch : s.given_name + s.family_name) accented += ch >= 0x80;
      adults_at_risk += s.role == SubjectRole::adult_at_risk;
    }
  }
  EXPECT_GT(family_names.size(), 250u);
  EXPECT_GT(given_names.size(), 350u);
  EXPECT_GT(postcodes.size(), 3000u);
  EXPECT_GT(towns.size(), 20u);
  EXPECT_GT(narratives.size(), 4500u);
  EXPECT_GE(sources.size(), 12u);
  EXPECT_GE(issues.size(), 12u);
  EXPECT_GT(unborn, 50);
  EXPECT_GT(estimated, 50);
  EXPECT_GT(with_upn, 1000);
  EXPECT_GT(without_nhs, 1000);
  EXPECT_GT(hyphenated, 100);
  EXPECT_GT(apostrophe, 50);
  EXPECT_GT(accented, 200);
  EXPECT_GT(anonymous, 100);
  EXPECT_GT(api, 500);
  EXPECT_GT(adults_at_risk, 300);
  EXPECT_GT(subjects, 15000);
}

TEST(Synth, SomeHouseholdsAreReferredAgain) {
  Generator g(5);
  const auto contacts = g.contacts(2000, kNow, 180);
  // A household is known by its address; count the addresses seen in more than one contact.
  std::map<std::string, int> seen;
  for (const Contact& c : contacts) {
    const Address& a = c.subjects[0].address;
    if (!a.postcode.empty()) ++seen[a.line1 + "|" + a.line2 + "|" + a.postcode];
  }
  int repeated = 0;
  for (const auto& [address, times] : seen) repeated += times > 1;
  const double share = static_cast<double>(repeated) / static_cast<double>(seen.size());
  EXPECT_GT(share, 0.10);
  EXPECT_LT(share, 0.40);
}

TEST(Synth, HouseholdsShareAnAddressAndHaveCarers) {
  Generator g(11);
  int with_different_surnames = 0;
  for (int i = 0; i < 1000; ++i) {
    const Household h = g.household({2026, 11, 20});
    ASSERT_FALSE(h.members.empty());
    std::set<std::string> surnames;
    for (const Subject& s : h.members) {
      EXPECT_EQ(s.address.postcode, h.address.postcode);
      surnames.insert(s.family_name);
      if (!s.address.postcode.empty()) {
        EXPECT_TRUE(is_valid_uk_postcode(s.address.postcode));
      }
      if (!s.nhs_number.empty()) {
        EXPECT_TRUE(is_valid_nhs_number(s.nhs_number));
        EXPECT_EQ(s.nhs_number.substr(0, 3), "999") << "test range only";
      }
      if (!s.upn.empty()) {
        EXPECT_TRUE(is_valid_upn(s.upn)) << s.upn;
      }
    }
    with_different_surnames += surnames.size() > 1;
  }
  EXPECT_GT(with_different_surnames, 200);
}

}  // namespace
}  // namespace mash::synth
