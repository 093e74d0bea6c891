// Given names and family names of the communities a North West hub serves, invented in
// combination: each list is common names of one heritage, never a real person's details.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "synth/rng.h"

namespace mash::synth {

struct Heritage {
  std::string_view name;  // for tests and debugging: "Pakistani", "Polish", …
  std::span<const std::string_view> male;
  std::span<const std::string_view> female;
  std::span<const std::string_view> family;
  bool gendered_family_names;  // Polish -ski/-cki/-dzki become -ska/-cka/-dzka for women
};

std::span<const Heritage> heritages();
// A heritage in proportion to a mixed North West population.
const Heritage& pick_heritage(Rng& rng);

// The family name as a woman of that heritage carries it ("Kowalski" -> "Kowalska").
std::string family_name_for(const Heritage& h, std::string_view family, bool female);

}  // namespace mash::synth
