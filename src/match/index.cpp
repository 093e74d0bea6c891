#include "match/index.h"

#include <algorithm>
#include <mutex>
#include <string_view>
#include <utility>

#include "match/blocking.h"

namespace mash::match {
namespace {

// FNV-1a, 64-bit, seeded with the rule's position so equal strings of two rules differ.
uint64_t hash_key(size_t rule, std::string_view key) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&h](unsigned char byte) {
    h ^= byte;
    h *= 1099511628211ull;
  };
  mix(static_cast<unsigned char>(rule));
  mix(0xff);
  for (char c : key) mix(static_cast<unsigned char>(c));
  // A final avalanche (from MurmurHash3's fmix64) so the low bits a hash map uses are well mixed.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

bool better(const Candidate& a, const Candidate& b) {
  if (a.score.match_weight != b.score.match_weight)
    return a.score.match_weight > b.score.match_weight;
  return a.handle < b.handle;
}

}  // namespace

std::vector<uint64_t> index_keys(const MatchRecord& record) {
  const auto& rules = default_blocking_rules();
  std::vector<uint64_t> keys;
  keys.reserve(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string key = rules[i].key(record);
    if (!key.empty()) keys.push_back(hash_key(i, key));
  }
  // Two rules may give one record the same key only by a hash collision; keep each once so a
  // record is never filed twice under one list.
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::shared_lock<std::shared_mutex> PersonIndex::read_lock() const {
  { std::lock_guard gate(writer_gate_); }  // waits while a writer holds or waits for the lock
  return std::shared_lock(mutex_);
}

PersonIndex::PersonIndex(const Model& model, const NicknameTable& nicknames,
                         PersonIndexOptions options)
    : model_(model), nicknames_(nicknames), options_(options) {}

uint32_t PersonIndex::add(MatchRecord record) {
  const std::vector<uint64_t> keys = index_keys(record);  // outside the lock
  std::lock_guard gate(writer_gate_);  // held while waiting, so new readers queue behind
  std::unique_lock lock(mutex_);
  const auto handle = static_cast<uint32_t>(records_.size());
  records_.push_back(std::move(record));
  for (uint64_t key : keys) postings_[key].push_back(handle);
  return handle;
}

std::vector<Candidate> PersonIndex::lookup(const MatchRecord& query, size_t k) const {
  std::vector<Candidate> out;
  if (k == 0) return out;
  const std::vector<uint64_t> keys = index_keys(query);  // outside the lock

  std::shared_lock lock = read_lock();
  std::vector<uint32_t> handles;
  for (uint64_t key : keys) {
    auto it = postings_.find(key);
    if (it == postings_.end()) continue;
    const std::vector<uint32_t>& list = it->second;
    const size_t take = std::min(list.size(), options_.max_postings_per_key);
    handles.insert(handles.end(), list.end() - static_cast<std::ptrdiff_t>(take), list.end());
  }
  // The visited set: a handle found through several keys is scored once.
  std::sort(handles.begin(), handles.end());
  handles.erase(std::unique(handles.begin(), handles.end()), handles.end());

  out.reserve(handles.size());
  for (uint32_t h : handles) {
    const MatchRecord& r = records_[h];
    Candidate c;
    c.handle = h;
    c.comparison = compare(query, r, nicknames_);
    c.score = score(model_, c.comparison, query, r);
    out.push_back(std::move(c));
  }

  const size_t keep = std::min(k, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    better);
  out.resize(keep);
  for (Candidate& c : out) c.id = records_[c.handle].id;
  return out;
}

std::vector<Contribution> PersonIndex::explain(const MatchRecord& query,
                                               const Candidate& candidate) const {
  std::shared_lock lock = read_lock();
  return match::explain(model_, candidate.comparison, query, records_.at(candidate.handle));
}

MatchRecord PersonIndex::record(uint32_t handle) const {
  std::shared_lock lock = read_lock();
  return records_.at(handle);
}

size_t PersonIndex::size() const {
  std::shared_lock lock = read_lock();
  return records_.size();
}

size_t PersonIndex::key_count() const {
  std::shared_lock lock = read_lock();
  return postings_.size();
}

}  // namespace mash::match
