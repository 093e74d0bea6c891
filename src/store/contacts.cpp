#include "store/contacts.h"

#include <soci/soci.h>

#include <map>

#include "domain/codes.h"
#include "store/prepared.h"

namespace mash::store {

namespace {

std::string join_issues(const std::vector<PresentingIssue>& issues) {
  std::string out;
  for (PresentingIssue i : issues) {
    if (!out.empty()) out += ',';
    out += code_of(i);
  }
  return out;
}

std::vector<PresentingIssue> split_issues(const std::string& text) {
  std::vector<PresentingIssue> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (auto i = from_code<PresentingIssue>(text.substr(start, end - start))) out.push_back(*i);
    start = end + 1;
  }
  return out;
}

template <class E>
E decode(const std::string& code, E fallback) {
  return from_code<E>(code).value_or(fallback);
}

Timestamp timestamp_or_epoch(const std::string& text) {
  return parse_rfc3339(text).value_or(Timestamp{});
}

// The columns of a contacts row, read in this order by kContactColumns.
struct ContactRow {
  long long id = 0;
  std::string external_ref;
  soci::indicator external_ref_ind = soci::i_null;
  std::string agency, channel, received_at, source;
  int referrer_anonymous = 0;
  std::string referrer_name, referrer_organisation, referrer_role, referrer_phone, referrer_email;
  std::string presenting_issues, narrative, consent_status, consent_reason, status, recorded_at,
      recorded_by;

  Contact to_contact() const {
    Contact c;
    c.id = id;
    if (external_ref_ind == soci::i_ok) c.external_ref = external_ref;
    c.agency = agency;
    c.channel = decode(channel, Channel::web_form);
    c.received_at = timestamp_or_epoch(received_at);
    c.source = decode(source, ReferralSource::unknown);
    c.referrer = {referrer_anonymous != 0, referrer_name,  referrer_organisation,
                  referrer_role,           referrer_phone, referrer_email};
    c.presenting_issues = split_issues(presenting_issues);
    c.narrative = narrative;
    c.consent = {decode(consent_status, ConsentStatus::not_sought), consent_reason};
    c.status = decode(status, ContactStatus::new_contact);
    c.recorded_at = timestamp_or_epoch(recorded_at);
    c.recorded_by = recorded_by;
    return c;
  }
};

const char* const kContactColumns =
    "id, external_ref, agency, channel, received_at, source, referrer_anonymous, referrer_name, "
    "referrer_organisation, referrer_role, referrer_phone, referrer_email, presenting_issues, "
    "narrative, consent_status, consent_reason, status, recorded_at, recorded_by";

void bind_contact_row(soci::statement& st, ContactRow& r) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.external_ref, r.external_ref_ind));
  for (std::string* s : {&r.agency, &r.channel, &r.received_at, &r.source})
    st.exchange(soci::into(*s));
  st.exchange(soci::into(r.referrer_anonymous));
  for (std::string* s :
       {&r.referrer_name, &r.referrer_organisation, &r.referrer_role, &r.referrer_phone,
        &r.referrer_email, &r.presenting_issues, &r.narrative, &r.consent_status, &r.consent_reason,
        &r.status, &r.recorded_at, &r.recorded_by})
    st.exchange(soci::into(*s));
}

struct SubjectRow {
  long long id = 0, contact_id = 0;
  int position = 0;
  std::string given_name, family_name, other_names, date_of_birth, dob_kind, sex, role, line1,
      line2, town, postcode, nhs_number, upn;

  Subject to_subject() const {
    Subject s;
    s.id = id;
    s.given_name = given_name;
    s.family_name = family_name;
    s.other_names = other_names;
    if (!date_of_birth.empty()) s.date_of_birth = parse_iso_date(date_of_birth);
    s.dob_kind = decode(dob_kind, DobKind::known);
    s.sex = decode(sex, Sex::not_known);
    s.role = decode(role, SubjectRole::child);
    s.address = {line1, line2, town, postcode};
    s.nhs_number = nhs_number;
    s.upn = upn;
    return s;
  }
};

// Subjects of the given contacts, in each contact's order.
std::map<long long, std::vector<Subject>> subjects_of(Tx& tx, const std::vector<long long>& ids) {
  std::map<long long, std::vector<Subject>> out;
  if (ids.empty()) return out;
  std::string in;
  for (long long id : ids) {
    if (!in.empty()) in += ',';
    in += std::to_string(id);  // integers only: safe to inline
  }
  SubjectRow r;
  soci::statement st =
      (tx.sql().prepare << "SELECT id, contact_id, position, given_name, family_name, "
                           "other_names, date_of_birth, dob_kind, sex, role, address_line1, "
                           "address_line2, town, postcode, nhs_number, upn "
                           "FROM contact_subjects WHERE contact_id IN (" +
                               in + ") ORDER BY contact_id, position",
       soci::into(r.id), soci::into(r.contact_id), soci::into(r.position), soci::into(r.given_name),
       soci::into(r.family_name), soci::into(r.other_names), soci::into(r.date_of_birth),
       soci::into(r.dob_kind), soci::into(r.sex), soci::into(r.role), soci::into(r.line1),
       soci::into(r.line2), soci::into(r.town), soci::into(r.postcode), soci::into(r.nhs_number),
       soci::into(r.upn));
  st.execute();
  while (st.fetch()) out[r.contact_id].push_back(r.to_subject());
  return out;
}

// WHERE clause and its bound values for a queue query.
struct Where {
  std::string sql;
  std::string status, source;
  long long viewer = 0;
};

Where where_of(const QueueQuery& q) {
  Where w;
  std::vector<std::string> parts;
  if (q.status) {
    w.status = std::string(code_of(*q.status));
    parts.push_back("status = :status");
  }
  if (q.source) {
    w.source = std::string(code_of(*q.source));
    parts.push_back("source = :source");
  }
  if (q.visible_to) {
    w.viewer = *q.visible_to;
    parts.push_back(
        "(restricted = 0 OR id IN (SELECT contact_id FROM contact_grants WHERE user_id = "
        ":viewer))");
  }
  for (size_t i = 0; i < parts.size(); ++i) w.sql += (i == 0 ? " WHERE " : " AND ") + parts[i];
  return w;
}

void bind_where(soci::statement& st, Where& w, const QueueQuery& q) {
  if (q.status) st.exchange(soci::use(w.status, "status"));
  if (q.source) st.exchange(soci::use(w.source, "source"));
  if (q.visible_to) st.exchange(soci::use(w.viewer, "viewer"));
}

}  // namespace

int64_t insert_contact(Tx& tx, Contact& c) {
  Prepared& insert = tx.prepared(
      "INSERT INTO contacts (external_ref, agency, channel, received_at, received_epoch, "
      "source, referrer_anonymous, referrer_name, referrer_organisation, referrer_role, "
      "referrer_phone, referrer_email, presenting_issues, narrative, consent_status, "
      "consent_reason, status, recorded_at, recorded_by) VALUES (:ref, :agency, :channel, "
      ":received_at, :received_epoch, :source, :anon, :rname, :rorg, :rrole, :rphone, :remail, "
      ":issues, :narrative, :consent, :reason, :status, :recorded_at, :recorded_by) RETURNING id",
      "ttttntntttttttttttt", "n");
  if (c.external_ref)
    insert.text(0, *c.external_ref);
  else
    insert.null(0);
  insert.text(1, c.agency);
  insert.text(2, std::string(code_of(c.channel)));
  insert.text(3, to_rfc3339(c.received_at));
  insert.number(4, c.received_at.epoch_seconds);
  insert.text(5, std::string(code_of(c.source)));
  insert.number(6, c.referrer.anonymous ? 1 : 0);
  insert.text(7, c.referrer.name);
  insert.text(8, c.referrer.organisation);
  insert.text(9, c.referrer.role);
  insert.text(10, c.referrer.phone);
  insert.text(11, c.referrer.email);
  insert.text(12, join_issues(c.presenting_issues));
  insert.text(13, c.narrative);
  insert.text(14, std::string(code_of(c.consent.status)));
  insert.text(15, c.consent.reason);
  insert.text(16, std::string(code_of(c.status)));
  insert.text(17, to_rfc3339(c.recorded_at));
  insert.text(18, c.recorded_by);
  insert.run();
  c.id = insert.number_out(0);

  Prepared& subject = tx.prepared(
      "INSERT INTO contact_subjects (contact_id, position, given_name, family_name, other_names, "
      "date_of_birth, dob_kind, sex, role, address_line1, address_line2, town, postcode, "
      "nhs_number, upn) VALUES (:c, :p, :g, :f, :o, :dob, :k, :sex, :role, :l1, :l2, :town, "
      ":pc, :nhs, :upn) RETURNING id",
      "nnttttttttttttt", "n");
  long long position = 0;
  for (Subject& s : c.subjects) {
    subject.number(0, c.id);
    subject.number(1, position++);
    subject.text(2, s.given_name);
    subject.text(3, s.family_name);
    subject.text(4, s.other_names);
    subject.text(5, s.date_of_birth ? to_iso(*s.date_of_birth) : "");
    subject.text(6, std::string(code_of(s.dob_kind)));
    subject.text(7, std::string(code_of(s.sex)));
    subject.text(8, std::string(code_of(s.role)));
    subject.text(9, s.address.line1);
    subject.text(10, s.address.line2);
    subject.text(11, s.address.town);
    subject.text(12, s.address.postcode);
    subject.text(13, s.nhs_number);
    subject.text(14, s.upn);
    subject.run();
    s.id = subject.number_out(0);
  }
  return c.id;
}

std::optional<Contact> find_contact(Tx& tx, int64_t id) {
  ContactRow r;
  long long wanted = id;
  soci::statement st(tx.sql());
  st.exchange(soci::use(wanted, "id"));
  bind_contact_row(st, r);
  st.alloc();
  st.prepare(std::string("SELECT ") + kContactColumns + " FROM contacts WHERE id = :id");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  Contact c = r.to_contact();
  auto subjects = subjects_of(tx, {r.id});
  c.subjects = std::move(subjects[r.id]);
  return c;
}

std::optional<int64_t> find_contact_by_external_ref(Tx& tx, const std::string& agency,
                                                    const std::string& external_ref) {
  Prepared& find =
      tx.prepared("SELECT id FROM contacts WHERE agency = :a AND external_ref = :r", "tt", "n");
  find.text(0, agency);
  find.text(1, external_ref);
  if (!find.run()) return std::nullopt;
  return find.number_out(0);
}

std::vector<Contact> list_contacts(Tx& tx, const QueueQuery& q) {
  Where w = where_of(q);
  ContactRow r;
  int limit = q.limit, offset = q.offset;
  soci::statement st(tx.sql());
  bind_where(st, w, q);
  st.exchange(soci::use(limit, "limit"));
  st.exchange(soci::use(offset, "offset"));
  bind_contact_row(st, r);
  st.alloc();
  st.prepare(std::string("SELECT ") + kContactColumns + " FROM contacts" + w.sql +
             " ORDER BY received_epoch DESC, id DESC LIMIT :limit OFFSET :offset");
  st.define_and_bind();
  st.execute();
  std::vector<Contact> out;
  std::vector<long long> ids;
  while (st.fetch()) {
    out.push_back(r.to_contact());
    ids.push_back(r.id);
  }
  auto subjects = subjects_of(tx, ids);
  for (Contact& c : out) c.subjects = std::move(subjects[c.id]);
  return out;
}

int64_t count_contacts(Tx& tx, const QueueQuery& q) {
  Where w = where_of(q);
  long long n = 0;
  soci::statement st(tx.sql());
  bind_where(st, w, q);
  st.exchange(soci::into(n));
  st.alloc();
  st.prepare("SELECT COUNT(*) FROM contacts" + w.sql);
  st.define_and_bind();
  st.execute(true);
  return n;
}

void set_contact_status(Tx& tx, int64_t id, ContactStatus status) {
  const std::string code(code_of(status));
  long long wanted = id;
  tx.sql() << "UPDATE contacts SET status = :s WHERE id = :id", soci::use(code, "s"),
      soci::use(wanted, "id");
}

}  // namespace mash::store
