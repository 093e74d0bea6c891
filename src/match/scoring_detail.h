// Internal to match/: what scoring.cpp and training.cpp share.
#pragma once

#include <algorithm>
#include <cstdint>

#include "match/scoring.h"

namespace mash::match::detail {

inline double clamp_probability(double p) { return std::clamp(p, 1e-12, 1.0 - 1e-12); }

// Packs a comparison into a key for counting identical comparisons.
inline uint64_t pack(const Comparison& c) {
  uint64_t key = 0;
  for (int8_t level : c.level) key = key * 16 + static_cast<uint64_t>(level + 1);
  return key;
}

inline constexpr size_t kPostcode = static_cast<size_t>(Field::postcode);
inline constexpr int kPostcodeSame = 0;  // PostcodeLevel::full

// Address and town, when the whole postcode agrees: weighed against random pairs that share a
// postcode (see Model::u_same_postcode).
inline bool conditioned_on_postcode(size_t f) {
  return f == static_cast<size_t>(Field::address) || f == static_cast<size_t>(Field::town);
}

}  // namespace mash::match::detail
