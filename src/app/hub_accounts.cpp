// The Hub's sign-in, session, token and administration use cases.
#include "app/hub.h"
#include "app/hub_impl.h"
#include "app/secrets.h"
#include "store/accounts.h"
#include "store/decisions.h"

namespace mash::app {

using policy::Action;

namespace {

const char* const kWrongCredentials = "Enter a correct username and password";

Actor actor_of(const User& u) {
  return Actor{Actor::Kind::user, u.id, u.username, u.role, u.agency};
}

// The audit actor for someone who is not (yet) signed in.
Actor anonymous_actor(const std::string& username) {
  return Actor{Actor::Kind::user, 0, username, std::nullopt, ""};
}

std::string minutes_text(int64_t seconds) {
  int64_t minutes = std::max<int64_t>(1, (seconds + 59) / 60);
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

}  // namespace

Result<Session> Hub::sign_in(const std::string& username, const std::string& password,
                             const std::string& address) {
  Impl& im = *impl_;
  const Timestamp now = im.clock.now();
  const int64_t window = int64_t{im.options.sign_in_window_minutes} * 60;
  const int64_t since = now.epoch_seconds - window;
  // Failures are kept against a hash of the name typed: it is sometimes a password typed into
  // the wrong box.
  const std::string account = token_hash(username);
  std::optional<store::StoredUser> stored;
  std::optional<Error> throttled;
  // Count this attempt as a failure before checking the password, in the same transaction as
  // the throttle check, so that a burst of parallel guesses can't all slip under the limit; a
  // right password clears it.
  im.db.transact([&](store::Tx& tx) {
    stored = store::find_user(tx, username);
    const Actor who = stored ? actor_of(stored->user) : anonymous_actor("(unknown username)");
    if (store::failed_sign_ins_for_username(tx, account, since) >=
            im.options.max_failed_sign_ins_per_account ||
        store::failed_sign_ins_for_address(tx, address, since) >=
            im.options.max_failed_sign_ins_per_address) {
      int64_t oldest = store::oldest_failed_sign_in(tx, account, address, since).value_or(since);
      throttled = Error{Error::Kind::too_many,
                        "There have been too many failed attempts to sign in. Wait " +
                            minutes_text(oldest + window - now.epoch_seconds) + ", then try again.",
                        {}};
      audit::append(tx, im.event(who, "session.sign_in", "user",
                                 stored ? std::to_string(stored->user.id) : "", "", false,
                                 "sign-in refused: too many failed attempts"));
      return;
    }
    store::record_failed_sign_in(tx, account, address, now.epoch_seconds);
  });
  if (throttled) return *throttled;

  // Verify outside any transaction: Argon2id is deliberately slow. An unknown username costs
  // the same as a known one, so timing doesn't reveal which usernames exist.
  static const std::string dummy = hash_password(
      "not a real password", im.options.password_opslimit, im.options.password_memlimit);
  const bool good = stored ? verify_password(password, stored->password_hash)
                           : (verify_password(password, dummy), false);
  const bool allowed = good && stored->user.active;

  Result<Session> out = Error{Error::Kind::unauthenticated, kWrongCredentials, {}};
  im.db.transact([&](store::Tx& tx) {
    const Actor actor = stored ? actor_of(stored->user) : anonymous_actor("(unknown username)");
    const std::string user_id = stored ? std::to_string(stored->user.id) : "";
    const audit::Event e =
        im.event(actor, "session.sign_in", "user", user_id, "", allowed,
                 allowed ? "" : (good ? "account disabled" : "wrong credentials"));
    if (!allowed) {
      audit::append(tx, e);
      return;
    }
    store::clear_failed_sign_ins(tx, account);
    store::delete_drafts_saved_before(
        tx, now.epoch_seconds - int64_t{im.options.draft_retention_days} * 86400);
    store::delete_expired_sessions(
        tx, now.epoch_seconds - int64_t{im.options.session_idle_minutes} * 60,
        now.epoch_seconds - int64_t{im.options.session_absolute_hours} * 3600);
    Session s;
    s.token = random_token();
    s.csrf_token = random_token();
    s.user = stored->user;
    s.created_at = now;
    s.expires_at = now;
    s.expires_at.epoch_seconds += int64_t{im.options.session_idle_minutes} * 60;
    s.may_list_contacts = may(s.actor(), Action::contact_list);
    s.may_record_contacts = may(s.actor(), Action::contact_create);
    s.may_answer_requests = may(s.actor(), Action::request_queue);
    s.may_review_break_glass = may(s.actor(), Action::break_glass_review);
    store::insert_session(
        tx, {token_hash(s.token), s.user.id, s.csrf_token, now.epoch_seconds, now.epoch_seconds});
    audit::append(tx, e);
    out = std::move(s);
  });
  return out;
}

Result<Session> Hub::resume_session(const std::string& token, bool activity) {
  Impl& im = *impl_;
  const Error signed_out{Error::Kind::unauthenticated, "Your session has ended: sign in again", {}};
  if (token.empty()) return signed_out;
  const Timestamp now = im.clock.now();
  const std::string hash = token_hash(token);
  const int64_t idle = int64_t{im.options.session_idle_minutes} * 60;
  const int64_t absolute = int64_t{im.options.session_absolute_hours} * 3600;
  std::optional<store::StoredSession> s;
  std::optional<store::StoredUser> u;
  im.db.read([&](store::Tx& tx) {
    s = store::find_session(tx, hash);
    if (s) u = store::find_user(tx, s->user_id);
  });
  if (!s) return signed_out;
  if (!u || !u->user.active || now.epoch_seconds - s->last_seen_epoch > idle ||
      now.epoch_seconds - s->created_epoch > absolute) {
    im.db.transact([&](store::Tx& tx) { store::delete_session(tx, hash); });
    return signed_out;
  }
  // Restart the idle clock, at most once a minute, to spare the disk a write per page.
  if (activity && now.epoch_seconds - s->last_seen_epoch >= 60)
    im.db.transact([&](store::Tx& tx) { store::touch_session(tx, hash, now.epoch_seconds); });
  Session session;
  session.token = token;
  session.csrf_token = s->csrf_token;
  session.user = u->user;
  session.created_at = Timestamp{s->created_epoch, 0};
  session.expires_at =
      Timestamp{std::min(now.epoch_seconds + idle, s->created_epoch + absolute), 0};
  session.may_list_contacts = may(session.actor(), Action::contact_list);
  session.may_record_contacts = may(session.actor(), Action::contact_create);
  session.may_answer_requests = may(session.actor(), Action::request_queue);
  session.may_review_break_glass = may(session.actor(), Action::break_glass_review);
  im.db.read([&](store::Tx& tx) {
    session.notifications = store::count_notifications_for(tx, session.user.username);
  });
  return session;
}

void Hub::sign_out(const std::string& token) {
  if (token.empty()) return;
  Impl& im = *impl_;
  const std::string hash = token_hash(token);
  im.db.transact([&](store::Tx& tx) {
    auto s = store::find_session(tx, hash);
    if (!s) return;
    store::delete_session(tx, hash);
    auto u = store::find_user(tx, s->user_id);
    if (!u) return;
    audit::append(tx, im.event(actor_of(u->user), "session.sign_out", "user",
                               std::to_string(u->user.id), "", true));
  });
}

Result<Actor> Hub::authenticate_token(const std::string& token) {
  Impl& im = *impl_;
  const Error bad{Error::Kind::unauthenticated,
                  "The API token is not recognised or has been revoked: ask the hub for a token",
                  {}};
  if (token.empty()) return bad;
  const std::string hash = token_hash(token);
  Result<Actor> out = bad;
  im.db.read([&](store::Tx& tx) {
    auto t = store::find_token(tx, hash);
    if (!t || t->revoked) return;
    if (t->user_id) {
      auto u = store::find_user(tx, *t->user_id);
      if (u && u->user.active) out = actor_of(u->user);
      return;
    }
    out = Actor{Actor::Kind::agency_system, 0, t->name, std::nullopt, t->agency};
  });
  return out;
}

// --- administration --------------------------------------------------------------------------

Result<User> Hub::add_user(const Actor& actor, User user, const std::string& password) {
  Impl& im = *impl_;
  const std::string purpose = "user administration";
  const policy::Decision d = policy::decide(actor, Action::user_manage);
  if (!d.allowed) return im.refuse(actor, Action::user_manage, "user", "", purpose, d);
  if (user.display_name.empty()) user.display_name = user.username;
  std::vector<FieldError> errors = validate_user(user);
  for (FieldError& e : validate_password(password)) errors.push_back(std::move(e));
  bool known_agency = false, taken = false;
  im.db.read([&](store::Tx& tx) {
    known_agency = store::agency_exists(tx, user.agency);
    taken = store::find_user(tx, user.username).has_value();
  });
  if (!user.agency.empty() && !known_agency)
    errors.push_back({"agency", "There is no agency \"" + user.agency +
                                    "\": use the code of an agency of the hub, such as police"});
  if (!errors.empty()) return Error::invalid(std::move(errors), "The user has not been added");
  if (taken)
    return Error{Error::Kind::conflict, "There is already a user called " + user.username, {}};
  const std::string hash =
      hash_password(password, im.options.password_opslimit, im.options.password_memlimit);
  const std::string at = to_rfc3339(im.clock.now());
  im.db.transact([&](store::Tx& tx) {
    user.id = store::insert_user(tx, user, hash, at);
    audit::append(tx, im.event(actor, policy::action_name(Action::user_manage), "user",
                               std::to_string(user.id), purpose, true,
                               "user added with role " + std::string(code_of(user.role))));
  });
  return user;
}

Result<TokenCreated> Hub::create_agency_token(const Actor& actor, const std::string& agency,
                                              const std::string& name) {
  Impl& im = *impl_;
  const std::string purpose = "agency system access";
  const policy::Decision d = policy::decide(actor, Action::user_manage);
  if (!d.allowed) return im.refuse(actor, Action::user_manage, "api_token", "", purpose, d);
  if (name.empty() || name.size() > 100)
    return Error::invalid({{"name", "Name the system the token is for, e.g. \"Niche PPN feed\""}});
  bool known = false;
  im.db.read([&](store::Tx& tx) { known = store::agency_exists(tx, agency); });
  if (!known)
    return Error::invalid(
        {{"agency", "There is no agency \"" + agency +
                        "\": use the code of an agency of the hub, such as police"}});
  TokenCreated out{random_token("mash_"), name};
  const std::string at = to_rfc3339(im.clock.now());
  im.db.transact([&](store::Tx& tx) {
    store::insert_token(tx, token_hash(out.token), {0, name, agency, std::nullopt, false}, at);
    audit::append(tx, im.event(actor, policy::action_name(Action::user_manage), "api_token", agency,
                               purpose, true, "agency token created: " + name));
  });
  return out;
}

Result<TokenCreated> Hub::create_user_token(const Actor& actor, const std::string& username,
                                            const std::string& name) {
  Impl& im = *impl_;
  const std::string purpose = "user API access";
  const policy::Decision d = policy::decide(actor, Action::user_manage);
  if (!d.allowed) return im.refuse(actor, Action::user_manage, "api_token", "", purpose, d);
  std::optional<store::StoredUser> u;
  im.db.read([&](store::Tx& tx) { u = store::find_user(tx, username); });
  if (!u || !u->user.active)
    return Error::invalid({{"user", "There is no active user called \"" + username + "\""}});
  TokenCreated out{random_token("mash_"), name.empty() ? "API token for " + username : name};
  const std::string at = to_rfc3339(im.clock.now());
  im.db.transact([&](store::Tx& tx) {
    store::insert_token(tx, token_hash(out.token), {0, out.name, u->user.agency, u->user.id, false},
                        at);
    audit::append(tx, im.event(actor, policy::action_name(Action::user_manage), "user",
                               std::to_string(u->user.id), purpose, true, "user token created"));
  });
  return out;
}

Result<Agency> Hub::add_agency(const Actor& actor, Agency agency) {
  Impl& im = *impl_;
  const std::string purpose = "agency administration";
  const policy::Decision d = policy::decide(actor, Action::user_manage);
  if (!d.allowed) return im.refuse(actor, Action::user_manage, "agency", agency.code, purpose, d);
  if (auto errors = validate_agency(agency); !errors.empty())
    return Error::invalid(std::move(errors), "The agency has not been added");
  im.db.transact([&](store::Tx& tx) {
    store::upsert_agency(tx, agency, false);
    audit::append(tx, im.event(actor, policy::action_name(Action::user_manage), "agency",
                               agency.code, purpose, true, "agency added or renamed"));
  });
  return agency;
}

std::vector<Agency> Hub::agencies() {
  std::vector<Agency> out;
  impl_->db.read([&](store::Tx& tx) { out = store::list_agencies(tx); });
  return out;
}

}  // namespace mash::app
