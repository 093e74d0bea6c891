// Agencies, users, sessions, failed sign-ins, API tokens and drafts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/agency.h"
#include "domain/user.h"
#include "store/database.h"

namespace mash::store {

// --- agencies
void upsert_agency(Tx& tx, const Agency& agency, bool built_in);
std::vector<Agency> list_agencies(Tx& tx);
bool agency_exists(Tx& tx, const std::string& code);

// --- users
struct StoredUser {
  User user;
  std::string password_hash;  // libsodium Argon2id string
};
// Throws StoreError for a duplicate username; check first with find_user.
int64_t insert_user(Tx& tx, const User& user, const std::string& password_hash,
                    const std::string& created_at);
std::optional<StoredUser> find_user(Tx& tx, const std::string& username);
std::optional<StoredUser> find_user(Tx& tx, int64_t id);
int64_t count_users(Tx& tx);

// --- sessions (only the hash of the cookie token is stored)
struct StoredSession {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_epoch = 0;
  int64_t last_seen_epoch = 0;
};
void insert_session(Tx& tx, const StoredSession& s);
std::optional<StoredSession> find_session(Tx& tx, const std::string& token_hash);
void touch_session(Tx& tx, const std::string& token_hash, int64_t last_seen_epoch);
void delete_session(Tx& tx, const std::string& token_hash);
// Removes sessions last seen before `idle_before` or created before `created_before`.
void delete_expired_sessions(Tx& tx, int64_t idle_before, int64_t created_before);

// --- failed sign-ins, for throttling. `account` is whatever key the caller keeps failures
// against (the hub keeps a hash of the username typed).
void record_failed_sign_in(Tx& tx, const std::string& account, const std::string& address,
                           int64_t at_epoch);
int64_t failed_sign_ins_for_username(Tx& tx, const std::string& account, int64_t since_epoch);
int64_t failed_sign_ins_for_address(Tx& tx, const std::string& address, int64_t since_epoch);
void clear_failed_sign_ins(Tx& tx, const std::string& account);
// The oldest failure still inside the window (to say how long to wait), if any.
std::optional<int64_t> oldest_failed_sign_in(Tx& tx, const std::string& account,
                                             const std::string& address, int64_t since_epoch);

// --- API tokens (only the hash is stored)
struct StoredToken {
  int64_t id = 0;
  std::string name;
  std::string agency;
  std::optional<int64_t> user_id;  // a user's token acts as that user
  bool revoked = false;
};
void insert_token(Tx& tx, const std::string& token_hash, const StoredToken& t,
                  const std::string& created_at);
std::optional<StoredToken> find_token(Tx& tx, const std::string& token_hash);

// --- drafts
void save_draft(Tx& tx, int64_t user_id, const std::string& kind, const std::string& content,
                const std::string& updated_at, int64_t updated_epoch);
// Removes every draft last saved before `before_epoch`; returns how many.
int64_t delete_drafts_saved_before(Tx& tx, int64_t before_epoch);
// The draft, unless it was last saved before `saved_since_epoch`.
std::optional<std::string> find_draft(Tx& tx, int64_t user_id, const std::string& kind,
                                      int64_t saved_since_epoch);
void delete_draft(Tx& tx, int64_t user_id, const std::string& kind);

}  // namespace mash::store
