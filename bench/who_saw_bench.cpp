// The "who saw this child's record, and why" benchmark (issue 5; bench/who_saw.sh runs it; not
// a test).
//
//   mash_bench_who_saw seed --db URL [--events 10000000] [--records 1000000] [--children 20]
//       [--contacts 5] [--per-child 2000] [--seed 1]
//     A fresh database: CHILDREN synthetic children, each named on CONTACTS contacts about their
//     household recorded through the Hub, the contacts' subjects confirmed as one person by the
//     Hub's links; then EVENTS audit events written straight into audit_events in bulk SQL (a
//     recursive CTE on SQLite, generate_series on PostgreSQL; the index rebuilt afterwards):
//     about RECORDS other records (mostly contacts, some users and queue listings), with every
//     child's contacts among them, PER-CHILD events each, spread evenly through the log. The
//     bulk rows carry made-up hashes: `mash audit verify` fails on this database by design.
//   mash_bench_who_saw time --db URL [--runs 200]
//     Times Hub::subject_access_history in-process (no HTTP), each call its own audited
//     transaction as the server makes it, asked from each contact of each child in turn: the
//     newest 50 events, then a page of 200 from 800 events back. Prints RESULT lines.
#include <libpq-fe.h>
#include <soci/soci.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/hub.h"
#include "bench_args.h"
#include "domain/clock.h"
#include "store/database.h"
#include "synth/generator.h"

namespace {

using Clock = std::chrono::steady_clock;
using mash::bench::Args;

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i =
      std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * static_cast<double>(v.size())));
  return v[i];
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

class SystemClock : public mash::Clock {
 public:
  mash::Timestamp now() const override {
    return mash::Timestamp{static_cast<int64_t>(std::time(nullptr)), 0};
  }
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// One bulk INSERT … SELECT of `{{events}}` rows numbered i = 1…: every `{{every}}`th event is
// about a child's contact (the targets table, in turn), the rest about `{{records}}` other
// contacts (ids from 1000 up, never a child's), users and queue listings. Each dialect supplies
// the row numbers ({{rows}}), the time ({{at}}) and the hash text ({{hash}}, {{prev}}).
const char* const kBulkInsert = R"SQL(
INSERT INTO audit_events (seq, occurred_at, actor_kind, username, agency, role, action,
  record_type, record_id, purpose, outcome, detail, prev_hash, hash)
SELECT {{base}} + i, {{at}}, 'user', 'worker.' || CAST(i % 3000 AS TEXT),
  CASE i % 6 WHEN 0 THEN 'childrens_social_care' WHEN 1 THEN 'police' WHEN 2 THEN 'health'
    WHEN 3 THEN 'education' WHEN 4 THEN 'probation' ELSE 'housing' END,
  CASE i % 5 WHEN 0 THEN 'social_worker' WHEN 1 THEN 'information_officer'
    WHEN 2 THEN 'decision_maker' WHEN 3 THEN 'referral_administrator' ELSE 'hub_manager' END,
  CASE WHEN target IS NULL AND i % 20 = 1 THEN 'session.sign_in'
    WHEN target IS NULL AND i % 20 = 2 THEN 'contact.list'
    WHEN i % 7 < 4 THEN 'contact.view' WHEN i % 7 = 4 THEN 'contact.rate'
    WHEN i % 7 = 5 THEN 'person_match.view' ELSE 'screening.view' END,
  CASE WHEN target IS NULL AND i % 20 = 1 THEN 'user'
    WHEN target IS NULL AND i % 20 = 2 THEN '' ELSE 'contact' END,
  CASE WHEN target IS NOT NULL THEN CAST(target AS TEXT)
    WHEN i % 20 = 1 THEN CAST(i % 3000 AS TEXT) WHEN i % 20 = 2 THEN ''
    ELSE CAST(1000 + (i * 2654435761) % {{records}} AS TEXT) END,
  CASE i % 5 WHEN 0 THEN 'screening' WHEN 1 THEN 'strategy discussion'
    WHEN 2 THEN 'information request' WHEN 3 THEN 'checking a repeat referral'
    ELSE 'case tracker' END,
  CASE WHEN i % 97 = 0 THEN 'denied' ELSE 'allowed' END,
  CASE WHEN target IS NULL AND i % 20 = 2
    THEN 'page 1; contacts shown: ' || CAST(1000 + i % 999983 AS TEXT) || ',' ||
      CAST(1000 + i % 999979 AS TEXT) ELSE '' END,
  {{prev}}, {{hash}}
FROM (SELECT i, CASE WHEN i % {{every}} = 0
        THEN (SELECT id FROM bench_targets WHERE k = (i / {{every}}) % {{targets}}) END AS target
      FROM {{rows}}) numbered
)SQL";

const char* const kRecordIndex =
    "CREATE INDEX audit_events_record ON audit_events(record_type, record_id, seq)";

struct BulkPlan {
  long long base_seq = 0;  // the audit head before the bulk rows
  long long events = 0, records = 0, every = 0, targets = 0;
  long long first_epoch = 0;  // the first bulk event's time; then one every 6 s
};

std::string bulk_sql(const BulkPlan& p, bool sqlite) {
  std::string sql = kBulkInsert;
  sql = replace_all(sql, "{{base}}", std::to_string(p.base_seq));
  sql = replace_all(sql, "{{records}}", std::to_string(p.records));
  sql = replace_all(sql, "{{every}}", std::to_string(p.every));
  sql = replace_all(sql, "{{targets}}", std::to_string(p.targets));
  const std::string epoch = "(" + std::to_string(p.first_epoch) + " + i * 6)";
  if (sqlite) {
    sql = replace_all(sql, "{{at}}",
                      "strftime('%Y-%m-%dT%H:%M:%S+00:00', " + epoch + ", 'unixepoch')");
    sql = replace_all(sql, "{{prev}}", "printf('%064x', {{base}} + i - 1)");
    sql = replace_all(sql, "{{hash}}", "printf('%064x', {{base}} + i)");
    sql = replace_all(sql, "{{rows}}",
                      "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                          std::to_string(p.events) + ") SELECT i FROM n)");
  } else {
    sql = replace_all(sql, "{{at}}",
                      "to_char(to_timestamp" + epoch +
                          " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')");
    sql = replace_all(sql, "{{prev}}", "lpad(to_hex({{base}} + i - 1), 64, '0')");
    sql = replace_all(sql, "{{hash}}", "lpad(to_hex({{base}} + i), 64, '0')");
    sql = replace_all(sql, "{{rows}}",
                      "generate_series(1::bigint, " + std::to_string(p.events) + ") AS g(i)");
  }
  return replace_all(sql, "{{base}}", std::to_string(p.base_seq));
}

std::string head_sql(const BulkPlan& p, bool sqlite) {
  const std::string last = std::to_string(p.base_seq + p.events);
  return "UPDATE audit_head SET seq = " + last + ", hash = " +
         (sqlite ? "printf('%064x', " + last + ")"
                 : "lpad(to_hex(" + last + "::bigint), 64, '0')") +
         " WHERE id = 1";
}

void timed(const std::string& what, const std::function<void()>& fn) {
  const auto t0 = Clock::now();
  fn();
  std::fprintf(stderr, "  %s: %.1f s\n", what.c_str(), seconds_since(t0));
}

// SQLite: one connection of its own (the hub's Database closed), no journal and no fsync while
// loading, the index dropped and built again after.
void bulk_load_sqlite(const std::string& path, const BulkPlan& p) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
    throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db));
  auto exec = [&](const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error("sqlite: " + message);
    }
  };
  exec(
      "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; "
      "PRAGMA temp_store = MEMORY");
  exec(
      "CREATE TEMP TABLE bench_targets (k INTEGER PRIMARY KEY, id INTEGER NOT NULL); "
      "INSERT INTO bench_targets (k, id) SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM "
      "contacts");
  exec("DROP INDEX audit_events_record");
  timed("insert",
        [&] { exec("BEGIN; " + bulk_sql(p, true) + "; " + head_sql(p, true) + "; COMMIT"); });
  timed("index", [&] { exec(kRecordIndex); });
  exec("PRAGMA journal_mode = WAL");
  sqlite3_close(db);
}

// PostgreSQL: one transaction without waiting for its WAL flush, the index dropped and built
// again after, then VACUUM ANALYZE (what autovacuum does to an insert-only table).
void bulk_load_postgresql(const std::string& url, const BulkPlan& p) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK)
    throw std::runtime_error(std::string("cannot connect: ") + PQerrorMessage(conn));
  auto exec = [&](const std::string& sql) {
    PGresult* r = PQexec(conn, sql.c_str());
    const auto st = PQresultStatus(r);
    std::string err = PQresultErrorMessage(r);
    PQclear(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      throw std::runtime_error("postgresql: " + err);
  };
  exec("SET maintenance_work_mem = '1GB'");
  exec(
      "CREATE TEMP TABLE bench_targets (k BIGINT PRIMARY KEY, id BIGINT NOT NULL); "
      "INSERT INTO bench_targets (k, id) SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM "
      "contacts");
  timed("insert", [&] {
    exec("BEGIN; SET LOCAL synchronous_commit = off; DROP INDEX audit_events_record; " +
         bulk_sql(p, false) + "; " + head_sql(p, false) + "; COMMIT");
  });
  timed("index", [&] { exec(kRecordIndex); });
  timed("vacuum analyze", [&] { exec("VACUUM ANALYZE audit_events"); });
  PQfinish(conn);
}

int seed(const Args& a) {
  using namespace mash;
  const std::string url = a.get("db");
  if (url.empty()) throw std::invalid_argument("seed needs --db");
  const int children = static_cast<int>(a.number("children", 20));
  const int per_child_contacts = static_cast<int>(a.number("contacts", 5));
  BulkPlan plan;
  plan.events = a.number("events", 10000000);
  plan.records = a.number("records", 1000000);
  plan.targets = int64_t{children} * per_child_contacts;
  plan.every =
      std::max<long long>(1, plan.events / (int64_t{children} * a.number("per-child", 2000)));

  const auto started = Clock::now();
  SystemClock clock;
  const Timestamp now = clock.now();
  {
    auto db = store::Database::open(url);
    db->migrate();
    app::Hub hub(*db, clock, app::administration_options());
    User sw;
    sw.username = "sw.bench";
    sw.display_name = "Bench Worker";
    sw.role = Role::social_worker;
    sw.agency = "childrens_social_care";
    auto added = hub.add_user(app::command_line_actor(), sw, "bench-who-saw-password");
    if (!added.ok()) throw std::runtime_error("user add: " + added.error().message);
    const policy::Actor worker{policy::Actor::Kind::user, added->id, sw.username, sw.role,
                               sw.agency};

    // Each child: a household referred CONTACTS times over the last year, the child on every
    // contact, each later contact's child confirmed as the first contact's.
    synth::Generator generator(static_cast<uint64_t>(a.number("seed", 1)));
    const Date today = civil_from_days(now.epoch_seconds / 86400);
    for (int c = 0; c < children; ++c) {
      synth::Household household = generator.household(today);
      auto is_child = [](const Subject& s) { return s.role == SubjectRole::child; };
      auto child = std::find_if(household.members.begin(), household.members.end(), is_child);
      if (child == household.members.end()) {
        --c;  // a household without a child (an unborn baby's, say): another
        continue;
      }
      int64_t first_subject = 0;
      for (int k = 0; k < per_child_contacts; ++k) {
        Contact draft = generator.contact(
            household,
            Timestamp{now.epoch_seconds - int64_t{per_child_contacts - k} * 60 * 86400, 0});
        draft.external_ref.reset();
        auto same = [&](const Subject& s) {
          return s.given_name == child->given_name && s.date_of_birth == child->date_of_birth;
        };
        auto on = std::find_if(draft.subjects.begin(), draft.subjects.end(), same);
        if (on == draft.subjects.end()) {
          draft.subjects.push_back(*child);
          on = draft.subjects.end() - 1;
        }
        const size_t position = static_cast<size_t>(on - draft.subjects.begin());
        auto r = hub.record_contact(worker, draft);
        if (!r.ok()) throw std::runtime_error("record: " + r.error().message);
        const int64_t subject = r->contact.subjects.at(position).id;
        if (k == 0) {
          first_subject = subject;
          continue;
        }
        auto l = hub.confirm_link(worker, r->contact.id, subject,
                                  "cs:" + std::to_string(first_subject), "Bench: same child");
        if (!l.ok()) throw std::runtime_error("link: " + l.error().message);
      }
    }
    db->read([&](store::Tx& tx) {
      long long seq = 0;
      tx.sql() << "SELECT seq FROM audit_head WHERE id = 1", soci::into(seq);
      plan.base_seq = seq;
    });
  }
  plan.first_epoch = now.epoch_seconds - plan.events * 6 - 86400;
  std::fprintf(stderr, "seeded %d children x %d contacts through the hub in %.1f s\n", children,
               per_child_contacts, seconds_since(started));

  const auto bulk = Clock::now();
  std::fprintf(stderr, "writing %lld audit events (one in %lld about a child's contact)\n",
               plan.events, plan.every);
  if (url.rfind("sqlite:", 0) == 0)
    bulk_load_sqlite(url.substr(7), plan);
  else
    bulk_load_postgresql(url, plan);
  std::printf("RESULT what=seed events=%lld children=%d contacts_per_child=%d bulk_s=%.0f\n",
              plan.events + plan.base_seq, children, per_child_contacts, seconds_since(bulk));
  return 0;
}

struct Series {
  std::vector<double> ms;
  int64_t events = 0;  // summed totals, for the mean per child
  size_t contacts = 0;
};

void report(const char* what, int limit, const Series& s) {
  std::printf(
      "RESULT what=%s limit=%d runs=%zu p50_ms=%.2f p99_ms=%.2f max_ms=%.2f events_per_child=%lld "
      "contacts_per_child=%.1f\n",
      what, limit, s.ms.size(), percentile(s.ms, 50), percentile(s.ms, 99), percentile(s.ms, 100),
      static_cast<long long>(s.events / std::max<int64_t>(1, static_cast<int64_t>(s.ms.size()))),
      static_cast<double>(s.contacts) / static_cast<double>(std::max<size_t>(1, s.ms.size())));
}

int time_reads(const Args& a) {
  using namespace mash;
  const std::string url = a.get("db");
  if (url.empty()) throw std::invalid_argument("time needs --db");
  const int runs = static_cast<int>(a.number("runs", 200));
  auto db = store::Database::open(url);
  SystemClock clock;
  app::Hub hub(*db, clock, app::administration_options());
  policy::Actor worker{policy::Actor::Kind::user, 0, "sw.bench", Role::social_worker,
                       "childrens_social_care"};
  // Each contact with the child on it: the subject confirmed by a link, or linked to.
  std::vector<std::pair<int64_t, int64_t>> asks;  // contact, subject
  db->read([&](store::Tx& tx) {
    long long id = 0, contact = 0, subject = 0;
    tx.sql() << "SELECT id FROM users WHERE username = 'sw.bench'", soci::into(id);
    worker.user_id = id;
    soci::statement st =
        (tx.sql().prepare << "SELECT s.contact_id, s.id FROM contact_subjects s WHERE s.id IN "
                             "(SELECT subject_id FROM person_links) OR 'cs:' || CAST(s.id AS "
                             "TEXT) IN (SELECT record_key FROM person_links) ORDER BY s.id",
         soci::into(contact), soci::into(subject));
    st.execute();
    while (st.fetch()) asks.emplace_back(contact, subject);
  });
  if (asks.empty() || worker.user_id == 0) throw std::runtime_error("seed the database first");

  auto ask = [&](size_t i, int64_t before, int limit) {
    const auto& [contact, subject] = asks[i % asks.size()];
    auto h = hub.subject_access_history(worker, contact, subject, before, limit);
    if (!h.ok()) throw std::runtime_error("history: " + h.error().message);
    return std::move(*h);
  };
  const auto t0 = Clock::now();
  ask(0, 0, 50);
  std::printf("RESULT what=cold_first limit=50 ms=%.2f\n",
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  for (size_t i = 0; i < 10; ++i) ask(i * 13, 0, 50);  // the server has been running a while

  // 800 events back from each ask's newest: where a reader is after four pages of 200.
  std::map<size_t, int64_t> deep;
  for (size_t i = 0; i < asks.size(); ++i) {
    int64_t before = 0;
    for (int p = 0; p < 4; ++p) before = ask(i, before, 200).entries.back().seq;
    deep[i] = before;
  }

  // A different child (and contact) each time: asks in a stride that is prime to their count.
  for (const int limit : {50, 200}) {
    Series s;
    for (int r = 0; r < runs; ++r) {
      const size_t i = (static_cast<size_t>(r) * 7) % asks.size();
      const auto start = Clock::now();
      const app::SubjectAccessHistory h = ask(i, limit == 50 ? 0 : deep[i], limit);
      s.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (h.entries.size() != static_cast<size_t>(limit))
        throw std::runtime_error("a short page: " + std::to_string(h.entries.size()));
      s.events += h.total;
      s.contacts += h.contacts.size();
    }
    report(limit == 50 ? "newest_50" : "page_of_200_800_back", limit, s);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args a =
        mash::bench::parse_args(argc, argv, "usage: mash_bench_who_saw seed|time --db URL [...]");
    if (a.mode == "seed") return seed(a);
    if (a.mode == "time") return time_reads(a);
    throw std::invalid_argument("unknown mode " + a.mode);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mash_bench_who_saw: %s\n", e.what());
    return 1;
  }
}
