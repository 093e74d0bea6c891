// A contact as JSON, the shape agency systems post to and read from /api/v1 (see docs/api.md;
// fields may be added, never renamed). Internal to web/.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

#include "domain/contact.h"
#include "domain/result.h"

namespace mash::web {

// Reads a posted contact. Each problem (a wrong type, an unknown code, an unknown or read-only
// field, a missing required field, a date that is not a date) becomes one FieldError naming the
// field by path ("subjects[0].sex") and the fix. `received_at` defaults to `now` when absent.
// The domain's own rules (validate_contact) are not applied here.
Contact contact_from_json(const nlohmann::json& body, const Timestamp& now,
                          std::vector<FieldError>& errors);

// The stored contact as a JSON document, with its id, status, channel, recorded_at and the rest,
// its fields in the documented order.
std::string contact_to_json(const Contact& contact);

}  // namespace mash::web
