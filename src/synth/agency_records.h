// What agencies' own indexes would hold about synthetic people: the records health, education
// and the police keep under their own ids, each written the agency's way. For demos and tests of
// person matching. Deterministic for a seed; invented people only.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/contact.h"
#include "domain/source_record.h"

namespace mash::synth {

// Health holds nearly everyone (with the NHS number, when known), education children of school
// age (with the UPN, when known), the police some adults and a few children. About one record in
// five differs from the person as given: a nickname for the given name (Rebecca → Becky), a typo
// in the family name, an earlier address, or no NHS number. People with an expected date of
// birth (unborn) are held by no one. `source_id`s are unique within each agency for one seed.
std::vector<SourceRecord> agency_records(const std::vector<Subject>& people, const Date& today,
                                         uint64_t seed);

}  // namespace mash::synth
