// The intake benchmark (not a test): how many contacts per second the hub accepts durably over
// its JSON API, beside the raw durable insert rate of the same database (the ceiling).
//
//   mash_bench_intake load --url http://127.0.0.1:PORT --token TOKEN
//                          [--threads 8] [--seconds 20] [--contacts 0 (no limit)] [--seed 1]
//       N client threads, each on its own keep-alive connection, POST synthetic contacts
//       (src/synth) to /api/v1/contacts for the time or the count given, whichever ends first.
//       Reports accepted contacts/s and p50/p95/p99 latency.
//
//   mash_bench_intake ceiling --db sqlite:PATH|postgresql://… [--seconds 10] [--rows 0]
//       One connection, one single-row INSERT per transaction into a table shaped like a contact
//       row (bench_ceiling, dropped afterwards), each commit durable: SQLite in WAL mode with
//       synchronous=FULL, PostgreSQL with fsync and synchronous_commit on.
//
// Both print a human line and a machine line "RESULT key=value …" for bench/run.sh.
#include <httplib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_args.h"
#include "domain/codes.h"
#include "domain/contact.h"
#include "synth/generator.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

using mash::bench::Args;

// --- the contact as the API takes it (the issue's shape) ------------------------------------

json subject_json(const mash::Subject& s) {
  json j = {{"given_name", s.given_name},
            {"family_name", s.family_name},
            {"sex", std::string(mash::code_of(s.sex))},
            {"role", std::string(mash::code_of(s.role))}};
  if (!s.other_names.empty()) j["other_names"] = s.other_names;
  if (s.date_of_birth) {
    j["date_of_birth"] = mash::to_iso(*s.date_of_birth);
    if (s.dob_kind != mash::DobKind::known) j["dob_kind"] = std::string(mash::code_of(s.dob_kind));
  }
  if (!s.address.empty()) {
    json a = {
        {"line1", s.address.line1}, {"town", s.address.town}, {"postcode", s.address.postcode}};
    if (!s.address.line2.empty()) a["line2"] = s.address.line2;
    j["address"] = a;
  }
  if (!s.nhs_number.empty()) j["nhs_number"] = s.nhs_number;
  if (!s.upn.empty()) j["upn"] = s.upn;
  return j;
}

json contact_json(const mash::Contact& c) {
  json j = {{"received_at", mash::to_rfc3339(c.received_at)},
            {"source", std::string(mash::code_of(c.source))},
            {"narrative", c.narrative}};
  if (c.referrer.anonymous) {
    j["referrer"] = {{"anonymous", true}};
  } else {
    j["referrer"] = {{"name", c.referrer.name},
                     {"organisation", c.referrer.organisation},
                     {"role", c.referrer.role},
                     {"phone", c.referrer.phone},
                     {"email", c.referrer.email}};
  }
  j["subjects"] = json::array();
  for (const auto& s : c.subjects) j["subjects"].push_back(subject_json(s));
  j["presenting_issues"] = json::array();
  for (auto p : c.presenting_issues)
    j["presenting_issues"].push_back(std::string(mash::code_of(p)));
  j["consent"] = {{"status", std::string(mash::code_of(c.consent.status))}};
  if (!c.consent.reason.empty()) j["consent"]["reason"] = c.consent.reason;
  return j;
}

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t i = static_cast<size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

// --- load: contacts over HTTP ------------------------------------------------------------------

int run_load(const Args& a) {
  const std::string url = a.get("url", "http://127.0.0.1:8080");
  const std::string token = a.get("token");
  const int threads = static_cast<int>(a.number("threads", 8));
  const double seconds = static_cast<double>(a.number("seconds", 20));
  const long limit = a.number("contacts", 0);
  const auto seed = static_cast<uint64_t>(a.number("seed", 1));
  if (token.empty()) throw std::invalid_argument("load needs --token");

  // Bodies are made before the clock starts: a pool of realistic synthetic contacts, each sent
  // with a fresh external_ref so that none is an idempotent re-send.
  const int pool_size = static_cast<int>(limit > 0 ? std::min<long>(limit, 20000) : 20000);
  mash::synth::Generator generator(seed);
  mash::Timestamp now{static_cast<int64_t>(std::time(nullptr)) - 60, 0};
  std::vector<std::string> bodies;
  bodies.reserve(static_cast<size_t>(pool_size));
  for (const auto& c : generator.contacts(pool_size, now, 30)) {
    std::string body = contact_json(c).dump();
    bodies.push_back(body.substr(1));  // without the opening brace; external_ref goes first
  }
  const std::string run = std::to_string(std::time(nullptr));

  std::atomic<long> next{0};
  std::atomic<bool> stop{false};
  std::mutex m;
  std::vector<double> latencies_ms;
  std::map<int, long> statuses;  // status -> count; 0 for a transport error
  long accepted = 0;

  const auto started = Clock::now();
  const auto deadline =
      started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      httplib::Client client(url);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_connection_timeout(5);
      client.set_read_timeout(60);
      httplib::Headers headers = {{"Authorization", "Bearer " + token}};
      std::vector<double> mine;
      std::map<int, long> my_statuses;
      long my_accepted = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        long i = next.fetch_add(1);
        if ((limit > 0 && i >= limit) || Clock::now() >= deadline) break;
        std::string body = "{\"external_ref\":\"BENCH-" + run + "-" + std::to_string(i) + "\"," +
                           bodies[static_cast<size_t>(i) % bodies.size()];
        auto t0 = Clock::now();
        auto res = client.Post("/api/v1/contacts", headers, body, "application/json");
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        int status = res ? res->status : 0;
        ++my_statuses[status];
        if (status == 201) {
          ++my_accepted;
          mine.push_back(ms);
        } else if (my_statuses[status] == 1) {
          // The error's code only: bodies can name fields, never print what was sent.
          std::string code = "transport error";
          if (res) {
            json e = json::parse(res->body, nullptr, false);
            code = e.is_object() && e.contains("error") ? e["error"].value("code", "?") : "?";
            if (e.is_object() && e.contains("error") && e["error"].contains("fields"))
              for (const auto& f : e["error"]["fields"]) code += " " + f.value("field", "");
          }
          std::fprintf(stderr, "bench: status %d (%s)\n", status, code.c_str());
        }
      }
      std::lock_guard lock(m);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
      for (auto [s, n] : my_statuses) statuses[s] += n;
      accepted += my_accepted;
    });
  }
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();

  std::sort(latencies_ms.begin(), latencies_ms.end());
  long refused = 0;
  for (auto [s, n] : statuses)
    if (s != 201) refused += n;
  const double rate = static_cast<double>(accepted) / elapsed;
  std::printf(
      "load: %ld contacts accepted in %.1f s by %d clients: %.0f contacts/s; latency "
      "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %ld refused or failed\n",
      accepted, elapsed, threads, rate, percentile(latencies_ms, 50), percentile(latencies_ms, 95),
      percentile(latencies_ms, 99), latencies_ms.empty() ? 0.0 : latencies_ms.back(), refused);
  std::printf(
      "RESULT mode=load accepted=%ld seconds=%.2f threads=%d rate=%.1f p50=%.2f p95=%.2f "
      "p99=%.2f refused=%ld\n",
      accepted, elapsed, threads, rate, percentile(latencies_ms, 50), percentile(latencies_ms, 95),
      percentile(latencies_ms, 99), refused);
  return refused == 0 && accepted > 0 ? 0 : 1;
}

// --- ceiling: single-row durable inserts straight into the database ---------------------------

// The shape of a row of `contacts` (src/store/migrations.cpp), with realistic sizes.
constexpr const char* kCeilingColumns =
    "external_ref, agency, channel, received_at, received_epoch, source, referrer_anonymous, "
    "referrer_name, referrer_organisation, referrer_role, referrer_phone, referrer_email, "
    "presenting_issues, narrative, consent_status, consent_reason, status, recorded_at, "
    "recorded_by";

std::string ceiling_table(bool postgres) {
  return std::string("CREATE TABLE bench_ceiling (id ") +
         (postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT") +
         ", external_ref TEXT, agency TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT "
         "NULL, received_epoch BIGINT NOT NULL, source TEXT NOT NULL, referrer_anonymous INTEGER "
         "NOT NULL, referrer_name TEXT NOT NULL, referrer_organisation TEXT NOT NULL, "
         "referrer_role TEXT NOT NULL, referrer_phone TEXT NOT NULL, referrer_email TEXT NOT NULL, "
         "presenting_issues TEXT NOT NULL, narrative TEXT NOT NULL, consent_status TEXT NOT NULL, "
         "consent_reason TEXT NOT NULL, status TEXT NOT NULL, recorded_at TEXT NOT NULL, "
         "recorded_by TEXT NOT NULL)";
}

// Row i's 19 values, as text.
std::vector<std::string> ceiling_row(long i) {
  return {"CEIL-" + std::to_string(i),
          "police",
          "api",
          "2026-11-20T21:14:00+00:00",
          std::to_string(1795209240 + i),
          "6",
          "0",
          "PC 4127 Jones",
          "Lancashire Constabulary",
          "Officer in the case",
          "01254 000000",
          "oic@example.police.uk",
          "domestic_abuse,neglect",
          std::string(400, 'n'),
          "not_sought",
          "Seeking consent would place the child at risk",
          "new",
          "2026-11-20T21:15:00+00:00",
          "Niche PPN feed"};
}

void report_ceiling(const char* db, long rows, double elapsed) {
  const double rate = static_cast<double>(rows) / elapsed;
  std::printf("ceiling: %s: %ld durable single-row transactions in %.1f s: %.0f inserts/s\n", db,
              rows, elapsed, rate);
  std::printf("RESULT mode=ceiling db=%s rows=%ld seconds=%.2f rate=%.1f\n", db, rows, elapsed,
              rate);
}

int ceiling_sqlite(const std::string& path, double seconds, long limit) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
    throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db));
  auto exec = [db](const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string e = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error(sql.substr(0, 40) + "…: " + e);
    }
  };
  sqlite3_busy_timeout(db, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec("DROP TABLE IF EXISTS bench_ceiling");
  exec(ceiling_table(false));
  sqlite3_stmt* insert = nullptr;
  std::string sql = std::string("INSERT INTO bench_ceiling (") + kCeilingColumns +
                    ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &insert, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(db));

  const auto started = Clock::now();
  long rows = 0;
  while ((limit <= 0 || rows < limit) &&
         std::chrono::duration<double>(Clock::now() - started).count() < seconds) {
    auto values = ceiling_row(rows);
    exec("BEGIN IMMEDIATE");
    for (size_t c = 0; c < values.size(); ++c)
      sqlite3_bind_text(insert, static_cast<int>(c + 1), values[c].c_str(),
                        static_cast<int>(values[c].size()), SQLITE_TRANSIENT);
    if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
    sqlite3_reset(insert);
    exec("COMMIT");
    ++rows;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  sqlite3_finalize(insert);
  exec("DROP TABLE bench_ceiling");
  sqlite3_close(db);
  report_ceiling("sqlite", rows, elapsed);
  return 0;
}

int ceiling_postgresql(const std::string& url, double seconds, long limit) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK)
    throw std::runtime_error(std::string("cannot connect: ") + PQerrorMessage(conn));
  auto exec = [conn](const std::string& sql) {
    PGresult* r = PQexec(conn, sql.c_str());
    auto st = PQresultStatus(r);
    std::string err = PQresultErrorMessage(r);
    PQclear(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      throw std::runtime_error(sql.substr(0, 40) + "…: " + err);
  };
  exec("SET client_min_messages = warning");
  exec("SET synchronous_commit = on");
  {
    PGresult* r = PQexec(conn, "SHOW fsync");
    std::string fsync = PQresultStatus(r) == PGRES_TUPLES_OK ? PQgetvalue(r, 0, 0) : "?";
    PQclear(r);
    if (fsync != "on")
      std::fprintf(stderr, "bench: warning: the server runs with fsync=%s\n", fsync.c_str());
  }
  exec("DROP TABLE IF EXISTS bench_ceiling");
  exec(ceiling_table(true));
  std::string sql = std::string("INSERT INTO bench_ceiling (") + kCeilingColumns +
                    ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)";
  PGresult* prep = PQprepare(conn, "insert", sql.c_str(), 19, nullptr);
  if (PQresultStatus(prep) != PGRES_COMMAND_OK)
    throw std::runtime_error(PQresultErrorMessage(prep));
  PQclear(prep);

  const auto started = Clock::now();
  long rows = 0;
  while ((limit <= 0 || rows < limit) &&
         std::chrono::duration<double>(Clock::now() - started).count() < seconds) {
    auto values = ceiling_row(rows);
    const char* params[19];
    for (size_t c = 0; c < 19; ++c) params[c] = values[c].c_str();
    // Autocommit: each INSERT is its own transaction, committed (and flushed) before it returns.
    PGresult* r = PQexecPrepared(conn, "insert", 19, params, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) throw std::runtime_error(PQresultErrorMessage(r));
    PQclear(r);
    ++rows;
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  exec("DROP TABLE bench_ceiling");
  PQfinish(conn);
  report_ceiling("postgresql", rows, elapsed);
  return 0;
}

int run_ceiling(const Args& a) {
  const std::string db = a.get("db");
  const double seconds = static_cast<double>(a.number("seconds", 10));
  const long limit = a.number("rows", 0);
  if (db.rfind("sqlite:", 0) == 0) return ceiling_sqlite(db.substr(7), seconds, limit);
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0)
    return ceiling_postgresql(db, seconds, limit);
  throw std::invalid_argument("ceiling needs --db sqlite:PATH or --db postgresql://…");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Args a = mash::bench::parse_args(argc, argv,
                                     "usage: mash_bench_intake load|ceiling [--option value]…");
    if (a.mode == "load") return run_load(a);
    if (a.mode == "ceiling") return run_ceiling(a);
    throw std::invalid_argument("unknown mode " + a.mode + " (load or ceiling)");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mash_bench_intake: %s\n", e.what());
    return 2;
  }
}
