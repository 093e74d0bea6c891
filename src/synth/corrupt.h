// How another agency might write a person down differently: a diminutive for the given name, a
// typing slip. Shared by the demo's agency records and the matching benchmark's queries.
#pragma once

#include <string>
#include <string_view>

#include "synth/rng.h"

namespace mash::synth {

// A diminutive or familiar form of a given name ("Thomas" -> "Tom", "Rebecca" -> "Becky"), or
// empty when the list has none.
std::string_view nickname_of(std::string_view given);

// A typing slip: two neighbouring characters swapped, one dropped, one doubled or one replaced by
// a random letter; a name of one or two characters gets a letter added. Works on characters, not
// bytes, so "Wiśniewski" never loses half of its "ś". The result may equal the input (two equal
// letters swapped); callers that need a change check.
std::string typo(Rng& rng, const std::string& s);

}  // namespace mash::synth
