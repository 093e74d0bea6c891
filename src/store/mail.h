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
// already (so a burst of notifications sends one e-mail; a unique index keeps it one when two
// transactions queue at once); true when it queued one.
bool queue_mail(Tx& tx, const std::string& recipient, int64_t now);

struct MailRow {
  int64_t id = 0;
  std::string recipient;
  std::string address;  // "" when the user no longer has one
  bool active = false;  // whether the user is still active
  int attempts = 0;
  int64_t queued_epoch = 0;
  int64_t claimed_until = 0;  // the claim: next_attempt_epoch while this sender holds it
};
// Queued e-mails due at `now`, oldest first, at most `limit`, each claimed until `claim_until`:
// a row another sender claimed first is left out, so two servers never send one at once.
std::vector<MailRow> claim_due_mail(Tx& tx, int64_t now, int64_t claim_until, int limit);
// Records the end of a claimed e-mail: state "sent", "failed" (refused for good or too many
// tries), "expired" (waited too long) or "cancelled" (no address, or the user is no longer
// active). False, changing nothing, when the claim was lost (it ran out and another sender took
// the e-mail).
bool finish_mail(Tx& tx, const MailRow& claimed, const std::string& state, int attempts,
                 int64_t now, const std::string& error);
// Hands a claimed e-mail back to be tried at `next_attempt`, with `attempts` tries so far;
// false when the claim was lost.
bool retry_mail(Tx& tx, const MailRow& claimed, int attempts, int64_t next_attempt,
                const std::string& error);

struct MailCount {
  std::string state;
  int64_t count = 0;
};
// How many e-mails are in each state, by state name.
std::vector<MailCount> mail_counts(Tx& tx);

}  // namespace mash::store
