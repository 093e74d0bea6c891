// Who may see or do what. One pure decision function: every use case in app/ asks it before it
// reads or changes a person or a contact, and records the answer in the audit log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/codes.h"
#include "domain/research.h"

namespace mash::policy {

// Who is asking: a signed-in user, an agency system calling the API with its token, or the
// operator at the server's command line (who administers the hub but reads no contacts).
struct Actor {
  enum class Kind { user, agency_system, command_line };
  Kind kind = Kind::user;
  int64_t user_id = 0;       // 0 for an agency system or the command line
  std::string username;      // the user's username, or the token's name for an agency system
  std::optional<Role> role;  // empty for an agency system
  std::string agency;        // agency code
};

enum class Action {
  contact_create,          // record a new contact
  contact_list,            // see the front-door queue
  contact_view,            // open one contact
  contact_access_history,  // see who has viewed or changed a contact
  audit_verify,            // check the audit chain
  user_manage,             // add users, issue tokens
  source_records_import,   // load an agency's index of people in bulk
  person_match_view,       // see who a contact's subjects may be in every agency's records
  person_link_confirm,     // confirm that a subject and a record are one person
  person_link_reject,      // record that they are not
  person_link_undo,        // withdraw an earlier confirmation or rejection
  contact_rate,            // give a contact a rating (BRAG), or change it
  contact_decide,          // decide a contact's threshold and route (screening's decision)
  // DASH (issue 4)
  dash_record,         // record a DASH risk identification checklist for a contact
  dash_view,           // see a contact's DASH checklists: the victim's answers
  screening_view,      // see a contact's ratings, decisions, workers and clocks: the hub's own
                       // judgement, not what the sender sent
  configuration_view,  // see the hub's rules (GET /admin/configuration): no personal data
  // Multi-agency research (issue 5)
  enquiry_basis_record,  // record consent to sharing, or the lawful basis for sharing without it
  request_raise,         // ask agencies what they know (information requests of an enquiry)
  request_queue,         // see the requests addressed to one's own agency
  request_view,          // open one request: the subjects' identifying details and the question
  request_respond,       // answer a request: save a partial answer or send it
  response_read,         // read agencies' answers to a contact's requests (items as policy allows)
  redaction_record,      // withhold a passage of an answer from named agencies
  disclosure_view,       // see what was disclosed about a contact's subjects, to whom and why
  message_send,          // write in a request's secure message thread (reading it: request_view)
  contact_restrict,      // hide a contact from everyone but the staff named on it (the operator
                         // at the server's command line, for now)
  // Break-glass (issue 5): open a restricted contact one is not granted, after saying why.
  break_glass,         // state the reason and open it for a while (HubOptions::break_glass_minutes)
  break_glass_review,  // see every break-glass access and sign it off: the hub manager and the
                       // data-protection officer (auditors)
  // Outcome summaries (issue 5): what the hub tells the team a decided contact goes to.
  summary_send,  // send one: the hub's practitioners, to someone policy lets read the research
  summary_view,  // read one: its sender and its recipient (Resource::parties), and auditors
  // Performance figures (issue 5): counts about the hub's work, no personal data.
  performance_view,  // see how agencies answer information requests (timeliness)
};

// A passage of an item withheld from some agencies (a redaction), by its id.
struct SpanRule {
  std::string id;                       // "span:12"
  std::vector<std::string> recipients;  // agencies it is withheld from; "*": all but the author
};

// One item of an agency's answer, as policy needs to know it.
struct Item {
  std::string id;      // "item:7"
  std::string agency;  // the agency whose answer it is
  Sensitivity mark = Sensitivity::none;
  std::string handling_code;  // police intelligence: "P" or "C"
  std::vector<SpanRule> spans;
};

// What is known about the record being acted on. Empty for actions on no one record.
struct Resource {
  std::string agency;            // agency that sent or recorded it
  bool restricted = false;       // hidden from everyone not granted it
  std::vector<int64_t> granted;  // users granted a restricted record
  // Users holding a break-glass access to a restricted record that has not expired: they may
  // read it (not change it) as if granted, and each read is marked as break-glass.
  std::vector<int64_t> broken_glass;
  // Users named as connected to a restricted record (a relative's): they may not open it by
  // break-glass nor review break-glass access to it.
  std::vector<int64_t> excluded;
  // The roles the hub's configuration allows the action (who rates, who decides); empty: no
  // narrowing beyond the role's own rights.
  std::vector<Role> configured_roles;
  // An information request: the agency it is addressed to, and the contact's presenting issues
  // (an IDVA's service sees domestic-abuse enquiries only).
  std::string addressed_to;
  std::vector<PresentingIssue> issues;
  // response_read: the items to be read; the decision's `redact` names those withheld.
  std::vector<Item> items;
  // summary_view: the users a record was sent by and to.
  std::vector<int64_t> parties;
};

struct Decision {
  bool allowed = false;
  std::string reason;  // why, for the audit log and the 403 page
  // What to withhold from this actor: ids of whole items ("item:7") and of passages ("span:12").
  std::vector<std::string> redact;
  // Allowed only by the actor's break-glass access to a restricted record: app/ marks the audit
  // event as such, and the access is on the review page until it is signed off.
  bool break_glass = false;
};

// Hub staff may record, list and view contacts, see their access history, see the person matches
// of a contact's subjects (names and dates of birth from other agencies' records) and confirm,
// reject or undo links; an agency system
// may only create and view contacts whose `resource.agency` is its own (so pass the new
// contact's agency for contact_create too); a restricted resource is denied to anyone not in
// `granted`. The reason is a short sentence for the audit log and the 403 page.
//
// Research (issue 5): the hub's practitioners (not its referral administrators) record the basis
// for sharing and raise requests; a request is seen and answered by the users of the agency it is
// addressed to (an agency practitioner, or a hub worker seconded from that agency), and by the
// hub's staff; the domestic-abuse service's practitioners see only domestic-abuse enquiries.
// Hub staff and auditors read answers, with items withheld by their marks (see item_visible) and
// passages by their redactions; agency practitioners read only their own agency's answer.
Decision decide(const Actor& actor, Action action, const Resource& resource = {});

// Break-glass: hub practitioners (information officers, social workers, decision makers and hub
// managers, not referral administrators) may open a restricted record they are not granted by
// stating why (Action::break_glass, asked about the restricted record). While that access lasts
// (Resource::broken_glass names them) the reads their role allows are allowed with
// Decision::break_glass set: contact_view, contact_access_history, screening_view, dash_view,
// person_match_view, response_read, request_view and disclosure_view, and items and passages are
// withheld from them as from anyone. Nothing may be changed by break-glass: rating, deciding,
// linking, research and messages stay with those granted. Hub managers and auditors review
// break-glass accesses (Action::break_glass_review).
bool reads_by_break_glass(Action action);

// Whether the actor may read an item whole, by its mark: its own agency always; health-confidential
// items the health agency, decision makers, hub managers and auditors; police intelligence with
// handling code C the police, decision makers, hub managers and auditors (with P, the hub's staff);
// confidential addresses the item's agency, decision makers, hub managers and auditors;
// third-party and subject-unaware items the hub's staff and auditors. Agency practitioners read no
// other agency's items.
bool item_visible(const Actor& actor, const Item& item);

std::string_view action_name(Action a);  // "contact.view", … as written in the audit log

}  // namespace mash::policy
