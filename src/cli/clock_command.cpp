#include "cli/clock_command.h"

#include <iostream>
#include <memory>
#include <string>

#include "app/hub_config_file.h"
#include "domain/london_time.h"

namespace mash::cli {
namespace {

struct Options {
  std::string rating;
  std::string statutory;
  std::string received;
  std::string config;
};

// The configuration in `path`, or the standard one when `path` is empty; on a problem prints
// every one and ends with exit status 2.
HubConfig config_or_exit(const std::string& path) {
  if (path.empty()) return HubConfig::standard();
  auto c = app::load_hub_config(path);
  if (!c) {
    std::cerr << "mash: " << app::describe_config_error(c.error());
    throw CLI::RuntimeError(2);
  }
  return std::move(c).value();
}

std::string hours_text(const std::optional<OpeningHours>& h) {
  if (!h) return "closed";
  auto hm = [](int m) {
    return (m / 60 < 10 ? "0" : "") + std::to_string(m / 60) + ":" + (m % 60 < 10 ? "0" : "") +
           std::to_string(m % 60);
  };
  return hm(h->open) + "-" + hm(h->close);
}

void print_summary(const HubConfig& c, const std::string& path) {
  std::cout << path << ": the hub configuration is valid.\n\nWorking hours (" << c.time_zone
            << "):\n";
  for (int d = 0; d < 7; ++d)
    std::cout << "  " << weekday_name(d) << " "
              << hours_text(c.calendar.hours[static_cast<size_t>(d)]) << "\n";
  std::cout << "  one working day counts " << c.calendar.working_day_minutes / 60 << " h "
            << c.calendar.working_day_minutes % 60 << " min\n"
            << "Closed days: " << c.calendar.closed.size() << " (bank holidays and local)\n"
            << "Ratings:\n";
  for (const Rating& r : c.ratings) {
    std::cout << "  " << r.code << " (" << r.name << "): decision within " << describe(r.timescale);
    if (r.partner_response)
      std::cout << "; partners answer within " << describe(*r.partner_response);
    if (!r.mash_enquiry) std::cout << "; no MASH enquiry";
    std::cout << "\n";
  }
  std::cout << "Thresholds:\n";
  for (const ThresholdLevel& t : c.thresholds)
    std::cout << "  " << t.level << " " << t.name << "\n";
  auto roles = [](const std::set<Role>& set) {
    std::string out;
    for (Role r : set) out += (out.empty() ? "" : ", ") + std::string(code_of(r));
    return out;
  };
  std::cout << "May rate: " << roles(c.may_rate) << "\nMay decide: " << roles(c.may_decide)
            << "\nDASH: visible high risk at " << c.dash.high_risk_score
            << " \"yes\"; potential escalation at " << c.dash.escalation_incidents
            << " incidents in 12 months\n"
            << "Statutory clocks: referral decision within "
            << describe(c.statutory.referral_decision) << "; assessment within "
            << describe(c.statutory.assessment) << "; initial child protection conference within "
            << describe(c.statutory.initial_conference) << "\n";
}

}  // namespace

void add_clock_commands(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* clock = app.add_subcommand("clock", "Check the hub's clocks");
  clock->require_subcommand(1);
  auto* due = clock->add_subcommand(
      "due", "When a contact received at a time and given a rating falls due");
  auto* by_rating =
      due->add_option("--rating", o->rating, "The rating's code, e.g. red, amber, green");
  auto* by_statute = due->add_option(
      "--statutory", o->statutory,
      "Instead of a rating, a statutory clock: referral_decision (from receipt), assessment "
      "(from the referral) or initial_conference (from the strategy discussion)");
  by_rating->excludes(by_statute);
  due->add_option("--received", o->received,
                  "When the clock starts, RFC 3339: 2026-12-24T16:00:00+00:00")
      ->required();
  due->add_option("--config", o->config, "Hub configuration file (default: the standard rules)");
  due->callback([o] {
    const HubConfig c = config_or_exit(o->config);
    std::optional<Timescale> statutory;
    if (o->rating.empty() && o->statutory.empty()) {
      std::cerr << "mash: say which clock: --rating CODE (" << c.rating_codes()
                << ") or --statutory referral_decision|assessment|initial_conference" << std::endl;
      throw CLI::RuntimeError(2);
    }
    if (!o->statutory.empty()) {
      if (o->statutory == "referral_decision") statutory = c.statutory.referral_decision;
      if (o->statutory == "assessment") statutory = c.statutory.assessment;
      if (o->statutory == "initial_conference") statutory = c.statutory.initial_conference;
      if (!statutory) {
        std::cerr << "mash: there is no statutory clock \"" << o->statutory
                  << "\"; the clocks are referral_decision, assessment and initial_conference"
                  << std::endl;
        throw CLI::RuntimeError(2);
      }
    }
    const Rating* rating = statutory ? nullptr : c.rating(o->rating);
    if (!statutory && !rating) {
      std::cerr << "mash: there is no rating \"" << o->rating << "\"; the ratings are "
                << c.rating_codes() << std::endl;
      throw CLI::RuntimeError(2);
    }
    const auto received = parse_rfc3339(o->received);
    if (!received) {
      std::cerr << "mash: --received \"" << o->received
                << "\" is not a time with its offset: write it as 2026-12-24T16:00:00+00:00 "
                   "(or Z for UTC)"
                << std::endl;
      throw CLI::RuntimeError(2);
    }
    std::cout << to_rfc3339(
                     due_at(c.calendar, *received, statutory ? *statutory : rating->timescale))
              << std::endl;
    throw CLI::Success();
  });

  auto* config = app.add_subcommand("config", "Check a hub configuration file");
  config->require_subcommand(1);
  auto* check = config->add_subcommand(
      "check", "Read a hub configuration file: a summary, or every problem by line");
  check->add_option("file", o->config, "The file (TOML), e.g. docs/hub-config.toml")->required();
  check->callback([o] {
    print_summary(config_or_exit(o->config), o->config);
    throw CLI::Success();
  });
}

}  // namespace mash::cli
