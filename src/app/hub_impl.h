// Internals shared by the Hub's use-case files. Not part of app/'s face.
#pragma once

#include <string>
#include <string_view>

#include "app/change_feed.h"
#include "app/hub.h"
#include "app/person_matcher.h"
#include "app/tracker_cache.h"
#include "audit/audit.h"
#include "store/database.h"

namespace mash::store {
struct RatingRow;
}

namespace mash::app {

struct Hub::Impl {
  store::Database& db;
  const Clock& clock;
  HubOptions options;
  std::unique_ptr<PersonMatcher> matcher;  // null when HubOptions::person_matching is off
  mutable ChangeFeed changes;  // published after each commit that changes an open contact
  TrackerCache tracker;        // the case tracker's snapshot of the open contacts

  // The audit event for `actor` doing `action` ("contact.view", "session.sign_in", …).
  audit::Event event(const Actor& actor, std::string_view action, const std::string& record_type,
                     const std::string& record_id, const std::string& purpose, bool allowed,
                     const std::string& detail = "") const;
  // Records a refusal in its own transaction and returns the forbidden error to give back.
  Error refuse(const Actor& actor, policy::Action action, const std::string& record_type,
               const std::string& record_id, const std::string& purpose,
               const policy::Decision& decision);
  // What policy is told about a contact: its agency, its presenting issues and whether it is
  // restricted, with the users granted it and those holding a break-glass access to it that has
  // not expired by the clock's now (read in the transaction, so a restriction holds at once).
  policy::Resource resource_of(store::Tx& tx, const Contact& c) const;
  // What policy is told about an information request: its contact's, with the agency it is
  // addressed to ("" for the contact's research as a whole; app/hub_research.cpp).
  policy::Resource request_resource(store::Tx& tx, const Contact& c,
                                    const std::string& agency) const;
};

// The audit log's record type for a contact.
inline constexpr const char* kContactRecord = "contact";
// And for a contact's subject, a person and a person link (ids as the store's). A child's access
// history (app/hub_access.cpp) includes events recorded against them.
inline constexpr const char* kSubjectRecord = "subject";
inline constexpr const char* kPersonRecord = "person";
inline constexpr const char* kPersonLinkRecord = "person_link";
// An information request (app/research.h): its opening, answer and messages are recorded against
// it, and a child's access history includes them (the agency asked saw the child's details).
inline constexpr const char* kRequestRecord = "information_request";

// Whether the actor may ever do `action` (to a record of their own agency). Actors who never may
// open a contact are refused before it is looked up, so that 403 and 404 don't tell them which
// contacts exist.
policy::Decision could_ever(const Actor& actor, policy::Action action);
// What policy is told of "some record of the actor's own agency" (could_ever's record).
policy::Resource own_agency_record(const Actor& actor);
// The same with the roles the configuration allows the action (who rates, who decides): for use
// cases that check their input, so that a role the configuration leaves out is refused before
// its input is looked at, rather than told what is wrong with it.
policy::Decision could_ever(const Actor& actor, policy::Action action, const HubConfig& config);
// `s` without the spaces, tabs and line ends around it: how every use case reads typed text.
std::string trimmed(std::string s);
// The conflict error: what was asked cannot be done in the record's present state.
Error conflict(std::string message);
// "Given FAMILY" as pages and lists show a person; "(name not known)" when neither is known.
std::string display_name(const Person& p);
// The roles the hub's configuration allows an action (who rates and records a DASH checklist,
// who decides), for policy's narrowing; empty for an action the configuration says nothing of.
std::vector<Role> configured_roles(const HubConfig& config, policy::Action action);
// The audit detail of an allowed read: `detail`, marked "break-glass" when only the actor's
// break-glass access allowed it.
std::string allowed_detail(const policy::Decision& d, const std::string& detail = "");

// A stored rating as the hub shows it, and a contact's rating clock from its stored ratings and
// when it was met (hub_screening.cpp).
ContactRating rating_of(const store::RatingRow& r, const HubConfig& config);
ContactClock clock_of(const Contact& c, const std::vector<store::RatingRow>& rows,
                      std::optional<int64_t> met_epoch, const HubConfig& config,
                      const Timestamp& now);

std::string actor_kind_name(const Actor& actor);
std::string role_name(const Actor& actor);

}  // namespace mash::app
