#include "store/prepared.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace mash::store {

struct Prepared::Slot {
  char kind;
  std::string text;
  long long number = 0;
  soci::indicator ind = soci::i_null;
};

Prepared::Prepared(soci::session& sql, Dialect dialect, const std::string& query,
                   std::string_view in, std::string_view out)
    : dialect_(dialect), statement_(std::make_unique<soci::statement>(sql)) {
  for (char k : in) in_.push_back(Slot{k, {}, 0, soci::i_null});
  for (char k : out) out_.push_back(Slot{k, {}, 0, soci::i_null});
  for (Slot& s : in_) {
    if (s.kind == 't')
      statement_->exchange(soci::use(s.text, s.ind));
    else
      statement_->exchange(soci::use(s.number, s.ind));
  }
  for (Slot& s : out_) {
    if (s.kind == 't')
      statement_->exchange(soci::into(s.text, s.ind));
    else
      statement_->exchange(soci::into(s.number, s.ind));
  }
  statement_->alloc();
  statement_->prepare(query);
  statement_->define_and_bind();
}

Prepared::~Prepared() = default;

void Prepared::text(size_t i, std::string value) {
  in_[i].text = std::move(value);
  in_[i].ind = soci::i_ok;
}

void Prepared::number(size_t i, long long value) {
  in_[i].number = value;
  in_[i].ind = soci::i_ok;
}

void Prepared::null(size_t i) { in_[i].ind = soci::i_null; }

bool Prepared::run() {
  for (Slot& s : out_) s.ind = soci::i_null;
  struct Reset {
    soci::statement& st;
    Dialect d;
    ~Reset() {
      // SOCI resets a statement only when it next runs; until then SQLite would hold the
      // statement's read snapshot open on the connection.
      if (d == Dialect::sqlite)
        sqlite_api::sqlite3_reset(
            static_cast<soci::sqlite3_statement_backend*>(st.get_backend())->stmt_);
    }
  } reset{*statement_, dialect_};
  const bool row = statement_->execute(true);
  return row && !out_.empty();
}

const std::string& Prepared::text_out(size_t i) const { return out_[i].text; }
long long Prepared::number_out(size_t i) const { return out_[i].number; }
bool Prepared::is_null_out(size_t i) const { return out_[i].ind == soci::i_null; }

Prepared& PreparedCache::get(soci::session& sql, Dialect dialect, const char* query,
                             std::string_view in, std::string_view out) {
  auto& slot = statements_[query];
  if (!slot) slot = std::make_unique<Prepared>(sql, dialect, query, in, out);
  return *slot;
}

}  // namespace mash::store
