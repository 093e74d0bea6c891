// The Hub's person matching (issue 3): a contact's subjects matched against every agency's
// records, workers' decisions about who is who (confirm, reject, undo), and what follows from
// them: the agencies that know a person and how often the person has been referred.
//
// Resolution rule: confirming subject S with record R puts both in the person either already
// belongs to, or in a new person. When S and R already belong to two different persons the hub
// refuses: merging two people is a bigger decision than one match, so the worker checks both and
// undoes the wrong link first.
#include <algorithm>
#include <cstdio>
#include <set>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "store/contacts.h"
#include "store/persons.h"
#include "store/research.h"

namespace mash::app {

using policy::Action;

namespace {

constexpr size_t kCandidatesPerSubject = 10;
constexpr size_t kMaxReasonLength = 1000;

std::string subject_key(int64_t id) { return "cs:" + std::to_string(id); }

// "sr:12" or "cs:40"; nullopt for anything else.
struct RecordKey {
  bool source = true;
  int64_t id = 0;
};
std::optional<RecordKey> parse_key(const std::string& key) {
  if (key.size() < 4 || key.size() > 21 || key[2] != ':') return std::nullopt;
  const std::string kind = key.substr(0, 2);
  if (kind != "sr" && kind != "cs") return std::nullopt;
  int64_t id = 0;
  for (size_t i = 3; i < key.size(); ++i) {
    if (key[i] < '0' || key[i] > '9') return std::nullopt;
    id = id * 10 + (key[i] - '0');
  }
  if (id <= 0) return std::nullopt;
  return RecordKey{kind == "sr", id};
}

// The record as its holder holds it now, with when its contact was received (a contact subject);
// nullopt when it is not held (any more).
struct Held {
  HeldRecord record;
  Timestamp received_at;
};
std::optional<Held> read_held(store::Tx& tx, const std::string& key) {
  const auto parsed = parse_key(key);
  if (!parsed) return std::nullopt;
  Held out;
  out.record.key = key;
  if (parsed->source) {
    auto r = store::find_source_record_by_id(tx, parsed->id);
    if (!r) return std::nullopt;
    out.record.agency = r->agency;
    out.record.source_id = r->source_id;
    out.record.held = r->person;
    return out;
  }
  auto s = store::find_subject(tx, parsed->id);
  if (!s) return std::nullopt;
  out.record.agency = s->agency;
  out.record.contact_id = s->contact_id;
  out.record.held = s->subject;
  out.received_at = s->received_at;
  return out;
}

LinkStatus status_of(const std::string& code) {
  if (code == "confirmed") return LinkStatus::confirmed;
  if (code == "rejected") return LinkStatus::rejected;
  return LinkStatus::undone;
}

// The other record a link names, seen from `subject_id`'s side.
std::string other_key(const store::PersonLinkRow& row, int64_t subject_id) {
  return row.subject_id == subject_id ? row.record_key : subject_key(row.subject_id);
}

PersonLink link_of(store::Tx& tx, const store::PersonLinkRow& row, int64_t subject_id) {
  PersonLink l;
  l.id = row.id;
  l.subject_id = subject_id;
  const std::string key = other_key(row, subject_id);
  if (auto held = read_held(tx, key))
    l.record = held->record;
  else
    l.record.key = key;
  l.person_id = row.person_id;
  l.decision = status_of(row.decision);
  l.status = status_of(row.status);
  l.decided_by = row.decided_by;
  l.decided_at = parse_rfc3339(row.decided_at).value_or(Timestamp{});
  l.reason = row.reason;
  l.undone_by = row.undone_by;
  l.undone_at = parse_rfc3339(row.undone_at).value_or(Timestamp{});
  l.undo_reason = row.undo_reason;
  return l;
}

std::string person_reference(int64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "P-%06lld", static_cast<long long>(id));
  return buf;
}

// The same time of day on the same date a year earlier (29 February: the 28th).
Timestamp twelve_months_before(const Timestamp& t) {
  int64_t day = t.epoch_seconds / 86400;
  if (t.epoch_seconds % 86400 < 0) --day;
  const int64_t seconds = t.epoch_seconds - day * 86400;
  Date d = civil_from_days(day);
  d.year -= 1;
  if (!is_valid(d)) d.day = days_in_month(d.year, d.month);
  return Timestamp{days_from_civil(d) * 86400 + seconds, t.offset_minutes};
}

std::optional<FieldError> reason_error(const std::string& reason, const std::string& when_empty) {
  if (reason.empty()) return FieldError{"reason", when_empty};
  if (reason.size() > kMaxReasonLength)
    return FieldError{"reason", "The reason must be 1,000 characters or fewer"};
  return std::nullopt;
}

// Whether a record belongs to a restricted contact the actor is not granted: such a subject is
// never offered as a match, counted as a repeat contact or linked by them.
bool hidden_from(store::Tx& tx, const Actor& actor, int64_t record_contact_id) {
  if (record_contact_id == 0) return false;  // an agency's source record
  const store::RestrictionRow r = store::restriction_of(tx, record_contact_id);
  return r.restricted &&
         std::find(r.granted.begin(), r.granted.end(), actor.user_id) == r.granted.end();
}

}  // namespace

Result<ContactMatches> Hub::match_contact(const Actor& actor, int64_t contact_id) {
  Impl& im = *impl_;
  const std::string purpose = "screening: finding who the contact's subjects are";
  const std::string id = std::to_string(contact_id);
  if (auto d = could_ever(actor, Action::person_match_view); !d.allowed)
    return im.refuse(actor, Action::person_match_view, kContactRecord, id, purpose, d);

  ContactMatches out;
  const bool ready = im.matcher && im.matcher->ensure_ready();
  if (!ready) {
    out.available = false;
    out.unavailable =
        im.matcher ? im.matcher->unavailable() : "Person matching is turned off in this hub.";
  }
  std::optional<Contact> contact;
  std::optional<policy::Decision> refused;
  im.db.transact([&](store::Tx& tx) {
    contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const policy::Decision d =
        policy::decide(actor, Action::person_match_view, impl_->resource_of(tx, *contact));
    if (!d.allowed) {
      audit::append(tx, im.event(actor, policy::action_name(Action::person_match_view),
                                 kContactRecord, id, purpose, false, d.reason));
      refused = d;
      return;
    }
    const Timestamp now = im.clock.now();
    const Timestamp since = twelve_months_before(now);
    std::string shown;
    for (const Subject& s : contact->subjects) {
      SubjectMatches sm;
      sm.subject_id = s.id;
      const std::string self = subject_key(s.id);
      std::set<std::string> decided;  // records with a standing confirmation or rejection
      for (const store::PersonLinkRow& row : store::person_links_naming(tx, self)) {
        PersonLink link = link_of(tx, row, s.id);
        if (link.status != LinkStatus::undone) decided.insert(link.record.key);
        sm.links.push_back(std::move(link));
      }
      std::set<std::string> members;  // of the subject's person
      if (auto person = store::person_of(tx, self)) {
        KnownTo known;
        known.person_id = *person;
        std::set<std::string> agencies;
        std::vector<std::pair<Timestamp, int64_t>> contacts;
        for (const std::string& key : store::members_of_person(tx, *person)) {
          members.insert(key);
          auto held = read_held(tx, key);
          if (!held) continue;
          if (held->record.contact_id == 0) {
            agencies.insert(held->record.agency);
          } else if (held->record.contact_id != contact_id && held->received_at >= since &&
                     held->received_at <= now && !hidden_from(tx, actor, held->record.contact_id)) {
            const auto same = [&](const auto& c) { return c.second == held->record.contact_id; };
            if (std::none_of(contacts.begin(), contacts.end(), same))
              contacts.emplace_back(held->received_at, held->record.contact_id);
          }
        }
        known.agencies.assign(agencies.begin(), agencies.end());
        std::sort(contacts.begin(), contacts.end(), std::greater<>());
        for (const auto& c : contacts) known.repeat_contacts.push_back(c.second);
        sm.known_to = std::move(known);
      }
      if (ready) {
        const size_t ask =
            kCandidatesPerSubject + contact->subjects.size() + decided.size() + members.size();
        for (FoundRecord& f : im.matcher->lookup(s, ask)) {
          if (sm.likely.size() + sm.possible.size() == kCandidatesPerSubject) break;
          if (f.match_probability < im.options.possible_match) continue;
          if (f.key == self || decided.count(f.key) || members.count(f.key)) continue;
          auto held = read_held(tx, f.key);
          if (!held || held->record.contact_id == contact_id) continue;
          if (hidden_from(tx, actor, held->record.contact_id)) continue;
          MatchCandidate c{std::move(held->record), f.match_probability, f.match_weight,
                           std::move(f.explanation)};
          shown += (shown.empty() ? "" : ",") + f.key;
          (c.match_probability >= im.options.likely_match ? sm.likely : sm.possible)
              .push_back(std::move(c));
        }
      }
      out.subjects.push_back(std::move(sm));
    }
    audit::append(
        tx,
        im.event(actor, policy::action_name(Action::person_match_view), kContactRecord, id, purpose,
                 true, allowed_detail(d, "records shown: " + (shown.empty() ? "none" : shown))));
  });
  if (!contact) return Error::not_found("There is no contact " + id);
  if (refused) return Error::forbidden(refused->reason);
  return out;
}

Result<PersonLink> Hub::decide_pair(const Actor& actor, Action action, int64_t contact_id,
                                    int64_t subject_id, const std::string& record_key,
                                    const std::string& reason_text) {
  Impl& im = *impl_;
  const bool confirm = action == Action::person_link_confirm;
  const std::string purpose = confirm ? "screening: confirming who a subject is"
                                      : "screening: recording that a record is someone else";
  const std::string id = std::to_string(contact_id);
  if (auto d = could_ever(actor, action); !d.allowed)
    return im.refuse(actor, action, kContactRecord, id, purpose, d);
  const std::string reason = trimmed(reason_text);
  std::vector<FieldError> errors;
  if (auto e = reason_error(reason, confirm ? "Enter why you are sure this is the same person"
                                            : "Enter why this is not the same person"))
    errors.push_back(*e);
  if (!parse_key(record_key))
    errors.push_back({"record", "Choose a record from the matches shown"});

  std::optional<Error> failed;
  std::optional<PersonLink> out;
  im.db.transact([&](store::Tx& tx) {
    store::lock_person_links(tx);
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) {
      failed = Error::not_found("There is no contact " + id);
      return;
    }
    const policy::Decision d = policy::decide(actor, action, impl_->resource_of(tx, *contact));
    if (!d.allowed) {
      audit::append(tx, im.event(actor, policy::action_name(action), kContactRecord, id, purpose,
                                 false, d.reason));
      failed = Error::forbidden(d.reason);
      return;
    }
    // The input is judged only for those who may decide about this contact's subjects (a
    // restricted contact is not theirs to be told about).
    if (!errors.empty()) {
      failed = Error::invalid(std::move(errors), confirm ? "The match has not been confirmed"
                                                         : "The match has not been rejected");
      return;
    }
    const auto on_contact = [&](const Subject& s) { return s.id == subject_id; };
    if (std::none_of(contact->subjects.begin(), contact->subjects.end(), on_contact)) {
      failed = Error::not_found("The subject is not on this contact");
      return;
    }
    const auto held = read_held(tx, record_key);
    if (!held || hidden_from(tx, actor, held->record.contact_id)) {
      failed = Error::not_found("The record is no longer held: reload the page");
      return;
    }
    if (held->record.contact_id == contact_id) {
      failed = Error::invalid({{"record", "Two subjects of one contact cannot be linked"}});
      return;
    }
    const std::string self = subject_key(subject_id);
    for (const store::PersonLinkRow& row : store::person_links_naming(tx, self)) {
      if (other_key(row, subject_id) != record_key || row.status == "undone") continue;
      failed = conflict("This match was already " + row.status + " by " + row.decided_by +
                        ": undo that decision first to change it");
      return;
    }
    const Timestamp now = im.clock.now();
    store::PersonLinkRow row;
    row.subject_id = subject_id;
    row.record_key = record_key;
    row.decision = row.status = confirm ? "confirmed" : "rejected";
    row.decided_by = actor.username;
    row.decided_at = to_rfc3339(now);
    row.reason = reason;
    if (confirm) {
      const auto mine = store::person_of(tx, self);
      const auto theirs = store::person_of(tx, record_key);
      if (mine && theirs) {
        failed = conflict(
            *mine == *theirs
                ? "The subject and the record are already linked to the same person, " +
                      person_reference(*mine)
                : "The subject is already linked to person " + person_reference(*mine) +
                      " and the record to another person, " + person_reference(*theirs) +
                      ". The hub does not merge two people: check both, undo the wrong link, "
                      "then confirm again");
        return;
      }
      row.person_id = mine     ? *mine
                      : theirs ? *theirs
                               : store::insert_person(tx, row.decided_at, actor.username);
    }
    store::insert_person_link(tx, row);
    std::string detail = "link " + std::to_string(row.id) + ": " + self + " with " + record_key;
    if (confirm) detail += "; person " + std::to_string(row.person_id);
    audit::append(tx, im.event(actor, policy::action_name(action), kContactRecord, id, purpose,
                               true, detail));
    out = link_of(tx, row, subject_id);
  });
  if (failed) return *failed;
  im.changes.publish(contact_id);  // the agencies involved may have changed (case tracker)
  return std::move(*out);
}

Result<PersonLink> Hub::confirm_link(const Actor& actor, int64_t contact_id, int64_t subject_id,
                                     const std::string& record_key, const std::string& reason) {
  return decide_pair(actor, Action::person_link_confirm, contact_id, subject_id, record_key,
                     reason);
}

Result<PersonLink> Hub::reject_link(const Actor& actor, int64_t contact_id, int64_t subject_id,
                                    const std::string& record_key, const std::string& reason) {
  return decide_pair(actor, Action::person_link_reject, contact_id, subject_id, record_key, reason);
}

Result<PersonLink> Hub::undo_link(const Actor& actor, int64_t contact_id, int64_t link_id,
                                  const std::string& reason_text) {
  Impl& im = *impl_;
  const std::string purpose = "screening: withdrawing a decision about who a subject is";
  const std::string id = std::to_string(contact_id);
  if (auto d = could_ever(actor, Action::person_link_undo); !d.allowed)
    return im.refuse(actor, Action::person_link_undo, kContactRecord, id, purpose, d);
  const std::string reason = trimmed(reason_text);
  const std::optional<FieldError> reason_problem =
      reason_error(reason, "Enter why you are undoing this decision");

  std::optional<Error> failed;
  std::optional<PersonLink> out;
  im.db.transact([&](store::Tx& tx) {
    store::lock_person_links(tx);
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) {
      failed = Error::not_found("There is no contact " + id);
      return;
    }
    const policy::Decision d =
        policy::decide(actor, Action::person_link_undo, impl_->resource_of(tx, *contact));
    if (!d.allowed) {
      audit::append(tx, im.event(actor, policy::action_name(Action::person_link_undo),
                                 kContactRecord, id, purpose, false, d.reason));
      failed = Error::forbidden(d.reason);
      return;
    }
    // The reason is judged only for those who may undo links on this contact.
    if (reason_problem) {
      failed = Error::invalid({*reason_problem}, "The decision has not been undone");
      return;
    }
    auto row = store::find_person_link(tx, link_id);
    int64_t subject_id = 0;  // the link's subject on this contact
    if (row) {
      for (const Subject& s : contact->subjects)
        if (s.id == row->subject_id || subject_key(s.id) == row->record_key) subject_id = s.id;
    }
    if (!row || subject_id == 0) {
      failed = Error::not_found("There is no such link on this contact");
      return;
    }
    if (row->status == "undone") {
      failed = conflict("This decision was already undone by " + row->undone_by);
      return;
    }
    const std::string at = to_rfc3339(im.clock.now());
    store::mark_person_link_undone(tx, link_id, actor.username, at, reason);
    audit::append(tx, im.event(actor, policy::action_name(Action::person_link_undo), kContactRecord,
                               id, purpose, true,
                               "link " + std::to_string(link_id) + " (" + row->decision + "): " +
                                   subject_key(row->subject_id) + " with " + row->record_key));
    row->status = "undone";
    row->undone_by = actor.username;
    row->undone_at = at;
    row->undo_reason = reason;
    out = link_of(tx, *row, subject_id);
  });
  if (failed) return *failed;
  im.changes.publish(contact_id);  // the agencies involved may have changed (case tracker)
  return std::move(*out);
}

}  // namespace mash::app
