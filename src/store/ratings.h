// Contacts' ratings (migration 6): every rating a contact has been given, with its rationale and
// the due time it set, oldest first. Never updated or deleted: the latest is the contact's
// rating, the rest its history.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

struct RatingRow {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string rating;  // the configuration's code: "red"
  std::string rationale;
  std::string rated_by;  // username
  std::string rated_at;  // RFC 3339
  int64_t rated_epoch = 0;
  std::string due_at;  // RFC 3339, London's offset
  int64_t due_epoch = 0;
};

// Stores the rating and sets its id.
void insert_rating(Tx& tx, RatingRow& row);
// The contact's ratings, oldest first.
std::vector<RatingRow> ratings_of(Tx& tx, int64_t contact_id);

}  // namespace mash::store
