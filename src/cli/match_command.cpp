#include "cli/match_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "cli/csv.h"
#include "cli/person_csv.h"
#include "match/blocking.h"
#include "match/nicknames.h"
#include "match/record.h"
#include "match/scoring.h"

namespace mash::cli {
namespace {

using namespace mash::match;
using Clock = std::chrono::steady_clock;

struct MatchInputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string id_column;
  std::vector<std::string> map;  // field=column[+column…]
  double threshold = 0.5;
  bool explain = false;
  std::string datasets;
  std::string nicknames_file;
};

std::vector<MatchRecord> load_records(const std::string& path, const Options& options) {
  auto records = read_match_records(path, {options.id_column, options.map});
  if (!records) throw MatchInputError(records.error().message);
  return std::move(records).value();
}

// The nicknames data set when it can be found, else the built-in table.
const NicknameTable& nicknames(const Options& options) {
  static std::unique_ptr<NicknameTable> loaded;
  if (loaded) return *loaded;
  std::vector<std::string> candidates;
  if (!options.nicknames_file.empty()) candidates.push_back(options.nicknames_file);
  if (!options.datasets.empty()) candidates.push_back(options.datasets + "/nicknames/names.csv");
  candidates.push_back("/work/shared/datasets/nicknames/names.csv");
  candidates.push_back("../shared/datasets/nicknames/names.csv");
  for (const std::string& path : candidates) {
    auto table = read_nickname_file(path);
    if (!table) continue;
    loaded = std::make_unique<NicknameTable>(std::move(*table));
    std::cerr << "Nicknames: " << loaded->size() << " names from " << path << "\n";
    return *loaded;
  }
  return NicknameTable::common_english();
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct ScoredPair {
  uint32_t left, right;
  Score score;
};

struct MatchRun {
  std::vector<ScoredPair> pairs;  // every candidate, scored
  Model model;
  double seconds = 0;
};

// Blocks, trains and scores, reporting progress on standard error.
MatchRun run_matching(const std::vector<MatchRecord>& left, const std::vector<MatchRecord>& right,
                      bool dedupe, const NicknameTable& names) {
  const auto start = Clock::now();
  MatchRun run;
  Candidates candidates = dedupe ? block_dedupe(left) : block_link(left, right);
  std::cerr << "Blocking: " << candidates.pairs.size() << " candidate pairs ("
            << seconds_since(start) << " s)\n";
  for (const auto& rule : candidates.report.rules)
    std::cerr << "  " << rule.name << ": " << rule.generated << " pairs, " << rule.new_pairs
              << " new\n";
  run.model = train(left, right, dedupe, candidates.pairs, names);
  std::cerr << "Training: EM " << (run.model.em_converged ? "converged" : "stopped") << " after "
            << run.model.em_iterations << " iterations; prior " << run.model.prior_log2_odds
            << " bits (" << seconds_since(start) << " s)\n";
  run.pairs.reserve(candidates.pairs.size());
  for (const CandidatePair& p : candidates.pairs) {
    const Comparison c = compare(left[p.left], right[p.right], names);
    run.pairs.push_back({p.left, p.right, score(run.model, c, left[p.left], right[p.right])});
  }
  run.seconds = seconds_since(start);
  std::cerr << "Scoring: " << run.pairs.size() << " pairs (" << run.seconds << " s in all)\n";
  return run;
}

void print_model(const Model& model) {
  for (size_t f = 0; f < kFieldCount; ++f)
    for (size_t l = 0; l < model.m[f].size(); ++l) {
      char line[200];
      std::snprintf(line, sizeof line, "  m %.4f  u %.6f  %s\n", model.m[f][l], model.u[f][l],
                    words(static_cast<Field>(f), static_cast<int>(l)).c_str());
      std::cerr << line;
    }
}

void write_pairs(const MatchRun& run, const std::vector<MatchRecord>& left,
                 const std::vector<MatchRecord>& right, const Options& options,
                 const NicknameTable& names) {
  std::cout << "unique_id_l,unique_id_r,match_weight,match_probability"
            << (options.explain ? ",explanation" : "") << "\n";
  auto quoted = [](const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  for (const ScoredPair& p : run.pairs) {
    if (p.score.match_probability < options.threshold) continue;
    char numbers[64];
    std::snprintf(numbers, sizeof numbers, "%.4f,%.6f", p.score.match_weight,
                  p.score.match_probability);
    std::cout << quoted(left[p.left].id) << "," << quoted(right[p.right].id) << "," << numbers;
    if (options.explain) {
      std::string text;
      const Comparison c = compare(left[p.left], right[p.right], names);
      for (const Contribution& part : explain(run.model, c, left[p.left], right[p.right]))
        text += (text.empty() ? "" : "; ") + part.text();
      std::cout << "," << quoted(text);
    }
    std::cout << "\n";
  }
}

// ----- eval ------------------------------------------------------------------------------------

struct Accuracy {
  double threshold, precision, recall, f1;
  uint64_t true_positives, false_positives;
};

Accuracy accuracy_at(uint64_t tp, uint64_t fp, uint64_t truth, double threshold) {
  Accuracy a{threshold, 0, 0, 0, tp, fp};
  a.precision = tp + fp > 0 ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1;
  a.recall = truth > 0 ? static_cast<double>(tp) / static_cast<double>(truth) : 1;
  a.f1 = a.precision + a.recall > 0 ? 2 * a.precision * a.recall / (a.precision + a.recall) : 0;
  return a;
}

// Pairwise accuracy at `threshold` and at the threshold with the best F1.
std::pair<Accuracy, Accuracy> evaluate(std::vector<std::pair<double, bool>> scored, uint64_t truth,
                                       double threshold) {
  std::sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first > b.first; });
  uint64_t tp = 0, fp = 0;
  Accuracy at_default = accuracy_at(0, 0, truth, threshold);
  Accuracy best = at_default;
  for (size_t i = 0; i < scored.size(); ++i) {
    (scored[i].second ? tp : fp) += 1;
    if (i + 1 < scored.size() && scored[i + 1].first == scored[i].first) continue;  // ties
    const Accuracy a = accuracy_at(tp, fp, truth, scored[i].first);
    if (scored[i].first >= threshold) at_default = accuracy_at(tp, fp, truth, threshold);
    if (a.f1 > best.f1) best = a;
  }
  return {at_default, best};
}

void print_accuracy(const char* label, const Accuracy& a) {
  std::printf("  %-26s P %.4f  R %.4f  F1 %.4f  (TP %llu, FP %llu, threshold %.4g)\n", label,
              a.precision, a.recall, a.f1, static_cast<unsigned long long>(a.true_positives),
              static_cast<unsigned long long>(a.false_positives), a.threshold);
}

std::string find_datasets(const std::string& given) {
  if (!given.empty()) return given;
  for (const char* path : {"/work/shared/datasets", "../shared/datasets"})
    if (std::filesystem::exists(std::string(path) + "/febrl4/dataset4a.csv")) return path;
  throw MatchInputError("Cannot find the data sets: give --datasets DIR");
}

int run_eval(Options options) {
  options.datasets = find_datasets(options.datasets);
  const NicknameTable& names = nicknames(options);
  const Options plain;  // one configuration for every data set: recognised columns only

  // FEBRL 4: rec-N-org in A matches rec-N-dup-0 in B.
  {
    std::printf("FEBRL 4 (link, 5,000 x 5,000; 5,000 true pairs)\n");
    const auto a = load_records(options.datasets + "/febrl4/dataset4a.csv", plain);
    const auto b = load_records(options.datasets + "/febrl4/dataset4b.csv", plain);
    auto number = [](const std::string& id) {
      const size_t first = id.find('-');
      return id.substr(first + 1, id.find('-', first + 1) - first - 1);
    };
    std::unordered_map<std::string, uint32_t> count_b;
    for (const auto& r : b) count_b[number(r.id)]++;
    uint64_t truth = 0;
    for (const auto& r : a) truth += count_b[number(r.id)];
    const MatchRun run = run_matching(a, b, false, names);
    std::vector<std::pair<double, bool>> scored;
    for (const auto& p : run.pairs)
      scored.push_back({p.score.match_probability, number(a[p.left].id) == number(b[p.right].id)});
    uint64_t blocked = 0;
    for (const auto& [probability, is_match] : scored) blocked += is_match;
    std::printf("  blocking found %llu of the %llu true pairs\n",
                static_cast<unsigned long long>(blocked), static_cast<unsigned long long>(truth));
    auto [at_default, best] = evaluate(scored, truth, options.threshold);
    print_accuracy("at probability 0.5:", at_default);
    print_accuracy("at best threshold:", best);
    std::printf("  Splink (published):        best F1 0.9998 (4,999 of 5,000 found, 1 FP)\n");
    std::printf("  time: %.2f s for %zu candidate pairs\n\n", run.seconds, run.pairs.size());
    if (std::getenv("MASH_MATCH_DEBUG")) print_model(run.model);
  }
  // fake_1000: records in one cluster are one person.
  {
    std::printf("fake_1000 (dedupe, 1,000 records)\n");
    const std::string path = options.datasets + "/fake_1000/fake_1000.csv";
    const auto records = load_records(path, plain);
    auto table = read_csv_file(path);
    const int cluster_column = table ? table->column("cluster") : -1;
    if (cluster_column < 0) throw MatchInputError(path + " has no cluster column");
    std::vector<std::string> cluster;
    std::unordered_map<std::string, uint64_t> sizes;
    for (const auto& row : table->rows) {
      cluster.push_back(row[cluster_column]);
      sizes[row[cluster_column]]++;
    }
    uint64_t truth = 0;
    for (const auto& [c, n] : sizes) truth += n * (n - 1) / 2;
    std::printf("  %llu true pairs in %zu clusters\n", static_cast<unsigned long long>(truth),
                sizes.size());
    const MatchRun run = run_matching(records, records, true, names);
    std::vector<std::pair<double, bool>> scored;
    for (const auto& p : run.pairs)
      scored.push_back({p.score.match_probability, cluster[p.left] == cluster[p.right]});
    uint64_t blocked = 0;
    for (const auto& [probability, is_match] : scored) blocked += is_match;
    std::printf("  blocking found %llu of the %llu true pairs\n",
                static_cast<unsigned long long>(blocked), static_cast<unsigned long long>(truth));
    auto [at_default, best] = evaluate(scored, truth, options.threshold);
    print_accuracy("at probability 0.5:", at_default);
    print_accuracy("at best threshold:", best);
    std::printf(
        "  Splink (published):        at 0.5 P 0.999 R 0.675; best F1 0.862 "
        "(P 0.964 R 0.779)\n");
    std::printf("  time: %.2f s for %zu candidate pairs\n", run.seconds, run.pairs.size());
    if (std::getenv("MASH_MATCH_DEBUG")) print_model(run.model);
  }
  return 0;
}

}  // namespace

void add_match_command(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto files = std::make_shared<std::vector<std::string>>();
  auto* match = app.add_subcommand("match", "Find the same person across CSV files (issue 3)");
  match->require_subcommand(1);
  auto add_common = [&](CLI::App* c) {
    c->add_option("--id", options->id_column, "Column of the record id (default: the first)");
    c->add_option("--map", options->map,
                  "field=column[+column], e.g. given_name=forename,address=line1+line2")
        ->delimiter(',');
    c->add_option("--threshold", options->threshold, "Lowest match probability to output")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 1.0));
    c->add_option("--nicknames", options->nicknames_file,
                  "Nicknames CSV (name1,relationship,name2); default: the data set if found");
  };
  auto* link = match->add_subcommand("link", "Link the records of two files: A x B");
  link->add_option("files", *files, "A.csv B.csv")->required()->expected(2);
  add_common(link);
  link->add_flag("--explain", options->explain, "Add each pair's explanation as a column");
  auto* dedupe = match->add_subcommand("dedupe", "Find records of one person within one file");
  dedupe->add_option("file", *files, "FILE.csv")->required()->expected(1);
  add_common(dedupe);
  dedupe->add_flag("--explain", options->explain, "Add each pair's explanation as a column");
  auto* eval = match->add_subcommand("eval", "Measure accuracy on FEBRL 4 and fake_1000");
  eval->add_option("--datasets", options->datasets,
                   "Folder of the data sets (default: /work/shared/datasets or "
                   "../shared/datasets)");

  auto run_files = [options, files](bool is_link) {
    try {
      const NicknameTable& names = nicknames(*options);
      const auto left = load_records((*files)[0], *options);
      std::cerr << "Read " << left.size() << " records from " << (*files)[0] << "\n";
      std::vector<MatchRecord> right;
      if (is_link) {
        right = load_records((*files)[1], *options);
        std::cerr << "Read " << right.size() << " records from " << (*files)[1] << "\n";
      }
      const std::vector<MatchRecord>& other = is_link ? right : left;
      const MatchRun run = run_matching(left, other, !is_link, names);
      write_pairs(run, left, other, *options, names);
    } catch (const MatchInputError& e) {
      std::cerr << "mash: " << e.what() << std::endl;
      throw CLI::RuntimeError(2);
    }
    throw CLI::Success();
  };
  link->callback([run_files] { run_files(true); });
  dedupe->callback([run_files] { run_files(false); });
  eval->callback([options] {
    try {
      run_eval(*options);
    } catch (const MatchInputError& e) {
      std::cerr << "mash: " << e.what() << std::endl;
      throw CLI::RuntimeError(2);
    }
    throw CLI::Success();
  });
}

}  // namespace mash::cli
