// Scoring: how likely two records are to be the same person, by Fellegi–Sunter. Each field is
// compared to a level (date of birth: "day and month swapped"); each level has m, the chance of
// it among true matches, and u, its chance among random pairs; log2(m/u) is the level's weight,
// and the weights plus the prior give the pair's match weight and probability. m and u are
// estimated from the data being matched (train()), never tuned by hand, so one configuration
// serves every data set.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "match/blocking.h"
#include "match/nicknames.h"
#include "match/record.h"

namespace mash::match {

enum class Field {
  given_name,
  family_name,
  date_of_birth,
  postcode,
  address,
  town,
  sex,
  nhs_number,
  other_identifier,
  email,
};
inline constexpr size_t kFieldCount = 10;

// The field's name in explanations: "given name", "date of birth".
std::string_view field_name(Field f);
// How many comparison levels a field has (missing is not a level).
int level_count(Field f);
// The level's words, including the field: "date of birth: day and month swapped".
std::string words(Field f, int level);

// The comparison level of each field for one pair, strongest agreement first (0); kMissing
// when either record lacks the field: a missing value is no evidence either way.
inline constexpr int8_t kMissing = -1;
struct Comparison {
  std::array<int8_t, kFieldCount> level{};
  bool operator==(const Comparison&) const = default;
};

// Compares every field of two records. Pure and thread-safe.
Comparison compare(const RecordView& a, const RecordView& b, const NicknameTable& nicknames);
Comparison compare(const MatchRecord& a, const MatchRecord& b, const NicknameTable& nicknames);

// The estimated parameters. m and u per field and level, the prior over all pairs, and how
// often each family name occurs (for term-frequency adjustment: agreeing on a rare family name
// is stronger evidence than agreeing on Smith).
struct Model {
  std::array<std::vector<double>, kFieldCount> m;
  std::array<std::vector<double>, kFieldCount> u;
  double prior_log2_odds = 0;  // log2 of the odds that two records drawn at random match
  // Share of records, looked up by string_view without a copy.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, double, NameHash, std::equal_to<>> family_name_frequency;
  int em_iterations = 0;
  bool em_converged = false;
  // u of the address's and the town's levels among random pairs that share a whole postcode:
  // a postcode nearly fixes the town, and often the street. When the postcode agrees, these
  // weigh the address and the town, so that one home is not counted three times (a brother or
  // a mother at the same address is not made the same person by it). Empty: not used.
  std::array<std::vector<double>, kFieldCount> u_same_postcode;
  // log2(m/u) of each field's levels, as fill_weights() computes them from m and u (train()
  // does); score() computes a weight itself when its entry is missing. Call fill_weights() again
  // after changing m or u.
  std::array<std::vector<double>, kFieldCount> weight;
  std::array<std::vector<double>, kFieldCount> weight_same_postcode;  // from u_same_postcode
};

void fill_weights(Model& model);

struct TrainingOptions {
  uint64_t u_sample_pairs = 1'000'000;  // random pairs for u; all pairs when there are fewer
  uint64_t seed = 2026;
  int max_em_iterations = 200;
  double em_tolerance = 1e-6;  // stop when no m or the match share moves more than this
};

// Estimates a model for linking `left` with `right` (for a dedupe pass the one list twice and
// `dedupe` true): u from random pairs, m and the share of matches among the candidate pairs by
// expectation maximisation over the candidates' comparisons. Deterministic for a given seed.
Model train(const std::vector<MatchRecord>& left, const std::vector<MatchRecord>& right,
            bool dedupe, const std::vector<CandidatePair>& candidates,
            const NicknameTable& nicknames, const TrainingOptions& options = {});

// Whether `record` is in a training sample of about `share` (0..1) of the records: for learning a
// model from a population too large to block in full. The sample takes whole slices of people
// (by a hash of the family name's sound and the birth year), so records of one person that agree
// on those fall in or out together and the sample keeps its share of true matches; a random sample
// of records would keep only share² of them. Deterministic.
bool in_training_sample(const MatchRecord& record, double share);

// One field's part in a pair's score.
struct Contribution {
  Field field;
  int level;      // kMissing or 0..level_count-1
  double weight;  // log2 Bayes factor; 0 when missing or folded
  // A disagreement of a location field (postcode, address, town) not counted because another
  // location field's stronger disagreement is: moving house changes all three at once, one piece
  // of evidence, counted once.
  bool folded = false;
  // "date of birth: day and month swapped, +3.1"
  std::string text() const;
};

struct Score {
  // The prior plus each field's weight, in bits; of the location fields' (postcode, address,
  // town) disagreements only the strongest counts, since one move changes all three.
  double match_weight = 0;
  double match_probability = 0;
};

// The score of one compared pair. `a` and `b` are the records compared (for the family name's
// frequency).
Score score(const Model& model, const Comparison& c, const RecordView& a, const RecordView& b);
Score score(const Model& model, const Comparison& c, const MatchRecord& a, const MatchRecord& b);

// Each field's level and weight, in the order of Field.
std::vector<Contribution> explain(const Model& model, const Comparison& c, const RecordView& a,
                                  const RecordView& b);
std::vector<Contribution> explain(const Model& model, const Comparison& c, const MatchRecord& a,
                                  const MatchRecord& b);

}  // namespace mash::match
