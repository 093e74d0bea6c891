// A person who signs in to the hub, and the rules their credentials must meet.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/codes.h"
#include "domain/result.h"

namespace mash {

struct User {
  int64_t id = 0;
  std::string username;      // letters, digits, '.', '-', '_'; 3..64 characters
  std::string display_name;  // e.g. "Priya Shah"
  Role role = Role::referral_administrator;
  std::string agency;  // agency code
  bool active = true;
};

std::vector<FieldError> validate_user(const User& u);
// A password must be 12..1024 characters; errors name the rule it breaks.
std::vector<FieldError> validate_password(const std::string& password);

// Staff of the hub's own front door, who may see contacts (the policy layer decides, this only
// names the group).
bool is_hub_role(Role r);

}  // namespace mash
