// Multi-agency research (migration 9, issue 5): the basis for sharing on each enquiry,
// information requests and the subjects they are about, agencies' answers item by item,
// redactions, disclosures, and restricted contacts' grants.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace mash::store {

struct BasisRow {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string consent;       // domain's ConsentStatus code: given, refused, not_sought
  std::string lawful_basis;  // the configuration's code; "" when consent was given
  std::string reason;
  std::string recorded_by;
  std::string recorded_at;  // RFC 3339
};
void insert_basis(Tx& tx, BasisRow& row);
// The contact's latest basis for sharing, if any.
std::optional<BasisRow> latest_basis(Tx& tx, int64_t contact_id);

struct RequestRow {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string agency;
  std::string question;
  std::string narrative_reason;  // why the referral's narrative is shared; "" when it is not
  // Passages of the shared narrative withheld from the agency (migration 12), and why: a
  // sensitivity code.
  std::vector<std::string> narrative_withheld;
  std::string narrative_withheld_reason;
  std::string status;  // domain's RequestStatus code
  std::string requested_by;
  std::string requested_at;
  int64_t requested_epoch = 0;
  std::string due_at;
  int64_t due_epoch = 0;
  std::string saved_by;  // the last partial answer saved; "" when none
  std::string saved_at;
  std::string answered_by;
  std::string answered_at;
  std::optional<int64_t> answered_epoch;
  std::optional<int64_t> chased_epoch;                    // when the hub chased it once overdue
  std::vector<std::pair<int64_t, std::string>> subjects;  // subject id and "known" code, in order
};
// Stores a request and its subjects; false (and nothing stored) when the contact already has a
// request to that agency.
bool insert_request(Tx& tx, RequestRow& row);
std::optional<RequestRow> find_request(Tx& tx, int64_t id);
// Locks the request's row for the rest of the transaction (a second save waits for the first).
bool lock_request(Tx& tx, int64_t id);
std::vector<RequestRow> requests_of(Tx& tx, int64_t contact_id);  // by agency code
// Requests to an agency: those open first by due time, then answered ones newest answered first
// (when `answered` is set), at most `limit`.
std::vector<RequestRow> queue_of(Tx& tx, const std::string& agency, bool answered, int limit);
// The request's status and who saved it last: `answered_epoch` set when it is sent.
void save_request_state(Tx& tx, const RequestRow& row);
void set_subject_known(Tx& tx, int64_t request_id, int64_t subject_id, const std::string& known);
// Open requests past due and never chased, oldest due first; and marking one chased.
std::vector<RequestRow> unchased_overdue(Tx& tx, int64_t now, int limit);
void mark_chased(Tx& tx, int64_t request_id, int64_t epoch);

// One contact's requests in short, for the case tracker: agency, status and due time.
struct RequestState {
  int64_t contact_id = 0;
  std::string agency;
  std::string status;
  int64_t due_epoch = 0;
  std::optional<int64_t> answered_epoch;
};
std::vector<RequestState> request_states(Tx& tx, const std::vector<int64_t>& contact_ids);

struct ItemRow {
  int64_t id = 0;
  int64_t request_id = 0;
  int position = 0;
  std::string kind;  // summary, risk, chronology
  int64_t subject_id = 0;
  std::string indicator;      // risk
  std::string occurred_on;    // chronology: ISO date
  std::string source_system;  // chronology
  std::string body;
  std::string sensitivity;
  std::string handling_code;
};
// Replaces the request's items with these (ids are set).
void replace_items(Tx& tx, int64_t request_id, std::vector<ItemRow>& items);
std::vector<ItemRow> items_of(Tx& tx, int64_t request_id);  // by position
// The items of each of the requests `ids`, by position, in one query (requests without items are
// left out).
std::map<int64_t, std::vector<ItemRow>> items_of_requests(Tx& tx, const std::vector<int64_t>& ids);

struct RedactionRow {
  int64_t id = 0;
  int64_t item_id = 0;
  int64_t begin = 0;
  int64_t end = 0;
  std::string recipients;  // agency codes, comma-separated, or "*"
  std::string reason;      // a sensitivity code
  std::string note;
  std::string recorded_by;
  std::string recorded_at;
};
void insert_redaction(Tx& tx, RedactionRow& row);
std::vector<RedactionRow> redactions_of_request(Tx& tx, int64_t request_id);
// The redactions of each of the requests `ids`, in one query.
std::map<int64_t, std::vector<RedactionRow>> redactions_of_requests(
    Tx& tx, const std::vector<int64_t>& ids);

struct DisclosureRow {
  int64_t id = 0;
  int64_t contact_id = 0;
  int64_t request_id = 0;
  std::string kind;  // "response_read", …
  std::string from_agency;
  std::string to_username;
  std::string to_agency;
  std::string purpose;
  std::string basis;     // "consent" or a lawful basis code
  std::string items;     // item ids disclosed, comma-separated
  std::string withheld;  // item and passage ids withheld, comma-separated
  std::string disclosed_at;
  int64_t disclosed_epoch = 0;
};
void insert_disclosure(Tx& tx, DisclosureRow& row);
// Newest first, at most `limit`.
std::vector<DisclosureRow> disclosures_of(Tx& tx, const std::vector<int64_t>& contact_ids,
                                          int limit);

// Usernames of the agency's active users who answer its requests: its agency practitioners and
// any of the hub's practitioners seconded from it.
std::vector<std::string> active_users_of_agency(Tx& tx, const std::string& agency);

// Secure messages on a request (migration 10).
struct MessageRow {
  int64_t id = 0;
  int64_t request_id = 0;
  std::string author;
  std::string author_agency;
  std::string body;
  std::string sent_at;
  int64_t sent_epoch = 0;
  bool read = false;  // by the reader asked about (messages_of)
};
void insert_message(Tx& tx, MessageRow& row);
// The request's messages, oldest first, each marked read or not by `reader`.
std::vector<MessageRow> messages_of(Tx& tx, int64_t request_id, const std::string& reader);
// Marks every message of the request read by `reader` (their own count as read).
void mark_messages_read(Tx& tx, int64_t request_id, const std::string& reader, int64_t epoch);
// How many messages of each request (among `request_ids`) `reader` has not read and did not
// write.
std::map<int64_t, int64_t> unread_counts(Tx& tx, const std::vector<int64_t>& request_ids,
                                         const std::string& reader);

// Restricted contacts: the flag and the users granted it.
struct RestrictionRow {
  bool restricted = false;
  std::vector<int64_t> granted;
  std::vector<int64_t> excluded;  // users connected to it (migration 13)
};
RestrictionRow restriction_of(Tx& tx, int64_t contact_id);
void set_restricted(Tx& tx, int64_t contact_id, bool restricted);
void insert_grant(Tx& tx, int64_t contact_id, int64_t user_id, const std::string& by,
                  const std::string& at, const std::string& reason);
void insert_exclusion(Tx& tx, int64_t contact_id, int64_t user_id, const std::string& by,
                      const std::string& at, const std::string& reason);

}  // namespace mash::store
