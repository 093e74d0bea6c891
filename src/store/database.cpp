#include "store/database.h"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <regex>
#include <vector>

#include "store/migrations.h"
#include "store/prepared.h"

namespace mash::store {

namespace {

// SOCI's what() appends the statement and, in some versions, bound values; PostgreSQL's
// message goes on with a DETAIL line quoting the values of a broken key. Both may be personal
// data that must never reach a log: keep the first line of the database's own message only.
std::string safe_message(const soci::soci_error& e) {
  std::string m = e.get_error_message();
  if (size_t nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  return m;
}

std::string without_password(const std::string& url) {
  static const std::regex userinfo(R"(^(postgres(?:ql)?://[^:/@]*):[^@]*@)");
  static const std::regex keyword(R"(password\s*=\s*\S+)");
  return std::regex_replace(std::regex_replace(url, userinfo, "$1:***@"), keyword, "password=***");
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() + 0 &&
        std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// libpq conninfo value, quoted as libpq requires.
std::string conninfo_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// SOCI's PostgreSQL backend parses its connection string as KEY=VALUE pairs, so a libpq URI
// (postgresql://USER:PASSWORD@HOST:PORT/DB?KEY=VALUE&…) is rewritten in that form.
std::string conninfo_from_uri(const std::string& uri) {
  std::string rest = uri.substr(uri.find("://") + 3);
  std::string query;
  if (size_t q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string path;
  if (size_t slash = rest.find('/'); slash != std::string::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string userinfo, hostport = rest;
  if (size_t at = rest.rfind('@'); at != std::string::npos) {
    userinfo = rest.substr(0, at);
    hostport = rest.substr(at + 1);
  }
  std::vector<std::pair<std::string, std::string>> kv;
  if (!userinfo.empty()) {
    size_t colon = userinfo.find(':');
    kv.emplace_back("user", percent_decode(userinfo.substr(0, colon)));
    if (colon != std::string::npos)
      kv.emplace_back("password", percent_decode(userinfo.substr(colon + 1)));
  }
  if (!hostport.empty()) {
    std::string host = hostport, port;
    if (hostport.front() == '[') {  // [IPv6]:port
      size_t close = hostport.find(']');
      host = hostport.substr(1, close - 1);
      if (close + 1 < hostport.size() && hostport[close + 1] == ':')
        port = hostport.substr(close + 2);
    } else if (size_t colon = hostport.rfind(':'); colon != std::string::npos) {
      host = hostport.substr(0, colon);
      port = hostport.substr(colon + 1);
    }
    if (!host.empty()) kv.emplace_back("host", percent_decode(host));
    if (!port.empty()) kv.emplace_back("port", port);
  }
  if (!path.empty()) kv.emplace_back("dbname", percent_decode(path));
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    if (size_t eq = pair.find('='); eq != std::string::npos)
      kv.emplace_back(percent_decode(pair.substr(0, eq)), percent_decode(pair.substr(eq + 1)));
    start = end + 1;
  }
  std::string out;
  for (const auto& [k, v] : kv) out += (out.empty() ? "" : " ") + k + "=" + conninfo_value(v);
  return out;
}

}  // namespace

// A transaction waiting for the group commit (SQLite).
struct Database::Waiting {
  const std::function<void(Tx&)>* fn;
  std::exception_ptr error;
  bool done = false;  // its work is committed (or failed)
  bool lead = false;  // it is to lead the next group
  std::condition_variable wake;
};

struct Database::Pool {
  explicit Pool(size_t size) : connections(size), size(size), caches(size) {}
  soci::connection_pool connections;
  size_t size;
  std::vector<PreparedCache> caches;  // one per connection; destroyed before the connections
  // SQLite has one writer at a time. Writers queue here rather than busy-wait in SQLite; the
  // first in line leads a group: it runs every waiting transaction inside one database
  // transaction, each in its own savepoint, and commits them with one fsync.
  std::mutex group_mutex;
  std::deque<Waiting*> waiting;
  bool leading = false;
};

Database::Database(Dialect dialect, std::string display_url, std::unique_ptr<Pool> pool)
    : dialect_(dialect), display_url_(std::move(display_url)), pool_(std::move(pool)) {}

Database::~Database() = default;

std::unique_ptr<Database> Database::open(const std::string& url, int pool_size) {
  const std::string shown = without_password(url);
  Dialect dialect;
  std::string connect;
  if (url.rfind("sqlite:", 0) == 0) {
    dialect = Dialect::sqlite;
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // accept sqlite://PATH too
    if (path.empty())
      throw StoreError("The database URL \"" + shown + "\" names no file: use sqlite:PATH");
    connect = "db=\"" + path + "\" timeout=30";
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    dialect = Dialect::postgresql;
    connect = conninfo_from_uri(url);
  } else if (url.rfind("postgresql:", 0) == 0) {
    dialect = Dialect::postgresql;
    connect = url.substr(11);
  } else {
    throw StoreError("Unknown database URL \"" + shown +
                     "\": use sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE");
  }
  if (pool_size < 1) pool_size = 1;
  auto pool = std::make_unique<Pool>(static_cast<size_t>(pool_size));
  try {
    for (size_t i = 0; i < pool->size; ++i) {
      soci::session& s = pool->connections.at(i);
      if (dialect == Dialect::sqlite) {
        s.open(*soci::factory_sqlite3(), connect);
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA synchronous=FULL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=30000";
        // Reads map the file rather than copy each page through a small per-connection cache:
        // the case tracker reads every open contact (issue 4's benchmark: a third of its time
        // was pread copies).
        s << "PRAGMA mmap_size=1073741824";
      } else {
        s.open(*soci::factory_postgresql(), connect);
        s << "SET client_min_messages = WARNING";
      }
    }
  } catch (const soci::soci_error& e) {
    throw StoreError("Cannot open the database " + shown + ": " + safe_message(e));
  }
  return std::unique_ptr<Database>(new Database(dialect, shown, std::move(pool)));
}

Prepared& Tx::prepared(const char* query, std::string_view in, std::string_view out) {
  return cache_->get(sql_, dialect_, query, in, out);
}

namespace {

// A connection borrowed from the pool for one transaction.
class Lease {
 public:
  explicit Lease(soci::connection_pool& pool) : pool_(pool), pos_(pool.lease()) {}
  ~Lease() { pool_.give_back(pos_); }
  soci::session& session() { return pool_.at(pos_); }
  size_t position() const { return pos_; }

 private:
  soci::connection_pool& pool_;
  size_t pos_;
};

// Runs fn; a SOCI error becomes a StoreError with the database's message only.
void run_translated(const std::function<void(Tx&)>& fn, Tx& tx) {
  try {
    fn(tx);
  } catch (const soci::soci_error& e) {
    throw StoreError("Database error: " + safe_message(e));
  }
}

}  // namespace

void Database::run_group(std::vector<Waiting*>& group) {
  Lease lease(pool_->connections);
  soci::session& sql = lease.session();
  Tx tx(sql, dialect_, &pool_->caches[lease.position()]);
  try {
    sql << "BEGIN IMMEDIATE";
  } catch (const soci::soci_error& e) {
    auto error = std::make_exception_ptr(
        StoreError("Cannot start a database transaction: " + safe_message(e)));
    for (Waiting* w : group) w->error = error;
    return;
  }
  bool any = false;
  for (Waiting* w : group) {
    try {
      if (group.size() > 1) sql << "SAVEPOINT grouped";
      run_translated(*w->fn, tx);
      if (group.size() > 1) sql << "RELEASE grouped";
      any = true;
    } catch (...) {
      w->error = std::current_exception();
      if (group.size() > 1) {
        try {
          sql << "ROLLBACK TO grouped";
          sql << "RELEASE grouped";
        } catch (...) {
        }
      }
    }
  }
  try {
    sql << (any ? "COMMIT" : "ROLLBACK");
  } catch (const soci::soci_error& e) {
    try {
      sql << "ROLLBACK";
    } catch (...) {
    }
    auto error = std::make_exception_ptr(StoreError("Database error: " + safe_message(e)));
    for (Waiting* w : group)
      if (!w->error) w->error = error;
  }
}

void Database::transact(const std::function<void(Tx&)>& fn) {
  if (dialect_ == Dialect::sqlite) {
    // Each waiter is woken once, by name: when its work is done, or when it is to lead the next
    // group. (Waking every waiter after every group costs more than the group saves.)
    Waiting me{&fn, nullptr, false, false, {}};
    std::unique_lock<std::mutex> lock(pool_->group_mutex);
    pool_->waiting.push_back(&me);
    if (!pool_->leading) {
      pool_->leading = true;
      me.lead = true;
    }
    while (!me.done) {
      if (!me.lead) {
        me.wake.wait(lock);
        continue;
      }
      std::vector<Waiting*> group;
      while (!pool_->waiting.empty() && group.size() < kMaxGroup) {
        group.push_back(pool_->waiting.front());
        pool_->waiting.pop_front();
      }
      lock.unlock();
      run_group(group);
      lock.lock();
      me.lead = false;
      for (Waiting* w : group) {
        w->done = true;
        if (w != &me) w->wake.notify_one();
      }
      if (pool_->waiting.empty()) {
        pool_->leading = false;
      } else {
        Waiting* next = pool_->waiting.front();
        next->lead = true;
        next->wake.notify_one();
      }
    }
    if (me.error) std::rethrow_exception(me.error);
    return;
  }
  run_alone(fn, true);
}

void Database::read(const std::function<void(Tx&)>& fn) {
  // Readers never wait for writers: SQLite's write-ahead log and PostgreSQL's MVCC give each
  // one a consistent snapshot.
  run_alone(fn, false);
}

void Database::run_alone(const std::function<void(Tx&)>& fn, bool keep) {
  Lease lease(pool_->connections);
  soci::session& sql = lease.session();
  Tx tx(sql, dialect_, &pool_->caches[lease.position()]);
  try {
    sql << "BEGIN";
  } catch (const soci::soci_error& e) {
    throw StoreError("Cannot start a database transaction: " + safe_message(e));
  }
  try {
    run_translated(fn, tx);
    sql << (keep ? "COMMIT" : "ROLLBACK");
  } catch (const soci::soci_error& e) {
    try {
      sql << "ROLLBACK";
    } catch (...) {
    }
    throw StoreError("Database error: " + safe_message(e));
  } catch (...) {
    try {
      sql << "ROLLBACK";
    } catch (...) {
    }
    throw;
  }
}

int Database::schema_version() {
  int version = 0;
  transact([&](Tx& tx) { version = applied_schema_version(tx); });  // may create its table
  return version;
}

int Database::latest_schema_version() { return static_cast<int>(migrations().size()); }

int Database::migrate() {
  int applied = 0;
  for (const Migration& m : migrations()) {
    bool done = false;
    transact([&](Tx& tx) {
      if (applied_schema_version(tx) >= m.version) {
        done = true;
        return;
      }
      apply_migration(tx, m);
    });
    if (!done) ++applied;
  }
  return applied;
}

}  // namespace mash::store
