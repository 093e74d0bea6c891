// A hub's rules, as configuration rather than code (issue 4): its working hours and closed days,
// its ratings and their timescales, the timescales partners answer within, its threshold levels
// and which roles may rate and decide. A hub manager writes them in a file (app/hub_config_file.h
// reads it); HubConfig::standard() is what a hub gets without one.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/codes.h"
#include "domain/dash.h"
#include "domain/research.h"
#include "domain/working_time.h"

namespace mash {

// A rating (BRAG): how urgent a contact is, and its clock.
struct Rating {
  std::string code;         // "red": how the API and the command line name it
  std::string name;         // "Red": how pages show it (always as text, never colour alone)
  std::string description;  // "Immediate risk of significant harm"
  // Whether a contact so rated goes on to a MASH enquiry (Blue, an information request, does not).
  bool mash_enquiry = true;
  Timescale timescale;                        // the hub's decision is due within this
  std::optional<Timescale> partner_response;  // partners answer information requests within this
  bool operator==(const Rating&) const = default;
};

// A threshold level with the hub's own name: 1 "Universal" … 4 "Specialist / child protection".
struct ThresholdLevel {
  int level = 0;
  std::string name;
  bool operator==(const ThresholdLevel&) const = default;
};

// Statutory timescales beyond the MASH (Working Together to Safeguard Children), run on the hub's
// calendar: a decision on a referral within 1 working day of receipt, a child and family
// assessment within 45 working days of the referral, an initial child protection conference
// within 15 working days of the strategy discussion.
struct StatutoryTimescales {
  Timescale referral_decision{1, TimeUnit::days, TimeCount::working};
  Timescale assessment{45, TimeUnit::days, TimeCount::working};
  Timescale initial_conference{15, TimeUnit::days, TimeCount::working};
  int assessment_from_level = 3;  // a decision at this threshold level or above starts it
  bool operator==(const StatutoryTimescales&) const = default;
};

// What a wall screen of the case tracker shows of the subjects ([tracker] in the file): a screen
// across the room is read by whoever walks past, so by default neither names nor ages. The
// contact's number, rating, clock, worker and agencies are always shown.
struct WallScreen {
  bool shows_names = false;
  bool shows_ages = false;
  bool operator==(const WallScreen&) const = default;
};

struct HubConfig {
  std::string time_zone = "Europe/London";  // the only one supported
  WorkingCalendar calendar;
  std::vector<Rating> ratings;  // in the order pages list them
  std::vector<ThresholdLevel> thresholds;
  std::set<Role> may_rate;
  std::set<Role> may_decide;
  DashRules dash;  // the DASH checklist's routes to MARAC (SafeLives' defaults: 14 and 3)
  StatutoryTimescales statutory;
  WallScreen wall;  // the case tracker's wall mode
  // The legal gateways the hub shares under without consent ([[lawful_bases]]).
  std::vector<LawfulBasis> lawful_bases = standard_lawful_bases();
  // The agencies a MASH enquiry asks by default ([research]), by presenting issue, and for a
  // contact none of whose issues is listed: a suggestion, the worker chooses.
  std::map<PresentingIssue, std::vector<std::string>> ask_by_issue;
  std::vector<std::string> ask_otherwise;
  std::string source;  // the file it was read from (`--config`); empty: the standard configuration

  // The rating with this code (case-insensitive), if any.
  const Rating* rating(std::string_view code) const;
  // "red, amber, green, blue": for messages.
  std::string rating_codes() const;
  // The threshold level with this number, if any.
  const ThresholdLevel* threshold(int level) const;
  const LawfulBasis* lawful_basis(std::string_view code) const;
  // The agencies to ask about a contact with these presenting issues: the union of each issue's
  // list in the order first named, or ask_otherwise when no issue has one.
  std::vector<std::string> agencies_to_ask(const std::vector<PresentingIssue>& issues) const;

  // Monday to Friday 08:30–17:00, England and Wales bank holidays; Red 4 hours (elapsed: it runs
  // past closing), Amber 1 working day, Green 3 working days, Blue an information request (no
  // MASH enquiry, 3 working days); partners answer Red within 2 hours, Amber within 6 working
  // hours, Green within 24 working hours; thresholds 1 Universal, 2 Early help, 3 Targeted /
  // child in need, 4 Specialist / child protection; social workers, decision makers and hub
  // managers rate; decision makers and hub managers decide; enquiries ask police, health and
  // education about every contact, with the domestic-abuse service and housing for domestic
  // abuse, adult social care and probation where an adult's needs or offending are in question.
  static HubConfig standard();
};

}  // namespace mash
