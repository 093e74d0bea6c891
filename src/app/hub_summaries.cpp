// Outcome summaries (issue 5): what the hub tells the team a decided contact goes to, as policy
// lets that team's worker read it, each answer in it recorded as a disclosure. See
// app/research.h.
#include <algorithm>
#include <map>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "app/research.h"
#include "app/research_impl.h"
#include "audit/audit.h"
#include "domain/london_time.h"
#include "domain/screening.h"
#include "store/accounts.h"
#include "store/contacts.h"
#include "store/decisions.h"
#include "store/research.h"
#include "store/summaries.h"

namespace mash::app {

using policy::Action;
using namespace research_detail;

namespace {

constexpr size_t kMaxPurpose = 200;
constexpr size_t kMaxNote = 2000;
constexpr int kInboxLimit = 100;

// "2026-12-07 14:02" in London.
std::string minute_of(const Timestamp& t) {
  const std::string s = to_rfc3339(t);
  return s.size() >= 16 ? s.substr(0, 10) + " " + s.substr(11, 5) : s;
}

std::string item_line(const ResponseItem& item) {
  std::string head;
  switch (item.kind) {
    case ItemKind::summary:
      head = "Summary";
      break;
    case ItemKind::risk: {
      const RiskIndicator* r = risk_indicator(item.indicator);
      head = "Risk" + (item.indicator.empty()
                           ? std::string{}
                           : " (" + std::string(r ? r->label : item.indicator) + ")");
      break;
    }
    case ItemKind::chronology:
      head = "Chronology " + item.occurred_on +
             (item.source_system.empty() ? std::string{} : " (" + item.source_system + ")");
      break;
  }
  if (!item.withheld && item.sensitivity != Sensitivity::none)
    head += " [" + std::string(label_of(item.sensitivity)) + "]";
  return "  " + head + ": " + item.text + "\n";
}

OutcomeSummary summary_of(const store::SummaryRow& r, bool with_body) {
  OutcomeSummary s;
  s.id = r.id;
  s.contact_id = r.contact_id;
  s.decision_id = r.decision_id;
  s.to_username = r.to_username;
  s.to_agency = r.to_agency;
  s.sent_by = r.sent_by;
  s.sent_by_agency = r.sent_by_agency;
  s.purpose = r.purpose;
  if (with_body) {
    s.note = r.note;
    s.body = r.body;
  }
  s.sent_at = london(r.sent_at, r.sent_epoch);
  return s;
}

}  // namespace

namespace research_detail {
std::vector<OutcomeSummary> contact_summaries(store::Tx& tx, int64_t contact_id) {
  std::vector<OutcomeSummary> out;
  for (const store::SummaryRow& r : store::summaries_of_contact(tx, contact_id, kInboxLimit))
    out.push_back(summary_of(r, false));
  return out;
}
}  // namespace research_detail

Result<OutcomeSummary> Research::send_summary(const Actor& actor, int64_t contact_id,
                                              const SummaryDraft& draft) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(contact_id);
  const std::string audit_purpose = "telling the receiving team the outcome of contact " + id;
  if (auto d = could_ever(actor, Action::summary_send); !d.allowed)
    return hub.refuse(actor, Action::summary_send, kContactRecord, id, audit_purpose, d);
  std::vector<FieldError> errors;
  const std::string to = trimmed(draft.to);
  const std::string purpose = trimmed(draft.purpose);
  const std::string note = trimmed(draft.note);
  if (to.empty())
    errors.push_back({"to", "Enter the username of the worker on the receiving team"});
  else if (to == actor.username)
    errors.push_back({"to", "Send the summary to the receiving team's worker, not to yourself"});
  if (purpose.empty())
    errors.push_back({"purpose", "Say what the summary is for, for the disclosure record"});
  else if (purpose.size() > kMaxPurpose)
    errors.push_back({"purpose", "The purpose must be 200 characters or fewer"});
  if (note.size() > kMaxNote)
    errors.push_back({"note", "The note must be 2,000 characters or fewer"});

  const HubConfig& config = hub.options.config;
  const Timestamp now = hub.clock.now();
  std::optional<OutcomeSummary> out;
  std::optional<Error> failed;
  hub.db.transact([&](store::Tx& tx) {
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const policy::Resource resource = hub.request_resource(tx, *contact, "");
    const policy::Decision allowed = policy::decide(actor, Action::summary_send, resource);
    if (!allowed.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::summary_send), kContactRecord,
                                  id, audit_purpose, false, allowed.reason));
      failed = Error::forbidden(allowed.reason);
      return;
    }
    const auto decisions = store::decisions_of(tx, contact_id);
    const auto route = decisions.empty() ? std::nullopt : parse_route(decisions.back().route);
    if (!route || !ends_screening(*route)) {
      failed = conflict("Contact " + id +
                        " has not been decided yet: send its outcome summary once the decision "
                        "says where it goes");
      return;
    }
    // The recipient reads the research as policy lets them, by their own grants, never by a
    // break-glass access of theirs.
    std::optional<Actor> recipient;
    policy::Resource theirs = resource;
    theirs.broken_glass.clear();
    if (!to.empty() && to != actor.username) {
      auto user = store::find_user(tx, to);
      if (!user || !user->user.active) {
        errors.push_back({"to", "There is no active user with the username \"" + to + "\""});
      } else {
        recipient = Actor{Actor::Kind::user, user->user.id, user->user.username, user->user.role,
                          user->user.agency};
        // Someone who could send it too: a hub practitioner granted the contact, who reads the
        // research by policy (not an auditor, who reads everything unredacted).
        policy::Decision may = policy::decide(*recipient, Action::summary_send, theirs);
        if (may.allowed) may = policy::decide(*recipient, Action::response_read, theirs);
        if (!may.allowed)
          errors.push_back({"to", to + " may not read this contact's research (" + may.reason +
                                      "): send the summary to someone who may"});
      }
    }
    if (!errors.empty()) {
      failed = Error::invalid(std::move(errors), "The summary has not been sent");
      return;
    }

    const store::DecisionRow& decision = decisions.back();
    const auto basis = store::latest_basis(tx, contact_id);
    std::string body = "Outcome of contact " + id + "\n\nSubjects\n";
    for (const Subject& s : contact->subjects)
      body += "  " + display_name(s) + ", " + std::string(label_of(s.role)) +
              (s.date_of_birth ? ", born " + to_iso(*s.date_of_birth) : std::string{}) + "\n";
    const ThresholdLevel* level = config.threshold(decision.threshold);
    body += "\nDecision\n  " + std::string(label_of(*route)) + ", threshold " +
            std::to_string(decision.threshold) + (level ? " (" + level->name + ")" : "") +
            (decision.worker.empty() ? std::string{} : ", to " + decision.worker) + "\n  By " +
            decision.decided_by + " on " +
            minute_of(london(decision.decided_at, decision.decided_epoch)) +
            "\n  Why: " + decision.rationale + "\n";
    if (basis) {
      const EnquiryBasis b = basis_of(*basis, config);
      body += "\nBasis for sharing\n  " +
              (b.consent == ConsentStatus::given
                   ? std::string("The family consented")
                   : "Without consent: " + b.lawful_basis_name + "\n  Why: " + b.reason) +
              "\n";
    }
    const auto agencies = store::list_agencies(tx);
    std::vector<std::string> detail;
    size_t withheld = 0;
    for (const store::RequestRow& row : store::requests_of(tx, contact_id)) {
      InformationRequest req = request_of(row, *contact, agencies, now);
      body += "\n" + req.agency_name + "\n";
      if (req.status != RequestStatus::answered) {
        body += "  Not answered when this was sent\n";
        continue;
      }
      body += "  Answered by " + req.answered_by +
              (req.answered_at ? " on " + minute_of(*req.answered_at) : std::string{}) + "\n";
      for (const RequestSubject& s : req.subjects)
        if (s.known != Known::unanswered)
          body += "  " + display_name(s.person) + ": " + std::string(label_of(s.known)) + "\n";
      const auto items = store::items_of(tx, row.id);
      const auto redactions = store::redactions_of_request(tx, row.id);
      policy::Resource read = theirs;
      read.items = policy_items(row.agency, items, redactions);
      const policy::Decision d = policy::decide(*recipient, Action::response_read, read);
      fill_items(req, items, redactions, d.redact, false);
      for (const ResponseItem& item : req.items) body += item_line(item);
      withheld += d.redact.size();
      if (!items.empty() && recipient->agency != row.agency)
        detail.push_back(record_read(tx, *recipient, contact_id, row, items, d.redact, purpose,
                                     basis_code(basis), now, "summary"));
    }

    store::SummaryRow row;
    row.contact_id = contact_id;
    row.decision_id = decision.id;
    row.to_username = recipient->username;
    row.to_agency = recipient->agency;
    row.sent_by = actor.username;
    row.sent_by_agency = actor.agency;
    row.purpose = purpose;
    row.note = note;
    row.body = std::move(body);
    row.sent_at = to_rfc3339(in_london_offset(now));
    row.sent_epoch = now.epoch_seconds;
    store::insert_summary(tx, row);

    store::NotificationRow n;
    n.recipient = recipient->username;
    n.kind = "summary";
    n.contact_id = contact_id;
    n.message = "An outcome summary of contact " + id + " was sent to you.";
    n.created_at = row.sent_at;
    n.created_epoch = now.epoch_seconds;
    store::insert_notification(tx, n);

    // The hub's purpose in the audit log; the sender's words stay in the disclosure record.
    audit::append(tx,
                  hub.event(actor, policy::action_name(Action::summary_send), kContactRecord, id,
                            audit_purpose, true,
                            "summary " + std::to_string(row.id) + " to " + row.to_username + " (" +
                                row.to_agency + "); withheld " + std::to_string(withheld) +
                                (detail.empty() ? "" : "; " + join(detail, "; "))));
    out = summary_of(row, true);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no contact " + id);
  return *out;
}

Result<std::vector<OutcomeSummary>> Research::summaries(const Actor& actor) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string purpose = "outcome summaries sent to me or by me";
  if (actor.kind != Actor::Kind::user || actor.user_id <= 0 || !actor.role)
    return hub.refuse(actor, Action::summary_view, kContactRecord, "", purpose,
                      policy::Decision{false, "Only signed-in users have outcome summaries", {}});
  std::vector<OutcomeSummary> out;
  hub.db.transact([&](store::Tx& tx) {
    // Each read against its contact, so that the child's access history shows it.
    std::map<int64_t, std::vector<std::string>> read;
    for (const store::SummaryRow& row : store::summaries_of_user(tx, actor.username, kInboxLimit)) {
      auto contact = store::find_contact(tx, row.contact_id);
      if (!contact) continue;
      policy::Resource r = hub.resource_of(tx, *contact);
      r.broken_glass.clear();
      for (const std::string& who : {row.to_username, row.sent_by})
        if (who == actor.username) r.parties.push_back(actor.user_id);
      // A restricted contact's summaries only while the reader is granted it.
      if (!policy::decide(actor, Action::summary_view, r).allowed) continue;
      // What it says is the recipient's (and an auditor's): it holds what policy lets the
      // recipient read, which may be more than its sender may.
      OutcomeSummary shown =
          summary_of(row, row.to_username == actor.username || actor.role == Role::auditor);
      shown.note = row.note;  // the sender's own words
      out.push_back(std::move(shown));
      read[row.contact_id].push_back(std::to_string(row.id));
    }
    for (const auto& [contact_id, ids] : read)
      audit::append(tx,
                    hub.event(actor, policy::action_name(Action::summary_view), kContactRecord,
                              std::to_string(contact_id), purpose, true, "summaries " + join(ids)));
    if (read.empty())
      audit::append(tx, hub.event(actor, policy::action_name(Action::summary_view), kContactRecord,
                                  "", purpose, true, "no summaries"));
  });
  return out;
}

}  // namespace mash::app
