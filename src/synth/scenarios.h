// The kinds of concern a hub receives, each a small story: who tells the hub, about whom, what
// they saw, and whether the family agreed. Used by Generator::contact().
#pragma once

#include <cstdint>

#include "synth/generator.h"
#include "synth/rng.h"

namespace mash::synth {

// Fills `c` (already holding received_at) with a story that fits `household` as it is on the
// day the contact is received. `serial` numbers the agencies' own references.
void write_contact(Rng& rng, const Household& household, uint64_t serial, Contact& c);

}  // namespace mash::synth
