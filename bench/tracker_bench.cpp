// The case tracker benchmark (issue 4; bench/tracker.sh runs it; not a test).
//
//   mash_bench_tracker seed --db URL [--contacts 10000] [--seed 1]
//     Fills a fresh database straight through the Hub (as the server would, each contact and
//     rating its own audited transaction): COUNT open synthetic contacts, four in five rated,
//     a third with a worker, a tenth of them with a subject confirmed as a health record (so
//     the agencies involved are read too). Prints USER=, PASSWORD= and TOKEN= lines: a decision
//     maker and an API token acting as them.
//   mash_bench_tracker load --url http://127.0.0.1:PORT --user U --password P --token T
//       [--requests 200] [--boards 100] [--changes 20]
//     Against `mash serve` on that database: REQUESTS sequential GETs of /tracker and of
//     /api/v1/tracker (server time from the Server-Timing header, client time beside it), then
//     BOARDS live boards (/tracker/events, each on its own connection and thread) and CHANGES
//     rating changes through the API, timing each change from just before its POST to the row's
//     arrival at each board. Prints RESULT lines.
#include <httplib.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/hub.h"
#include "bench_args.h"
#include "domain/clock.h"
#include "store/database.h"
#include "store/tracker.h"
#include "synth/generator.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

using mash::bench::Args;

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i =
      std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * static_cast<double>(v.size())));
  return v[i];
}

// Runs fn(i) for i in [0, n) on `threads` threads.
void parallel(int n, int threads, const std::function<void(int)>& fn) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (int i; (i = next++) < n;) fn(i);
    });
  for (auto& t : pool) t.join();
}

class SystemClock : public mash::Clock {
 public:
  mash::Timestamp now() const override {
    return mash::Timestamp{static_cast<int64_t>(std::time(nullptr)), 0};
  }
};

int seed(const Args& a) {
  using namespace mash;
  const std::string url = a.get("db");
  const int count = static_cast<int>(a.number("contacts", 10000));
  if (url.empty()) throw std::invalid_argument("seed needs --db");
  auto db = store::Database::open(url);
  db->migrate();
  SystemClock clock;
  app::HubOptions options = app::administration_options();
  app::Hub hub(*db, clock, options);
  const std::string password = "bench-tracker-password";
  User dm;
  dm.username = "dm.bench";
  dm.display_name = "Bench Decider";
  dm.role = Role::decision_maker;
  dm.agency = "childrens_social_care";
  auto added = hub.add_user(app::command_line_actor(), dm, password);
  if (!added.ok()) throw std::runtime_error("user add: " + added.error().message);
  auto token = hub.create_user_token(app::command_line_actor(), dm.username, "bench");
  if (!token.ok()) throw std::runtime_error("token: " + token.error().message);
  const policy::Actor admin{policy::Actor::Kind::user, added->id, dm.username, dm.role, dm.agency};

  const auto started = Clock::now();
  synth::Generator generator(static_cast<uint64_t>(a.number("seed", 1)));
  const Timestamp now = clock.now();
  std::vector<Contact> contacts =
      generator.contacts(count, Timestamp{now.epoch_seconds - 120, 0}, 20);
  std::vector<int64_t> ids(contacts.size());
  std::vector<int64_t> first_subject(contacts.size());
  parallel(static_cast<int>(contacts.size()), 8, [&](int i) {
    auto r = hub.record_contact(admin, contacts[static_cast<size_t>(i)]);
    if (!r.ok()) throw std::runtime_error("record: " + r.error().message);
    ids[static_cast<size_t>(i)] = r->contact.id;
    first_subject[static_cast<size_t>(i)] = r->contact.subjects.at(0).id;
  });
  const char* ratings[] = {"red", "amber", "green", "blue"};
  parallel(static_cast<int>(ids.size()), 8, [&](int i) {
    if (i % 5 == 4) return;  // one in five not rated yet
    auto r = hub.rate_contact(admin, ids[static_cast<size_t>(i)], ratings[i % 4], "Bench rating");
    if (!r.ok()) throw std::runtime_error("rate: " + r.error().message);
  });
  db->transact([&](store::Tx& tx) {
    tx.sql() << "UPDATE contacts SET worker = 'sw.bench' || CAST(id % 7 AS TEXT) WHERE id % 3 = 0";
  });
  // A tenth of the contacts: the first subject is confirmed as a health record of them.
  std::vector<app::SourceRecordRow> rows;
  for (size_t i = 0; i < contacts.size(); i += 10) {
    const Subject& s = contacts[i].subjects.at(0);
    app::SourceRecordRow row;
    row.line = rows.size() + 2;
    row.source_id = "B-" + std::to_string(ids[i]);
    row.given_name = s.given_name;
    row.family_name = s.family_name;
    if (s.date_of_birth) row.date_of_birth = to_iso(*s.date_of_birth);
    rows.push_back(row);
  }
  auto imported = hub.import_source_records(app::command_line_actor(), "health", rows);
  if (!imported.ok()) throw std::runtime_error("import: " + imported.error().message);
  std::map<std::string, long long> record_ids;
  db->read([&](store::Tx& tx) {
    long long id = 0;
    std::string source_id;
    soci::statement st = (tx.sql().prepare << "SELECT id, source_id FROM source_records WHERE "
                                              "agency = 'health'",
                          soci::into(id), soci::into(source_id));
    st.execute();
    while (st.fetch()) record_ids[source_id] = id;
  });
  std::vector<size_t> linked;
  for (size_t i = 0; i < contacts.size(); i += 10) linked.push_back(i);
  parallel(static_cast<int>(linked.size()), 8, [&](int k) {
    const size_t i = linked[static_cast<size_t>(k)];
    const std::string key = "sr:" + std::to_string(record_ids.at("B-" + std::to_string(ids[i])));
    auto r = hub.confirm_link(admin, ids[i], first_subject[i], key, "Bench: same person");
    if (!r.ok()) throw std::runtime_error("link: " + r.error().message);
  });
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::fprintf(stderr, "seeded %d contacts (4 in 5 rated, %zu linked to health) in %.1f s\n", count,
               linked.size(), seconds);
  // The hub's own share of a read: the tracker use case without HTTP.
  std::vector<double> hub_ms;
  for (int i = 0; i < 20; ++i) {
    const auto t0 = Clock::now();
    auto items = hub.tracker(admin, {});
    hub_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!items.ok()) throw std::runtime_error("tracker: " + items.error().message);
  }
  std::fprintf(stderr, "RESULT what=hub reads=20 p50_ms=%.1f max_ms=%.1f\n", percentile(hub_ms, 50),
               percentile(hub_ms, 100));
  std::printf("USER=%s\nPASSWORD=%s\nTOKEN=%s\n", dm.username.c_str(), password.c_str(),
              token->token.c_str());
  return 0;
}

std::string cookie_of(const httplib::Result& res, const std::string& name) {
  for (const auto& [k, v] : res->headers) {
    if (k != "Set-Cookie" || v.rfind(name + "=", 0) != 0) continue;
    return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
  }
  return "";
}

double server_ms(const httplib::Result& res) {
  const std::string t = res->get_header_value("Server-Timing");
  const size_t at = t.find("dur=");
  return at == std::string::npos ? -1 : std::stod(t.substr(at + 4));
}

struct Timings {
  std::vector<double> server, client;
  size_t bytes = 0;
  int failed = 0;
};

Timings time_gets(httplib::Client& c, const std::string& path, const httplib::Headers& headers,
                  int n) {
  Timings t;
  for (int i = 0; i < n; ++i) {
    const auto start = Clock::now();
    auto res = c.Get(path.c_str(), headers);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!res || res->status != 200) {
      ++t.failed;
      continue;
    }
    t.client.push_back(ms);
    t.server.push_back(server_ms(res));
    t.bytes = res->body.size();
  }
  return t;
}

void report(const char* what, const Timings& t) {
  std::printf(
      "RESULT what=%s requests=%zu failed=%d bytes=%zu server_p50_ms=%.1f server_p99_ms=%.1f "
      "server_max_ms=%.1f client_p50_ms=%.1f client_p99_ms=%.1f\n",
      what, t.server.size(), t.failed, t.bytes, percentile(t.server, 50), percentile(t.server, 99),
      percentile(t.server, 100), percentile(t.client, 50), percentile(t.client, 99));
  std::fflush(stdout);
}

int load(const Args& a) {
  const std::string url = a.get("url"), user = a.get("user"), password = a.get("password"),
                    token = a.get("token");
  const int requests = static_cast<int>(a.number("requests", 200));
  const int boards = static_cast<int>(a.number("boards", 100));
  const int changes = static_cast<int>(a.number("changes", 20));
  if (url.empty() || user.empty() || token.empty())
    throw std::invalid_argument("load needs --url, --user, --password and --token");
  httplib::Client c(url);
  c.set_tcp_nodelay(true);
  c.set_read_timeout(60);

  // Sign in as a person does: the form's token, then the form.
  auto form = c.Get("/sign-in");
  const std::string csrf = cookie_of(form, "mash_csrf");
  auto signed_in = c.Post("/sign-in", {{"Cookie", "mash_csrf=" + csrf}},
                          "csrf=" + csrf + "&username=" + user + "&password=" + password,
                          "application/x-www-form-urlencoded");
  const std::string session = cookie_of(signed_in, "mash_session");
  if (session.empty()) throw std::runtime_error("sign-in failed");
  const httplib::Headers cookie{{"Cookie", "mash_session=" + session}};
  const httplib::Headers bearer{{"Authorization", "Bearer " + token}};

  // Warm up (the first read fills caches), then time.
  time_gets(c, "/tracker", cookie, 3);
  report("page", time_gets(c, "/tracker", cookie, requests));
  report("wall", time_gets(c, "/tracker?wall=1", cookie, requests / 4));
  report("json", time_gets(c, "/api/v1/tracker", bearer, requests));

  // Contacts to change: the first few open ones.
  auto list = c.Get("/api/v1/tracker", bearer);
  const json items = json::parse(list->body).at("items");
  std::vector<int64_t> targets;
  for (size_t i = 0; i < items.size() && targets.size() < static_cast<size_t>(changes); i += 97)
    targets.push_back(items[i].at("contact_id").get<int64_t>());

  std::mutex m;
  std::condition_variable cv;
  int64_t current = 0;  // the contact whose change is in flight
  Clock::time_point sent;
  int arrived = 0, connected = 0;
  std::vector<double> latencies;
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int b = 0; b < boards; ++b) {
    threads.emplace_back([&] {
      httplib::Client sse(url);
      sse.set_tcp_nodelay(true);
      sse.set_read_timeout(30);
      std::string buffer;
      bool counted = false;
      sse.Get("/tracker/events", cookie, [&](const char* data, size_t n) {
        const auto now = Clock::now();
        buffer.append(data, n);
        for (size_t end; (end = buffer.find("\n\n")) != std::string::npos;) {
          const std::string event = buffer.substr(0, end);
          buffer.erase(0, end + 2);
          std::lock_guard lock(m);
          if (!counted && event.find("retry:") != std::string::npos) {
            counted = true;
            ++connected;
            cv.notify_all();
          }
          if (event.find("event: row") == std::string::npos || current == 0) continue;
          if (event.find("\"id\":" + std::to_string(current) + "}") == std::string::npos) continue;
          latencies.push_back(std::chrono::duration<double, std::milli>(now - sent).count());
          ++arrived;
          cv.notify_all();
        }
        return !stop;
      });
    });
    // One board at a time, as screens come on: the server's listen backlog is short (5), and
    // a burst of 100 connections waits on SYN retries.
    std::unique_lock lock(m);
    cv.wait_for(lock, std::chrono::seconds(5), [&] { return connected == b + 1; });
  }
  int missed = 0;
  httplib::Client rater(url);
  rater.set_tcp_nodelay(true);
  for (size_t k = 0; k < targets.size(); ++k) {
    const json body = {{"rating", k % 2 ? "amber" : "red"},
                       {"rationale", "Bench change " + std::to_string(k)}};
    {
      std::lock_guard lock(m);
      current = targets[k];
      arrived = 0;
      sent = Clock::now();
    }
    auto r = rater.Post("/api/v1/contacts/" + std::to_string(targets[k]) + "/rating", bearer,
                        body.dump(), "application/json");
    if (!r || r->status != 201) throw std::runtime_error("rating failed");
    std::unique_lock lock(m);
    if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return arrived == connected; }))
      missed += connected - arrived;
    current = 0;
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::printf(
      "RESULT what=boards boards=%d connected=%d changes=%zu arrivals=%zu missed=%d p50_ms=%.1f "
      "p99_ms=%.1f max_ms=%.1f\n",
      boards, connected, targets.size(), latencies.size(), missed, percentile(latencies, 50),
      percentile(latencies, 99), percentile(latencies, 100));
  std::fflush(stdout);
  stop = true;
  // Each board's thread ends at its next event: one more change wakes them all.
  const json body = {{"rating", "green"}, {"rationale", "Bench: the end"}};
  rater.Post("/api/v1/contacts/" + std::to_string(targets.at(0)) + "/rating", bearer, body.dump(),
             "application/json");
  for (auto& t : threads) t.join();
  return 0;
}

}  // namespace

// mash_bench_tracker read --db URL [--reads 50]: the tracker use case alone, for profiling.
int read(const Args& a) {
  using namespace mash;
  auto db = store::Database::open(a.get("db"));
  SystemClock clock;
  app::Hub hub(*db, clock, app::administration_options());
  const policy::Actor dm{policy::Actor::Kind::user, 1, "dm.bench", Role::decision_maker,
                         "childrens_social_care"};
  std::vector<double> ms;
  for (long i = 0; i < a.number("reads", 50); ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto items = hub.tracker(dm, {});
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!items.ok()) throw std::runtime_error("tracker: " + items.error().message);
  }
  std::printf("RESULT what=hub reads=%zu p50_ms=%.1f max_ms=%.1f\n", ms.size(), percentile(ms, 50),
              percentile(ms, 100));
  for (bool subjects : {false, true}) {
    ms.clear();
    for (int i = 0; i < 20; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      db->read([&](store::Tx& tx) {
        store::TrackerQuery q;
        q.statuses = {"new", "screening", "enquiry"};
        q.subjects = subjects;
        store::tracker_rows(tx, q);
      });
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::printf("RESULT what=store subjects=%d p50_ms=%.1f\n", subjects, percentile(ms, 50));
  }
  return 0;
}

int main(int argc, char** argv) {
  try {
    const Args a = mash::bench::parse_args(argc, argv,
                                           "usage: mash_bench_tracker seed|load [--option value]…");
    if (a.mode == "seed") return seed(a);
    if (a.mode == "load") return load(a);
    if (a.mode == "read") return read(a);
    throw std::invalid_argument("unknown mode " + a.mode);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mash_bench_tracker: %s\n", e.what());
    return 1;
  }
}
