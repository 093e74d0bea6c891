// Blocking: which pairs of records are worth scoring. Comparing every record with every other is
// quadratic; a blocking rule compares only records that share a key (the same phonetic family
// name and birth year, say). A union of rules catches a true match that any one rule misses
// because of a typo in the very field it keys on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "match/record.h"

namespace mash::match {

// A blocking rule: records with equal, non-empty keys are candidate pairs.
struct BlockingRule {
  std::string name;  // for reports: "family name sound + birth year"
  // The record's key, or empty when the record lacks a field the rule needs.
  std::string (*key)(const MatchRecord&);
};

// The default union, in order: family-name sound + birth year; postcode district + given-name
// initial; date of birth; NHS number; other identifier; email; given-name sound + family-name
// initial + birth month; given-name sound + birth year; both name sounds in either order; town +
// given-name initial; town + family-name initial; address; postcode + house number; email name
// before the @; the family name's last part's sound + birth year (so "Smith-Jones" meets "Jones").
// Each keys on a few fields, so a typo in one field loses a pair to one rule only.
const std::vector<BlockingRule>& default_blocking_rules();

// The default rules keyed on a person's own details only (date of birth, identifiers, email,
// name sounds), not on where they live: for learning a model from records that come in
// households, where pairs that share only an address are mostly parents and siblings, and EM
// would learn "same household" instead of "same person". Lookups still use every rule.
const std::vector<BlockingRule>& personal_blocking_rules();

// A pair of records to score: indexes into the left and right lists (for a dedupe, both into the
// one list, with left < right).
struct CandidatePair {
  uint32_t left;
  uint32_t right;
  bool operator==(const CandidatePair&) const = default;
};

struct BlockingReport {
  struct Rule {
    std::string name;
    uint64_t generated = 0;  // pairs the rule found, including those an earlier rule found
    uint64_t new_pairs = 0;  // pairs no earlier rule had found
  };
  std::vector<Rule> rules;
};

struct Candidates {
  std::vector<CandidatePair> pairs;  // each pair once, in the order first found
  BlockingReport report;
};

// Link: pairs of one record from `left` and one from `right`.
Candidates block_link(const std::vector<MatchRecord>& left, const std::vector<MatchRecord>& right,
                      const std::vector<BlockingRule>& rules = default_blocking_rules());

// Dedupe: pairs (i, j) with i < j within `records`; never a record with itself.
Candidates block_dedupe(const std::vector<MatchRecord>& records,
                        const std::vector<BlockingRule>& rules = default_blocking_rules());

}  // namespace mash::match
