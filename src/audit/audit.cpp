#include "audit/audit.h"

#include <sodium.h>

#include <stdexcept>

namespace mash::audit {

namespace {

void add_field(crypto_generichash_state& st, const std::string& s) {
  const uint64_t n = s.size();
  unsigned char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
  crypto_generichash_update(&st, len, sizeof len);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

}  // namespace

std::string chain_hash(const store::AuditRow& r) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, crypto_generichash_BYTES);
  for (const std::string* s :
       {&r.prev_hash, &r.occurred_at, &r.actor_kind, &r.username, &r.agency, &r.role, &r.action,
        &r.record_type, &r.record_id, &r.purpose, &r.outcome, &r.detail})
    add_field(st, *s);
  add_field(st, std::to_string(r.seq));
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash_final(&st, out, sizeof out);
  char hex[2 * crypto_generichash_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

int64_t append(store::Tx& tx, const Event& e) {
  store::AuditHead head = store::lock_audit_head(tx);
  store::AuditRow row;
  row.seq = head.seq + 1;
  row.occurred_at = to_rfc3339(e.at);
  row.actor_kind = e.actor_kind;
  row.username = e.username;
  row.agency = e.agency;
  row.role = e.role;
  row.action = e.action;
  row.record_type = e.record_type;
  row.record_id = e.record_id;
  row.purpose = e.purpose;
  row.outcome = e.allowed ? "allowed" : "denied";
  row.detail = e.detail;
  row.prev_hash = head.hash;
  row.hash = chain_hash(row);
  store::insert_audit_row(tx, row);
  store::set_audit_head(tx, {row.seq, row.hash});
  return row.seq;
}

Verification verify(store::Database& db) {
  Verification v;
  int64_t expected = 1;
  std::string prev;
  constexpr int kPage = 2000;
  auto fail = [&](int64_t seq, std::string problem) {
    v.ok = false;
    v.first_bad_seq = seq;
    v.problem = std::move(problem);
  };
  store::AuditHead head;
  while (v.ok) {
    std::vector<store::AuditRow> rows;
    db.transact([&](store::Tx& tx) {
      rows = store::read_audit_rows(tx, expected - 1, kPage);
      if (rows.size() < static_cast<size_t>(kPage)) head = store::read_audit_head(tx);
    });
    for (const store::AuditRow& r : rows) {
      const std::string n = std::to_string(r.seq);
      if (r.seq != expected) {
        fail(expected, "event " + std::to_string(expected) +
                           " is missing: the next event found is " + n +
                           " (removed or renumbered)");
        break;
      }
      if (r.prev_hash != prev) {
        fail(r.seq, "event " + n + " does not follow the event before it (its previous hash " +
                        "does not match event " + std::to_string(r.seq - 1) + ")");
        break;
      }
      if (chain_hash(r) != r.hash) {
        fail(r.seq, "event " + n + " has been changed since it was written (its hash does " +
                        "not match its contents)");
        break;
      }
      prev = r.hash;
      ++expected;
      ++v.events_checked;
    }
    if (rows.size() < static_cast<size_t>(kPage)) break;
  }
  if (v.ok && (head.seq != expected - 1 || head.hash != prev)) {
    if (head.seq == expected - 1)
      fail(head.seq, "event " + std::to_string(head.seq) +
                         " does not match the chain head (it was changed and re-hashed)");
    else if (head.seq > expected - 1)
      fail(expected, "event " + std::to_string(expected) + " is missing: the chain head records " +
                         std::to_string(head.seq) + " events but the log ends at event " +
                         std::to_string(expected - 1));
    else
      fail(head.seq + 1, "event " + std::to_string(head.seq + 1) +
                             " was not written by the hub: the chain head records " +
                             std::to_string(head.seq) + " events but the log has " +
                             std::to_string(expected - 1));
  }
  return v;
}

}  // namespace mash::audit
