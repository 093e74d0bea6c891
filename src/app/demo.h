// Synthetic demo data for a new hub: one user per role, an agency system token, a few hundred
// contacts about synthetic families, and the health, education and police indexes' records about
// the same people (with the variations real indexes have), for person matching. Nothing here is
// about a real person.
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
  int source_records = 0;  // in the health, education and police indexes
  int screened = 0;        // contacts rated (most older ones also decided)
  // The newest contact, restricted to the demo decision maker (dm.demo), for trying break-glass
  // as anyone else; 0 when there are no contacts.
  int64_t restricted_contact = 0;
};

// A person as a row of an agency's index file, as `mash import persons` reads one (line `line`).
SourceRecordRow source_record_row(const std::string& source_id, const Person& p, size_t line);

// Seeds an empty hub (no users yet); leaves a hub with users untouched.
DemoSeed seed_demo(Hub& hub, store::Database& db, uint64_t seed = 2026, int contacts = 300);

}  // namespace mash::app
