// Multi-agency research (issue 5): the basis for sharing, information requests, agencies'
// answers, redactions, disclosures and chasing overdue requests. See app/research.h.
#include <algorithm>
#include <map>
#include <set>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "app/research.h"
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

policy::Resource Hub::Impl::request_resource(store::Tx& tx, const Contact& c,
                                             const std::string& agency) const {
  policy::Resource r = resource_of(tx, c);
  r.addressed_to = agency;
  return r;
}

namespace {

constexpr size_t kMaxQuestion = 2000;
constexpr size_t kMaxReason = 1000;
constexpr size_t kMaxWithheldPassages = 50;
constexpr size_t kMaxItemText = 4000;
constexpr size_t kMaxItems = 500;
constexpr int kQueueLimit = 200;

// Thrown inside a transaction to roll back what it wrote when a later check fails.
struct Rollback {};

std::string trimmed(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

Timestamp london(int64_t epoch) { return in_london_offset(Timestamp{epoch, 0}); }
Timestamp london(const std::string& rfc3339, int64_t fallback_epoch) {
  return parse_rfc3339(rfc3339).value_or(london(fallback_epoch));
}

std::string join(const std::vector<std::string>& parts, const char* sep = ",") {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size() && !text.empty()) {
    size_t comma = text.find(',', at);
    if (comma == std::string::npos) comma = text.size();
    if (comma > at) out.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

std::string agency_name(const std::vector<Agency>& agencies, const std::string& code) {
  for (const Agency& a : agencies)
    if (a.code == code) return a.name;
  return code;
}

// The request as its reader sees it, without the answer's items.
InformationRequest request_of(const store::RequestRow& row, const Contact& c,
                              const std::vector<Agency>& agencies, const Timestamp& now) {
  InformationRequest out;
  out.id = row.id;
  out.contact_id = row.contact_id;
  out.agency = row.agency;
  out.agency_name = agency_name(agencies, row.agency);
  out.question = row.question;
  out.narrative_reason = row.narrative_reason;
  if (!row.narrative_reason.empty()) {
    std::vector<Span> spans;
    const std::string marker = redaction_marker(
        parse_sensitivity(row.narrative_withheld_reason).value_or(Sensitivity::third_party));
    for (const std::string& passage : row.narrative_withheld)
      for (const auto& [begin, end] : find_passage(c.narrative, passage))
        spans.push_back({begin, end, marker});
    out.narrative_passages_withheld = row.narrative_withheld.size();
    out.narrative = spans.empty() ? c.narrative : redact(c.narrative, spans);
  }
  out.presenting_issues = c.presenting_issues;
  out.status = parse_request_status(row.status).value_or(RequestStatus::requested);
  out.requested_by = row.requested_by;
  out.requested_at = london(row.requested_at, row.requested_epoch);
  out.due_at = london(row.due_epoch);
  out.overdue =
      row.answered_epoch ? *row.answered_epoch > row.due_epoch : now.epoch_seconds > row.due_epoch;
  out.chased = row.chased_epoch.has_value();
  out.saved_by = row.saved_by;
  if (!row.saved_at.empty()) out.saved_at = parse_rfc3339(row.saved_at);
  out.answered_by = row.answered_by;
  if (row.answered_epoch) out.answered_at = london(row.answered_at, *row.answered_epoch);
  for (const auto& [subject_id, known] : row.subjects) {
    auto s = std::find_if(c.subjects.begin(), c.subjects.end(),
                          [&](const Subject& x) { return x.id == subject_id; });
    if (s == c.subjects.end()) continue;
    RequestSubject rs;
    rs.subject_id = subject_id;
    rs.role = s->role;
    rs.person = static_cast<const Person&>(*s);
    rs.known = parse_known(known).value_or(Known::unanswered);
    out.subjects.push_back(std::move(rs));
  }
  return out;
}

std::string item_key(int64_t id) { return "item:" + std::to_string(id); }
std::string span_key(int64_t id) { return "span:" + std::to_string(id); }

Redaction redaction_of(const store::RedactionRow& r, const store::ItemRow* item) {
  Redaction out;
  out.id = r.id;
  out.item_id = r.item_id;
  if (item && r.end <= static_cast<int64_t>(item->body.size()) && r.begin <= r.end)
    out.passage = item->body.substr(r.begin, r.end - r.begin);
  out.recipients = split(r.recipients);
  out.reason = parse_sensitivity(r.reason).value_or(Sensitivity::third_party);
  out.note = r.note;
  out.recorded_by = r.recorded_by;
  out.recorded_at = parse_rfc3339(r.recorded_at).value_or(Timestamp{});
  return out;
}

// The answer's items as `actor` may read them, under `decision.redact` (ids of withheld items
// and passages); the redactions themselves when `show_redactions`.
void fill_items(InformationRequest& out, const std::vector<store::ItemRow>& items,
                const std::vector<store::RedactionRow>& redactions,
                const std::vector<std::string>& withheld, bool show_redactions) {
  const std::set<std::string> hidden(withheld.begin(), withheld.end());
  for (const store::ItemRow& row : items) {
    ResponseItem item;
    item.id = row.id;
    item.kind = parse_item_kind(row.kind).value_or(ItemKind::summary);
    item.subject_id = row.subject_id;
    item.indicator = row.indicator;
    item.occurred_on = row.occurred_on;
    item.source_system = row.source_system;
    item.sensitivity = parse_sensitivity(row.sensitivity).value_or(Sensitivity::none);
    item.handling_code = row.handling_code;
    if (hidden.count(item_key(row.id))) {
      // Withheld whole: the marker only, nothing of what it says (its indicator is a finding
      // too, so it goes; its date and kind stay, so a reader knows something is held).
      item.withheld = true;
      item.text = redaction_marker(item.sensitivity);
      item.indicator.clear();
      item.source_system.clear();
      ++out.withheld_items;
    } else {
      std::vector<Span> spans;
      for (const store::RedactionRow& r : redactions)
        if (r.item_id == row.id && hidden.count(span_key(r.id)))
          spans.push_back(
              {static_cast<size_t>(r.begin), static_cast<size_t>(r.end),
               redaction_marker(parse_sensitivity(r.reason).value_or(Sensitivity::third_party))});
      item.passages_withheld = spans.size();
      item.text = redact(row.body, std::move(spans));
    }
    out.items.push_back(std::move(item));
  }
  if (show_redactions)
    for (const store::RedactionRow& r : redactions) {
      auto item = std::find_if(items.begin(), items.end(),
                               [&](const store::ItemRow& i) { return i.id == r.item_id; });
      Redaction x = redaction_of(r, item == items.end() ? nullptr : &*item);
      // A decision maker of an agency a passage is withheld from is told it is, not what it says.
      if (hidden.count(span_key(r.id))) x.passage.clear();
      out.redactions.push_back(std::move(x));
    }
}

// What policy is told of an answer's items.
std::vector<policy::Item> policy_items(const std::string& agency,
                                       const std::vector<store::ItemRow>& items,
                                       const std::vector<store::RedactionRow>& redactions) {
  std::vector<policy::Item> out;
  for (const store::ItemRow& row : items) {
    policy::Item item;
    item.id = item_key(row.id);
    item.agency = agency;
    item.mark = parse_sensitivity(row.sensitivity).value_or(Sensitivity::none);
    item.handling_code = row.handling_code;
    for (const store::RedactionRow& r : redactions)
      if (r.item_id == row.id) item.spans.push_back({span_key(r.id), split(r.recipients)});
    out.push_back(std::move(item));
  }
  return out;
}

std::string basis_code(const std::optional<store::BasisRow>& b) {
  if (!b) return "none recorded";
  if (b->consent == "given") return "consent";
  return b->lawful_basis;
}

EnquiryBasis basis_of(const store::BasisRow& row, const HubConfig& config) {
  EnquiryBasis b;
  b.consent = from_code<ConsentStatus>(row.consent).value_or(ConsentStatus::not_sought);
  b.lawful_basis = row.lawful_basis;
  const LawfulBasis* known = config.lawful_basis(row.lawful_basis);
  b.lawful_basis_name = known ? known->name : row.lawful_basis;
  b.reason = row.reason;
  b.recorded_by = row.recorded_by;
  b.recorded_at = parse_rfc3339(row.recorded_at).value_or(Timestamp{});
  return b;
}

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

// Records that `actor` read another agency's answer (a disclosure: what was shown, what withheld,
// why and on what basis); returns a line for the audit event's detail.
static std::string record_read(store::Tx& tx, const Actor& actor, int64_t contact_id,
                               const store::RequestRow& row,
                               const std::vector<store::ItemRow>& items,
                               const std::vector<std::string>& redact, const std::string& purpose,
                               const std::string& basis, const Timestamp& now) {
  std::vector<std::string> shown;
  const std::set<std::string> withheld(redact.begin(), redact.end());
  for (const auto& i : items)
    if (!withheld.count(item_key(i.id))) shown.push_back(item_key(i.id));
  store::DisclosureRow disclosure;
  disclosure.contact_id = contact_id;
  disclosure.request_id = row.id;
  disclosure.kind = "response_read";
  disclosure.from_agency = row.agency;
  disclosure.to_username = actor.username;
  disclosure.to_agency = actor.agency;
  disclosure.purpose = purpose;
  disclosure.basis = basis;
  disclosure.items = join(shown);
  disclosure.withheld = join(redact);
  disclosure.disclosed_at = to_rfc3339(in_london_offset(now));
  disclosure.disclosed_epoch = now.epoch_seconds;
  store::insert_disclosure(tx, disclosure);
  return row.agency + "#" + std::to_string(row.id) + " shown " + std::to_string(shown.size()) +
         " withheld " + std::to_string(redact.size());
}

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
          errors.push_back({"narrative_withheld[" + std::to_string(i) + "]",
                            "Passage " + std::to_string(i + 1) +
                                " is not in the referral's account: copy it exactly as it is "
                                "written there"});
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

// --- reading the research -----------------------------------------------------------------

Result<ContactResearch> Research::research_of(const Actor& actor, int64_t contact_id,
                                              const std::string& purpose_given) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(contact_id);
  const std::string purpose = trimmed(purpose_given).empty()
                                  ? "MASH enquiry: reading agencies' answers"
                                  : trimmed(purpose_given);
  if (auto d = could_ever(actor, Action::response_read); !d.allowed)
    return hub.refuse(actor, Action::response_read, kContactRecord, id, purpose, d);
  const HubConfig& config = hub.options.config;
  const Timestamp now = hub.clock.now();
  std::optional<ContactResearch> out;
  std::optional<Error> failed;
  hub.db.transact([&](store::Tx& tx) {
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const policy::Resource resource = hub.request_resource(tx, *contact, "");
    const policy::Decision allowed = policy::decide(actor, Action::response_read, resource);
    if (!allowed.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::response_read), kContactRecord,
                                  id, purpose, false, allowed.reason));
      failed = Error::forbidden(allowed.reason);
      return;
    }
    ContactResearch r;
    r.contact_id = contact_id;
    r.status = contact->status;
    const auto basis = store::latest_basis(tx, contact_id);
    if (basis) r.basis = basis_of(*basis, config);
    r.suggested_agencies = config.agencies_to_ask(contact->presenting_issues);
    r.may_raise = contact->status == ContactStatus::enquiry &&
                  policy::decide(actor, Action::request_raise, resource).allowed;
    const auto agencies = store::list_agencies(tx);
    std::vector<std::string> detail;
    for (const store::RequestRow& row : store::requests_of(tx, contact_id)) {
      InformationRequest req = request_of(row, *contact, agencies, now);
      const auto items = store::items_of(tx, row.id);
      const auto redactions = store::redactions_of_request(tx, row.id);
      // A partial answer is the agency's until it sends it.
      const bool sent = req.status == RequestStatus::answered;
      if (sent || actor.agency == row.agency) {
        policy::Resource read = resource;
        read.items = policy_items(row.agency, items, redactions);
        const policy::Decision d = policy::decide(actor, Action::response_read, read);
        const bool manages =
            actor.agency == row.agency || policy::decide(actor, Action::redaction_record,
                                                         hub.request_resource(tx, *contact, row.agency))
                                              .allowed;
        fill_items(req, items, redactions, d.redact, manages);
        if (!items.empty() && actor.agency != row.agency)
          detail.push_back(record_read(tx, actor, contact_id, row, items, d.redact, purpose,
                                       basis_code(basis), now));
      }
      r.requests.push_back(std::move(req));
    }
    audit::append(tx, hub.event(actor, policy::action_name(Action::response_read), kContactRecord,
                                id, purpose, true, allowed_detail(allowed, join(detail, "; "))));
    out = std::move(r);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no contact " + id);
  return *out;
}

Result<std::vector<InformationRequest>> Research::queue(const Actor& actor, bool answered) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string purpose = "information requests to my agency";
  if (auto d = could_ever(actor, Action::request_queue); !d.allowed)
    return hub.refuse(actor, Action::request_queue, kRequestRecord, "", purpose, d);
  const Timestamp now = hub.clock.now();
  std::vector<InformationRequest> out;
  hub.db.transact([&](store::Tx& tx) {
    const auto agencies = store::list_agencies(tx);
    std::vector<std::string> ids;
    for (const store::RequestRow& row : store::queue_of(tx, actor.agency, answered, kQueueLimit)) {
      auto contact = store::find_contact(tx, row.contact_id);
      if (!contact) continue;
      // Each request through policy: the IDVA's remit, restricted contacts.
      if (!policy::decide(actor, Action::request_view, hub.request_resource(tx, *contact, row.agency))
               .allowed)
        continue;
      out.push_back(request_of(row, *contact, agencies, now));
      ids.push_back(std::to_string(row.id));
    }
    audit::append(tx, hub.event(actor, policy::action_name(Action::request_queue), kRequestRecord,
                                "", purpose, true, "requests " + join(ids)));
  });
  return out;
}

Result<InformationRequest> Research::request(const Actor& actor, int64_t request_id) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(request_id);
  const std::string purpose = "answering an information request";
  if (auto d = could_ever(actor, Action::request_view); !d.allowed)
    return hub.refuse(actor, Action::request_view, kRequestRecord, id, purpose, d);
  const Timestamp now = hub.clock.now();
  std::optional<InformationRequest> out;
  std::optional<Error> failed;
  hub.db.transact([&](store::Tx& tx) {
    auto row = store::find_request(tx, request_id);
    if (!row) return;
    auto contact = store::find_contact(tx, row->contact_id);
    if (!contact) return;
    const policy::Resource resource = hub.request_resource(tx, *contact, row->agency);
    const policy::Decision d = policy::decide(actor, Action::request_view, resource);
    if (!d.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::request_view), kRequestRecord,
                                  id, purpose, false, d.reason));
      // Not found rather than forbidden: another agency's requests are not to be counted.
      failed = Error::not_found("There is no information request " + id + " to your agency");
      return;
    }
    InformationRequest req = request_of(*row, *contact, store::list_agencies(tx), now);
    // The agency asked sees its own answer so far; the hub reads answers through research_of.
    if (actor.agency == row->agency)
      fill_items(req, store::items_of(tx, request_id), store::redactions_of_request(tx, request_id),
                 {}, true);
    audit::append(tx, hub.event(actor, policy::action_name(Action::request_view), kRequestRecord,
                                id, purpose, true,
                                allowed_detail(d, "contact " + std::to_string(row->contact_id))));
    out = std::move(req);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no information request " + id + " to your agency");
  return *out;
}

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
    const policy::Decision d =
        policy::decide(actor, Action::request_respond, hub.request_resource(tx, *contact, row->agency));
    if (!d.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::request_respond),
                                  kRequestRecord, id, purpose, false, d.reason));
      failed =
          policy::decide(actor, Action::request_view, hub.request_resource(tx, *contact, row->agency))
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
      problems.push_back({"passage", "The item does not contain those words: copy them exactly"});
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

// --- disclosures ------------------------------------------------------------------------------

Result<std::vector<Disclosure>> Research::disclosures(const Actor& actor, int64_t contact_id) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(contact_id);
  const std::string purpose = "what was disclosed about the subjects, to whom and why";
  if (auto d = could_ever(actor, Action::disclosure_view); !d.allowed)
    return hub.refuse(actor, Action::disclosure_view, kContactRecord, id, purpose, d);
  std::optional<std::vector<Disclosure>> out;
  std::optional<Error> failed;
  hub.db.transact([&](store::Tx& tx) {
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const policy::Decision d =
        policy::decide(actor, Action::disclosure_view, hub.request_resource(tx, *contact, ""));
    if (!d.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::disclosure_view),
                                  kContactRecord, id, purpose, false, d.reason));
      failed = Error::forbidden(d.reason);
      return;
    }
    // This contact and every other contact about its subjects' persons (confirmed links) that
    // the actor may see.
    std::vector<int64_t> contacts = {contact_id};
    for (const Subject& s : contact->subjects) {
      auto person = store::person_of(tx, "cs:" + std::to_string(s.id));
      if (!person) continue;
      for (const std::string& key : store::members_of_person(tx, *person)) {
        if (key.rfind("cs:", 0) != 0) continue;
        auto other = store::find_subject(tx, std::stoll(key.substr(3)));
        if (!other ||
            std::find(contacts.begin(), contacts.end(), other->contact_id) != contacts.end())
          continue;
        auto other_contact = store::find_contact(tx, other->contact_id);
        if (other_contact &&
            policy::decide(actor, Action::disclosure_view, hub.request_resource(tx, *other_contact, ""))
                .allowed)
          contacts.push_back(other->contact_id);
      }
    }
    std::vector<Disclosure> list;
    for (const store::DisclosureRow& row : store::disclosures_of(tx, contacts, 500)) {
      Disclosure x;
      x.id = row.id;
      x.contact_id = row.contact_id;
      x.request_id = row.request_id;
      x.kind = row.kind;
      x.from_agency = row.from_agency;
      x.to_username = row.to_username;
      x.to_agency = row.to_agency;
      x.purpose = row.purpose;
      x.basis = row.basis;
      x.items = split(row.items);
      x.withheld = split(row.withheld);
      x.disclosed_at = london(row.disclosed_at, row.disclosed_epoch);
      list.push_back(std::move(x));
    }
    audit::append(tx, hub.event(actor, policy::action_name(Action::disclosure_view), kContactRecord,
                                id, purpose, true,
                                allowed_detail(d, std::to_string(list.size()) + " disclosures")));
    out = std::move(list);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no contact " + id);
  return *out;
}

// --- chronology -------------------------------------------------------------------------------

Result<Chronology> Research::chronology(const Actor& actor, int64_t contact_id, int64_t subject_id,
                                        const ChronologyFilter& filter) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(contact_id);
  const std::string purpose =
      filter.household ? "chronology of the household" : "chronology of a subject";
  if (auto d = could_ever(actor, Action::response_read); !d.allowed)
    return hub.refuse(actor, Action::response_read, kContactRecord, id, purpose, d);
  const HubConfig& config = hub.options.config;
  const Timestamp now = hub.clock.now();
  std::optional<Chronology> out;
  std::optional<Error> failed;
  hub.db.transact([&](store::Tx& tx) {
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const policy::Resource resource = hub.request_resource(tx, *contact, "");
    const policy::Decision allowed = policy::decide(actor, Action::response_read, resource);
    if (!allowed.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::response_read), kContactRecord,
                                  id, purpose, false, allowed.reason));
      failed = Error::forbidden(allowed.reason);
      return;
    }
    const bool known_subject = std::any_of(contact->subjects.begin(), contact->subjects.end(),
                                           [&](const Subject& s) { return s.id == subject_id; });
    if (!filter.household && !known_subject) {
      failed = Error::not_found("Contact " + id + " has no subject " + std::to_string(subject_id));
      return;
    }
    // Whose chronology: the subject (or each of the household), and every contact subject
    // confirmed as the same person ("cs:<id>" records of their persons).
    std::set<int64_t> subjects;
    for (const Subject& s : contact->subjects)
      if (filter.household || s.id == subject_id) subjects.insert(s.id);
    std::set<int64_t> people_subjects = subjects;
    std::vector<std::pair<int64_t, std::string>> links;  // subject, what the link joined
    for (int64_t sid : subjects) {
      const std::string key = "cs:" + std::to_string(sid);
      if (auto person = store::person_of(tx, key))
        for (const std::string& member : store::members_of_person(tx, *person))
          if (member.rfind("cs:", 0) == 0) people_subjects.insert(std::stoll(member.substr(3)));
      for (const store::PersonLinkRow& l : store::person_links_naming(tx, key))
        if (l.status == "confirmed") links.emplace_back(sid, l.decided_at + "|" + l.record_key);
    }
    std::map<int64_t, std::optional<Contact>> contacts;  // id -> contact, if the actor may read it
    contacts[contact_id] = *contact;
    for (int64_t sid : people_subjects) {
      auto other = store::find_subject(tx, sid);
      if (!other || contacts.count(other->contact_id)) continue;
      auto c = store::find_contact(tx, other->contact_id);
      if (c && policy::decide(actor, Action::response_read, hub.request_resource(tx, *c, "")).allowed)
        contacts[other->contact_id] = std::move(*c);
      else
        contacts[other->contact_id] = std::nullopt;
    }
    Chronology chron;
    chron.contact_id = contact_id;
    chron.subject_id = filter.household ? 0 : subject_id;
    // The page names whose chronology it is from the same read (and the same audit event).
    if (!filter.household)
      for (const Subject& s : contact->subjects)
        if (s.id == subject_id) chron.subject_name = display_name(s);
    std::vector<ChronologyEntry> all;
    std::vector<std::string> detail;
    const auto agencies = store::list_agencies(tx);
    for (const auto& [cid, maybe] : contacts) {
      if (!maybe) continue;
      const Contact& c = *maybe;
      chron.contacts.push_back(cid);
      std::string issues;
      for (PresentingIssue p : c.presenting_issues)
        issues += (issues.empty() ? "" : ", ") + std::string(label_of(p));
      ChronologyEntry received;
      received.at = c.received_at;
      received.date = to_iso(local_date(in_london_offset(c.received_at)));
      received.type = "contact";
      received.agency = c.agency;
      received.source = "Contact " + std::to_string(cid);
      received.text = "Contact received from " + agency_name(agencies, c.agency) +
                      (issues.empty() ? "" : ": " + issues);
      received.contact_id = cid;
      all.push_back(std::move(received));
      for (const store::DecisionRow& d : store::decisions_of(tx, cid)) {
        ChronologyEntry e;
        e.at = london(d.decided_at, d.decided_epoch);
        e.date = to_iso(local_date(e.at));
        e.type = "decision";
        e.agency = "mash";
        e.source = "Contact " + std::to_string(cid);
        const auto route = parse_route(d.route);
        const ThresholdLevel* level = config.threshold(d.threshold);
        e.text = "Decision: " + std::string(route ? label_of(*route) : d.route) + ", threshold " +
                 std::to_string(d.threshold) + (level ? " (" + level->name + ")" : "") + ", by " +
                 d.decided_by;
        e.contact_id = cid;
        all.push_back(std::move(e));
      }
      const auto basis = store::latest_basis(tx, cid);
      // What policy is told of the contact, read once for all its requests.
      const policy::Resource of_contact = hub.request_resource(tx, c, "");
      // The answers the reader may read (sent, or their own agency's), their items and
      // redactions read in one query each.
      std::vector<store::RequestRow> readable;
      std::vector<int64_t> readable_ids;
      for (store::RequestRow& row : store::requests_of(tx, cid))
        if (row.status == code_of(RequestStatus::answered) || actor.agency == row.agency) {
          readable_ids.push_back(row.id);
          readable.push_back(std::move(row));
        }
      auto items_of = store::items_of_requests(tx, readable_ids);
      auto redactions_of = store::redactions_of_requests(tx, readable_ids);
      for (const store::RequestRow& row : readable) {
        const std::vector<store::ItemRow>& items = items_of[row.id];
        const std::vector<store::RedactionRow>& redactions = redactions_of[row.id];
        policy::Resource read = of_contact;
        read.items = policy_items(row.agency, items, redactions);
        const policy::Decision d = policy::decide(actor, Action::response_read, read);
        InformationRequest shown;
        fill_items(shown, items, redactions, d.redact, false);
        bool disclosed = false;
        for (const ResponseItem& item : shown.items) {
          if (item.kind != ItemKind::chronology) continue;
          // About one of the subjects here (in this contact's terms), or the household.
          const bool about = item.subject_id == 0 || people_subjects.count(item.subject_id);
          if (!about) continue;
          ChronologyEntry e;
          e.date = item.occurred_on;
          e.at = london(row.answered_epoch.value_or(row.requested_epoch));
          if (auto day = parse_iso_date(item.occurred_on))
            if (auto start = from_london(LondonTime{*day, 0, 0})) e.at = *start;
          e.type = "agency";
          e.agency = row.agency;
          e.source = (item.withheld ? std::string("Withheld") : item.source_system) + " (request " +
                     std::to_string(row.id) + ")";
          e.text = item.text;
          e.withheld = item.withheld;
          e.contact_id = cid;
          e.subject_id = item.subject_id;
          all.push_back(std::move(e));
          disclosed = true;
        }
        if (disclosed && actor.agency != row.agency)
          detail.push_back(
              record_read(tx, actor, cid, row, items, d.redact, purpose, basis_code(basis), now));
      }
    }
    for (const auto& [sid, what] : links) {
      const std::string at = what.substr(0, what.find('|'));
      const std::string key = what.substr(what.find('|') + 1);
      ChronologyEntry e;
      e.at = parse_rfc3339(at).value_or(Timestamp{});
      e.date = to_iso(local_date(in_london_offset(e.at)));
      e.type = "link";
      e.agency = "mash";
      e.source = "Person matching";
      std::string holder = "another contact";
      if (key.rfind("sr:", 0) == 0)
        if (auto record = store::find_source_record_by_id(tx, std::stoll(key.substr(3))))
          holder = agency_name(agencies, record->agency) + "'s records";
      e.text = "Confirmed as the same person as a record in " + holder;
      e.contact_id = contact_id;
      e.subject_id = sid;
      all.push_back(std::move(e));
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const ChronologyEntry& a, const ChronologyEntry& b) {
                       return a.at.epoch_seconds > b.at.epoch_seconds;
                     });
    chron.total = all.size();
    std::set<std::string> seen;
    for (const ChronologyEntry& e : all) seen.insert(e.agency);
    chron.agencies.assign(seen.begin(), seen.end());
    for (ChronologyEntry& e : all)
      if ((filter.agency.empty() || e.agency == filter.agency) &&
          (filter.type.empty() || e.type == filter.type))
        chron.entries.push_back(std::move(e));
    audit::append(tx, hub.event(actor, policy::action_name(Action::response_read), kContactRecord,
                                id, purpose, true,
                                allowed_detail(allowed,
                                               (filter.household
                                                    ? std::string("household")
                                                    : "subject " + std::to_string(subject_id)) +
                                                   ": " + std::to_string(chron.total) +
                                                   " entries from " +
                                                   std::to_string(chron.contacts.size()) +
                                                   " contacts" +
                                                   (detail.empty() ? "" : "; " + join(detail, "; ")))));
    out = std::move(chron);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no contact " + id);
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
