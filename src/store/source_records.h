// Agencies' source records, loaded in bulk from their indexes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/source_record.h"
#include "store/database.h"

namespace mash::store {

// Stores the record, or replaces the one the agency sent before under the same source id (which
// keeps its id). Returns the record's id.
int64_t upsert_source_record(Tx& tx, const SourceRecord& record);
int64_t count_source_records(Tx& tx, const std::string& agency);
// The record an agency holds under its own id, if any.
std::optional<SourceRecord> find_source_record(Tx& tx, const std::string& agency,
                                               const std::string& source_id);

}  // namespace mash::store
