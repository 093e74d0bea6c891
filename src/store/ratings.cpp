#include "store/ratings.h"

#include <soci/soci.h>

#include "store/prepared.h"

namespace mash::store {

void insert_rating(Tx& tx, RatingRow& r) {
  Prepared& insert = tx.prepared(
      "INSERT INTO contact_ratings (contact_id, rating, rationale, rated_by, rated_at, "
      "rated_epoch, due_at, due_epoch) VALUES (:c, :r, :ra, :by, :at, :ae, :d, :de) RETURNING id",
      "nttttntn", "n");
  insert.number(0, r.contact_id);
  insert.text(1, r.rating);
  insert.text(2, r.rationale);
  insert.text(3, r.rated_by);
  insert.text(4, r.rated_at);
  insert.number(5, r.rated_epoch);
  insert.text(6, r.due_at);
  insert.number(7, r.due_epoch);
  insert.run();
  r.id = insert.number_out(0);
}

std::vector<RatingRow> ratings_of(Tx& tx, int64_t contact_id) {
  long long wanted = contact_id, id = 0, contact = 0, rated_epoch = 0, due_epoch = 0;
  RatingRow r;
  soci::statement st(tx.sql());
  st.exchange(soci::use(wanted, "c"));
  st.exchange(soci::into(id));
  st.exchange(soci::into(contact));
  for (std::string* s : {&r.rating, &r.rationale, &r.rated_by, &r.rated_at})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(rated_epoch));
  st.exchange(soci::into(r.due_at));
  st.exchange(soci::into(due_epoch));
  st.alloc();
  st.prepare(
      "SELECT id, contact_id, rating, rationale, rated_by, rated_at, rated_epoch, due_at, "
      "due_epoch FROM contact_ratings WHERE contact_id = :c ORDER BY id");
  st.define_and_bind();
  st.execute();
  std::vector<RatingRow> out;
  while (st.fetch()) {
    r.id = id;
    r.contact_id = contact;
    r.rated_epoch = rated_epoch;
    r.due_epoch = due_epoch;
    out.push_back(r);
  }
  return out;
}

}  // namespace mash::store
