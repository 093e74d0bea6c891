// The case tracker's reads (issue 4): every open contact with its latest rating, its subjects'
// names and dates of birth, its worker and the agencies its subjects' persons are known to, in a
// few set-based queries however many contacts are open (one query per contact does not scale to
// a hub's 10,000 open enquiries). Rows carry codes and text as stored; app/ makes them items.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

struct TrackerSubjectRow {
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // ISO 8601 or empty
  std::string dob_kind;       // DobKind's code
};

struct TrackerRow {
  int64_t contact_id = 0;
  std::string received_at;  // RFC 3339, as the sender wrote it
  int64_t received_epoch = 0;
  std::string status;  // ContactStatus's code
  std::string source;  // ReferralSource's code
  std::string agency;  // that sent or recorded it
  std::string worker;  // username; empty when nobody has it yet
  std::string rating;  // the latest rating's code; empty when not rated
  int64_t due_epoch = 0;
  bool marac = false;                       // its latest DASH checklist met a route to MARAC
  std::vector<TrackerSubjectRow> subjects;  // in the contact's order
  // Agencies holding source records that belong to a subject's person (confirmed links),
  // sorted, each once. Not the sending agency.
  std::vector<std::string> known_to;
  // Its information requests (issue 5), by agency: status code, due and answered times.
  struct Request {
    std::string agency;
    std::string status;
    int64_t due_epoch = 0;
    int64_t answered_epoch = 0;  // 0 when not answered
  };
  std::vector<Request> requests;
  // A restricted contact (issue 5) and the users granted it, in id order.
  bool restricted = false;
  std::vector<int64_t> granted;
};

struct TrackerQuery {
  std::vector<std::string> statuses;  // ContactStatus codes to include; must not be empty
  std::vector<int64_t> only;          // just these contacts; empty: every one
  bool subjects = true;               // false: leave `subjects` empty (a wall without names)
};

// The contacts with one of the statuses, in id order.
std::vector<TrackerRow> tracker_rows(Tx& tx, const TrackerQuery& query);

}  // namespace mash::store
