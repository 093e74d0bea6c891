// Multi-agency research (issue 5): an agency's answer, saved part-way or sent, and passages of it
// withheld from named agencies. See app/research.h.
#include <algorithm>
#include <map>
#include <set>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "app/research.h"
#include "app/research_impl.h"
#include "audit/audit.h"
#include "domain/london_time.h"
#include "domain/working_time.h"
#include "store/accounts.h"
#include "store/contacts.h"
#include "store/decisions.h"
#include "store/persons.h"
#include "store/ratings.h"
#include "store/research.h"

namespace mash::app {

using policy::Action;
using namespace research_detail;

namespace {

constexpr size_t kMaxReason = 1000;
constexpr size_t kMaxItemText = 4000;
constexpr size_t kMaxItems = 500;

// Each problem with an answer as sent; `complete` for one being sent.
std::vector<FieldError> check_response(const ResponseDraft& draft, const store::RequestRow& req,
                                       bool complete, const Timestamp& now,
                                       std::vector<store::ItemRow>& items) {
  std::vector<FieldError> errors;
  std::set<int64_t> subjects;
  for (const auto& s : req.subjects) subjects.insert(s.first);
  for (const auto& [subject, known] : draft.known) {
    if (!subjects.count(subject)) {
      errors.push_back(
          {"known." + std::to_string(subject),
           "Subject " + std::to_string(subject) + " is not one this request asks about"});
      continue;
    }
    if (!parse_known(known))
      errors.push_back({"known." + std::to_string(subject),
                        "Say whether your agency knows this subject: known or not_known"});
  }
  if (complete)
    for (int64_t subject : subjects) {
      auto it = draft.known.find(subject);
      if (it == draft.known.end() || it->second.empty())
        errors.push_back({"known." + std::to_string(subject),
                          "Say whether your agency knows each subject before sending the answer"});
    }
  if (draft.items.size() > kMaxItems)
    errors.push_back({"items", "An answer may have at most 500 items: send the rest in a message"});
  size_t summaries = 0;
  for (size_t i = 0; i < draft.items.size() && i < kMaxItems; ++i) {
    const ResponseDraft::Item& in = draft.items[i];
    const std::string at = "items[" + std::to_string(i) + "]";
    store::ItemRow row;
    const std::string text = trimmed(in.text);
    const bool blank = trimmed(in.kind).empty() && text.empty() && trimmed(in.indicator).empty() &&
                       trimmed(in.occurred_on).empty() && trimmed(in.source_system).empty();
    if (blank) continue;  // an empty row of a form: nothing to keep
    auto kind = parse_item_kind(trimmed(in.kind));
    if (!kind) {
      errors.push_back({at + ".kind", "Say what the item is: summary, risk or chronology"});
      continue;
    }
    row.kind = std::string(code_of(*kind));
    if (*kind == ItemKind::summary && ++summaries > 1)
      errors.push_back({at + ".kind", "An answer has one summary: put the rest in it"});
    row.body = text;
    if (text.size() > kMaxItemText)
      errors.push_back({at + ".text", "An item's text must be 4,000 characters or fewer"});
    if (complete && text.empty() && *kind != ItemKind::risk)
      errors.push_back({at + ".text", *kind == ItemKind::summary
                                          ? "Write a summary of what your agency knows"
                                          : "Say what happened in this chronology entry"});
    const std::string sid = trimmed(in.subject_id);
    if (!sid.empty()) {
      int64_t id = 0;
      try {
        id = std::stoll(sid);
      } catch (...) {
        id = -1;
      }
      if (!subjects.count(id))
        errors.push_back({at + ".subject_id", "Choose one of the request's subjects, or none"});
      else
        row.subject_id = id;
    }
    const std::string mark = trimmed(in.sensitivity);
    auto sensitivity =
        mark.empty() ? std::optional<Sensitivity>(Sensitivity::none) : parse_sensitivity(mark);
    if (!sensitivity) {
      std::string codes;
      for (Sensitivity s : all_sensitivities())
        codes += (codes.empty() ? "" : ", ") + std::string(code_of(s));
      errors.push_back({at + ".sensitivity", "Choose the item's sensitivity: " + codes});
    } else {
      row.sensitivity = std::string(code_of(*sensitivity));
    }
    const std::string handling = trimmed(in.handling_code);
    if (sensitivity == Sensitivity::police_intelligence) {
      if (!valid_handling_code(handling))
        errors.push_back({at + ".handling_code",
                          "Give police intelligence its handling code: P (lawful sharing "
                          "permitted) or C (lawful sharing permitted with conditions)"});
      row.handling_code = handling;
    } else if (!handling.empty()) {
      errors.push_back({at + ".handling_code", "Only police intelligence has a handling code"});
    }
    if (*kind == ItemKind::risk) {
      row.indicator = trimmed(in.indicator);
      if (!risk_indicator(row.indicator) && (complete || !row.indicator.empty())) {
        std::string codes;
        for (const RiskIndicator& r : risk_indicators())
          codes += (codes.empty() ? "" : ", ") + std::string(r.code);
        errors.push_back({at + ".indicator", "Choose the risk indicator: " + codes});
      }
    } else if (!trimmed(in.indicator).empty()) {
      errors.push_back({at + ".indicator", "Only a risk item has an indicator"});
    }
    if (*kind == ItemKind::chronology) {
      row.occurred_on = trimmed(in.occurred_on);
      row.source_system = trimmed(in.source_system);
      auto date = parse_iso_date(row.occurred_on);
      if (!row.occurred_on.empty() && !date)
        errors.push_back(
            {at + ".occurred_on", "Enter the date it happened as a real date, such as 2026-03-27"});
      else if (date && *date > local_date(in_london_offset(now)))
        errors.push_back({at + ".occurred_on", "The date it happened must be today or earlier"});
      else if (complete && !date)
        errors.push_back({at + ".occurred_on", "Enter the date it happened"});
      if (row.source_system.size() > 100)
        errors.push_back({at + ".source_system", "Name the system in 100 characters or fewer"});
      else if (complete && row.source_system.empty())
        errors.push_back({at + ".source_system",
                          "Say which of your agency's systems holds it, such as \"Niche\""});
    } else if (!trimmed(in.occurred_on).empty() || !trimmed(in.source_system).empty()) {
      errors.push_back({at + ".occurred_on", "Only a chronology entry has a date and a system"});
    }
    items.push_back(std::move(row));
  }
  if (complete && summaries == 0)
    errors.push_back({"items",
                      "Write a summary of what your agency knows, even if it is that it "
                      "knows nothing of concern"});
  return errors;
}

}  // namespace

// --- answering ------------------------------------------------------------------------------

Result<InformationRequest> Research::respond(const Actor& actor, int64_t request_id,
                                             const ResponseDraft& draft) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(request_id);
  const std::string purpose = "answering an information request";
  if (auto d = could_ever(actor, Action::request_respond); !d.allowed)
    return hub.refuse(actor, Action::request_respond, kRequestRecord, id, purpose, d);
  const Timestamp now = hub.clock.now();
  std::optional<InformationRequest> out;
  std::optional<Error> failed;
  int64_t contact_id = 0;
  hub.db.transact([&](store::Tx& tx) {
    if (!store::lock_request(tx, request_id)) return;
    auto row = store::find_request(tx, request_id);
    if (!row) return;
    auto contact = store::find_contact(tx, row->contact_id);
    if (!contact) return;
    const policy::Decision d = policy::decide(actor, Action::request_respond,
                                              hub.request_resource(tx, *contact, row->agency));
    if (!d.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::request_respond),
                                  kRequestRecord, id, purpose, false, d.reason));
      failed = policy::decide(actor, Action::request_view,
                              hub.request_resource(tx, *contact, row->agency))
                       .allowed
                   ? Error::forbidden(d.reason)
                   : Error::not_found("There is no information request " + id + " to your agency");
      return;
    }
    if (row->status == code_of(RequestStatus::answered)) {
      failed = Error{Error::Kind::conflict,
                     "Information request " + id +
                         " has been answered already: the answer stands. Send anything more as "
                         "a message on the enquiry",
                     {}};
      return;
    }
    std::vector<store::ItemRow> items;
    auto errors = check_response(draft, *row, draft.send, now, items);
    if (!errors.empty()) {
      failed = Error::invalid(std::move(errors), draft.send ? "The answer has not been sent"
                                                            : "The answer has not been saved");
      return;
    }
    for (const auto& [subject, known] : draft.known)
      store::set_subject_known(tx, request_id, subject, known);
    store::replace_items(tx, request_id, items);
    const std::string at = to_rfc3339(in_london_offset(now));
    row->saved_by = actor.username;
    row->saved_at = at;
    if (draft.send) {
      row->status = std::string(code_of(RequestStatus::answered));
      row->answered_by = actor.username;
      row->answered_at = at;
      row->answered_epoch = now.epoch_seconds;
    } else {
      row->status = std::string(code_of(RequestStatus::in_progress));
    }
    store::save_request_state(tx, *row);
    size_t known_count = 0;
    for (const auto& [subject, known] : draft.known)
      if (!known.empty()) ++known_count;
    audit::append(
        tx,
        hub.event(actor, policy::action_name(Action::request_respond), kRequestRecord, id, purpose,
                  true,
                  std::string(draft.send ? "sent" : "saved") + "; " + std::to_string(items.size()) +
                      " items; " + std::to_string(known_count) + " subjects answered" +
                      (draft.send && now.epoch_seconds > row->due_epoch ? "; late" : "")));
    auto fresh = store::find_request(tx, request_id);
    InformationRequest req = request_of(*fresh, *contact, store::list_agencies(tx), now);
    fill_items(req, store::items_of(tx, request_id), store::redactions_of_request(tx, request_id),
               {}, true);
    out = std::move(req);
    contact_id = row->contact_id;
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no information request " + id + " to your agency");
  hub.changes.publish(contact_id);
  return *out;
}

Result<std::vector<Redaction>> Research::redact(const Actor& actor, int64_t request_id,
                                                const RedactionDraft& draft) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(request_id);
  const std::string purpose = "withholding a passage of an answer";
  if (auto d = could_ever(actor, Action::redaction_record); !d.allowed)
    return hub.refuse(actor, Action::redaction_record, kRequestRecord, id, purpose, d);
  std::vector<FieldError> errors;
  const auto reason = parse_sensitivity(trimmed(draft.reason));
  if (!reason || *reason == Sensitivity::none)
    errors.push_back({"reason",
                      "Choose why the passage is withheld: health_confidential, "
                      "police_intelligence, third_party, subject_unaware or "
                      "confidential_address"});
  if (draft.passage.empty())
    errors.push_back({"passage", "Enter the words to withhold, exactly as they appear"});
  std::vector<std::string> recipients;
  for (const std::string& r : draft.recipients)
    if (!trimmed(r).empty()) recipients.push_back(trimmed(r));
  if (recipients.empty())
    errors.push_back({"recipients", "Choose the agencies the passage is withheld from"});
  if (trimmed(draft.note).size() > kMaxReason)
    errors.push_back({"note", "The note must be 1,000 characters or fewer"});

  const Timestamp now = hub.clock.now();
  std::optional<std::vector<Redaction>> out;
  std::optional<Error> failed;
  hub.db.transact([&](store::Tx& tx) {
    auto row = store::find_request(tx, request_id);
    if (!row) return;
    auto contact = store::find_contact(tx, row->contact_id);
    if (!contact) return;
    const policy::Resource resource = hub.request_resource(tx, *contact, row->agency);
    const policy::Decision d = policy::decide(actor, Action::redaction_record, resource);
    if (!d.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::redaction_record),
                                  kRequestRecord, id, purpose, false, d.reason));
      // As for reading and answering it: another agency's request is not found.
      failed = policy::decide(actor, Action::request_view, resource).allowed
                   ? Error::forbidden(d.reason)
                   : Error::not_found("There is no information request " + id + " to your agency");
      return;
    }
    // A partial answer's items are replaced at each save: only a sent answer's stay to redact.
    if (row->status != code_of(RequestStatus::answered)) {
      failed = Error{Error::Kind::conflict,
                     "Information request " + id +
                         " has not been answered yet: withhold passages once the answer is sent",
                     {}};
      return;
    }
    if (!errors.empty()) {
      failed = Error::invalid(std::move(errors), "The passage has not been withheld");
      return;
    }
    const auto items = store::items_of(tx, request_id);
    auto item = std::find_if(items.begin(), items.end(),
                             [&](const store::ItemRow& i) { return i.id == draft.item_id; });
    if (item == items.end()) {
      failed = Error::invalid({{"item_id", "Choose an item of this request's answer"}},
                              "The passage has not been withheld");
      return;
    }
    const auto all = store::list_agencies(tx);
    std::vector<FieldError> problems;
    for (size_t i = 0; i < recipients.size(); ++i)
      if (recipients[i] != "*" && !store::agency_exists(tx, recipients[i]))
        problems.push_back({"recipients[" + std::to_string(i) + "]",
                            "The hub does not know the agency \"" + recipients[i] + "\""});
    const auto where = find_passage(item->body, draft.passage);
    if (where.empty())
      problems.push_back(
          {"passage",
           "The item does not contain those words: copy them from it (case and spacing "
           "may differ)"});
    if (!problems.empty()) {
      failed = Error::invalid(std::move(problems), "The passage has not been withheld");
      return;
    }
    std::vector<Redaction> made;
    for (const auto& [begin, end] : where) {
      store::RedactionRow r;
      r.item_id = item->id;
      r.begin = static_cast<int64_t>(begin);
      r.end = static_cast<int64_t>(end);
      r.recipients = join(recipients);
      r.reason = std::string(code_of(*reason));
      r.note = trimmed(draft.note);
      r.recorded_by = actor.username;
      r.recorded_at = to_rfc3339(in_london_offset(now));
      store::insert_redaction(tx, r);
      made.push_back(redaction_of(r, &*item));
    }
    audit::append(tx, hub.event(actor, policy::action_name(Action::redaction_record),
                                kRequestRecord, id, purpose, true,
                                item_key(item->id) + " withheld from " + join(recipients) + " (" +
                                    std::string(code_of(*reason)) + "), " +
                                    std::to_string(made.size()) + " passages"));
    out = std::move(made);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no information request " + id);
  return *out;
}

}  // namespace mash::app
