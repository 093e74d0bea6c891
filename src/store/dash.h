// DASH risk identification checklists (migration 8): every checklist recorded for a contact,
// oldest first. Never updated or deleted: the latest is the contact's current assessment, the
// rest its history. Answers are kept one per question number.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/dash.h"
#include "store/database.h"

namespace mash::store {

struct DashRow {
  int64_t id = 0;
  int64_t contact_id = 0;
  int64_t subject_id = 0;                           // the subject it is about; 0: not said
  std::array<std::string, kDashQuestions> answers;  // codes ("yes", "no", "not_known"); [0] is 1
  std::string judgement;                            // "", "standard", "medium" or "high"
  std::string judgement_reason;
  int64_t incidents = 0;       // in the last 12 months
  std::string previous_marac;  // ISO 8601 date, or ""
  int64_t score = 0;
  int64_t answered = 0;
  int64_t high_risk_score = 0;  // the hub's threshold the score was judged against
  std::string level;            // "standard", "medium" or "high"
  bool marac_referral = false;
  std::string marac_routes;  // route codes, comma-separated, in the order of MaracRoute
  std::string assessed_by;   // username
  std::string assessed_at;   // RFC 3339
  int64_t assessed_epoch = 0;
};

// Stores the checklist and its answers, and sets its id.
void insert_dash(Tx& tx, DashRow& row);
// The contact's checklists, oldest first.
std::vector<DashRow> dash_of(Tx& tx, int64_t contact_id);

}  // namespace mash::store
