// Synthetic demo data for a new hub: one user per role, an agency system token and a few
// hundred contacts about synthetic families. Nothing here is about a real person.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/hub.h"

namespace mash::app {

struct DemoAccount {
  std::string username;
  Role role;
  std::string agency;
};

struct DemoSeed {
  bool seeded = false;  // false when the database already had users: nothing was added
  std::vector<DemoAccount> accounts;
  std::string password;      // shared by every demo account
  std::string police_token;  // an API token for the demo police system
  int contacts = 0;
};

// Seeds an empty hub (no users yet); leaves a hub with users untouched.
DemoSeed seed_demo(Hub& hub, store::Database& db, uint64_t seed = 2026, int contacts = 300);

}  // namespace mash::app
