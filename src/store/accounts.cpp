#include "store/accounts.h"

#include <soci/soci.h>

#include "domain/codes.h"
#include "store/prepared.h"

namespace mash::store {

// --- agencies

void upsert_agency(Tx& tx, const Agency& agency, bool built_in) {
  int b = built_in ? 1 : 0;
  tx.sql() << "INSERT INTO agencies (code, name, built_in) VALUES (:c, :n, :b) "
              "ON CONFLICT (code) DO UPDATE SET name = excluded.name",
      soci::use(agency.code), soci::use(agency.name), soci::use(b);
}

std::vector<Agency> list_agencies(Tx& tx) {
  std::vector<Agency> out;
  Agency a;
  soci::statement st = (tx.sql().prepare << "SELECT code, name FROM agencies ORDER BY name",
                        soci::into(a.code), soci::into(a.name));
  st.execute();
  while (st.fetch()) out.push_back(a);
  return out;
}

bool agency_exists(Tx& tx, const std::string& code) {
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM agencies WHERE code = :c", soci::use(code), soci::into(n);
  return n > 0;
}

// --- users

namespace {

const char* const kUserColumns =
    "SELECT id, username, display_name, role, agency, active, password_hash FROM users";

std::optional<StoredUser> read_user(soci::statement& st, long long& id, std::string& role,
                                    int& active, StoredUser& u) {
  if (!st.execute(true)) return std::nullopt;
  u.user.id = id;
  u.user.role = from_code<Role>(role).value_or(Role::referral_administrator);
  u.user.active = active != 0 && from_code<Role>(role).has_value();
  return u;
}

template <class Key>
std::optional<StoredUser> find_user_by(Tx& tx, const char* where, const Key& key) {
  StoredUser u;
  long long id = 0;
  std::string role;
  int active = 0;
  Key k = key;
  soci::statement st(tx.sql());
  st.exchange(soci::use(k, "k"));
  st.exchange(soci::into(id));
  st.exchange(soci::into(u.user.username));
  st.exchange(soci::into(u.user.display_name));
  st.exchange(soci::into(role));
  st.exchange(soci::into(u.user.agency));
  st.exchange(soci::into(active));
  st.exchange(soci::into(u.password_hash));
  st.alloc();
  st.prepare(std::string(kUserColumns) + where);
  st.define_and_bind();
  return read_user(st, id, role, active, u);
}

}  // namespace

int64_t insert_user(Tx& tx, const User& user, const std::string& password_hash,
                    const std::string& created_at) {
  std::string role(code_of(user.role));
  int active = user.active ? 1 : 0;
  long long id = 0;
  tx.sql() << "INSERT INTO users (username, display_name, role, agency, password_hash, active, "
              "created_at) VALUES (:u, :d, :r, :a, :p, :act, :c) RETURNING id",
      soci::use(user.username), soci::use(user.display_name), soci::use(role),
      soci::use(user.agency), soci::use(password_hash), soci::use(active), soci::use(created_at),
      soci::into(id);
  return id;
}

std::optional<StoredUser> find_user(Tx& tx, const std::string& username) {
  return find_user_by(tx, " WHERE username = :k", username);
}

std::optional<StoredUser> find_user(Tx& tx, int64_t id) {
  return find_user_by(tx, " WHERE id = :k", static_cast<long long>(id));
}

int64_t count_users(Tx& tx) {
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM users", soci::into(n);
  return n;
}

// --- sessions

void insert_session(Tx& tx, const StoredSession& s) {
  long long user_id = s.user_id, created = s.created_epoch, seen = s.last_seen_epoch;
  tx.sql() << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_epoch, "
              "last_seen_epoch) VALUES (:t, :u, :c, :cr, :s)",
      soci::use(s.token_hash), soci::use(user_id), soci::use(s.csrf_token), soci::use(created),
      soci::use(seen);
}

std::optional<StoredSession> find_session(Tx& tx, const std::string& token_hash) {
  Prepared& find = tx.prepared(
      "SELECT user_id, csrf_token, created_epoch, last_seen_epoch FROM sessions "
      "WHERE token_hash = :t",
      "t", "ntnn");
  find.text(0, token_hash);
  if (!find.run()) return std::nullopt;
  return StoredSession{token_hash, find.number_out(0), find.text_out(1), find.number_out(2),
                       find.number_out(3)};
}

void touch_session(Tx& tx, const std::string& token_hash, int64_t last_seen_epoch) {
  long long seen = last_seen_epoch;
  tx.sql() << "UPDATE sessions SET last_seen_epoch = :s WHERE token_hash = :t", soci::use(seen),
      soci::use(token_hash);
}

void delete_session(Tx& tx, const std::string& token_hash) {
  tx.sql() << "DELETE FROM sessions WHERE token_hash = :t", soci::use(token_hash);
}

void delete_expired_sessions(Tx& tx, int64_t idle_before, int64_t created_before) {
  long long idle = idle_before, created = created_before;
  tx.sql() << "DELETE FROM sessions WHERE last_seen_epoch < :i OR created_epoch < :c",
      soci::use(idle), soci::use(created);
}

// --- failed sign-ins

void record_failed_sign_in(Tx& tx, const std::string& username, const std::string& address,
                           int64_t at_epoch) {
  long long at = at_epoch;
  tx.sql() << "INSERT INTO sign_in_failures (username, address, at_epoch) VALUES (:u, :a, :t)",
      soci::use(username), soci::use(address), soci::use(at);
}

int64_t failed_sign_ins_for_username(Tx& tx, const std::string& username, int64_t since_epoch) {
  long long n = 0, since = since_epoch;
  tx.sql() << "SELECT COUNT(*) FROM sign_in_failures WHERE username = :u AND at_epoch >= :s",
      soci::use(username), soci::use(since), soci::into(n);
  return n;
}

int64_t failed_sign_ins_for_address(Tx& tx, const std::string& address, int64_t since_epoch) {
  long long n = 0, since = since_epoch;
  tx.sql() << "SELECT COUNT(*) FROM sign_in_failures WHERE address = :a AND at_epoch >= :s",
      soci::use(address), soci::use(since), soci::into(n);
  return n;
}

void clear_failed_sign_ins(Tx& tx, const std::string& username) {
  tx.sql() << "DELETE FROM sign_in_failures WHERE username = :u", soci::use(username);
}

std::optional<int64_t> oldest_failed_sign_in(Tx& tx, const std::string& username,
                                             const std::string& address, int64_t since_epoch) {
  long long at = 0, since = since_epoch;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT MIN(at_epoch) FROM sign_in_failures WHERE (username = :u OR address = :a) "
              "AND at_epoch >= :s",
      soci::use(username), soci::use(address), soci::use(since), soci::into(at, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return at;
}

// --- API tokens

void insert_token(Tx& tx, const std::string& token_hash, const StoredToken& t,
                  const std::string& created_at) {
  long long user_id = t.user_id.value_or(0);
  soci::indicator user_ind = t.user_id ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO api_tokens (token_hash, name, agency, user_id, created_at) "
              "VALUES (:h, :n, :a, :u, :c)",
      soci::use(token_hash), soci::use(t.name), soci::use(t.agency), soci::use(user_id, user_ind),
      soci::use(created_at);
}

std::optional<StoredToken> find_token(Tx& tx, const std::string& token_hash) {
  Prepared& find =
      tx.prepared("SELECT id, name, agency, user_id, revoked FROM api_tokens WHERE token_hash = :h",
                  "t", "nttnn");
  find.text(0, token_hash);
  if (!find.run()) return std::nullopt;
  StoredToken t;
  t.id = find.number_out(0);
  t.name = find.text_out(1);
  t.agency = find.text_out(2);
  if (!find.is_null_out(3)) t.user_id = find.number_out(3);
  t.revoked = find.number_out(4) != 0;
  return t;
}

// --- drafts

void save_draft(Tx& tx, int64_t user_id, const std::string& kind, const std::string& content,
                const std::string& updated_at, int64_t updated_epoch) {
  long long u = user_id, epoch = updated_epoch;
  tx.sql() << "INSERT INTO drafts (user_id, kind, content, updated_at, updated_epoch) "
              "VALUES (:u, :k, :c, :t, :e) ON CONFLICT (user_id, kind) DO UPDATE SET "
              "content = excluded.content, updated_at = excluded.updated_at, "
              "updated_epoch = excluded.updated_epoch",
      soci::use(u), soci::use(kind), soci::use(content), soci::use(updated_at), soci::use(epoch);
}

int64_t delete_drafts_saved_before(Tx& tx, int64_t before_epoch) {
  long long before = before_epoch;
  soci::statement st =
      (tx.sql().prepare << "DELETE FROM drafts WHERE updated_epoch < :b", soci::use(before));
  st.execute(true);
  return st.get_affected_rows();
}

std::optional<std::string> find_draft(Tx& tx, int64_t user_id, const std::string& kind,
                                      int64_t saved_since_epoch) {
  long long u = user_id, since = saved_since_epoch;
  std::string content;
  tx.sql() << "SELECT content FROM drafts WHERE user_id = :u AND kind = :k "
              "AND updated_epoch >= :s",
      soci::use(u), soci::use(kind), soci::use(since), soci::into(content);
  if (!tx.sql().got_data()) return std::nullopt;
  return content;
}

void delete_draft(Tx& tx, int64_t user_id, const std::string& kind) {
  long long u = user_id;
  tx.sql() << "DELETE FROM drafts WHERE user_id = :u AND kind = :k", soci::use(u), soci::use(kind);
}

}  // namespace mash::store
