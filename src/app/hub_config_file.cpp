#include "app/hub_config_file.h"

#include <toml++/toml.h>
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "domain/london_time.h"

namespace mash::app {
namespace {

// Collects problems with their lines.
class Problems {
 public:
  explicit Problems(std::string_view source) : source_(source) {}
  void add(const std::string& field, const toml::source_region& where, const std::string& what) {
    std::string at = std::string(source_);
    if (where.begin.line > 0) at += " line " + std::to_string(where.begin.line);
    errors_.push_back({field, at + ": " + what});
  }
  bool empty() const { return errors_.empty(); }
  Error error() const {
    return Error::invalid(errors_, "The hub configuration " + std::string(source_) + " has " +
                                       std::to_string(errors_.size()) +
                                       (errors_.size() == 1 ? " problem" : " problems") +
                                       "; the hub has not started");
  }

 private:
  std::string_view source_;
  std::vector<FieldError> errors_;
};

// Reports keys of `table` not in `known` (a typo would otherwise be ignored silently).
void check_keys(const toml::table& table, const std::string& path,
                std::initializer_list<std::string_view> known, Problems& problems) {
  for (auto&& [key, value] : table) {
    bool found = false;
    for (std::string_view k : known) found = found || key.str() == k;
    if (found) continue;
    std::string list;
    for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    problems.add(path.empty() ? std::string(key.str()) : path + "." + std::string(key.str()),
                 key.source(),
                 "unknown setting \"" + std::string(key.str()) + "\"" +
                     (path.empty() ? "" : " in [" + path + "]") + "; the settings are " + list);
  }
}

std::optional<std::string> text(const toml::node& node, const std::string& field,
                                Problems& problems) {
  if (auto s = node.value<std::string>()) return *s;
  problems.add(field, node.source(), "\"" + field + "\" must be text in quotes");
  return std::nullopt;
}

std::optional<Timescale> timescale(const toml::node& node, const std::string& field,
                                   Problems& problems) {
  auto s = text(node, field, problems);
  if (!s) return std::nullopt;
  auto t = parse_timescale(*s);
  if (!t) {
    problems.add(field, node.source(), t.error().message);
    return std::nullopt;
  }
  return *t;
}

std::set<Role> roles(const toml::node& node, const std::string& field, Problems& problems) {
  std::set<Role> out;
  const toml::array* list = node.as_array();
  if (!list) {
    problems.add(field, node.source(),
                 "\"" + field + "\" must be a list of roles, such as " +
                     "[\"decision_maker\", \"hub_manager\"]");
    return out;
  }
  for (const toml::node& item : *list) {
    auto code = text(item, field, problems);
    if (!code) continue;
    if (auto role = from_code<Role>(*code)) {
      out.insert(*role);
    } else {
      std::string codes;
      for (const auto& e : code_table<Role>())
        codes += (codes.empty() ? "" : ", ") + std::string(e.code);
      problems.add(field, item.source(), "unknown role \"" + *code + "\"; the roles are " + codes);
    }
  }
  return out;
}

// A list of agency codes ("police", …): lower-case letters, digits and underscores. Whether each
// agency exists is for the database to say; the hub checks when it raises a request.
std::vector<std::string> agency_list(const toml::node& node, const std::string& field,
                                     Problems& problems) {
  std::vector<std::string> out;
  const toml::array* list = node.as_array();
  if (!list) {
    problems.add(
        field, node.source(),
        "\"" + field + "\" must be a list of agency codes, such as [\"police\", \"health\"]");
    return out;
  }
  for (const toml::node& item : *list) {
    auto code = text(item, field, problems);
    if (!code) continue;
    const bool ok = !code->empty() && std::all_of(code->begin(), code->end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
    if (ok)
      out.push_back(*code);
    else
      problems.add(field, item.source(),
                   "\"" + *code +
                       "\" is not an agency code: write lower-case letters, digits and "
                       "underscores, such as \"police\"");
  }
  return out;
}

// [[lawful_bases]]: each with a code and a name; the list replaces the standard one.
void read_lawful_bases(const toml::array& list, HubConfig& c, Problems& problems) {
  std::vector<LawfulBasis> out;
  size_t i = 0;
  for (const toml::node& node : list) {
    const std::string at = "lawful_bases[" + std::to_string(i++) + "]";
    const toml::table* t = node.as_table();
    if (!t) {
      problems.add(at, node.source(), "write each lawful basis as a [[lawful_bases]] table");
      continue;
    }
    check_keys(*t, "lawful_bases", {"code", "name"}, problems);
    LawfulBasis b;
    if (const toml::node* n = t->get("code")) {
      if (auto v = text(*n, at + ".code", problems)) b.code = *v;
    }
    if (const toml::node* n = t->get("name")) {
      if (auto v = text(*n, at + ".name", problems)) b.name = *v;
    }
    if (b.code.empty() || b.name.empty()) {
      problems.add(at, node.source(), "a lawful basis needs a code and a name");
      continue;
    }
    for (const LawfulBasis& other : out)
      if (other.code == b.code)
        problems.add(at + ".code", node.source(),
                     "the lawful basis \"" + b.code + "\" is listed twice");
    out.push_back(std::move(b));
  }
  if (out.empty())
    problems.add("lawful_bases", list.source(), "list at least one lawful basis for sharing");
  c.lawful_bases = std::move(out);
}

// [research]: the agencies an enquiry asks by default: `ask_otherwise = [...]` and, under
// [research.ask_by_issue], a list for any presenting issue by its code.
void read_research(const toml::table& t, HubConfig& c, Problems& problems) {
  check_keys(t, "research", {"ask_otherwise", "ask_by_issue"}, problems);
  if (const toml::node* n = t.get("ask_otherwise"))
    c.ask_otherwise = agency_list(*n, "research.ask_otherwise", problems);
  if (const toml::node* n = t.get("ask_by_issue")) {
    const toml::table* by = n->as_table();
    if (!by) {
      problems.add("research.ask_by_issue", n->source(),
                   "[research.ask_by_issue] must be a table of presenting issues");
      return;
    }
    c.ask_by_issue.clear();
    for (const auto& [key, value] : *by) {
      const std::string field = "research.ask_by_issue." + std::string(key.str());
      auto issue = from_code<PresentingIssue>(key.str());
      if (!issue) {
        std::string codes;
        for (const auto& e : code_table<PresentingIssue>())
          codes += (codes.empty() ? "" : ", ") + std::string(e.code);
        problems.add(
            field, value.source(),
            "unknown presenting issue \"" + std::string(key.str()) + "\"; the issues are " + codes);
        continue;
      }
      c.ask_by_issue[*issue] = agency_list(value, field, problems);
    }
  }
}

void read_working_hours(const toml::table& t, HubConfig& c, Problems& problems) {
  check_keys(
      t, "working_hours",
      {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "working_day"},
      problems);
  for (int d = 0; d < 7; ++d) {
    const std::string day(weekday_name(d));
    const toml::node* node = t.get(day);
    if (!node) continue;
    auto s = text(*node, "working_hours." + day, problems);
    if (!s) continue;
    auto hours = parse_opening_hours(*s);
    if (!hours)
      problems.add("working_hours." + day, node->source(), hours.error().message);
    else
      c.calendar.hours[static_cast<size_t>(d)] = *hours;
  }
  int longest = 0;
  for (const auto& h : c.calendar.hours)
    if (h) longest = std::max(longest, h->minutes());
  c.calendar.working_day_minutes = longest;
  if (const toml::node* node = t.get("working_day")) {
    // "8:30" (hours and minutes): what one working day counts.
    auto s = text(*node, "working_hours.working_day", problems);
    if (s) {
      auto hm = parse_clock_time(*s);
      if (!hm || hm->first * 60 + hm->second == 0)
        problems.add("working_hours.working_day", node->source(),
                     "\"" + *s +
                         "\" is not a length of day: write hours and minutes, such as "
                         "\"8:30\"");
      else
        c.calendar.working_day_minutes = hm->first * 60 + hm->second;
    }
  }
  if (longest == 0)
    problems.add("working_hours", t.source(),
                 "the hub must be open on at least one day of the week");
}

void read_closures(const toml::table& t, HubConfig& c, Problems& problems) {
  check_keys(t, "closures", {"bank_holidays", "dates"}, problems);
  if (const toml::node* node = t.get("bank_holidays")) {
    auto s = text(*node, "closures.bank_holidays", problems);
    if (s && *s == "none") {
      c.calendar.closed.clear();
    } else if (s && *s != "england-and-wales") {
      problems.add("closures.bank_holidays", node->source(),
                   "bank_holidays must be \"england-and-wales\" (2024 to 2028, with substitute "
                   "days) or \"none\"; list other closed days under dates");
    }
  }
  if (const toml::node* node = t.get("dates")) {
    const toml::array* list = node->as_array();
    if (!list) {
      problems.add("closures.dates", node->source(),
                   "dates must be a list of dates, such as [\"2026-12-24\", \"2027-08-02\"]");
      return;
    }
    for (const toml::node& item : *list) {
      std::optional<Date> d;
      if (auto date = item.value<toml::date>())
        d = Date{date->year, date->month, date->day};
      else if (auto s = item.value<std::string>())
        d = parse_iso_date(*s);
      if (d)
        c.calendar.closed.insert(*d);
      else
        problems.add("closures.dates", item.source(),
                     "each closed day must be a date written as 2026-12-24");
    }
  }
}

void read_ratings(const toml::array& list, HubConfig& c, Problems& problems) {
  c.ratings.clear();
  std::set<std::string> codes;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string path = "ratings[" + std::to_string(i + 1) + "]";
    const toml::table* t = list[i].as_table();
    if (!t) {
      problems.add(path, list[i].source(), "each [[ratings]] must be a table");
      continue;
    }
    check_keys(*t, path,
               {"code", "name", "description", "mash_enquiry", "timescale", "partner_response"},
               problems);
    Rating r;
    bool complete = true;
    for (const char* required : {"code", "name", "timescale"})
      if (!t->get(required)) {
        problems.add(path + "." + required, t->source(),
                     std::string("a rating needs a ") + required);
        complete = false;
      }
    if (!complete) continue;
    auto code = text(*t->get("code"), path + ".code", problems);
    auto name = text(*t->get("name"), path + ".name", problems);
    auto ts = timescale(*t->get("timescale"), path + ".timescale", problems);
    if (code) {
      if (code->empty() ||
          code->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        problems.add(path + ".code", t->get("code")->source(),
                     "a rating's code is lower-case letters, digits and _ (\"red\")");
      else if (!codes.insert(*code).second)
        problems.add(path + ".code", t->get("code")->source(),
                     "two ratings have the code \"" + *code + "\"");
      r.code = *code;
    }
    if (name) r.name = *name;
    if (ts) r.timescale = *ts;
    if (const toml::node* d = t->get("description"))
      if (auto s = text(*d, path + ".description", problems)) r.description = *s;
    if (const toml::node* m = t->get("mash_enquiry")) {
      if (auto b = m->value<bool>())
        r.mash_enquiry = *b;
      else
        problems.add(path + ".mash_enquiry", m->source(), "mash_enquiry must be true or false");
    }
    if (const toml::node* p = t->get("partner_response"))
      r.partner_response = timescale(*p, path + ".partner_response", problems);
    c.ratings.push_back(std::move(r));
  }
  if (list.empty()) problems.add("ratings", list.source(), "the hub needs at least one rating");
}

void read_thresholds(const toml::table& t, HubConfig& c, Problems& problems) {
  c.thresholds.clear();
  for (auto&& [key, value] : t) {
    int level = 0;
    const std::string k(key.str());
    if (k.size() == 1 && k[0] >= '1' && k[0] <= '9') level = k[0] - '0';
    if (level == 0) {
      problems.add("thresholds." + k, key.source(),
                   "threshold levels are numbered 1 to 9: write 1 = \"Universal\"");
      continue;
    }
    if (auto name = text(value, "thresholds." + k, problems))
      c.thresholds.push_back({level, *name});
  }
  for (size_t i = 0; i < c.thresholds.size(); ++i)
    if (c.thresholds[i].level != static_cast<int>(i) + 1) {
      problems.add("thresholds", t.source(), "threshold levels must run 1, 2, 3 … without a gap");
      break;
    }
}

}  // namespace

Result<HubConfig> parse_hub_config(std::string_view toml_text, std::string_view source) {
  Problems problems(source);
  toml::table root;
  try {
    root = toml::parse(toml_text, source);
  } catch (const toml::parse_error& e) {
    problems.add("", e.source(), std::string(e.description()));
    return problems.error();
  }
  HubConfig c = HubConfig::standard();
  check_keys(root, "",
             {"time_zone", "working_hours", "closures", "ratings", "thresholds", "roles", "dash",
              "statutory", "tracker", "lawful_bases", "research"},
             problems);
  if (const toml::node* node = root.get("time_zone")) {
    auto zone = text(*node, "time_zone", problems);
    if (zone && *zone != "Europe/London")
      problems.add(
          "time_zone", node->source(),
          "time_zone \"" + *zone + "\" is not supported: the hub keeps Europe/London time");
  }
  auto table_at = [&](const char* key) -> const toml::table* {
    const toml::node* node = root.get(key);
    if (!node) return nullptr;
    if (const toml::table* t = node->as_table()) return t;
    problems.add(key, node->source(), std::string("[") + key + "] must be a table");
    return nullptr;
  };
  if (const toml::table* t = table_at("working_hours")) read_working_hours(*t, c, problems);
  if (const toml::table* t = table_at("closures")) read_closures(*t, c, problems);
  if (const toml::node* node = root.get("ratings")) {
    if (const toml::array* list = node->as_array())
      read_ratings(*list, c, problems);
    else
      problems.add("ratings", node->source(), "write each rating as a [[ratings]] table");
  }
  if (const toml::table* t = table_at("thresholds")) read_thresholds(*t, c, problems);
  if (const toml::table* t = table_at("roles")) {
    check_keys(*t, "roles", {"rate", "decide"}, problems);
    if (const toml::node* n = t->get("rate")) c.may_rate = roles(*n, "roles.rate", problems);
    if (const toml::node* n = t->get("decide")) c.may_decide = roles(*n, "roles.decide", problems);
  }
  if (const toml::table* t = table_at("dash")) {
    check_keys(*t, "dash", {"high_risk_score", "escalation_incidents"}, problems);
    auto number = [&](const char* key, int low, int high, int& out) {
      const toml::node* node = t->get(key);
      if (!node) return;
      auto v = node->value<int64_t>();
      if (!v || *v < low || *v > high)
        problems.add(std::string("dash.") + key, node->source(),
                     std::string(key) + " must be a whole number from " + std::to_string(low) +
                         " to " + std::to_string(high));
      else
        out = static_cast<int>(*v);
    };
    number("high_risk_score", 1, kDashQuestions, c.dash.high_risk_score);
    number("escalation_incidents", 1, 100, c.dash.escalation_incidents);
  }
  if (const toml::table* t = table_at("statutory")) {
    check_keys(*t, "statutory",
               {"referral_decision", "assessment", "initial_conference", "assessment_from_level"},
               problems);
    if (const toml::node* node = t->get("assessment_from_level")) {
      auto v = node->value<int64_t>();
      if (!v || *v < 1 || *v > 9)
        problems.add("statutory.assessment_from_level", node->source(),
                     "assessment_from_level must be a threshold level, a whole number from 1 to 9");
      else
        c.statutory.assessment_from_level = static_cast<int>(*v);
    }
    auto read = [&](const char* key, Timescale& out) {
      if (const toml::node* node = t->get(key))
        if (auto got = timescale(*node, std::string("statutory.") + key, problems)) out = *got;
    };
    read("referral_decision", c.statutory.referral_decision);
    read("assessment", c.statutory.assessment);
    read("initial_conference", c.statutory.initial_conference);
  }
  // [tracker]: what the case tracker's wall mode shows of the subjects.
  if (const toml::table* t = table_at("tracker")) {
    check_keys(*t, "tracker", {"wall_shows_names", "wall_shows_ages"}, problems);
    auto flag = [&](const char* key, bool& out) {
      const toml::node* node = t->get(key);
      if (!node) return;
      if (auto v = node->value<bool>())
        out = *v;
      else
        problems.add(std::string("tracker.") + key, node->source(),
                     std::string(key) + " must be true or false");
    };
    flag("wall_shows_names", c.wall.shows_names);
    flag("wall_shows_ages", c.wall.shows_ages);
  }
  if (const toml::node* node = root.get("lawful_bases")) {
    if (const toml::array* list = node->as_array())
      read_lawful_bases(*list, c, problems);
    else
      problems.add("lawful_bases", node->source(),
                   "write each lawful basis as a [[lawful_bases]] table");
  }
  if (const toml::table* t = table_at("research")) read_research(*t, c, problems);
  if (!problems.empty()) return problems.error();
  return c;
}

Result<HubConfig> load_hub_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error::invalid({{"", "cannot read " + path}},
                          "The hub configuration " + path + " cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  auto config = parse_hub_config(text.str(), path);
  if (config) config->source = path;
  return config;
}

std::string describe_config_error(const Error& error) {
  std::string out = error.message + ":\n";
  for (const FieldError& f : error.fields) out += "  " + f.message + "\n";
  return out;
}

}  // namespace mash::app
