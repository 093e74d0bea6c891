#include "store/audit_log.h"

#include <soci/soci.h>

namespace mash::store {

namespace {

const char* const kAuditColumns =
    "SELECT seq, occurred_at, actor_kind, username, agency, role, action, record_type, "
    "record_id, purpose, outcome, detail, prev_hash, hash FROM audit_events ";

void bind_row(soci::statement& st, AuditRow& r, long long& seq) {
  st.exchange(soci::into(seq));
  for (std::string* s : {&r.occurred_at, &r.actor_kind, &r.username, &r.agency, &r.role, &r.action,
                         &r.record_type, &r.record_id, &r.purpose, &r.outcome, &r.detail,
                         &r.prev_hash, &r.hash})
    st.exchange(soci::into(*s));
}

}  // namespace

AuditHead lock_audit_head(Tx& tx) {
  // The UPDATE takes the row lock on PostgreSQL (held to commit); SQLite transactions here are
  // already exclusive writers.
  if (tx.dialect() == Dialect::postgresql) tx.sql() << "UPDATE audit_head SET seq = seq WHERE id = 1";
  return read_audit_head(tx);
}

AuditHead read_audit_head(Tx& tx) {
  AuditHead h;
  long long seq = 0;
  tx.sql() << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(seq), soci::into(h.hash);
  h.seq = seq;
  return h;
}

void set_audit_head(Tx& tx, const AuditHead& head) {
  long long seq = head.seq;
  tx.sql() << "UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1", soci::use(seq),
      soci::use(head.hash);
}

void insert_audit_row(Tx& tx, const AuditRow& r) {
  long long seq = r.seq;
  tx.sql() << "INSERT INTO audit_events (seq, occurred_at, actor_kind, username, agency, role, "
              "action, record_type, record_id, purpose, outcome, detail, prev_hash, hash) VALUES "
              "(:seq, :at, :kind, :user, :agency, :role, :action, :rtype, :rid, :purpose, "
              ":outcome, :detail, :prev, :hash)",
      soci::use(seq), soci::use(r.occurred_at), soci::use(r.actor_kind), soci::use(r.username),
      soci::use(r.agency), soci::use(r.role), soci::use(r.action), soci::use(r.record_type),
      soci::use(r.record_id), soci::use(r.purpose), soci::use(r.outcome), soci::use(r.detail),
      soci::use(r.prev_hash), soci::use(r.hash);
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
