// The hub's use cases. Each one is one transaction: it asks policy first, does its work, and
// writes its audit event in the same transaction as the data it touches. Thread-safe: one Hub
// serves every request of the web server.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/match_results.h"
#include "domain/agency.h"
#include "domain/clock.h"
#include "domain/contact.h"
#include "domain/hub_config.h"
#include "domain/research.h"
#include "domain/result.h"
#include "domain/screening.h"
#include "domain/user.h"
#include "policy/policy.h"

namespace mash::app {
class BreakGlass;
class ChangeFeed;
class Research;
}  // namespace mash::app

namespace mash::store {
class Database;
}

namespace mash::app {

using policy::Actor;

struct HubOptions {
  // The hub's rules: hours, ratings and their timescales, thresholds, who rates and decides
  // (`mash serve --config FILE`; docs/hub-config.toml).
  HubConfig config = HubConfig::standard();
  int session_idle_minutes = 30;             // signed out after this long without a request
  int session_absolute_hours = 10;           // and after this long whatever happens (a working day)
  int max_failed_sign_ins_per_account = 5;   // within the window, then the account waits
  int max_failed_sign_ins_per_address = 20;  // within the window, then the address waits
  int sign_in_window_minutes = 15;
  int draft_retention_days = 30;  // unfinished forms hold personal data: not kept for ever
  // Argon2id cost; tests lower it. Defaults are libsodium's "interactive" limits.
  unsigned long long password_opslimit = 2;
  size_t password_memlimit = 64u * 1024 * 1024;
  // Person matching (issue 3). The index of every source record and contact subject is built
  // when the hub starts, with a model learnt from those records; with fewer than
  // `min_records_to_match` it waits (the contact page says why) and is built on the first match
  // asked for once there are enough: a model learnt from a handful of records is not to be
  // trusted. Off: no index, no matching (for tests of other things).
  bool person_matching = true;
  size_t min_records_to_match = 200;
  double likely_match = 0.9;    // match probability at or above which a match is "likely"
  double possible_match = 0.5;  // and "possible"; below it, not shown
  // How long a break-glass access to a restricted contact lasts (issue 5); then the user must
  // say why again (`mash serve --break-glass-minutes`).
  int break_glass_minutes = 60;
};

// A signed-in browser session. `token` goes in the cookie; only its hash is stored.
struct Session {
  std::string token;
  std::string csrf_token;  // to echo in every form
  User user;
  Timestamp created_at;
  Timestamp expires_at;  // the sooner of the idle and absolute limits, as of this request
  // What policy lets the user do at all, for offering only the pages they can use.
  bool may_list_contacts = false;
  bool may_record_contacts = false;
  bool may_answer_requests = false;     // sees the information requests to their agency
  bool may_review_break_glass = false;  // hub managers and auditors: break-glass to sign off
  int64_t notifications = 0;            // the user's notifications not yet dismissed
  Actor actor() const;
};

struct ContactFilter {
  std::optional<ContactStatus> status;
  std::optional<ReferralSource> source;
  int page = 1;        // 1-based
  int page_size = 25;  // 1..100
};

// One row of the front-door queue.
struct ContactSummary {
  int64_t id = 0;
  Timestamp received_at;
  ReferralSource source = ReferralSource::unknown;
  Channel channel = Channel::web_form;
  std::string agency;
  ContactStatus status = ContactStatus::new_contact;
  std::vector<std::string> subject_names;  // "Given FAMILY", in the contact's order
  std::vector<PresentingIssue> presenting_issues;
};

// A restricted contact: hidden from everyone but the users granted it.
struct ContactRestriction {
  int64_t contact_id = 0;
  std::vector<std::string> granted;   // usernames, every grant so far, in username order
  std::vector<std::string> excluded;  // usernames named as connected to it, in username order
};

struct ContactPage {
  std::vector<ContactSummary> contacts;  // newest received first
  int64_t total = 0;                     // matching the filter, across all pages
  int page = 1;
  int page_size = 25;
};

struct RecordedContact {
  Contact contact;
  bool created = true;  // false when an agency re-sent an external_ref it had sent before
};

// One line of a record's access history.
struct AccessEntry {
  Timestamp at;
  std::string username;
  std::string agency;
  std::string role;    // role code, or "agency_system"
  std::string action;  // "contact.view", …
  std::string purpose;
  bool allowed = true;
};

// One line of a child's access history: an event about one of their contacts, or about the
// subject, their person or a link naming them.
struct SubjectAccessEntry : AccessEntry {
  int64_t seq = 0;         // the event's place in the audit log
  int64_t contact_id = 0;  // the contact it is about; 0 for their person or a link
};

// "Who saw this child's record, and why": a page of it, newest first.
struct SubjectAccessHistory {
  int64_t subject_id = 0;
  int64_t person_id = 0;                    // 0 when the subject is not confirmed as a person
  std::vector<int64_t> contacts;            // the contacts whose events are included, ascending
  std::vector<SubjectAccessEntry> entries;  // newest first
  int64_t total = 0;                        // events across all pages, this read's included
  // Older events remain: ask again with before = the last entry's seq for the next page. (Pages
  // are cut at an event, not a count, so events written meanwhile never shift them.)
  bool more = false;
};

struct TokenCreated {
  std::string token;  // shown once, never stored
  std::string name;
};

// One row of an agency's index, as read from its file: text as written, before validation.
struct SourceRecordRow {
  size_t line = 0;  // where the row is in the file, for messages
  std::string source_id;
  std::string given_name;
  std::string family_name;
  std::string other_names;
  std::string date_of_birth;  // ISO 8601 ("2014-03-07") or empty
  std::string sex;            // code, label, CIN census code or M/F/U; empty when not known
  std::string address_line1;
  std::string address_line2;
  std::string town;
  std::string postcode;
  std::string nhs_number;
  std::string upn;
};

struct ImportReport {
  std::string agency;
  size_t imported = 0;  // rows written, new or replacing the agency's earlier record
  int64_t total = 0;    // the agency's source records after the import
};

// One rating a contact was given (BRAG): the latest is its rating, the earlier its history.
struct ContactRating {
  std::string rating;  // the configuration's code: "red"
  std::string name;    // "Red" (the code when the configuration no longer has it)
  std::string rationale;
  std::string rated_by;  // username
  Timestamp rated_at;
  Timestamp due_at;  // the decision's due time this rating set (London's offset)
};

// A contact's clock: started at receipt, due by its rating's timescale under the hub's rules.
struct ContactClock {
  int64_t contact_id = 0;
  Timestamp received_at;
  std::vector<ContactRating> ratings;  // oldest first; empty: not rated yet
  std::optional<Timestamp> due_at;     // the latest rating's
  // When the decision that ended screening was made (none while the clock runs): the clock
  // stops there.
  std::optional<Timestamp> met_at;
  int64_t seconds_remaining = 0;  // at now (or at met_at when met); negative when overdue
  bool overdue = false;           // past due and not met, or met after it was due
};

// --- screening decisions (issue 4) ---------------------------------------------------------

// What a decision maker decides for a contact, as sent.
struct DecisionDraft {
  std::string route;  // domain/screening.h's code: "mash_enquiry", "allocated_worker", …
  int threshold = 0;  // one of the configuration's levels
  // The worker it goes to: a hub user's username. Needed to pass to an allocated worker; for a
  // MASH enquiry, the decider when empty; none for advice or no further action.
  std::string worker;
  std::string rationale;
  std::string strategy_discussion_at;  // RFC 3339, when one was held; "" when none
};

struct ContactDecision {
  int64_t id = 0;
  Route route = Route::mash_enquiry;
  int threshold = 0;
  std::string threshold_name;  // the configuration's name ("" when it no longer has the level)
  std::string worker;
  bool open_to_worker = false;  // a subject was already open to that worker
  std::string rationale;
  std::optional<Timestamp> strategy_discussion_at;
  std::string decided_by;
  Timestamp decided_at;
};

// A subject already open to a worker: another contact about the same person (a confirmed link)
// went to that worker and is not closed. Screening routes the new contact to them.
struct OpenToWorker {
  int64_t subject_id = 0;
  std::string subject_name;
  std::string worker;
  int64_t contact_id = 0;  // the contact that went to them
};

// One of a contact's clocks: the rating's decision clock or a statutory one.
struct ClockState {
  std::string clock;  // "decision", "referral_decision", "assessment", "initial_conference"
  std::string name;   // "Decision (Red)", "Referral decision (statutory)", …
  Timestamp started_at;
  Timestamp due_at;
  std::optional<Timestamp> met_at;  // none while it runs
  int64_t seconds_remaining = 0;    // at now, or at met_at; negative when past due
  bool overdue = false;             // past due and not met (never for an untracked clock)
  // False for the assessment and the conference: their completion is recorded in the case
  // system, not the hub, so the hub gives their due time but never calls them overdue.
  bool tracked = true;
};

// A clock that passed its due time, as recorded for the performance figures.
struct ClockBreach {
  std::string clock;   // "decision" or "referral_decision"
  std::string rating;  // the rating's code for a decision clock
  Timestamp due_at;
  Timestamp recorded_at;
};

// The screening side of a contact: who is on it, where it went and its clocks.
struct ContactScreening {
  int64_t contact_id = 0;
  ContactStatus status = ContactStatus::new_contact;
  std::string worker;
  std::vector<ContactDecision> decisions;  // oldest first
  std::vector<OpenToWorker> open_to;
  std::vector<ClockState> clocks;  // the rating's clock first (when rated), then the statutory
  std::vector<ClockBreach> breaches;
  ContactClock rating_clock;  // its ratings and the rating's clock, as contact_clock gives them
};

// A message for a user, such as a hub manager told of a clock that passed its due time. Holds
// no personal data: the contact's number and the clock.
struct Notification {
  int64_t id = 0;
  std::string kind;  // "breach"
  std::optional<int64_t> contact_id;
  std::string message;
  Timestamp created_at;
};

// The hub's e-mails: app/mail.h.
struct MailSettings;
struct MailReport;

struct SweepReport {
  size_t breaches = 0;         // clocks found past due and recorded
  size_t notifications = 0;    // hub managers told
  size_t requests_chased = 0;  // information requests past due, chased (app/research.h)
};

// One subject on the case tracker: the name and age only.
struct TrackerSubject {
  std::string name;        // "Given FAMILY"
  std::optional<int> age;  // whole years; none when the date of birth is not known
  bool unborn = false;
};

// One open contact on the case tracker (issue 4).
struct TrackerItem {
  int64_t contact_id = 0;
  Timestamp received_at;
  ContactStatus status = ContactStatus::new_contact;
  ReferralSource source = ReferralSource::unknown;
  std::string agency;
  std::vector<TrackerSubject> subjects;
  std::string rating;       // the configuration's code; empty: not rated yet
  std::string rating_name;  // "Red"
  std::optional<Timestamp> due_at;
  int64_t seconds_remaining = 0;  // negative when overdue; 0 when not rated
  bool overdue = false;
  std::string worker;  // username of the worker on it (who screens it, or was passed it); may be
                       // empty
  bool marac = false;  // its latest DASH checklist met a route to MARAC: a referral is due
  // The agencies involved: the one that sent it and those its subjects' persons are known to.
  std::vector<std::string> agencies;
  // Each agency asked in its MASH enquiry (issue 5), and where its reply is.
  struct Reply {
    std::string agency;
    RequestStatus status = RequestStatus::requested;
    Timestamp due_at;
    bool overdue = false;  // not answered by its due time (as of the read), or answered late
  };
  std::vector<Reply> replies;
};

struct TrackerFilter {
  std::string rating;                   // a rating's code; empty: any
  std::optional<ContactStatus> status;  // one open status; none: every open one
  bool overdue_only = false;
  std::string worker;  // a username; empty: any
  // For a wall screen seen across the room: subjects only as the hub's [tracker] settings allow
  // (HubConfig::wall; by default neither names nor ages).
  bool wall = false;
};

class Hub {
 public:
  Hub(store::Database& db, const Clock& clock, HubOptions options = {});
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // --- sign-in ---------------------------------------------------------------------------
  // unauthenticated for a wrong username or password (the same message for both);
  // too_many when the account or the address has failed too often lately.
  Result<Session> sign_in(const std::string& username, const std::string& password,
                          const std::string& address);
  // The live session for a cookie token, its idle clock restarted; unauthenticated if unknown,
  // signed out or expired.
  // `activity` false: a check the person did not make (a live board's push), which leaves the
  // idle clock alone so that an unattended screen still signs out.
  Result<Session> resume_session(const std::string& token, bool activity = true);
  void sign_out(const std::string& token);
  // The actor for an API bearer token; unauthenticated if unknown or revoked.
  Result<Actor> authenticate_token(const std::string& token);

  // --- contacts --------------------------------------------------------------------------
  // Validates, stores and audits a contact. From an agency system with an external_ref it has
  // sent before, returns the stored contact with created = false and stores nothing.
  Result<RecordedContact> record_contact(const Actor& actor, Contact draft);
  Result<Contact> view_contact(const Actor& actor, int64_t id, const std::string& purpose);
  Result<ContactPage> list_contacts(const Actor& actor, const ContactFilter& filter);
  Result<std::vector<AccessEntry>> access_history(const Actor& actor, int64_t contact_id);
  // Restricts a contact (issue 5: a hub employee's relative, a high-profile person, a
  // confidential address): from then on every use case hides it from everyone but the users
  // named, who are granted it (added to any granted before; a restriction is never lifted here).
  // `reason` (1..1000 characters) is kept with each grant. The users `exclude_usernames` names are
  // connected to it (the hub manager whose relative it is): they may not break glass on it, are
  // not told when someone does, and do not review it; none may also be granted it. An unknown
  // contact or username, or no reason, changes nothing and says which. Only the operator at the
  // command line may (policy: contact.restrict); audited against the contact.
  Result<ContactRestriction> restrict_contact(
      const Actor& actor, int64_t contact_id, const std::vector<std::string>& grant_usernames,
      const std::string& reason, const std::vector<std::string>& exclude_usernames = {});
  // Every audit event about a subject of the contact, as a child across contacts: the events of
  // each contact whose subject is confirmed (by a link not undone) as the same person, or of this
  // contact alone when the subject has no person, and those recorded against the subject, the
  // person and the links naming them. Policy decides for the contact (forbidden, audited, when
  // denied) and for each other contact, which is left out when the actor may not see its
  // history. A page is the `limit` (1..200) events older than the event `before` (0: the
  // newest). Audited as contact.access_history (app/hub_access.cpp).
  Result<SubjectAccessHistory> subject_access_history(const Actor& actor, int64_t contact_id,
                                                      int64_t subject_id, int64_t before = 0,
                                                      int limit = 50);

  // --- person matching (issue 3) -----------------------------------------------------------
  // Each subject's likely and possible matches among every agency's source records and the
  // subjects of other contacts (never itself, its own contact's other subjects, a record already
  // linked to its person, or a pair already confirmed or rejected), with each candidate's name
  // and date of birth as its holder has them, the subject's links and its "known to" summary.
  // Audited as one read ("person_match.view") naming the records shown.
  Result<ContactMatches> match_contact(const Actor& actor, int64_t contact_id);
  // Confirms that a subject of the contact and a record (key "sr:<id>" or "cs:<id>") are one
  // person: the person either already belongs to, or a new one. When both already belong to
  // different persons the hub refuses (conflict) rather than merge two people: undo the wrong
  // link first. `reason` is required (1..1000 characters). Audited as "person_link.confirm".
  Result<PersonLink> confirm_link(const Actor& actor, int64_t contact_id, int64_t subject_id,
                                  const std::string& record_key, const std::string& reason);
  // Records that they are two people: the pair is not offered again. "person_link.reject".
  Result<PersonLink> reject_link(const Actor& actor, int64_t contact_id, int64_t subject_id,
                                 const std::string& record_key, const std::string& reason);
  // Withdraws a confirmation (the record leaves the person) or a rejection (the pair is offered
  // again), keeping the link's history. The link must name a subject of the contact.
  // "person_link.undo".
  Result<PersonLink> undo_link(const Actor& actor, int64_t contact_id, int64_t link_id,
                               const std::string& reason);

  // --- screening (issue 4) --------------------------------------------------------------------
  // Rates a contact with one of the configuration's ratings: a rationale is always needed (a
  // changed rating needs its own), and every rating is kept. The first rating's clock runs from
  // receipt; a change runs the new timescale from receipt, or from the change when that has
  // passed (domain/working_time.h). Only the roles the configuration names may rate. Moves a
  // new contact to screening. Audited as contact.rate.
  Result<ContactClock> rate_contact(const Actor& actor, int64_t contact_id,
                                    const std::string& rating, const std::string& rationale);
  // The contact's ratings and its clock now. Audited as a view of the contact.
  Result<ContactClock> contact_clock(const Actor& actor, int64_t contact_id);
  // Every open contact (new, in screening or in enquiry) with its rating and clock: rated ones
  // by due time (the most overdue first), then those not rated yet, oldest first. Audited as a
  // listing of contacts (the case tracker).
  Result<std::vector<TrackerItem>> tracker(const Actor& actor, const TrackerFilter& filter);
  // The tracker's items for just these contacts (a live board's update), as tracker() shows
  // them: a contact no longer open or no longer matching the filter is left out, and the board
  // removes it. Audited as one listing naming the contacts (app/hub_tracker.cpp).
  Result<std::vector<TrackerItem>> tracker_rows(const Actor& actor, const TrackerFilter& filter,
                                                const std::vector<int64_t>& contact_ids);

  // Screening's decision: the threshold, the route and why. Needs a rating first; refused when
  // the contact is decided or closed, and when a subject is already open to a worker unless the
  // route passes it to them. Ending screening (any route but a MASH enquiry) decides the contact
  // and meets its clock; a MASH enquiry moves it to enquiry, its clock still running; either
  // meets the statutory referral decision clock. A decision after the due time records the
  // breach. Only the roles the configuration names may decide. Audited as contact.decide.
  Result<ContactScreening> decide_contact(const Actor& actor, int64_t contact_id,
                                          const DecisionDraft& draft);
  // The contact's worker, decisions, open workers, clocks and breaches. Audited as a view.
  Result<ContactScreening> screening_of(const Actor& actor, int64_t contact_id);
  // Records every clock that has passed its due time since the last sweep (a contact's rating
  // clock, and the statutory referral decision clock of contacts not yet decided), tells every
  // active hub manager, audits each as the system and wakes live boards. Run by the server
  // every half minute; safe to run at once from two servers (a breach is recorded once).
  SweepReport sweep_clocks();
  // The actor's own notifications not dismissed, newest first (at most 50), and dismissing one
  // (or all, with id 0): the number dismissed.
  Result<std::vector<Notification>> notifications(const Actor& actor);
  int64_t notification_count(const Actor& actor);
  Result<int64_t> dismiss_notifications(const Actor& actor, int64_t id);

  // --- DASH (issue 4) ------------------------------------------------------------------------
  // A DASH risk identification checklist as sent, text as given: record_dash checks it.
  struct DashInput {
    std::map<std::string, std::string> answers;  // question number ("1" … "24") -> "yes", "no"
                                                 // or "not_known"; every question needs one
    std::string judgement;  // professional judgement: "" none, "standard", "medium" or "high"
    std::string judgement_reason;          // needed with a judgement
    std::string incidents_last_12_months;  // a whole number, 0 to 1000
    std::string previous_marac_referral;   // ISO 8601 date of the last referral to MARAC, or ""
    int64_t subject_id = 0;                // the subject (the victim) it is about; 0: not said
  };
  // A checklist as recorded, with its outcome as assessed then under the hub's rules then.
  struct DashAssessment {
    int64_t id = 0;
    int64_t contact_id = 0;
    int64_t subject_id = 0;
    DashChecklist checklist;
    DashOutcome outcome;
    int high_risk_score = 14;  // the threshold the score was judged against
    std::string assessed_by;   // username
    Timestamp assessed_at;     // London's offset
  };
  // Records a checklist for a contact under the configuration's DashRules: a new one supersedes
  // the last, which is kept. Only the roles the configuration lets rate may. Bad input fails with
  // one FieldError per problem ("answers.7", "judgement_reason", "incidents_last_12_months",
  // "previous_marac_referral", "subject_id") and stores nothing. Audited as dash.record with the
  // score, level and MARAC routes (never the answers); boards hear of it after the commit.
  Result<DashAssessment> record_dash(const Actor& actor, int64_t contact_id,
                                     const DashInput& input);
  // The contact's checklists, oldest first (the last is its current one; empty: none yet).
  // Audited as dash.view when it shows any.
  Result<std::vector<DashAssessment>> dash_of(const Actor& actor, int64_t contact_id);
  // The hub's rules as it runs with them, for the admin page. Not personal data: not audited
  // unless refused.
  Result<HubConfig> configuration(const Actor& actor) const;

  // --- drafts ------------------------------------------------------------------------------
  // A user's unfinished form (e.g. kind "contact"), kept between the pages of a long form and
  // across sign-ins, one per user and kind, for HubOptions::draft_retention_days after it was
  // last saved. Only its author can read it. `content` is opaque.
  void save_draft(const Actor& actor, const std::string& kind, const std::string& content);
  std::optional<std::string> load_draft(const Actor& actor, const std::string& kind);
  void discard_draft(const Actor& actor, const std::string& kind);

  // --- administration (CLI) ---------------------------------------------------------------
  Result<User> add_user(const Actor& actor, User user, const std::string& password);
  Result<TokenCreated> create_agency_token(const Actor& actor, const std::string& agency,
                                           const std::string& name);
  Result<TokenCreated> create_user_token(const Actor& actor, const std::string& username,
                                         const std::string& name);
  Result<Agency> add_agency(const Actor& actor, Agency agency);
  // Sets (or, with "", removes) the address a user's "you have a new message" e-mails go to.
  // Audited as user.manage, without the address.
  Result<Done> set_user_email(const Actor& actor, const std::string& username,
                              const std::string& address);

  // --- e-mail (app/mail.h) ------------------------------------------------------------------
  // Sends the queued e-mails that are due through the settings' SMTP relay and records each
  // outcome: the relay refusing the message for good (5xx at RCPT TO, DATA or the message) or
  // the last of max_attempts fails it, any other failure of it is tried again later (1, 2, 4 …
  // 60 minutes on), one queued over max_age_hours ago expires. Safe to run at once from two
  // servers: each e-mail is claimed just before it is tried.
  // `stop` (may be empty), asked before each e-mail, ends the turn early. A relay that cannot be
  // reached, or refuses the session or the sender, ends it too: the e-mails wait, no try
  // counted, and MailReport::relay_problem says why.
  MailReport deliver_mail(const MailSettings& settings, const std::function<bool()>& stop = {});
  // Loads an agency's index of people: every row is checked first, and if any is wrong the
  // error names each bad row ("line N") with the reason and nothing is stored; otherwise all
  // rows are stored in one transaction, a row replacing the agency's earlier record with the
  // same source id. `progress` (may be empty) is called every 1,000 rows written and at the end.
  Result<ImportReport> import_source_records(
      const Actor& actor, const std::string& agency, const std::vector<SourceRecordRow>& rows,
      const std::function<void(size_t done, size_t total)>& progress = {});
  std::vector<Agency> agencies();

  // Whether the actor may ever do `action` (to some record of their own agency), the roles the
  // configuration names for it included: for not offering pages and links they could not use. Not
  // audited; each use case still asks policy about the record itself.
  bool may(const Actor& actor, policy::Action action) const;
  // The same as a use case's first check: ok when the actor may ever do `action` (the
  // configuration's roles included) and, given a contact (`contact_id`, 0 for none), may do it to
  // that contact (a restricted one is refused to anyone not granted it; one that does not exist
  // is left to the use case); otherwise forbidden, with the refusal audited against the contact.
  // For handlers that refuse before they read a request's input, so that someone kept out is not
  // told what is wrong with it; the use case still asks policy about the record itself.
  Status permit(const Actor& actor, policy::Action action, int64_t contact_id = 0);

  const Clock& clock() const;
  const HubConfig& config() const;
  // Open contacts that changed, for live boards (app/change_feed.h).
  ChangeFeed& changes() const;

 private:
  // confirm_link and reject_link: one use case with two outcomes.
  Result<PersonLink> decide_pair(const Actor& actor, policy::Action action, int64_t contact_id,
                                 int64_t subject_id, const std::string& record_key,
                                 const std::string& reason);
  // tracker and tracker_rows: every open contact, or only some (`only`).
  Result<std::vector<TrackerItem>> read_tracker(const Actor& actor, const TrackerFilter& filter,
                                                const std::vector<int64_t>* only);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  friend class Research;     // app/research.h: the research use cases share the hub's internals
  friend class BreakGlass;   // app/break_glass.h: and the break-glass ones
  friend class Performance;  // app/performance.h: the performance figures
};

// Options for a Hub that only administers (the command line's `user add`, `token create`,
// `agency add`, `import persons`): no person index, which a server builds at start and these
// never use.
HubOptions administration_options();

// The actor for work done at the command line by whoever runs `mash` on the server.
Actor command_line_actor();

}  // namespace mash::app
