#include "store/audit_log.h"

#include <soci/soci.h>

#include "store/prepared.h"

namespace mash::store {

namespace {

const char* const kAuditColumns =
    "SELECT seq, occurred_at, actor_kind, username, agency, role, action, record_type, "
    "record_id, purpose, outcome, detail, prev_hash, hash FROM audit_events ";

void bind_row(soci::statement& st, AuditRow& r, long long& seq) {
  st.exchange(soci::into(seq));
  for (std::string* s :
       {&r.occurred_at, &r.actor_kind, &r.username, &r.agency, &r.role, &r.action, &r.record_type,
        &r.record_id, &r.purpose, &r.outcome, &r.detail, &r.prev_hash, &r.hash})
    st.exchange(soci::into(*s));
}

}  // namespace

AuditHead lock_audit_head(Tx& tx) {
  // The UPDATE takes the row lock on PostgreSQL (held to commit); SQLite transactions here are
  // already exclusive writers.
  if (tx.dialect() == Dialect::postgresql)
    tx.prepared("UPDATE audit_head SET seq = seq WHERE id = 1", "").run();
  return read_audit_head(tx);
}

AuditHead read_audit_head(Tx& tx) {
  Prepared& head = tx.prepared("SELECT seq, hash FROM audit_head WHERE id = 1", "", "nt");
  if (!head.run()) throw StoreError("The audit chain head is missing: run `mash migrate`");
  return AuditHead{head.number_out(0), head.text_out(1)};
}

void set_audit_head(Tx& tx, const AuditHead& head) {
  Prepared& set = tx.prepared("UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1", "nt");
  set.number(0, head.seq);
  set.text(1, head.hash);
  set.run();
}

void insert_audit_row(Tx& tx, const AuditRow& r) {
  Prepared& insert = tx.prepared(
      "INSERT INTO audit_events (seq, occurred_at, actor_kind, username, agency, role, action, "
      "record_type, record_id, purpose, outcome, detail, prev_hash, hash) VALUES (:seq, :at, "
      ":kind, :user, :agency, :role, :action, :rtype, :rid, :purpose, :outcome, :detail, :prev, "
      ":hash)",
      "nttttttttttttt");
  insert.number(0, r.seq);
  size_t i = 1;
  for (const std::string* s :
       {&r.occurred_at, &r.actor_kind, &r.username, &r.agency, &r.role, &r.action, &r.record_type,
        &r.record_id, &r.purpose, &r.outcome, &r.detail, &r.prev_hash, &r.hash})
    insert.text(i++, *s);
  insert.run();
}

std::vector<AuditRow> read_audit_rows(Tx& tx, int64_t after, int limit) {
  std::vector<AuditRow> out;
  AuditRow r;
  long long seq = 0, from = after;
  int lim = limit;
  soci::statement st(tx.sql());
  st.exchange(soci::use(from, "after"));
  st.exchange(soci::use(lim, "lim"));
  bind_row(st, r, seq);
  st.alloc();
  st.prepare(std::string(kAuditColumns) + "WHERE seq > :after ORDER BY seq LIMIT :lim");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    r.seq = seq;
    out.push_back(r);
  }
  return out;
}

std::vector<AuditRow> audit_rows_for_record(Tx& tx, const std::string& record_type,
                                            const std::string& record_id) {
  std::vector<AuditRow> out;
  AuditRow r;
  long long seq = 0;
  std::string type = record_type, id = record_id;
  soci::statement st(tx.sql());
  st.exchange(soci::use(type, "t"));
  st.exchange(soci::use(id, "i"));
  bind_row(st, r, seq);
  st.alloc();
  st.prepare(std::string(kAuditColumns) + "WHERE record_type = :t AND record_id = :i ORDER BY seq");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    r.seq = seq;
    out.push_back(r);
  }
  return out;
}

}  // namespace mash::store
