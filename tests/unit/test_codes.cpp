#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/agency.h"
#include "domain/codes.h"
#include "domain/user.h"

namespace mash {
namespace {

// Every table: codes and labels present and unique, and each code leads back to its value.
template <class E>
void expect_sound_table(size_t expected_size) {
  const auto table = code_table<E>();
  EXPECT_EQ(table.size(), expected_size);
  std::set<std::string_view> codes, labels;
  for (const auto& e : table) {
    EXPECT_FALSE(e.code.empty());
    EXPECT_FALSE(e.label.empty());
    EXPECT_TRUE(codes.insert(e.code).second) << "duplicate code " << e.code;
    EXPECT_TRUE(labels.insert(e.label).second) << "duplicate label " << e.label;
    EXPECT_EQ(from_code<E>(e.code), e.value);
    EXPECT_EQ(code_of(e.value), e.code);
    EXPECT_EQ(label_of(e.value), e.label);
  }
  EXPECT_FALSE(from_code<E>("no_such_code").has_value());
  EXPECT_FALSE(from_code<E>("").has_value());
}

TEST(Codes, EveryTableIsSound) {
  expect_sound_table<ReferralSource>(22);
  expect_sound_table<PresentingIssue>(16);
  expect_sound_table<SubjectRole>(5);
  expect_sound_table<Sex>(4);
  expect_sound_table<DobKind>(3);
  expect_sound_table<ConsentStatus>(3);
  expect_sound_table<ContactStatus>(5);
  expect_sound_table<Role>(9);
  expect_sound_table<Channel>(2);
}

TEST(Codes, ReferralSourcesAreTheCinCensusCodes) {
  struct Row {
    ReferralSource source;
    const char* code;
    const char* label;
  };
  const Row rows[] = {
      {ReferralSource::family, "1A", "Individual – family member, relative or carer"},
      {ReferralSource::acquaintance, "1B",
       "Individual – acquaintance (including neighbours and child minders)"},
      {ReferralSource::self, "1C", "Individual – self"},
      {ReferralSource::other_individual, "1D", "Individual – other (including strangers)"},
      {ReferralSource::schools, "2A", "Schools"},
      {ReferralSource::education_services, "2B", "Education services"},
      {ReferralSource::gp, "3A", "Health services – general practitioner (GP)"},
      {ReferralSource::health_visitor, "3B", "Health services – health visitor"},
      {ReferralSource::school_nurse, "3C", "Health services – school nurse"},
      {ReferralSource::other_primary_health, "3D",
       "Health services – other primary health services"},
      {ReferralSource::a_and_e, "3E", "Health services – A&E (accident and emergency department)"},
      {ReferralSource::other_health, "3F", "Health services – other (for example hospice)"},
      {ReferralSource::housing, "4", "Housing – local authority housing or housing association"},
      {ReferralSource::la_social_care, "5A", nullptr},
      {ReferralSource::other_internal_la, "5B", nullptr},
      {ReferralSource::external_la, "5C", nullptr},
      {ReferralSource::early_help, "5D", "LA services – early help"},
      {ReferralSource::police, "6", "Police"},
      {ReferralSource::other_legal_agency, "7", nullptr},
      {ReferralSource::other, "8", nullptr},
      {ReferralSource::anonymous, "9", "Anonymous"},
      {ReferralSource::unknown, "10", "Unknown"},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(code_of(r.source), r.code);
    if (r.label) {
      EXPECT_EQ(label_of(r.source), r.label);
    }
  }
  EXPECT_FALSE(from_code<ReferralSource>("1a").has_value());  // codes are exact
  EXPECT_FALSE(from_code<ReferralSource>("11").has_value());
}

TEST(Codes, WordsShownToUsers) {
  EXPECT_EQ(code_of(PresentingIssue::cse), "cse");
  EXPECT_EQ(label_of(PresentingIssue::cse), "Child sexual exploitation");
  EXPECT_EQ(label_of(PresentingIssue::cce), "Child criminal exploitation");
  EXPECT_EQ(label_of(PresentingIssue::fgm), "Female genital mutilation");
  EXPECT_EQ(code_of(PresentingIssue::domestic_abuse), "domestic_abuse");
  EXPECT_EQ(code_of(ContactStatus::new_contact), "new");
  EXPECT_EQ(label_of(Role::decision_maker), "Decision maker / team manager");
  EXPECT_EQ(label_of(Role::auditor), "Auditor / data protection officer");
  EXPECT_EQ(code_of(Role::referral_administrator), "referral_administrator");
  EXPECT_EQ(label_of(Channel::api), "Agency system (API)");
  EXPECT_EQ(code_of(SubjectRole::parent_carer), "parent_carer");
  EXPECT_EQ(code_of(Sex::not_specified), "not_specified");
  EXPECT_EQ(code_of(DobKind::expected), "expected");
  EXPECT_EQ(code_of(ConsentStatus::not_sought), "not_sought");
}

TEST(Agencies, TheStatutoryPartnersAreBuiltIn) {
  const auto agencies = built_in_agencies();
  ASSERT_EQ(agencies.size(), 9u);
  const char* expected[][2] = {
      {"police", "Police"},
      {"childrens_social_care", "Children's social care"},
      {"adult_social_care", "Adult social care"},
      {"health", "Health"},
      {"education", "Education"},
      {"probation", "Probation"},
      {"housing", "Housing"},
      {"youth_justice", "Youth justice"},
      {"domestic_abuse_service", "Domestic abuse service"},
  };
  for (size_t i = 0; i < agencies.size(); ++i) {
    EXPECT_EQ(agencies[i].code, expected[i][0]);
    EXPECT_EQ(agencies[i].name, expected[i][1]);
    EXPECT_TRUE(validate_agency(agencies[i]).empty()) << agencies[i].code;
  }
}

TEST(Agencies, AHubsOwnAgencyNeedsACodeAndAName) {
  struct Row {
    Agency agency;
    std::vector<std::string> fields_at_fault;
  };
  const Row rows[] = {
      {{"early_help", "Early help"}, {}},
      {{"ab", "Two letters is enough"}, {}},
      {{"a", "Too short a code"}, {"code"}},
      {{"", "No code"}, {"code"}},
      {{"Early_help", "Upper case"}, {"code"}},
      {{"1st_service", "Starts with a digit"}, {"code"}},
      {{"early-help", "Hyphen"}, {"code"}},
      {{std::string(40, 'a'), "Forty characters"}, {}},
      {{std::string(41, 'a'), "Forty-one characters"}, {"code"}},
      {{"women_aid", ""}, {"name"}},
      {{"women_aid", "   "}, {"name"}},
      {{"women_aid", std::string(101, 'x')}, {"name"}},
      {{"", ""}, {"code", "name"}},
  };
  for (const auto& r : rows) {
    std::vector<std::string> fields;
    for (const auto& e : validate_agency(r.agency)) fields.push_back(e.field);
    EXPECT_EQ(fields, r.fields_at_fault) << r.agency.code << " / " << r.agency.name;
  }
}

TEST(Users, CredentialsFollowTheRules) {
  User ok{1, "priya.shah", "Priya Shah", Role::social_worker, "childrens_social_care", true};
  EXPECT_TRUE(validate_user(ok).empty());
  struct Row {
    std::string username;
    std::string display_name;
    std::string agency;
    const char* field;
  };
  const Row rows[] = {
      {"", "Priya Shah", "health", "username"},
      {"ps", "Priya Shah", "health", "username"},
      {std::string(65, 'p'), "Priya Shah", "health", "username"},
      {"priya shah", "Priya Shah", "health", "username"},
      {"priya@shah", "Priya Shah", "health", "username"},
      {"priya.shah", "", "health", "display_name"},
      {"priya.shah", "Priya Shah", "", "agency"},
  };
  for (const auto& r : rows) {
    User u = ok;
    u.username = r.username;
    u.display_name = r.display_name;
    u.agency = r.agency;
    const auto errors = validate_user(u);
    ASSERT_EQ(errors.size(), 1u) << r.username;
    EXPECT_EQ(errors[0].field, r.field);
  }
  EXPECT_TRUE(validate_user({0, "a-b_c.d", "A", Role::auditor, "police", true}).empty());
}

TEST(Users, PasswordsAreLongEnough) {
  EXPECT_EQ(validate_password("").size(), 1u);
  EXPECT_EQ(validate_password("elevenchars").size(), 1u);
  EXPECT_TRUE(validate_password("twelve chars").empty());
  EXPECT_TRUE(validate_password(std::string(1024, 'x')).empty());
  EXPECT_EQ(validate_password(std::string(1025, 'x')).size(), 1u);
  EXPECT_EQ(validate_password("short")[0].field, "password");
}

TEST(Users, HubRolesAreTheFrontDoorStaff) {
  struct Row {
    Role role;
    bool hub;
  };
  const Row rows[] = {
      {Role::referral_administrator, true},
      {Role::information_officer, true},
      {Role::social_worker, true},
      {Role::decision_maker, true},
      {Role::hub_manager, true},
      {Role::agency_practitioner, false},
      {Role::analyst, false},
      {Role::auditor, false},
      {Role::system_administrator, false},
  };
  for (const auto& r : rows) EXPECT_EQ(is_hub_role(r.role), r.hub) << code_of(r.role);
}

}  // namespace
}  // namespace mash
