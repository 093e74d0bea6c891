// The case tracker (issue 4): every open contact with its rating, its clock, its worker and the
// agencies involved, most urgent first; and the same for a few contacts, for a live board's
// update. Read in a few set-based queries (store/tracker.h) whatever the number of contacts.
#include <algorithm>
#include <set>

#include "app/hub.h"
#include "app/hub_impl.h"
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
    User probe;
    probe.username = filter.worker;
    probe.display_name = "-";
    probe.agency = "-";
    for (const FieldError& e : validate_user(probe))
      if (e.field == "username")
        errors.push_back({"worker", "Enter a worker's username, such as sw.jones: letters, "
                                    "digits, full stops, hyphens and underscores, 3 to 64 "
                                    "characters"});
  }
  return errors;
}

TrackerItem item_of(store::TrackerRow& row, const HubConfig& config, const TrackerFilter& filter,
                    const Timestamp& now, const Date& today) {
  TrackerItem item;
  item.contact_id = row.contact_id;
  item.received_at = parse_rfc3339(row.received_at).value_or(Timestamp{row.received_epoch, 0});
  item.status = from_code<ContactStatus>(row.status).value_or(ContactStatus::new_contact);
  item.source = from_code<ReferralSource>(row.source).value_or(ReferralSource::unknown);
  item.agency = row.agency;
  item.worker = std::move(row.worker);
  const bool names = !filter.wall || config.wall.shows_names;
  const bool ages = !filter.wall || config.wall.shows_ages;
  for (const store::TrackerSubjectRow& s : row.subjects) {
    TrackerSubject t;
    if (names) {
      Person p;
      p.given_name = s.given_name;
      p.family_name = s.family_name;
      t.name = display_name(p);
    }
    t.unborn = s.dob_kind == code_of(DobKind::expected);
    if (ages && !t.unborn)
      if (auto born = parse_iso_date(s.date_of_birth)) t.age = age_in_years(*born, today);
    item.subjects.push_back(std::move(t));
  }
  if (!row.rating.empty()) {
    const Rating* known = config.rating(row.rating);
    item.rating = row.rating;
    item.rating_name = known ? known->name : row.rating;
    item.due_at = in_london_offset(Timestamp{row.due_epoch, 0});
    item.seconds_remaining = row.due_epoch - now.epoch_seconds;
    item.overdue = item.seconds_remaining < 0;
  }
  std::set<std::string> agencies(row.known_to.begin(), row.known_to.end());
  agencies.insert(row.agency);
  item.agencies.assign(agencies.begin(), agencies.end());
  return item;
}

bool matches(const TrackerItem& item, const TrackerFilter& filter, const Rating* wanted) {
  if (wanted && item.rating != wanted->code) return false;
  if (filter.status && item.status != *filter.status) return false;
  if (filter.overdue_only && !item.overdue) return false;
  if (!filter.worker.empty() && item.worker != filter.worker) return false;
  return true;
}

// Rated contacts by due time (the most overdue first), then those not rated yet, oldest first.
bool more_urgent(const TrackerItem& a, const TrackerItem& b) {
  if (a.due_at.has_value() != b.due_at.has_value()) return a.due_at.has_value();
  if (a.due_at && a.due_at->epoch_seconds != b.due_at->epoch_seconds)
    return a.due_at->epoch_seconds < b.due_at->epoch_seconds;
  if (!a.due_at && a.received_at.epoch_seconds != b.received_at.epoch_seconds)
    return a.received_at.epoch_seconds < b.received_at.epoch_seconds;
  return a.contact_id < b.contact_id;
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

  store::TrackerQuery query;
  for (ContactStatus s : kOpen)
    if (!filter.status || *filter.status == s) query.statuses.emplace_back(code_of(s));
  if (only) query.only = *only;
  query.subjects = !filter.wall || config.wall.shows_names || config.wall.shows_ages;
  const Rating* wanted = filter.rating.empty() ? nullptr : config.rating(filter.rating);
  const Timestamp now = impl_->clock.now();
  const Date today = to_london(now).date;
  // Read without joining the writers' queue (a board of thousands of contacts must not hold up
  // intake), then audit; nothing is returned unless the audit event is written.
  impl_->db.read([&](store::Tx& tx) {
    for (store::TrackerRow& row : store::tracker_rows(tx, query)) {
      TrackerItem item = item_of(row, config, filter, now, today);
      if (matches(item, filter, wanted)) items.push_back(std::move(item));
    }
  });
  std::sort(items.begin(), items.end(), more_urgent);
  std::string detail = std::to_string(items.size()) + " open contacts shown" + described(filter);
  if (only) {
    detail = "live update: " + std::to_string(items.size()) + " of " +
             std::to_string(only->size()) + " changed contacts shown" + described(filter) + ":";
    for (int64_t id : *only) detail += " " + std::to_string(id);
  }
  impl_->db.transact([&](store::Tx& tx) {
    audit::append(tx, impl_->event(actor, policy::action_name(Action::contact_list),
                                   kContactRecord, "", kPurpose, true, detail));
  });
  return items;
}

}  // namespace mash::app
