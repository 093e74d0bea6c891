// Screening decisions, the worker on a contact, clocks breached, and notifications
// (migration 7, issue 4). Decisions and breaches are never updated or deleted; a notification is
// only ever marked dismissed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

struct DecisionRow {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string route;            // domain/screening.h's code
  int threshold = 0;            // the configuration's level
  std::string worker;           // username the contact goes to; may be empty
  bool open_to_worker = false;  // a subject was already open to that worker
  std::string rationale;
  std::string strategy_discussion_at;  // RFC 3339 when one was held; "" otherwise
  std::string decided_by;
  std::string decided_at;  // RFC 3339
  int64_t decided_epoch = 0;
};

void insert_decision(Tx& tx, DecisionRow& row);
// The contact's decisions, oldest first.
std::vector<DecisionRow> decisions_of(Tx& tx, int64_t contact_id);

// The worker on the contact ("" when none) and when its clock was met: the first decision that
// ended screening (none while it runs).
struct ContactWork {
  std::string worker;
  std::optional<int64_t> met_epoch;
};
ContactWork work_of(Tx& tx, int64_t contact_id);
// Locks the contact's row for the rest of the transaction if it is open (new, screening or
// enquiry): false when it is not (decided, closed or not there). On PostgreSQL a second
// transaction waits here for the first to commit, then sees what it did: two decisions on one
// contact at once cannot both pass the checks that follow.
bool lock_open_contact(Tx& tx, int64_t contact_id);
void set_contact_worker(Tx& tx, int64_t contact_id, const std::string& username);

struct BreachRow {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string clock;   // "decision" (the rating's) or "referral_decision" (statutory)
  std::string rating;  // the rating whose timescale it was; "" for a statutory clock
  std::string due_at;  // RFC 3339
  int64_t due_epoch = 0;
  std::string recorded_at;
  int64_t recorded_epoch = 0;
};
// Records the breach unless that contact's clock already has one for that due time; true when
// recorded now.
bool insert_breach(Tx& tx, BreachRow& row);
std::vector<BreachRow> breaches_of(Tx& tx, int64_t contact_id);

// A contact whose clock has passed its due time with no breach recorded for it yet.
struct DueClock {
  int64_t contact_id = 0;
  std::string rating;  // "" for the statutory referral decision clock
  std::string due_at;
  int64_t due_epoch = 0;
};
// Open contacts (new, screening, enquiry) whose latest rating fell due at or before `now` and
// has no breach recorded, oldest due first, at most `limit`.
std::vector<DueClock> unrecorded_rating_breaches(Tx& tx, int64_t now, int limit);
// Open contacts with no decision yet received at or before `received_by`, with no referral
// decision breach recorded, oldest first: their statutory referral decision clock may have passed
// (the due time grows with receipt, so the first not yet due ends the search).
std::vector<int64_t> undecided_received_by(Tx& tx, int64_t received_by, int limit);

struct NotificationRow {
  int64_t id = 0;
  std::string recipient;  // username
  std::string kind;       // "breach"
  std::optional<int64_t> contact_id;
  std::string message;  // no personal data: the contact's number and the clock
  std::string created_at;
  int64_t created_epoch = 0;
};
// Also queues the recipient a "you have a new message" e-mail when they have an address
// (store/mail.h).
void insert_notification(Tx& tx, NotificationRow& row);
// The recipient's notifications not dismissed, newest first, at most `limit`; and how many.
std::vector<NotificationRow> notifications_for(Tx& tx, const std::string& recipient, int limit);
int64_t count_notifications_for(Tx& tx, const std::string& recipient);
// Marks one (or, with id 0, all) of the recipient's notifications dismissed; how many were.
int64_t dismiss_notifications(Tx& tx, const std::string& recipient, int64_t id, int64_t epoch);
// Usernames of the active users with this role code.
std::vector<std::string> active_users_with_role(Tx& tx, const std::string& role);

}  // namespace mash::store
