// Break-glass accesses to restricted contacts (migration 11, issue 5).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

struct BreakGlassRow {
  int64_t id = 0;
  int64_t contact_id = 0;
  int64_t user_id = 0;
  std::string username;
  std::string agency;
  std::string role;
  std::string reason;
  std::string opened_at;  // RFC 3339
  int64_t opened_epoch = 0;
  int64_t opened_seq = 0;  // the audit event that recorded it
  std::string expires_at;
  int64_t expires_epoch = 0;
  std::string reviewed_by;  // empty until signed off
  std::string reviewed_at;
  std::optional<int64_t> reviewed_epoch;
  std::string review_note;
};

void insert_break_glass(Tx& tx, BreakGlassRow& row);
std::optional<BreakGlassRow> find_break_glass(Tx& tx, int64_t id);
// The users holding a break-glass access to the contact that expires after `now`.
std::vector<int64_t> live_break_glass_users(Tx& tx, int64_t contact_id, int64_t now);
// The user's latest break-glass access to the contact that expires after `now`, if any.
std::optional<BreakGlassRow> live_break_glass(Tx& tx, int64_t contact_id, int64_t user_id,
                                              int64_t now);
// Ends the user's live accesses to the contact at `at` (they expire then).
void end_break_glass(Tx& tx, int64_t contact_id, int64_t user_id, const std::string& at,
                     int64_t epoch);
// Accesses not yet signed off, oldest first; or (reviewed) those signed off, newest first. At
// most `limit`.
std::vector<BreakGlassRow> break_glass_list(Tx& tx, bool reviewed, int limit);
// Signs an access off, its expiry set to `expires_at` (the sign-off ends an access still live);
// false when it was already signed off (nothing changed).
bool sign_off_break_glass(Tx& tx, int64_t id, const std::string& by, const std::string& at,
                          int64_t epoch, const std::string& note, const std::string& expires_at,
                          int64_t expires_epoch);

}  // namespace mash::store
