// The hub's database: SQLite (embedded, the default) or PostgreSQL 15, through one interface.
// store/ is the only code that speaks SQL; callers work in transactions (Tx) handed to them by
// Database::transact and call the repository functions of store/*.h inside them.
//
// Thread-safe: a pool of connections serves concurrent transactions. On SQLite (one writer at a
// time) writers queue in this process rather than spinning on SQLITE_BUSY, and the transactions
// waiting together are committed together, each in its own savepoint, with one fsync (group
// commit): durable (WAL, synchronous=FULL) at more than the disk's fsync rate. On PostgreSQL
// every transaction runs at READ COMMITTED; the audit head row serialises appends to the chain.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace mash::store {

enum class Dialect { sqlite, postgresql };

// A database failure that is not the caller's fault (connection lost, disk full, a bug).
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Prepared;
class PreparedCache;

// One open transaction. Valid only inside the function given to Database::transact.
class Tx {
 public:
  Tx(soci::session& sql, Dialect dialect, PreparedCache* cache)
      : sql_(sql), dialect_(dialect), cache_(cache) {}
  soci::session& sql() { return sql_; }
  Dialect dialect() const { return dialect_; }
  // The connection's prepared statement for `query` (a string with static storage: it is the
  // cache key), prepared on first use; see store/prepared.h for `in` and `out`.
  Prepared& prepared(const char* query, std::string_view in, std::string_view out = "");

 private:
  soci::session& sql_;
  Dialect dialect_;
  PreparedCache* cache_;
};

class Database {
 public:
  // Opens "sqlite:PATH" (created if absent) or "postgresql://USER@HOST:PORT/DB" (any libpq
  // URI or "postgresql:KEY=VALUE …" conninfo). Throws StoreError naming what went wrong, with
  // any password in the URL removed.
  static std::unique_ptr<Database> open(const std::string& url, int pool_size = 8);
  virtual ~Database();

  Dialect dialect() const { return dialect_; }
  // The URL with any password removed, for messages.
  const std::string& display_url() const { return display_url_; }

  // Applies every migration not yet applied, each in its own transaction; returns how many.
  int migrate();
  // The newest applied migration's version (0 for an empty database).
  int schema_version();
  // The newest version this build knows.
  static int latest_schema_version();

  // Runs fn in one transaction: commits when fn returns, rolls back when it throws (and
  // rethrows). Database errors surface as StoreError. When this returns, the work is on disk.
  // fn must not call transact() or read() itself (it would wait for itself), and may run on
  // another thread of the process (the group's leader).
  void transact(const std::function<void(Tx&)>& fn);

  // Runs fn in a transaction that only reads, and never waits for writers.
  void read(const std::function<void(Tx&)>& fn);

 private:
  struct Pool;
  struct Waiting;
  static constexpr size_t kMaxGroup = 64;
  void run_group(std::vector<Waiting*>& group);
  // One transaction on a connection of its own: committed when `keep`, else rolled back.
  void run_alone(const std::function<void(Tx&)>& fn, bool keep);
  Database(Dialect dialect, std::string display_url, std::unique_ptr<Pool> pool);
  Dialect dialect_;
  std::string display_url_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace mash::store
