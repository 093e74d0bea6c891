#include "app/person_matcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <unordered_set>

#include "match/blocking.h"
#include "match/index.h"
#include "match/record.h"
#include "match/scoring.h"
#include "store/persons.h"

namespace mash::app {

namespace {

match::PersonFields fields_of(std::string key, const Person& p) {
  match::PersonFields f;
  f.id = std::move(key);
  f.given_name = p.given_name;
  f.family_name = p.family_name;
  // An unborn child's expected date of delivery stands for the date of birth: it is never the
  // same as a born sibling's, and it is near the birth date of the same child once born.
  if (p.date_of_birth) f.date_of_birth = to_iso(*p.date_of_birth);
  f.postcode = p.address.postcode;
  f.address = p.address.line1;
  if (!p.address.line2.empty()) f.address += (f.address.empty() ? "" : " ") + p.address.line2;
  f.town = p.address.town;
  f.sex = std::string(code_of(p.sex));
  f.nhs_number = p.nhs_number;
  f.other_identifier = p.upn;
  return f;
}

match::MatchRecord source_record(const SourceRecord& r) {
  return match::make_match_record(fields_of("sr:" + std::to_string(r.id), r.person));
}

match::MatchRecord subject_record(const Subject& s) {
  return match::make_match_record(fields_of("cs:" + std::to_string(s.id), s));
}

}  // namespace

struct PersonMatcher::Built {
  Built(const match::Model& model, const match::NicknameTable& nicknames)
      : index(model, nicknames) {}
  match::PersonIndex index;
};

PersonMatcher::PersonMatcher(store::Database& db, const match::NicknameTable& nicknames,
                             size_t min_records)
    : db_(db), nicknames_(nicknames), min_records_(min_records) {}

PersonMatcher::~PersonMatcher() = default;

bool PersonMatcher::ensure_ready() {
  std::lock_guard lock(mutex_);
  if (built_)
    catch_up_locked();
  else
    build_locked();
  return built_ != nullptr;
}

std::string PersonMatcher::unavailable() const {
  std::lock_guard lock(mutex_);
  if (built_) return {};
  return "Person matching starts when the hub holds at least " + std::to_string(min_records_) +
         " records about people (agencies' records and contact subjects) to learn from; it "
         "holds " +
         std::to_string(records_seen_) + ".";
}

// At most this many records are blocked and compared to learn the model: blocking is quadratic
// within a block, and a sample of this size estimates m and u as well as the whole.
constexpr size_t kMaxTrainingRecords = 100'000;

// Reads every record, learns the model from them (blocking + EM, as `mash match dedupe` does,
// over a sample when there are many) and files them in a new index with its bulk loader, in
// batches, so that a large store is never held in memory twice. Logs counts and times only:
// never a record's content.
void PersonMatcher::build_locked() {
  const auto start = std::chrono::steady_clock::now();
  size_t sources = 0, subjects = 0;
  int64_t source_mark = 0, subject_mark = 0;
  auto built = std::make_shared<Built>(match::Model{}, nicknames_);
  std::vector<match::MatchRecord> sample, batch;
  double share = 1;
  {
    match::PersonIndex::Loader loader = built->index.loader();
    auto take = [&](match::MatchRecord r) {
      if (match::in_training_sample(r, share)) sample.push_back(r);
      batch.push_back(std::move(r));
      if (batch.size() == 10'000) {
        loader.add(batch);
        batch.clear();
      }
    };
    db_.read([&](store::Tx& tx) {
      records_seen_ = store::count_person_records(tx);
      if (records_seen_ < static_cast<int64_t>(min_records_)) return;
      share = std::min(
          1.0, static_cast<double>(kMaxTrainingRecords) / static_cast<double>(records_seen_));
      store::for_each_source_record(tx, 0, [&](const SourceRecord& r) {
        take(source_record(r));
        source_mark = r.id;
        ++sources;
      });
      store::for_each_subject(tx, 0, [&](const Subject& s, int64_t) {
        take(subject_record(s));
        subject_mark = s.id;
        ++subjects;
      });
    });
    loader.add(batch);
    if (sources + subjects < min_records_) {
      spdlog::info(
          "person index: {} records, fewer than the {} needed to learn a model; matching "
          "waits",
          records_seen_, min_records_);
      return;  // the unfinished index is dropped
    }
    records_seen_ = static_cast<int64_t>(sources + subjects);
    loader.finish(2);
  }
  const match::Candidates candidates =
      match::block_dedupe(sample, match::personal_blocking_rules());
  match::Model model = match::train(sample, sample, true, candidates.pairs, nicknames_);
  // The sample keeps a share s of the matches but only s² of the pairs: the prior over all
  // records' pairs is s times the sample's.
  if (share < 1) model.prior_log2_odds += std::log2(share);
  built->index.set_model(model);
  // The model's parameters (no record's content) for whoever investigates a match at debug level.
  if (spdlog::should_log(spdlog::level::debug))
    for (size_t f = 0; f < match::kFieldCount; ++f)
      for (size_t l = 0; l < model.m[f].size(); ++l)
        spdlog::debug("person index model: m {:.4f} u {:.6f} weight {:+.1f}  {}", model.m[f][l],
                      model.u[f][l], std::log2(model.m[f][l] / model.u[f][l]),
                      match::words(static_cast<match::Field>(f), static_cast<int>(l)));
  built_ = std::move(built);
  source_mark_ = source_mark;
  subject_mark_ = subject_mark;
  sources_added_.clear();
  subjects_added_.clear();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info(
      "person index: {} records ({} source records, {} contact subjects); model learnt from "
      "{} of them, {} candidate pairs, EM {} after {} iterations; built in {:.2f} s",
      built_->index.size(), sources, subjects, sample.size(), candidates.pairs.size(),
      model.em_converged ? "converged" : "stopped", model.em_iterations, seconds);
}

// Records stored since the index last looked, by anyone (another server process, the command
// line's import). Ids are read in order; one added by this process is not added twice.
void PersonMatcher::catch_up_locked() {
  std::vector<match::MatchRecord> records;
  int64_t source_mark = source_mark_, subject_mark = subject_mark_;
  db_.read([&](store::Tx& tx) {
    store::for_each_source_record(tx, source_mark_, [&](const SourceRecord& r) {
      source_mark = r.id;
      if (!sources_added_.count(r.id)) records.push_back(source_record(r));
    });
    store::for_each_subject(tx, subject_mark_, [&](const Subject& s, int64_t) {
      subject_mark = s.id;
      if (!subjects_added_.count(s.id)) records.push_back(subject_record(s));
    });
  });
  for (match::MatchRecord& r : records) built_->index.add(std::move(r));
  source_mark_ = source_mark;
  subject_mark_ = subject_mark;
  sources_added_.erase(sources_added_.begin(), sources_added_.upper_bound(source_mark_));
  subjects_added_.erase(subjects_added_.begin(), subjects_added_.upper_bound(subject_mark_));
  if (!records.empty())
    spdlog::info("person index: {} records added from the store", records.size());
}

void PersonMatcher::add_subjects(const Contact& contact) {
  std::lock_guard lock(mutex_);
  if (!built_) return;
  for (const Subject& s : contact.subjects) {
    if (s.id <= subject_mark_ || !subjects_added_.insert(s.id).second) continue;
    built_->index.add(subject_record(s));
  }
}

void PersonMatcher::add_source_records(const std::vector<SourceRecord>& records) {
  std::lock_guard lock(mutex_);
  if (!built_) return;
  // A record re-imported under the same id is added again with its new details; lookups show
  // each key once, at its best score.
  for (const SourceRecord& r : records) {
    if (r.id > source_mark_) sources_added_.insert(r.id);
    built_->index.add(source_record(r));
  }
}

std::vector<FoundRecord> PersonMatcher::lookup(const Subject& subject, size_t k) const {
  std::shared_ptr<Built> built;
  {
    std::lock_guard lock(mutex_);
    built = built_;
  }
  if (!built) return {};
  const match::MatchRecord query = subject_record(subject);
  std::vector<FoundRecord> out;
  std::unordered_set<std::string> seen;
  for (const match::Candidate& c : built->index.lookup(query, k * 2)) {
    if (out.size() == k) break;
    if (!seen.insert(c.id).second) continue;
    FoundRecord f{c.id, c.score.match_probability, c.score.match_weight, {}};
    for (const match::Contribution& part : built->index.explain(query, c))
      if (part.level != match::kMissing) f.explanation.push_back(part.text());
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace mash::app
