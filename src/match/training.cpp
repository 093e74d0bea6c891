// Learning a model from the data being matched: u from random pairs, m and the share of matches
// by expectation maximisation over the candidate pairs (match/scoring.h).
#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

#include "match/scoring.h"
#include "match/scoring_detail.h"

namespace mash::match {

using namespace detail;

Model train(const std::vector<MatchRecord>& left, const std::vector<MatchRecord>& right,
            bool dedupe, const std::vector<CandidatePair>& candidates,
            const NicknameTable& nicknames, const TrainingOptions& options) {
  Model model;
  const uint64_t n_left = left.size(), n_right = right.size();
  const double total_pairs = dedupe ? 0.5 * static_cast<double>(n_left) * (n_left - 1.0)
                                    : static_cast<double>(n_left) * static_cast<double>(n_right);

  // u: level frequencies among random pairs (nearly all of which are non-matches).
  std::array<std::vector<double>, kFieldCount> u_count;
  for (size_t f = 0; f < kFieldCount; ++f)
    u_count[f].assign(level_count(static_cast<Field>(f)), 0.0);
  std::array<std::vector<double>, kFieldCount> u_same_postcode_count;
  for (size_t f = 0; f < kFieldCount; ++f)
    if (conditioned_on_postcode(f))
      u_same_postcode_count[f].assign(level_count(static_cast<Field>(f)), 0.0);
  auto count_u = [&](uint32_t i, uint32_t j) {
    const Comparison c = compare(left[i], right[j], nicknames);
    for (size_t f = 0; f < kFieldCount; ++f)
      if (c.level[f] != kMissing) {
        u_count[f][c.level[f]] += 1;
        if (c.level[kPostcode] == kPostcodeSame && conditioned_on_postcode(f))
          u_same_postcode_count[f][c.level[f]] += 1;
      }
  };
  if (total_pairs >= 1 && total_pairs <= static_cast<double>(options.u_sample_pairs)) {
    for (uint32_t i = 0; i < n_left; ++i)
      for (uint32_t j = dedupe ? i + 1 : 0; j < n_right; ++j) count_u(i, j);
  } else if (total_pairs >= 1) {
    std::mt19937_64 random(options.seed);
    std::uniform_int_distribution<uint32_t> pick_left(0, static_cast<uint32_t>(n_left - 1));
    std::uniform_int_distribution<uint32_t> pick_right(0, static_cast<uint32_t>(n_right - 1));
    for (uint64_t k = 0; k < options.u_sample_pairs;) {
      const uint32_t i = pick_left(random), j = pick_right(random);
      if (dedupe && i == j) continue;
      count_u(i, j);
      ++k;
    }
  }
  for (size_t f = 0; f < kFieldCount; ++f) {
    double seen = 0;
    for (double x : u_count[f]) seen += x;
    const double levels = static_cast<double>(u_count[f].size());
    model.u[f].resize(u_count[f].size());
    // Half a pair's worth of smoothing: a level never seen among random pairs is rare, not
    // impossible.
    for (size_t l = 0; l < u_count[f].size(); ++l)
      model.u[f][l] = (u_count[f][l] + 0.5 / levels) / (seen + 0.5);
    // Among pairs sharing a postcode: smoothed toward the unconditional u with a few pairs'
    // weight, so that a handful of such pairs does not decide it.
    double seen_same = 0;
    for (double x : u_same_postcode_count[f]) seen_same += x;
    if (seen_same > 0) {
      constexpr double kPrior = 5;
      model.u_same_postcode[f].resize(u_count[f].size());
      for (size_t l = 0; l < u_count[f].size(); ++l)
        model.u_same_postcode[f][l] =
            (u_same_postcode_count[f][l] + kPrior * model.u[f][l]) / (seen_same + kPrior);
    }
  }

  // Family-name frequencies over every record, for term-frequency adjustment.
  {
    double named = 0;
    auto add = [&](const std::vector<MatchRecord>& records) {
      for (const MatchRecord& r : records)
        if (!r.family.empty()) {
          model.family_name_frequency[r.family.full] += 1;
          named += 1;
        }
    };
    add(left);
    if (!dedupe) add(right);
    for (auto& [name, count] : model.family_name_frequency) count /= named;
  }

  // m and the share of matches among the candidates, by EM over the candidates' comparisons.
  // The non-match side gets its own level frequencies here (uc): among candidates, non-matches
  // agree on the blocked fields far more often than random pairs do.
  std::unordered_map<uint64_t, std::pair<Comparison, double>> patterns;
  for (const CandidatePair& p : candidates) {
    const Comparison c = compare(left[p.left], right[p.right], nicknames);
    auto& entry = patterns[pack(c)];
    entry.first = c;
    entry.second += 1;
  }
  std::array<std::vector<double>, kFieldCount> uc = model.u;
  for (size_t f = 0; f < kFieldCount; ++f) {
    const size_t levels = model.u[f].size();
    model.m[f].assign(levels, levels > 1 ? 0.1 / static_cast<double>(levels - 1) : 1.0);
    model.m[f][0] = levels > 1 ? 0.9 : 1.0;
  }
  double share = 0.1;
  const double n_candidates = static_cast<double>(candidates.size());
  for (int iteration = 1; iteration <= options.max_em_iterations && n_candidates > 0; ++iteration) {
    std::array<std::vector<double>, kFieldCount> m_sum, u_sum;
    for (size_t f = 0; f < kFieldCount; ++f) {
      m_sum[f].assign(model.m[f].size(), 0.0);
      u_sum[f].assign(model.m[f].size(), 0.0);
    }
    double match_sum = 0;
    for (const auto& [key, entry] : patterns) {
      const auto& [c, count] = entry;
      double log_odds = std::log(share / (1 - share));
      for (size_t f = 0; f < kFieldCount; ++f)
        if (c.level[f] != kMissing)
          log_odds += std::log(model.m[f][c.level[f]] / uc[f][c.level[f]]);
      const double p = 1 / (1 + std::exp(-std::clamp(log_odds, -700.0, 700.0)));
      match_sum += p * count;
      for (size_t f = 0; f < kFieldCount; ++f)
        if (c.level[f] != kMissing) {
          m_sum[f][c.level[f]] += p * count;
          u_sum[f][c.level[f]] += (1 - p) * count;
        }
    }
    double change = std::abs(match_sum / n_candidates - share);
    share = std::clamp(match_sum / n_candidates, 1e-9, 1 - 1e-9);
    for (size_t f = 0; f < kFieldCount; ++f) {
      double m_total = 0, u_total = 0;
      for (size_t l = 0; l < m_sum[f].size(); ++l) m_total += m_sum[f][l], u_total += u_sum[f][l];
      const double levels = static_cast<double>(m_sum[f].size());
      if (m_total <= 0 || u_total <= 0) continue;  // never seen on candidates: keep the start
      for (size_t l = 0; l < m_sum[f].size(); ++l) {
        // A prior of 1% of the matches spread as random pairs spread (u): among matches, no
        // level is taken to be rarer than a hundredth of its share among random pairs, however
        // seldom the training data shows it. A hub's data may hold no child who moved town; a
        // child who did must still be found (the weight of a level never falls below about
        // -6.6 bits).
        const double alpha = 0.01 * m_total;
        const double m =
            (m_sum[f][l] + alpha * model.u[f][l] + 0.01 / levels) / (m_total + alpha + 0.01);
        change = std::max(change, std::abs(m - model.m[f][l]));
        model.m[f][l] = m;
        uc[f][l] = (u_sum[f][l] + 0.01 / levels) / (u_total + 0.01);
      }
    }
    model.em_iterations = iteration;
    if (change < options.em_tolerance) {
      model.em_converged = true;
      break;
    }
  }

  // The prior over all pairs: the matches EM found among the candidates, assuming blocking
  // missed few.
  if (total_pairs > 0) {
    const double p = clamp_probability(share * n_candidates / total_pairs);
    model.prior_log2_odds = std::log2(p / (1 - p));
  }
  fill_weights(model);
  return model;
}

bool in_training_sample(const MatchRecord& record, double share) {
  if (share >= 1) return true;
  if (share <= 0) return false;
  std::string_view key = record.family_sound.primary;
  if (key.empty()) key = record.given_sound.primary;
  uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  if (record.date_of_birth)
    h = (h ^ static_cast<uint64_t>(record.date_of_birth->year)) * 1099511628211ull;
  h ^= h >> 29;
  return static_cast<double>(h % 1'000'000) < share * 1'000'000;
}

}  // namespace mash::match
