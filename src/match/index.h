// PersonIndex: an in-memory index of people for one-subject lookups. Built from the store at
// start (bulk loading, below) and updated as records arrive (add()); lookup() returns the records
// most likely to be the same person as a query, best first, with the score and comparison that
// explain each.
//
// Candidate generation is sub-linear: every record is filed under one key per blocking rule
// (default_blocking_rules(), match/blocking.h: family-name sound + birth year, postcode district +
// given initial, date of birth, NHS number, …). A lookup reads only the lists of the query's own
// keys, scores the union with compare() and score() (match/scoring.h), and keeps the best k.
//
// Memory. Records are packed into large blocks: a 20-byte header (date of birth, sex, the lengths
// of the fields) then the normalised fields' bytes, about 100–130 bytes a typical record, plus an
// 8-byte offset. Each rule has its own table of 32-bit keys (a hash of the rule's key string) in
// sorted arrays: a key held by one record maps straight to it (8 bytes); a shared key maps to a
// run of a postings array (8 bytes a key, 4 a record). Two different key strings may hash to one
// 32-bit key; a lookup then also scores the other key's records, which costs a little time and
// never a result, because every candidate is scored on its fields. Records added one at a time
// after the last bulk load go to a small hash map per rule until the next bulk load.
//
// Thread safety: any number of threads may call lookup(), explain(), record(), size() and the
// other readers at once, and any number of threads may call add() (adds are serialised). Readers
// share a std::shared_mutex; add() holds it exclusively only to append the record and its keys
// (normalising, hashing and packing happen before the lock). A waiting writer goes ahead of
// lookups that arrive after it, so writers are not starved. A lookup sees either all of a
// concurrent add() or none of it. Loader::finish() holds the lock exclusively while it sorts the
// keys (seconds for millions of records): bulk loading is for start-up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "match/nicknames.h"
#include "match/record.h"
#include "match/scoring.h"

namespace mash::match {

// One record found by a lookup.
struct Candidate {
  uint32_t handle = 0;    // the index's handle for the record, as add() returned it
  std::string id;         // the record's own id (MatchRecord::id)
  Score score;            // of the query against this record
  Comparison comparison;  // each field's level; explain() turns it into words and weights
};

struct PersonIndexOptions {
  // A lookup reads at most this many entries of any one key's list (the most recently added).
  // Keys such as "town + given-name initial" in a large city grow with the population; without
  // a cap one lookup could score a sizeable share of the index. The cost is recall: a true
  // match reachable only through a capped key, and older than the newest `max_postings_per_key`
  // records under it, is missed. Every rule keys on different fields, so a match usually also
  // shares a small key (date of birth, NHS number, family-name sound + birth year).
  size_t max_postings_per_key = 4096;
  // A lookup scores at most this many records. When its keys' lists hold more, it keeps those
  // with the most evidence in common with the query: each list counts log2(index size / list
  // length) bits (a shared NHS number or address counts for far more than a shared town and
  // initial), summed over the lists a record is on. This bounds a lookup's time in a large
  // population; the cost, again, is a true match that shares only the most common keys.
  size_t max_candidates = 1500;
};

class PersonIndex {
 public:
  // Copies `model`. Keeps a reference to `nicknames`, which must outlive the index and not
  // change while it is used (NicknameTable is immutable once built).
  explicit PersonIndex(const Model& model, const NicknameTable& nicknames,
                       PersonIndexOptions options = {});
  ~PersonIndex();

  PersonIndex(const PersonIndex&) = delete;
  PersonIndex& operator=(const PersonIndex&) = delete;

  // Adds a record and returns its handle: 0 for the first record, then 1, 2, … in order of
  // addition. Never fails. The same person may be added more than once (two agencies' records);
  // each is a separate entry. Handles stay valid for the index's life. Fields longer than 255
  // bytes (65,535 for the id) are kept cut to that length.
  uint32_t add(const MatchRecord& record);

  // Replaces the model lookups score with: for a hub that learns its model from the records it
  // has just loaded (see training_sample() in match/scoring.h).
  void set_model(const Model& model);

  // Bulk loading: many records at once, far faster and smaller than add() one by one. Records
  // given to a loader get their handles at once, in order, but lookups find them only after
  // finish(). One loader at a time; add() may still be called meanwhile.
  class Loader {
   public:
    // Appends a batch; returns the first handle of it. Thread-safe: batches from several
    // threads are appended whole, in the order the calls take the lock. The work before the
    // lock (keys, packing) runs in the calling thread, so threads share it.
    uint32_t add(std::span<const MatchRecord> batch);
    // Makes every loaded record searchable: sorts each rule's keys (rules spread over
    // `threads` threads). Call once; the loader is then spent.
    void finish(unsigned threads = 2);

   private:
    friend class PersonIndex;
    explicit Loader(PersonIndex& index) : index_(index) {}
    PersonIndex& index_;
  };
  Loader loader();

  // The records most likely to be the same person as `query`: at most `k`, by match weight,
  // highest first (ties by handle, lowest first). Only records sharing at least one blocking key
  // with the query are considered, so a record with nothing in common returns nothing.
  std::vector<Candidate> lookup(const MatchRecord& query, size_t k = 10) const;

  // Each field's level and weight for a candidate that lookup() returned for `query`.
  std::vector<Contribution> explain(const MatchRecord& query, const Candidate& candidate) const;

  // The record under `handle` (which must be one add() or a loader returned), rebuilt from its
  // packed form: the normalised fields, not the text as first written.
  MatchRecord record(uint32_t handle) const;

  // For each blocking rule, in order, how many records share the query's key (0 when the query
  // has no key for the rule), before the cap: for reports and benchmarks.
  std::vector<size_t> list_sizes(const MatchRecord& query) const;

  // How many records the index holds (loaded ones included, before finish()).
  size_t size() const;

  // How many distinct keys the index holds, over every rule (for reports).
  size_t key_count() const;

  // Bytes of heap the index holds for records and keys (capacity, not allocator overhead).
  size_t memory_bytes() const;

 private:
  struct Tables;
  Model model_;  // changed only by set_model(), under the exclusive lock
  const NicknameTable& nicknames_;
  const PersonIndexOptions options_;

  // Takes the shared lock, after any writer already waiting for it.
  std::shared_lock<std::shared_mutex> read_lock() const;
  std::unique_lock<std::shared_mutex> write_lock() const;

  // glibc's rwlock (under std::shared_mutex) prefers readers, so a steady stream of lookups
  // could starve add() indefinitely. Writers hold `writer_gate_` while they wait for and hold
  // `mutex_`; readers pass through the gate before taking their shared lock, so they queue
  // behind a waiting writer instead of overtaking it.
  mutable std::mutex writer_gate_;
  mutable std::shared_mutex mutex_;
  std::unique_ptr<Tables> tables_;
};

// The 32-bit keys under which the index files `record`, one slot per blocking rule in the order
// of default_blocking_rules(): keys[i] is rule i's key, absent (has[i] false) when the record
// lacks a field the rule needs, and for the family name's last part when the family name has
// only one (the first part's rule holds that key already). Exposed for tests and benchmarks.
struct IndexKeys {
  std::vector<uint32_t> key;
  std::vector<bool> has;
};
IndexKeys index_keys(const MatchRecord& record);

}  // namespace mash::match
