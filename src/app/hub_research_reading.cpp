// Multi-agency research (issue 5): reading it — a contact's research as policy lets the reader see
// it, an agency's queue and one request, disclosures, and a subject's chronology. See
// app/research.h.
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

constexpr int kQueueLimit = 200;

}  // namespace

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
    r.may_summarise =
        (contact->status == ContactStatus::decided || contact->status == ContactStatus::closed) &&
        policy::decide(actor, Action::summary_send, resource).allowed;
    r.summaries = contact_summaries(tx, contact_id);
    if (r.may_summarise) r.receiving_worker = store::work_of(tx, contact_id).worker;
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
        const bool manages = actor.agency == row.agency ||
                             policy::decide(actor, Action::redaction_record,
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
      // Each request through policy: the IDVA's remit, restricted contacts. A break-glass access
      // opens one restricted contact for a reason; it does not list it in a queue.
      const policy::Decision d = policy::decide(actor, Action::request_view,
                                                hub.request_resource(tx, *contact, row.agency));
      if (!d.allowed || d.break_glass) continue;
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
    audit::append(
        tx, hub.event(actor, policy::action_name(Action::request_view), kRequestRecord, id, purpose,
                      true, allowed_detail(d, "contact " + std::to_string(row->contact_id))));
    out = std::move(req);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no information request " + id + " to your agency");
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
        if (other_contact && policy::decide(actor, Action::disclosure_view,
                                            hub.request_resource(tx, *other_contact, ""))
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

namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The search's words, lowered; empty for no search.
std::vector<std::string> search_words(const std::string& words) {
  std::vector<std::string> out;
  size_t start = 0;
  const std::string lowered = lower_ascii(words);
  while (start < lowered.size()) {
    const size_t space = lowered.find_first_of(" \t", start);
    const size_t end = space == std::string::npos ? lowered.size() : space;
    if (end > start) out.push_back(lowered.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

// Whether `text` has a word starting with `w` ("bruis" finds "bruising", "and" not "hand").
bool has_word_starting(const std::string& text, const std::string& w) {
  for (size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + 1))
    if (at == 0 || !word_char(text[at - 1]) || !word_char(w.front())) return true;
  return false;
}

// Whether the entry, as the reader sees it, holds every word (as the start of one of its words).
bool holds_words(const ChronologyEntry& e, const std::vector<std::string>& words) {
  if (words.empty()) return true;
  const std::string seen = lower_ascii(e.text + "\n" + e.source);
  return std::all_of(words.begin(), words.end(),
                     [&](const std::string& w) { return has_word_starting(seen, w); });
}

}  // namespace

Result<Chronology> Research::chronology(const Actor& actor, int64_t contact_id, int64_t subject_id,
                                        const ChronologyFilter& filter) {
  return read_chronology(actor, contact_id, subject_id, filter, nullptr);
}

Result<Chronology> Research::export_chronology(const Actor& actor, int64_t contact_id,
                                               int64_t subject_id, const ChronologyFilter& filter,
                                               const std::string& purpose) {
  return read_chronology(actor, contact_id, subject_id, filter, &purpose);
}

Result<Chronology> Research::read_chronology(const Actor& actor, int64_t contact_id,
                                             int64_t subject_id, const ChronologyFilter& filter,
                                             const std::string* export_purpose) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(contact_id);
  const bool exporting = export_purpose != nullptr;
  const std::string whose =
      filter.household ? "chronology of the household" : "chronology of a subject";
  const std::string stated = exporting ? trimmed(*export_purpose) : "";
  // The audit event's purpose is the hub's words; the user's (which may name people) stays in the
  // disclosures.
  const std::string purpose = exporting ? "export of the " + whose : whose;
  const std::string disclosed_for = exporting ? purpose + ": " + stated : purpose;
  const std::string action =
      exporting ? "chronology.export" : std::string(policy::action_name(Action::response_read));
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
    policy::Decision allowed = policy::decide(actor, Action::response_read, resource);
    if (allowed.allowed && exporting && allowed.break_glass) {
      allowed.allowed = false;
      allowed.reason =
          "Break-glass opens a restricted contact to read on screen, not to export: only the "
          "staff named on it may";
    }
    if (!allowed.allowed) {
      audit::append(tx,
                    hub.event(actor, action, kContactRecord, id, purpose, false, allowed.reason));
      failed = Error::forbidden(allowed.reason);
      return;
    }
    const bool control = std::any_of(filter.words.begin(), filter.words.end(), [](char c) {
      return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f;
    });
    if (filter.words.size() > 200 || control) {
      failed = Error::invalid(
          {FieldError{"words", "Search for at most 200 characters of text, on one line"}},
          "The chronology has not been searched");
      return;
    }
    if (exporting && (stated.empty() || stated.size() > 200)) {
      failed = Error::invalid(
          {FieldError{"purpose", stated.empty() ? "Say what the export is for"
                                                : "The purpose must be 200 characters or fewer"}},
          "The chronology has not been exported");
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
      // A break-glass access opens that one contact, for its reason: it does not bring the
      // contact into another's chronology (nor its export).
      const auto linked = c ? std::optional(policy::decide(actor, Action::response_read,
                                                           hub.request_resource(tx, *c, "")))
                            : std::nullopt;
      if (linked && linked->allowed && !linked->break_glass)
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
    const std::vector<std::string> words = search_words(filter.words);
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
        bool disclosed = false, found = false;
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
          found = found || holds_words(e, words);
          all.push_back(std::move(e));
          disclosed = true;
        }
        // Disclosed: its entries are among those the filters leave (one of them holding the
        // words searched for).
        const bool kept = (filter.agency.empty() || filter.agency == row.agency) &&
                          (filter.type.empty() || filter.type == "agency") && found;
        if (disclosed && kept && actor.agency != row.agency)
          detail.push_back(record_read(tx, actor, cid, row, items, d.redact, disclosed_for,
                                       basis_code(basis), now,
                                       exporting ? "export" : "response_read"));
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
          (filter.type.empty() || e.type == filter.type) && holds_words(e, words))
        chron.entries.push_back(std::move(e));
    audit::append(
        tx, hub.event(actor, action, kContactRecord, id, purpose, true,
                      allowed_detail(allowed,
                                     (filter.household ? std::string("household")
                                                       : "subject " + std::to_string(subject_id)) +
                                         ": " + std::to_string(chron.total) + " entries from " +
                                         std::to_string(chron.contacts.size()) + " contacts" +
                                         // Not the words: they may name someone.
                                         (words.empty() ? "" : ", searched for words") +
                                         (detail.empty() ? "" : "; " + join(detail, "; ")))));
    out = std::move(chron);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no contact " + id);
  return *out;
}

}  // namespace mash::app
