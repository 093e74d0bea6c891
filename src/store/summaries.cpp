#include "store/summaries.h"

#include <soci/soci.h>

namespace mash::store {

namespace {

constexpr const char* kColumns =
    "SELECT id, contact_id, decision_id, to_username, to_agency, sent_by, sent_by_agency, "
    "purpose, note, body, sent_at, sent_epoch FROM outcome_summaries ";

template <class Bind>
std::vector<SummaryRow> read_summaries(Tx& tx, const std::string& rest, Bind bind) {
  std::vector<SummaryRow> out;
  long long id = 0, contact = 0, decision = 0, epoch = 0;
  SummaryRow r;
  soci::statement st(tx.sql());
  bind(st);
  st.exchange(soci::into(id));
  st.exchange(soci::into(contact));
  st.exchange(soci::into(decision));
  for (std::string* s : {&r.to_username, &r.to_agency, &r.sent_by, &r.sent_by_agency, &r.purpose,
                         &r.note, &r.body, &r.sent_at})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(epoch));
  st.alloc();
  st.prepare(std::string(kColumns) + rest);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    r.id = id;
    r.contact_id = contact;
    r.decision_id = decision;
    r.sent_epoch = epoch;
    out.push_back(r);
  }
  return out;
}

}  // namespace

void insert_summary(Tx& tx, SummaryRow& r) {
  long long contact = r.contact_id, decision = r.decision_id, epoch = r.sent_epoch, id = 0;
  tx.sql() << "INSERT INTO outcome_summaries (contact_id, decision_id, to_username, to_agency, "
              "sent_by, sent_by_agency, purpose, note, body, sent_at, sent_epoch) VALUES (:c, :d, "
              ":tu, :ta, :sb, :sa, :p, :n, :b, :at, :e) RETURNING id",
      soci::use(contact, "c"), soci::use(decision, "d"), soci::use(r.to_username, "tu"),
      soci::use(r.to_agency, "ta"), soci::use(r.sent_by, "sb"), soci::use(r.sent_by_agency, "sa"),
      soci::use(r.purpose, "p"), soci::use(r.note, "n"), soci::use(r.body, "b"),
      soci::use(r.sent_at, "at"), soci::use(epoch, "e"), soci::into(id);
  r.id = id;
}

std::vector<SummaryRow> summaries_of_user(Tx& tx, const std::string& username, int limit) {
  std::string who = username;
  int most = limit;
  return read_summaries(tx, "WHERE to_username = :u OR sent_by = :u ORDER BY id DESC LIMIT :lim",
                        [&](soci::statement& st) {
                          st.exchange(soci::use(who, "u"));
                          st.exchange(soci::use(most, "lim"));
                        });
}

std::vector<SummaryRow> summaries_of_contact(Tx& tx, int64_t contact_id, int limit) {
  long long contact = contact_id;
  int most = limit;
  return read_summaries(tx, "WHERE contact_id = :c ORDER BY id DESC LIMIT :lim",
                        [&](soci::statement& st) {
                          st.exchange(soci::use(contact, "c"));
                          st.exchange(soci::use(most, "lim"));
                        });
}

}  // namespace mash::store
