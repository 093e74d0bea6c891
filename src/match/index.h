// PersonIndex: an in-memory index of people for one-subject lookups. Built from the store at
// start (add() per record) and updated as records arrive; lookup() returns the records most
// likely to be the same person as a query, best first, with the score and comparison that
// explain each.
//
// Candidate generation is sub-linear: every record is filed under one 64-bit key per blocking
// rule (default_blocking_rules(), match/blocking.h: family-name sound + birth year, postcode
// district + given initial, date of birth, NHS number, other identifier, …). A lookup reads
// only the lists of the query's own keys, scores the union with compare() and score()
// (match/scoring.h), and keeps the best k.
//
// Thread safety: any number of threads may call lookup(), size(), record() and explain() at
// once, and any number of threads may call add() (adds are serialised). Readers share a
// std::shared_mutex; add() holds it exclusively only to append the record and its postings
// (hashing the record's keys happens before the lock; the caller normalises the record with
// make_match_record() beforehand). A waiting add() goes ahead of lookups that arrive after it,
// so writers are not starved. A lookup sees either all of a concurrent add() or none of it.
//
// Memory, measured on x86-64 with libstdc++ and glibc: sizeof(MatchRecord) is 848 bytes, of which
// the `raw` PersonFields copy is 352. 200,000 typical records (short names, a postcode, an
// address line, an NHS number) took about 1,030 bytes each of heap in all, deque slots, heap
// strings and postings included, with few distinct keys; at 10 million people, where the date of
// birth, NHS number and address keys are nearly all distinct, expect a further 200–400 bytes a
// record for the key map's nodes and lists: about 12–14 GB, well over the 4 GiB target. A
// compact layout (interned names and keys, packed dates, no raw copy, a flat key map) is still to
// do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <string>
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
};

class PersonIndex {
 public:
  // Copies `model`. Keeps a reference to `nicknames`, which must outlive the index and not
  // change while it is used (NicknameTable is immutable once built).
  explicit PersonIndex(const Model& model, const NicknameTable& nicknames,
                       PersonIndexOptions options = {});

  PersonIndex(const PersonIndex&) = delete;
  PersonIndex& operator=(const PersonIndex&) = delete;

  // Adds a record and returns its handle: 0 for the first record, then 1, 2, … in order of
  // addition. Never fails. The same person may be added more than once (two agencies' records);
  // each is a separate entry. Handles stay valid for the index's life.
  uint32_t add(MatchRecord record);

  // The records most likely to be the same person as `query`: at most `k`, by match weight,
  // highest first (ties by handle, lowest first). Only records sharing at least one blocking key
  // with the query are considered, so a record with nothing in common returns nothing.
  std::vector<Candidate> lookup(const MatchRecord& query, size_t k = 10) const;

  // Each field's level and weight for a candidate that lookup() returned for `query`.
  std::vector<Contribution> explain(const MatchRecord& query, const Candidate& candidate) const;

  // A copy of the record under `handle`, which must be one add() returned.
  MatchRecord record(uint32_t handle) const;

  // How many records the index holds.
  size_t size() const;

  // How many distinct keys the index holds (for reports and memory estimates).
  size_t key_count() const;

 private:
  const Model model_;
  const NicknameTable& nicknames_;
  const PersonIndexOptions options_;

  // Takes the shared lock, after any writer already waiting for it.
  std::shared_lock<std::shared_mutex> read_lock() const;

  // glibc's rwlock (under std::shared_mutex) prefers readers, so a steady stream of lookups
  // could starve add() indefinitely. add() holds `writer_gate_` while it waits for and holds
  // `mutex_`; readers pass through the gate before taking their shared lock, so they queue
  // behind a waiting writer instead of overtaking it.
  mutable std::mutex writer_gate_;
  mutable std::shared_mutex mutex_;
  std::deque<MatchRecord> records_;  // by handle; a deque never moves its elements
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings_;  // key -> handles, ascending
};

// The 64-bit keys under which the index files `record`: one per blocking rule for which the
// record has the fields, each mixed with the rule's position so that equal strings from two
// rules never collide. Exposed for tests and benchmarks.
std::vector<uint64_t> index_keys(const MatchRecord& record);

}  // namespace mash::match
