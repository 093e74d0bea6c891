// Invented addresses in real towns: street names of a realistic shape, and postcodes whose
// outward code is a real district of the town and whose inward code is random (so valid in
// format, and only by chance a real postcode).
#pragma once

#include <string>
#include <string_view>

#include "domain/contact.h"
#include "synth/rng.h"

namespace mash::synth {

struct Town {
  std::string_view name;
  std::string_view area;          // postcode area, e.g. "BB"
  std::string_view districts;     // space-separated district numbers, e.g. "1 2 6"
  std::string_view police_force;  // the force that would send its notices
  int la_number;                  // DfE local authority number, the start of a UPN
};

// Most households are in the hub's own area (East Lancashire); some are elsewhere.
const Town& pick_town(Rng& rng);
// A street address in `town` (sometimes a flat), with a postcode of that town.
Address make_address(Rng& rng, const Town& town);
// A postcode of `town`: "BB2 4QT".
std::string make_postcode(Rng& rng, const Town& town);
// The invented name of a school near the address: "Moorside Primary School".
std::string make_school(Rng& rng, bool secondary);
// A telephone number from Ofcom's ranges kept for drama, so it never rings anyone.
std::string make_phone(Rng& rng, bool mobile);

}  // namespace mash::synth
