// Multi-agency research (issue 5): a MASH enquiry records the basis on which it shares, asks the
// relevant agencies what they know, and each agency answers inside the hub, marking what is
// sensitive; the hub reads the answers as policy allows, every disclosure recorded. Use cases as in
// app/hub.h: one transaction each, policy first, audited.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/codes.h"
#include "domain/person.h"
#include "domain/research.h"
#include "domain/result.h"
#include "domain/time.h"
#include "policy/policy.h"

namespace mash::app {

class Hub;
using policy::Actor;

// The basis an enquiry shares on: the family's consent, or a lawful basis and why without it.
struct EnquiryBasis {
  ConsentStatus consent = ConsentStatus::not_sought;
  std::string lawful_basis;       // the configuration's code; "" when consent was given
  std::string lawful_basis_name;  // its words
  std::string reason;             // why sharing without consent is justified
  std::string recorded_by;
  Timestamp recorded_at;
};

// As sent: consent's code (given, refused, not_sought), the lawful basis's code and why.
struct BasisDraft {
  std::string consent;
  std::string lawful_basis;
  std::string reason;
};

// Which agencies to ask, and what.
struct RequestDraft {
  std::vector<std::string> agencies;  // agency codes
  std::string question;               // what the hub wants to know (1..2000 characters)
  // The referral's narrative goes only when the requester says why (1..1000 characters); empty:
  // the agency gets the subjects' identifying details and the question, nothing more.
  std::string narrative_reason;
  // Passages of the narrative to withhold from the agencies asked (each as it appears in the
  // narrative; every occurrence is withheld), and why: a sensitivity code other than none. Only
  // with the narrative shared.
  std::vector<std::string> narrative_withheld;
  std::string narrative_withheld_reason;
};

// A subject as an agency asked sees them: identifying details to search its systems with.
struct RequestSubject {
  int64_t subject_id = 0;
  SubjectRole role = SubjectRole::child;
  Person person;
  Known known = Known::unanswered;
};

// An item of an answer as the reader may see it.
struct ResponseItem {
  int64_t id = 0;
  ItemKind kind = ItemKind::summary;
  int64_t subject_id = 0;     // the subject it is about; 0: the household or not said
  std::string indicator;      // risk: its code
  std::string occurred_on;    // chronology: ISO date
  std::string source_system;  // chronology: where the agency holds it
  std::string text;           // with withheld passages replaced by their markers
  Sensitivity sensitivity = Sensitivity::none;
  std::string handling_code;  // police intelligence
  bool withheld = false;      // the whole item is withheld from this reader: `text` is the marker
  size_t passages_withheld = 0;
};

// A passage withheld from named agencies, as the agency that answered (or a decision maker) sees
// its redactions; without the words for a decision maker of an agency they are withheld from.
struct Redaction {
  int64_t id = 0;
  int64_t item_id = 0;
  std::string passage;                  // the words withheld
  std::vector<std::string> recipients;  // agency codes; "*": every agency but the one answering
  Sensitivity reason = Sensitivity::third_party;
  std::string note;
  std::string recorded_by;
  Timestamp recorded_at;
};

struct InformationRequest {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string agency;  // the agency asked
  std::string agency_name;
  std::string question;
  // The referral's narrative when shared with the agency, its withheld passages replaced by their
  // markers (for every reader: it is what was shared); else empty.
  std::string narrative;
  std::string narrative_reason;
  size_t narrative_passages_withheld = 0;
  std::vector<PresentingIssue> presenting_issues;
  RequestStatus status = RequestStatus::requested;
  bool overdue = false;  // not answered and past due (answered late: answered_at > due_at)
  bool chased = false;   // the hub has chased it
  std::string requested_by;
  Timestamp requested_at;
  Timestamp due_at;
  std::string saved_by;  // who last saved a partial answer
  std::optional<Timestamp> saved_at;
  std::string answered_by;
  std::optional<Timestamp> answered_at;
  std::vector<RequestSubject> subjects;
  std::vector<ResponseItem> items;    // as the reader may see them
  std::vector<Redaction> redactions;  // for the agency asked and decision makers; else empty
  size_t withheld_items = 0;          // items withheld whole from this reader
};

// An answer as sent: the whole of it each time (a partial save replaces the last).
struct ResponseDraft {
  std::map<int64_t, std::string> known;  // subject id -> "known", "not_known" or "" (not yet)
  struct Item {
    std::string kind;  // "summary", "risk" or "chronology"
    std::string subject_id;
    std::string indicator;
    std::string occurred_on;
    std::string source_system;
    std::string text;
    std::string sensitivity;  // a sensitivity code; "" is none
    std::string handling_code;
  };
  std::vector<Item> items;
  bool send = false;  // false: save it to finish later
};

struct RedactionDraft {
  int64_t item_id = 0;
  std::string passage;  // the exact words to withhold, as they appear in the item
  std::vector<std::string> recipients;
  std::string reason;  // a sensitivity code other than none
  std::string note;
};

// One disclosure: what the hub shared, with whom, why and on what basis.
struct Disclosure {
  int64_t id = 0;
  int64_t contact_id = 0;
  int64_t request_id = 0;
  // "request" (sent to an agency), "response_read" (an answer read), "export" (an answer taken
  // away in an exported chronology), "summary" (an answer sent in an outcome summary)
  std::string kind;
  std::string from_agency;
  std::string to_username;  // empty for an agency as a whole
  std::string to_agency;
  std::string purpose;
  std::string basis;  // "consent" or a lawful basis's code
  std::vector<std::string> items;
  std::vector<std::string> withheld;
  Timestamp disclosed_at;
};

// What the hub tells the team a decided contact goes to, as sent.
struct SummaryDraft {
  std::string to;       // the recipient's username: the worker on the receiving team
  std::string purpose;  // why it is sent (1..200 characters)
  std::string note;     // covering words for the recipient (0..2000 characters)
};

// An outcome summary as sent: the decision, the subjects, the basis for sharing and the agencies'
// answers as policy let the recipient read them (withheld items and passages as their markers),
// kept as sent. Each answer in it is a disclosure of kind "summary" to the recipient.
struct OutcomeSummary {
  int64_t id = 0;
  int64_t contact_id = 0;
  int64_t decision_id = 0;
  std::string to_username;
  std::string to_agency;
  std::string sent_by;
  std::string sent_by_agency;
  std::string purpose;
  std::string note;
  std::string body;  // empty where the reader may see only that it was sent
  Timestamp sent_at;
};

// A contact's research: its basis for sharing, its requests with what the reader may read of
// each answer, and the agencies the configuration suggests asking.
struct ContactResearch {
  int64_t contact_id = 0;
  ContactStatus status = ContactStatus::new_contact;
  std::optional<EnquiryBasis> basis;
  std::vector<InformationRequest> requests;  // by agency
  std::vector<std::string> suggested_agencies;
  bool may_raise = false;  // an enquiry, and the actor may raise requests
  // Outcome summaries sent about the contact, newest first: who to, when and why, not what.
  std::vector<OutcomeSummary> summaries;
  bool may_summarise = false;    // decided, and the actor may send an outcome summary
  std::string receiving_worker;  // the worker the decision passed the contact to, if any
};

// One event on a chronology: a contact received, a decision, a record confirmed as the same
// person, or an entry an agency gave in answer to a request.
struct ChronologyEntry {
  std::string date;       // ISO 8601: when it happened
  Timestamp at;           // for ordering: the event's time, or the date's start for an agency entry
  std::string type;       // "contact", "decision", "link" or "agency"
  std::string agency;     // whose information it is (the hub's own for decisions and links)
  std::string source;     // where it comes from: "Contact 123", "SystmOne (request 45)", …
  std::string text;       // what happened, with withheld passages as their markers
  bool withheld = false;  // the whole entry is withheld from this reader: `text` is the marker
  int64_t contact_id = 0;
  int64_t subject_id = 0;  // 0: the household, or nobody in particular
};

struct ChronologyFilter {
  bool household = false;  // every subject of the contact, not just the one asked for
  std::string agency;      // only this agency's entries; empty: all
  std::string type;        // only this type; empty: all
  // Only entries holding every one of these words (split at spaces; letters A-Z in either case,
  // other letters as written;
  // each the start of a word: "bruis" finds "bruising") in what the reader sees of them: their
  // text, with withheld passages as markers, and their source. So words withheld from the reader
  // find nothing. At most 200 characters; empty: all.
  std::string words;
};

// A subject's (or a household's) chronology, newest first.
struct Chronology {
  int64_t contact_id = 0;
  int64_t subject_id = 0;
  std::string subject_name;           // "Given FAMILY" as display_name gives it; "" for a household
  std::vector<int64_t> contacts;      // the contacts it is drawn from
  std::vector<std::string> agencies;  // every agency with an entry, for the filter
  std::vector<ChronologyEntry> entries;
  size_t total = 0;  // entries before the agency and type filters
};

// A secure message on an information request, between the hub and the agency asked.
struct Message {
  int64_t id = 0;
  std::string author;
  std::string author_agency;
  std::string body;
  Timestamp sent_at;
  bool unread = false;  // not read by the reader before this read (their own never are)
};

struct MessageThread {
  int64_t request_id = 0;
  int64_t contact_id = 0;
  std::string agency;             // the agency asked
  std::vector<Message> messages;  // oldest first
  bool may_send = false;
};

class Research {
 public:
  explicit Research(Hub& hub) : hub_(hub) {}

  // Records the consent or the lawful basis an enquiry shares on (the latest stands). Without
  // consent given, a configured lawful basis and why (1..1000 characters) are required.
  // Audited as enquiry.basis_record.
  Result<EnquiryBasis> record_basis(const Actor& actor, int64_t contact_id,
                                    const BasisDraft& draft);
  // Asks each agency named; the contact must be in a MASH enquiry with a basis recorded. Each
  // request is due by the contact's rating's partner response time, from now, on the hub's
  // calendar. An agency already asked is refused, as is one the hub does not know. Each request is
  // a disclosure to its agency. Audited as request.raise.
  Result<std::vector<InformationRequest>> raise_requests(const Actor& actor, int64_t contact_id,
                                                         const RequestDraft& draft);
  // The contact's research as the actor may see it: each answer's items withheld and passages
  // redacted as policy says. Reading another agency's answer is a disclosure, recorded with the
  // purpose and basis. Audited as response.read.
  Result<ContactResearch> research_of(const Actor& actor, int64_t contact_id,
                                      const std::string& purpose);
  // The requests to the actor's agency: open ones by due time, then (with `answered`) those
  // answered, newest first; at most 200. Subjects and questions, not answers. Audited as
  // request.queue naming the requests.
  Result<std::vector<InformationRequest>> queue(const Actor& actor, bool answered);
  // One request, for the agency asked (with its own answer so far) or the hub. Audited as
  // request.view.
  Result<InformationRequest> request(const Actor& actor, int64_t request_id);
  // Saves the agency's answer: partially (anything so far, checked for what is there) or sent
  // (every subject known or not known, a summary, each item complete). A sent answer is final.
  // Audited as request.respond.
  Result<InformationRequest> respond(const Actor& actor, int64_t request_id,
                                     const ResponseDraft& draft);
  // Withholds every occurrence of a passage of an answered item from the named agencies, with
  // the reason readers see. The answer must have been sent (conflict otherwise); a request the
  // actor may not see is not found. Audited as redaction.record.
  Result<std::vector<Redaction>> redact(const Actor& actor, int64_t request_id,
                                        const RedactionDraft& draft);
  // Every disclosure about the contact and its subjects' other contacts, newest first (at most
  // 500). Audited as disclosure.view.
  Result<std::vector<Disclosure>> disclosures(const Actor& actor, int64_t contact_id);
  // One timeline of a subject of the contact (or, with `household`, of all its subjects) across
  // every contact about them (confirmed person links): the contacts, the decisions, the links
  // confirmed, and the chronology entries agencies gave in their sent answers about the subject
  // or the household, each item as policy lets the reader see it (withheld whole or in passages).
  // Reading another agency's entries is a disclosure, recorded. Audited as response.read.
  Result<Chronology> chronology(const Actor& actor, int64_t contact_id, int64_t subject_id,
                                const ChronologyFilter& filter);
  // The same chronology to take away as a file (the page's CSV): `purpose` (1..200 characters)
  // says what for. Each agency's answer it carries is recorded as a disclosure of kind "export"
  // to the actor, with that purpose. Not by break-glass (forbidden): that access is to read on
  // screen. Audited as chronology.export.
  Result<Chronology> export_chronology(const Actor& actor, int64_t contact_id, int64_t subject_id,
                                       const ChronologyFilter& filter, const std::string& purpose);
  // A request's secure message thread, for the agency asked and the hub (as request_view
  // allows), marking every message read by the reader. Audited as message.read.
  Result<MessageThread> messages(const Actor& actor, int64_t request_id);
  // Writes in the thread (1..4000 characters). Within the hub only: the other side is told by a
  // notification that carries no personal data ("a new message on information request N"),
  // nothing is sent outside the platform. Audited as message.send.
  Result<Message> send_message(const Actor& actor, int64_t request_id, const std::string& body);
  // Sends the outcome of a decided contact (its latest decision ended screening) to the worker
  // on the receiving team: the decision and why, the subjects, the basis for sharing, and each
  // agency's sent answer as policy lets the recipient (not the sender) read it. The recipient
  // must be an active hub practitioner other than the sender, granted the contact if it is
  // restricted (break-glass does not count), whom policy lets read its research (invalid
  // otherwise); they are notified, with no personal data. Each
  // other agency's answer in it is a disclosure of kind "summary" to the recipient, with the
  // purpose and the enquiry's basis. Not by break-glass. Audited as summary.send.
  Result<OutcomeSummary> send_summary(const Actor& actor, int64_t contact_id,
                                      const SummaryDraft& draft);
  // The outcome summaries sent to or by the actor, newest first (at most 100), each as policy
  // allows (a restricted contact's only while they are granted it): what each says only to its
  // recipient, since it holds what they may read; its sender sees to whom, when, why and their
  // note. Audited as summary.view.
  Result<std::vector<OutcomeSummary>> summaries(const Actor& actor);
  // How many messages of each of these requests the actor has not read (for queues and pages).
  std::map<int64_t, int64_t> unread_messages(const Actor& actor,
                                             const std::vector<int64_t>& request_ids);
  // Chases every open request past due not chased yet: a notification to the hub's worker on
  // the contact (or whoever raised it) and a reminder to each active user of the agency asked.
  // Run by the clock watch; returns how many were chased.
  size_t chase_overdue();

 private:
  // chronology() and export_chronology(): `export_purpose` null for reading on screen.
  Result<Chronology> read_chronology(const Actor& actor, int64_t contact_id, int64_t subject_id,
                                     const ChronologyFilter& filter,
                                     const std::string* export_purpose);

  Hub& hub_;
};

}  // namespace mash::app
