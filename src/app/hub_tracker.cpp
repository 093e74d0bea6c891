// The case tracker (issue 4): every open contact with its rating, its clock, its worker and the
// agencies involved, most urgent first, from a snapshot kept true by the change feed
// (app/tracker_cache.h); and the same for a few contacts, read afresh, for a live board's update.
#include <algorithm>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "app/tracker_cache.h"
#include "audit/audit.h"
#include "domain/london_time.h"
#include "domain/user.h"
#include "store/tracker.h"

namespace mash::app {

using policy::Action;

namespace {

constexpr const char* kPurpose = "case tracker";
constexpr ContactStatus kOpen[] = {ContactStatus::new_contact, ContactStatus::screening,
                                   ContactStatus::enquiry};

std::vector<FieldError> check_filter(const TrackerFilter& filter, const HubConfig& config) {
  std::vector<FieldError> errors;
  if (!filter.rating.empty() && !config.rating(filter.rating))
    errors.push_back({"rating", "There is no rating \"" + filter.rating + "\": choose one of " +
                                    config.rating_codes()});
  if (filter.status &&
      std::find(std::begin(kOpen), std::end(kOpen), *filter.status) == std::end(kOpen))
    errors.push_back({"status", "The tracker shows open contacts: new, screening or enquiry"});
  if (!filter.worker.empty()) {
    User worker;  // the filter names a worker by username: checked as one
    worker.username = filter.worker;
    const std::vector<FieldError> problems = validate_user(worker);
    if (std::any_of(problems.begin(), problems.end(),
                    [](const FieldError& e) { return e.field == "username"; }))
      errors.push_back({"worker",
                        "Enter a worker's username, such as sw.jones: letters, digits, "
                        "full stops, hyphens and underscores, 3 to 64 characters"});
  }
  return errors;
}

bool matches(const TrackerItem& item, const TrackerFilter& filter, const Rating* wanted) {
  if (wanted && item.rating != wanted->code) return false;
  if (filter.status && item.status != *filter.status) return false;
  if (!filter.worker.empty() && item.worker != filter.worker) return false;
  return true;
}

// The item as shown now: its clock and the subjects' ages at this time, and on a wall screen
// only what the hub's configuration shows of the subjects.
TrackerItem item_now(const TrackerEntry& e, const TrackerFilter& filter, const HubConfig& config,
                     const Timestamp& now, const Date& today) {
  TrackerItem item = e.item;
  if (item.due_at) {
    item.seconds_remaining = item.due_at->epoch_seconds - now.epoch_seconds;
    item.overdue = item.seconds_remaining < 0;
  }
  for (TrackerItem::Reply& r : item.replies)
    if (r.status != RequestStatus::answered && r.due_at.epoch_seconds < now.epoch_seconds)
      r.overdue = true;
  const bool names = !filter.wall || config.wall.shows_names;
  const bool ages = !filter.wall || config.wall.shows_ages;
  if (!names && !ages) item.subjects.clear();
  for (size_t i = 0; i < item.subjects.size(); ++i) {
    if (!names) item.subjects[i].name.clear();
    if (ages && i < e.born.size() && e.born[i])
      item.subjects[i].age = age_in_years(*e.born[i], today);
  }
  return item;
}

std::string described(const TrackerFilter& f) {
  std::string out;
  if (!f.rating.empty()) out += " rating " + f.rating + ";";
  if (f.status) out += " status " + std::string(code_of(*f.status)) + ";";
  if (!f.worker.empty()) out += " worker " + f.worker + ";";
  if (f.overdue_only) out += " overdue only;";
  if (f.wall) out += " wall screen;";
  if (out.empty()) return "";
  out.pop_back();
  return " (" + out.substr(1) + ")";
}

}  // namespace

Result<std::vector<TrackerItem>> Hub::tracker(const Actor& actor, const TrackerFilter& filter) {
  return read_tracker(actor, filter, nullptr);
}

Result<std::vector<TrackerItem>> Hub::tracker_rows(const Actor& actor, const TrackerFilter& filter,
                                                   const std::vector<int64_t>& contact_ids) {
  return read_tracker(actor, filter, &contact_ids);
}

Result<std::vector<TrackerItem>> Hub::read_tracker(const Actor& actor, const TrackerFilter& filter,
                                                   const std::vector<int64_t>* only) {
  const policy::Decision decision = policy::decide(actor, Action::contact_list);
  if (!decision.allowed)
    return impl_->refuse(actor, Action::contact_list, "", "", kPurpose, decision);
  const HubConfig& config = impl_->options.config;
  if (auto errors = check_filter(filter, config); !errors.empty())
    return Error::invalid(std::move(errors), "The tracker's filter has problems");
  std::vector<TrackerItem> items;
  if (only && only->empty()) return items;

  const Rating* wanted = filter.rating.empty() ? nullptr : config.rating(filter.rating);
  const Timestamp now = impl_->clock.now();
  const Date today = to_london(now).date;
  auto keep = [&](const TrackerEntry& e) {
    // A restricted contact is not on the board of anyone it is not granted to.
    if (e.restricted && !std::binary_search(e.granted.begin(), e.granted.end(), actor.user_id))
      return;
    if (!matches(e.item, filter, wanted)) return;
    TrackerItem item = item_now(e, filter, config, now, today);
    if (!filter.overdue_only || item.overdue) items.push_back(std::move(item));
  };
  // Reads never join the writers' queue (a board of thousands of contacts must not hold up
  // intake); the audit event follows, and nothing is returned unless it is written.
  if (only) {
    // A live board's few contacts, read afresh.
    store::TrackerQuery query;
    for (ContactStatus s : kOpen) query.statuses.emplace_back(code_of(s));
    query.only = *only;
    impl_->db.read([&](store::Tx& tx) {
      for (store::TrackerRow& row : store::tracker_rows(tx, query)) {
        const TrackerEntry e = tracker_entry(row, config);
        keep(e);
      }
    });
    std::sort(items.begin(), items.end(), more_urgent);
  } else {
    // The whole board, from the snapshot (app/tracker_cache.h), already in order.
    const auto entries = impl_->tracker.current(impl_->db, impl_->changes, config);
    items.reserve(entries->size());
    for (const auto& e : *entries) keep(*e);
  }
  std::string detail = std::to_string(items.size()) + " open contacts shown" + described(filter);
  if (only) {
    detail = "live update: " + std::to_string(items.size()) + " of " +
             std::to_string(only->size()) + " changed contacts shown" + described(filter) + ":";
    for (int64_t id : *only) detail += " " + std::to_string(id);
  }
  impl_->db.transact([&](store::Tx& tx) {
    audit::append(tx, impl_->event(actor, policy::action_name(Action::contact_list), kContactRecord,
                                   "", kPurpose, true, detail));
  });
  return items;
}

}  // namespace mash::app
