// Rows of the append-only audit log. The chain (hashes, verification) is audit/'s business;
// this file only reads and writes rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

struct AuditRow {
  int64_t seq = 0;
  std::string occurred_at;  // RFC 3339
  std::string actor_kind;   // "user", "agency_system", "command_line"
  std::string username;
  std::string agency;
  std::string role;
  std::string action;       // "contact.view", …
  std::string record_type;  // "contact", "user", "" …
  std::string record_id;
  std::string purpose;
  std::string outcome;    // "allowed" or "denied"
  std::string detail;     // never personal data about subjects
  std::string prev_hash;  // hex
  std::string hash;       // hex
};

struct AuditHead {
  int64_t seq = 0;
  std::string hash;  // empty before the first event
};

// Reads the head and locks it until the transaction ends, so appends are serialised.
AuditHead lock_audit_head(Tx& tx);
void insert_audit_row(Tx& tx, const AuditRow& row);
void set_audit_head(Tx& tx, const AuditHead& head);
AuditHead read_audit_head(Tx& tx);
// Rows with seq > after, in order, at most `limit`.
std::vector<AuditRow> read_audit_rows(Tx& tx, int64_t after, int limit);
// Every event about one record, oldest first.
std::vector<AuditRow> audit_rows_for_record(Tx& tx, const std::string& record_type,
                                            const std::string& record_id);

// The events by `username` about one record after `after` (a seq), oldest first, at most
// `limit`: what a user did with a record from some moment on (a break-glass access).
std::vector<AuditRow> audit_rows_by_user_for_record(Tx& tx, const std::string& record_type,
                                                    const std::string& record_id,
                                                    const std::string& username, int64_t after,
                                                    int limit);

// A record the audit log names: "contact" and "42".
struct AuditRecord {
  std::string type;
  std::string id;
};
// The events about any of `records` with seq below `before` (0: from the newest), newest first,
// at most `limit`. Each record is read backwards through the index audit_events_record from
// `before`, at most `limit` events of each, so the cost grows with the records and the page size,
// not with the size of the log or how far back the page is.
std::vector<AuditRow> audit_rows_for_records(Tx& tx, const std::vector<AuditRecord>& records,
                                             int64_t before, int limit);
// How many events there are about any of `records` (counted in the index alone).
int64_t count_audit_rows_for_records(Tx& tx, const std::vector<AuditRecord>& records);

}  // namespace mash::store
