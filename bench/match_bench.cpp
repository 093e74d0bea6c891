// The pair scoring throughput benchmark (issue 3; not a test): how many candidate pairs one core
// compares and scores per second — match::compare() then match::score(), the per-pair work of
// `mash match link` once blocking and training are done.
//
//   mash_bench_match [--datasets DIR] [--seconds 3] [--grid 2000]
//
// Loads FEBRL 4 (A and B, 5,000 records each) from DIR/febrl4, builds the match records, blocks
// (link) and trains the model as `mash match link` does (timed and reported, but not the measured
// part), then measures on one thread:
//   1. candidates: every pair blocking found (~14 thousand, most of them true matches), scored
//      pass after pass until at least --seconds have passed;
//   2. grid: every pair of the first N records of A and the first N of B (N = --grid, 2,000:
//      4 million pairs, almost all non-matches, as a real scorer mostly sees), likewise — a
//      working set too large to be flattered by a hot cache of a few thousand pairs;
//   3. the candidates again, split: compare() alone, then score() alone on the stored comparisons.
// Prints a table, the target (1,000,000 pairs/s per core) and Splink's anchor (about 125,000 per
// vCPU on DuckDB), and a machine line "RESULT key=value …".
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/person_csv.h"
#include "match/blocking.h"
#include "match/nicknames.h"
#include "match/record.h"
#include "match/scoring.h"

namespace {

using namespace mash::match;
using Clock = std::chrono::steady_clock;

constexpr double kTarget = 1'000'000;      // issue 3: pairs per second per core
constexpr double kSplinkAnchor = 125'000;  // issue 3: Splink on DuckDB, per vCPU

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::vector<MatchRecord> load_records(const std::string& path) {
  auto records = mash::cli::read_match_records(path, {});
  if (!records) throw std::runtime_error(records.error().message);
  return std::move(records).value();
}

// The nicknames data set, as `mash match` loads it, else the built-in table.
NicknameTable load_nicknames(const std::string& datasets, std::string& source) {
  if (auto table = mash::cli::read_nickname_file(datasets + "/nicknames/names.csv")) {
    source = datasets + "/nicknames/names.csv";
    return std::move(*table);
  }
  source = "built-in table";
  return NicknameTable::common_english();
}

std::string default_datasets() {
  // ../shared/datasets beside the repository root when it is there, else /work/shared/datasets.
  const std::filesystem::path beside =
      std::filesystem::path(MASH_SOURCE_DIR).parent_path() / "shared" / "datasets";
  if (std::filesystem::exists(beside / "febrl4" / "dataset4a.csv")) return beside.string();
  return "/work/shared/datasets";
}

struct Measurement {
  uint64_t pairs = 0;
  int passes = 0;
  double wall = 0;
  double cpu = 0;
  double checksum = 0;         // keeps the work observable
  uint64_t at_least_half = 0;  // pairs with match probability >= 0.5, in one pass
  double per_second() const { return static_cast<double>(pairs) / wall; }
  double per_cpu_second() const { return static_cast<double>(pairs) / cpu; }
};

// Runs `pass` (which scores some pairs and returns how many) until `seconds` have passed.
template <typename Pass>
Measurement measure(double seconds, Pass pass) {
  Measurement m;
  const double cpu_start = thread_cpu_seconds();
  const auto start = Clock::now();
  do {
    m.pairs += pass(m);
    ++m.passes;
  } while (seconds_since(start) < seconds);
  m.wall = seconds_since(start);
  m.cpu = thread_cpu_seconds() - cpu_start;
  return m;
}

std::string thousands(double value) {
  std::string digits = std::to_string(static_cast<unsigned long long>(value + 0.5));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

int run(int argc, char** argv) {
  std::string datasets;
  double seconds = 3;
  size_t grid = 2000;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--datasets")
      datasets = value();
    else if (arg == "--seconds")
      seconds = std::stod(value());
    else if (arg == "--grid")
      grid = std::stoul(value());
    else if (arg == "--help" || arg == "-h") {
      std::printf("mash_bench_match [--datasets DIR] [--seconds 3] [--grid 2000]\n");
      return 0;
    } else
      throw std::runtime_error("unknown argument " + arg);
  }
  if (datasets.empty()) datasets = default_datasets();

  auto start = Clock::now();
  std::string nickname_source;
  const NicknameTable names = load_nicknames(datasets, nickname_source);
  const auto a = load_records(datasets + "/febrl4/dataset4a.csv");
  const auto b = load_records(datasets + "/febrl4/dataset4b.csv");
  const double load_seconds = seconds_since(start);
  start = Clock::now();
  const Candidates candidates = block_link(a, b);
  const double block_seconds = seconds_since(start);
  start = Clock::now();
  const Model model = train(a, b, false, candidates.pairs, names);
  const double train_seconds = seconds_since(start);
  const auto& pairs = candidates.pairs;
  grid = std::min({grid, a.size(), b.size()});

  std::printf("Pair scoring throughput (issue 3): FEBRL 4 from %s\n", datasets.c_str());
  std::printf("  nicknames: %zu names from %s\n", names.size(), nickname_source.c_str());
  std::printf("  load + normalise: %zu + %zu records, %.2f s\n", a.size(), b.size(), load_seconds);
  std::printf("  blocking (link):  %zu candidate pairs, %.3f s\n", pairs.size(), block_seconds);
  std::printf("  training:         EM %s after %d iterations, %.2f s (not measured below)\n",
              model.em_converged ? "converged" : "stopped", model.em_iterations, train_seconds);
  std::printf("  measuring: one thread, each set scored pass after pass for >= %.0f s\n\n",
              seconds);
  std::fflush(stdout);

  // 1. The candidate pairs.
  const Measurement cand = measure(seconds, [&](Measurement& m) {
    double sum = 0;
    uint64_t half = 0;
    for (const CandidatePair& p : pairs) {
      const Comparison c = compare(a[p.left], b[p.right], names);
      const Score s = score(model, c, a[p.left], b[p.right]);
      sum += s.match_weight;
      half += s.match_probability >= 0.5;
    }
    m.checksum += sum;
    m.at_least_half = half;
    return static_cast<uint64_t>(pairs.size());
  });

  // 2. Every pair of grid x grid records.
  const Measurement all = measure(seconds, [&](Measurement& m) {
    double sum = 0;
    uint64_t half = 0;
    for (size_t i = 0; i < grid; ++i)
      for (size_t j = 0; j < grid; ++j) {
        const Comparison c = compare(a[i], b[j], names);
        const Score s = score(model, c, a[i], b[j]);
        sum += s.match_weight;
        half += s.match_probability >= 0.5;
      }
    m.checksum += sum;
    m.at_least_half = half;
    return static_cast<uint64_t>(grid * grid);
  });

  // 3. The candidates split: compare() alone, then score() alone on stored comparisons.
  std::vector<Comparison> comparisons(pairs.size());
  const Measurement compare_only = measure(seconds, [&](Measurement& m) {
    for (size_t k = 0; k < pairs.size(); ++k)
      comparisons[k] = compare(a[pairs[k].left], b[pairs[k].right], names);
    m.checksum += comparisons.back().level[0];
    return static_cast<uint64_t>(pairs.size());
  });
  const Measurement score_only = measure(seconds, [&](Measurement& m) {
    double sum = 0;
    for (size_t k = 0; k < pairs.size(); ++k)
      sum += score(model, comparisons[k], a[pairs[k].left], b[pairs[k].right]).match_weight;
    m.checksum += sum;
    return static_cast<uint64_t>(pairs.size());
  });

  auto row = [](const char* label, const Measurement& m, const char* note) {
    std::printf("| %-34s | %12s | %6d | %6.2f | %12s | %12s | %7.3f | %-30s |\n", label,
                thousands(static_cast<double>(m.pairs)).c_str(), m.passes, m.wall,
                thousands(m.per_second()).c_str(), thousands(m.per_cpu_second()).c_str(),
                1e6 / m.per_cpu_second(), note);
  };
  std::printf("| %-34s | %12s | %6s | %6s | %12s | %12s | %7s | %-30s |\n",
              "pair set (compare + score)", "pairs", "passes", "wall s", "pairs/s", "pairs/cpu-s",
              "us/pair", "matches");
  std::printf("|%s|%s:|%s:|%s:|%s:|%s:|%s:|%s|\n", std::string(36, '-').c_str(),
              std::string(13, '-').c_str(), std::string(7, '-').c_str(),
              std::string(7, '-').c_str(), std::string(13, '-').c_str(),
              std::string(13, '-').c_str(), std::string(8, '-').c_str(),
              std::string(32, '-').c_str());
  char note[128];
  std::snprintf(note, sizeof note, "%s of %s at p >= 0.5",
                thousands(static_cast<double>(cand.at_least_half)).c_str(),
                thousands(static_cast<double>(pairs.size())).c_str());
  row("FEBRL 4 candidates (blocked)", cand, note);
  std::snprintf(note, sizeof note, "%s of %s at p >= 0.5",
                thousands(static_cast<double>(all.at_least_half)).c_str(),
                thousands(static_cast<double>(grid * grid)).c_str());
  char grid_label[64];
  std::snprintf(grid_label, sizeof grid_label, "all pairs, %zu A x %zu B", grid, grid);
  row(grid_label, all, note);
  row("  candidates: compare() only", compare_only, "");
  row("  candidates: score() only", score_only, "");

  std::printf("\n  target (issue 3):         %s pairs/s per core\n", thousands(kTarget).c_str());
  std::printf("  Splink on DuckDB anchor:  about %s pairs/s per vCPU\n",
              thousands(kSplinkAnchor).c_str());
  auto verdict = [](const char* label, double rate) {
    std::printf("  %-25s %.2fx the target (%s), %.1fx Splink's anchor\n", label, rate / kTarget,
                rate >= kTarget ? "met" : "missed", rate / kSplinkAnchor);
  };
  verdict("candidates:", cand.per_cpu_second());
  verdict("all pairs (grid):", all.per_cpu_second());
  std::printf("  (checksum %.6g)\n",
              cand.checksum + all.checksum + compare_only.checksum + score_only.checksum);
  std::printf(
      "RESULT bench=match_scoring candidate_pairs=%zu candidates_pairs_per_s=%.0f "
      "candidates_pairs_per_cpu_s=%.0f grid_pairs=%zu grid_pairs_per_s=%.0f "
      "grid_pairs_per_cpu_s=%.0f compare_only_per_s=%.0f score_only_per_s=%.0f "
      "train_s=%.2f target=%.0f splink_anchor=%.0f met=%s\n",
      pairs.size(), cand.per_second(), cand.per_cpu_second(), grid * grid, all.per_second(),
      all.per_cpu_second(), compare_only.per_second(), score_only.per_second(), train_seconds,
      kTarget, kSplinkAnchor,
      std::min(cand.per_cpu_second(), all.per_cpu_second()) >= kTarget ? "yes" : "no");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mash_bench_match: %s\n", e.what());
    return 2;
  }
}
