#include "match/index.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <thread>
#include <utility>

#include "match/blocking.h"

namespace mash::match {
namespace {

// FNV-1a, 64-bit, seeded with the rule's position, then MurmurHash3's final avalanche; the
// index keeps the high 32 bits.
uint32_t hash_key(size_t rule, std::string_view key) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&h](unsigned char byte) {
    h ^= byte;
    h *= 1099511628211ull;
  };
  mix(static_cast<unsigned char>(rule));
  mix(0xff);
  for (char c : key) mix(static_cast<unsigned char>(c));
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return static_cast<uint32_t>(h >> 32);
}

bool better(const Candidate& a, const Candidate& b) {
  if (a.score.match_weight != b.score.match_weight)
    return a.score.match_weight > b.score.match_weight;
  return a.handle < b.handle;
}

// --- the packed record ------------------------------------------------------------------------
//
//   bytes 0–3   date of birth: year << 9 | month << 5 | day, little-endian; 0 when not known
//   byte  4     sex (the Sex enumerator's value)
//   byte  5     flags: bit 0, the postcode is a UK postcode
//   bytes 6–7   the id's length (little-endian)
//   bytes 8–19  the lengths of the 12 string fields below, one byte each
//   then the id's bytes and each string field's bytes, in that order.
constexpr size_t kStrings = 12;
constexpr size_t kHeader = 8 + kStrings;
constexpr size_t kBlockBytes = size_t{1} << 24;  // 16 MiB; a record never spans two blocks

std::array<std::string_view, kStrings> strings_of(const MatchRecord& r) {
  return {r.given.full,
          r.given_sound.primary,
          r.given_sound.alternate,
          r.family.full,
          r.family_sound.primary,
          r.family_sound.alternate,
          r.postcode,
          r.address,
          r.town,
          r.nhs_number,
          r.other_identifier,
          r.email};
}

void pack(const MatchRecord& r, std::string& out) {
  const size_t start = out.size();
  out.resize(start + kHeader);
  char* h = out.data() + start;
  uint32_t dob = 0;
  if (r.date_of_birth)
    dob = static_cast<uint32_t>(r.date_of_birth->year) << 9 |
          static_cast<uint32_t>(r.date_of_birth->month) << 5 |
          static_cast<uint32_t>(r.date_of_birth->day);
  for (int i = 0; i < 4; ++i) h[i] = static_cast<char>(dob >> (8 * i));
  h[4] = static_cast<char>(r.sex);
  h[5] = static_cast<char>(r.uk_postcode ? 1 : 0);
  const std::string_view id = std::string_view(r.id).substr(0, 0xffff);
  h[6] = static_cast<char>(id.size() & 0xff);
  h[7] = static_cast<char>(id.size() >> 8);
  const auto strings = strings_of(r);
  for (size_t i = 0; i < kStrings; ++i)
    h[8 + i] = static_cast<char>(std::min<size_t>(strings[i].size(), 255));
  out.append(id);
  for (std::string_view s : strings) out.append(s.substr(0, 255));
}

RecordView unpack(const char* p) {
  const auto byte = [p](size_t i) { return static_cast<unsigned char>(p[i]); };
  RecordView v;
  const uint32_t dob =
      byte(0) | byte(1) << 8 | byte(2) << 16 | static_cast<uint32_t>(byte(3)) << 24;
  if (dob != 0)
    v.date_of_birth = Date{static_cast<int>(dob >> 9), static_cast<int>(dob >> 5 & 15),
                           static_cast<int>(dob & 31)};
  v.sex = static_cast<Sex>(byte(4));
  v.uk_postcode = (byte(5) & 1) != 0;
  const size_t id_length = byte(6) | static_cast<size_t>(byte(7)) << 8;
  const char* text = p + kHeader;
  v.id = {text, id_length};
  text += id_length;
  std::array<std::string_view, kStrings> s;
  for (size_t i = 0; i < kStrings; ++i) {
    s[i] = {text, byte(8 + i)};
    text += byte(8 + i);
  }
  v.given = s[0];
  v.given_primary = s[1];
  v.given_alternate = s[2];
  v.family = s[3];
  v.family_primary = s[4];
  v.family_alternate = s[5];
  v.postcode = s[6];
  v.address = s[7];
  v.town = s[8];
  v.nhs_number = s[9];
  v.other_identifier = s[10];
  v.email = s[11];
  return v;
}

// One rule's keys. A key held by one record maps straight to its handle; a shared key maps to a
// run of `postings` (handles ascending).
struct RuleTable {
  std::vector<uint32_t> single_keys, single_handles;  // sorted by key
  std::vector<uint32_t> shared_keys;                  // sorted
  std::vector<uint32_t> shared_start;                 // shared_keys.size() + 1 offsets
  std::vector<uint32_t> postings;
  // Records added one at a time since the last bulk load: key -> handles, ascending.
  std::unordered_map<uint32_t, std::vector<uint32_t>> recent;
  // A loader's keys not yet sorted in: key << 32 | handle.
  std::vector<uint64_t> pending;

  size_t key_count() const {
    size_t n = single_keys.size() + shared_keys.size();
    for (const auto& [key, handles] : recent)
      if (!std::binary_search(single_keys.begin(), single_keys.end(), key) &&
          !std::binary_search(shared_keys.begin(), shared_keys.end(), key))
        ++n;
    return n;
  }

  // Appends to `out` the newest `cap` handles under `key` and returns how many there are in
  // all (before the cap).
  size_t find(uint32_t key, size_t cap, std::vector<uint32_t>& out) const {
    size_t total = 0;
    if (auto it = recent.find(key); it != recent.end()) {
      const size_t take = std::min(cap, it->second.size());
      out.insert(out.end(), it->second.end() - static_cast<std::ptrdiff_t>(take), it->second.end());
      cap -= take;
      total += it->second.size();
    }
    auto s = std::lower_bound(single_keys.begin(), single_keys.end(), key);
    if (s != single_keys.end() && *s == key) {
      if (cap > 0) out.push_back(single_handles[static_cast<size_t>(s - single_keys.begin())]);
      return total + 1;  // a key is either single or shared, never both
    }
    auto m = std::lower_bound(shared_keys.begin(), shared_keys.end(), key);
    if (m != shared_keys.end() && *m == key) {
      const size_t i = static_cast<size_t>(m - shared_keys.begin());
      const uint32_t begin = shared_start[i], end = shared_start[i + 1];
      const uint32_t from = end - static_cast<uint32_t>(std::min<size_t>(cap, end - begin));
      out.insert(out.end(), postings.begin() + from, postings.begin() + end);
      total += end - begin;
    }
    return total;
  }

  size_t count(uint32_t key) const {
    size_t n = 0;
    if (auto it = recent.find(key); it != recent.end()) n += it->second.size();
    if (std::binary_search(single_keys.begin(), single_keys.end(), key)) return n + 1;
    auto m = std::lower_bound(shared_keys.begin(), shared_keys.end(), key);
    if (m != shared_keys.end() && *m == key) {
      const size_t i = static_cast<size_t>(m - shared_keys.begin());
      n += shared_start[i + 1] - shared_start[i];
    }
    return n;
  }

  // Sorts every key (old, recent and pending) into the arrays.
  void rebuild() {
    std::vector<uint64_t> all = std::move(pending);
    pending = {};
    all.reserve(all.size() + single_keys.size() + postings.size());
    for (size_t i = 0; i < single_keys.size(); ++i)
      all.push_back(uint64_t{single_keys[i]} << 32 | single_handles[i]);
    for (size_t i = 0; i < shared_keys.size(); ++i)
      for (uint32_t j = shared_start[i]; j < shared_start[i + 1]; ++j)
        all.push_back(uint64_t{shared_keys[i]} << 32 | postings[j]);
    for (const auto& [key, handles] : recent)
      for (uint32_t h : handles) all.push_back(uint64_t{key} << 32 | h);
    recent = {};
    std::sort(all.begin(), all.end());

    size_t singles = 0, shared = 0, shared_postings = 0;
    for (size_t i = 0; i < all.size();) {
      size_t j = i + 1;
      while (j < all.size() && all[j] >> 32 == all[i] >> 32) ++j;
      if (j - i == 1) {
        ++singles;
      } else {
        ++shared;
        shared_postings += j - i;
      }
      i = j;
    }
    std::vector<uint32_t> sk, sh, mk, ms, ps;
    sk.reserve(singles);
    sh.reserve(singles);
    mk.reserve(shared);
    ms.reserve(shared + 1);
    ps.reserve(shared_postings);
    for (size_t i = 0; i < all.size();) {
      const auto key = static_cast<uint32_t>(all[i] >> 32);
      size_t j = i + 1;
      while (j < all.size() && all[j] >> 32 == all[i] >> 32) ++j;
      if (j - i == 1) {
        sk.push_back(key);
        sh.push_back(static_cast<uint32_t>(all[i]));
      } else {
        mk.push_back(key);
        ms.push_back(static_cast<uint32_t>(ps.size()));
        for (size_t k = i; k < j; ++k) ps.push_back(static_cast<uint32_t>(all[k]));
      }
      i = j;
    }
    ms.push_back(static_cast<uint32_t>(ps.size()));
    single_keys = std::move(sk);
    single_handles = std::move(sh);
    shared_keys = std::move(mk);
    shared_start = std::move(ms);
    postings = std::move(ps);
  }

  size_t bytes() const {
    size_t b = 4 * (single_keys.capacity() + single_handles.capacity() + shared_keys.capacity() +
                    shared_start.capacity() + postings.capacity()) +
               8 * pending.capacity();
    for (const auto& [key, handles] : recent) b += 32 + 4 * handles.capacity();
    return b;
  }
};

}  // namespace

// A block of packed records: 16 MiB, aligned to 2 MiB and offered to the kernel for transparent
// huge pages, so that reading a random record of a large index costs one TLB entry per 2 MiB
// instead of per 4 KiB (page walks were much of a lookup's time at 10 million records).
struct BlockFree {
  void operator()(char* p) const { std::free(p); }
};
using Block = std::unique_ptr<char[], BlockFree>;

Block new_block() {
  void* p = std::aligned_alloc(size_t{2} << 20, kBlockBytes);
  if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(p, kBlockBytes, MADV_HUGEPAGE);  // a hint: without it the block still works
#endif
  return Block(static_cast<char*>(p));
}

inline void prefetch(const void* p) { __builtin_prefetch(p, 0, 0); }

struct PersonIndex::Tables {
  std::vector<Block> blocks;
  size_t last_block_used = kBlockBytes;  // no block yet: the first append opens one
  std::vector<uint64_t> offsets;         // handle -> block * kBlockBytes + offset
  std::vector<RuleTable> rules = std::vector<RuleTable>(default_blocking_rules().size());

  // Copies one packed record in and returns its handle.
  uint32_t append(std::string_view packed) {
    if (last_block_used + packed.size() > kBlockBytes) {
      blocks.push_back(new_block());
      last_block_used = 0;
    }
    std::memcpy(blocks.back().get() + last_block_used, packed.data(), packed.size());
    offsets.push_back((blocks.size() - 1) * kBlockBytes + last_block_used);
    last_block_used += packed.size();
    return static_cast<uint32_t>(offsets.size() - 1);
  }

  const char* packed(uint32_t handle) const {
    const uint64_t at = offsets[handle];
    return blocks[at / kBlockBytes].get() + at % kBlockBytes;
  }

  RecordView view(uint32_t handle) const {
    if (handle >= offsets.size())
      throw std::out_of_range("PersonIndex: no record " + std::to_string(handle));
    return unpack(packed(handle));
  }
};

namespace {

size_t rule_named(std::string_view name) {
  const auto& rules = default_blocking_rules();
  for (size_t i = 0; i < rules.size(); ++i)
    if (rules[i].name == name) return i;
  throw std::logic_error("PersonIndex: no blocking rule named " + std::string(name));
}

// The two family-name rules, whose keys have one form (sound "|" birth year): the first part's
// and the last part's. For a family name of one part they are the same key, so the index files a
// record under the last part's rule only when its family name has several parts; a query with
// several parts also looks its last part up among the first parts ("Smith-Jones" finds "Jones").
struct FamilyRules {
  size_t first = rule_named("family name sound + birth year");
  size_t last = rule_named("family name's last part sound + birth year");
};
const FamilyRules& family_rules() {
  static const FamilyRules rules;
  return rules;
}

}  // namespace

IndexKeys index_keys(const MatchRecord& record) {
  const auto& rules = default_blocking_rules();
  IndexKeys keys;
  keys.key.assign(rules.size(), 0);
  keys.has.assign(rules.size(), false);
  for (size_t i = 0; i < rules.size(); ++i) {
    if (i == family_rules().last && record.family.parts.size() < 2) continue;
    const std::string key = rules[i].key(record);
    if (key.empty()) continue;
    keys.key[i] = hash_key(i, key);
    keys.has[i] = true;
  }
  return keys;
}

std::shared_lock<std::shared_mutex> PersonIndex::read_lock() const {
  { std::lock_guard gate(writer_gate_); }  // waits while a writer holds or waits for the lock
  return std::shared_lock(mutex_);
}

std::unique_lock<std::shared_mutex> PersonIndex::write_lock() const {
  std::lock_guard gate(writer_gate_);  // held while waiting, so new readers queue behind
  return std::unique_lock(mutex_);
}

PersonIndex::PersonIndex(const Model& model, const NicknameTable& nicknames,
                         PersonIndexOptions options)
    : model_(model),
      nicknames_(nicknames),
      options_(options),
      tables_(std::make_unique<Tables>()) {}

PersonIndex::~PersonIndex() = default;

uint32_t PersonIndex::add(const MatchRecord& record) {
  const IndexKeys keys = index_keys(record);  // outside the lock
  std::string packed;
  pack(record, packed);
  std::unique_lock lock = write_lock();
  const uint32_t handle = tables_->append(packed);
  for (size_t i = 0; i < keys.key.size(); ++i)
    if (keys.has[i]) tables_->rules[i].recent[keys.key[i]].push_back(handle);
  return handle;
}

PersonIndex::Loader PersonIndex::loader() { return Loader(*this); }

void PersonIndex::set_model(const Model& model) {
  Model copy = model;  // outside the lock
  std::unique_lock lock = write_lock();
  model_ = std::move(copy);
}

uint32_t PersonIndex::Loader::add(std::span<const MatchRecord> batch) {
  const size_t n_rules = default_blocking_rules().size();
  std::string packed;
  std::vector<uint32_t> ends;  // end of each record in `packed`
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> keys(n_rules);  // (key, batch index)
  ends.reserve(batch.size());
  for (uint32_t b = 0; b < batch.size(); ++b) {
    pack(batch[b], packed);
    ends.push_back(static_cast<uint32_t>(packed.size()));
    const IndexKeys k = index_keys(batch[b]);
    for (size_t i = 0; i < n_rules; ++i)
      if (k.has[i]) keys[i].emplace_back(k.key[i], b);
  }
  std::unique_lock lock = index_.write_lock();
  Tables& t = *index_.tables_;
  const auto first = static_cast<uint32_t>(t.offsets.size());
  uint32_t start = 0;
  for (uint32_t end : ends) {
    t.append(std::string_view(packed).substr(start, end - start));
    start = end;
  }
  for (size_t i = 0; i < n_rules; ++i)
    for (auto [key, b] : keys[i]) t.rules[i].pending.push_back(uint64_t{key} << 32 | (first + b));
  return first;
}

void PersonIndex::Loader::finish(unsigned threads) {
  std::unique_lock lock = index_.write_lock();
  Tables& t = *index_.tables_;
  std::atomic<size_t> next{0};
  auto work = [&t, &next] {
    for (size_t i; (i = next++) < t.rules.size();) t.rules[i].rebuild();
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < std::max(threads, 1u); ++i) pool.emplace_back(work);
  work();
  for (std::thread& th : pool) th.join();
}

std::vector<Candidate> PersonIndex::lookup(const MatchRecord& query, size_t k) const {
  std::vector<Candidate> out;
  if (k == 0) return out;
  // The query's keys (outside the lock): every rule's, the last family-name part's even when it
  // is the only part, and that part's among the first parts.
  const auto& rules = default_blocking_rules();
  std::vector<std::pair<size_t, uint32_t>> keys;  // rule, key
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string key = rules[i].key(query);
    if (key.empty()) continue;
    keys.emplace_back(i, hash_key(i, key));
    if (i == family_rules().last && query.family.parts.size() > 1)
      keys.emplace_back(family_rules().first, hash_key(family_rules().first, key));
  }
  const RecordView q = view(query);

  std::shared_lock lock = read_lock();
  const Tables& t = *tables_;
  // Each list's records, with the list's weight: how selective its key is, in bits,
  // log2(records / list length). A record found through several lists gets their sum.
  std::vector<uint32_t> found;
  std::vector<std::pair<uint32_t, float>> hits;  // handle, weight
  const double records = static_cast<double>(t.offsets.size()) + 1;
  for (const auto& [rule, key] : keys) {
    found.clear();
    const size_t total = t.rules[rule].find(key, options_.max_postings_per_key, found);
    if (found.empty()) continue;
    const auto weight = static_cast<float>(std::log2(records / static_cast<double>(total)));
    for (uint32_t h : found) hits.emplace_back(h, weight);
  }
  // The visited set: a handle found through several keys is scored once.
  std::sort(hits.begin(), hits.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t distinct = 0;
  for (size_t i = 0; i < hits.size(); ++i) {
    if (distinct > 0 && hits[distinct - 1].first == hits[i].first)
      hits[distinct - 1].second += hits[i].second;
    else
      hits[distinct++] = hits[i];
  }
  hits.resize(distinct);
  // Too many to score: keep those with the most shared evidence.
  if (hits.size() > options_.max_candidates) {
    std::nth_element(hits.begin(),
                     hits.begin() + static_cast<std::ptrdiff_t>(options_.max_candidates),
                     hits.end(), [](const auto& a, const auto& b) {
                       return a.second != b.second ? a.second > b.second : a.first < b.first;
                     });
    hits.resize(options_.max_candidates);
  }
  std::vector<uint32_t> handles;
  handles.reserve(hits.size());
  for (const auto& [h, w] : hits) handles.push_back(h);

  out.reserve(handles.size());
  // Each record is a cache miss or two away (its offset, then its bytes): fetch them ahead of
  // use, the offsets 16 records ahead and the bytes 8 ahead, so the misses overlap.
  constexpr size_t kOffsetsAhead = 16, kBytesAhead = 8;
  for (size_t i = 0; i < std::min(handles.size(), kOffsetsAhead); ++i)
    prefetch(&t.offsets[handles[i]]);
  for (size_t i = 0; i < std::min(handles.size(), kBytesAhead); ++i) prefetch(t.packed(handles[i]));
  for (size_t i = 0; i < handles.size(); ++i) {
    if (i + kOffsetsAhead < handles.size()) prefetch(&t.offsets[handles[i + kOffsetsAhead]]);
    if (i + kBytesAhead < handles.size()) {
      const char* ahead = t.packed(handles[i + kBytesAhead]);
      prefetch(ahead);
      prefetch(ahead + 64);
    }
    const uint32_t h = handles[i];
    const RecordView r = unpack(t.packed(h));
    Candidate c;
    c.handle = h;
    c.comparison = compare(q, r, nicknames_);
    c.score = score(model_, c.comparison, q, r);
    out.push_back(std::move(c));
  }

  const size_t keep = std::min(k, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    better);
  out.resize(keep);
  for (Candidate& c : out) c.id = t.view(c.handle).id;
  return out;
}

std::vector<Contribution> PersonIndex::explain(const MatchRecord& query,
                                               const Candidate& candidate) const {
  std::shared_lock lock = read_lock();
  return match::explain(model_, candidate.comparison, view(query), tables_->view(candidate.handle));
}

MatchRecord PersonIndex::record(uint32_t handle) const {
  std::shared_lock lock = read_lock();
  return to_record(tables_->view(handle));
}

std::vector<size_t> PersonIndex::list_sizes(const MatchRecord& query) const {
  const auto& rules = default_blocking_rules();
  std::vector<size_t> out(rules.size(), 0);
  std::shared_lock lock = read_lock();
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string key = rules[i].key(query);
    if (!key.empty()) out[i] = tables_->rules[i].count(hash_key(i, key));
  }
  return out;
}

size_t PersonIndex::size() const {
  std::shared_lock lock = read_lock();
  return tables_->offsets.size();
}

size_t PersonIndex::key_count() const {
  std::shared_lock lock = read_lock();
  size_t n = 0;
  for (const RuleTable& r : tables_->rules) n += r.key_count();
  return n;
}

size_t PersonIndex::memory_bytes() const {
  std::shared_lock lock = read_lock();
  const Tables& t = *tables_;
  size_t b = t.blocks.size() * kBlockBytes + 8 * t.offsets.capacity();
  for (const RuleTable& r : t.rules) b += r.bytes();
  return b;
}

}  // namespace mash::match
