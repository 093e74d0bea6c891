#include "domain/hub_config.h"

#include <algorithm>
#include <cctype>

namespace mash {
namespace {

bool same_code(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

const Rating* HubConfig::rating(std::string_view code) const {
  for (const Rating& r : ratings)
    if (same_code(r.code, code)) return &r;
  return nullptr;
}

std::string HubConfig::rating_codes() const {
  std::string out;
  for (const Rating& r : ratings) out += (out.empty() ? "" : ", ") + r.code;
  return out;
}

const ThresholdLevel* HubConfig::threshold(int level) const {
  for (const ThresholdLevel& t : thresholds)
    if (t.level == level) return &t;
  return nullptr;
}

HubConfig HubConfig::standard() {
  HubConfig c;
  c.calendar = WorkingCalendar::standard();
  const auto t = [](int amount, TimeUnit unit, TimeCount count) {
    return Timescale{amount, unit, count};
  };
  c.ratings = {
      {"red", "Red", "Immediate risk of significant harm: act now", true,
       t(4, TimeUnit::hours, TimeCount::elapsed), t(2, TimeUnit::hours, TimeCount::elapsed)},
      {"amber", "Amber", "Risk of significant harm: decide within a working day", true,
       t(1, TimeUnit::days, TimeCount::working), t(6, TimeUnit::hours, TimeCount::working)},
      {"green", "Green", "Needs assessing: no immediate risk", true,
       t(3, TimeUnit::days, TimeCount::working), t(24, TimeUnit::hours, TimeCount::working)},
      {"blue", "Blue", "Information request: no MASH enquiry", false,
       t(3, TimeUnit::days, TimeCount::working), std::nullopt},
  };
  c.thresholds = {{1, "Universal"},
                  {2, "Early help"},
                  {3, "Targeted / child in need"},
                  {4, "Specialist / child protection"}};
  c.may_rate = {Role::social_worker, Role::decision_maker, Role::hub_manager};
  c.may_decide = {Role::decision_maker, Role::hub_manager};
  using P = PresentingIssue;
  const std::vector<std::string> core = {"police", "health", "education"};
  c.ask_otherwise = core;
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> out = core;
    out.insert(out.end(), more.begin(), more.end());
    return out;
  };
  c.ask_by_issue = {
      {P::domestic_abuse, with({"domestic_abuse_service", "housing", "probation"})},
      {P::neglect, with({"housing"})},
      {P::mental_health, with({"adult_social_care"})},
      {P::substance_misuse, with({"adult_social_care", "probation"})},
      {P::cce, with({"youth_justice"})},
      {P::gangs, with({"youth_justice", "probation"})},
      {P::self_neglect, {"adult_social_care", "health", "housing", "police"}},
      {P::financial_abuse, {"adult_social_care", "police", "health"}},
  };
  return c;
}

const LawfulBasis* HubConfig::lawful_basis(std::string_view code) const {
  for (const LawfulBasis& b : lawful_bases)
    if (b.code == code) return &b;
  return nullptr;
}

std::vector<std::string> HubConfig::agencies_to_ask(
    const std::vector<PresentingIssue>& issues) const {
  std::vector<std::string> out;
  for (PresentingIssue issue : issues) {
    auto found = ask_by_issue.find(issue);
    if (found == ask_by_issue.end()) continue;
    for (const std::string& agency : found->second)
      if (std::find(out.begin(), out.end(), agency) == out.end()) out.push_back(agency);
  }
  return out.empty() ? ask_otherwise : out;
}

}  // namespace mash
