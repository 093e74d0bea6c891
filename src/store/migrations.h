// Versioned schema migrations. Internal to store/.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

struct Migration {
  int version;
  std::string description;
  std::string sql;  // statements separated by ";\n"; {{id}} and {{bigint}} vary by dialect
};

const std::vector<Migration>& migrations();
// 0 when the migrations table doesn't exist yet.
int applied_schema_version(Tx& tx);
void apply_migration(Tx& tx, const Migration& m);

}  // namespace mash::store
