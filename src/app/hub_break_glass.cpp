// Break-glass (issue 5): a hub practitioner may open a restricted contact they are not granted,
// after saying why. The access lasts HubOptions::break_glass_minutes, lets them read (never
// change) the contact as their role allows, marks each read in the audit log as break-glass, tells
// the hub managers and the data-protection officer, and waits on the review page until one of
// them signs it off.
#include <algorithm>

#include "app/break_glass.h"
#include "app/hub_impl.h"
#include "domain/london_time.h"
#include "domain/working_time.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/break_glass.h"
#include "store/contacts.h"
#include "store/decisions.h"
#include "store/research.h"

namespace mash::app {

using policy::Action;

namespace {

constexpr size_t kMaxText = 1000;
constexpr int kMaxToReview = 200;
constexpr int kMaxSignedOff = 50;
constexpr int kMaxEvents = 100;
constexpr const char* kBreakGlassRecord = "break_glass";

std::optional<FieldError> text_error(const std::string& field, const std::string& text,
                                     const std::string& when_empty) {
  if (text.empty()) return FieldError{field, when_empty};
  if (text.size() > kMaxText)
    return FieldError{field, "The " + field + " must be 1,000 characters or fewer"};
  return std::nullopt;
}

BreakGlassAccess access_of(const store::BreakGlassRow& r, const Timestamp& now) {
  BreakGlassAccess a;
  a.id = r.id;
  a.contact_id = r.contact_id;
  a.username = r.username;
  a.agency = r.agency;
  a.role = r.role;
  a.reason = r.reason;
  a.opened_at = parse_rfc3339(r.opened_at).value_or(Timestamp{r.opened_epoch, 0});
  a.expires_at = parse_rfc3339(r.expires_at).value_or(Timestamp{r.expires_epoch, 0});
  a.live = r.expires_epoch > now.epoch_seconds;
  a.reviewed_by = r.reviewed_by;
  if (r.reviewed_epoch)
    a.reviewed_at = parse_rfc3339(r.reviewed_at).value_or(Timestamp{*r.reviewed_epoch, 0});
  a.review_note = r.review_note;
  return a;
}

}  // namespace

Result<BreakGlassAccess> BreakGlass::open(const Actor& actor, int64_t contact_id,
                                          const std::string& reason_text) {
  Hub::Impl& im = *hub_.impl_;
  const std::string purpose = "break-glass: opening a restricted contact";
  const std::string id = std::to_string(contact_id);
  if (auto d = could_ever(actor, Action::break_glass); !d.allowed)
    return im.refuse(actor, Action::break_glass, kContactRecord, id, purpose, d);
  const std::string reason = trimmed(reason_text);
  const Timestamp now = im.clock.now();
  std::optional<Error> failed;
  std::optional<BreakGlassAccess> out;
  im.db.transact([&](store::Tx& tx) {
    const auto contact = store::find_contact(tx, contact_id);
    if (!contact) {
      failed = Error::not_found("There is no contact " + id);
      return;
    }
    const policy::Resource resource = im.resource_of(tx, *contact);
    const policy::Decision d = policy::decide(actor, Action::break_glass, resource);
    if (!d.allowed) {
      audit::append(tx, im.event(actor, policy::action_name(Action::break_glass), kContactRecord,
                                 id, purpose, false, d.reason));
      failed = Error::forbidden(d.reason);
      return;
    }
    if (!resource.restricted) {
      failed = conflict("Contact " + contact_reference(contact_id) +
                        " is not restricted: open it as usual");
      return;
    }
    if (std::find(resource.granted.begin(), resource.granted.end(), actor.user_id) !=
        resource.granted.end()) {
      failed = conflict("You are granted contact " + contact_reference(contact_id) +
                        ": open it as usual");
      return;
    }
    if (auto live = store::live_break_glass(tx, contact_id, actor.user_id, now.epoch_seconds)) {
      out = access_of(*live, now);
      return;
    }
    if (auto e = text_error("reason", reason, "Say why you need to open this restricted contact")) {
      failed = Error::invalid({*e});
      return;
    }
    store::BreakGlassRow row;
    row.contact_id = contact_id;
    row.user_id = actor.user_id;
    row.username = actor.username;
    row.agency = actor.agency;
    row.role = role_name(actor);
    row.reason = reason;
    row.opened_at = to_rfc3339(in_london_offset(now));
    row.opened_epoch = now.epoch_seconds;
    Timestamp expires = now;
    expires.epoch_seconds += int64_t{minutes()} * 60;
    row.expires_at = to_rfc3339(in_london_offset(expires));
    row.expires_epoch = expires.epoch_seconds;
    // The reason stays in the break-glass record (it may name people); the audit event says that
    // glass was broken, by whom, and until when.
    row.opened_seq =
        audit::append(tx, im.event(actor, policy::action_name(Action::break_glass), kContactRecord,
                                   id, purpose, true, "break-glass until " + row.expires_at));
    store::insert_break_glass(tx, row);
    const std::string message = actor.username + " opened restricted contact " +
                                contact_reference(contact_id) +
                                " by break-glass. Review it on the break-glass page.";
    // Those connected to the contact are not told (nor do they review it).
    std::vector<std::string> connected;
    for (int64_t user_id : resource.excluded)
      if (auto u = store::find_user(tx, user_id)) connected.push_back(u->user.username);
    for (const char* role : {"hub_manager", "auditor"})
      for (const std::string& who : store::active_users_with_role(tx, role)) {
        if (who == actor.username ||
            std::find(connected.begin(), connected.end(), who) != connected.end())
          continue;
        store::NotificationRow n;
        n.recipient = who;
        n.kind = "break_glass";
        n.message = message;  // the contact's number, no one's details
        n.created_at = row.opened_at;
        n.created_epoch = now.epoch_seconds;
        store::insert_notification(tx, n);
      }
    out = access_of(row, now);
  });
  if (failed) return *failed;
  return std::move(*out);
}

bool BreakGlass::may_open(const Actor& actor, int64_t contact_id) {
  Hub::Impl& im = *hub_.impl_;
  if (!could_ever(actor, Action::break_glass).allowed) return false;
  bool offer = false;
  im.db.read([&](store::Tx& tx) {
    const auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const policy::Resource r = im.resource_of(tx, *contact);
    auto has = [&](const std::vector<int64_t>& users) {
      return std::find(users.begin(), users.end(), actor.user_id) != users.end();
    };
    offer = r.restricted && policy::decide(actor, Action::break_glass, r).allowed &&
            !has(r.granted) && !has(r.broken_glass);
  });
  return offer;
}

std::optional<BreakGlassAccess> BreakGlass::live(const Actor& actor, int64_t contact_id) {
  Hub::Impl& im = *hub_.impl_;
  if (actor.kind != Actor::Kind::user || actor.user_id <= 0) return std::nullopt;
  const Timestamp now = im.clock.now();
  std::optional<BreakGlassAccess> out;
  im.db.read([&](store::Tx& tx) {
    if (auto row = store::live_break_glass(tx, contact_id, actor.user_id, now.epoch_seconds))
      out = access_of(*row, now);
  });
  return out;
}

Result<BreakGlassReview> BreakGlass::review(const Actor& actor) {
  Hub::Impl& im = *hub_.impl_;
  const std::string purpose = "reviewing break-glass access";
  const policy::Decision d = policy::decide(actor, Action::break_glass_review);
  if (!d.allowed) return im.refuse(actor, Action::break_glass_review, "", "", purpose, d);
  const Timestamp now = im.clock.now();
  BreakGlassReview out;
  im.db.transact([&](store::Tx& tx) {
    std::string shown;
    // Policy per access: a reviewer connected to the contact does not see its accesses.
    auto reviews = [&](int64_t contact_id) {
      policy::Resource r;
      r.excluded = store::restriction_of(tx, contact_id).excluded;
      return policy::decide(actor, Action::break_glass_review, r).allowed;
    };
    for (const store::BreakGlassRow& row : store::break_glass_list(tx, false, kMaxToReview)) {
      if (!reviews(row.contact_id)) continue;
      BreakGlassAccess a = access_of(row, now);
      // What they did: their events about the contact and its requests, from the break-glass
      // itself until it expired.
      std::vector<std::pair<store::AuditRow, std::string>> done;  // with the request's agency
      auto add = [&](const char* type, int64_t record_id, const std::string& agency) {
        for (store::AuditRow& e : store::audit_rows_by_user_for_record(
                 tx, type, std::to_string(record_id), row.username, row.opened_seq - 1, kMaxEvents))
          done.emplace_back(std::move(e), agency);
      };
      add(kContactRecord, row.contact_id, "");
      for (const store::RequestRow& r : store::requests_of(tx, row.contact_id))
        add(kRequestRecord, r.id, r.agency);
      std::sort(done.begin(), done.end(),
                [](const auto& x, const auto& y) { return x.first.seq < y.first.seq; });
      for (const auto& [e, agency] : done) {
        const Timestamp at = parse_rfc3339(e.occurred_at).value_or(Timestamp{});
        if (at.epoch_seconds > row.expires_epoch || a.events.size() >= size_t{kMaxEvents}) break;
        BreakGlassEvent event;
        static_cast<AccessEntry&>(event) = AccessEntry{
            at, e.username, e.agency, e.role, e.action, e.purpose, e.outcome == "allowed"};
        event.request_agency = agency;
        a.events.push_back(std::move(event));
      }
      shown += (shown.empty() ? "" : ",") + std::to_string(row.id);
      out.to_review.push_back(std::move(a));
    }
    for (const store::BreakGlassRow& row : store::break_glass_list(tx, true, kMaxSignedOff))
      if (reviews(row.contact_id)) out.signed_off.push_back(access_of(row, now));
    audit::append(
        tx, im.event(actor, policy::action_name(Action::break_glass_review), "", "", purpose, true,
                     "to review: " + (shown.empty() ? std::string("none") : shown)));
  });
  return out;
}

Result<BreakGlassAccess> BreakGlass::sign_off(const Actor& actor, int64_t id,
                                              const std::string& note_text) {
  Hub::Impl& im = *hub_.impl_;
  const std::string purpose = "reviewing break-glass access: signing it off";
  if (auto d = policy::decide(actor, Action::break_glass_review); !d.allowed)
    return im.refuse(actor, Action::break_glass_review, kBreakGlassRecord, std::to_string(id),
                     purpose, d);
  const std::string note = trimmed(note_text);
  const Timestamp now = im.clock.now();
  std::optional<Error> failed;
  std::optional<BreakGlassAccess> out;
  im.db.transact([&](store::Tx& tx) {
    auto row = id > 0 ? store::find_break_glass(tx, id) : std::nullopt;
    if (!row) {
      failed = Error::not_found("There is no break-glass access " + std::to_string(id));
      return;
    }
    policy::Resource resource;
    resource.excluded = store::restriction_of(tx, row->contact_id).excluded;
    if (auto d = policy::decide(actor, Action::break_glass_review, resource); !d.allowed) {
      audit::append(tx, im.event(actor, policy::action_name(Action::break_glass_review),
                                 kBreakGlassRecord, std::to_string(id), purpose, false, d.reason));
      failed = Error::forbidden(d.reason);
      return;
    }
    if (row->username == actor.username) {
      failed = conflict(
          "You cannot sign off your own break-glass access: another hub manager or the "
          "data-protection officer does");
      return;
    }
    if (row->reviewed_epoch) {
      failed = conflict("This break-glass access was signed off by " + row->reviewed_by);
      return;
    }
    if (auto e = text_error("note", note, "Say what you checked and what you found")) {
      failed = Error::invalid({*e});
      return;
    }
    const std::string at = to_rfc3339(in_london_offset(now));
    // A live access ends now: every read under it then comes before the sign-off.
    const bool was_live = row->expires_epoch > now.epoch_seconds;
    if (was_live) {
      row->expires_at = at;
      row->expires_epoch = now.epoch_seconds;
    }
    if (!store::sign_off_break_glass(tx, id, actor.username, at, now.epoch_seconds, note,
                                     row->expires_at, row->expires_epoch)) {
      failed = conflict("This break-glass access was signed off meanwhile");
      return;
    }
    // Against the contact, so that its history shows the review beside the access.
    audit::append(
        tx, im.event(actor, "break_glass.sign_off", kContactRecord, std::to_string(row->contact_id),
                     purpose, true,
                     "break-glass " + std::to_string(id) + " signed off" +
                         (was_live ? std::string("; the access ended at its sign-off") : "")));
    row->reviewed_by = actor.username;
    row->reviewed_at = at;
    row->reviewed_epoch = now.epoch_seconds;
    row->review_note = note;
    out = access_of(*row, now);
  });
  if (failed) return *failed;
  return std::move(*out);
}

int BreakGlass::minutes() const { return std::max(1, hub_.impl_->options.break_glass_minutes); }

}  // namespace mash::app
