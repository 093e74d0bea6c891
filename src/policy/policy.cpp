#include "policy/policy.h"

#include <algorithm>

#include "domain/user.h"

namespace mash::policy {

namespace {

Decision allow(std::string reason) { return {true, std::move(reason), {}}; }
Decision deny(std::string reason) { return {false, std::move(reason), {}}; }

bool is_contact_action(Action a) {
  return a == Action::contact_create || a == Action::contact_list || a == Action::contact_view ||
         a == Action::contact_access_history;
}

bool is_person_action(Action a) {
  return a == Action::person_match_view || a == Action::person_link_confirm ||
         a == Action::person_link_reject || a == Action::person_link_undo;
}

// What an agency system (a token, not a person) may do: send contacts and read back what it
// sent, so an integrator can check its feed. Nothing about anyone else's contacts.
Decision decide_for_agency_system(const Actor& actor, Action action, const Resource& resource) {
  if (action != Action::contact_create && action != Action::contact_view)
    return deny("Agency systems may only send contacts and read back the contacts they sent");
  if (resource.agency.empty() || resource.agency != actor.agency)
    return deny("Agency systems may only send and read back contacts from their own agency");
  return allow("An agency system may send and read back its own agency's contacts");
}

Decision decide_for_role(Role role, Action action) {
  if (is_hub_role(role)) {
    if (is_contact_action(action)) return allow("Hub staff record and see contacts");
    // Finding who a subject is in every agency's records is the front door's screening work.
    if (is_person_action(action))
      return allow("Hub staff screen contacts: they match subjects to agencies' records");
    if (action == Action::contact_rate)
      return allow("Hub staff screen contacts: they rate them, as the hub's configuration allows");
    if (action == Action::contact_decide)
      return allow(
          "Hub staff decide where contacts go, as the hub's configuration allows (its decision "
          "makers by default)");
    // DASH: the hub's screening of a domestic-abuse contact. Who records one is narrowed further
    // by the configuration (app/ passes the roles that may rate: those who judge risk). Agency
    // practitioners (an IDVA, a police officer) do not record here: they cannot open the contact
    // until information requests exist; a DASH they completed reaches the hub with the contact.
    if (action == Action::dash_record || action == Action::dash_view)
      return allow("Hub staff screen domestic-abuse contacts with the DASH checklist");
    if (action == Action::configuration_view)
      return allow("Hub staff work to the hub's rules and may read them");
    if (action == Action::screening_view)
      return allow("Hub staff see how contacts were screened: ratings, decisions and clocks");
    return deny("Hub staff do not verify the audit log, manage users or load agencies' indexes");
  }
  switch (role) {
    case Role::agency_practitioner:
      return deny(
          "Agency practitioners see contacts through information requests, which are not "
          "available yet");
    case Role::analyst:
      // The rules (timescales, working hours) are what their figures are measured against.
      if (action == Action::configuration_view)
        return allow("Analysts read the hub's rules their figures are measured against");
      return deny("Analysts see figures about contacts, not individual contacts");
    case Role::auditor:
      // Oversight by the data protection officer: what was recorded and who saw it.
      if (action == Action::contact_view || action == Action::contact_access_history ||
          action == Action::audit_verify || action == Action::dash_view ||
          action == Action::configuration_view || action == Action::screening_view)
        return allow("Auditors oversee contacts, who saw them, the audit log and the hub's rules");
      // Matches show other agencies' records about people: oversight reads the audit log of
      // who confirmed what, not the records themselves.
      return deny(
          "Auditors oversee the hub's work but do not record or list contacts or match people");
    case Role::system_administrator:
      if (action == Action::user_manage || action == Action::audit_verify ||
          action == Action::source_records_import)
        return allow(
            "System administrators manage users, load agencies' indexes and verify the audit "
            "log");
      // They deploy the configuration file, so they may check what the hub read from it.
      if (action == Action::configuration_view)
        return allow("System administrators check the configuration the hub is running with");
      return deny("System administrators do not see the content of contacts");
    default:
      return deny("This role has no access");
  }
}

}  // namespace

Decision decide(const Actor& actor, Action action, const Resource& resource) {
  Decision d;
  if (actor.kind == Actor::Kind::command_line) {
    if (action == Action::user_manage || action == Action::audit_verify ||
        action == Action::source_records_import)
      return allow("The operator at the server's command line administers the hub");
    return deny("The command line does not read or record contacts");
  }
  if (actor.kind == Actor::Kind::agency_system) {
    if (actor.agency.empty()) return deny("The agency system is not known");
    d = decide_for_agency_system(actor, action, resource);
  } else {
    if (actor.user_id <= 0 || !actor.role) return deny("The user is not known or not active");
    d = decide_for_role(*actor.role, action);
  }
  if (d.allowed && !resource.configured_roles.empty() && actor.role &&
      std::find(resource.configured_roles.begin(), resource.configured_roles.end(), *actor.role) ==
          resource.configured_roles.end())
    return deny("The hub's configuration does not let this role do this");
  if (d.allowed && resource.restricted) {
    const bool granted =
        actor.user_id > 0 && std::find(resource.granted.begin(), resource.granted.end(),
                                       actor.user_id) != resource.granted.end();
    if (!granted) return deny("This contact is restricted to the staff named on it");
  }
  return d;
}

std::string_view action_name(Action a) {
  switch (a) {
    case Action::contact_create:
      return "contact.create";
    case Action::contact_list:
      return "contact.list";
    case Action::contact_view:
      return "contact.view";
    case Action::contact_access_history:
      return "contact.access_history";
    case Action::audit_verify:
      return "audit.verify";
    case Action::user_manage:
      return "user.manage";
    case Action::source_records_import:
      return "source_records.import";
    case Action::person_match_view:
      return "person_match.view";
    case Action::person_link_confirm:
      return "person_link.confirm";
    case Action::person_link_reject:
      return "person_link.reject";
    case Action::contact_rate:
      return "contact.rate";
    case Action::contact_decide:
      return "contact.decide";
    case Action::person_link_undo:
      return "person_link.undo";
    case Action::dash_record:
      return "dash.record";
    case Action::dash_view:
      return "dash.view";
    case Action::configuration_view:
      return "configuration.view";
    case Action::screening_view:
      return "screening.view";
  }
  return "unknown";
}

}  // namespace mash::policy
