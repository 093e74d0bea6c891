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

bool is_research_action(Action a) {
  return a == Action::enquiry_basis_record || a == Action::request_raise ||
         a == Action::request_queue || a == Action::request_view || a == Action::request_respond ||
         a == Action::response_read || a == Action::redaction_record ||
         a == Action::disclosure_view || a == Action::message_send || a == Action::summary_send ||
         a == Action::summary_view;
}

bool decides(Role r) { return r == Role::decision_maker || r == Role::hub_manager; }

// The domestic-abuse service (its IDVAs) is asked about domestic abuse, nothing else.
bool outside_remit(const Actor& actor, const Resource& resource) {
  return actor.agency == "domestic_abuse_service" && actor.role == Role::agency_practitioner &&
         std::find(resource.issues.begin(), resource.issues.end(),
                   PresentingIssue::domestic_abuse) == resource.issues.end();
}

// Research: what an enquiry asks of agencies and what they answer (issue 5).
Decision decide_research(const Actor& actor, Action action, const Resource& resource) {
  const Role role = *actor.role;
  const bool hub = is_hub_role(role);
  const bool practitioner = hub && role != Role::referral_administrator;
  const bool addressed = !resource.addressed_to.empty() && actor.agency == resource.addressed_to &&
                         (role == Role::agency_practitioner || practitioner);
  switch (action) {
    case Action::enquiry_basis_record:
    case Action::request_raise:
      if (practitioner) return allow("The hub's practitioners research enquiries with agencies");
      return deny("Only the hub's practitioners ask agencies for information");
    case Action::request_queue:
      if (role == Role::agency_practitioner || practitioner)
        return allow("Practitioners see the requests addressed to their own agency");
      return deny("This role answers no information requests");
    case Action::request_view:
    case Action::request_respond:
      if (addressed) {
        if (outside_remit(actor, resource))
          return deny("The domestic-abuse service is asked about domestic-abuse enquiries only");
        return allow("The request is addressed to the user's agency");
      }
      if (action == Action::request_view && (practitioner || role == Role::auditor))
        return allow("The hub's practitioners and auditors follow the requests of an enquiry");
      return deny("Only the agency a request is addressed to sees and answers it");
    case Action::response_read:
      if (practitioner || role == Role::auditor)
        return allow("The hub reads agencies' answers, withheld where their marks say");
      return deny("Agencies read their own answers, not other agencies'");
    case Action::redaction_record:
      if (addressed || decides(role))
        return allow("The answering agency and the hub's decision makers withhold passages");
      return deny("Only the agency that answered, or a decision maker, withholds a passage");
    case Action::message_send:
      // Between the agency asked and the hub's practitioners: auditors read, they do not write.
      if (addressed) {
        if (outside_remit(actor, resource))
          return deny("The domestic-abuse service is asked about domestic-abuse enquiries only");
        return allow("The agency asked and the hub write to each other about the request");
      }
      if (practitioner) return allow("The hub's practitioners write to the agencies they ask");
      return deny("Only the agency asked and the hub's practitioners write about a request");
    case Action::disclosure_view:
      if (practitioner || role == Role::auditor)
        return allow("The hub's practitioners and auditors see what was disclosed, and why");
      return deny("This role does not see disclosures");
    case Action::summary_send:
      if (practitioner) return allow("The hub's practitioners tell the receiving team the outcome");
      return deny("Only the hub's practitioners send outcome summaries");
    case Action::summary_view:
      if (role == Role::auditor) return allow("Auditors oversee what the hub sent, and to whom");
      if (practitioner && std::find(resource.parties.begin(), resource.parties.end(),
                                    actor.user_id) != resource.parties.end())
        return allow("The summary was sent by or to the user");
      return deny(
          "Only its sender and its recipient, while hub practitioners, and auditors read an "
          "outcome summary");
    default:
      return deny("Not a research action");
  }
}

// Passages withheld from the actor: those whose recipients name the actor's agency (or all but
// the author), unless the item is the actor's own agency's.
bool span_applies(const Actor& actor, const Item& item, const SpanRule& span) {
  if (actor.role == Role::auditor || actor.agency == item.agency) return false;
  return std::any_of(span.recipients.begin(), span.recipients.end(),
                     [&](const std::string& r) { return r == "*" || r == actor.agency; });
}

// Who may break glass, and who reviews it.
Decision decide_break_glass(const Actor& actor, Action action, const Resource& resource) {
  const Role role = *actor.role;
  const bool connected = std::find(resource.excluded.begin(), resource.excluded.end(),
                                   actor.user_id) != resource.excluded.end();
  if (action == Action::break_glass_review) {
    if (role != Role::hub_manager && role != Role::auditor)
      return deny("Only hub managers and auditors review break-glass access");
    if (connected)
      return deny(
          "You are named as connected to this contact: another reviewer reviews its "
          "break-glass access");
    return allow("The hub manager and the data-protection officer review break-glass access");
  }
  if (!is_hub_role(role) || role == Role::referral_administrator)
    return deny("Only the hub's practitioners may open a restricted contact by break-glass");
  if (connected)
    return deny("You are named as connected to this contact: you may not open it by break-glass");
  if (std::find(resource.granted.begin(), resource.granted.end(), actor.user_id) !=
      resource.granted.end())
    return allow("The user is granted this contact: there is no glass to break");
  return allow(
      "A hub practitioner may open a restricted contact by break-glass, saying why; it is "
      "reviewed");
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
    if (action == Action::performance_view)
      return allow("Hub staff see how partners answer the hub: figures, no personal data");
    return deny("Hub staff do not verify the audit log, manage users or load agencies' indexes");
  }
  switch (role) {
    case Role::agency_practitioner:
      return deny(
          "Agency practitioners see contacts only through the information requests addressed "
          "to their agency");
    case Role::analyst:
      // The rules (timescales, working hours) are what their figures are measured against.
      if (action == Action::configuration_view)
        return allow("Analysts read the hub's rules their figures are measured against");
      if (action == Action::performance_view)
        return allow("Analysts measure the hub's work: figures, no personal data");
      return deny("Analysts see figures about contacts, not individual contacts");
    case Role::auditor:
      // Oversight by the data protection officer: what was recorded and who saw it.
      if (action == Action::contact_view || action == Action::contact_access_history ||
          action == Action::audit_verify || action == Action::dash_view ||
          action == Action::configuration_view || action == Action::screening_view ||
          action == Action::performance_view)
        return allow(
            "Auditors oversee contacts, who saw them, the audit log, the hub's rules and its "
            "figures");
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
    // Restricting a contact (a hub employee's relative, a high-profile person) is an
    // administrator's act, on the hub manager's word: it reads nothing of the contact.
    if (action == Action::contact_restrict)
      return allow("The operator at the server's command line restricts contacts");
    return deny("The command line does not read or record contacts");
  }
  if (actor.kind == Actor::Kind::agency_system) {
    if (actor.agency.empty()) return deny("The agency system is not known");
    d = decide_for_agency_system(actor, action, resource);
  } else {
    if (actor.user_id <= 0 || !actor.role) return deny("The user is not known or not active");
    if (action == Action::break_glass || action == Action::break_glass_review)
      return decide_break_glass(actor, action, resource);
    d = is_research_action(action) ? decide_research(actor, action, resource)
                                   : decide_for_role(*actor.role, action);
  }
  if (d.allowed && !resource.configured_roles.empty() && actor.role &&
      std::find(resource.configured_roles.begin(), resource.configured_roles.end(), *actor.role) ==
          resource.configured_roles.end())
    return deny("The hub's configuration does not let this role do this");
  if (d.allowed && resource.restricted) {
    const bool granted =
        actor.user_id > 0 && std::find(resource.granted.begin(), resource.granted.end(),
                                       actor.user_id) != resource.granted.end();
    if (!granted) {
      const bool broken = actor.user_id > 0 && reads_by_break_glass(action) &&
                          std::find(resource.broken_glass.begin(), resource.broken_glass.end(),
                                    actor.user_id) != resource.broken_glass.end();
      if (!broken) {
        const bool reading_by_glass =
            actor.user_id > 0 &&
            std::find(resource.broken_glass.begin(), resource.broken_glass.end(), actor.user_id) !=
                resource.broken_glass.end();
        return deny(reading_by_glass
                        ? "Break-glass opens a restricted contact to read, not to change: only "
                          "the staff named on it may"
                        : "This contact is restricted to the staff named on it");
      }
      d.break_glass = true;
      d.reason = "Opened by break-glass: " + d.reason;
    }
  }
  if (d.allowed && action == Action::response_read) {
    for (const Item& item : resource.items) {
      if (!item_visible(actor, item)) {
        d.redact.push_back(item.id);
        continue;
      }
      for (const SpanRule& span : item.spans)
        if (span_applies(actor, item, span)) d.redact.push_back(span.id);
    }
  }
  return d;
}

bool reads_by_break_glass(Action action) {
  switch (action) {
    case Action::contact_view:
    case Action::contact_access_history:
    case Action::screening_view:
    case Action::dash_view:
    case Action::person_match_view:
    case Action::response_read:
    case Action::request_view:
    case Action::disclosure_view:
      return true;
    default:
      return false;
  }
}

bool item_visible(const Actor& actor, const Item& item) {
  if (!actor.role) return false;
  const Role role = *actor.role;
  if (actor.agency == item.agency) return true;
  if (role == Role::auditor) return true;
  if (!is_hub_role(role)) return false;
  switch (item.mark) {
    case Sensitivity::none:
    case Sensitivity::third_party:
    case Sensitivity::subject_unaware:
      return true;
    case Sensitivity::health_confidential:
      return actor.agency == "health" || decides(role);
    case Sensitivity::police_intelligence:
      return item.handling_code == "P" || actor.agency == "police" || decides(role);
    case Sensitivity::confidential_address:
      return decides(role);
  }
  return false;
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
    case Action::enquiry_basis_record:
      return "enquiry.basis_record";
    case Action::request_raise:
      return "request.raise";
    case Action::request_queue:
      return "request.queue";
    case Action::request_view:
      return "request.view";
    case Action::request_respond:
      return "request.respond";
    case Action::response_read:
      return "response.read";
    case Action::redaction_record:
      return "redaction.record";
    case Action::disclosure_view:
      return "disclosure.view";
    case Action::message_send:
      return "message.send";
    case Action::contact_restrict:
      return "contact.restrict";
    case Action::break_glass:
      return "contact.break_glass";
    case Action::break_glass_review:
      return "break_glass.review";
    case Action::summary_send:
      return "summary.send";
    case Action::summary_view:
      return "summary.view";
    case Action::performance_view:
      return "performance.view";
  }
  return "unknown";
}

}  // namespace mash::policy
