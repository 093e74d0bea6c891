// Users' e-mail addresses and the outbox of "you have a new message" e-mails (migration 15,
// issue 5). An outbox row names only its recipient's username: the address is read when it is
// sent, and no row holds what the notification said.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

// "" when the user has none.
std::string user_email(Tx& tx, int64_t user_id);
void set_user_email(Tx& tx, int64_t user_id, const std::string& email);

// Queues one e-mail to the recipient if they are active, have an address and have none queued
// already (so a burst of notifications sends one e-mail); true when it queued one.
bool queue_mail(Tx& tx, const std::string& recipient, int64_t now);

struct MailRow {
  int64_t id = 0;
  std::string recipient;
  std::string address;  // "" when the user no longer has one
  bool active = false;  // whether the user is still active
  int attempts = 0;
  int64_t queued_epoch = 0;
  int64_t next_attempt_epoch = 0;
};
// Queued e-mails due at `now`, oldest first, at most `limit`, each claimed until `claim_until`:
// a row another sender claimed first is left out, so two servers never send one twice.
std::vector<MailRow> claim_due_mail(Tx& tx, int64_t now, int64_t claim_until, int limit);
// Records the end of one e-mail: state "sent", "failed" (refused for good or too many tries),
// "expired" (waited too long) or "cancelled" (no address, or the user is no longer active).
void finish_mail(Tx& tx, int64_t id, const std::string& state, int attempts, int64_t now,
                 const std::string& error);
// Records a failed attempt to be tried again at `next_attempt`.
void retry_mail(Tx& tx, int64_t id, int attempts, int64_t next_attempt, const std::string& error);

struct MailCount {
  std::string state;
  int64_t count = 0;
};
// How many e-mails are in each state, by state name.
std::vector<MailCount> mail_counts(Tx& tx);

}  // namespace mash::store
