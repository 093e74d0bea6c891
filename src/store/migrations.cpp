#include "store/migrations.h"

#include <soci/soci.h>

#include <ctime>

namespace mash::store {

namespace {

// Version 1: the front door. Timestamps are kept as written (RFC 3339 text, with the offset the
// sender used) and, where rows are sorted or compared by time, also as epoch seconds.
const char* const kFrontDoor = R"SQL(
CREATE TABLE agencies (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  built_in INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  agency TEXT NOT NULL REFERENCES agencies(code),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id {{bigint}} NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_epoch {{bigint}} NOT NULL,
  last_seen_epoch {{bigint}} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE sign_in_failures (
  id {{id}},
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  at_epoch {{bigint}} NOT NULL
);
CREATE INDEX sign_in_failures_username ON sign_in_failures(username, at_epoch);
CREATE INDEX sign_in_failures_address ON sign_in_failures(address, at_epoch);
CREATE TABLE api_tokens (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  agency TEXT NOT NULL REFERENCES agencies(code),
  user_id {{bigint}} REFERENCES users(id),
  created_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE contacts (
  id {{id}},
  external_ref TEXT,
  agency TEXT NOT NULL REFERENCES agencies(code),
  channel TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_epoch {{bigint}} NOT NULL,
  source TEXT NOT NULL,
  referrer_anonymous INTEGER NOT NULL,
  referrer_name TEXT NOT NULL,
  referrer_organisation TEXT NOT NULL,
  referrer_role TEXT NOT NULL,
  referrer_phone TEXT NOT NULL,
  referrer_email TEXT NOT NULL,
  presenting_issues TEXT NOT NULL,
  narrative TEXT NOT NULL,
  consent_status TEXT NOT NULL,
  consent_reason TEXT NOT NULL,
  status TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE UNIQUE INDEX contacts_external_ref ON contacts(agency, external_ref);
CREATE INDEX contacts_queue ON contacts(received_epoch, id);
CREATE INDEX contacts_status_queue ON contacts(status, received_epoch, id);
CREATE INDEX contacts_source_queue ON contacts(source, received_epoch, id);
CREATE TABLE contact_subjects (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  position INTEGER NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  other_names TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  dob_kind TEXT NOT NULL,
  sex TEXT NOT NULL,
  role TEXT NOT NULL,
  address_line1 TEXT NOT NULL,
  address_line2 TEXT NOT NULL,
  town TEXT NOT NULL,
  postcode TEXT NOT NULL,
  nhs_number TEXT NOT NULL,
  upn TEXT NOT NULL
);
CREATE INDEX contact_subjects_contact ON contact_subjects(contact_id, position);
CREATE TABLE drafts (
  user_id {{bigint}} NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  content TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq {{bigint}} NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
CREATE TABLE audit_events (
  seq {{bigint}} PRIMARY KEY,
  occurred_at TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  username TEXT NOT NULL,
  agency TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_record ON audit_events(record_type, record_id, seq)
)SQL";

// Version 4: agencies' source records, loaded in bulk from their indexes (issue 3). Dates of
// birth are ISO text or ''; sex is its code.
const char* const kSourceRecords = R"SQL(
CREATE TABLE source_records (
  id {{id}},
  agency TEXT NOT NULL REFERENCES agencies(code),
  source_id TEXT NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  other_names TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  sex TEXT NOT NULL,
  address_line1 TEXT NOT NULL,
  address_line2 TEXT NOT NULL,
  town TEXT NOT NULL,
  postcode TEXT NOT NULL,
  nhs_number TEXT NOT NULL,
  upn TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (agency, source_id)
)
)SQL";

// Version 5: people resolved across agencies (issue 3). A person is the individual that contact
// subjects and source records describe. Each row of person_links is a worker's decision about one
// pair: a contact subject and a record (key "sr:<source record id>" or "cs:<contact subject id>"),
// confirmed as one person (person_id set) or rejected as two. Rows are never deleted: undoing a
// decision sets status 'undone' and says who, when and why; `decision` keeps what was decided.
const char* const kPersons = R"SQL(
CREATE TABLE persons (
  id {{id}},
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE person_links (
  id {{id}},
  subject_id {{bigint}} NOT NULL REFERENCES contact_subjects(id),
  record_key TEXT NOT NULL,
  person_id {{bigint}} REFERENCES persons(id),
  decision TEXT NOT NULL,
  status TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  undone_by TEXT NOT NULL DEFAULT '',
  undone_at TEXT NOT NULL DEFAULT '',
  undo_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_links_subject ON person_links(subject_id, status);
CREATE INDEX person_links_record ON person_links(record_key, status);
CREATE INDEX person_links_person ON person_links(person_id, status)
)SQL";

const char* const kContactRatings = R"SQL(
CREATE TABLE contact_ratings (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  rating TEXT NOT NULL,
  rationale TEXT NOT NULL,
  rated_by TEXT NOT NULL,
  rated_at TEXT NOT NULL,
  rated_epoch {{bigint}} NOT NULL,
  due_at TEXT NOT NULL,
  due_epoch {{bigint}} NOT NULL
);
CREATE INDEX contact_ratings_contact ON contact_ratings(contact_id, id)
)SQL";

// Screening decisions, the worker on each contact, clocks breached, and the hub
// manager's notifications (issue 4).
const char* const kDecisionsAndBreaches = R"SQL(
ALTER TABLE contacts ADD COLUMN worker TEXT NOT NULL DEFAULT '';
CREATE TABLE contact_decisions (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  route TEXT NOT NULL,
  threshold INTEGER NOT NULL,
  worker TEXT NOT NULL,
  open_to_worker INTEGER NOT NULL,
  rationale TEXT NOT NULL,
  strategy_discussion_at TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  decided_epoch {{bigint}} NOT NULL
);
CREATE INDEX contact_decisions_contact ON contact_decisions(contact_id, id);
CREATE TABLE clock_breaches (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  clock TEXT NOT NULL,
  rating TEXT NOT NULL,
  due_at TEXT NOT NULL,
  due_epoch {{bigint}} NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_epoch {{bigint}} NOT NULL
);
CREATE UNIQUE INDEX clock_breaches_once ON clock_breaches(contact_id, clock, due_epoch);
CREATE INDEX clock_breaches_recorded ON clock_breaches(recorded_epoch);
CREATE TABLE notifications (
  id {{id}},
  recipient TEXT NOT NULL,
  kind TEXT NOT NULL,
  contact_id {{bigint}},
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_epoch {{bigint}} NOT NULL,
  dismissed_epoch {{bigint}}
);
CREATE INDEX notifications_recipient ON notifications(recipient, dismissed_epoch, id)
)SQL";

// DASH risk identification checklists (issue 4): each one recorded for a contact, never updated
// (a new one supersedes it; the history is kept), with the outcome as assessed then (the score,
// the threshold it was judged against, the level and the routes to MARAC), and its answers one
// row per question number.
const char* const kDashAssessments = R"SQL(
CREATE TABLE dash_assessments (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  subject_id {{bigint}} NOT NULL DEFAULT 0,
  judgement TEXT NOT NULL,
  judgement_reason TEXT NOT NULL,
  incidents INTEGER NOT NULL,
  previous_marac TEXT NOT NULL,
  score INTEGER NOT NULL,
  answered INTEGER NOT NULL,
  high_risk_score INTEGER NOT NULL,
  level TEXT NOT NULL,
  marac_referral INTEGER NOT NULL,
  marac_routes TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  assessed_at TEXT NOT NULL,
  assessed_epoch {{bigint}} NOT NULL
);
CREATE INDEX dash_assessments_contact ON dash_assessments(contact_id, id);
CREATE TABLE dash_answers (
  assessment_id {{bigint}} NOT NULL REFERENCES dash_assessments(id),
  question INTEGER NOT NULL,
  answer TEXT NOT NULL,
  PRIMARY KEY (assessment_id, question)
)
)SQL";

// Multi-agency research (issue 5): the basis for sharing recorded on each enquiry (kept, the
// latest stands), information requests to agencies with the subjects each is about, agencies'
// answers item by item with their sensitivity marks (replaced while the answer is being written,
// never once it is sent), passages withheld from named agencies, every disclosure, and
// restricted contacts with the staff granted them.
const char* const kResearch = R"SQL(
ALTER TABLE contacts ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;
CREATE TABLE contact_grants (
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  user_id {{bigint}} NOT NULL REFERENCES users(id),
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (contact_id, user_id)
);
CREATE TABLE enquiry_bases (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  consent TEXT NOT NULL,
  lawful_basis TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX enquiry_bases_contact ON enquiry_bases(contact_id, id);
CREATE TABLE information_requests (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  agency TEXT NOT NULL REFERENCES agencies(code),
  question TEXT NOT NULL,
  narrative_reason TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  requested_epoch {{bigint}} NOT NULL,
  due_at TEXT NOT NULL,
  due_epoch {{bigint}} NOT NULL,
  saved_by TEXT NOT NULL DEFAULT '',
  saved_at TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT '',
  answered_at TEXT NOT NULL DEFAULT '',
  answered_epoch {{bigint}},
  chased_epoch {{bigint}},
  UNIQUE (contact_id, agency)
);
CREATE INDEX information_requests_queue ON information_requests(agency, status, due_epoch);
CREATE INDEX information_requests_due ON information_requests(status, due_epoch);
CREATE TABLE request_subjects (
  request_id {{bigint}} NOT NULL REFERENCES information_requests(id),
  subject_id {{bigint}} NOT NULL REFERENCES contact_subjects(id),
  known TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (request_id, subject_id)
);
CREATE TABLE response_items (
  id {{id}},
  request_id {{bigint}} NOT NULL REFERENCES information_requests(id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  subject_id {{bigint}} NOT NULL DEFAULT 0,
  indicator TEXT NOT NULL DEFAULT '',
  occurred_on TEXT NOT NULL DEFAULT '',
  source_system TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  sensitivity TEXT NOT NULL,
  handling_code TEXT NOT NULL DEFAULT ''
);
CREATE INDEX response_items_request ON response_items(request_id, position);
CREATE TABLE redactions (
  id {{id}},
  item_id {{bigint}} NOT NULL REFERENCES response_items(id),
  begin_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  recipients TEXT NOT NULL,
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX redactions_item ON redactions(item_id, id);
CREATE TABLE disclosures (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  request_id {{bigint}} NOT NULL DEFAULT 0,
  kind TEXT NOT NULL,
  from_agency TEXT NOT NULL,
  to_username TEXT NOT NULL,
  to_agency TEXT NOT NULL,
  purpose TEXT NOT NULL,
  basis TEXT NOT NULL,
  items TEXT NOT NULL,
  withheld TEXT NOT NULL,
  disclosed_at TEXT NOT NULL,
  disclosed_epoch {{bigint}} NOT NULL
);
CREATE INDEX disclosures_contact ON disclosures(contact_id, id)
)SQL";

// Secure messages (issue 5): a thread on each information request between the hub and the agency
// asked, in place of secure e-mail. Never updated; who has read each is kept beside it.
const char* const kMessages = R"SQL(
CREATE TABLE request_messages (
  id {{id}},
  request_id {{bigint}} NOT NULL REFERENCES information_requests(id),
  author TEXT NOT NULL,
  author_agency TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  sent_epoch {{bigint}} NOT NULL
);
CREATE INDEX request_messages_request ON request_messages(request_id, id);
CREATE TABLE message_reads (
  message_id {{bigint}} NOT NULL REFERENCES request_messages(id),
  username TEXT NOT NULL,
  read_epoch {{bigint}} NOT NULL,
  PRIMARY KEY (message_id, username)
)
)SQL";

// Break-glass (issue 5): each time a user opened a restricted contact they were not granted, why,
// until when, and who signed it off. Kept: a signed-off access stays for the record.
const char* const kBreakGlass = R"SQL(
CREATE TABLE break_glass (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  user_id {{bigint}} NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  agency TEXT NOT NULL,
  role TEXT NOT NULL,
  reason TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  opened_epoch {{bigint}} NOT NULL,
  opened_seq {{bigint}} NOT NULL,
  expires_at TEXT NOT NULL,
  expires_epoch {{bigint}} NOT NULL,
  reviewed_by TEXT,
  reviewed_at TEXT,
  reviewed_epoch {{bigint}},
  review_note TEXT
);
CREATE INDEX break_glass_contact ON break_glass(contact_id, user_id, expires_epoch);
CREATE INDEX break_glass_review ON break_glass(reviewed_epoch, id)
)SQL";

// Passages of the referral's narrative withheld from the agency a request shares it with (issue 5),
// each ended by the unit separator, and why (a sensitivity code).
const char* const kNarrativeWithheld = R"SQL(
ALTER TABLE information_requests ADD COLUMN narrative_withheld TEXT NOT NULL DEFAULT '';
ALTER TABLE information_requests ADD COLUMN narrative_withheld_reason TEXT NOT NULL DEFAULT ''
)SQL";

// The audit log is append-only for the application. Someone with direct write access to the
// database can still drop these; the hash chain is what makes that evident.
const char* const kAuditAppendOnlySqlite = R"SQL(
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
)SQL";

const char* const kAuditAppendOnlyPostgresql = R"SQL(
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
)SQL";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

std::string for_dialect(const std::string& sql, Dialect d) {
  if (d == Dialect::sqlite)
    return replace_all(replace_all(sql, "{{id}}", "INTEGER PRIMARY KEY AUTOINCREMENT"),
                       "{{bigint}}", "INTEGER");
  return replace_all(replace_all(sql, "{{id}}", "BIGSERIAL PRIMARY KEY"), "{{bigint}}", "BIGINT");
}

// Splits on ";\n" at the end of a statement (statements here never contain that sequence
// inside a string, but PL/pgSQL bodies contain ";" followed by a space).
std::vector<std::string> statements(const std::string& sql) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < sql.size()) {
    size_t end = sql.find(";\n", start);
    std::string stmt =
        sql.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (stmt.find_first_not_of(" \n\t") != std::string::npos) out.push_back(stmt);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

std::string utc_now_text() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  return buf;
}

}  // namespace

// Users named as connected to a restricted contact (issue 5: the hub manager whose relative it
// is): they may not open it by break-glass, are not told of break-glass access to it, and do not
// review it.
const char* const kContactExclusions = R"SQL(
CREATE TABLE contact_exclusions (
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  user_id {{bigint}} NOT NULL REFERENCES users(id),
  excluded_by TEXT NOT NULL,
  excluded_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (contact_id, user_id)
)
)SQL";

// Outcome summaries sent to receiving teams (issue 5): kept as sent, each answer in one also a
// disclosure of kind "summary".
const char* const kOutcomeSummaries = R"SQL(
CREATE TABLE outcome_summaries (
  id {{id}},
  contact_id {{bigint}} NOT NULL REFERENCES contacts(id),
  decision_id {{bigint}} NOT NULL,
  to_username TEXT NOT NULL,
  to_agency TEXT NOT NULL,
  sent_by TEXT NOT NULL,
  sent_by_agency TEXT NOT NULL,
  purpose TEXT NOT NULL,
  note TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  sent_epoch {{bigint}} NOT NULL
);
CREATE INDEX outcome_summaries_contact ON outcome_summaries(contact_id, id);
CREATE INDEX outcome_summaries_to ON outcome_summaries(to_username, id);
CREATE INDEX outcome_summaries_by ON outcome_summaries(sent_by, id)
)SQL";

// E-mails that tell a user "you have a new message" (issue 5), with no personal data: each user
// may give an address; a notification to them queues one e-mail unless one is already waiting;
// the sender claims due rows, sends and records the outcome.
const char* const kMailOutbox = R"SQL(
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
CREATE TABLE mail_outbox (
  id {{id}},
  recipient TEXT NOT NULL,
  state TEXT NOT NULL,
  queued_epoch {{bigint}} NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_epoch {{bigint}} NOT NULL,
  finished_epoch {{bigint}},
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_epoch);
CREATE INDEX mail_outbox_recipient ON mail_outbox(recipient, state);
CREATE UNIQUE INDEX mail_outbox_one_queued ON mail_outbox(recipient) WHERE state = 'queued'
)SQL";

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "front door: agencies, users, sessions, tokens, contacts, drafts, audit log", kFrontDoor},
      {2, "audit log is append-only", ""},  // per-dialect text, see apply_migration
      {3, "drafts expire: when each was last saved, in epoch seconds",
       "ALTER TABLE drafts ADD COLUMN updated_epoch {{bigint}} NOT NULL DEFAULT 0"},
      {4, "source records: agencies' indexes, loaded in bulk", kSourceRecords},
      {5, "persons and person links: subjects and records confirmed as one person", kPersons},
      {6, "contact ratings: each rating of a contact, with its rationale and due time, kept",
       kContactRatings},
      {7, "screening decisions, contacts' workers, clocks breached, notifications",
       kDecisionsAndBreaches},
      {8, "DASH checklists: each one recorded for a contact, with its answers, kept",
       kDashAssessments},
      {9,
       "research: bases for sharing, information requests and answers, redactions, "
       "disclosures, restricted contacts",
       kResearch},
      {10, "secure messages on information requests, and who has read each", kMessages},
      {11, "break-glass: restricted contacts opened by users not granted them, and reviews",
       kBreakGlass},
      {12, "passages of a shared narrative withheld from the agency asked", kNarrativeWithheld},
      {13, "users connected to a restricted contact, kept out of its break-glass and reviews",
       kContactExclusions},
      {14, "outcome summaries sent to receiving teams, kept as sent", kOutcomeSummaries},
      {15, "users' e-mail addresses and the outbox of \"you have a new message\" e-mails",
       kMailOutbox},
      {16, "information requests by when they were raised, for the performance figures",
       "CREATE INDEX information_requests_raised ON information_requests(requested_epoch)"},
  };
  return all;
}

int applied_schema_version(Tx& tx) {
  tx.sql() << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
              "description TEXT NOT NULL, applied_at TEXT NOT NULL)";
  int version = 0;
  soci::indicator ind;
  tx.sql() << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

void apply_migration(Tx& tx, const Migration& m) {
  std::string sql = m.sql;
  if (m.version == 2)
    sql = tx.dialect() == Dialect::sqlite ? kAuditAppendOnlySqlite : kAuditAppendOnlyPostgresql;
  for (const std::string& stmt : statements(for_dialect(sql, tx.dialect()))) tx.sql() << stmt;
  const std::string at = utc_now_text();
  tx.sql() << "INSERT INTO schema_migrations (version, description, applied_at) "
              "VALUES (:v, :d, :a)",
      soci::use(m.version), soci::use(m.description), soci::use(at);
}

}  // namespace mash::store
