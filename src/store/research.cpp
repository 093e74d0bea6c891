#include "store/research.h"

#include <soci/soci.h>

namespace mash::store {

namespace {

// "1,2,3" for an IN list: numbers only, so nothing to escape.
std::string id_list(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

constexpr const char* kRequestColumns =
    "SELECT id, contact_id, agency, question, narrative_reason, status, requested_by, "
    "requested_at, requested_epoch, due_at, due_epoch, saved_by, saved_at, answered_by, "
    "answered_at, answered_epoch, chased_epoch, narrative_withheld, narrative_withheld_reason "
    "FROM information_requests ";

// The withheld passages of a narrative in one column, each ended by the unit separator (which
// clean text never holds).
constexpr char kPassageEnd = '\x1f';
std::string joined_passages(const std::vector<std::string>& passages) {
  std::string out;
  for (const std::string& p : passages) out += p + kPassageEnd;
  return out;
}
std::vector<std::string> split_passages(const std::string& text) {
  std::vector<std::string> out;
  size_t from = 0;
  for (size_t at; (at = text.find(kPassageEnd, from)) != std::string::npos; from = at + 1)
    out.push_back(text.substr(from, at - from));
  return out;
}

// Runs a query over kRequestColumns (with `bind` adding its parameters) and reads each row.
template <class Bind>
std::vector<RequestRow> read_requests(Tx& tx, const std::string& rest, Bind bind) {
  long long id = 0, contact = 0, requested = 0, due = 0, answered = 0, chased = 0;
  soci::indicator answered_ind = soci::i_null, chased_ind = soci::i_null;
  RequestRow r;
  soci::statement st(tx.sql());
  bind(st);
  st.exchange(soci::into(id));
  st.exchange(soci::into(contact));
  for (std::string* s :
       {&r.agency, &r.question, &r.narrative_reason, &r.status, &r.requested_by, &r.requested_at})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(requested));
  st.exchange(soci::into(r.due_at));
  st.exchange(soci::into(due));
  for (std::string* s : {&r.saved_by, &r.saved_at, &r.answered_by, &r.answered_at})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(answered, answered_ind));
  st.exchange(soci::into(chased, chased_ind));
  std::string withheld;
  st.exchange(soci::into(withheld));
  st.exchange(soci::into(r.narrative_withheld_reason));
  st.alloc();
  st.prepare(kRequestColumns + rest);
  st.define_and_bind();
  st.execute();
  std::vector<RequestRow> out;
  while (st.fetch()) {
    r.id = id;
    r.contact_id = contact;
    r.requested_epoch = requested;
    r.due_epoch = due;
    r.answered_epoch = answered_ind == soci::i_ok ? std::optional<int64_t>(answered) : std::nullopt;
    r.chased_epoch = chased_ind == soci::i_ok ? std::optional<int64_t>(chased) : std::nullopt;
    r.narrative_withheld = split_passages(withheld);
    out.push_back(r);
  }
  // Each request's subjects, in the order they were asked about.
  for (RequestRow& row : out) {
    long long wanted = row.id, subject = 0;
    std::string known;
    soci::statement subjects =
        (tx.sql().prepare << "SELECT subject_id, known FROM request_subjects WHERE request_id = "
                             ":r ORDER BY subject_id",
         soci::use(wanted, "r"), soci::into(subject), soci::into(known));
    subjects.execute();
    while (subjects.fetch()) row.subjects.emplace_back(subject, known);
  }
  return out;
}

}  // namespace

void insert_basis(Tx& tx, BasisRow& b) {
  long long contact = b.contact_id, id = 0;
  tx.sql() << "INSERT INTO enquiry_bases (contact_id, consent, lawful_basis, reason, recorded_by, "
              "recorded_at) VALUES (:c, :co, :l, :r, :by, :at) RETURNING id",
      soci::use(contact, "c"), soci::use(b.consent, "co"), soci::use(b.lawful_basis, "l"),
      soci::use(b.reason, "r"), soci::use(b.recorded_by, "by"), soci::use(b.recorded_at, "at"),
      soci::into(id);
  b.id = id;
}

std::optional<BasisRow> latest_basis(Tx& tx, int64_t contact_id) {
  long long wanted = contact_id, id = 0;
  BasisRow b;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT id, consent, lawful_basis, reason, recorded_by, recorded_at FROM "
              "enquiry_bases WHERE contact_id = :c ORDER BY id DESC LIMIT 1",
      soci::into(id, ind), soci::into(b.consent), soci::into(b.lawful_basis), soci::into(b.reason),
      soci::into(b.recorded_by), soci::into(b.recorded_at), soci::use(wanted, "c");
  if (ind != soci::i_ok || !tx.sql().got_data()) return std::nullopt;
  b.id = id;
  b.contact_id = contact_id;
  return b;
}

bool insert_request(Tx& tx, RequestRow& r) {
  long long contact = r.contact_id, requested = r.requested_epoch, due = r.due_epoch, id = 0;
  const std::string withheld = joined_passages(r.narrative_withheld);
  soci::statement st =
      (tx.sql().prepare << "INSERT INTO information_requests (contact_id, agency, question, "
                           "narrative_reason, status, requested_by, requested_at, "
                           "requested_epoch, due_at, due_epoch, narrative_withheld, "
                           "narrative_withheld_reason) VALUES (:c, :a, :q, :n, :s, :by, :at, "
                           ":re, :d, :de, :w, :wr) ON CONFLICT (contact_id, agency) DO NOTHING "
                           "RETURNING id",
       soci::use(contact, "c"), soci::use(r.agency, "a"), soci::use(r.question, "q"),
       soci::use(r.narrative_reason, "n"), soci::use(r.status, "s"),
       soci::use(r.requested_by, "by"), soci::use(r.requested_at, "at"), soci::use(requested, "re"),
       soci::use(r.due_at, "d"), soci::use(due, "de"), soci::use(withheld, "w"),
       soci::use(r.narrative_withheld_reason, "wr"), soci::into(id));
  if (!st.execute(true)) return false;
  r.id = id;
  for (auto& [subject, known] : r.subjects) {
    long long req = r.id, sid = subject;
    tx.sql() << "INSERT INTO request_subjects (request_id, subject_id, known) VALUES (:r, :s, :k)",
        soci::use(req, "r"), soci::use(sid, "s"), soci::use(known, "k");
  }
  return true;
}

std::optional<RequestRow> find_request(Tx& tx, int64_t id) {
  long long wanted = id;
  auto rows = read_requests(tx, "WHERE id = :id",
                            [&](soci::statement& st) { st.exchange(soci::use(wanted, "id")); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

bool lock_request(Tx& tx, int64_t id) {
  long long wanted = id;
  soci::statement st = (tx.sql().prepare << "UPDATE information_requests SET status = status "
                                            "WHERE id = :id",
                        soci::use(wanted, "id"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<RequestRow> requests_of(Tx& tx, int64_t contact_id) {
  long long wanted = contact_id;
  return read_requests(tx, "WHERE contact_id = :c ORDER BY agency",
                       [&](soci::statement& st) { st.exchange(soci::use(wanted, "c")); });
}

std::vector<RequestRow> queue_of(Tx& tx, const std::string& agency, bool answered, int limit) {
  int most = limit;
  std::string a = agency;
  const std::string rest =
      answered ? "WHERE agency = :a ORDER BY CASE WHEN status = 'answered' THEN 1 ELSE 0 END, "
                 "CASE WHEN status = 'answered' THEN -answered_epoch ELSE due_epoch END, id "
                 "LIMIT :lim"
               : "WHERE agency = :a AND status <> 'answered' ORDER BY due_epoch, id LIMIT :lim";
  return read_requests(tx, rest, [&](soci::statement& st) {
    st.exchange(soci::use(a, "a"));
    st.exchange(soci::use(most, "lim"));
  });
}

void save_request_state(Tx& tx, const RequestRow& r) {
  long long id = r.id, answered = r.answered_epoch.value_or(0);
  soci::indicator answered_ind = r.answered_epoch ? soci::i_ok : soci::i_null;
  tx.sql() << "UPDATE information_requests SET status = :s, saved_by = :sb, saved_at = :sa, "
              "answered_by = :ab, answered_at = :aa, answered_epoch = :ae WHERE id = :id",
      soci::use(r.status, "s"), soci::use(r.saved_by, "sb"), soci::use(r.saved_at, "sa"),
      soci::use(r.answered_by, "ab"), soci::use(r.answered_at, "aa"),
      soci::use(answered, answered_ind, "ae"), soci::use(id, "id");
}

void set_subject_known(Tx& tx, int64_t request_id, int64_t subject_id, const std::string& known) {
  long long req = request_id, sid = subject_id;
  tx.sql() << "UPDATE request_subjects SET known = :k WHERE request_id = :r AND subject_id = :s",
      soci::use(known, "k"), soci::use(req, "r"), soci::use(sid, "s");
}

std::vector<RequestRow> unchased_overdue(Tx& tx, int64_t now, int limit) {
  long long at = now;
  int most = limit;
  return read_requests(tx,
                       "WHERE status <> 'answered' AND due_epoch <= :now AND chased_epoch IS "
                       "NULL ORDER BY due_epoch, id LIMIT :lim",
                       [&](soci::statement& st) {
                         st.exchange(soci::use(at, "now"));
                         st.exchange(soci::use(most, "lim"));
                       });
}

void mark_chased(Tx& tx, int64_t request_id, int64_t epoch) {
  long long id = request_id, at = epoch;
  tx.sql() << "UPDATE information_requests SET chased_epoch = :e WHERE id = :id",
      soci::use(at, "e"), soci::use(id, "id");
}

std::vector<RequestState> request_states(Tx& tx, const std::vector<int64_t>& contact_ids) {
  std::vector<RequestState> out;
  if (contact_ids.empty()) return out;
  long long contact = 0, due = 0, answered = 0;
  soci::indicator answered_ind = soci::i_null;
  RequestState r;
  soci::statement st =
      (tx.sql().prepare << "SELECT contact_id, agency, status, due_epoch, answered_epoch FROM "
                           "information_requests WHERE contact_id IN (" +
                               id_list(contact_ids) + ") ORDER BY contact_id, agency",
       soci::into(contact), soci::into(r.agency), soci::into(r.status), soci::into(due),
       soci::into(answered, answered_ind));
  st.execute();
  while (st.fetch()) {
    r.contact_id = contact;
    r.due_epoch = due;
    r.answered_epoch = answered_ind == soci::i_ok ? std::optional<int64_t>(answered) : std::nullopt;
    out.push_back(r);
  }
  return out;
}

void replace_items(Tx& tx, int64_t request_id, std::vector<ItemRow>& items) {
  long long req = request_id;
  tx.sql() << "DELETE FROM response_items WHERE request_id = :r", soci::use(req, "r");
  int position = 0;
  for (ItemRow& i : items) {
    long long subject = i.subject_id, id = 0;
    i.request_id = request_id;
    i.position = position++;
    tx.sql() << "INSERT INTO response_items (request_id, position, kind, subject_id, indicator, "
                "occurred_on, source_system, body, sensitivity, handling_code) VALUES (:r, :p, "
                ":k, :s, :i, :o, :ss, :b, :se, :h) RETURNING id",
        soci::use(req, "r"), soci::use(i.position, "p"), soci::use(i.kind, "k"),
        soci::use(subject, "s"), soci::use(i.indicator, "i"), soci::use(i.occurred_on, "o"),
        soci::use(i.source_system, "ss"), soci::use(i.body, "b"), soci::use(i.sensitivity, "se"),
        soci::use(i.handling_code, "h"), soci::into(id);
    i.id = id;
  }
}

namespace {

// Items of the requests a WHERE clause picks (its parameters bound by `bind`), by request then
// position.
template <class Bind>
std::vector<ItemRow> read_items(Tx& tx, const std::string& where, Bind bind) {
  long long id = 0, request = 0, subject = 0;
  int position = 0;
  ItemRow i;
  soci::statement st(tx.sql());
  bind(st);
  st.exchange(soci::into(id));
  st.exchange(soci::into(request));
  st.exchange(soci::into(position));
  st.exchange(soci::into(i.kind));
  st.exchange(soci::into(subject));
  for (std::string* s :
       {&i.indicator, &i.occurred_on, &i.source_system, &i.body, &i.sensitivity, &i.handling_code})
    st.exchange(soci::into(*s));
  st.alloc();
  st.prepare(
      "SELECT id, request_id, position, kind, subject_id, indicator, occurred_on, source_system, "
      "body, sensitivity, handling_code FROM response_items WHERE " +
      where + " ORDER BY request_id, position");
  st.define_and_bind();
  st.execute();
  std::vector<ItemRow> out;
  while (st.fetch()) {
    i.id = id;
    i.request_id = request;
    i.position = position;
    i.subject_id = subject;
    out.push_back(i);
  }
  return out;
}

template <class Bind>
std::vector<RedactionRow> read_redactions(Tx& tx, const std::string& where, Bind bind,
                                          std::vector<int64_t>* requests = nullptr) {
  long long id = 0, item = 0, begin = 0, end = 0, request = 0;
  RedactionRow r;
  soci::statement st(tx.sql());
  bind(st);
  st.exchange(soci::into(id));
  st.exchange(soci::into(item));
  st.exchange(soci::into(begin));
  st.exchange(soci::into(end));
  for (std::string* s : {&r.recipients, &r.reason, &r.note, &r.recorded_by, &r.recorded_at})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(request));
  st.alloc();
  st.prepare(
      "SELECT x.id, x.item_id, x.begin_offset, x.end_offset, x.recipients, x.reason, x.note, "
      "x.recorded_by, x.recorded_at, i.request_id FROM redactions x JOIN response_items i ON "
      "i.id = x.item_id WHERE " +
      where + " ORDER BY x.id");
  st.define_and_bind();
  st.execute();
  std::vector<RedactionRow> out;
  while (st.fetch()) {
    r.id = id;
    r.item_id = item;
    r.begin = begin;
    r.end = end;
    out.push_back(r);
    if (requests) requests->push_back(request);
  }
  return out;
}

}  // namespace

std::vector<ItemRow> items_of(Tx& tx, int64_t request_id) {
  long long req = request_id;
  return read_items(tx, "request_id = :r",
                    [&](soci::statement& st) { st.exchange(soci::use(req, "r")); });
}

std::map<int64_t, std::vector<ItemRow>> items_of_requests(Tx& tx, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<ItemRow>> out;
  if (ids.empty()) return out;
  for (ItemRow& i : read_items(tx, "request_id IN (" + id_list(ids) + ")", [](soci::statement&) {}))
    out[i.request_id].push_back(std::move(i));
  return out;
}

void insert_redaction(Tx& tx, RedactionRow& r) {
  long long item = r.item_id, begin = r.begin, end = r.end, id = 0;
  tx.sql() << "INSERT INTO redactions (item_id, begin_offset, end_offset, recipients, reason, "
              "note, recorded_by, recorded_at) VALUES (:i, :b, :e, :r, :re, :n, :by, :at) "
              "RETURNING id",
      soci::use(item, "i"), soci::use(begin, "b"), soci::use(end, "e"),
      soci::use(r.recipients, "r"), soci::use(r.reason, "re"), soci::use(r.note, "n"),
      soci::use(r.recorded_by, "by"), soci::use(r.recorded_at, "at"), soci::into(id);
  r.id = id;
}

std::vector<RedactionRow> redactions_of_request(Tx& tx, int64_t request_id) {
  long long req = request_id;
  return read_redactions(tx, "i.request_id = :r",
                         [&](soci::statement& st) { st.exchange(soci::use(req, "r")); });
}

std::map<int64_t, std::vector<RedactionRow>> redactions_of_requests(
    Tx& tx, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<RedactionRow>> out;
  if (ids.empty()) return out;
  std::vector<int64_t> requests;
  std::vector<RedactionRow> rows = read_redactions(
      tx, "i.request_id IN (" + id_list(ids) + ")", [](soci::statement&) {}, &requests);
  for (size_t n = 0; n < rows.size(); ++n) out[requests[n]].push_back(std::move(rows[n]));
  return out;
}

void insert_disclosure(Tx& tx, DisclosureRow& d) {
  long long contact = d.contact_id, request = d.request_id, epoch = d.disclosed_epoch, id = 0;
  tx.sql() << "INSERT INTO disclosures (contact_id, request_id, kind, from_agency, to_username, "
              "to_agency, purpose, basis, items, withheld, disclosed_at, disclosed_epoch) VALUES "
              "(:c, :r, :k, :f, :tu, :ta, :p, :b, :i, :w, :at, :e) RETURNING id",
      soci::use(contact, "c"), soci::use(request, "r"), soci::use(d.kind, "k"),
      soci::use(d.from_agency, "f"), soci::use(d.to_username, "tu"), soci::use(d.to_agency, "ta"),
      soci::use(d.purpose, "p"), soci::use(d.basis, "b"), soci::use(d.items, "i"),
      soci::use(d.withheld, "w"), soci::use(d.disclosed_at, "at"), soci::use(epoch, "e"),
      soci::into(id);
  d.id = id;
}

std::vector<DisclosureRow> disclosures_of(Tx& tx, const std::vector<int64_t>& contact_ids,
                                          int limit) {
  std::vector<DisclosureRow> out;
  if (contact_ids.empty()) return out;
  long long id = 0, contact = 0, request = 0, epoch = 0;
  int most = limit;
  DisclosureRow d;
  soci::statement st(tx.sql());
  st.exchange(soci::use(most, "lim"));
  st.exchange(soci::into(id));
  st.exchange(soci::into(contact));
  st.exchange(soci::into(request));
  for (std::string* s : {&d.kind, &d.from_agency, &d.to_username, &d.to_agency, &d.purpose,
                         &d.basis, &d.items, &d.withheld, &d.disclosed_at})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(epoch));
  st.alloc();
  st.prepare(
      "SELECT id, contact_id, request_id, kind, from_agency, to_username, to_agency, purpose, "
      "basis, items, withheld, disclosed_at, disclosed_epoch FROM disclosures WHERE contact_id "
      "IN (" +
      id_list(contact_ids) + ") ORDER BY id DESC LIMIT :lim");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    d.id = id;
    d.contact_id = contact;
    d.request_id = request;
    d.disclosed_epoch = epoch;
    out.push_back(d);
  }
  return out;
}

std::vector<std::string> active_users_of_agency(Tx& tx, const std::string& agency) {
  std::string name;
  std::vector<std::string> out;
  soci::statement st =
      (tx.sql().prepare << "SELECT username FROM users WHERE agency = :a AND active = 1 AND role "
                           "IN ('agency_practitioner', 'information_officer', 'social_worker', "
                           "'decision_maker', 'hub_manager') ORDER BY username",
       soci::use(agency, "a"), soci::into(name));
  st.execute();
  while (st.fetch()) out.push_back(name);
  return out;
}

void insert_message(Tx& tx, MessageRow& m) {
  long long request = m.request_id, epoch = m.sent_epoch, id = 0;
  tx.sql() << "INSERT INTO request_messages (request_id, author, author_agency, body, sent_at, "
              "sent_epoch) VALUES (:r, :a, :ag, :b, :at, :e) RETURNING id",
      soci::use(request, "r"), soci::use(m.author, "a"), soci::use(m.author_agency, "ag"),
      soci::use(m.body, "b"), soci::use(m.sent_at, "at"), soci::use(epoch, "e"), soci::into(id);
  m.id = id;
}

std::vector<MessageRow> messages_of(Tx& tx, int64_t request_id, const std::string& reader) {
  long long request = request_id, id = 0, epoch = 0, read = 0;
  MessageRow m;
  soci::statement st(tx.sql());
  st.exchange(soci::use(request, "r"));
  st.exchange(soci::use(reader, "u"));
  st.exchange(soci::into(id));
  st.exchange(soci::into(m.author));
  st.exchange(soci::into(m.author_agency));
  st.exchange(soci::into(m.body));
  st.exchange(soci::into(m.sent_at));
  st.exchange(soci::into(epoch));
  st.exchange(soci::into(read));
  st.alloc();
  st.prepare(
      "SELECT m.id, m.author, m.author_agency, m.body, m.sent_at, m.sent_epoch, (SELECT COUNT(*) "
      "FROM message_reads x WHERE x.message_id = m.id AND x.username = :u) FROM "
      "request_messages m WHERE m.request_id = :r ORDER BY m.id");
  st.define_and_bind();
  st.execute();
  std::vector<MessageRow> out;
  while (st.fetch()) {
    m.id = id;
    m.request_id = request_id;
    m.sent_epoch = epoch;
    m.read = read > 0 || m.author == reader;
    out.push_back(m);
  }
  return out;
}

void mark_messages_read(Tx& tx, int64_t request_id, const std::string& reader, int64_t epoch) {
  long long request = request_id, at = epoch;
  tx.sql() << "INSERT INTO message_reads (message_id, username, read_epoch) SELECT m.id, :u, :e "
              "FROM request_messages m WHERE m.request_id = :r AND m.author <> :u2 AND NOT EXISTS "
              "(SELECT 1 FROM message_reads x WHERE x.message_id = m.id AND x.username = :u3)",
      soci::use(reader, "u"), soci::use(at, "e"), soci::use(request, "r"), soci::use(reader, "u2"),
      soci::use(reader, "u3");
}

std::map<int64_t, int64_t> unread_counts(Tx& tx, const std::vector<int64_t>& request_ids,
                                         const std::string& reader) {
  std::map<int64_t, int64_t> out;
  if (request_ids.empty()) return out;
  long long request = 0, n = 0;
  soci::statement st =
      (tx.sql().prepare << "SELECT m.request_id, COUNT(*) FROM request_messages m WHERE "
                           "m.request_id IN (" +
                               id_list(request_ids) +
                               ") AND m.author <> :u AND NOT EXISTS (SELECT 1 FROM message_reads "
                               "x WHERE x.message_id = m.id AND x.username = :u2) GROUP BY "
                               "m.request_id",
       soci::use(reader, "u"), soci::use(reader, "u2"), soci::into(request), soci::into(n));
  st.execute();
  while (st.fetch()) out[request] = n;
  return out;
}

RestrictionRow restriction_of(Tx& tx, int64_t contact_id) {
  long long wanted = contact_id, user = 0;
  int restricted = 0;
  RestrictionRow out;
  tx.sql() << "SELECT restricted FROM contacts WHERE id = :c", soci::into(restricted),
      soci::use(wanted, "c");
  out.restricted = restricted != 0;
  if (!out.restricted) return out;
  soci::statement st =
      (tx.sql().prepare << "SELECT user_id FROM contact_grants WHERE contact_id = :c ORDER BY "
                           "user_id",
       soci::use(wanted, "c"), soci::into(user));
  st.execute();
  while (st.fetch()) out.granted.push_back(user);
  soci::statement ex =
      (tx.sql().prepare << "SELECT user_id FROM contact_exclusions WHERE contact_id = :c ORDER BY "
                           "user_id",
       soci::use(wanted, "c"), soci::into(user));
  ex.execute();
  while (ex.fetch()) out.excluded.push_back(user);
  return out;
}

void set_restricted(Tx& tx, int64_t contact_id, bool restricted) {
  long long wanted = contact_id;
  int flag = restricted ? 1 : 0;
  tx.sql() << "UPDATE contacts SET restricted = :r WHERE id = :c", soci::use(flag, "r"),
      soci::use(wanted, "c");
}

void insert_grant(Tx& tx, int64_t contact_id, int64_t user_id, const std::string& by,
                  const std::string& at, const std::string& reason) {
  long long contact = contact_id, user = user_id;
  tx.sql() << "INSERT INTO contact_grants (contact_id, user_id, granted_by, granted_at, reason) "
              "VALUES (:c, :u, :by, :at, :r) ON CONFLICT (contact_id, user_id) DO NOTHING",
      soci::use(contact, "c"), soci::use(user, "u"), soci::use(by, "by"), soci::use(at, "at"),
      soci::use(reason, "r");
}

void insert_exclusion(Tx& tx, int64_t contact_id, int64_t user_id, const std::string& by,
                      const std::string& at, const std::string& reason) {
  long long contact = contact_id, user = user_id;
  tx.sql() << "INSERT INTO contact_exclusions (contact_id, user_id, excluded_by, excluded_at, "
              "reason) VALUES (:c, :u, :by, :at, :r) ON CONFLICT (contact_id, user_id) DO NOTHING",
      soci::use(contact, "c"), soci::use(user, "u"), soci::use(by, "by"), soci::use(at, "at"),
      soci::use(reason, "r");
}

}  // namespace mash::store
