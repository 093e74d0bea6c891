// The person index benchmark (issue 3; not a test): build a PersonIndex from a population CSV
// file, then look up corrupted records of people in it, one at a time, and measure.
//
//   mash_bench_index --population FILE --queries FILE [--threads 2] [--k 10]
//                    [--train 50000] [--datasets DIR] [--lookup-threads 1]
//
// The files are `mash synth population` and `mash synth queries` output (synth/population.h):
// a header, then one person a row; each query names the person it describes (true_id).
//
//   1. model: trained as `mash match link` trains one (blocking, u from random pairs, m by EM),
//      on a separate small population from the same generator (seed + 1000, --train people)
//      linked with corrupted records of its people: the index's own data has one record a
//      person, and EM learns nothing about matches from a file without any.
//   2. build (timed): the population file read in 8 MiB chunks; `--threads` threads parse and
//      normalise chunks (make_match_record) and hand them, in file order, to the index's bulk
//      loader; then Loader::finish(). Time from opening the file to a searchable index, and the
//      process's peak resident memory (VmHWM) then and at the end.
//   3. lookups: every query read and normalised first (not timed), then looked up one at a time
//      on one thread (or --lookup-threads at once), each timed from the call to its return:
//      p50, p95, p99 and max; recall@10 (the true person among the first k) and recall@1, in
//      all and by corruption.
// Prints a table and a machine line "RESULT key=value …".
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cli/person_csv.h"
#include "match/blocking.h"
#include "match/index.h"
#include "match/nicknames.h"
#include "match/record.h"
#include "match/scoring.h"
#include "synth/population.h"

namespace {

using namespace mash;
using namespace mash::match;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Peak and current resident memory of this process, in bytes (from /proc/self/status).
size_t status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0)
      return std::strtoull(line.c_str() + std::strlen(field), nullptr, 10);
  return 0;
}
double peak_gib() { return static_cast<double>(status_kb("VmHWM:")) / (1024.0 * 1024.0); }
double resident_gib() { return static_cast<double>(status_kb("VmRSS:")) / (1024.0 * 1024.0); }

// Splits one CSV line (no quotes: the generator writes none; a quote is an error).
void split(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  if (line.find('"') != std::string_view::npos)
    throw std::runtime_error("quoted fields are not supported by this benchmark's reader");
  size_t start = 0;
  for (;;) {
    const size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      out.push_back(line.substr(start));
      return;
    }
    out.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

// Column positions, by name, of the fields a record needs.
struct Columns {
  int id = -1, given = -1, family = -1, dob = -1, sex = -1, postcode = -1, address = -1, town = -1,
      nhs = -1, true_id = -1, corruptions = -1;
};

Columns columns_of(std::string_view header, bool query) {
  std::vector<std::string_view> names;
  if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
  split(header, names);
  Columns c;
  for (int i = 0; i < static_cast<int>(names.size()); ++i) {
    const std::string_view n = names[i];
    if (n == (query ? "query_id" : "id")) c.id = i;
    if (n == "given_name") c.given = i;
    if (n == "family_name") c.family = i;
    if (n == "date_of_birth") c.dob = i;
    if (n == "sex") c.sex = i;
    if (n == "postcode") c.postcode = i;
    if (n == "address") c.address = i;
    if (n == "town") c.town = i;
    if (n == "nhs_number") c.nhs = i;
    if (n == "true_id") c.true_id = i;
    if (n == "corruptions") c.corruptions = i;
  }
  if (c.id < 0 || c.given < 0 || c.family < 0 || c.dob < 0)
    throw std::runtime_error("the header lacks id, given_name, family_name or date_of_birth");
  if (query && (c.true_id < 0 || c.corruptions < 0))
    throw std::runtime_error("a queries file needs true_id and corruptions columns");
  return c;
}

PersonFields fields_of(const std::vector<std::string_view>& f, const Columns& c) {
  auto at = [&f](int i) {
    return i >= 0 && i < static_cast<int>(f.size()) ? std::string(f[i]) : std::string();
  };
  PersonFields p;
  p.id = at(c.id);
  p.given_name = at(c.given);
  p.family_name = at(c.family);
  p.date_of_birth = at(c.dob);
  p.sex = at(c.sex);
  p.postcode = at(c.postcode);
  p.address = at(c.address);
  p.town = at(c.town);
  p.nhs_number = at(c.nhs);
  return p;
}

PersonFields fields_of(const synth::PersonRecord& r) {
  PersonFields p;
  p.id = r.id;
  p.given_name = r.given_name;
  p.family_name = r.family_name;
  p.date_of_birth = r.date_of_birth;
  p.sex = r.sex;
  p.postcode = r.postcode;
  p.address = r.address;
  p.town = r.town;
  p.nhs_number = r.nhs_number;
  return p;
}

// 1. The model, from a separate training population (see the file comment).
Model train_model(uint64_t people, const NicknameTable& nicknames) {
  const synth::Population training(1000 + 1, Date{2026, 11, 24});
  std::vector<MatchRecord> left, right;
  for (uint64_t i = 0; i < people; ++i)
    left.push_back(make_match_record(fields_of(training.person(i))));
  for (uint64_t q = 0; q < people; ++q)
    right.push_back(make_match_record(fields_of(training.query(q, people).record)));
  const Candidates c = block_link(left, right);
  return train(left, right, false, c.pairs, nicknames);
}

struct BuildFigures {
  size_t records = 0;
  double seconds = 0;
};

// 2. Streams the population file into the index's bulk loader with `threads` workers.
BuildFigures build(PersonIndex& index, const std::string& path, unsigned threads) {
  const auto start = Clock::now();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string header;
  if (!std::getline(in, header)) throw std::runtime_error(path + " is empty");
  const Columns cols = columns_of(header, false);

  // Chunks of whole lines; each worker takes the next chunk, normalises it, then waits for its
  // turn to hand the batch to the loader so that handles follow the file's order.
  std::mutex read_mutex, turn_mutex;
  std::condition_variable turn_changed;
  uint64_t next_chunk = 0, next_turn = 0;
  std::string carry;
  bool eof = false;
  std::atomic<size_t> records{0};
  std::exception_ptr failure;
  PersonIndex::Loader loader = index.loader();

  auto read_chunk = [&](std::string& text, uint64_t& number) -> bool {
    std::lock_guard lock(read_mutex);
    if (eof && carry.empty()) return false;
    text = std::move(carry);
    carry.clear();
    const size_t have = text.size();
    text.resize(have + (8u << 20));
    in.read(text.data() + have, static_cast<std::streamsize>(8u << 20));
    text.resize(have + static_cast<size_t>(in.gcount()));
    if (in.gcount() == 0) eof = true;
    if (!eof) {
      const size_t last = text.rfind('\n');
      if (last == std::string::npos) {
        carry = std::move(text);
        text.clear();
      } else {
        carry = text.substr(last + 1);
        text.resize(last + 1);
      }
    }
    number = next_chunk++;
    return true;
  };

  auto work = [&] {
    try {
      std::string text;
      uint64_t number = 0;
      std::vector<std::string_view> f;
      std::vector<MatchRecord> batch;
      while (read_chunk(text, number)) {
        batch.clear();
        std::string_view rest = text;
        while (!rest.empty()) {
          const size_t nl = rest.find('\n');
          std::string_view line = rest.substr(0, nl);
          rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
          if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
          if (line.empty()) continue;
          split(line, f);
          batch.push_back(make_match_record(fields_of(f, cols)));
        }
        std::unique_lock lock(turn_mutex);
        turn_changed.wait(lock, [&] { return next_turn == number; });
        loader.add(batch);
        records += batch.size();
        ++next_turn;
        turn_changed.notify_all();
        if (records / 1'000'000 != (records - batch.size()) / 1'000'000)
          std::fprintf(stderr, "\r  %zu records loaded", records.load());
      }
    } catch (...) {
      std::lock_guard lock(turn_mutex);
      if (!failure) failure = std::current_exception();
      next_turn = UINT64_MAX;  // releases the others; their batches are lost, the run fails
      turn_changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) pool.emplace_back(work);
  for (std::thread& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);
  std::fprintf(stderr, "\r  %zu records loaded; sorting the keys\n", records.load());
  loader.finish(threads);
  return {records.load(), seconds_since(start)};
}

struct Query {
  MatchRecord record;
  std::string true_id;
  std::vector<std::string> corruptions;
};

std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(path + " is empty");
  const Columns cols = columns_of(line, true);
  std::vector<Query> out;
  std::vector<std::string_view> f;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    split(line, f);
    Query q;
    q.record = make_match_record(fields_of(f, cols));
    q.true_id = std::string(f.at(static_cast<size_t>(cols.true_id)));
    std::string_view c = f.at(static_cast<size_t>(cols.corruptions));
    while (!c.empty()) {
      const size_t sp = c.find(' ');
      q.corruptions.emplace_back(c.substr(0, sp));
      c = sp == std::string_view::npos ? std::string_view() : c.substr(sp + 1);
    }
    out.push_back(std::move(q));
  }
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  std::string population, queries_path, datasets = "/work/shared/datasets";
  unsigned threads = 2, lookup_threads = 1;
  size_t k = 10;
  uint64_t train_people = 50'000;
  bool diagnose = false;
  PersonIndexOptions index_options;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--population")
        population = value();
      else if (a == "--queries")
        queries_path = value();
      else if (a == "--threads")
        threads = static_cast<unsigned>(std::stoul(value()));
      else if (a == "--lookup-threads")
        lookup_threads = static_cast<unsigned>(std::stoul(value()));
      else if (a == "--k")
        k = std::stoul(value());
      else if (a == "--train")
        train_people = std::stoull(value());
      else if (a == "--datasets")
        datasets = value();
      else if (a == "--diagnose")
        diagnose = true;
      else if (a == "--max-candidates")
        index_options.max_candidates = std::stoul(value());
      else if (a == "--cap")
        index_options.max_postings_per_key = std::stoul(value());
      else {
        std::fprintf(stderr, "unknown option %s\n", a.c_str());
        return 2;
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "mash_bench_index: %s\n", e.what());
      return 2;
    }
  }
  if (population.empty() || queries_path.empty()) {
    std::fprintf(stderr,
                 "usage: mash_bench_index --population FILE --queries FILE [--threads 2] [--k 10]"
                 " [--train 50000] [--lookup-threads 1] [--datasets DIR]\n");
    return 2;
  }
  try {
    const std::optional<NicknameTable> from_file =
        mash::cli::read_nickname_file(datasets + "/nicknames/names.csv");
    const NicknameTable& nicknames = from_file ? *from_file : NicknameTable::common_english();

    auto t0 = Clock::now();
    const Model model = train_model(train_people, nicknames);
    const double train_s = seconds_since(t0);
    const double peak_before = peak_gib();
    std::printf("model: trained on %llu + %llu records in %.1f s (EM %d iterations)\n",
                static_cast<unsigned long long>(train_people),
                static_cast<unsigned long long>(train_people), train_s, model.em_iterations);

    PersonIndex index(model, nicknames, index_options);
    std::printf("index: at most %zu records read from a key's list, %zu scored a lookup\n",
                index_options.max_postings_per_key, index_options.max_candidates);
    const BuildFigures built = build(index, population, threads);
    const double peak_after_build = peak_gib(), rss_after_build = resident_gib();
    std::printf("build: %zu records in %.1f s with %u threads (%.0f records/s); %zu keys\n",
                built.records, built.seconds, threads,
                static_cast<double>(built.records) / built.seconds, index.key_count());
    std::printf(
        "memory: index holds %.2f GiB; process resident %.2f GiB, peak %.2f GiB "
        "(%.2f GiB before the build)\n",
        static_cast<double>(index.memory_bytes()) / (1024.0 * 1024 * 1024), rss_after_build,
        peak_after_build, peak_before);

    const std::vector<Query> queries = read_queries(queries_path);
    std::vector<double> latency_ms(queries.size());
    std::vector<int> rank(queries.size(), 0);
    std::atomic<size_t> next{0};
    const auto lookups_start = Clock::now();
    auto look = [&] {
      for (size_t i; (i = next++) < queries.size();) {
        const auto s = Clock::now();
        const std::vector<Candidate> found = index.lookup(queries[i].record, k);
        latency_ms[i] = seconds_since(s) * 1000;
        for (size_t r = 0; r < found.size(); ++r)
          if (found[r].id == queries[i].true_id) {
            rank[i] = static_cast<int>(r) + 1;
            break;
          }
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < std::max(1u, lookup_threads); ++t) pool.emplace_back(look);
    look();
    for (std::thread& th : pool) th.join();
    const double lookups_s = seconds_since(lookups_start);

    size_t found_k = 0, found_1 = 0;
    std::map<std::string, std::pair<size_t, size_t>> by_corruption;  // name -> (found, total)
    for (size_t i = 0; i < queries.size(); ++i) {
      found_k += rank[i] > 0;
      found_1 += rank[i] == 1;
      for (const std::string& c : queries[i].corruptions) {
        by_corruption[c].first += rank[i] > 0;
        by_corruption[c].second += 1;
      }
    }
    const double n = static_cast<double>(queries.size());
    double mean = 0;
    for (double l : latency_ms) mean += l;
    mean /= std::max(1.0, n);
    const double p50 = percentile(latency_ms, 0.50), p95 = percentile(latency_ms, 0.95),
                 p99 = percentile(latency_ms, 0.99), max = percentile(latency_ms, 1.0);
    std::printf("lookups: %zu on %u thread(s) in %.1f s (%.0f/s)\n", queries.size(), lookup_threads,
                lookups_s, n / lookups_s);
    std::printf(
        "  latency ms: mean %.2f  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f  (target p99 <= 5)\n",
        mean, p50, p95, p99, max);
    std::printf("  recall@%zu %.4f  recall@1 %.4f  (target recall@10 >= 0.99)\n", k,
                static_cast<double>(found_k) / n, static_cast<double>(found_1) / n);
    for (const auto& [name, counts] : by_corruption)
      std::printf("    %-22s recall@%zu %.4f (%zu of %zu)\n", name.c_str(), k,
                  static_cast<double>(counts.first) / static_cast<double>(counts.second),
                  counts.first, counts.second);
    if (diagnose) {
      // Per rule: how long the query's list is (before the cap), mean and p99 over the queries;
      // and for each query the true person missed, whether blocking found it at all.
      const auto& rules = default_blocking_rules();
      std::vector<std::vector<double>> sizes(rules.size());
      for (const Query& q : queries) {
        const auto s = index.list_sizes(q.record);
        for (size_t r = 0; r < rules.size(); ++r)
          if (s[r] > 0) sizes[r].push_back(static_cast<double>(s[r]));
      }
      std::printf("  lists per rule (queries with the key: mean, p99 length):\n");
      for (size_t r = 0; r < rules.size(); ++r) {
        double m = 0;
        for (double x : sizes[r]) m += x;
        std::printf("    %-55s %5zu  %8.0f  %8.0f\n", rules[r].name.c_str(), sizes[r].size(),
                    sizes[r].empty() ? 0 : m / static_cast<double>(sizes[r].size()),
                    percentile(sizes[r], 0.99));
      }
      size_t not_candidate = 0, ranked_low = 0;
      std::map<std::string, std::pair<size_t, size_t>> miss;  // corruption -> (not found, low)
      for (size_t i = 0; i < queries.size(); ++i) {
        if (rank[i] > 0) continue;
        const auto all = index.lookup(queries[i].record, SIZE_MAX);
        size_t r = 0;
        while (r < all.size() && all[r].id != queries[i].true_id) ++r;
        const bool found = r < all.size();
        (found ? ranked_low : not_candidate) += 1;
        if (std::getenv("MASH_BENCH_SHOW_MISSES") && ranked_low + not_candidate <= 20) {
          // Synthetic people only: the files are the generator's.
          auto show = [](const char* what, const MatchRecord& r, double w) {
            std::printf("      %-6s %-22s %-22s %s %-8s %-30s %-14s %+.1f\n", what,
                        r.given.full.c_str(), r.family.full.c_str(),
                        r.date_of_birth ? to_iso(*r.date_of_birth).c_str() : "----------",
                        r.postcode.c_str(), r.address.c_str(), r.town.c_str(), w);
          };
          std::printf(
              "    miss %s (%s), true rank %zu of %zu\n", queries[i].true_id.c_str(),
              [&] {
                std::string c;
                for (auto& x : queries[i].corruptions) c += x + " ";
                return c;
              }()
                  .c_str(),
              found ? r + 1 : 0, all.size());
          show("query", queries[i].record, 0);
          const uint32_t truth = static_cast<uint32_t>(std::stoul(queries[i].true_id.substr(1)));
          show("truth", index.record(truth), found ? all[r].score.match_weight : 0);
          if (!all.empty()) show("top", index.record(all[0].handle), all[0].score.match_weight);
        }
        for (const std::string& c : queries[i].corruptions)
          (found ? miss[c].second : miss[c].first) += 1;
      }
      std::printf("  misses: %zu not among the candidates, %zu ranked below %zu\n", not_candidate,
                  ranked_low, k);
      for (const auto& [name, m] : miss)
        std::printf("    %-22s not a candidate %zu, ranked low %zu\n", name.c_str(), m.first,
                    m.second);
    }
    std::printf(
        "RESULT engine=mash people=%zu queries=%zu build_s=%.1f peak_gib=%.2f "
        "index_gib=%.2f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f "
        "recall_at_%zu=%.4f recall_at_1=%.4f\n",
        built.records, queries.size(), built.seconds, peak_gib(),
        static_cast<double>(index.memory_bytes()) / (1024.0 * 1024 * 1024), p50, p95, p99, max, k,
        static_cast<double>(found_k) / n, static_cast<double>(found_1) / n);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mash_bench_index: %s\n", e.what());
    return 1;
  }
  return 0;
}
