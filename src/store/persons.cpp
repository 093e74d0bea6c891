#include "store/persons.h"

#include <soci/soci.h>

#include "store/prepared.h"

namespace mash::store {

namespace {

const char* const kLinkColumns =
    "id, subject_id, record_key, person_id, decision, status, decided_by, decided_at, reason, "
    "undone_by, undone_at, undo_reason";

struct LinkColumns {
  long long id = 0, subject_id = 0, person_id = 0;
  soci::indicator person_ind = soci::i_null;
  std::string record_key, decision, status, decided_by, decided_at, reason, undone_by, undone_at,
      undo_reason;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(subject_id));
    st.exchange(soci::into(record_key));
    st.exchange(soci::into(person_id, person_ind));
    for (std::string* s : {&decision, &status, &decided_by, &decided_at, &reason, &undone_by,
                           &undone_at, &undo_reason})
      st.exchange(soci::into(*s));
  }
  PersonLinkRow row() const {
    return PersonLinkRow{id,       subject_id, record_key, person_ind == soci::i_ok ? person_id : 0,
                         decision, status,     decided_by, decided_at,
                         reason,   undone_by,  undone_at,  undo_reason};
  }
};

// "cs:40" -> 40; 0 for any other key.
long long subject_id_of(const std::string& key) {
  if (key.rfind("cs:", 0) != 0) return 0;
  try {
    return std::stoll(key.substr(3));
  } catch (const std::exception&) {
    return 0;
  }
}

Sex sex_of(const std::string& code) { return from_code<Sex>(code).value_or(Sex::not_known); }

}  // namespace

void lock_person_links(Tx& tx) {
  if (tx.dialect() == Dialect::postgresql)
    tx.sql() << "LOCK TABLE person_links IN SHARE ROW EXCLUSIVE MODE";
}

int64_t insert_person(Tx& tx, const std::string& created_at, const std::string& created_by) {
  Prepared& insert = tx.prepared(
      "INSERT INTO persons (created_at, created_by) VALUES (:a, :b) RETURNING id", "tt", "n");
  insert.text(0, created_at);
  insert.text(1, created_by);
  insert.run();
  return insert.number_out(0);
}

void insert_person_link(Tx& tx, PersonLinkRow& l) {
  Prepared& insert = tx.prepared(
      "INSERT INTO person_links (subject_id, record_key, person_id, decision, status, decided_by, "
      "decided_at, reason) VALUES (:s, :k, :p, :d, :st, :by, :at, :r) RETURNING id",
      "ntnttttt", "n");
  insert.number(0, l.subject_id);
  insert.text(1, l.record_key);
  if (l.person_id > 0)
    insert.number(2, l.person_id);
  else
    insert.null(2);
  insert.text(3, l.decision);
  insert.text(4, l.status);
  insert.text(5, l.decided_by);
  insert.text(6, l.decided_at);
  insert.text(7, l.reason);
  insert.run();
  l.id = insert.number_out(0);
}

std::optional<PersonLinkRow> find_person_link(Tx& tx, int64_t id) {
  LinkColumns c;
  long long wanted = id;
  soci::statement st(tx.sql());
  st.exchange(soci::use(wanted, "id"));
  c.bind(st);
  st.alloc();
  st.prepare(std::string("SELECT ") + kLinkColumns + " FROM person_links WHERE id = :id");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return c.row();
}

void mark_person_link_undone(Tx& tx, int64_t id, const std::string& by, const std::string& at,
                             const std::string& reason) {
  long long wanted = id;
  tx.sql() << "UPDATE person_links SET status = 'undone', undone_by = :by, undone_at = :at, "
              "undo_reason = :r WHERE id = :id",
      soci::use(by, "by"), soci::use(at, "at"), soci::use(reason, "r"), soci::use(wanted, "id");
}

std::vector<PersonLinkRow> person_links_naming(Tx& tx, const std::string& key) {
  LinkColumns c;
  std::string k = key;
  long long subject = subject_id_of(key);
  soci::statement st(tx.sql());
  st.exchange(soci::use(k, "k"));
  st.exchange(soci::use(subject, "s"));
  c.bind(st);
  st.alloc();
  st.prepare(std::string("SELECT ") + kLinkColumns +
             " FROM person_links WHERE record_key = :k OR subject_id = :s ORDER BY id");
  st.define_and_bind();
  st.execute();
  std::vector<PersonLinkRow> out;
  while (st.fetch()) out.push_back(c.row());
  return out;
}

std::optional<int64_t> person_of(Tx& tx, const std::string& key) {
  Prepared& find = tx.prepared(
      "SELECT person_id FROM person_links WHERE status = 'confirmed' AND "
      "(record_key = :k OR subject_id = :s) ORDER BY id LIMIT 1",
      "tn", "n");
  find.text(0, key);
  find.number(1, subject_id_of(key));
  if (!find.run()) return std::nullopt;
  return find.number_out(0);
}

std::vector<std::string> members_of_person(Tx& tx, int64_t person_id) {
  long long person = person_id;
  long long subject = 0;
  std::string key;
  soci::statement st = (tx.sql().prepare << "SELECT subject_id, record_key FROM person_links "
                                            "WHERE person_id = :p AND status = 'confirmed' "
                                            "ORDER BY id",
                        soci::use(person), soci::into(subject), soci::into(key));
  st.execute();
  std::vector<std::string> out;
  auto add = [&](const std::string& k) {
    for (const auto& have : out)
      if (have == k) return;
    out.push_back(k);
  };
  while (st.fetch()) {
    add("cs:" + std::to_string(subject));
    add(key);
  }
  return out;
}

std::optional<StoredSubject> find_subject(Tx& tx, int64_t subject_id) {
  Prepared& find = tx.prepared(
      "SELECT s.contact_id, c.agency, c.received_at, s.given_name, s.family_name, s.other_names, "
      "s.date_of_birth, s.dob_kind, s.sex, s.role, s.address_line1, s.address_line2, s.town, "
      "s.postcode, s.nhs_number, s.upn FROM contact_subjects s JOIN contacts c ON "
      "c.id = s.contact_id WHERE s.id = :id",
      "n", "nttttttttttttttt");
  find.number(0, subject_id);
  if (!find.run()) return std::nullopt;
  StoredSubject out;
  out.contact_id = find.number_out(0);
  out.agency = find.text_out(1);
  out.received_at = parse_rfc3339(find.text_out(2)).value_or(Timestamp{});
  Subject& s = out.subject;
  s.id = subject_id;
  s.given_name = find.text_out(3);
  s.family_name = find.text_out(4);
  s.other_names = find.text_out(5);
  s.date_of_birth = parse_iso_date(find.text_out(6));
  s.dob_kind = from_code<DobKind>(find.text_out(7)).value_or(DobKind::known);
  s.sex = sex_of(find.text_out(8));
  s.role = from_code<SubjectRole>(find.text_out(9)).value_or(SubjectRole::child);
  s.address = {find.text_out(10), find.text_out(11), find.text_out(12), find.text_out(13)};
  s.nhs_number = find.text_out(14);
  s.upn = find.text_out(15);
  return out;
}

namespace {

struct SourceColumns {
  long long id = 0;
  std::string agency, source_id, given, family, other, dob, sex, line1, line2, town, postcode, nhs,
      upn, imported_at;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    for (std::string* s : {&agency, &source_id, &given, &family, &other, &dob, &sex, &line1, &line2,
                           &town, &postcode, &nhs, &upn, &imported_at})
      st.exchange(soci::into(*s));
  }
  SourceRecord record() const {
    SourceRecord r;
    r.id = id;
    r.agency = agency;
    r.source_id = source_id;
    Person& p = r.person;
    p.given_name = given;
    p.family_name = family;
    p.other_names = other;
    p.date_of_birth = parse_iso_date(dob);
    p.sex = sex_of(sex);
    p.address = {line1, line2, town, postcode};
    p.nhs_number = nhs;
    p.upn = upn;
    r.imported_at = parse_rfc3339(imported_at).value_or(Timestamp{});
    return r;
  }
};

const char* const kSourceColumns =
    "SELECT id, agency, source_id, given_name, family_name, other_names, date_of_birth, sex, "
    "address_line1, address_line2, town, postcode, nhs_number, upn, imported_at "
    "FROM source_records ";

}  // namespace

std::optional<SourceRecord> find_source_record_by_id(Tx& tx, int64_t id) {
  SourceColumns c;
  long long wanted = id;
  soci::statement st(tx.sql());
  st.exchange(soci::use(wanted, "id"));
  c.bind(st);
  st.alloc();
  st.prepare(std::string(kSourceColumns) + "WHERE id = :id");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return c.record();
}

void for_each_source_record(Tx& tx, int64_t after_id,
                            const std::function<void(const SourceRecord&)>& fn) {
  SourceColumns c;
  long long after = after_id;
  soci::statement st(tx.sql());
  st.exchange(soci::use(after, "after"));
  c.bind(st);
  st.alloc();
  st.prepare(std::string(kSourceColumns) + "WHERE id > :after ORDER BY id");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) fn(c.record());
}

void for_each_subject(Tx& tx, int64_t after_id,
                      const std::function<void(const Subject&, int64_t contact_id)>& fn) {
  long long after = after_id, id = 0, contact_id = 0;
  std::string given, family, other, dob, dob_kind, sex, line1, line2, town, postcode, nhs, upn;
  soci::statement st =
      (tx.sql().prepare << "SELECT id, contact_id, given_name, family_name, other_names, "
                           "date_of_birth, dob_kind, sex, address_line1, address_line2, town, "
                           "postcode, nhs_number, upn FROM contact_subjects WHERE id > :after "
                           "ORDER BY id",
       soci::use(after), soci::into(id), soci::into(contact_id), soci::into(given),
       soci::into(family), soci::into(other), soci::into(dob), soci::into(dob_kind),
       soci::into(sex), soci::into(line1), soci::into(line2), soci::into(town),
       soci::into(postcode), soci::into(nhs), soci::into(upn));
  st.execute();
  while (st.fetch()) {
    Subject s;
    s.id = id;
    s.given_name = given;
    s.family_name = family;
    s.other_names = other;
    s.date_of_birth = parse_iso_date(dob);
    s.dob_kind = from_code<DobKind>(dob_kind).value_or(DobKind::known);
    s.sex = sex_of(sex);
    s.address = {line1, line2, town, postcode};
    s.nhs_number = nhs;
    s.upn = upn;
    fn(s, contact_id);
  }
}

int64_t count_person_records(Tx& tx) {
  long long sources = 0, subjects = 0;
  tx.sql() << "SELECT COUNT(*) FROM source_records", soci::into(sources);
  tx.sql() << "SELECT COUNT(*) FROM contact_subjects", soci::into(subjects);
  return sources + subjects;
}

}  // namespace mash::store
