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
    Action::configuration_view,     Action::screening_view,    Action::enquiry_basis_record,
    Action::request_raise,          Action::request_queue,     Action::request_view,
    Action::request_respond,        Action::response_read,     Action::redaction_record,
    Action::disclosure_view,        Action::contact_restrict,  Action::message_send,
    Action::summary_send,           Action::summary_view,      Action::performance_view};
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
// the hub's configuration, W see a contact's screening; research, with the request addressed to
// no agency of the actor's: B record the basis for sharing, Y raise requests, X see one's
// agency's queue, O open a request, P answer it, Z read agencies' answers, N withhold a passage,
// J see disclosures; F restrict a contact, which no user may; m write a request's secure
// messages; s send an outcome summary, v read one sent neither by nor to the actor; f see the
// performance figures).
const std::map<Role, std::string> kAllowed = {
    {Role::referral_administrator, "CLVHMKRDTESQGWf"},
    {Role::information_officer, "CLVHMKRDTESQGWBYXOZJmsf"},
    {Role::social_worker, "CLVHMKRDTESQGWBYXOZJmsf"},
    {Role::decision_maker, "CLVHMKRDTESQGWBYXOZJNmsf"},
    {Role::hub_manager, "CLVHMKRDTESQGWBYXOZJNmsf"},
    {Role::agency_practitioner, "X"},
    {Role::analyst, "Gf"},
    {Role::auditor, "VHAQGWOZJvf"},
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
    case Action::enquiry_basis_record:
      return 'B';
    case Action::request_raise:
      return 'Y';
    case Action::request_queue:
      return 'X';
    case Action::request_view:
      return 'O';
    case Action::request_respond:
      return 'P';
    case Action::response_read:
      return 'Z';
    case Action::redaction_record:
      return 'N';
    case Action::disclosure_view:
      return 'J';
    case Action::contact_restrict:
      return 'F';
    case Action::message_send:
      return 'm';
    case Action::break_glass:
      return 'g';
    case Action::break_glass_review:
      return 'r';
    case Action::summary_send:
      return 's';
    case Action::summary_view:
      return 'v';
    case Action::performance_view:
      return 'f';
  }
  return '?';
}

Resource res(std::string agency, bool restricted = false, std::vector<int64_t> granted = {},
             std::vector<Role> configured = {}) {
  Resource r;
  r.agency = std::move(agency);
  r.restricted = restricted;
  r.granted = std::move(granted);
  r.configured_roles = std::move(configured);
  return r;
}

Actor user(Role role, int64_t id = 7) {
  return {Actor::Kind::user, id, "someone", role, "childrens_social_care"};
}
Actor police_system() {
  return {Actor::Kind::agency_system, 0, "Niche PPN feed", std::nullopt, "police"};
}

// An outcome summary is read by those it was sent by or to while they are hub practitioners,
// and by auditors; a restricted contact's only while the reader is granted it, never by
// break-glass.
TEST(Policy, AnOutcomeSummaryIsReadByItsPartiesAndAuditors) {
  for (Role role : kRoles) {
    const bool practitioner = is_hub_role(role) && role != Role::referral_administrator;
    const bool reads = practitioner || role == Role::auditor;
    Resource r = res("police");
    r.parties = {7};
    EXPECT_EQ(decide(user(role, 7), Action::summary_view, r).allowed, reads) << code_of(role);
    EXPECT_EQ(decide(user(role, 8), Action::summary_view, r).allowed, role == Role::auditor)
        << code_of(role);
    Resource hidden = res("police", true, {9});
    hidden.parties = {7};
    hidden.broken_glass = {7};
    EXPECT_FALSE(decide(user(role, 7), Action::summary_view, hidden).allowed) << code_of(role);
    hidden.granted = {7};
    EXPECT_EQ(decide(user(role, 7), Action::summary_view, hidden).allowed, reads) << code_of(role);
  }
  EXPECT_FALSE(decide(police_system(), Action::summary_view, res("police")).allowed);
  Resource glass = res("police", true, {9});
  glass.broken_glass = {7};
  EXPECT_FALSE(decide(user(Role::decision_maker, 7), Action::summary_send, glass).allowed);
}

TEST(Policy, EveryRoleEveryActionRestrictedOrNot) {
  const int64_t granted_id = 7, other_id = 8;
  for (Role role : kRoles) {
    for (Action action : kActions) {
      for (bool restricted : {false, true}) {
        for (int64_t id : {granted_id, other_id}) {
          const Resource resource = res("police", restricted, {granted_id});
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
    const Decision d = decide(police_system(), r.action, res(r.resource_agency, r.restricted));
    EXPECT_EQ(d.allowed, r.allowed) << action_name(r.action) << " " << r.resource_agency;
  }
  // Nothing else, whatever the record.
  for (Action action : {Action::contact_list,
                        Action::contact_access_history,
                        Action::audit_verify,
                        Action::user_manage,
                        Action::source_records_import,
                        Action::person_match_view,
                        Action::person_link_confirm,
                        Action::person_link_reject,
                        Action::person_link_undo,
                        Action::contact_rate,
                        Action::contact_decide,
                        Action::dash_record,
                        Action::dash_view,
                        Action::configuration_view,
                        Action::screening_view,
                        Action::enquiry_basis_record,
                        Action::request_raise,
                        Action::request_queue,
                        Action::request_view,
                        Action::request_respond,
                        Action::response_read,
                        Action::redaction_record,
                        Action::disclosure_view,
                        Action::message_send,
                        Action::performance_view}) {
    for (const char* agency : {"police", "health", ""}) {
      EXPECT_FALSE(decide(police_system(), action, res(agency)).allowed)
          << action_name(action) << " " << agency;
    }
  }
}

TEST(Policy, TheCommandLineAdministersButReadsNoContacts) {
  const Actor operator_at_console{Actor::Kind::command_line, 0, "command-line", std::nullopt, ""};
  for (Action action : kActions) {
    const bool expected = action == Action::user_manage || action == Action::audit_verify ||
                          action == Action::source_records_import ||
                          action == Action::contact_restrict;
    EXPECT_EQ(decide(operator_at_console, action, res("police")).allowed, expected)
        << action_name(action);
  }
}

// The hub's configuration narrows who rates contacts: only the roles it names, and still never
// a role that may not rate at all.
TEST(Policy, TheConfigurationNarrowsWhoRates) {
  const std::vector<Role> configured = {Role::decision_maker, Role::hub_manager, Role::analyst};
  for (Role role : kRoles) {
    const Decision d =
        decide(user(role), Action::contact_rate, res("police", false, {}, configured));
    const bool expected = role == Role::decision_maker || role == Role::hub_manager;
    EXPECT_EQ(d.allowed, expected) << code_of(role) << ": " << d.reason;
  }
  EXPECT_EQ(action_name(Action::contact_rate), "contact.rate");
  for (Role role : kRoles) {
    const Decision d = decide(user(role), Action::contact_decide,
                              res("police", false, {}, {Role::decision_maker, Role::hub_manager}));
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
  EXPECT_FALSE(decide(no_agency, Action::contact_create, res("")).allowed);
}

TEST(Policy, ReasonsSayWhy) {
  EXPECT_EQ(decide(user(Role::agency_practitioner), Action::contact_view).reason,
            "Agency practitioners see contacts only through the information requests addressed "
            "to their agency");
  EXPECT_FALSE(
      decide(user(Role::hub_manager), Action::contact_view, res("police", true)).reason.empty());
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
      {Action::request_raise, "request.raise"},
      {Action::request_respond, "request.respond"},
      {Action::response_read, "response.read"},
      {Action::redaction_record, "redaction.record"},
      {Action::disclosure_view, "disclosure.view"},
      {Action::message_send, "message.send"},
      {Action::contact_restrict, "contact.restrict"},
      {Action::break_glass, "contact.break_glass"},
      {Action::break_glass_review, "break_glass.review"},
      {Action::performance_view, "performance.view"},
  };
  for (const auto& r : rows) EXPECT_EQ(action_name(r.action), r.name);
  for (Action a : kActions) EXPECT_NE(action_name(a), "unknown");
}

// --- research (issue 5) ------------------------------------------------------------------

Actor of(Role role, std::string agency, int64_t id = 7) {
  return {Actor::Kind::user, id, "someone", role, std::move(agency)};
}

Resource request_to(std::string agency,
                    std::vector<PresentingIssue> issues = {PresentingIssue::neglect}) {
  Resource r;
  r.agency = "police";  // the contact's sender
  r.addressed_to = std::move(agency);
  r.issues = std::move(issues);
  return r;
}

// A request is seen and answered by the agency it is addressed to, whether its user is an agency
// practitioner or a hub worker seconded from that agency; the hub's practitioners and auditors
// follow it; nobody else answers it.
TEST(PolicyResearch, RequestsAreSeenAndAnsweredByTheAgencyAskedAsATable) {
  struct Row {
    Role role;
    const char* agency;
    const char* addressed_to;
    std::vector<PresentingIssue> issues;
    bool view;
    bool respond;
  };
  const std::vector<PresentingIssue> neglect = {PresentingIssue::neglect};
  const std::vector<PresentingIssue> da = {PresentingIssue::domestic_abuse,
                                           PresentingIssue::neglect};
  const Row rows[] = {
      {Role::agency_practitioner, "health", "health", neglect, true, true},
      {Role::agency_practitioner, "health", "education", neglect, false, false},
      {Role::agency_practitioner, "education", "health", neglect, false, false},
      {Role::information_officer, "police", "police", neglect, true, true},   // seconded
      {Role::information_officer, "police", "health", neglect, true, false},  // follows only
      {Role::social_worker, "childrens_social_care", "health", neglect, true, false},
      {Role::decision_maker, "childrens_social_care", "health", neglect, true, false},
      {Role::referral_administrator, "childrens_social_care", "health", neglect, false, false},
      {Role::referral_administrator, "health", "health", neglect, false, false},
      {Role::auditor, "childrens_social_care", "health", neglect, true, false},
      {Role::analyst, "health", "health", neglect, false, false},
      {Role::system_administrator, "health", "health", neglect, false, false},
      // An IDVA's service answers domestic-abuse enquiries, and sees no other.
      {Role::agency_practitioner, "domestic_abuse_service", "domestic_abuse_service", da, true,
       true},
      {Role::agency_practitioner, "domestic_abuse_service", "domestic_abuse_service", neglect,
       false, false},
  };
  for (const Row& r : rows) {
    const Resource res = request_to(r.addressed_to, r.issues);
    const Decision view = decide(of(r.role, r.agency), Action::request_view, res);
    const Decision respond = decide(of(r.role, r.agency), Action::request_respond, res);
    EXPECT_EQ(view.allowed, r.view) << code_of(r.role) << "@" << r.agency << " viewing a request "
                                    << "to " << r.addressed_to << ": " << view.reason;
    EXPECT_EQ(respond.allowed, r.respond)
        << code_of(r.role) << "@" << r.agency << " answering a "
        << "request to " << r.addressed_to << ": " << respond.reason;
  }
  // Agency systems take no part in research (yet), whatever the request.
  for (Action a : {Action::request_view, Action::request_respond, Action::request_queue})
    EXPECT_FALSE(decide(police_system(), a, request_to("police")).allowed);
  // A restricted contact's request is hidden even from the agency asked, unless granted.
  Resource restricted = request_to("health");
  restricted.restricted = true;
  restricted.granted = {9};
  EXPECT_FALSE(
      decide(of(Role::agency_practitioner, "health", 7), Action::request_view, restricted).allowed);
  EXPECT_TRUE(
      decide(of(Role::agency_practitioner, "health", 9), Action::request_view, restricted).allowed);
}

Item item(const char* id, const char* agency, Sensitivity mark, const char* handling = "",
          std::vector<SpanRule> spans = {}) {
  return {id, agency, mark, handling, std::move(spans)};
}

// Who reads each item of an answer whole, by its mark, as a table: the reader's role and agency,
// the item's agency and mark (and handling code), and whether it is shown.
TEST(PolicyResearch, ItemsAreWithheldByTheirMarksAsATable) {
  struct Row {
    Role role;
    const char* agency;
    const char* item_agency;
    Sensitivity mark;
    const char* handling;
    bool visible;
  };
  using S = Sensitivity;
  const char* csc = "childrens_social_care";
  const Row rows[] = {
      {Role::information_officer, csc, "health", S::none, "", true},
      {Role::information_officer, csc, "health", S::health_confidential, "", false},
      {Role::information_officer, "health", "health", S::health_confidential, "", true},
      {Role::social_worker, "health", "education", S::health_confidential, "", true},
      {Role::decision_maker, csc, "health", S::health_confidential, "", true},
      {Role::hub_manager, csc, "health", S::health_confidential, "", true},
      {Role::auditor, csc, "health", S::health_confidential, "", true},
      {Role::information_officer, csc, "police", S::police_intelligence, "C", false},
      {Role::information_officer, csc, "police", S::police_intelligence, "P", true},
      {Role::information_officer, "police", "police", S::police_intelligence, "C", true},
      {Role::decision_maker, csc, "police", S::police_intelligence, "C", true},
      {Role::social_worker, csc, "housing", S::confidential_address, "", false},
      {Role::information_officer, "police", "housing", S::confidential_address, "", false},
      {Role::decision_maker, csc, "housing", S::confidential_address, "", true},
      {Role::information_officer, "housing", "housing", S::confidential_address, "", true},
      {Role::information_officer, csc, "health", S::third_party, "", true},
      {Role::information_officer, csc, "health", S::subject_unaware, "", true},
      // Agency practitioners never read another agency's items, whatever the mark.
      {Role::agency_practitioner, "education", "health", S::none, "", false},
      {Role::agency_practitioner, "health", "health", S::health_confidential, "", true},
      {Role::analyst, csc, "health", S::none, "", false},
  };
  for (const Row& r : rows) {
    const Item it = item("item:1", r.item_agency, r.mark, r.handling);
    EXPECT_EQ(item_visible(of(r.role, r.agency), it), r.visible)
        << code_of(r.role) << "@" << r.agency << " reading " << code_of(r.mark) << " from "
        << r.item_agency;
  }
}

// Reading an answer: allowed or not, and what to withhold, in one decision.
TEST(PolicyResearch, AReadSaysWhatToWithhold) {
  Resource r;
  r.agency = "police";
  r.items = {
      item("item:1", "health", Sensitivity::none, "",
           {{"span:1", {"police"}}, {"span:2", {"education"}}, {"span:3", {"*"}}}),
      item("item:2", "health", Sensitivity::health_confidential),
      item("item:3", "police", Sensitivity::none, "", {{"span:4", {"*"}}}),
  };
  const Decision police = decide(of(Role::information_officer, "police"), Action::response_read, r);
  ASSERT_TRUE(police.allowed);
  // Passages withheld from police and from everyone; the health-confidential item whole; nothing
  // of the police's own item.
  EXPECT_EQ(police.redact, (std::vector<std::string>{"span:1", "span:3", "item:2"}));
  const Decision dm =
      decide(of(Role::decision_maker, "childrens_social_care"), Action::response_read, r);
  EXPECT_EQ(dm.redact, (std::vector<std::string>{"span:3", "span:4"}));
  const Decision health = decide(of(Role::information_officer, "health"), Action::response_read, r);
  EXPECT_EQ(health.redact, (std::vector<std::string>{"span:4"}));
  // The data protection officer's oversight sees everything.
  EXPECT_TRUE(
      decide(of(Role::auditor, "childrens_social_care"), Action::response_read, r).redact.empty());
  // Agency practitioners do not read the hub's collected answers at all.
  EXPECT_FALSE(decide(of(Role::agency_practitioner, "health"), Action::response_read, r).allowed);
  EXPECT_FALSE(
      decide(of(Role::referral_administrator, "police"), Action::response_read, r).allowed);
}

// --- break-glass (issue 5) -----------------------------------------------------------------

// Who may open a restricted contact by break-glass, and what they may then do: every role × the
// break-glass actions and each read and write, on a restricted contact the user is not granted,
// with and without a break-glass access of their own that has not expired.
TEST(PolicyBreakGlass, WhoBreaksGlassAndWhatItOpensAsATable) {
  const int64_t me = 7, someone_else = 8;
  // The roles that may break glass: the hub's practitioners.
  const std::string breakers = "IO SW DM HM";
  const std::map<Role, std::string> abbreviation = {{Role::referral_administrator, "RA"},
                                                    {Role::information_officer, "IO"},
                                                    {Role::social_worker, "SW"},
                                                    {Role::decision_maker, "DM"},
                                                    {Role::hub_manager, "HM"},
                                                    {Role::agency_practitioner, "AP"},
                                                    {Role::analyst, "AN"},
                                                    {Role::auditor, "AU"},
                                                    {Role::system_administrator, "SA"}};
  const std::string reads = "VHWQMZOJ";  // the reads break-glass opens (letter() above)
  for (Role role : kRoles) {
    const bool may_break = breakers.find(abbreviation.at(role)) != std::string::npos;
    Resource restricted = res("police", true, {someone_else});
    EXPECT_EQ(decide(user(role, me), Action::break_glass, restricted).allowed, may_break)
        << code_of(role);
    const bool reviews = role == Role::hub_manager || role == Role::auditor;
    EXPECT_EQ(decide(user(role, me), Action::break_glass_review).allowed, reviews) << code_of(role);
    for (Action action : kActions) {
      const bool role_allows = kAllowed.at(role).find(letter(action)) != std::string::npos;
      const bool a_read = reads.find(letter(action)) != std::string::npos;
      EXPECT_EQ(reads_by_break_glass(action), a_read) << action_name(action);
      // Without break-glass: denied, as any restricted contact.
      Decision d = decide(user(role, me), action, restricted);
      EXPECT_FALSE(d.allowed) << code_of(role) << " " << action_name(action);
      EXPECT_FALSE(d.break_glass);
      // With someone else's break-glass: still denied.
      Resource theirs = restricted;
      theirs.broken_glass = {someone_else};
      EXPECT_FALSE(decide(user(role, me), action, theirs).allowed)
          << code_of(role) << " " << action_name(action) << " with another's break-glass";
      // With their own: the reads their role allows, marked; never a change.
      Resource mine = restricted;
      mine.broken_glass = {me};
      d = decide(user(role, me), action, mine);
      EXPECT_EQ(d.allowed, role_allows && a_read)
          << code_of(role) << " " << action_name(action) << " by break-glass: " << d.reason;
      EXPECT_EQ(d.break_glass, d.allowed) << code_of(role) << " " << action_name(action);
      if (d.allowed) {
        EXPECT_NE(d.reason.find("break-glass"), std::string::npos) << d.reason;
      }
      // Granted users are never marked as breaking glass.
      Resource granted = mine;
      granted.granted = {me};
      EXPECT_FALSE(decide(user(role, me), action, granted).break_glass);
    }
  }
  // Agency systems and the command line never break glass nor review it.
  EXPECT_FALSE(decide(police_system(), Action::break_glass, res("police", true)).allowed);
  EXPECT_FALSE(decide(police_system(), Action::break_glass_review).allowed);
  const Actor cli{Actor::Kind::command_line, 0, "command-line", std::nullopt, ""};
  EXPECT_FALSE(decide(cli, Action::break_glass, res("police", true)).allowed);
  EXPECT_FALSE(decide(cli, Action::break_glass_review).allowed);
}

// A user connected to a restricted contact (a relative's) neither breaks glass on it nor reviews
// break-glass access to it, whatever their role; others are unaffected.
TEST(PolicyBreakGlass, TheConnectedNeitherBreakGlassNorReview) {
  const int64_t me = 7, someone_else = 8;
  for (Role role : kRoles) {
    Resource connected = res("police", true, {someone_else});
    connected.excluded = {me};
    const Decision glass = decide(user(role, me), Action::break_glass, connected);
    EXPECT_FALSE(glass.allowed) << code_of(role);
    const Decision review = decide(user(role, me), Action::break_glass_review, connected);
    EXPECT_FALSE(review.allowed) << code_of(role);
    if (role == Role::hub_manager) {
      EXPECT_NE(glass.reason.find("connected"), std::string::npos) << glass.reason;
      EXPECT_NE(review.reason.find("connected"), std::string::npos) << review.reason;
    }
    Resource others = connected;
    others.excluded = {someone_else};
    EXPECT_EQ(
        decide(user(role, me), Action::break_glass, others).allowed,
        decide(user(role, me), Action::break_glass, res("police", true, {someone_else})).allowed)
        << code_of(role);
    EXPECT_EQ(decide(user(role, me), Action::break_glass_review, others).allowed,
              role == Role::hub_manager || role == Role::auditor)
        << code_of(role);
  }
}

// Break-glass opens the restriction, not the marks: items and passages are withheld from a
// user reading by break-glass as from anyone of their role.
TEST(PolicyBreakGlass, ItemsStayWithheldByTheirMarks) {
  Resource r = res("police", true, {8});
  r.broken_glass = {7};
  Item health{"item:1", "health", Sensitivity::health_confidential, "", {}};
  Item plain{"item:2", "health", Sensitivity::none, "", {SpanRule{"span:3", {"*"}}}};
  r.items = {health, plain};
  const Decision d =
      decide(of(Role::information_officer, "childrens_social_care"), Action::response_read, r);
  ASSERT_TRUE(d.allowed) << d.reason;
  EXPECT_TRUE(d.break_glass);
  EXPECT_EQ(d.redact, (std::vector<std::string>{"item:1", "span:3"}));
}

}  // namespace
}  // namespace mash::policy
