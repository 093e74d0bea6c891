// A source record: what one agency's own index holds about a person, under the agency's own id.
// A Person is the resolved individual; an agency's records about them are its source records.
#pragma once

#include <cstdint>
#include <string>

#include "domain/person.h"
#include "domain/time.h"

namespace mash {

struct SourceRecord {
  int64_t id = 0;
  std::string agency;     // agency code
  std::string source_id;  // the agency's own id for the record, unique within the agency
  Person person;
  Timestamp imported_at;  // when it was last loaded
};

}  // namespace mash
