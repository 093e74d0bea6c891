#include "store/performance.h"

#include <soci/soci.h>

namespace mash::store {

std::vector<RequestTiming> request_timings(Tx& tx, int64_t from_epoch, int64_t to_epoch) {
  long long from = from_epoch, to = to_epoch, requested = 0, due = 0, answered = 0;
  int chased = 0;
  soci::indicator answered_ind = soci::i_null;
  RequestTiming t;
  soci::statement st(tx.sql());
  st.exchange(soci::use(from, "f"));
  st.exchange(soci::use(to, "t"));
  st.exchange(soci::into(t.agency));
  st.exchange(soci::into(requested));
  st.exchange(soci::into(due));
  st.exchange(soci::into(answered, answered_ind));
  st.exchange(soci::into(chased));
  st.alloc();
  st.prepare(
      "SELECT r.agency, r.requested_epoch, r.due_epoch, r.answered_epoch, "
      "CASE WHEN r.chased_epoch IS NULL THEN 0 ELSE 1 END FROM information_requests r "
      "JOIN contacts c ON c.id = r.contact_id WHERE c.restricted = 0 "
      "AND r.requested_epoch >= :f AND r.requested_epoch < :t ORDER BY r.requested_epoch, r.id");
  st.define_and_bind();
  st.execute();
  std::vector<RequestTiming> out;
  while (st.fetch()) {
    RequestTiming row = t;
    row.requested_epoch = requested;
    row.due_epoch = due;
    if (answered_ind == soci::i_ok) row.answered_epoch = answered;
    row.chased = chased != 0;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace mash::store
