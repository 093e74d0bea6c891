// Break-glass (issue 5): a hub practitioner opens a restricted contact they are not granted by
// saying why; for HubOptions::break_glass_minutes they may read it (never change it), each read
// audited as break-glass; hub managers and the data-protection officer are told, and review and
// sign off each access. Use cases as in app/hub.h: one transaction each, policy first, audited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/hub.h"

namespace mash::app {

// One thing a user did under a break-glass access: an event about the contact, or about one of
// its information requests (`request_agency` names the agency asked; empty for the contact).
struct BreakGlassEvent : AccessEntry {
  std::string request_agency;
};

// A break-glass access (issue 5): a user opened a restricted contact they were not granted, after
// saying why, for HubOptions::break_glass_minutes. On the review page until it is signed off.
struct BreakGlassAccess {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string username;
  std::string agency;
  std::string role;    // role code
  std::string reason;  // why, in the user's words
  Timestamp opened_at;
  Timestamp expires_at;
  bool live = false;  // not expired as of the read
  std::string reviewed_by;
  std::optional<Timestamp> reviewed_at;
  std::string review_note;
  // For the review: what the user did with the contact under it (their audit events about the
  // contact and its information requests, from the break-glass to its expiry, oldest first, at
  // most 100).
  std::vector<BreakGlassEvent> events;
};

struct BreakGlassReview {
  std::vector<BreakGlassAccess> to_review;   // not signed off, oldest first (at most 200)
  std::vector<BreakGlassAccess> signed_off;  // the latest signed off, newest first (at most 50)
};

class BreakGlass {
 public:
  explicit BreakGlass(Hub& hub) : hub_(hub) {}

  // Opens a restricted contact the actor is not granted, for HubOptions::break_glass_minutes:
  // `reason` (1..1000 characters) says why. Policy decides who may (contact.break_glass); a
  // contact that is not restricted, or is granted to the actor, is a conflict (open it as
  // usual); an actor with a live break-glass access to it gets that one back. While it lasts the
  // actor may read the contact as their role allows, each read audited as break-glass, and change
  // nothing. Audited against the contact; every active hub manager and auditor (the
  // data-protection officer) but the actor and those connected to the contact is notified,
  // without the contact's details. A user connected to the contact may not (forbidden).
  Result<BreakGlassAccess> open(const Actor& actor, int64_t contact_id, const std::string& reason);
  // Whether the contact page should offer the actor break-glass: the contact is restricted, not
  // granted to them, they hold no live break-glass access to it, and policy lets them break glass.
  // Not audited (it says only what a refusal says); open() still decides.
  bool may_open(const Actor& actor, int64_t contact_id);
  // The actor's own live break-glass access to the contact, for the contact page to say so.
  std::optional<BreakGlassAccess> live(const Actor& actor, int64_t contact_id);
  // Break-glass accesses to review, with what each user did, and the latest signed off; not those
  // to a contact the actor is connected to. Audited as break_glass.review.
  Result<BreakGlassReview> review(const Actor& actor);
  // Signs a break-glass access off with a note (1..1000 characters). Not one to a contact the
  // actor is connected to (forbidden, audited), not one's own (conflict),
  // nor one already signed off (conflict). An access still live ends at its sign-off, so that
  // nothing done under it falls after the review. Audited against the contact.
  Result<BreakGlassAccess> sign_off(const Actor& actor, int64_t id, const std::string& note);

  // How long an access lasts, in minutes (HubOptions::break_glass_minutes, at least 1).
  int minutes() const;

 private:
  Hub& hub_;
};

}  // namespace mash::app
