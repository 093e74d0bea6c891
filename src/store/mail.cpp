#include "store/mail.h"

#include <soci/soci.h>

namespace mash::store {

std::string user_email(Tx& tx, int64_t user_id) {
  long long id = user_id;
  std::string email;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT email FROM users WHERE id = :id", soci::use(id, "id"), soci::into(email, ind);
  return ind == soci::i_ok ? email : "";
}

void set_user_email(Tx& tx, int64_t user_id, const std::string& email) {
  long long id = user_id;
  tx.sql() << "UPDATE users SET email = :e WHERE id = :id", soci::use(email, "e"),
      soci::use(id, "id");
}

bool queue_mail(Tx& tx, const std::string& recipient, int64_t now) {
  long long at = now;
  soci::statement st =
      (tx.sql().prepare << "INSERT INTO mail_outbox (recipient, state, queued_epoch, attempts, "
                           "next_attempt_epoch) SELECT u.username, 'queued', :at, 0, :at2 "
                           "FROM users u WHERE u.username = :r AND u.active = 1 AND u.email <> '' "
                           "AND NOT EXISTS (SELECT 1 FROM mail_outbox m WHERE m.recipient = :r2 "
                           "AND m.state = 'queued') ON CONFLICT DO NOTHING",
       soci::use(at, "at"), soci::use(at, "at2"), soci::use(recipient, "r"),
       soci::use(recipient, "r2"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<MailRow> claim_due_mail(Tx& tx, int64_t now, int64_t claim_until, int limit) {
  long long id = 0, queued = 0, next = 0, when = now;
  int attempts = 0, active = 0, most = limit;
  MailRow r;
  soci::indicator address_ind = soci::i_null, active_ind = soci::i_null;
  std::vector<MailRow> due;
  {
    soci::statement st(tx.sql());
    st.exchange(soci::use(when, "now"));
    st.exchange(soci::use(most, "lim"));
    st.exchange(soci::into(id));
    st.exchange(soci::into(r.recipient));
    st.exchange(soci::into(r.address, address_ind));
    st.exchange(soci::into(active, active_ind));
    st.exchange(soci::into(attempts));
    st.exchange(soci::into(queued));
    st.exchange(soci::into(next));
    st.alloc();
    st.prepare(
        "SELECT m.id, m.recipient, u.email, u.active, m.attempts, m.queued_epoch, "
        "m.next_attempt_epoch FROM mail_outbox m LEFT JOIN users u ON u.username = m.recipient "
        "WHERE m.state = 'queued' AND m.next_attempt_epoch <= :now "
        "ORDER BY m.next_attempt_epoch, m.id LIMIT :lim");
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      MailRow row = r;
      row.id = id;
      if (address_ind != soci::i_ok) row.address.clear();
      row.active = active_ind == soci::i_ok && active != 0;
      row.attempts = attempts;
      row.queued_epoch = queued;
      row.claimed_until = next;  // until claimed below
      due.push_back(std::move(row));
    }
  }
  std::vector<MailRow> claimed;
  long long until = claim_until;
  for (MailRow& row : due) {
    long long wanted = row.id, was = row.claimed_until;
    soci::statement st =
        (tx.sql().prepare << "UPDATE mail_outbox SET next_attempt_epoch = :u WHERE id = :id AND "
                             "state = 'queued' AND next_attempt_epoch = :was",
         soci::use(until, "u"), soci::use(wanted, "id"), soci::use(was, "was"));
    st.execute(true);
    if (st.get_affected_rows() != 1) continue;
    row.claimed_until = claim_until;
    claimed.push_back(std::move(row));
  }
  return claimed;
}

bool finish_mail(Tx& tx, const MailRow& claimed, const std::string& state, int attempts,
                 int64_t now, const std::string& error) {
  long long wanted = claimed.id, until = claimed.claimed_until, at = now;
  soci::statement st =
      (tx.sql().prepare
           << "UPDATE mail_outbox SET state = :s, attempts = :a, finished_epoch = :at, "
              "last_error = :e WHERE id = :id AND state = 'queued' AND "
              "next_attempt_epoch = :u",
       soci::use(state, "s"), soci::use(attempts, "a"), soci::use(at, "at"), soci::use(error, "e"),
       soci::use(wanted, "id"), soci::use(until, "u"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool retry_mail(Tx& tx, const MailRow& claimed, int attempts, int64_t next_attempt,
                const std::string& error) {
  long long wanted = claimed.id, until = claimed.claimed_until, next = next_attempt;
  soci::statement st =
      (tx.sql().prepare << "UPDATE mail_outbox SET attempts = :a, next_attempt_epoch = :n, "
                           "last_error = :e WHERE id = :id AND state = 'queued' AND "
                           "next_attempt_epoch = :u",
       soci::use(attempts, "a"), soci::use(next, "n"), soci::use(error, "e"),
       soci::use(wanted, "id"), soci::use(until, "u"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<MailCount> mail_counts(Tx& tx) {
  std::string state;
  long long n = 0;
  soci::statement st = (tx.sql().prepare << "SELECT state, COUNT(*) FROM mail_outbox "
                                            "GROUP BY state ORDER BY state",
                        soci::into(state), soci::into(n));
  st.execute();
  std::vector<MailCount> out;
  while (st.fetch()) out.push_back({state, n});
  return out;
}

}  // namespace mash::store
