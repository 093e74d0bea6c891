// The performance figures: how agencies answer the hub's information requests.
#include <algorithm>
#include <map>

#include "app/hub_impl.h"
#include "app/performance.h"
#include "audit/audit.h"
#include "domain/london_time.h"
#include "store/accounts.h"
#include "store/performance.h"

namespace mash::app {

using policy::Action;

namespace {

// Adds one request to an agency's counts, as it stands at `now`; its time to answer, if any, to
// `took`.
void count(AgencyTimeliness& a, const store::RequestTiming& r, int64_t now,
           std::vector<int64_t>& took) {
  ++a.requests;
  if (r.chased) ++a.chased;
  if (r.answered_epoch) {
    ++a.answered;
    ++(*r.answered_epoch <= r.due_epoch ? a.answered_on_time : a.answered_late);
    took.push_back(*r.answered_epoch - r.requested_epoch);
  } else {
    // Overdue from its due time on, as the clock watch chases it.
    ++(now >= r.due_epoch ? a.open_overdue : a.open_not_due);
  }
}

void finish(AgencyTimeliness& a, std::vector<int64_t>& took) {
  const int due = a.answered + a.open_overdue;
  // Rounded down: 100% only when every one was on time.
  if (due > 0) a.on_time_percent = a.answered_on_time * 100 / due;
  if (!took.empty()) {
    std::sort(took.begin(), took.end());
    a.median_seconds_to_answer = took[(took.size() - 1) / 2];
  }
}

}  // namespace

std::string describe_duration(int64_t seconds) {
  const int64_t minutes = std::max<int64_t>(0, seconds + 30) / 60;
  const int64_t days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
  auto unit = [](int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  if (days > 0)
    return unit(days, "day", "days") + (hours > 0 ? " " + std::to_string(hours) + " h" : "");
  if (hours > 0)
    return std::to_string(hours) + " h" + (mins > 0 ? " " + std::to_string(mins) + " min" : "");
  return std::to_string(mins) + " min";
}

Result<TimelinessReport> Performance::timeliness(const Actor& actor, std::optional<Date> from_date,
                                                 std::optional<Date> to_date) {
  Hub::Impl& hub = *hub_.impl_;
  const std::string purpose = "performance figures: how agencies answer information requests";
  const policy::Decision d = policy::decide(actor, Action::performance_view);
  if (!d.allowed)
    return hub.refuse(actor, Action::performance_view, "report", "timeliness", purpose, d);
  const Date to = to_date.value_or(to_london(hub.clock.now()).date);
  const Date from = from_date.value_or(civil_from_days(days_from_civil(to) - 29));
  std::vector<FieldError> errors;
  if (!is_valid(from)) errors.push_back({"from", "Enter a real date"});
  if (!is_valid(to)) errors.push_back({"to", "Enter a real date"});
  // On the date given: `to` unless only `from` was.
  const std::string blamed = to_date || !from_date ? "to" : "from";
  if (errors.empty() && to < from)
    errors.push_back({blamed, blamed == "to"
                                  ? "The last day must be the same as or after the first day"
                                  : "The first day must be today or earlier"});
  if (errors.empty() && days_from_civil(to) - days_from_civil(from) >= 366)
    errors.push_back({blamed, "Choose at most 366 days"});
  if (!errors.empty()) return Error::invalid(std::move(errors), "The period has a problem");
  // London midnights: the first day's, and the one after the last day.
  const auto start = from_london({from, 0, 0});
  const auto end = from_london({civil_from_days(days_from_civil(to) + 1), 0, 0});
  if (!start || !end) return Error::invalid({{"from", "Enter a real date"}});

  TimelinessReport report;
  report.from = from;
  report.to = to;
  report.at = hub.clock.now();
  report.total.agency_name = "All agencies";
  const int64_t now = report.at.epoch_seconds;
  hub.db.transact([&](store::Tx& tx) {
    std::map<std::string, std::string> names;
    for (const Agency& a : store::list_agencies(tx)) names[a.code] = a.name;
    std::map<std::string, AgencyTimeliness> by_agency;
    std::map<std::string, std::vector<int64_t>> took;
    std::vector<int64_t> all_took;
    for (const store::RequestTiming& r :
         store::request_timings(tx, start->epoch_seconds, end->epoch_seconds)) {
      AgencyTimeliness& a = by_agency[r.agency];
      a.agency = r.agency;
      count(a, r, now, took[r.agency]);
      count(report.total, r, now, all_took);
    }
    for (auto& [code, a] : by_agency) {
      a.agency_name = names.count(code) ? names[code] : code;
      finish(a, took[code]);
      report.agencies.push_back(a);
    }
    finish(report.total, all_took);
    std::sort(report.agencies.begin(), report.agencies.end(),
              [](const AgencyTimeliness& x, const AgencyTimeliness& y) {
                return x.agency_name < y.agency_name;
              });
    audit::append(
        tx, hub.event(actor, policy::action_name(Action::performance_view), "report", "timeliness",
                      purpose, true, "requests raised " + to_iso(from) + " to " + to_iso(to)));
  });
  return report;
}

}  // namespace mash::app
