#include <gtest/gtest.h>

#include <map>
#include <string>

#include "domain/user.h"
#include "policy/policy.h"

namespace mash::policy {
namespace {

constexpr Action kActions[] = {
    Action::contact_create,         Action::contact_list,      Action::contact_view,
    Action::contact_access_history, Action::audit_verify,      Action::user_manage,
    Action::source_records_import,  Action::person_match_view, Action::person_link_confirm,
    Action::person_link_reject,     Action::person_link_undo,  Action::contact_rate,
    Action::contact_decide,         Action::dash_record,       Action::dash_view,
    Action::configuration_view,     Action::screening_view};
constexpr Role kRoles[] = {Role::referral_administrator,
                           Role::information_officer,
                           Role::social_worker,
                           Role::decision_maker,
                           Role::hub_manager,
                           Role::agency_practitioner,
                           Role::analyst,
                           Role::auditor,
                           Role::system_administrator};

// The policy, one line per kind of actor: the actions it may take on an unrestricted contact
// (C create, L list, V view, H access history, A audit verify, U user manage, I import an
// agency's source records, M see a contact's person matches, K confirm, R reject and D undo a
// person link, T rate a contact, E decide its route, S record and Q see a DASH checklist, G see
// the hub's configuration, W see a contact's screening).
const std::map<Role, std::string> kAllowed = {
    {Role::referral_administrator, "CLVHMKRDTESQGW"},
    {Role::information_officer, "CLVHMKRDTESQGW"},
    {Role::social_worker, "CLVHMKRDTESQGW"},
    {Role::decision_maker, "CLVHMKRDTESQGW"},
    {Role::hub_manager, "CLVHMKRDTESQGW"},
    {Role::agency_practitioner, ""},
    {Role::analyst, "G"},
    {Role::auditor, "VHAQGW"},
    {Role::system_administrator, "AUIG"},
};
char letter(Action a) {
  switch (a) {
    case Action::contact_create:
      return 'C';
    case Action::contact_list:
      return 'L';
    case Action::contact_view:
      return 'V';
    case Action::contact_access_history:
      return 'H';
    case Action::audit_verify:
      return 'A';
    case Action::user_manage:
      return 'U';
    case Action::source_records_import:
      return 'I';
    case Action::person_match_view:
      return 'M';
    case Action::person_link_confirm:
      return 'K';
    case Action::person_link_reject:
      return 'R';
    case Action::person_link_undo:
      return 'D';
    case Action::contact_rate:
      return 'T';
    case Action::contact_decide:
      return 'E';
    case Action::dash_record:
      return 'S';
    case Action::dash_view:
      return 'Q';
    case Action::configuration_view:
      return 'G';
    case Action::screening_view:
      return 'W';
  }
  return '?';
}

Actor user(Role role, int64_t id = 7) {
  return {Actor::Kind::user, id, "someone", role, "childrens_social_care"};
}
Actor police_system() {
  return {Actor::Kind::agency_system, 0, "Niche PPN feed", std::nullopt, "police"};
}

TEST(Policy, EveryRoleEveryActionRestrictedOrNot) {
  const int64_t granted_id = 7, other_id = 8;
  for (Role role : kRoles) {
    for (Action action : kActions) {
      for (bool restricted : {false, true}) {
        for (int64_t id : {granted_id, other_id}) {
          const Resource resource{"police", restricted, {granted_id}, {}};
          const bool role_allows = kAllowed.at(role).find(letter(action)) != std::string::npos;
          const bool expected = role_allows && (!restricted || id == granted_id);
          const Decision d = decide(user(role, id), action, resource);
          EXPECT_EQ(d.allowed, expected)
              << code_of(role) << " " << action_name(action) << (restricted ? " restricted" : "")
              << " user " << id << ": " << d.reason;
          EXPECT_FALSE(d.reason.empty());
          EXPECT_TRUE(d.redact.empty());
        }
      }
    }
  }
}

TEST(Policy, AgencySystemsSendAndReadBackOnlyTheirOwnContacts) {
  struct Row {
    Action action;
    const char* resource_agency;
    bool restricted;
    bool allowed;
  };
  const Row rows[] = {
      {Action::contact_create, "police", false, true},
      {Action::contact_view, "police", false, true},
      {Action::contact_create, "health", false, false},  // not as another agency
      {Action::contact_view, "health", false, false},    // not another agency's contacts
      {Action::contact_create, "", false, false},        // the contact's agency must be named
      {Action::contact_view, "police", true, false},     // never a restricted contact
      {Action::contact_create, "police", true, false},
  };
  for (const auto& r : rows) {
    const Decision d = decide(police_system(), r.action, {r.resource_agency, r.restricted, {}, {}});
    EXPECT_EQ(d.allowed, r.allowed) << action_name(r.action) << " " << r.resource_agency;
  }
  // Nothing else, whatever the record.
  for (Action action :
       {Action::contact_list, Action::contact_access_history, Action::audit_verify,
        Action::user_manage, Action::source_records_import, Action::person_match_view,
        Action::person_link_confirm, Action::person_link_reject, Action::person_link_undo,
        Action::contact_rate, Action::contact_decide, Action::dash_record, Action::dash_view,
        Action::configuration_view, Action::screening_view}) {
    for (const char* agency : {"police", "health", ""}) {
      EXPECT_FALSE(decide(police_system(), action, {agency, false, {}, {}}).allowed)
          << action_name(action) << " " << agency;
    }
  }
}

TEST(Policy, TheCommandLineAdministersButReadsNoContacts) {
  const Actor operator_at_console{Actor::Kind::command_line, 0, "command-line", std::nullopt, ""};
  for (Action action : kActions) {
    const bool expected = action == Action::user_manage || action == Action::audit_verify ||
                          action == Action::source_records_import;
    EXPECT_EQ(decide(operator_at_console, action, {"police", false, {}, {}}).allowed, expected)
        << action_name(action);
  }
}

// The hub's configuration narrows who rates contacts: only the roles it names, and still never
// a role that may not rate at all.
TEST(Policy, TheConfigurationNarrowsWhoRates) {
  const std::vector<Role> configured = {Role::decision_maker, Role::hub_manager, Role::analyst};
  for (Role role : kRoles) {
    const Decision d = decide(user(role), Action::contact_rate, {"police", false, {}, configured});
    const bool expected = role == Role::decision_maker || role == Role::hub_manager;
    EXPECT_EQ(d.allowed, expected) << code_of(role) << ": " << d.reason;
  }
  EXPECT_EQ(action_name(Action::contact_rate), "contact.rate");
  for (Role role : kRoles) {
    const Decision d = decide(user(role), Action::contact_decide,
                              {"police", false, {}, {Role::decision_maker, Role::hub_manager}});
    EXPECT_EQ(d.allowed, role == Role::decision_maker || role == Role::hub_manager)
        << code_of(role) << ": " << d.reason;
  }
  EXPECT_EQ(action_name(Action::contact_decide), "contact.decide");
}

TEST(Policy, UnknownActorsAreDenied) {
  Actor no_role = user(Role::hub_manager);
  no_role.role.reset();
  EXPECT_FALSE(decide(no_role, Action::contact_list).allowed);
  EXPECT_FALSE(decide(user(Role::hub_manager, 0), Action::contact_list).allowed);
  Actor no_agency = police_system();
  no_agency.agency.clear();
  EXPECT_FALSE(decide(no_agency, Action::contact_create, {"", false, {}, {}}).allowed);
}

TEST(Policy, ReasonsSayWhy) {
  EXPECT_EQ(decide(user(Role::agency_practitioner), Action::contact_view).reason,
            "Agency practitioners see contacts through information requests, which are not "
            "available yet");
  EXPECT_FALSE(decide(user(Role::hub_manager), Action::contact_view, {"police", true, {}, {}})
                   .reason.empty());
}

TEST(Policy, ActionsAreNamedForTheAuditLog) {
  struct Row {
    Action action;
    const char* name;
  };
  const Row rows[] = {
      {Action::contact_create, "contact.create"},
      {Action::contact_list, "contact.list"},
      {Action::person_match_view, "person_match.view"},
      {Action::person_link_confirm, "person_link.confirm"},
      {Action::person_link_reject, "person_link.reject"},
      {Action::person_link_undo, "person_link.undo"},
      {Action::contact_view, "contact.view"},
      {Action::contact_access_history, "contact.access_history"},
      {Action::audit_verify, "audit.verify"},
      {Action::user_manage, "user.manage"},
      {Action::source_records_import, "source_records.import"},
      {Action::dash_record, "dash.record"},
      {Action::dash_view, "dash.view"},
      {Action::configuration_view, "configuration.view"},
  };
  for (const auto& r : rows) EXPECT_EQ(action_name(r.action), r.name);
}

}  // namespace
}  // namespace mash::policy
