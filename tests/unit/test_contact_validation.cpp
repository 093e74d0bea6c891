#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "domain/contact.h"

namespace mash {
namespace {

// 2026-11-20T21:14:00+00:00: the hub's "now" in these tests.
const Timestamp kNow{1795209240, 0};

Subject child() {
  Subject s;
  s.given_name = "Matt";
  s.family_name = "Example";
  s.date_of_birth = Date{2025, 10, 1};
  s.sex = Sex::male;
  s.role = SubjectRole::child;
  s.address = {"1 Example Street", "", "Blackburn", "BB2 1DH"};
  s.nhs_number = "9434765919";
  return s;
}

Contact good_contact() {
  Contact c;
  c.external_ref = "PPN-2026-000123";
  c.agency = "police";
  c.channel = Channel::api;
  c.received_at = {kNow.epoch_seconds - 3600, 0};
  c.source = ReferralSource::police;
  c.referrer = {
      false,          "PC 4127 Jones",        "Lancashire Constabulary", "Officer in the case",
      "01254 000000", "oic@example.police.uk"};
  c.subjects = {child()};
  c.presenting_issues = {PresentingIssue::domestic_abuse};
  c.narrative = "Police attended a domestic incident at the home; the child was present.";
  c.consent = {ConsentStatus::not_sought, "seeking consent would place the child at risk"};
  return c;
}

std::vector<FieldError> errors_for(const std::function<void(Contact&)>& change) {
  Contact c = good_contact();
  change(c);
  normalise_contact(c);
  return validate_contact(c, kNow);
}

TEST(ContactValidation, AGoodContactPasses) {
  EXPECT_TRUE(errors_for([](Contact&) {}).empty());
}

// One row per rule: what is changed, and the one field and message that results.
struct Rule {
  const char* name;
  std::function<void(Contact&)> change;
  const char* field;    // nullptr: the contact is acceptable
  const char* message;  // nullptr: any message
};

TEST(ContactValidation, EachRuleNamesItsFieldInTheDomainsWords) {
  const Rule rules[] = {
      // Subjects and their names.
      {"no subjects", [](Contact& c) { c.subjects.clear(); }, "subjects",
       "Add at least one subject"},
      {"no name at all",
       [](Contact& c) { c.subjects[0].given_name = c.subjects[0].family_name = "  "; },
       "subjects[0].family_name", "Enter the subject's family name or given name"},
      {"given name only", [](Contact& c) { c.subjects[0].family_name.clear(); }, nullptr, nullptr},
      {"family name only", [](Contact& c) { c.subjects[0].given_name.clear(); }, nullptr, nullptr},
      {"name too long", [](Contact& c) { c.subjects[0].given_name = std::string(101, 'a'); },
       "subjects[0].given_name", "Given name must be 100 characters or fewer"},
      {"100 accented letters fit",
       [](Contact& c) {
         c.subjects[0].given_name.clear();
         for (int i = 0; i < 100; ++i) c.subjects[0].given_name += "ë";
       },
       nullptr, nullptr},
      {"second subject",
       [](Contact& c) {
         Subject s = child();
         s.address.postcode = "BB2 1D";
         c.subjects.push_back(s);
       },
       "subjects[1].address.postcode", "Enter a real postcode, like BB2 1DH"},

      // Dates of birth.
      {"date of birth not known", [](Contact& c) { c.subjects[0].date_of_birth.reset(); }, nullptr,
       nullptr},
      {"impossible date of birth",
       [](Contact& c) {
         c.subjects[0].date_of_birth = Date{2026, 2, 29};
       },
       "subjects[0].date_of_birth", "Enter a real date of birth, for example 27 3 2014"},
      {"leap day",
       [](Contact& c) {
         c.subjects[0].date_of_birth = Date{2024, 2, 29};
       },
       nullptr, nullptr},
      {"born today",
       [](Contact& c) {
         c.subjects[0].date_of_birth = Date{2026, 11, 20};
       },
       nullptr, nullptr},
      {"born tomorrow",
       [](Contact& c) {
         c.subjects[0].date_of_birth = Date{2026, 11, 21};
       },
       "subjects[0].date_of_birth", "Date of birth must be today or in the past"},
      {"estimated in the future",
       [](Contact& c) {
         c.subjects[0].dob_kind = DobKind::estimated;
         c.subjects[0].date_of_birth = Date{2027, 1, 1};
       },
       "subjects[0].date_of_birth", "Date of birth must be today or in the past"},
      {"121 years old",
       [](Contact& c) {
         c.subjects[0].date_of_birth = Date{1905, 1, 1};
       },
       "subjects[0].date_of_birth", "Date of birth must be less than 120 years ago"},
      {"estimated without a date",
       [](Contact& c) {
         c.subjects[0].dob_kind = DobKind::estimated;
         c.subjects[0].date_of_birth.reset();
       },
       "subjects[0].date_of_birth", nullptr},

      // An unborn child: an expected date of birth.
      {"unborn, due in three months",
       [](Contact& c) {
         c.subjects[0] = child();
         c.subjects[0].given_name.clear();
         c.subjects[0].dob_kind = DobKind::expected;
         c.subjects[0].date_of_birth = Date{2027, 2, 20};
         c.subjects[0].nhs_number.clear();
       },
       nullptr, nullptr},
      {"unborn, overdue",
       [](Contact& c) {
         c.subjects[0].dob_kind = DobKind::expected;
         c.subjects[0].date_of_birth = Date{2026, 11, 10};
       },
       nullptr, nullptr},
      {"unborn, due in eleven months",
       [](Contact& c) {
         c.subjects[0].dob_kind = DobKind::expected;
         c.subjects[0].date_of_birth = Date{2027, 10, 21};
       },
       "subjects[0].date_of_birth", "Expected date of birth must be within the next 10 months"},
      {"unborn without a family name",
       [](Contact& c) {
         c.subjects[0].dob_kind = DobKind::expected;
         c.subjects[0].date_of_birth = Date{2027, 2, 20};
         c.subjects[0].given_name = "Unborn";
         c.subjects[0].family_name.clear();
       },
       "subjects[0].family_name", nullptr},
      {"unborn without a due date",
       [](Contact& c) {
         c.subjects[0].dob_kind = DobKind::expected;
         c.subjects[0].date_of_birth.reset();
       },
       "subjects[0].date_of_birth", nullptr},
      {"unborn parent",
       [](Contact& c) {
         c.subjects[0].dob_kind = DobKind::expected;
         c.subjects[0].date_of_birth = Date{2027, 2, 20};
         c.subjects[0].role = SubjectRole::parent_carer;
       },
       "subjects[0].role", nullptr},

      // Identifiers.
      {"NHS number with spaces", [](Contact& c) { c.subjects[0].nhs_number = "943 476 5919"; },
       nullptr, nullptr},
      {"NHS number with a wrong check digit",
       [](Contact& c) { c.subjects[0].nhs_number = "9434765918"; }, "subjects[0].nhs_number",
       "NHS number must be 10 digits and pass its check digit, like 943 476 5919"},
      {"NHS number too short", [](Contact& c) { c.subjects[0].nhs_number = "943476591"; },
       "subjects[0].nhs_number", nullptr},
      {"UPN", [](Contact& c) { c.subjects[0].upn = "k889300124001"; }, nullptr, nullptr},
      {"UPN with a wrong check letter", [](Contact& c) { c.subjects[0].upn = "A889300124001"; },
       "subjects[0].upn", nullptr},
      {"no fixed abode",
       [](Contact& c) {
         c.subjects[0].address = {"No fixed abode", "", "Blackburn", ""};
       },
       nullptr, nullptr},
      {"postcode without a space", [](Contact& c) { c.subjects[0].address.postcode = "bb21dh"; },
       nullptr, nullptr},
      {"not a postcode", [](Contact& c) { c.subjects[0].address.postcode = "BLACKBURN"; },
       "subjects[0].address.postcode", "Enter a real postcode, like BB2 1DH"},

      // The referrer.
      {"anonymous",
       [](Contact& c) { c.referrer = {true, "typed before ticking anonymous", "", "", "", ""}; },
       nullptr, nullptr},
      {"no referrer name", [](Contact& c) { c.referrer.name = " "; }, "referrer.name", nullptr},
      {"bad e-mail", [](Contact& c) { c.referrer.email = "oic at police"; }, "referrer.email",
       "Enter an email address in the correct format, like name@example.com"},
      {"no e-mail", [](Contact& c) { c.referrer.email.clear(); }, nullptr, nullptr},
      {"international phone", [](Contact& c) { c.referrer.phone = "+44 (0)1254 000-000"; }, nullptr,
       nullptr},
      {"letters in a phone number", [](Contact& c) { c.referrer.phone = "01254 ext 12"; },
       "referrer.phone", nullptr},

      // What happened, and consent.
      {"no presenting issue", [](Contact& c) { c.presenting_issues.clear(); }, "presenting_issues",
       "Select at least one presenting issue"},
      {"no narrative", [](Contact& c) { c.narrative = "\n "; }, "narrative", nullptr},
      {"longest narrative", [](Contact& c) { c.narrative = std::string(20000, 'x'); }, nullptr,
       nullptr},
      {"narrative too long", [](Contact& c) { c.narrative = std::string(20001, 'x'); }, "narrative",
       "Narrative must be 20,000 characters or fewer"},
      {"consent not sought, no reason", [](Contact& c) { c.consent.reason = " "; },
       "consent.reason",
       "Enter the reason consent was not sought, for example seeking consent would place the child "
       "at risk"},
      {"consent given, no reason",
       [](Contact& c) {
         c.consent = {ConsentStatus::given, ""};
       },
       nullptr, nullptr},
      {"consent refused, no reason",
       [](Contact& c) {
         c.consent = {ConsentStatus::refused, ""};
       },
       nullptr, nullptr},

      // When, and from where.
      {"received four minutes ahead (clock skew)",
       [](Contact& c) {
         c.received_at = {kNow.epoch_seconds + 240, 0};
       },
       nullptr, nullptr},
      {"received in the future",
       [](Contact& c) {
         c.received_at = {kNow.epoch_seconds + 3600, 60};
       },
       "received_at", nullptr},
      {"unknown source code", [](Contact& c) { c.source = static_cast<ReferralSource>(99); },
       "source", nullptr},
      {"empty external reference", [](Contact& c) { c.external_ref = "  "; }, "external_ref",
       nullptr},
  };
  for (const auto& rule : rules) {
    const auto errors = errors_for(rule.change);
    if (!rule.field) {
      EXPECT_TRUE(errors.empty()) << rule.name << ": "
                                  << (errors.empty() ? ""
                                                     : errors[0].field + " " + errors[0].message);
      continue;
    }
    ASSERT_EQ(errors.size(), 1u) << rule.name;
    EXPECT_EQ(errors[0].field, rule.field) << rule.name;
    if (rule.message) {
      EXPECT_EQ(errors[0].message, rule.message) << rule.name;
    }
  }
}

TEST(ContactValidation, ReportsEveryProblemAtOnce) {
  Contact c;
  c.received_at = {kNow.epoch_seconds + 86400, 0};
  c.consent = {ConsentStatus::not_sought, ""};
  normalise_contact(c);
  std::vector<std::string> fields;
  for (const auto& e : validate_contact(c, kNow)) fields.push_back(e.field);
  const std::vector<std::string> expected = {"received_at", "referrer.name",
                                             "subjects",    "presenting_issues",
                                             "narrative",   "consent.reason"};
  EXPECT_EQ(fields, expected);
}

TEST(NormaliseContact, TidiesWithoutChangingMeaning) {
  Contact c = good_contact();
  c.subjects[0].given_name = "  Zoë ";
  c.subjects[0].address.postcode = " sw1a1aa ";
  c.subjects[0].nhs_number = "943 476 5919";
  c.subjects[0].upn = "b801200005001";
  c.referrer = {true, "Name", "Org", "Role", "0123", "a@b.c"};
  c.presenting_issues = {PresentingIssue::neglect, PresentingIssue::cce, PresentingIssue::neglect};
  c.narrative = "  Left alone.\n";
  normalise_contact(c);
  EXPECT_EQ(c.subjects[0].given_name, "Zoë");
  EXPECT_EQ(c.subjects[0].address.postcode, "SW1A 1AA");
  EXPECT_EQ(c.subjects[0].nhs_number, "9434765919");
  EXPECT_EQ(c.subjects[0].upn, "B801200005001");
  EXPECT_TRUE(c.referrer.anonymous);
  EXPECT_TRUE(c.referrer.name.empty() && c.referrer.phone.empty() && c.referrer.email.empty());
  EXPECT_EQ(c.presenting_issues,
            (std::vector<PresentingIssue>{PresentingIssue::neglect, PresentingIssue::cce}));
  EXPECT_EQ(c.narrative, "Left alone.");
}

TEST(NhsNumbers, CheckTheirModulus11Digit) {
  struct Row {
    const char* number;
    bool valid;
  };
  const Row rows[] = {
      {"9434765919", true},   // NHS Digital's published example
      {"9434765918", false},  // wrong check digit
      {"4010232137", true},
      {"9990000017", false},
      {"9990000026", true},
      {"943476591", false},    // nine digits
      {"94347659190", false},  // eleven digits
      {"943476591a", false},
      {"943 476 5919", false},  // spaces are removed by normalise_contact, not here
      {"9990000000", false},    // check digit would be 10: never issued
      {"", false},
  };
  for (const auto& r : rows) EXPECT_EQ(is_valid_nhs_number(r.number), r.valid) << r.number;
}

TEST(Postcodes, FollowTheRoyalMailFormats) {
  struct Row {
    const char* postcode;
    bool valid;
  };
  const Row rows[] = {
      {"M1 1AE", true},                                                 // A9 9AA
      {"B33 8TH", true},                                                // A99 9AA
      {"BB2 1DH", true},                                                // AA9 9AA
      {"CH41 2XY", true},                                               // AA99 9AA
      {"W1A 0AX", true},                                                // A9A 9AA
      {"SW1A 1AA", true},                                               // AA9A 9AA
      {"EC1A 1BB", true},      {"GIR 0AA", true},    {"bb21dh", true},  // any case, any spacing
      {" b b 2 1 d h ", true}, {"BB2  1DH", true},   {"BB2 1D", false}, {"BB2 DDH", false},
      {"BB2 1CH", false},   // C never in the inward code
      {"QB2 1DH", false},   // Q never first
      {"BJ2 1DH", false},   // J never second
      {"W1I 0AX", false},   // I never third
      {"SW1C 1AA", false},  // C never fourth
      {"BBB2 1DH", false},     {"BB123 1DH", false}, {"12345", false},  {"", false},
  };
  for (const auto& r : rows) EXPECT_EQ(is_valid_uk_postcode(r.postcode), r.valid) << r.postcode;
}

TEST(Postcodes, NormaliseToCapitalsAndOneSpace) {
  EXPECT_EQ(normalise_postcode("bb21dh"), "BB2 1DH");
  EXPECT_EQ(normalise_postcode("  sw1a   1aa "), "SW1A 1AA");
  EXPECT_EQ(normalise_postcode("m11ae"), "M1 1AE");
  EXPECT_EQ(normalise_postcode("gir0aa"), "GIR 0AA");
  EXPECT_EQ(normalise_postcode("m1"), "M1");  // too short to split: left for the validator
}

TEST(UniquePupilNumbers, CheckTheirLetter) {
  struct Row {
    const char* upn;
    bool valid;
  };
  const Row rows[] = {
      {"B801200005001", true},   {"A123456789012", true},
      {"K889300124001", true},   {"W88930012400A", true},  // temporary UPN: last character a letter
      {"G88930012400Z", true},   {"k889300124001", true},  // any case
      {"M801200005001", false},                            // wrong check letter
      {"I801200005001", false},                            // I, O and S are never check letters
      {"B80120000500", false},                             // twelve characters
      {"B8012000050011", false}, {"B80120000500I", false},  // I is not in the alphabet
      {"B8012A0005001", false},                             // letters only at the end
      {"1801200005001", false},  {"", false},
  };
  for (const auto& r : rows) EXPECT_EQ(is_valid_upn(r.upn), r.valid) << r.upn;
}

}  // namespace
}  // namespace mash

namespace mash {
namespace {

TEST(ContactReceivedAt, MustBeFrom1990ToNow) {
  const Timestamp now = *parse_rfc3339("2026-11-20T10:00:00+00:00");
  struct Row {
    const char* received;
    bool ok;
  } rows[] = {
      {"2026-11-20T10:00:00+00:00", true},  {"2026-11-20T10:04:00+00:00", true},  // clock skew
      {"2026-11-20T10:30:00+00:00", false}, {"1990-01-01T00:00:00+00:00", true},
      {"1989-12-31T23:59:59+00:00", false}, {"0001-01-01T00:00:00+00:00", false},
  };
  for (const Row& r : rows) {
    Contact c;
    c.received_at = *parse_rfc3339(r.received);
    bool flagged = false;
    for (const FieldError& e : validate_contact(c, now)) flagged |= e.field == "received_at";
    EXPECT_EQ(!flagged, r.ok) << r.received;
  }
}

}  // namespace
}  // namespace mash
