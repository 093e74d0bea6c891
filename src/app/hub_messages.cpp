// Secure messages on information requests (issue 5): a thread between the hub and the agency
// asked, in place of secure e-mail. Nothing leaves the platform: the other side is told by an
// in-hub notification that says only that there is a message. See app/research.h.
#include <algorithm>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "app/research.h"
#include "audit/audit.h"
#include "domain/working_time.h"
#include "store/contacts.h"
#include "store/decisions.h"
#include "store/research.h"

namespace mash::app {

using policy::Action;

namespace {

constexpr size_t kMaxMessage = 4000;

Message message_of(const store::MessageRow& m) {
  Message out;
  out.id = m.id;
  out.author = m.author;
  out.author_agency = m.author_agency;
  out.body = m.body;
  out.sent_at = parse_rfc3339(m.sent_at).value_or(Timestamp{m.sent_epoch, 0});
  out.unread = !m.read;
  return out;
}

}  // namespace

Result<MessageThread> Research::messages(const Actor& actor, int64_t request_id) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(request_id);
  const std::string purpose = "reading the messages on an information request";
  if (auto d = could_ever(actor, Action::request_view); !d.allowed)
    return hub.refuse(actor, Action::request_view, kRequestRecord, id, purpose, d);
  const Timestamp now = hub.clock.now();
  std::optional<MessageThread> out;
  hub.db.transact([&](store::Tx& tx) {
    auto row = store::find_request(tx, request_id);
    if (!row) return;
    auto contact = store::find_contact(tx, row->contact_id);
    if (!contact) return;
    const policy::Resource resource = hub.request_resource(tx, *contact, row->agency);
    const policy::Decision d = policy::decide(actor, Action::request_view, resource);
    if (!d.allowed) {
      audit::append(tx,
                    hub.event(actor, "message.read", kRequestRecord, id, purpose, false, d.reason));
      return;  // not found: another agency's requests are not to be counted
    }
    MessageThread t;
    t.request_id = request_id;
    t.contact_id = row->contact_id;
    t.agency = row->agency;
    t.may_send = policy::decide(actor, Action::message_send, resource).allowed;
    for (const store::MessageRow& m : store::messages_of(tx, request_id, actor.username))
      t.messages.push_back(message_of(m));
    // Reading marks the thread read: a change, which a break-glass reader makes none of (their
    // messages stay unread for when they are granted the contact).
    if (!d.break_glass)
      store::mark_messages_read(tx, request_id, actor.username, now.epoch_seconds);
    audit::append(tx,
                  hub.event(actor, "message.read", kRequestRecord, id, purpose, true,
                            allowed_detail(d, std::to_string(t.messages.size()) + " messages")));
    out = std::move(t);
  });
  if (!out) return Error::not_found("There is no information request " + id + " to your agency");
  return *out;
}

Result<Message> Research::send_message(const Actor& actor, int64_t request_id,
                                       const std::string& text) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string id = std::to_string(request_id);
  const std::string purpose = "writing to the other side of an information request";
  if (auto d = could_ever(actor, Action::message_send); !d.allowed)
    return hub.refuse(actor, Action::message_send, kRequestRecord, id, purpose, d);
  const std::string body = trimmed(text);
  const Timestamp now = hub.clock.now();
  std::optional<Message> out;
  std::optional<Error> failed;
  hub.db.transact([&](store::Tx& tx) {
    auto row = store::find_request(tx, request_id);
    if (!row) return;
    auto contact = store::find_contact(tx, row->contact_id);
    if (!contact) return;
    const policy::Resource resource = hub.request_resource(tx, *contact, row->agency);
    const policy::Decision d = policy::decide(actor, Action::message_send, resource);
    if (!d.allowed) {
      audit::append(tx, hub.event(actor, policy::action_name(Action::message_send), kRequestRecord,
                                  id, purpose, false, d.reason));
      if (policy::decide(actor, Action::request_view, resource).allowed)
        failed = Error::forbidden(d.reason);
      return;
    }
    if (body.empty() || body.size() > kMaxMessage) {
      failed = Error::invalid({{"body", body.empty() ? "Write your message"
                                                     : "A message must be 4,000 characters or "
                                                       "fewer: send the rest in another"}},
                              "The message has not been sent");
      return;
    }
    store::MessageRow m;
    m.request_id = request_id;
    m.author = actor.username;
    m.author_agency = actor.agency;
    m.body = body;
    m.sent_at = to_rfc3339(in_london_offset(now));
    m.sent_epoch = now.epoch_seconds;
    m.read = true;
    store::insert_message(tx, m);
    // The other side hears of it in the hub, with no personal data: from the agency asked, the
    // hub's worker on the contact and whoever raised the request; from the hub, the agency's
    // users who answer requests.
    std::vector<std::string> told;
    if (actor.agency == row->agency) {
      for (const std::string& who : {store::work_of(tx, row->contact_id).worker, row->requested_by})
        if (!who.empty() && who != actor.username &&
            std::find(told.begin(), told.end(), who) == told.end())
          told.push_back(who);
    } else {
      for (const std::string& who : store::active_users_of_agency(tx, row->agency))
        if (who != actor.username) told.push_back(who);
    }
    for (const std::string& who : told) {
      store::NotificationRow n;
      n.recipient = who;
      n.kind = "message";
      n.contact_id = row->contact_id;
      n.message = "You have a new message on information request " + id + ".";
      n.created_at = m.sent_at;
      n.created_epoch = now.epoch_seconds;
      store::insert_notification(tx, n);
    }
    audit::append(
        tx, hub.event(
                actor, policy::action_name(Action::message_send), kRequestRecord, id, purpose, true,
                "message " + std::to_string(m.id) + "; " + std::to_string(told.size()) + " told"));
    out = message_of(m);
  });
  if (failed) return *failed;
  if (!out) return Error::not_found("There is no information request " + id + " to your agency");
  return *out;
}

std::map<int64_t, int64_t> Research::unread_messages(const Actor& actor,
                                                     const std::vector<int64_t>& request_ids) {
  std::map<int64_t, int64_t> out;
  if (actor.kind != Actor::Kind::user || request_ids.empty()) return out;
  hub_.impl_->db.read(
      [&](store::Tx& tx) { out = store::unread_counts(tx, request_ids, actor.username); });
  return out;
}

}  // namespace mash::app
