#include "store/tracker.h"

#include <soci/soci.h>

#include <algorithm>

namespace mash::store {

namespace {

// Rows come in batches of this many: SOCI's bulk fetch, far cheaper than a row at a time. Each
// fetch shrinks the vectors to the rows it read; they are grown back before the next.
constexpr size_t kBatch = 1000;

// "IN ('new', 'screening')" and "AND c.id IN (1, 2)": codes are the program's own constants and
// ids are numbers, so writing them into the text is safe, and it spares a statement per count.
std::string where_of(const TrackerQuery& q) {
  std::string sql = " WHERE c.status IN (";
  for (size_t i = 0; i < q.statuses.size(); ++i) {
    const std::string& code = q.statuses[i];
    if (code.find('\'') != std::string::npos) throw StoreError("bad status code");
    sql += (i ? ", '" : "'") + code + "'";
  }
  sql += ")";
  if (!q.only.empty()) {
    sql += " AND c.id IN (";
    for (size_t i = 0; i < q.only.size(); ++i) sql += (i ? ", " : "") + std::to_string(q.only[i]);
    sql += ")";
  }
  return sql;
}

TrackerRow* row_of(std::vector<TrackerRow>& rows, long long id) {
  auto it = std::lower_bound(rows.begin(), rows.end(), id, [](const TrackerRow& r, long long want) {
    return r.contact_id < want;
  });
  return it != rows.end() && it->contact_id == id ? &*it : nullptr;
}

void read_contacts(Tx& tx, const std::string& where, std::vector<TrackerRow>& out) {
  std::vector<long long> id(kBatch), received_epoch(kBatch), due_epoch(kBatch), marac(kBatch),
      restricted(kBatch);
  std::vector<std::string> received_at(kBatch), status(kBatch), source(kBatch), agency(kBatch),
      worker(kBatch), rating(kBatch);
  soci::statement st(tx.sql());
  st.exchange(soci::into(id));
  st.exchange(soci::into(received_at));
  st.exchange(soci::into(received_epoch));
  st.exchange(soci::into(status));
  st.exchange(soci::into(source));
  st.exchange(soci::into(agency));
  st.exchange(soci::into(worker));
  st.exchange(soci::into(rating));
  st.exchange(soci::into(due_epoch));
  st.exchange(soci::into(marac));
  st.exchange(soci::into(restricted));
  st.alloc();
  // The latest rating is the one with the highest id (ratings are only ever added).
  st.prepare(
      "SELECT c.id, c.received_at, c.received_epoch, c.status, c.source, c.agency, c.worker, "
      "COALESCE(r.rating, ''), COALESCE(r.due_epoch, 0), "
      // The latest DASH checklist's MARAC referral flag (the latest supersedes the others).
      "COALESCE((SELECT d.marac_referral FROM dash_assessments d WHERE d.contact_id = c.id "
      "ORDER BY d.id DESC LIMIT 1), 0), c.restricted FROM contacts c LEFT JOIN "
      "contact_ratings r ON r.id = (SELECT MAX(x.id) FROM contact_ratings x WHERE "
      "x.contact_id = c.id)" +
      where + " ORDER BY c.id");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < id.size(); ++i) {
      TrackerRow r;
      r.contact_id = id[i];
      r.received_at = std::move(received_at[i]);
      r.received_epoch = received_epoch[i];
      r.status = std::move(status[i]);
      r.source = std::move(source[i]);
      r.agency = std::move(agency[i]);
      r.worker = std::move(worker[i]);
      r.rating = std::move(rating[i]);
      r.due_epoch = due_epoch[i];
      r.marac = marac[i] != 0;
      r.restricted = restricted[i] != 0;
      out.push_back(std::move(r));
    }
    for (auto* v : {&id, &received_epoch, &due_epoch, &marac, &restricted}) v->resize(kBatch);
    for (auto* v : {&received_at, &status, &source, &agency, &worker, &rating}) v->resize(kBatch);
  }
}

void read_subjects(Tx& tx, const std::string& where, std::vector<TrackerRow>& rows) {
  std::vector<long long> contact(kBatch);
  std::vector<std::string> given(kBatch), family(kBatch), dob(kBatch), kind(kBatch);
  soci::statement st(tx.sql());
  st.exchange(soci::into(contact));
  st.exchange(soci::into(given));
  st.exchange(soci::into(family));
  st.exchange(soci::into(dob));
  st.exchange(soci::into(kind));
  st.alloc();
  st.prepare(
      "SELECT s.contact_id, s.given_name, s.family_name, s.date_of_birth, s.dob_kind FROM "
      "contact_subjects s JOIN contacts c ON c.id = s.contact_id" +
      where + " ORDER BY s.contact_id, s.position");
  st.define_and_bind();
  st.execute();
  TrackerRow* last = nullptr;
  while (st.fetch()) {
    for (size_t i = 0; i < contact.size(); ++i) {
      if (!last || last->contact_id != contact[i]) last = row_of(rows, contact[i]);
      if (!last) continue;  // opened after the contacts were read
      last->subjects.push_back(TrackerSubjectRow{std::move(given[i]), std::move(family[i]),
                                                 std::move(dob[i]), std::move(kind[i])});
    }
    contact.resize(kBatch);
    for (auto* v : {&given, &family, &dob, &kind}) v->resize(kBatch);
  }
}

// A subject belongs to a person through a confirmed link naming it on either side ("cs:<id>" as
// the record, or as the link's subject); the person is known to the agencies whose source
// records ("sr:<id>") confirmed links name.
void read_known_to(Tx& tx, const std::string& where, std::vector<TrackerRow>& rows) {
  std::vector<long long> contact(kBatch);
  std::vector<std::string> agency(kBatch);
  soci::statement st(tx.sql());
  st.exchange(soci::into(contact));
  st.exchange(soci::into(agency));
  st.alloc();
  st.prepare(
      "WITH subject_person AS ("
      " SELECT subject_id AS subject, person_id FROM person_links WHERE status = 'confirmed'"
      " UNION SELECT CAST(SUBSTR(record_key, 4) AS BIGINT), person_id FROM person_links"
      " WHERE status = 'confirmed' AND record_key LIKE 'cs:%'),"
      " person_agency AS ("
      " SELECT DISTINCT l.person_id, sr.agency FROM person_links l JOIN source_records sr"
      " ON sr.id = CAST(SUBSTR(l.record_key, 4) AS BIGINT)"
      " WHERE l.status = 'confirmed' AND l.record_key LIKE 'sr:%')"
      " SELECT DISTINCT s.contact_id, pa.agency FROM subject_person sp"
      " JOIN person_agency pa ON pa.person_id = sp.person_id"
      " JOIN contact_subjects s ON s.id = sp.subject JOIN contacts c ON c.id = s.contact_id" +
      where + " ORDER BY s.contact_id, pa.agency");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < contact.size(); ++i)
      if (TrackerRow* r = row_of(rows, contact[i])) r->known_to.push_back(std::move(agency[i]));
    contact.resize(kBatch);
    agency.resize(kBatch);
  }
}

// Each contact's information requests, one row per agency asked.
void read_requests(Tx& tx, const std::string& where, std::vector<TrackerRow>& rows) {
  std::vector<long long> contact(kBatch), due(kBatch), answered(kBatch);
  std::vector<std::string> agency(kBatch), status(kBatch);
  std::vector<soci::indicator> answered_ind(kBatch);
  soci::statement st(tx.sql());
  st.exchange(soci::into(contact));
  st.exchange(soci::into(agency));
  st.exchange(soci::into(status));
  st.exchange(soci::into(due));
  st.exchange(soci::into(answered, answered_ind));
  st.alloc();
  st.prepare(
      "SELECT r.contact_id, r.agency, r.status, r.due_epoch, r.answered_epoch FROM "
      "information_requests r JOIN contacts c ON c.id = r.contact_id" +
      where + " ORDER BY r.contact_id, r.agency");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < contact.size(); ++i)
      if (TrackerRow* r = row_of(rows, contact[i]))
        r->requests.push_back({std::move(agency[i]), std::move(status[i]), due[i],
                               answered_ind[i] == soci::i_ok ? answered[i] : 0});
    for (auto* v : {&contact, &due, &answered}) v->resize(kBatch);
    for (auto* v : {&agency, &status}) v->resize(kBatch);
    answered_ind.resize(kBatch);
  }
}

// The users granted each restricted contact (few: most contacts are not restricted).
void read_grants(Tx& tx, const std::string& where, std::vector<TrackerRow>& rows) {
  long long contact = 0, user = 0;
  soci::statement st =
      (tx.sql().prepare << "SELECT g.contact_id, g.user_id FROM contact_grants g JOIN contacts c "
                           "ON c.id = g.contact_id" +
                               where + " AND c.restricted <> 0 ORDER BY g.contact_id, g.user_id",
       soci::into(contact), soci::into(user));
  st.execute();
  while (st.fetch())
    if (TrackerRow* r = row_of(rows, contact)) r->granted.push_back(user);
}

}  // namespace

std::vector<TrackerRow> tracker_rows(Tx& tx, const TrackerQuery& query) {
  std::vector<TrackerRow> rows;
  if (query.statuses.empty()) return rows;
  const std::string where = where_of(query);
  read_contacts(tx, where, rows);
  if (rows.empty()) return rows;
  if (query.subjects) read_subjects(tx, where, rows);
  read_known_to(tx, where, rows);
  read_requests(tx, where, rows);
  if (std::any_of(rows.begin(), rows.end(), [](const TrackerRow& r) { return r.restricted; }))
    read_grants(tx, where, rows);
  return rows;
}

}  // namespace mash::store
