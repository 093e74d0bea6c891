// The database of a subcommand that needs its schema up to date (all but serve, demo and
// migrate): opened, or a std::runtime_error saying to migrate first.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "store/database.h"

namespace mash::cli {

inline std::unique_ptr<store::Database> current_database(const std::string& url) {
  auto db = store::Database::open(url);
  if (db->schema_version() < store::Database::latest_schema_version())
    throw std::runtime_error("The database " + db->display_url() +
                             " is not up to date: run `mash migrate --db URL` first");
  return db;
}

}  // namespace mash::cli
