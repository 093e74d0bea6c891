// Outcome summaries (migration 14, issue 5): what the hub sent a receiving team about a decided
// contact, kept as sent. Never updated or deleted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

struct SummaryRow {
  int64_t id = 0;
  int64_t contact_id = 0;
  int64_t decision_id = 0;  // the decision it reports
  std::string to_username;
  std::string to_agency;
  std::string sent_by;
  std::string sent_by_agency;
  std::string purpose;
  std::string note;     // the sender's covering words; may be empty
  std::string body;     // the summary as the recipient may read it, withheld parts as markers
  std::string sent_at;  // RFC 3339
  int64_t sent_epoch = 0;
};

void insert_summary(Tx& tx, SummaryRow& row);
// Summaries sent to or by the user, newest first, at most `limit`.
std::vector<SummaryRow> summaries_of_user(Tx& tx, const std::string& username, int limit);
// The contact's summaries, newest first, at most `limit`.
std::vector<SummaryRow> summaries_of_contact(Tx& tx, int64_t contact_id, int limit);

}  // namespace mash::store
