// Agencies of the hub. The statutory partners are built in; a hub can add its own (e.g. a
// voluntary-sector service) with a code of lower-case letters, digits and underscores.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "domain/result.h"

namespace mash {

struct Agency {
  std::string code;  // "police", "health", …: stable, stored, sent over the API
  std::string name;  // "Police", "Health", …: shown to users
  bool operator==(const Agency&) const = default;
};

// police, childrens_social_care, adult_social_care, health, education, probation, housing,
// youth_justice, domestic_abuse_service.
std::span<const Agency> built_in_agencies();

// Errors for a new agency's code and name (empty when both are acceptable).
std::vector<FieldError> validate_agency(const Agency& a);

}  // namespace mash
