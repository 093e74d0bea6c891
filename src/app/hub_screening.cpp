// Screening (issue 4): rating a contact and its clock.
#include <algorithm>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "audit/audit.h"
#include "domain/london_time.h"
#include "store/contacts.h"
#include "store/decisions.h"
#include "store/ratings.h"

namespace mash::app {

using policy::Action;

namespace {

constexpr size_t kMaxRationale = 2000;

}  // namespace

ContactRating rating_of(const store::RatingRow& r, const HubConfig& config) {
  ContactRating out;
  out.rating = r.rating;
  const Rating* known = config.rating(r.rating);
  out.name = known ? known->name : r.rating;
  out.rationale = r.rationale;
  out.rated_by = r.rated_by;
  out.rated_at = parse_rfc3339(r.rated_at).value_or(Timestamp{r.rated_epoch, 0});
  out.due_at = in_london_offset(Timestamp{r.due_epoch, 0});
  return out;
}

ContactClock clock_of(const Contact& c, const std::vector<store::RatingRow>& rows,
                      std::optional<int64_t> met_epoch, const HubConfig& config,
                      const Timestamp& now) {
  ContactClock clock;
  clock.contact_id = c.id;
  clock.received_at = c.received_at;
  for (const store::RatingRow& r : rows) clock.ratings.push_back(rating_of(r, config));
  if (met_epoch) clock.met_at = in_london_offset(Timestamp{*met_epoch, 0});
  if (!clock.ratings.empty()) {
    clock.due_at = clock.ratings.back().due_at;
    const int64_t at = clock.met_at ? clock.met_at->epoch_seconds : now.epoch_seconds;
    clock.seconds_remaining = clock.due_at->epoch_seconds - at;
    clock.overdue = clock.seconds_remaining < 0;
  }
  return clock;
}

Result<ContactClock> Hub::rate_contact(const Actor& actor, int64_t contact_id,
                                       const std::string& rating, const std::string& rationale) {
  const std::string id = std::to_string(contact_id);
  const std::string purpose = "screening: rating the contact";
  const HubConfig& config = impl_->options.config;
  if (auto d = could_ever(actor, Action::contact_rate, config); !d.allowed)
    return impl_->refuse(actor, Action::contact_rate, kContactRecord, id, purpose, d);

  std::vector<FieldError> errors;
  const Rating* chosen = config.rating(rating);
  if (rating.empty())
    errors.push_back({"rating", "Choose a rating"});
  else if (!chosen)
    errors.push_back({"rating", "There is no rating \"" + rating + "\": choose one of " +
                                    config.rating_codes()});
  std::string why = rationale;
  why.erase(0, why.find_first_not_of(" \t\r\n"));
  why.erase(why.find_last_not_of(" \t\r\n") + 1);
  if (why.empty())
    errors.push_back({"rationale", "Enter why you are giving this rating"});
  else if (why.size() > kMaxRationale)
    errors.push_back({"rationale", "The rationale must be 2,000 characters or fewer"});

  const Timestamp now = impl_->clock.now();
  std::optional<ContactClock> out;
  std::optional<policy::Decision> refused;
  std::optional<Error> invalid;
  std::string conflict;
  impl_->db.transact([&](store::Tx& tx) {
    // The row lock first: a decision at the same moment either comes before (and this sees the
    // contact decided) or waits for this rating.
    const bool open = store::lock_open_contact(tx, contact_id);
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    policy::Resource resource = impl_->resource_of(tx, *contact);
    resource.configured_roles = configured_roles(config, Action::contact_rate);
    const policy::Decision d = policy::decide(actor, Action::contact_rate, resource);
    if (!d.allowed) {
      audit::append(tx, impl_->event(actor, policy::action_name(Action::contact_rate),
                                     kContactRecord, id, purpose, false, d.reason));
      refused = d;
      return;
    }
    // The input is judged only for those who may rate this contact (a restricted one is not
    // theirs to be told about).
    if (!errors.empty()) {
      invalid = Error::invalid(std::move(errors), "The contact has not been rated");
      return;
    }
    if (!open) {
      conflict = "Contact " + id + " has been decided: its rating can no longer change";
      return;
    }
    std::vector<store::RatingRow> rows = store::ratings_of(tx, contact_id);
    const Timestamp due = rows.empty()
                              ? due_at(config.calendar, contact->received_at, chosen->timescale)
                              : due_after_rating_change(config.calendar, contact->received_at, now,
                                                        chosen->timescale);
    store::RatingRow row;
    row.contact_id = contact_id;
    row.rating = chosen->code;
    row.rationale = why;
    row.rated_by = actor.username;
    row.rated_at = to_rfc3339(in_london_offset(now));
    row.rated_epoch = now.epoch_seconds;
    row.due_at = to_rfc3339(due);
    row.due_epoch = due.epoch_seconds;
    store::insert_rating(tx, row);
    if (contact->status == ContactStatus::new_contact)
      store::set_contact_status(tx, contact_id, ContactStatus::screening);
    // Whoever first rates a contact is its worker until a decision passes it on.
    if (store::work_of(tx, contact_id).worker.empty())
      store::set_contact_worker(tx, contact_id, actor.username);
    const std::string was = rows.empty() ? "none" : rows.back().rating;
    rows.push_back(row);
    audit::append(
        tx,
        impl_->event(actor, policy::action_name(Action::contact_rate), kContactRecord, id, purpose,
                     true, "rating " + row.rating + " (was " + was + "); due " + row.due_at));
    out = clock_of(*contact, rows, std::nullopt, config, now);
  });
  if (refused) return Error::forbidden(refused->reason);
  if (invalid) return std::move(*invalid);
  if (!conflict.empty()) return Error{Error::Kind::conflict, conflict, {}};
  if (!out) return Error::not_found("There is no contact " + id);
  impl_->changes.publish(contact_id);
  return std::move(*out);
}

Result<ContactClock> Hub::contact_clock(const Actor& actor, int64_t contact_id) {
  // The rating's part of the contact's screening: the same read, policy and audit.
  auto screening = screening_of(actor, contact_id);
  if (!screening.ok()) return screening.error();
  return std::move(screening->rating_clock);
}

}  // namespace mash::app
