// Screening's decision (issue 4): threshold, route and why; the clocks it meets; the clocks that
// pass their due time, recorded and told to the hub's managers.
#include <algorithm>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "app/research.h"
#include "audit/audit.h"
#include "domain/london_time.h"
#include "store/accounts.h"
#include "store/contacts.h"
#include "store/decisions.h"
#include "store/persons.h"
#include "store/ratings.h"

namespace mash::app {

using policy::Action;

namespace {

constexpr size_t kMaxRationale = 2000;
constexpr const char* kDecisionClock = "decision";
constexpr const char* kReferralClock = "referral_decision";

Timestamp at_epoch(int64_t epoch) { return in_london_offset(Timestamp{epoch, 0}); }

// "2026-11-24T10:30:00+00:00", or a London wall time as a form's date-time field sends it
// ("2026-11-24T10:30").
std::optional<Timestamp> parse_when(const std::string& text) {
  if (auto t = parse_rfc3339(text)) return t;
  if (text.size() == 16 && text[10] == 'T') {
    auto date = parse_iso_date(text.substr(0, 10));
    auto hm = parse_clock_time(text.substr(11));
    if (date && hm) return from_london(LondonTime{*date, hm->first, hm->second});
  }
  return std::nullopt;
}

ContactDecision decision_of(const store::DecisionRow& d, const HubConfig& config) {
  ContactDecision out;
  out.id = d.id;
  out.route = parse_route(d.route).value_or(Route::no_further_action);
  out.threshold = d.threshold;
  const ThresholdLevel* level = config.threshold(d.threshold);
  out.threshold_name = level ? level->name : std::string{};
  out.worker = d.worker;
  out.open_to_worker = d.open_to_worker;
  out.rationale = d.rationale;
  if (!d.strategy_discussion_at.empty())
    out.strategy_discussion_at = parse_rfc3339(d.strategy_discussion_at);
  out.decided_by = d.decided_by;
  out.decided_at = parse_rfc3339(d.decided_at).value_or(Timestamp{d.decided_epoch, 0});
  return out;
}

ClockState clock_state(std::string clock, std::string name, const Timestamp& started,
                       const Timestamp& due, std::optional<Timestamp> met, const Timestamp& now) {
  ClockState c;
  c.clock = std::move(clock);
  c.name = std::move(name);
  c.started_at = started;
  c.due_at = in_london_offset(due);
  c.met_at = met;
  c.seconds_remaining = due.epoch_seconds - (met ? met->epoch_seconds : now.epoch_seconds);
  c.overdue = c.seconds_remaining < 0;
  return c;
}

// How long a child or adult counts as open to the worker another contact went to. The hub does
// not hold the case system's closures, so an allocation older than this is taken as closed.
constexpr int64_t kOpenToWorkerSeconds = 365 * 86400;

// Subjects of the contact already open to a worker: another contact about the same person went
// to a worker (its latest decision passed it to them or opened a MASH enquiry) in the last year,
// is not closed, and the worker is still an active member of the hub's staff.
std::vector<OpenToWorker> open_workers(store::Tx& tx, const Contact& contact,
                                       const Timestamp& now) {
  std::vector<OpenToWorker> out;
  for (const Subject& s : contact.subjects) {
    auto person = store::person_of(tx, "cs:" + std::to_string(s.id));
    if (!person) continue;
    for (const std::string& key : store::members_of_person(tx, *person)) {
      if (key.rfind("cs:", 0) != 0) continue;
      auto other = store::find_subject(tx, std::stoll(key.substr(3)));
      if (!other || other->contact_id == contact.id) continue;
      auto other_contact = store::find_contact(tx, other->contact_id);
      if (!other_contact || other_contact->status == ContactStatus::closed) continue;
      const auto decisions = store::decisions_of(tx, other->contact_id);
      if (decisions.empty()) continue;
      const store::DecisionRow& last = decisions.back();
      const auto route = parse_route(last.route);
      if (last.worker.empty() || !route ||
          (*route != Route::allocated_worker && *route != Route::mash_enquiry) ||
          now.epoch_seconds - last.decided_epoch > kOpenToWorkerSeconds)
        continue;
      auto worker = store::find_user(tx, last.worker);
      if (!worker || !worker->user.active || !is_hub_role(worker->user.role)) continue;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const OpenToWorker& o) {
        return o.subject_id == s.id && o.worker == last.worker;
      });
      if (!seen) out.push_back({s.id, display_name(s), last.worker, other->contact_id});
    }
  }
  return out;
}

ContactScreening screening_in(store::Tx& tx, const Contact& c, const HubConfig& config,
                              const Timestamp& now) {
  ContactScreening out;
  out.contact_id = c.id;
  out.status = c.status;
  const store::ContactWork work = store::work_of(tx, c.id);
  out.worker = work.worker;
  for (const auto& d : store::decisions_of(tx, c.id))
    out.decisions.push_back(decision_of(d, config));
  out.open_to = open_workers(tx, c, now);

  const auto ratings = store::ratings_of(tx, c.id);
  out.rating_clock = clock_of(c, ratings, work.met_epoch, config, now);
  if (!ratings.empty()) {
    const Rating* known = config.rating(ratings.back().rating);
    const std::string name = known ? known->name : ratings.back().rating;
    std::optional<Timestamp> met;
    if (work.met_epoch) met = at_epoch(*work.met_epoch);
    out.clocks.push_back(clock_state(kDecisionClock, "Decision (" + name + ")", c.received_at,
                                     Timestamp{ratings.back().due_epoch, 0}, met, now));
  }
  const StatutoryTimescales& st = config.statutory;
  std::optional<Timestamp> first_decision;
  if (!out.decisions.empty()) first_decision = out.decisions.front().decided_at;
  out.clocks.push_back(clock_state(kReferralClock, "Referral decision (statutory)", c.received_at,
                                   due_at(config.calendar, c.received_at, st.referral_decision),
                                   first_decision, now));
  // A decision at the configured threshold level or above (3, child in need, by default) starts
  // the assessment, timed from the referral. It and the conference are done in the case system,
  // which records their completion: the hub gives the due time and does not call them overdue.
  auto untracked = [](ClockState c) {
    c.tracked = false;
    c.overdue = false;
    return c;
  };
  const bool assessed = std::any_of(
      out.decisions.begin(), out.decisions.end(),
      [&](const ContactDecision& d) { return d.threshold >= st.assessment_from_level; });
  if (assessed)
    out.clocks.push_back(untracked(
        clock_state("assessment", "Child and family assessment (statutory)", c.received_at,
                    due_at(config.calendar, c.received_at, st.assessment), std::nullopt, now)));
  for (auto d = out.decisions.rbegin(); d != out.decisions.rend(); ++d) {
    if (!d->strategy_discussion_at) continue;
    out.clocks.push_back(untracked(
        clock_state("initial_conference", "Initial child protection conference (statutory)",
                    *d->strategy_discussion_at,
                    due_at(config.calendar, *d->strategy_discussion_at, st.initial_conference),
                    std::nullopt, now)));
    break;
  }
  for (const auto& b : store::breaches_of(tx, c.id))
    out.breaches.push_back({b.clock, b.rating, at_epoch(b.due_epoch), at_epoch(b.recorded_epoch)});
  return out;
}

}  // namespace

// The audit event for work the hub does by itself, on its own clock.
static audit::Event system_event(const Timestamp& at, const std::string& action,
                                 const std::string& record_id, const std::string& detail) {
  audit::Event e;
  e.at = at;
  e.actor_kind = "system";
  e.username = "clock-watch";
  e.role = "system";
  e.action = action;
  e.record_type = kContactRecord;
  e.record_id = record_id;
  e.purpose = "the hub's clocks: recording a missed due time";
  e.detail = detail;
  return e;
}

namespace {

// Records a breach and tells every active hub manager; false when it was already recorded.
bool record_breach(store::Tx& tx, store::BreachRow& b, const Timestamp& now, size_t& told) {
  b.recorded_at = to_rfc3339(in_london_offset(now));
  b.recorded_epoch = now.epoch_seconds;
  if (!store::insert_breach(tx, b)) return false;
  const std::string id = std::to_string(b.contact_id);
  const std::string what =
      b.clock == kDecisionClock
          ? "its decision (" + b.rating + ") was due " + format_london(at_epoch(b.due_epoch))
          : "its statutory referral decision was due " + format_london(at_epoch(b.due_epoch));
  audit::append(tx, system_event(now, "clock.breach", id, b.clock + " due " + b.due_at));
  for (const std::string& manager : store::active_users_with_role(tx, "hub_manager")) {
    store::NotificationRow n;
    n.recipient = manager;
    n.kind = "breach";
    n.contact_id = b.contact_id;
    n.message = "Contact " + id + " is overdue: " + what + ".";
    n.created_at = b.recorded_at;
    n.created_epoch = now.epoch_seconds;
    store::insert_notification(tx, n);
    ++told;
  }
  return true;
}

}  // namespace

Result<ContactScreening> Hub::decide_contact(const Actor& actor, int64_t contact_id,
                                             const DecisionDraft& draft) {
  const std::string id = std::to_string(contact_id);
  const std::string purpose = "screening: deciding the contact's route";
  const HubConfig& config = impl_->options.config;
  if (auto d = could_ever(actor, Action::contact_decide, config); !d.allowed)
    return impl_->refuse(actor, Action::contact_decide, kContactRecord, id, purpose, d);

  const Timestamp now = impl_->clock.now();
  std::vector<FieldError> errors;
  const std::optional<Route> route = parse_route(draft.route);
  if (draft.route.empty())
    errors.push_back({"route", "Choose where the contact goes"});
  else if (!route)
    errors.push_back({"route", "There is no route \"" + draft.route +
                                   "\": choose mash_enquiry, allocated_worker, advice_signpost "
                                   "or no_further_action"});
  if (!config.threshold(draft.threshold)) {
    std::string levels;
    for (const ThresholdLevel& t : config.thresholds)
      levels += (levels.empty() ? "" : ", ") + std::to_string(t.level) + " " + t.name;
    errors.push_back({"threshold", "Choose the threshold level: " + levels});
  }
  std::string worker = trimmed(draft.worker);
  if (route == Route::allocated_worker && worker.empty())
    errors.push_back({"worker", "Enter the username of the worker to pass the contact to"});
  if ((route == Route::advice_signpost || route == Route::no_further_action) && !worker.empty())
    errors.push_back({"worker", "Advice and no further action go to no worker: leave it empty"});
  if (route == Route::mash_enquiry && worker.empty()) worker = actor.username;
  const std::string why = trimmed(draft.rationale);
  if (why.empty())
    errors.push_back({"rationale", "Enter why you are making this decision"});
  else if (why.size() > kMaxRationale)
    errors.push_back({"rationale", "The rationale must be 2,000 characters or fewer"});
  std::optional<Timestamp> strategy;
  if (!trimmed(draft.strategy_discussion_at).empty()) {
    strategy = parse_when(trimmed(draft.strategy_discussion_at));
    if (!strategy)
      errors.push_back({"strategy_discussion_at",
                        "Enter when the strategy discussion was held as a date and time, such "
                        "as 2026-11-24T10:30"});
    else if (strategy->epoch_seconds > now.epoch_seconds)
      errors.push_back(
          {"strategy_discussion_at", "The strategy discussion must have been held already"});
  }

  std::optional<ContactScreening> out;
  std::optional<Error> failed;
  impl_->db.transact([&](store::Tx& tx) {
    // First the row lock: a second decision at the same moment waits here, then finds it decided.
    const bool is_open = store::lock_open_contact(tx, contact_id);
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    policy::Resource resource = impl_->resource_of(tx, *contact);
    resource.configured_roles = configured_roles(config, Action::contact_decide);
    const policy::Decision d = policy::decide(actor, Action::contact_decide, resource);
    if (!d.allowed) {
      audit::append(tx, impl_->event(actor, policy::action_name(Action::contact_decide),
                                     kContactRecord, id, purpose, false, d.reason));
      failed = Error::forbidden(d.reason);
      return;
    }
    // The input is judged only for those who may decide this contact (a restricted one is not
    // theirs to be told about).
    if (!errors.empty()) {
      failed = Error::invalid(std::move(errors), "The decision has not been recorded");
      return;
    }
    if (!is_open) {
      failed = Error{Error::Kind::conflict,
                     "Contact " + id + " has already been decided: its decision stands",
                     {}};
      return;
    }
    const auto ratings = store::ratings_of(tx, contact_id);
    if (ratings.empty()) {
      failed =
          Error{Error::Kind::conflict, "Rate contact " + id + " before deciding where it goes", {}};
      return;
    }
    const Rating* rating = config.rating(ratings.back().rating);
    if (route == Route::mash_enquiry && rating && !rating->mash_enquiry) {
      failed = Error::invalid({{"route", "A " + rating->name + " contact (" + rating->description +
                                             ") does not go to a MASH enquiry"}},
                              "The decision has not been recorded");
      return;
    }
    const std::vector<OpenToWorker> open = open_workers(tx, *contact, now);
    bool to_open_worker = false;
    for (const OpenToWorker& o : open)
      if (route == Route::allocated_worker && o.worker == worker) to_open_worker = true;
    if (!open.empty() && !to_open_worker) {
      const OpenToWorker& o = open.front();
      failed = Error::invalid(
          {{"route", o.subject_name + " is already open to " + o.worker + " (contact " +
                         std::to_string(o.contact_id) + "): pass the contact to them"}},
          "The decision has not been recorded");
      return;
    }
    if (!worker.empty()) {
      auto user = store::find_user(tx, worker);
      if (!user || !user->user.active || !is_hub_role(user->user.role)) {
        failed = Error::invalid(
            {{"worker", "There is no active hub worker with the username \"" + worker + "\""}},
            "The decision has not been recorded");
        return;
      }
    }

    store::DecisionRow row;
    row.contact_id = contact_id;
    row.route = std::string(code_of(*route));
    row.threshold = draft.threshold;
    row.worker = worker;
    row.open_to_worker = to_open_worker;
    row.rationale = why;
    row.strategy_discussion_at = strategy ? to_rfc3339(in_london_offset(*strategy)) : "";
    row.decided_by = actor.username;
    row.decided_at = to_rfc3339(in_london_offset(now));
    row.decided_epoch = now.epoch_seconds;
    store::insert_decision(tx, row);
    if (!worker.empty()) store::set_contact_worker(tx, contact_id, worker);
    const bool ends = ends_screening(*route);
    store::set_contact_status(tx, contact_id,
                              ends ? ContactStatus::decided : ContactStatus::enquiry);
    size_t told = 0;
    if (ends) {
      // Met late: the breach is recorded now if the clock watch had not yet seen it.
      if (ratings.back().due_epoch < now.epoch_seconds) {
        store::BreachRow b{0,
                           contact_id,
                           kDecisionClock,
                           ratings.back().rating,
                           ratings.back().due_at,
                           ratings.back().due_epoch,
                           "",
                           0};
        record_breach(tx, b, now, told);
      }
    }
    audit::append(
        tx, impl_->event(actor, policy::action_name(Action::contact_decide), kContactRecord, id,
                         purpose, true,
                         "route " + row.route + "; threshold " + std::to_string(row.threshold) +
                             (worker.empty() ? "" : "; to " + worker)));
    contact->status = ends ? ContactStatus::decided : ContactStatus::enquiry;
    out = screening_in(tx, *contact, config, now);
  });
  if (failed) return std::move(*failed);
  if (!out) return Error::not_found("There is no contact " + id);
  impl_->changes.publish(contact_id);
  return std::move(*out);
}

Result<ContactScreening> Hub::screening_of(const Actor& actor, int64_t contact_id) {
  const std::string id = std::to_string(contact_id);
  const std::string purpose = "screening: the contact's decisions and clocks";
  if (auto d = could_ever(actor, Action::screening_view); !d.allowed)
    return impl_->refuse(actor, Action::screening_view, kContactRecord, id, purpose, d);
  std::optional<ContactScreening> out;
  std::optional<policy::Decision> refused;
  const Timestamp now = impl_->clock.now();
  impl_->db.transact([&](store::Tx& tx) {
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const policy::Decision d =
        policy::decide(actor, Action::screening_view, impl_->resource_of(tx, *contact));
    audit::append(
        tx, impl_->event(actor, policy::action_name(Action::screening_view), kContactRecord, id,
                         purpose, d.allowed,
                         d.allowed ? allowed_detail(d, "decisions and clocks") : d.reason));
    if (!d.allowed) {
      refused = d;
      return;
    }
    out = screening_in(tx, *contact, impl_->options.config, now);
  });
  if (refused) return Error::forbidden(refused->reason);
  if (!out) return Error::not_found("There is no contact " + id);
  return std::move(*out);
}

SweepReport Hub::sweep_clocks() {
  constexpr int kBatch = 500;
  const HubConfig& config = impl_->options.config;
  const Timestamp now = impl_->clock.now();
  SweepReport report;
  std::vector<int64_t> changed;
  impl_->db.transact([&](store::Tx& tx) {
    for (const store::DueClock& due :
         store::unrecorded_rating_breaches(tx, now.epoch_seconds, kBatch)) {
      store::BreachRow b{
          0, due.contact_id, kDecisionClock, due.rating, due.due_at, due.due_epoch, "", 0};
      if (record_breach(tx, b, now, report.notifications)) {
        ++report.breaches;
        changed.push_back(due.contact_id);
      }
    }
    // Undecided contacts, oldest first: their referral decision may be overdue. The due time
    // grows with receipt, so the first one not yet due ends the search.
    for (int64_t id : store::undecided_received_by(tx, now.epoch_seconds, kBatch)) {
      auto contact = store::find_contact(tx, id);
      if (!contact) continue;
      const Timestamp due =
          due_at(config.calendar, contact->received_at, config.statutory.referral_decision);
      if (due.epoch_seconds >= now.epoch_seconds) break;
      store::BreachRow b{0, id, kReferralClock, "", to_rfc3339(due), due.epoch_seconds, "", 0};
      if (record_breach(tx, b, now, report.notifications)) {
        ++report.breaches;
        changed.push_back(id);
      }
    }
  });
  for (int64_t id : changed) impl_->changes.publish(id);
  // Information requests past due: chased once each (issue 5).
  report.requests_chased = Research(*this).chase_overdue();
  return report;
}

Result<std::vector<Notification>> Hub::notifications(const Actor& actor) {
  if (actor.kind != Actor::Kind::user) return std::vector<Notification>{};
  std::vector<Notification> out;
  impl_->db.transact([&](store::Tx& tx) {
    for (const auto& n : store::notifications_for(tx, actor.username, 50))
      out.push_back({n.id, n.kind, n.contact_id, n.message,
                     parse_rfc3339(n.created_at).value_or(Timestamp{n.created_epoch, 0})});
  });
  return out;
}

int64_t Hub::notification_count(const Actor& actor) {
  if (actor.kind != Actor::Kind::user) return 0;
  int64_t n = 0;
  impl_->db.transact(
      [&](store::Tx& tx) { n = store::count_notifications_for(tx, actor.username); });
  return n;
}

Result<int64_t> Hub::dismiss_notifications(const Actor& actor, int64_t id) {
  if (actor.kind != Actor::Kind::user)
    return Error::forbidden("Only people signed in have notifications");
  int64_t n = 0;
  const Timestamp now = impl_->clock.now();
  impl_->db.transact([&](store::Tx& tx) {
    n = store::dismiss_notifications(tx, actor.username, id, now.epoch_seconds);
  });
  if (id != 0 && n == 0) return Error::not_found("There is no notification " + std::to_string(id));
  return n;
}

}  // namespace mash::app
