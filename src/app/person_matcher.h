// The hub's in-memory person index: every source record and contact subject, keyed "sr:<id>" and
// "cs:<id>", with a model learnt from those records at start. Internal to app/.
//
// Thread-safe. Lookups run concurrently with each other and with additions (PersonIndex allows
// both); building and the bookkeeping of what has been added are serialised by one mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "domain/source_record.h"
#include "store/database.h"

namespace mash::match {
class NicknameTable;
}

namespace mash::app {

struct FoundRecord {
  std::string key;  // "sr:12", "cs:40"
  double match_probability = 0;
  double match_weight = 0;
  std::vector<std::string> explanation;  // fields compared, in words with their weight
};

class PersonMatcher {
 public:
  PersonMatcher(store::Database& db, const match::NicknameTable& nicknames, size_t min_records);
  ~PersonMatcher();

  // Builds the index from the store when it is not built yet and there are at least
  // `min_records` records; when built, adds any records stored since (by another process, such
  // as `mash import persons`). True when matching can run. Must not be called inside a
  // transaction of `db`.
  bool ensure_ready();
  // Why matching cannot run yet, for the contact page ("" when it can).
  std::string unavailable() const;

  // After commit: adds what was stored (ignored until the index is built, which reads them).
  void add_subjects(const Contact& contact);
  void add_source_records(const std::vector<SourceRecord>& records);

  // The records most likely to be `subject`, best first, at most `k`, each key once.
  std::vector<FoundRecord> lookup(const Subject& subject, size_t k) const;

 private:
  struct Built;
  void build_locked();
  void catch_up_locked();
  store::Database& db_;
  const match::NicknameTable& nicknames_;
  const size_t min_records_;
  mutable std::mutex mutex_;
  std::shared_ptr<Built> built_;  // null until built; read under mutex_, then used without it
  int64_t records_seen_ = 0;      // at the last attempt to build
  // What the index holds, for catching up: ids up to the marks were read from the store; ids
  // above them were added by this process and are skipped when read.
  int64_t source_mark_ = 0, subject_mark_ = 0;
  std::set<int64_t> sources_added_, subjects_added_;
};

}  // namespace mash::app
