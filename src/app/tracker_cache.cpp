#include "app/tracker_cache.h"

#include <algorithm>
#include <set>

#include "app/change_feed.h"
#include "app/hub_impl.h"
#include "domain/working_time.h"
#include "store/tracker.h"

namespace mash::app {

namespace {

const std::vector<std::string>& open_statuses() {
  static const std::vector<std::string> codes{std::string(code_of(ContactStatus::new_contact)),
                                              std::string(code_of(ContactStatus::screening)),
                                              std::string(code_of(ContactStatus::enquiry))};
  return codes;
}

TrackerCache::Entries read_entries(store::Database& db, const HubConfig& config,
                                   const std::vector<int64_t>& only) {
  TrackerCache::Entries out;
  db.read([&](store::Tx& tx) {
    store::TrackerQuery q;
    q.statuses = open_statuses();
    q.only = only;
    for (store::TrackerRow& row : store::tracker_rows(tx, q))
      out.push_back(std::make_shared<const TrackerEntry>(tracker_entry(row, config)));
  });
  return out;
}

void sort_entries(TrackerCache::Entries& entries) {
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return more_urgent(a->item, b->item); });
}

}  // namespace

TrackerEntry tracker_entry(store::TrackerRow& row, const HubConfig& config) {
  TrackerEntry e;
  TrackerItem& item = e.item;
  item.contact_id = row.contact_id;
  item.received_at = parse_rfc3339(row.received_at).value_or(Timestamp{row.received_epoch, 0});
  item.status = from_code<ContactStatus>(row.status).value_or(ContactStatus::new_contact);
  item.source = from_code<ReferralSource>(row.source).value_or(ReferralSource::unknown);
  item.agency = row.agency;
  item.worker = std::move(row.worker);
  item.marac = row.marac;
  e.restricted = row.restricted;
  e.granted = std::move(row.granted);
  for (store::TrackerSubjectRow& s : row.subjects) {
    TrackerSubject t;
    Person p;
    p.given_name = std::move(s.given_name);
    p.family_name = std::move(s.family_name);
    t.name = display_name(p);
    t.unborn = s.dob_kind == code_of(DobKind::expected);
    e.born.push_back(t.unborn ? std::nullopt : parse_iso_date(s.date_of_birth));
    item.subjects.push_back(std::move(t));
  }
  if (!row.rating.empty()) {
    const Rating* known = config.rating(row.rating);
    item.rating_name = known ? known->name : row.rating;
    item.rating = std::move(row.rating);
    item.due_at = in_london_offset(Timestamp{row.due_epoch, 0});
  }
  std::set<std::string> agencies(row.known_to.begin(), row.known_to.end());
  agencies.insert(row.agency);
  item.agencies.assign(agencies.begin(), agencies.end());
  for (const store::TrackerRow::Request& r : row.requests) {
    TrackerItem::Reply reply;
    reply.agency = r.agency;
    reply.status = parse_request_status(r.status).value_or(RequestStatus::requested);
    reply.due_at = in_london_offset(Timestamp{r.due_epoch, 0});
    reply.overdue = r.answered_epoch > r.due_epoch;  // answered late; the read adds the unanswered
    item.replies.push_back(std::move(reply));
  }
  return e;
}

bool more_urgent(const TrackerItem& a, const TrackerItem& b) {
  if (a.due_at.has_value() != b.due_at.has_value()) return a.due_at.has_value();
  if (a.due_at && a.due_at->epoch_seconds != b.due_at->epoch_seconds)
    return a.due_at->epoch_seconds < b.due_at->epoch_seconds;
  if (!a.due_at && a.received_at.epoch_seconds != b.received_at.epoch_seconds)
    return a.received_at.epoch_seconds < b.received_at.epoch_seconds;
  return a.contact_id < b.contact_id;
}

std::shared_ptr<const TrackerCache::Entries> TrackerCache::current(store::Database& db,
                                                                   const ChangeFeed& feed,
                                                                   const HubConfig& config) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  // Taken before reading: a change committed while we read is read again next time.
  const uint64_t seq = feed.seq();
  if (entries_ && seq == seq_ && now - read_at_ < kMaxAge) return entries_;
  ChangeFeed::Batch batch;
  if (entries_ && now - read_at_ < kMaxAge) batch = feed.wait_after(seq_, {});
  if (!entries_ || now - read_at_ >= kMaxAge || batch.everything) {
    auto fresh = std::make_shared<Entries>(read_entries(db, config, {}));
    sort_entries(*fresh);
    entries_ = std::move(fresh);
    read_at_ = now;
  } else {
    // Just the contacts published since: each replaced, added, or gone once no longer open.
    std::vector<int64_t> changed = batch.contacts;
    std::sort(changed.begin(), changed.end());
    auto patched = std::make_shared<Entries>();
    patched->reserve(entries_->size() + changed.size());
    for (const auto& e : *entries_)
      if (!std::binary_search(changed.begin(), changed.end(), e->item.contact_id))
        patched->push_back(e);
    for (auto& e : read_entries(db, config, changed)) patched->push_back(std::move(e));
    sort_entries(*patched);
    entries_ = std::move(patched);
  }
  seq_ = seq;
  return entries_;
}

}  // namespace mash::app
