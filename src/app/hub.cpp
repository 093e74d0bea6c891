#include "app/hub.h"

#include <algorithm>

#include "app/hub_impl.h"
#include "domain/london_time.h"
#include "match/nicknames.h"
#include "store/accounts.h"
#include "store/break_glass.h"
#include "store/contacts.h"
#include "store/research.h"

namespace mash::app {

using policy::Action;

std::string actor_kind_name(const Actor& a) {
  switch (a.kind) {
    case Actor::Kind::agency_system:
      return "agency_system";
    case Actor::Kind::command_line:
      return "command_line";
    default:
      return "user";
  }
}

std::string role_name(const Actor& a) {
  return a.role ? std::string(code_of(*a.role)) : actor_kind_name(a);
}

audit::Event Hub::Impl::event(const Actor& actor, std::string_view action,
                              const std::string& record_type, const std::string& record_id,
                              const std::string& purpose, bool allowed,
                              const std::string& detail) const {
  audit::Event e;
  e.at = clock.now();
  e.actor_kind = actor_kind_name(actor);
  e.username = actor.username;
  e.agency = actor.agency;
  e.role = role_name(actor);
  e.action = std::string(action);
  e.record_type = record_type;
  e.record_id = record_id;
  e.purpose = purpose;
  e.allowed = allowed;
  e.detail = detail;
  return e;
}

Error Hub::Impl::refuse(const Actor& actor, Action action, const std::string& record_type,
                        const std::string& record_id, const std::string& purpose,
                        const policy::Decision& decision) {
  db.transact([&](store::Tx& tx) {
    audit::append(tx, event(actor, policy::action_name(action), record_type, record_id, purpose,
                            false, decision.reason));
  });
  return Error::forbidden(decision.reason);
}

Actor Session::actor() const {
  return Actor{Actor::Kind::user, user.id, user.username, user.role, user.agency};
}

HubOptions administration_options() {
  HubOptions o;
  o.person_matching = false;
  return o;
}

Actor command_line_actor() {
  return Actor{Actor::Kind::command_line, 0, "command-line", std::nullopt, ""};
}

Hub::Hub(store::Database& db, const Clock& clock, HubOptions options)
    : impl_(new Impl{db, clock, options, nullptr, {}, {}}) {
  db.transact([&](store::Tx& tx) {
    for (const Agency& a : built_in_agencies()) store::upsert_agency(tx, a, true);
  });
  if (options.person_matching) {
    impl_->matcher = std::make_unique<PersonMatcher>(db, match::NicknameTable::common_english(),
                                                     options.min_records_to_match);
    impl_->matcher->ensure_ready();
  }
}

Hub::~Hub() = default;

const Clock& Hub::clock() const { return impl_->clock; }

const HubConfig& Hub::config() const { return impl_->options.config; }

ChangeFeed& Hub::changes() const { return impl_->changes; }

// --- contacts ------------------------------------------------------------------------------

policy::Resource own_agency_record(const Actor& actor) {
  policy::Resource r;
  r.agency = actor.agency;
  r.addressed_to = actor.agency;
  // Some record of their agency's remit: an IDVA's service answers domestic-abuse enquiries.
  r.issues = {PresentingIssue::domestic_abuse};
  return r;
}

policy::Decision could_ever(const Actor& actor, Action action) {
  return policy::decide(actor, action, own_agency_record(actor));
}

policy::Decision could_ever(const Actor& actor, Action action, const HubConfig& config) {
  policy::Resource r = own_agency_record(actor);
  r.configured_roles = configured_roles(config, action);
  return policy::decide(actor, action, r);
}

std::string display_name(const Person& p) {
  std::string name = p.given_name;
  if (!p.family_name.empty()) name += (name.empty() ? "" : " ") + p.family_name;
  return name.empty() ? "(name not known)" : name;
}

std::vector<Role> configured_roles(const HubConfig& config, Action action) {
  const std::set<Role>* roles = nullptr;
  if (action == Action::contact_rate || action == Action::dash_record) roles = &config.may_rate;
  if (action == Action::contact_decide) roles = &config.may_decide;
  return roles ? std::vector<Role>(roles->begin(), roles->end()) : std::vector<Role>{};
}

policy::Resource Hub::Impl::resource_of(store::Tx& tx, const Contact& c) const {
  policy::Resource r;
  r.agency = c.agency;
  r.issues = c.presenting_issues;
  const store::RestrictionRow restriction = store::restriction_of(tx, c.id);
  r.restricted = restriction.restricted;
  r.granted = restriction.granted;
  r.excluded = restriction.excluded;
  if (r.restricted)
    r.broken_glass = store::live_break_glass_users(tx, c.id, clock.now().epoch_seconds);
  return r;
}

std::string trimmed(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

Error conflict(std::string message) { return Error{Error::Kind::conflict, std::move(message), {}}; }

std::string allowed_detail(const policy::Decision& d, const std::string& detail) {
  if (!d.break_glass) return detail;
  return detail.empty() ? "break-glass" : "break-glass; " + detail;
}

namespace {

ContactSummary summary_of(const Contact& c) {
  ContactSummary s;
  s.id = c.id;
  s.received_at = c.received_at;
  s.source = c.source;
  s.channel = c.channel;
  s.agency = c.agency;
  s.status = c.status;
  for (const Subject& subject : c.subjects) s.subject_names.push_back(display_name(subject));
  s.presenting_issues = c.presenting_issues;
  return s;
}

}  // namespace

Result<RecordedContact> Hub::record_contact(const Actor& actor, Contact draft) {
  const std::string purpose = "recording a new contact";
  const policy::Decision decision = could_ever(actor, Action::contact_create);
  if (!decision.allowed)
    return impl_->refuse(actor, Action::contact_create, kContactRecord, "", purpose, decision);

  const Timestamp now = impl_->clock.now();
  draft.id = 0;
  draft.agency = actor.agency;
  if (actor.kind == Actor::Kind::agency_system) draft.channel = Channel::api;
  draft.status = ContactStatus::new_contact;
  draft.recorded_at = now;
  draft.recorded_by = actor.username;
  if (draft.external_ref && draft.external_ref->empty()) draft.external_ref.reset();
  normalise_contact(draft);
  if (auto errors = validate_contact(draft, now); !errors.empty())
    return Error::invalid(std::move(errors),
                          "The contact has not been recorded: check the details below");

  std::optional<RecordedContact> out;
  std::optional<policy::Decision> refused;
  auto attempt = [&] {
    impl_->db.transact([&](store::Tx& tx) {
      if (draft.external_ref) {
        if (auto existing =
                store::find_contact_by_external_ref(tx, draft.agency, *draft.external_ref)) {
          // Handing back the stored contact is a read of it: policy decides, as for any view.
          auto stored = store::find_contact(tx, *existing);
          const policy::Decision d =
              policy::decide(actor, Action::contact_view, impl_->resource_of(tx, *stored));
          audit::append(
              tx, impl_->event(actor, policy::action_name(Action::contact_view), kContactRecord,
                               std::to_string(*existing),
                               "agency re-sent a contact it had sent before", d.allowed,
                               d.allowed ? "external reference already received" : d.reason));
          if (!d.allowed) {
            refused = d;
            return;
          }
          out = RecordedContact{std::move(*stored), false};
          return;
        }
      }
      Contact stored = draft;
      store::insert_contact(tx, stored);
      audit::append(tx, impl_->event(actor, policy::action_name(Action::contact_create),
                                     kContactRecord, std::to_string(stored.id), purpose, true,
                                     std::to_string(stored.subjects.size()) + " subject(s)"));
      out = RecordedContact{std::move(stored), true};
    });
  };
  try {
    attempt();
  } catch (const store::StoreError&) {
    // Two sends of one external reference at once: the loser's insert breaks the unique index;
    // the retry finds the winner's contact.
    if (!draft.external_ref) throw;
    attempt();
  }
  if (refused) return Error::forbidden(refused->reason);
  if (out->created && impl_->matcher) impl_->matcher->add_subjects(out->contact);
  if (out->created) impl_->changes.publish(out->contact.id);
  return std::move(*out);
}

bool Hub::may(const Actor& actor, Action action) const {
  return could_ever(actor, action, impl_->options.config).allowed;
}

Status Hub::permit(const Actor& actor, Action action, int64_t contact_id) {
  const std::string purpose = "refused before the request's input was read";
  const policy::Decision d = could_ever(actor, action, impl_->options.config);
  if (!d.allowed)
    return impl_->refuse(actor, action, kContactRecord,
                         contact_id > 0 ? std::to_string(contact_id) : std::string(), purpose, d);
  if (contact_id <= 0) return ok_status();
  // The contact itself: a restricted one (or another agency's, for an agency system) is refused
  // here too. One that does not exist is left to the use case, which says so.
  // A read (it never waits for writers); only a refusal is written, to the audit log.
  std::optional<policy::Decision> refused;
  impl_->db.read([&](store::Tx& tx) {
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    policy::Resource resource = impl_->resource_of(tx, *contact);
    resource.configured_roles = configured_roles(impl_->options.config, action);
    policy::Decision on_record = policy::decide(actor, action, resource);
    if (!on_record.allowed) refused = std::move(on_record);
  });
  if (refused)
    return impl_->refuse(actor, action, kContactRecord, std::to_string(contact_id), purpose,
                         *refused);
  return ok_status();
}

Result<Contact> Hub::view_contact(const Actor& actor, int64_t id, const std::string& purpose) {
  if (purpose.empty()) return Error::invalid({{"purpose", "Say why you are opening this contact"}});
  if (auto d = could_ever(actor, Action::contact_view); !d.allowed)
    return impl_->refuse(actor, Action::contact_view, kContactRecord, std::to_string(id), purpose,
                         d);
  std::optional<Contact> contact;
  std::optional<policy::Decision> refused;
  impl_->db.transact([&](store::Tx& tx) {
    contact = store::find_contact(tx, id);
    if (!contact) return;
    policy::Decision d =
        policy::decide(actor, Action::contact_view, impl_->resource_of(tx, *contact));
    audit::append(tx, impl_->event(actor, policy::action_name(Action::contact_view), kContactRecord,
                                   std::to_string(id), purpose, d.allowed,
                                   d.allowed ? allowed_detail(d) : d.reason));
    if (!d.allowed) refused = d;
  });
  if (!contact) return Error::not_found("There is no contact " + std::to_string(id));
  if (refused) return Error::forbidden(refused->reason);
  return std::move(*contact);
}

Result<ContactPage> Hub::list_contacts(const Actor& actor, const ContactFilter& filter) {
  const std::string purpose = "front-door queue";
  const policy::Decision decision = policy::decide(actor, Action::contact_list);
  if (!decision.allowed)
    return impl_->refuse(actor, Action::contact_list, "", "", purpose, decision);
  ContactPage page;
  page.page = std::max(1, filter.page);
  page.page_size = std::clamp(filter.page_size, 1, 100);
  // Restricted contacts are left out, and not counted, unless the actor is granted them.
  store::QueueQuery q{filter.status, filter.source, (page.page - 1) * page.page_size,
                      page.page_size, actor.user_id};
  impl_->db.transact([&](store::Tx& tx) {
    page.total = store::count_contacts(tx, q);
    std::string shown;
    for (const Contact& c : store::list_contacts(tx, q)) {
      page.contacts.push_back(summary_of(c));
      shown += (shown.empty() ? "" : ",") + std::to_string(c.id);
    }
    audit::append(tx, impl_->event(actor, policy::action_name(Action::contact_list), kContactRecord,
                                   "", purpose, true,
                                   "page " + std::to_string(page.page) +
                                       "; contacts shown: " + (shown.empty() ? "none" : shown)));
  });
  return page;
}

Result<std::vector<AccessEntry>> Hub::access_history(const Actor& actor, int64_t contact_id) {
  const std::string purpose = "access history";
  if (auto d = could_ever(actor, Action::contact_access_history); !d.allowed)
    return impl_->refuse(actor, Action::contact_access_history, kContactRecord,
                         std::to_string(contact_id), purpose, d);
  std::optional<Contact> contact;
  std::optional<policy::Decision> refused;
  std::vector<AccessEntry> entries;
  impl_->db.transact([&](store::Tx& tx) {
    contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const std::string id = std::to_string(contact_id);
    policy::Decision d =
        policy::decide(actor, Action::contact_access_history, impl_->resource_of(tx, *contact));
    audit::append(
        tx, impl_->event(actor, policy::action_name(Action::contact_access_history), kContactRecord,
                         id, purpose, d.allowed, d.allowed ? allowed_detail(d) : d.reason));
    if (!d.allowed) {
      refused = d;
      return;
    }
    for (const store::AuditRow& r : store::audit_rows_for_record(tx, kContactRecord, id)) {
      entries.push_back(AccessEntry{parse_rfc3339(r.occurred_at).value_or(Timestamp{}), r.username,
                                    r.agency, r.role, r.action, r.purpose, r.outcome == "allowed"});
    }
  });
  if (!contact) return Error::not_found("There is no contact " + std::to_string(contact_id));
  if (refused) return Error::forbidden(refused->reason);
  return entries;
}

Result<ContactRestriction> Hub::restrict_contact(
    const Actor& actor, int64_t contact_id, const std::vector<std::string>& grant_usernames,
    const std::string& reason_text, const std::vector<std::string>& exclude_usernames) {
  const std::string id = std::to_string(contact_id);
  const std::string purpose = "restricting a contact to the staff named on it";
  if (auto d = policy::decide(actor, Action::contact_restrict); !d.allowed)
    return impl_->refuse(actor, Action::contact_restrict, kContactRecord, id, purpose, d);
  const std::string reason = trimmed(reason_text);
  std::vector<FieldError> errors;
  if (reason.empty())
    errors.push_back({"reason", "Say why the contact is restricted"});
  else if (reason.size() > 1000)
    errors.push_back({"reason", "The reason must be 1,000 characters or fewer"});

  const Timestamp now = impl_->clock.now();
  std::optional<ContactRestriction> out;
  std::optional<Error> failed;
  impl_->db.transact([&](store::Tx& tx) {
    if (!store::find_contact(tx, contact_id)) {
      failed = Error::not_found("There is no contact " + id);
      return;
    }
    // Each name an active user's: (id, username), in the order given.
    auto users_named = [&](const std::vector<std::string>& names, const std::string& field) {
      std::vector<std::pair<int64_t, std::string>> users;
      for (size_t i = 0; i < names.size(); ++i) {
        const std::string where = field + "[" + std::to_string(i) + "]";
        auto user = store::find_user(tx, names[i]);
        if (!user)
          errors.push_back({where, "There is no user \"" + names[i] + "\""});
        else if (!user->user.active)
          errors.push_back({where, "The user \"" + names[i] + "\" is not active"});
        else
          users.emplace_back(user->user.id, user->user.username);
      }
      return users;
    };
    const auto granting = users_named(grant_usernames, "grant");
    const auto excluding = users_named(exclude_usernames, "exclude");
    const store::RestrictionRow before = store::restriction_of(tx, contact_id);
    auto in = [](const std::vector<int64_t>& ids, int64_t user) {
      return std::find(ids.begin(), ids.end(), user) != ids.end();
    };
    for (size_t i = 0; i < excluding.size(); ++i) {
      const auto& [user, name] = excluding[i];
      const bool granted =
          in(before.granted, user) || std::any_of(granting.begin(), granting.end(),
                                                  [&](const auto& g) { return g.first == user; });
      if (granted)
        errors.push_back({"exclude[" + std::to_string(i) + "]",
                          "The user \"" + name +
                              "\" is granted the contact: a user granted it cannot also be kept "
                              "out of it"});
    }
    for (size_t i = 0; i < granting.size(); ++i)
      if (in(before.excluded, granting[i].first))
        errors.push_back(
            {"grant[" + std::to_string(i) + "]",
             "The user \"" + granting[i].second +
                 "\" is named as connected to the contact: they cannot be granted it"});
    if (!errors.empty()) {
      failed = Error::invalid(std::move(errors), "Contact " + id + " has not been restricted");
      return;
    }
    const std::string at = to_rfc3339(in_london_offset(now));
    store::set_restricted(tx, contact_id, true);
    std::string named;
    for (const auto& [user_id, username] : granting) {
      store::insert_grant(tx, contact_id, user_id, actor.username, at, reason);
      named += (named.empty() ? "" : ",") + username;
    }
    // Each newly connected user, once; a break-glass access they hold ends now.
    std::vector<int64_t> kept_out;
    for (const auto& excluded : excluding) {
      if (in(before.excluded, excluded.first) || in(kept_out, excluded.first)) continue;
      kept_out.push_back(excluded.first);
      store::insert_exclusion(tx, contact_id, excluded.first, actor.username, at, reason);
      store::end_break_glass(tx, contact_id, excluded.first, at, now.epoch_seconds);
    }
    ContactRestriction r;
    r.contact_id = contact_id;
    const store::RestrictionRow after = store::restriction_of(tx, contact_id);
    for (int64_t user_id : after.granted)
      if (auto u = store::find_user(tx, user_id)) r.granted.push_back(u->user.username);
    for (int64_t user_id : after.excluded)
      if (auto u = store::find_user(tx, user_id)) r.excluded.push_back(u->user.username);
    std::sort(r.granted.begin(), r.granted.end());
    std::sort(r.excluded.begin(), r.excluded.end());
    // The reason stays with the grants: it may say who the subject is, which the audit log never
    // does. Nor does it say who is connected (that would say whose relative it is): how many.
    std::string detail = "granted: " + (named.empty() ? std::string("nobody new") : named);
    if (!kept_out.empty())
      detail += "; " + std::to_string(kept_out.size()) + " connected users kept out";
    audit::append(tx, impl_->event(actor, policy::action_name(Action::contact_restrict),
                                   kContactRecord, id, purpose, true, detail));
    out = std::move(r);
  });
  if (failed) return *failed;
  // Open contacts' boards leave it out from their next read.
  impl_->changes.publish(contact_id);
  return std::move(*out);
}

// --- drafts --------------------------------------------------------------------------------

void Hub::save_draft(const Actor& actor, const std::string& kind, const std::string& content) {
  if (actor.user_id == 0) return;
  const Timestamp now = impl_->clock.now();
  impl_->db.transact([&](store::Tx& tx) {
    store::save_draft(tx, actor.user_id, kind, content, to_rfc3339(now), now.epoch_seconds);
  });
}

std::optional<std::string> Hub::load_draft(const Actor& actor, const std::string& kind) {
  if (actor.user_id == 0) return std::nullopt;
  std::optional<std::string> out;
  const int64_t since =
      impl_->clock.now().epoch_seconds - int64_t{impl_->options.draft_retention_days} * 86400;
  impl_->db.read([&](store::Tx& tx) { out = store::find_draft(tx, actor.user_id, kind, since); });
  return out;
}

void Hub::discard_draft(const Actor& actor, const std::string& kind) {
  if (actor.user_id == 0) return;
  impl_->db.transact([&](store::Tx& tx) { store::delete_draft(tx, actor.user_id, kind); });
}

}  // namespace mash::app
