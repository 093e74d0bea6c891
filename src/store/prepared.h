// Statements prepared once per connection and run many times: the intake path's hot SQL.
// Internal to store/. Preparing a statement costs more than running it (SQLite parses and
// plans it each time), so each connection keeps its prepared statements for its lifetime.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/database.h"

namespace soci {
class statement;
}

namespace mash::store {

// One prepared statement with its own parameter and result slots. `in` and `out` name the
// kind of each placeholder and each result column in order: 't' text, 'n' 64-bit integer.
class Prepared {
 public:
  Prepared(soci::session& sql, Dialect dialect, const std::string& query, std::string_view in,
           std::string_view out);
  ~Prepared();

  // Parameter i (0-based), as text or number; set_null() for SQL NULL until set again.
  void text(size_t i, std::string value);
  void number(size_t i, long long value);
  void null(size_t i);

  // Runs the statement; true when it returned a row (whose values the getters then give).
  // The statement is reset afterwards, so it holds no read snapshot open.
  bool run();

  const std::string& text_out(size_t i) const;
  long long number_out(size_t i) const;
  bool is_null_out(size_t i) const;

 private:
  struct Slot;
  Dialect dialect_;
  std::deque<Slot> in_, out_;  // deques: slots never move once SOCI holds their addresses
  std::unique_ptr<soci::statement> statement_;
};

// A connection's prepared statements, by query text.
class PreparedCache {
 public:
  Prepared& get(soci::session& sql, Dialect dialect, const char* query, std::string_view in,
                std::string_view out);

 private:
  std::unordered_map<const char*, std::unique_ptr<Prepared>> statements_;
};

}  // namespace mash::store
