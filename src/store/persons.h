// People resolved across agencies: persons and the person links that say which contact subjects
// and source records describe each one (migration 5).
//
// A record is named by a key: "sr:<source record id>" or "cs:<contact subject id>". A link is a
// decision about one pair, a contact subject and a record: confirmed (both are the person
// `person_id`) or rejected (they are two people). Links are never deleted; undoing one sets its
// status to "undone". A record belongs to a person while a confirmed link names it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "domain/source_record.h"
#include "store/database.h"

namespace mash::store {

struct PersonLinkRow {
  int64_t id = 0;
  int64_t subject_id = 0;  // the contact subject the decision was made for
  std::string record_key;  // the record it was matched with: "sr:12" or "cs:40"
  int64_t person_id = 0;   // for a confirmation; 0 for a rejection
  std::string decision;    // "confirmed" or "rejected"
  std::string status;      // "confirmed", "rejected" or "undone"
  std::string decided_by, decided_at, reason;
  std::string undone_by, undone_at, undo_reason;  // empty unless undone
};

// Serialises decisions about links across connections (PostgreSQL; SQLite has one writer at a
// time anyway), so that two workers linking the same record at once cannot make two persons.
void lock_person_links(Tx& tx);

int64_t insert_person(Tx& tx, const std::string& created_at, const std::string& created_by);
// Stores the link and sets its id.
void insert_person_link(Tx& tx, PersonLinkRow& link);
std::optional<PersonLinkRow> find_person_link(Tx& tx, int64_t id);
void mark_person_link_undone(Tx& tx, int64_t id, const std::string& by, const std::string& at,
                             const std::string& reason);
// Every link that names the record `key` on either side, oldest first.
std::vector<PersonLinkRow> person_links_naming(Tx& tx, const std::string& key);
// The person a record belongs to through a confirmed link, if any.
std::optional<int64_t> person_of(Tx& tx, const std::string& key);
// The keys of every record that belongs to the person.
std::vector<std::string> members_of_person(Tx& tx, int64_t person_id);

// A contact subject with what the matcher and the contact page need about its contact.
struct StoredSubject {
  Subject subject;
  int64_t contact_id = 0;
  std::string agency;  // of the contact
  Timestamp received_at;
};
std::optional<StoredSubject> find_subject(Tx& tx, int64_t subject_id);

std::optional<SourceRecord> find_source_record_by_id(Tx& tx, int64_t id);

// Every source record, or every contact subject, with an id above `after_id`, in id order.
void for_each_source_record(Tx& tx, int64_t after_id,
                            const std::function<void(const SourceRecord&)>& fn);
void for_each_subject(Tx& tx, int64_t after_id,
                      const std::function<void(const Subject&, int64_t contact_id)>& fn);
// Source records plus contact subjects: how many records the matcher can learn from.
int64_t count_person_records(Tx& tx);

}  // namespace mash::store
