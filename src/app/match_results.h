// What person matching gives the hub's use cases (app/hub.h): the records found for a subject,
// with their probabilities and explanations, the workers' link decisions, and who knows the
// subject's person.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/person.h"
#include "domain/time.h"

namespace mash::app {

// A record that matching found or a link names, as its holder holds it. `key` is "sr:<id>" for
// an agency's source record or "cs:<id>" for a subject of a contact.
struct HeldRecord {
  std::string key;
  std::string agency;      // the agency holding the source record, or that sent the contact
  std::string source_id;   // the agency's own id, for a source record
  int64_t contact_id = 0;  // the contact, for a contact subject
  Person held;  // the person as its holder holds them: names, date of birth, sex, address, NHS
                // number, UPN — for checking a match
};

struct MatchCandidate {
  HeldRecord record;
  double match_probability = 0;
  double match_weight = 0;
  // Each field compared, in words: "date of birth: day and month swapped, +3.1".
  std::vector<std::string> explanation;
};

enum class LinkStatus { confirmed, rejected, undone };

// A worker's decision about a subject and a record: one person, or two.
struct PersonLink {
  int64_t id = 0;
  int64_t subject_id = 0;  // the subject it was decided for
  HeldRecord record;       // the other record (when the link was made from the other subject's
                           // contact, that subject)
  int64_t person_id = 0;   // for a confirmation
  LinkStatus decision = LinkStatus::confirmed;  // confirmed or rejected, kept when undone
  LinkStatus status = LinkStatus::confirmed;
  std::string decided_by;
  Timestamp decided_at;
  std::string reason;
  std::string undone_by;  // empty unless undone
  Timestamp undone_at;
  std::string undo_reason;
};

// Who knows a subject's person: agencies only, never what their records say.
struct KnownTo {
  int64_t person_id = 0;
  std::vector<std::string> agencies;  // codes of agencies holding source records about the person
  // Other contacts about the person received in the 12 months up to now (this one excluded),
  // newest first.
  std::vector<int64_t> repeat_contacts;
};

struct SubjectMatches {
  int64_t subject_id = 0;
  std::vector<MatchCandidate> likely;    // at or above HubOptions::likely_match, best first
  std::vector<MatchCandidate> possible;  // at or above possible_match, below likely_match
  std::vector<PersonLink> links;         // every decision naming the subject, oldest first
  std::optional<KnownTo> known_to;       // when the subject belongs to a person
};

struct ContactMatches {
  bool available = true;                 // false while matching cannot run: see `unavailable`
  std::string unavailable;               // why, in words for the contact page
  std::vector<SubjectMatches> subjects;  // in the contact's order
};

}  // namespace mash::app
