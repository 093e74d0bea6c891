// The audit log: every view and change of a person or a case, appended in the same transaction
// as the work it records, each event's BLAKE2b hash covering the previous event's hash, so that
// a changed, removed or inserted event breaks the chain at a place verify() can name.
#pragma once

#include <cstdint>
#include <string>

#include "domain/time.h"
#include "store/audit_log.h"
#include "store/database.h"

namespace mash::audit {

struct Event {
  Timestamp at;
  std::string actor_kind;  // "user", "agency_system", "command_line"
  std::string username;
  std::string agency;
  std::string role;
  std::string action;       // "contact.view", …
  std::string record_type;  // "contact", "user", "session", "" …
  std::string record_id;
  std::string purpose;
  bool allowed = true;
  std::string detail;  // never personal data about subjects
};

// Appends an event to the chain within `tx`; returns its sequence number. Concurrent appends
// are serialised by the transaction's lock on the chain head.
int64_t append(store::Tx& tx, const Event& event);

// The hash of a row given the hash of the one before it (hex BLAKE2b-256 over a length-
// prefixed encoding of every field but `hash`).
std::string chain_hash(const store::AuditRow& row);

struct Verification {
  bool ok = true;
  int64_t events_checked = 0;
  int64_t first_bad_seq = 0;  // when !ok: the first event that does not verify
  std::string problem;        // when !ok: what is wrong there, in a sentence
};

// Walks the whole chain from the first event, in pages.
Verification verify(store::Database& db);

}  // namespace mash::audit
