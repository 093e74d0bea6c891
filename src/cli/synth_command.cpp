#include "cli/synth_command.h"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <ctime>

#include "domain/london_time.h"
#include "synth/population.h"

namespace mash::cli {
namespace {

struct Options {
  uint64_t count = 1'000'000;
  uint64_t population = 0;  // queries: the size of the population they are about
  uint64_t seed = 1;
  std::string out;
  std::string today;  // ISO date; default: today's
  unsigned threads = 2;
  bool any_combination = false;
};

Date today_of(const Options& o) {
  if (o.today.empty())
    return to_london(Timestamp{static_cast<int64_t>(std::time(nullptr)), 0}).date;
  const auto d = parse_iso_date(o.today);
  if (!d) throw std::runtime_error("--today must be a date as 2026-11-24, not \"" + o.today + "\"");
  return *d;
}

// Writes `count` rows made by `row(i)` in order, `threads` threads making blocks of rows in
// parallel; a progress line on standard error every million rows.
template <typename Row>
void write_rows(const Options& o, const std::string& header, uint64_t count, Row row) {
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + o.out);
  out << header << '\n';
  constexpr uint64_t kBlock = 20'000;
  const unsigned threads = std::max(1u, o.threads);
  std::vector<std::string> blocks(threads);
  for (uint64_t start = 0; start < count; start += kBlock * threads) {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        std::string& text = blocks[t];
        text.clear();
        const uint64_t from = start + t * kBlock, to = std::min(count, from + kBlock);
        for (uint64_t i = from; i < to; ++i) {
          text += row(i);
          text += '\n';
        }
      });
    for (std::thread& th : pool) th.join();
    for (const std::string& b : blocks) out << b;
    const uint64_t done = std::min(count, start + kBlock * threads);
    if (done / 1'000'000 != (done - std::min(done, kBlock * threads)) / 1'000'000 || done == count)
      std::cerr << "\r" << done << " of " << count << " rows written" << std::flush;
  }
  std::cerr << "\n";
  out.close();
  if (!out) throw std::runtime_error("could not finish writing " + o.out);
}

}  // namespace

void add_synth_command(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* synth = app.add_subcommand(
      "synth", "Write synthetic people for matching benchmarks (never real people)");
  synth->require_subcommand(1);
  auto* population =
      synth->add_subcommand("population", "A population of invented people, one CSV row each");
  population->add_option("--count", o->count, "How many people")->capture_default_str();
  auto* queries = synth->add_subcommand(
      "queries", "Corrupted records of people of a population, with the true person's id");
  queries->add_option("--count", o->count, "How many queries")->capture_default_str();
  queries->add_option("--population", o->population, "The population's --count")->required();
  queries->add_flag("--any-combination", o->any_combination,
                    "Allow corruptions that leave a query unidentifiable (a new surname at a new "
                    "address, …); default: each query loses at most one of family name, date of "
                    "birth and address");
  for (CLI::App* c : {population, queries}) {
    c->add_option("--seed", o->seed, "The population's seed (the same for its queries)")
        ->capture_default_str();
    c->add_option("--out", o->out, "CSV file to write")->required();
    c->add_option("--today", o->today, "Date ages are counted to (default: today)");
    c->add_option("--threads", o->threads, "Threads")->capture_default_str();
  }
  auto run = [o](bool is_population) {
    try {
      const synth::Population people(o->seed, today_of(*o));
      if (is_population) {
        write_rows(*o, synth::Population::csv_header(), o->count,
                   [&people](uint64_t i) { return synth::Population::csv_row(people.person(i)); });
      } else {
        if (o->population == 0) throw std::runtime_error("--population must be at least 1");
        const uint64_t size = o->population;
        const bool identifiable = !o->any_combination;
        write_rows(*o, synth::Population::query_csv_header(), o->count,
                   [&people, size, identifiable](uint64_t q) {
                     return synth::Population::query_csv_row(people.query(q, size, identifiable));
                   });
      }
    } catch (const std::exception& e) {
      std::cerr << "mash: " << e.what() << std::endl;
      throw CLI::RuntimeError(2);
    }
    throw CLI::Success();
  };
  population->callback([run] { run(true); });
  queries->callback([run] { run(false); });
}

}  // namespace mash::cli
