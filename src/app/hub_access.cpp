// "Who saw this child's record, and why" (issue 5): every audit event about a child, across
// every contact that names them.
//
// A child is one subject on each contact about them; confirmed person links (app/hub_matching.cpp)
// say which subjects are the same child. Their history is the events of each such contact the
// actor may see the history of, and any events recorded against the subjects, the person and the
// links themselves. Events are found record by record in the audit log's index
// (store::audit_rows_for_records), so a page costs the same in a log of ten million events as in
// one of a thousand.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "store/audit_log.h"
#include "store/contacts.h"
#include "store/persons.h"
#include "store/research.h"

namespace mash::app {

using policy::Action;

namespace {

constexpr int kMaxPageSize = 200;

std::string joined(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

// The child's records as the audit log names them, with the contact each subject is on.
struct ChildRecords {
  int64_t person_id = 0;
  std::vector<int64_t> contacts;               // ascending
  std::map<int64_t, int64_t> subject_contact;  // subject id -> its contact
  std::set<int64_t> links;
  std::map<int64_t, int64_t> requests;  // information request id -> its contact

  std::vector<store::AuditRecord> audit_records() const {
    std::vector<store::AuditRecord> out;
    for (int64_t c : contacts) out.push_back({kContactRecord, std::to_string(c)});
    for (const auto& [subject, contact] : subject_contact)
      out.push_back({kSubjectRecord, std::to_string(subject)});
    if (person_id > 0) out.push_back({kPersonRecord, std::to_string(person_id)});
    for (int64_t l : links) out.push_back({kPersonLinkRecord, std::to_string(l)});
    for (const auto& [request, contact] : requests)
      out.push_back({kRequestRecord, std::to_string(request)});
    return out;
  }

  int64_t contact_of(const store::AuditRow& r) const {
    try {
      if (r.record_type == kContactRecord) return std::stoll(r.record_id);
      if (r.record_type == kSubjectRecord) {
        auto it = subject_contact.find(std::stoll(r.record_id));
        return it == subject_contact.end() ? 0 : it->second;
      }
      if (r.record_type == kRequestRecord) {
        auto it = requests.find(std::stoll(r.record_id));
        return it == requests.end() ? 0 : it->second;
      }
    } catch (const std::exception&) {
    }
    return 0;
  }
};

// `contact` (already allowed) and `subject_id` on it, and when the subject is a person, the
// person's other subjects on contacts whose history `may_see` allows.
ChildRecords child_records(store::Tx& tx, const Contact& contact, int64_t subject_id,
                           const std::function<bool(const Contact&)>& may_see) {
  ChildRecords out;
  out.contacts.push_back(contact.id);
  out.subject_contact[subject_id] = contact.id;
  const std::string self = "cs:" + std::to_string(subject_id);
  if (auto person = store::person_of(tx, self)) {
    out.person_id = *person;
    std::map<int64_t, bool> seen{{contact.id, true}};  // contact -> whether it is included
    for (const std::string& key : store::members_of_person(tx, *person)) {
      if (key.rfind("cs:", 0) != 0 || key == self) continue;
      const auto subject = store::find_subject(tx, std::stoll(key.substr(3)));
      if (!subject) continue;
      auto [it, first] = seen.emplace(subject->contact_id, false);
      if (first) {
        const auto other = store::find_contact(tx, subject->contact_id);
        it->second = other && may_see(*other);
        if (it->second) out.contacts.push_back(subject->contact_id);
      }
      if (it->second) out.subject_contact[subject->subject.id] = subject->contact_id;
    }
    std::sort(out.contacts.begin(), out.contacts.end());
  }
  // Each included contact's information requests: the agency asked saw the child's identifying
  // details when it opened one, and what it answered about them.
  for (int64_t c : out.contacts)
    for (const store::RequestRow& row : store::requests_of(tx, c)) out.requests[row.id] = c;
  // Every decision about the included subjects: confirmations, rejections, undone or not.
  for (const auto& [subject, contact_id] : out.subject_contact)
    for (const store::PersonLinkRow& row :
         store::person_links_naming(tx, "cs:" + std::to_string(subject)))
      out.links.insert(row.id);
  return out;
}

}  // namespace

Result<SubjectAccessHistory> Hub::subject_access_history(const Actor& actor, int64_t contact_id,
                                                         int64_t subject_id, int64_t before,
                                                         int limit) {
  Impl& im = *impl_;
  const std::string purpose = "access history of a child's record";
  const std::string id = std::to_string(contact_id);
  if (auto d = could_ever(actor, Action::contact_access_history); !d.allowed)
    return im.refuse(actor, Action::contact_access_history, kContactRecord, id, purpose, d);

  SubjectAccessHistory out;
  out.subject_id = subject_id;
  limit = std::clamp(limit, 1, kMaxPageSize);
  before = std::max<int64_t>(0, before);
  std::optional<Error> failed;
  im.db.transact([&](store::Tx& tx) {
    const auto contact = store::find_contact(tx, contact_id);
    if (!contact) {
      failed = Error::not_found("There is no contact " + id);
      return;
    }
    const policy::Decision d =
        policy::decide(actor, Action::contact_access_history, impl_->resource_of(tx, *contact));
    if (!d.allowed) {
      audit::append(tx, im.event(actor, policy::action_name(Action::contact_access_history),
                                 kContactRecord, id, purpose, false, d.reason));
      failed = Error::forbidden(d.reason);
      return;
    }
    const auto on_contact = [&](const Subject& s) { return s.id == subject_id; };
    if (std::none_of(contact->subjects.begin(), contact->subjects.end(), on_contact)) {
      failed = Error::not_found("The subject is not on this contact");
      return;
    }
    const ChildRecords child = child_records(tx, *contact, subject_id, [&](const Contact& c) {
      return policy::decide(actor, Action::contact_access_history, impl_->resource_of(tx, c))
          .allowed;
    });
    out.person_id = child.person_id;
    out.contacts = child.contacts;
    // The read is itself an event about the child: written first, it is the newest shown.
    std::string detail = "subject " + std::to_string(subject_id);
    if (child.person_id > 0) detail += "; person " + std::to_string(child.person_id);
    detail += "; contacts " + joined(child.contacts);
    if (before > 0) detail += "; before event " + std::to_string(before);
    audit::append(tx, im.event(actor, policy::action_name(Action::contact_access_history),
                               kContactRecord, id, purpose, true, allowed_detail(d, detail)));

    const std::vector<store::AuditRecord> records = child.audit_records();
    out.total = store::count_audit_rows_for_records(tx, records);
    // One more than the page, to know whether there are more.
    std::vector<store::AuditRow> rows =
        store::audit_rows_for_records(tx, records, before, limit + 1);
    out.more = rows.size() > static_cast<size_t>(limit);
    if (out.more) rows.pop_back();
    for (const store::AuditRow& r : rows) {
      SubjectAccessEntry e;
      e.at = parse_rfc3339(r.occurred_at).value_or(Timestamp{});
      e.username = r.username;
      e.agency = r.agency;
      e.role = r.role;
      e.action = r.action;
      e.purpose = r.purpose;
      e.allowed = r.outcome == "allowed";
      e.seq = r.seq;
      e.contact_id = child.contact_of(r);
      out.entries.push_back(std::move(e));
    }
  });
  if (failed) return *failed;
  return out;
}

}  // namespace mash::app
