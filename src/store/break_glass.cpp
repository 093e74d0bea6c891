#include "store/break_glass.h"

#include <soci/soci.h>

namespace mash::store {

namespace {

const char* const kColumns =
    "SELECT id, contact_id, user_id, username, agency, role, reason, opened_at, opened_epoch, "
    "opened_seq, expires_at, expires_epoch, COALESCE(reviewed_by, ''), COALESCE(reviewed_at, ''), "
    "reviewed_epoch, COALESCE(review_note, '') FROM break_glass ";

// Binds a row's columns (kColumns' order) to `r`, through `n` for the integers.
struct Binding {
  BreakGlassRow r;
  long long id = 0, contact = 0, user = 0, opened = 0, seq = 0, expires = 0, reviewed = 0;
  soci::indicator reviewed_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(contact));
    st.exchange(soci::into(user));
    st.exchange(soci::into(r.username));
    st.exchange(soci::into(r.agency));
    st.exchange(soci::into(r.role));
    st.exchange(soci::into(r.reason));
    st.exchange(soci::into(r.opened_at));
    st.exchange(soci::into(opened));
    st.exchange(soci::into(seq));
    st.exchange(soci::into(r.expires_at));
    st.exchange(soci::into(expires));
    st.exchange(soci::into(r.reviewed_by));
    st.exchange(soci::into(r.reviewed_at));
    st.exchange(soci::into(reviewed, reviewed_ind));
    st.exchange(soci::into(r.review_note));
  }
  BreakGlassRow row() const {
    BreakGlassRow out = r;
    out.id = id;
    out.contact_id = contact;
    out.user_id = user;
    out.opened_epoch = opened;
    out.opened_seq = seq;
    out.expires_epoch = expires;
    out.reviewed_epoch =
        reviewed_ind == soci::i_ok ? std::optional<int64_t>(reviewed) : std::nullopt;
    return out;
  }
};

}  // namespace

void insert_break_glass(Tx& tx, BreakGlassRow& row) {
  long long contact = row.contact_id, user = row.user_id, opened = row.opened_epoch,
            seq = row.opened_seq, expires = row.expires_epoch, id = 0;
  tx.sql() << "INSERT INTO break_glass (contact_id, user_id, username, agency, role, reason, "
              "opened_at, opened_epoch, opened_seq, expires_at, expires_epoch) VALUES (:c, :u, "
              ":n, :a, :r, :why, :oa, :oe, :os, :ea, :ee) RETURNING id",
      soci::use(contact, "c"), soci::use(user, "u"), soci::use(row.username, "n"),
      soci::use(row.agency, "a"), soci::use(row.role, "r"), soci::use(row.reason, "why"),
      soci::use(row.opened_at, "oa"), soci::use(opened, "oe"), soci::use(seq, "os"),
      soci::use(row.expires_at, "ea"), soci::use(expires, "ee"), soci::into(id);
  row.id = id;
}

std::optional<BreakGlassRow> find_break_glass(Tx& tx, int64_t id) {
  long long wanted = id;
  Binding b;
  soci::statement st(tx.sql());
  st.exchange(soci::use(wanted, "id"));
  b.bind(st);
  st.alloc();
  st.prepare(std::string(kColumns) + "WHERE id = :id");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return b.row();
}

std::vector<int64_t> live_break_glass_users(Tx& tx, int64_t contact_id, int64_t now) {
  long long contact = contact_id, at = now, user = 0;
  std::vector<int64_t> out;
  soci::statement st = (tx.sql().prepare << "SELECT DISTINCT user_id FROM break_glass WHERE "
                                            "contact_id = :c AND expires_epoch > :now",
                        soci::use(contact, "c"), soci::use(at, "now"), soci::into(user));
  st.execute();
  while (st.fetch()) out.push_back(user);
  return out;
}

std::optional<BreakGlassRow> live_break_glass(Tx& tx, int64_t contact_id, int64_t user_id,
                                              int64_t now) {
  long long contact = contact_id, user = user_id, at = now;
  Binding b;
  soci::statement st(tx.sql());
  st.exchange(soci::use(contact, "c"));
  st.exchange(soci::use(user, "u"));
  st.exchange(soci::use(at, "now"));
  b.bind(st);
  st.alloc();
  st.prepare(std::string(kColumns) +
             "WHERE contact_id = :c AND user_id = :u AND expires_epoch > :now ORDER BY id DESC "
             "LIMIT 1");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return b.row();
}

std::vector<BreakGlassRow> break_glass_list(Tx& tx, bool reviewed, int limit) {
  int most = limit;
  Binding b;
  soci::statement st(tx.sql());
  st.exchange(soci::use(most, "lim"));
  b.bind(st);
  st.alloc();
  st.prepare(std::string(kColumns) + (reviewed ? "WHERE reviewed_epoch IS NOT NULL ORDER BY id "
                                                 "DESC LIMIT :lim"
                                               : "WHERE reviewed_epoch IS NULL ORDER BY id LIMIT "
                                                 ":lim"));
  st.define_and_bind();
  st.execute();
  std::vector<BreakGlassRow> out;
  while (st.fetch()) out.push_back(b.row());
  return out;
}

void end_break_glass(Tx& tx, int64_t contact_id, int64_t user_id, const std::string& at,
                     int64_t epoch) {
  long long contact = contact_id, user = user_id, when = epoch, now = epoch;
  tx.sql() << "UPDATE break_glass SET expires_at = :at, expires_epoch = :e WHERE contact_id = :c "
              "AND user_id = :u AND expires_epoch > :now",
      soci::use(at, "at"), soci::use(when, "e"), soci::use(contact, "c"), soci::use(user, "u"),
      soci::use(now, "now");
}

bool sign_off_break_glass(Tx& tx, int64_t id, const std::string& by, const std::string& at,
                          int64_t epoch, const std::string& note, const std::string& expires_at,
                          int64_t expires_epoch) {
  long long wanted = id, when = epoch, until = expires_epoch;
  soci::statement st =
      (tx.sql().prepare << "UPDATE break_glass SET reviewed_by = :by, reviewed_at = :at, "
                           "reviewed_epoch = :e, review_note = :n, expires_at = :xa, "
                           "expires_epoch = :xe WHERE id = :id AND reviewed_epoch IS NULL",
       soci::use(by, "by"), soci::use(at, "at"), soci::use(when, "e"), soci::use(note, "n"),
       soci::use(expires_at, "xa"), soci::use(until, "xe"), soci::use(wanted, "id"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace mash::store
