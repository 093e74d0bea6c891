// The pieces every story is written with: the words its sentences name, the household as the
// story sees it, and the referrers who tell the hub. Internal to synth/scenarios.cpp.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "synth/generator.h"
#include "synth/names.h"
#include "synth/places.h"
#include "synth/rng.h"

namespace mash::synth::story {

using SV = std::string_view;
using Sentences = std::span<const SV>;

inline constexpr SV kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                   "Thursday", "Friday", "Saturday"};
inline constexpr SV kNumberWords[] = {"two", "three", "four", "five", "six"};
inline constexpr SV kOrdinalWords[] = {"second", "third", "fourth", "fifth", "sixth"};

// Everything a story's sentences may name. Each {key} in a sentence is replaced by its value.
struct Words {
  std::string child = "the child";  // the subject the concern is mainly about
  std::string age;
  bool female = false;
  std::string carer = "the parent";
  std::string carer_rel = "parent";
  std::string other = "the partner";
  std::string town;
  std::string school = "school";
  std::string day;
  std::string n;    // a count: "three"
  std::string nth;  // an ordinal: "third"
};

inline void append_word(std::string& out, SV key, const Words& w) {
  if (key == "child")
    out += w.child;
  else if (key == "age")
    out += w.age;
  else if (key == "he")
    out += w.female ? "she" : "he";
  else if (key == "He")
    out += w.female ? "She" : "He";
  else if (key == "his")
    out += w.female ? "her" : "his";
  else if (key == "His")
    out += w.female ? "Her" : "His";
  else if (key == "him")
    out += w.female ? "her" : "him";
  else if (key == "carer")
    out += w.carer;
  else if (key == "carer_rel")
    out += w.carer_rel;
  else if (key == "other")
    out += w.other;
  else if (key == "town")
    out += w.town;
  else if (key == "school")
    out += w.school;
  else if (key == "day")
    out += w.day;
  else if (key == "n")
    out += w.n;
  else if (key == "nth")
    out += w.nth;
  else
    out += key;  // a typo in a sentence shows in the text rather than vanishing
}

inline void expand(std::string& out, SV sentence, const Words& w) {
  size_t i = 0;
  while (i < sentence.size()) {
    const size_t open = sentence.find('{', i);
    if (open == SV::npos) {
      out += sentence.substr(i);
      break;
    }
    out += sentence.substr(i, open - i);
    const size_t close = sentence.find('}', open);
    append_word(out, sentence.substr(open + 1, close - open - 1), w);
    i = close + 1;
  }
}

class Story {
 public:
  Story(Rng& rng, const Household& h, Contact& c) : rng_(rng), h_(h), c_(c) {
    today_ = local_date(c.received_at);
    const int64_t days = days_from_civil(today_);
    w_.day = std::string(kWeekdays[static_cast<size_t>(((days % 7) + 11) % 7)]);
    const uint32_t k = rng.below(static_cast<uint32_t>(std::size(kNumberWords)));
    w_.n = std::string(kNumberWords[k]);
    w_.nth = std::string(kOrdinalWords[k]);
    w_.town = h.address.town.empty() ? "the town" : h.address.town;
    for (const Subject& s : h.members) {
      if (s.dob_kind == DobKind::expected)
        unborn_.push_back(&s);
      else if (s.role == SubjectRole::child)
        children_.push_back(&s);
      else if (s.role == SubjectRole::parent_carer)
        carers_.push_back(&s);
      else if (s.role == SubjectRole::adult_at_risk)
        older_.push_back(&s);
      else
        others_.push_back(&s);
    }
  }

  int age(const Subject& s) const {
    return s.date_of_birth ? age_in_years(*s.date_of_birth, today_) : 30;
  }
  // A child aged lo..hi, or nullptr.
  const Subject* child_aged(int lo, int hi) {
    std::vector<const Subject*> fit;
    for (const Subject* s : children_)
      if (age(*s) >= lo && age(*s) <= hi) fit.push_back(s);
    return fit.empty() ? nullptr : fit[rng_.below(static_cast<uint32_t>(fit.size()))];
  }
  const Subject* mother() const {
    for (const Subject* s : carers_)
      if (s->sex == Sex::female) return s;
    return nullptr;
  }
  const Subject* male_adult() const {
    for (const Subject* s : carers_)
      if (s->sex == Sex::male) return s;
    for (const Subject* s : others_)
      if (s->sex == Sex::male && age(*s) >= 18) return s;
    return nullptr;
  }

  void add(const Subject& s, SubjectRole role) {
    c_.subjects.push_back(s);
    c_.subjects.back().role = role;
  }
  // The child the story is about, and its words.
  void focus(const Subject& s) {
    w_.child = s.given_name.empty() || s.given_name == "Unborn" ? "the unborn baby" : s.given_name;
    w_.age = std::to_string(age(s));
    w_.female = s.sex == Sex::female;
  }
  void carer_words(const Subject& carer, const Subject* child) {
    w_.carer = carer.given_name;
    const bool grand = child && age(carer) - age(*child) >= 38;
    if (carer.sex == Sex::female)
      w_.carer_rel = grand ? "grandmother" : "mother";
    else
      w_.carer_rel = grand ? "grandfather" : "father";
  }
  // All the household's children (and any unborn baby) and its carers: hubs look at every child.
  void add_family() {
    for (const Subject* s : children_) add(*s, SubjectRole::child);
    for (const Subject* s : unborn_) add(*s, SubjectRole::child);
    for (const Subject* s : carers_) add(*s, SubjectRole::parent_carer);
  }

  void narrate(Sentences openings, Sentences details, Sentences closings) {
    std::string& out = c_.narrative;
    out.reserve(600);
    expand(out, rng_.pick(openings), w_);
    // One to three details, in order, none twice.
    const int wanted = rng_.between(1, std::min<int>(3, static_cast<int>(details.size())));
    const size_t start = rng_.below(static_cast<uint32_t>(details.size()));
    for (int i = 0; i < wanted; ++i) {
      out += ' ';
      expand(out, details[(start + static_cast<size_t>(i)) % details.size()], w_);
    }
    if (rng_.percent(80)) {
      out += ' ';
      expand(out, rng_.pick(closings), w_);
    }
  }

  void issues(std::initializer_list<PresentingIssue> always) {
    c_.presenting_issues.assign(always.begin(), always.end());
  }
  void maybe_issue(int percent, PresentingIssue p) {
    if (rng_.percent(percent)) c_.presenting_issues.push_back(p);
  }
  void consent(ConsentStatus status, SV reason = {}) {
    c_.consent.status = status;
    c_.consent.reason = std::string(reason);
  }

  // Someone outside the household: an ex-partner, say.
  Subject outsider(Sex sex, int min_age, int max_age, SubjectRole role) {
    const Heritage& h = pick_heritage(rng_);
    Subject s;
    s.sex = sex;
    s.given_name = std::string(sex == Sex::female ? rng_.pick(h.female) : rng_.pick(h.male));
    s.family_name = family_name_for(h, rng_.pick(h.family), sex == Sex::female);
    const int64_t born =
        days_from_civil(today_) - 2 - 365LL * rng_.between(min_age, max_age) - rng_.between(0, 364);
    if (rng_.percent(85)) s.date_of_birth = civil_from_days(born);
    if (rng_.percent(50)) {
      const Town& t = pick_town(rng_);
      s.address = make_address(rng_, t);
    }
    s.role = role;
    return s;
  }

  Rng& rng() { return rng_; }
  Words& words() { return w_; }
  Contact& contact() { return c_; }
  const Household& household() const { return h_; }
  const std::vector<const Subject*>& children() const { return children_; }
  const std::vector<const Subject*>& unborn() const { return unborn_; }
  const std::vector<const Subject*>& carers() const { return carers_; }
  const std::vector<const Subject*>& older() const { return older_; }
  const std::vector<const Subject*>& others() const { return others_; }

 private:
  Rng& rng_;
  const Household& h_;
  Contact& c_;
  Date today_;
  Words w_;
  std::vector<const Subject*> children_, unborn_, carers_, older_, others_;
};

// ---- Referrers -------------------------------------------------------------------------------

inline std::string ascii_lower(SV s) {
  std::string out;
  for (char ch : s) {
    if (ch >= 'A' && ch <= 'Z')
      out += static_cast<char>(ch - 'A' + 'a');
    else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
      out += ch;
  }
  return out.empty() ? "contact" : out;
}

inline void professional(Story& s, std::string organisation, SV role, SV domain, SV title = {}) {
  Rng& rng = s.rng();
  const Heritage& h = pick_heritage(rng);
  const bool female = rng.percent(70);
  const SV given = female ? rng.pick(h.female) : rng.pick(h.male);
  const std::string family = family_name_for(h, rng.pick(h.family), female);
  Referrer& r = s.contact().referrer;
  r.name.clear();
  if (!title.empty()) {
    r.name += title;
    r.name += ' ';
  }
  r.name += given;
  r.name += ' ';
  r.name += family;
  r.organisation = std::move(organisation);
  r.role = std::string(role);
  r.phone = make_phone(rng, rng.percent(40));
  if (rng.percent(75))
    r.email = ascii_lower(given) + "." + ascii_lower(family) + "@" + std::string(domain);
}

inline void police_officer(Story& s, const Town& town) {
  Rng& rng = s.rng();
  const Heritage& h = pick_heritage(rng);
  Referrer& r = s.contact().referrer;
  constexpr SV kRanks[] = {"PC", "PC", "PC", "DC", "PS"};
  const SV family = rng.pick(h.family);
  r.name = std::string(rng.pick(kRanks)) + " " + std::to_string(rng.between(1000, 9999)) + " " +
           std::string(family);
  r.organisation = std::string(town.police_force);
  constexpr SV kRoles[] = {"Officer in the case", "Attending officer", "Public protection unit",
                           "Multi-agency safeguarding hub police"};
  r.role = std::string(rng.pick(kRoles));
  r.phone = make_phone(rng, false);
  if (rng.percent(80)) r.email = "oic." + ascii_lower(family) + "@police.example.uk";
}

inline const Town& town_of(Rng& rng, const Household& h) {
  // The household's own town decides the police force; an unknown one falls back to any town.
  for (size_t i = 0; i < 64; ++i) {
    const Town& t = pick_town(rng);
    if (t.name == h.address.town) return t;
  }
  return pick_town(rng);
}

}  // namespace mash::synth::story
