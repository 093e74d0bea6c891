#include "store/decisions.h"

#include <soci/soci.h>

#include "store/mail.h"
#include "store/prepared.h"

namespace mash::store {

void insert_decision(Tx& tx, DecisionRow& d) {
  Prepared& insert = tx.prepared(
      "INSERT INTO contact_decisions (contact_id, route, threshold, worker, open_to_worker, "
      "rationale, strategy_discussion_at, decided_by, decided_at, decided_epoch) "
      "VALUES (:c, :r, :t, :w, :o, :ra, :s, :by, :at, :e) RETURNING id",
      "ntntnttttn", "n");
  insert.number(0, d.contact_id);
  insert.text(1, d.route);
  insert.number(2, d.threshold);
  insert.text(3, d.worker);
  insert.number(4, d.open_to_worker ? 1 : 0);
  insert.text(5, d.rationale);
  insert.text(6, d.strategy_discussion_at);
  insert.text(7, d.decided_by);
  insert.text(8, d.decided_at);
  insert.number(9, d.decided_epoch);
  insert.run();
  d.id = insert.number_out(0);
}

std::vector<DecisionRow> decisions_of(Tx& tx, int64_t contact_id) {
  long long wanted = contact_id, id = 0, contact = 0, epoch = 0;
  int threshold = 0, open = 0;
  DecisionRow d;
  soci::statement st(tx.sql());
  st.exchange(soci::use(wanted, "c"));
  st.exchange(soci::into(id));
  st.exchange(soci::into(contact));
  st.exchange(soci::into(d.route));
  st.exchange(soci::into(threshold));
  st.exchange(soci::into(d.worker));
  st.exchange(soci::into(open));
  for (std::string* s : {&d.rationale, &d.strategy_discussion_at, &d.decided_by, &d.decided_at})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(epoch));
  st.alloc();
  st.prepare(
      "SELECT id, contact_id, route, threshold, worker, open_to_worker, rationale, "
      "strategy_discussion_at, decided_by, decided_at, decided_epoch FROM contact_decisions "
      "WHERE contact_id = :c ORDER BY id");
  st.define_and_bind();
  st.execute();
  std::vector<DecisionRow> out;
  while (st.fetch()) {
    d.id = id;
    d.contact_id = contact;
    d.threshold = threshold;
    d.open_to_worker = open != 0;
    d.decided_epoch = epoch;
    out.push_back(d);
  }
  return out;
}

bool lock_open_contact(Tx& tx, int64_t contact_id) {
  long long wanted = contact_id;
  soci::statement st =
      (tx.sql().prepare << "UPDATE contacts SET status = status WHERE id = :id AND status IN "
                           "('new', 'screening', 'enquiry')",
       soci::use(wanted, "id"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

ContactWork work_of(Tx& tx, int64_t contact_id) {
  long long wanted = contact_id, met = 0;
  soci::indicator met_ind = soci::i_null;
  ContactWork out;
  // Met by the first decision that ended screening: any route but a MASH enquiry.
  tx.sql() << "SELECT c.worker, (SELECT MIN(d.decided_epoch) FROM contact_decisions d WHERE "
              "d.contact_id = c.id AND d.route <> 'mash_enquiry') FROM contacts c WHERE c.id = :id",
      soci::into(out.worker), soci::into(met, met_ind), soci::use(wanted, "id");
  if (met_ind == soci::i_ok) out.met_epoch = met;
  return out;
}

void set_contact_worker(Tx& tx, int64_t contact_id, const std::string& username) {
  long long wanted = contact_id;
  tx.sql() << "UPDATE contacts SET worker = :w WHERE id = :id", soci::use(username, "w"),
      soci::use(wanted, "id");
}

bool insert_breach(Tx& tx, BreachRow& b) {
  // Two servers sweeping at once, or a decision racing the sweep: the unique index keeps one row
  // and the other insert does nothing (rather than failing its whole transaction).
  long long contact = b.contact_id, due = b.due_epoch, recorded = b.recorded_epoch, id = 0;
  soci::statement st =
      (tx.sql().prepare << "INSERT INTO clock_breaches (contact_id, clock, rating, due_at, "
                           "due_epoch, recorded_at, recorded_epoch) VALUES (:c, :k, :r, :d, :de, "
                           ":at, :ae) ON CONFLICT (contact_id, clock, due_epoch) DO NOTHING "
                           "RETURNING id",
       soci::use(contact, "c"), soci::use(b.clock, "k"), soci::use(b.rating, "r"),
       soci::use(b.due_at, "d"), soci::use(due, "de"), soci::use(b.recorded_at, "at"),
       soci::use(recorded, "ae"), soci::into(id));
  if (!st.execute(true)) return false;
  b.id = id;
  return true;
}

std::vector<BreachRow> breaches_of(Tx& tx, int64_t contact_id) {
  long long wanted = contact_id, id = 0, due = 0, recorded = 0;
  BreachRow b;
  soci::statement st(tx.sql());
  st.exchange(soci::use(wanted, "c"));
  st.exchange(soci::into(id));
  st.exchange(soci::into(b.clock));
  st.exchange(soci::into(b.rating));
  st.exchange(soci::into(b.due_at));
  st.exchange(soci::into(due));
  st.exchange(soci::into(b.recorded_at));
  st.exchange(soci::into(recorded));
  st.alloc();
  st.prepare(
      "SELECT id, clock, rating, due_at, due_epoch, recorded_at, recorded_epoch "
      "FROM clock_breaches WHERE contact_id = :c ORDER BY id");
  st.define_and_bind();
  st.execute();
  std::vector<BreachRow> out;
  while (st.fetch()) {
    b.id = id;
    b.contact_id = contact_id;
    b.due_epoch = due;
    b.recorded_epoch = recorded;
    out.push_back(b);
  }
  return out;
}

std::vector<DueClock> unrecorded_rating_breaches(Tx& tx, int64_t now, int limit) {
  long long at = now, id = 0, due = 0;
  int most = limit;
  DueClock d;
  soci::statement st(tx.sql());
  st.exchange(soci::use(at, "now"));
  st.exchange(soci::use(most, "lim"));
  st.exchange(soci::into(id));
  st.exchange(soci::into(d.rating));
  st.exchange(soci::into(d.due_at));
  st.exchange(soci::into(due));
  st.alloc();
  // The latest rating of each open contact: the one with no later rating.
  st.prepare(
      "SELECT r.contact_id, r.rating, r.due_at, r.due_epoch FROM contact_ratings r "
      "JOIN contacts c ON c.id = r.contact_id "
      "WHERE c.status IN ('new', 'screening', 'enquiry') AND r.due_epoch <= :now "
      "AND NOT EXISTS (SELECT 1 FROM contact_ratings later WHERE later.contact_id = r.contact_id "
      "AND later.id > r.id) "
      "AND NOT EXISTS (SELECT 1 FROM clock_breaches b WHERE b.contact_id = r.contact_id AND "
      "b.clock = 'decision' AND b.due_epoch = r.due_epoch) "
      "ORDER BY r.due_epoch, r.contact_id LIMIT :lim");
  st.define_and_bind();
  st.execute();
  std::vector<DueClock> out;
  while (st.fetch()) {
    d.contact_id = id;
    d.due_epoch = due;
    out.push_back(d);
  }
  return out;
}

std::vector<int64_t> undecided_received_by(Tx& tx, int64_t received_by, int limit) {
  long long before = received_by, id = 0;
  int most = limit;
  soci::statement st(tx.sql());
  st.exchange(soci::use(before, "by"));
  st.exchange(soci::use(most, "lim"));
  st.exchange(soci::into(id));
  st.alloc();
  st.prepare(
      "SELECT c.id FROM contacts c WHERE c.status IN ('new', 'screening', 'enquiry') "
      "AND c.received_epoch <= :by AND NOT EXISTS (SELECT 1 FROM contact_decisions d "
      "WHERE d.contact_id = c.id) AND NOT EXISTS (SELECT 1 FROM clock_breaches b "
      "WHERE b.contact_id = c.id AND b.clock = 'referral_decision') "
      "ORDER BY c.received_epoch, c.id LIMIT :lim");
  st.define_and_bind();
  st.execute();
  std::vector<int64_t> out;
  while (st.fetch()) out.push_back(id);
  return out;
}

void insert_notification(Tx& tx, NotificationRow& n) {
  long long contact = n.contact_id.value_or(0), epoch = n.created_epoch, id = 0;
  soci::indicator contact_ind = n.contact_id ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO notifications (recipient, kind, contact_id, message, created_at, "
              "created_epoch) VALUES (:r, :k, :c, :m, :at, :e) RETURNING id",
      soci::use(n.recipient, "r"), soci::use(n.kind, "k"), soci::use(contact, contact_ind, "c"),
      soci::use(n.message, "m"), soci::use(n.created_at, "at"), soci::use(epoch, "e"),
      soci::into(id);
  n.id = id;
  // The e-mail says only "you have a new message": what the notification says stays here.
  queue_mail(tx, n.recipient, n.created_epoch);
}

std::vector<NotificationRow> notifications_for(Tx& tx, const std::string& recipient, int limit) {
  long long id = 0, contact = 0, epoch = 0;
  soci::indicator contact_ind = soci::i_null;
  int most = limit;
  NotificationRow n;
  soci::statement st(tx.sql());
  st.exchange(soci::use(recipient, "r"));
  st.exchange(soci::use(most, "lim"));
  st.exchange(soci::into(id));
  st.exchange(soci::into(n.kind));
  st.exchange(soci::into(contact, contact_ind));
  st.exchange(soci::into(n.message));
  st.exchange(soci::into(n.created_at));
  st.exchange(soci::into(epoch));
  st.alloc();
  st.prepare(
      "SELECT id, kind, contact_id, message, created_at, created_epoch FROM notifications "
      "WHERE recipient = :r AND dismissed_epoch IS NULL ORDER BY id DESC LIMIT :lim");
  st.define_and_bind();
  st.execute();
  std::vector<NotificationRow> out;
  while (st.fetch()) {
    n.id = id;
    n.recipient = recipient;
    n.contact_id = contact_ind == soci::i_ok ? std::optional<int64_t>(contact) : std::nullopt;
    n.created_epoch = epoch;
    out.push_back(n);
  }
  return out;
}

int64_t count_notifications_for(Tx& tx, const std::string& recipient) {
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM notifications WHERE recipient = :r AND dismissed_epoch IS "
              "NULL",
      soci::into(n), soci::use(recipient, "r");
  return n;
}

int64_t dismiss_notifications(Tx& tx, const std::string& recipient, int64_t id, int64_t epoch) {
  long long at = epoch, wanted = id, before = 0, after = 0;
  before = count_notifications_for(tx, recipient);
  if (id == 0)
    tx.sql() << "UPDATE notifications SET dismissed_epoch = :e WHERE recipient = :r AND "
                "dismissed_epoch IS NULL",
        soci::use(at, "e"), soci::use(recipient, "r");
  else
    tx.sql() << "UPDATE notifications SET dismissed_epoch = :e WHERE recipient = :r AND id = :id "
                "AND dismissed_epoch IS NULL",
        soci::use(at, "e"), soci::use(recipient, "r"), soci::use(wanted, "id");
  after = count_notifications_for(tx, recipient);
  return before - after;
}

std::vector<std::string> active_users_with_role(Tx& tx, const std::string& role) {
  std::string name;
  soci::statement st(tx.sql());
  st.exchange(soci::use(role, "role"));
  st.exchange(soci::into(name));
  st.alloc();
  st.prepare("SELECT username FROM users WHERE role = :role AND active = 1 ORDER BY username");
  st.define_and_bind();
  st.execute();
  std::vector<std::string> out;
  while (st.fetch()) out.push_back(name);
  return out;
}

}  // namespace mash::store
