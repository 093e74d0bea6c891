#include "store/audit_log.h"

#include <soci/soci.h>

#include <algorithm>
#include <iterator>

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

// Binds each record's type and id as :tN and :iN. `values` holds them for the statement's life.
void bind_records(soci::statement& st, const std::vector<AuditRecord>& records,
                  std::vector<std::string>& values) {
  values.clear();
  values.reserve(records.size() * 2);
  for (size_t i = 0; i < records.size(); ++i) {
    values.push_back(records[i].type);
    values.push_back(records[i].id);
  }
  for (size_t i = 0; i < records.size(); ++i) {
    st.exchange(soci::use(values[2 * i], "t" + std::to_string(i)));
    st.exchange(soci::use(values[2 * i + 1], "i" + std::to_string(i)));
  }
}

std::string record_condition(size_t i) {
  const std::string n = std::to_string(i);
  return "record_type = :t" + n + " AND record_id = :i" + n;
}

// Runs `sql` (a query over kAuditColumns, its parameters bound by `bind`) and reads each row.
template <class Bind>
std::vector<AuditRow> read_rows(Tx& tx, const std::string& sql, Bind bind) {
  std::vector<AuditRow> out;
  AuditRow r;
  long long seq = 0;
  soci::statement st(tx.sql());
  bind(st);
  bind_row(st, r, seq);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    r.seq = seq;
    out.push_back(r);
  }
  return out;
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
  long long from = after;
  int lim = limit;
  return read_rows(tx, std::string(kAuditColumns) + "WHERE seq > :after ORDER BY seq LIMIT :lim",
                   [&](soci::statement& st) {
                     st.exchange(soci::use(from, "after"));
                     st.exchange(soci::use(lim, "lim"));
                   });
}

std::vector<AuditRow> audit_rows_for_record(Tx& tx, const std::string& record_type,
                                            const std::string& record_id) {
  return read_rows(
      tx, std::string(kAuditColumns) + "WHERE record_type = :t AND record_id = :i ORDER BY seq",
      [&](soci::statement& st) {
        st.exchange(soci::use(record_type, "t"));
        st.exchange(soci::use(record_id, "i"));
      });
}

namespace {

// Records per query: SQLite allows at most 500 terms in a compound SELECT and an expression
// 1,000 deep, so a subject on many contacts and requests is read in several queries.
constexpr size_t kRecordsPerQuery = 100;

// The records in chunks of at most kRecordsPerQuery.
std::vector<std::vector<AuditRecord>> chunks_of(const std::vector<AuditRecord>& records) {
  std::vector<std::vector<AuditRecord>> out;
  for (size_t i = 0; i < records.size(); i += kRecordsPerQuery)
    out.emplace_back(records.begin() + i,
                     records.begin() + std::min(records.size(), i + kRecordsPerQuery));
  return out;
}

std::vector<AuditRow> rows_for_chunk(Tx& tx, const std::vector<AuditRecord>& records,
                                     int64_t before, int limit) {
  // One branch per record, each its own backward range of the index, already in order and cut
  // at `limit`: neither database then reads or sorts more than that many rows per record,
  // however many events a record has. (An IN list or an OR over the records would fetch and sort
  // every event of every record first.)
  const std::string below = before > 0 ? " AND seq < " + std::to_string(before) : "";
  const std::string cut = " ORDER BY seq DESC LIMIT " + std::to_string(limit);
  std::string sql = "SELECT * FROM (";
  for (size_t i = 0; i < records.size(); ++i) {
    if (i > 0) sql += " UNION ALL ";
    sql += "SELECT * FROM (" + std::string(kAuditColumns) + "WHERE " + record_condition(i) + below +
           cut + ") b" + std::to_string(i);
  }
  sql += ") events" + cut;
  std::vector<std::string> values;
  return read_rows(tx, sql, [&](soci::statement& st) { bind_records(st, records, values); });
}

}  // namespace

std::vector<AuditRow> audit_rows_for_records(Tx& tx, const std::vector<AuditRecord>& records,
                                             int64_t before, int limit) {
  if (records.empty() || limit <= 0) return {};
  const auto chunks = chunks_of(records);
  if (chunks.size() == 1) return rows_for_chunk(tx, records, before, limit);
  // Each chunk's newest `limit`, merged: the newest `limit` of all are among them.
  std::vector<AuditRow> out;
  for (const auto& chunk : chunks) {
    std::vector<AuditRow> part = rows_for_chunk(tx, chunk, before, limit);
    out.insert(out.end(), std::make_move_iterator(part.begin()),
               std::make_move_iterator(part.end()));
  }
  std::sort(out.begin(), out.end(),
            [](const AuditRow& a, const AuditRow& b) { return a.seq > b.seq; });
  if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

std::vector<AuditRow> audit_rows_by_user_for_record(Tx& tx, const std::string& record_type,
                                                    const std::string& record_id,
                                                    const std::string& username, int64_t after,
                                                    int limit) {
  long long from = after;
  int most = limit;
  // The index audit_events_record (record_type, record_id, seq) gives the range; the user's
  // events are picked from it.
  return read_rows(tx,
                   std::string(kAuditColumns) +
                       "WHERE record_type = :t AND record_id = :i AND seq > :after AND username = "
                       ":u ORDER BY seq LIMIT :lim",
                   [&](soci::statement& st) {
                     st.exchange(soci::use(record_type, "t"));
                     st.exchange(soci::use(record_id, "i"));
                     st.exchange(soci::use(from, "after"));
                     st.exchange(soci::use(username, "u"));
                     st.exchange(soci::use(most, "lim"));
                   });
}

int64_t count_audit_rows_for_records(Tx& tx, const std::vector<AuditRecord>& records) {
  int64_t total = 0;
  for (const auto& chunk : chunks_of(records)) {
    std::string sql = "SELECT ";
    for (size_t i = 0; i < chunk.size(); ++i) {
      if (i > 0) sql += " + ";
      sql += "(SELECT COUNT(*) FROM audit_events WHERE " + record_condition(i) + ")";
    }
    long long n = 0;
    std::vector<std::string> values;
    soci::statement st(tx.sql());
    bind_records(st, chunk, values);
    st.exchange(soci::into(n));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(true);
    total += n;
  }
  return total;
}

}  // namespace mash::store
