// Multi-agency research (issue 5): the basis for sharing, information requests to agencies and
// chasing those overdue. Answering is in hub_research_answers.cpp, reading in
// hub_research_reading.cpp. See app/research.h.
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

constexpr size_t kMaxQuestion = 2000;
constexpr size_t kMaxReason = 1000;
constexpr size_t kMaxWithheldPassages = 50;

// Thrown inside a transaction to roll back what it wrote when a later check fails.
struct Rollback {};

}  // namespace

// --- the basis for sharing -----------------------------------------------------------------

Result<EnquiryBasis> Research::record_basis(const Actor& actor, int64_t contact_id,
                                            const BasisDraft& draft) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(contact_id);
  const std::string purpose = "MASH enquiry: recording the basis for sharing";
  if (auto d = could_ever(actor, Action::enquiry_basis_record); !d.allowed)
    return hub.refuse(actor, Action::enquiry_basis_record, kContactRecord, id, purpose, d);
  const HubConfig& config = hub.options.config;
  std::vector<FieldError> errors;
  const auto consent = from_code<ConsentStatus>(trimmed(draft.consent));
  if (!consent)
    errors.push_back({"consent",
                      "Say whether the family consented to sharing: given, refused or "
                      "not_sought"});
  const std::string basis = trimmed(draft.lawful_basis);
  const std::string reason = trimmed(draft.reason);
  if (consent && *consent != ConsentStatus::given) {
    if (!config.lawful_basis(basis)) {
      std::string codes;
      for (const LawfulBasis& b : config.lawful_bases)
        codes += (codes.empty() ? "" : ", ") + b.code;
      errors.push_back(
          {"lawful_basis", "Without consent, choose the lawful basis for sharing: " + codes});
    }
    if (reason.empty())
      errors.push_back(
          {"reason", "Say why sharing without consent is necessary and proportionate"});
  } else if (consent && !basis.empty() && !config.lawful_basis(basis)) {
    errors.push_back({"lawful_basis", "There is no lawful basis \"" + basis + "\""});
  }
  if (reason.size() > kMaxReason)
    errors.push_back({"reason", "The reason must be 1,000 characters or fewer"});

  std::optional<EnquiryBasis> out;
  std::optional<Error> failed;
  const Timestamp now = hub.clock.now();
  hub.db.transact([&](store::Tx& tx) {
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const policy::Decision d =
        policy::decide(actor, Action::enquiry_basis_record, hub.request_resource(tx, *contact, ""));
    if (!d.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::enquiry_basis_record),
                                  kContactRecord, id, purpose, false, d.reason));
      failed = Error::forbidden(d.reason);
      return;
    }
    // The input is judged only for those who may record one here.
    if (!errors.empty()) {
      failed = Error::invalid(std::move(errors), "The basis has not been recorded");
      return;
    }
    store::BasisRow row;
    row.contact_id = contact_id;
    row.consent = std::string(code_of(*consent));
    row.lawful_basis = basis;
    row.reason = reason;
    row.recorded_by = actor.username;
    row.recorded_at = to_rfc3339(in_london_offset(now));
    store::insert_basis(tx, row);
    audit::append(
        tx, hub.event(actor, policy::action_name(Action::enquiry_basis_record), kContactRecord, id,
                      purpose, true,
                      "consent " + row.consent +
                          (row.lawful_basis.empty() ? "" : "; basis " + row.lawful_basis)));
    out = basis_of(row, config);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no contact " + id);
  return *out;
}

// --- raising requests -----------------------------------------------------------------------

Result<std::vector<InformationRequest>> Research::raise_requests(const Actor& actor,
                                                                 int64_t contact_id,
                                                                 const RequestDraft& draft) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(contact_id);
  const std::string purpose = "MASH enquiry: asking agencies what they know";
  if (auto d = could_ever(actor, Action::request_raise); !d.allowed)
    return hub.refuse(actor, Action::request_raise, kContactRecord, id, purpose, d);
  const HubConfig& config = hub.options.config;
  std::vector<FieldError> errors;
  std::vector<std::string> agencies;
  for (const std::string& a : draft.agencies) {
    const std::string code = trimmed(a);
    if (!code.empty() && std::find(agencies.begin(), agencies.end(), code) == agencies.end())
      agencies.push_back(code);
  }
  if (agencies.empty()) errors.push_back({"agencies", "Choose at least one agency to ask"});
  const std::string question = trimmed(draft.question);
  if (question.empty())
    errors.push_back({"question", "Enter what you want the agencies to tell you"});
  else if (question.size() > kMaxQuestion)
    errors.push_back({"question", "The question must be 2,000 characters or fewer"});
  const std::string narrative_reason = trimmed(draft.narrative_reason);
  if (narrative_reason.size() > kMaxReason)
    errors.push_back({"narrative_reason", "The reason must be 1,000 characters or fewer"});
  // Passages of the narrative to withhold: checked against the narrative once it is read.
  std::vector<std::string> withheld;
  for (const std::string& p : draft.narrative_withheld)
    if (std::string passage = trimmed(p);
        !passage.empty() && std::find(withheld.begin(), withheld.end(), passage) == withheld.end())
      withheld.push_back(passage);
  const std::string withheld_reason = trimmed(draft.narrative_withheld_reason);
  if (!withheld.empty()) {
    if (narrative_reason.empty())
      errors.push_back({"narrative_withheld",
                        "Share the referral's account, saying why, before withholding passages "
                        "of it"});
    if (withheld.size() > kMaxWithheldPassages)
      errors.push_back({"narrative_withheld", "Withhold at most 50 passages"});
    const auto reason = parse_sensitivity(withheld_reason);
    if (!reason || *reason == Sensitivity::none)
      errors.push_back({"narrative_withheld_reason", "Choose why the passages are withheld"});
  }

  const Timestamp now = hub.clock.now();
  std::optional<std::vector<InformationRequest>> out;
  std::optional<Error> failed;
  try {
    hub.db.transact([&](store::Tx& tx) {
      const bool open = store::lock_open_contact(tx, contact_id);
      auto contact = store::find_contact(tx, contact_id);
      if (!contact) return;
      const policy::Decision d =
          policy::decide(actor, Action::request_raise, hub.request_resource(tx, *contact, ""));
      if (!d.allowed) {
        audit::append(tx, hub.event(actor, policy::action_name(Action::request_raise),
                                    kContactRecord, id, purpose, false, d.reason));
        failed = Error::forbidden(d.reason);
        return;
      }
      for (size_t i = 0; i < withheld.size() && !narrative_reason.empty(); ++i)
        if (find_passage(contact->narrative, withheld[i]).empty())
          errors.push_back(
              {"narrative_withheld[" + std::to_string(i) + "]",
               "Passage " + std::to_string(i + 1) +
                   " is not in the referral's account: copy its words from there (case "
                   "and spacing may differ)"});
      if (!errors.empty()) {
        failed = Error::invalid(std::move(errors), "The requests have not been sent");
        return;
      }
      if (!open || contact->status != ContactStatus::enquiry) {
        failed = Error{Error::Kind::conflict,
                       "Contact " + id +
                           " is not in a MASH enquiry: decide to progress it to one "
                           "before asking agencies",
                       {}};
        return;
      }
      const auto basis = store::latest_basis(tx, contact_id);
      if (!basis) {
        failed = Error{Error::Kind::conflict,
                       "Record the family's consent, or the lawful basis for sharing without it, "
                       "before asking agencies about contact " +
                           id,
                       {}};
        return;
      }
      const auto ratings = store::ratings_of(tx, contact_id);
      const Rating* rating = ratings.empty() ? nullptr : config.rating(ratings.back().rating);
      if (!rating) {
        failed = Error{Error::Kind::conflict, "Rate contact " + id + " before asking agencies", {}};
        return;
      }
      const Timescale timescale = rating->partner_response.value_or(rating->timescale);
      const Timestamp due = due_at(config.calendar, now, timescale);
      std::vector<FieldError> problems;
      for (size_t i = 0; i < agencies.size(); ++i)
        if (!store::agency_exists(tx, agencies[i]))
          problems.push_back({"agencies[" + std::to_string(i) + "]",
                              "The hub does not know the agency \"" + agencies[i] + "\""});
      if (!problems.empty()) {
        failed = Error::invalid(std::move(problems), "The requests have not been sent");
        return;
      }
      const auto all_agencies = store::list_agencies(tx);
      std::vector<InformationRequest> made;
      for (size_t i = 0; i < agencies.size(); ++i) {
        store::RequestRow row;
        row.contact_id = contact_id;
        row.agency = agencies[i];
        row.question = question;
        row.narrative_reason = narrative_reason;
        if (!withheld.empty()) {
          row.narrative_withheld = withheld;
          row.narrative_withheld_reason = withheld_reason;
        }
        row.status = std::string(code_of(RequestStatus::requested));
        row.requested_by = actor.username;
        row.requested_at = to_rfc3339(in_london_offset(now));
        row.requested_epoch = now.epoch_seconds;
        row.due_at = to_rfc3339(in_london_offset(due));
        row.due_epoch = due.epoch_seconds;
        for (const Subject& s : contact->subjects) row.subjects.emplace_back(s.id, "");
        if (!store::insert_request(tx, row)) {
          problems.push_back({"agencies[" + std::to_string(i) + "]",
                              agency_name(all_agencies, agencies[i]) +
                                  " has already been asked about contact " + id});
          continue;
        }
        // The request itself discloses the subjects' identifying details and the question (and
        // the narrative when shared) to the agency.
        store::DisclosureRow disclosure;
        disclosure.contact_id = contact_id;
        disclosure.request_id = row.id;
        disclosure.kind = "request";
        disclosure.from_agency = actor.agency;
        disclosure.to_agency = row.agency;
        disclosure.purpose = purpose;
        disclosure.basis = basis_code(basis);
        std::vector<std::string> what = {"subjects", "question"};
        if (!narrative_reason.empty()) what.push_back("narrative");
        disclosure.items = join(what);
        std::vector<std::string> passages;
        for (size_t n = 1; n <= withheld.size(); ++n)
          passages.push_back("narrative:" + std::to_string(n));
        disclosure.withheld = join(passages);
        disclosure.disclosed_at = row.requested_at;
        disclosure.disclosed_epoch = now.epoch_seconds;
        store::insert_disclosure(tx, disclosure);
        made.push_back(request_of(row, *contact, all_agencies, now));
      }
      if (!problems.empty()) {
        // All or nothing: throwing rolls the transaction back.
        failed = Error::invalid(std::move(problems), "The requests have not been sent");
        throw Rollback{};
      }
      std::vector<std::string> codes;
      for (const auto& r : made) codes.push_back(r.agency + "#" + std::to_string(r.id));
      audit::append(tx, hub.event(actor, policy::action_name(Action::request_raise), kContactRecord,
                                  id, purpose, true,
                                  "asked " + join(codes, ", ") +
                                      (narrative_reason.empty() ? "" : "; narrative shared") +
                                      (withheld.empty() ? ""
                                                        : ", " + std::to_string(withheld.size()) +
                                                              " passages withheld")));
      out = std::move(made);
    });
  } catch (const Rollback&) {
    // `failed` says why; nothing was stored.
  }
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no contact " + id);
  hub.changes.publish(contact_id);
  return *out;
}

// --- chasing ----------------------------------------------------------------------------------

size_t Research::chase_overdue() {
  Hub::Impl& hub = *hub_.impl_;
  const Timestamp now = hub.clock.now();
  size_t chased = 0;
  std::vector<int64_t> changed;
  hub.db.transact([&](store::Tx& tx) {
    const auto agencies = store::list_agencies(tx);
    for (const store::RequestRow& row : store::unchased_overdue(tx, now.epoch_seconds, 200)) {
      store::mark_chased(tx, row.id, now.epoch_seconds);
      const std::string name = agency_name(agencies, row.agency);
      const std::string due = format_london(london(row.due_epoch));
      // The hub: the worker on the contact and whoever raised it.
      std::vector<std::string> told;
      const std::string worker = store::work_of(tx, row.contact_id).worker;
      for (const std::string& who : {worker, row.requested_by})
        if (!who.empty() && std::find(told.begin(), told.end(), who) == told.end())
          told.push_back(who);
      auto notify = [&](const std::string& recipient, const std::string& kind,
                        const std::string& message) {
        store::NotificationRow n;
        n.recipient = recipient;
        n.kind = kind;
        n.contact_id = row.contact_id;
        n.message = message;
        n.created_at = to_rfc3339(in_london_offset(now));
        n.created_epoch = now.epoch_seconds;
        store::insert_notification(tx, n);
      };
      for (const std::string& who : told)
        notify(who, "request_overdue",
               "Information request " + std::to_string(row.id) + " to " + name + " (contact " +
                   std::to_string(row.contact_id) + ") is overdue: it was due " + due + ".");
      // The agency's queue: a reminder to each of its active users who answer requests.
      for (const std::string& who : store::active_users_of_agency(tx, row.agency))
        notify(who, "request_reminder",
               "Reminder: information request " + std::to_string(row.id) +
                   " to your agency is overdue: it was due " + due + ".");
      audit::Event e;
      e.at = now;
      e.actor_kind = "system";
      e.username = "clock-watch";
      e.role = "system";
      e.action = "request.chase";
      e.record_type = kRequestRecord;
      e.record_id = std::to_string(row.id);
      e.purpose = "the hub's clocks: chasing an overdue information request";
      e.detail = row.agency + " due " + row.due_at;
      audit::append(tx, e);
      changed.push_back(row.contact_id);
      ++chased;
    }
  });
  for (int64_t c : changed) hub.changes.publish(c);
  return chased;
}

}  // namespace mash::app
