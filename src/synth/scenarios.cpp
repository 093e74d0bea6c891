#include "synth/scenarios.h"

#include <algorithm>
#include <string_view>

#include "synth/names.h"
#include "synth/places.h"
#include "synth/sentences.h"
#include "synth/story.h"

namespace mash::synth {

namespace {

using namespace sentences;  // NOLINT: the stories read better with their sentences unqualified
using story::kNumberWords;
using story::police_officer;
using story::professional;
using story::Sentences;
using story::Story;
using story::SV;
using story::town_of;

std::string ordinal(int n) {
  const int last = n % 10;
  const char* ending = (n % 100 >= 11 && n % 100 <= 13) ? "th"
                       : last == 1                      ? "st"
                       : last == 2                      ? "nd"
                       : last == 3                      ? "rd"
                                                        : "th";
  return std::to_string(n) + ending;
}

// Counts beyond the few the sentences spell out: "scored 15", "the 7th incident".
void count_words(Story& s, int lo, int hi) {
  const int n = s.rng().between(lo, hi);
  s.words().n = std::to_string(n);
  s.words().nth = ordinal(n);
}

// Each builder returns false when the household does not fit its story.
bool police_domestic_abuse(Story& s) {
  const Subject* victim = s.mother();
  if (!victim || (s.children().empty() && s.unborn().empty())) return false;
  Rng& rng = s.rng();
  Contact& c = s.contact();
  const Subject* child = s.children().empty() ? s.unborn()[0] : s.children()[0];
  s.focus(*child);
  s.carer_words(*victim, child);
  const Town& town = town_of(rng, s.household());
  c.source = ReferralSource::police;
  c.agency = "police";
  police_officer(s, town);
  for (const Subject* k : s.children()) s.add(*k, SubjectRole::child);
  for (const Subject* k : s.unborn()) s.add(*k, SubjectRole::child);
  s.add(*victim, SubjectRole::parent_carer);
  if (const Subject* m = s.male_adult()) {
    s.add(*m, SubjectRole::alleged_perpetrator);
    s.words().other = m->given_name;
  } else {
    Subject ex = s.outsider(Sex::male, 20, 50, SubjectRole::alleged_perpetrator);
    s.words().other = ex.given_name;
    c.subjects.push_back(std::move(ex));
  }
  count_words(s, 2, 17);
  s.issues({PresentingIssue::domestic_abuse});
  s.maybe_issue(25, PresentingIssue::substance_misuse);
  s.maybe_issue(15, PresentingIssue::emotional_abuse);
  s.narrate(kPoliceDaOpen, kPoliceDaDetail, kPoliceDaClose);
  if (rng.percent(70))
    s.consent(ConsentStatus::not_sought,
              rng.percent(50) ? "Public Protection Notice shared under the police duty to "
                                "safeguard children; seeking consent would place the victim and "
                                "children at risk"
                              : "seeking consent would place the children at risk of further harm");
  else
    s.consent(ConsentStatus::given);
  return true;
}

bool school_injury(Story& s) {
  const Subject* child = s.child_aged(4, 16);
  if (!child || s.carers().empty()) return false;
  Rng& rng = s.rng();
  s.focus(*child);
  s.carer_words(*s.carers()[0], child);
  s.words().school = make_school(rng, s.age(*child) >= 11);
  s.contact().source = ReferralSource::schools;
  s.contact().agency = "education";
  constexpr SV kRoles[] = {"Designated safeguarding lead", "Deputy designated safeguarding lead",
                           "Head teacher", "Class teacher"};
  professional(s, s.words().school, rng.pick(kRoles), "school.example.org.uk");
  s.add_family();
  s.issues({rng.percent(70) ? PresentingIssue::physical_abuse : PresentingIssue::neglect});
  s.maybe_issue(20, PresentingIssue::emotional_abuse);
  s.narrate(kSchoolOpen, kSchoolDetail, kSchoolClose);
  switch (rng.below(3)) {
    case 0:
      s.consent(ConsentStatus::given);
      break;
    case 1:
      s.consent(ConsentStatus::refused, rng.percent(50) ? "The parents said they did not want "
                                                          "social care involved"
                                                        : "");
      break;
    default:
      s.consent(ConsentStatus::not_sought,
                "informing the parents may place the child at risk of further harm");
  }
  return true;
}

bool health_unborn(Story& s) {
  const Subject* mum = s.mother();
  if (s.unborn().empty() || !mum) return false;
  Rng& rng = s.rng();
  s.focus(*s.unborn()[0]);
  s.carer_words(*mum, nullptr);
  const Subject* dad = s.male_adult();
  s.words().other = dad ? dad->given_name : "Her partner";
  s.words().n = std::to_string(rng.between(3, 8));
  const bool hv = rng.percent(60);
  s.contact().source = hv ? ReferralSource::health_visitor : ReferralSource::other_primary_health;
  s.contact().agency = "health";
  professional(s, std::string(s.household().address.town) + " Community Health Services",
               hv ? "Health visitor" : "Community midwife", "nhs.example.uk");
  s.add_family();
  if (dad && dad->role != SubjectRole::parent_carer) s.add(*dad, SubjectRole::household_member);
  s.issues({PresentingIssue::substance_misuse});
  s.maybe_issue(35, PresentingIssue::mental_health);
  s.maybe_issue(20, PresentingIssue::domestic_abuse);
  s.narrate(kUnbornOpen, kUnbornDetail, kUnbornClose);
  switch (rng.below(5)) {
    case 0:
      s.consent(ConsentStatus::refused);
      break;
    case 1:
      s.consent(ConsentStatus::not_sought,
                "seeking consent may place the unborn baby and the mother at risk from her "
                "partner");
      break;
    default:
      s.consent(ConsentStatus::given);
  }
  return true;
}

bool missing_exploitation(Story& s) {
  const Subject* teen = s.child_aged(12, 17);
  if (!teen || s.carers().empty()) return false;
  Rng& rng = s.rng();
  s.focus(*teen);
  s.carer_words(*s.carers()[0], teen);
  s.words().school = make_school(rng, true);
  count_words(s, 4, 9);
  const int who = static_cast<int>(rng.weighted({65, 15, 12, 8}));
  if (who == 0) {
    s.contact().source = ReferralSource::police;
    s.contact().agency = "police";
    police_officer(s, town_of(rng, s.household()));
  } else if (who == 1) {
    s.contact().source = ReferralSource::early_help;
    s.contact().agency = "childrens_social_care";
    professional(s, s.household().address.town + " Early Help Team", "Family support worker",
                 "council.example.gov.uk");
  } else if (who == 2) {
    s.contact().source = ReferralSource::education_services;
    s.contact().agency = "education";
    professional(s, "Children missing education team", "Education welfare officer",
                 "council.example.gov.uk");
  } else {
    s.contact().source = ReferralSource::other_internal_la;
    s.contact().agency = "youth_justice";
    professional(s, s.household().address.town + " Youth Justice Service", "Case manager",
                 "council.example.gov.uk");
  }
  s.add(*teen, SubjectRole::child);
  for (const Subject* c : s.carers()) s.add(*c, SubjectRole::parent_carer);
  s.issues({PresentingIssue::missing, PresentingIssue::cce});
  s.maybe_issue(30, PresentingIssue::gangs);
  s.maybe_issue(teen->sex == Sex::female ? 40 : 10, PresentingIssue::cse);
  s.maybe_issue(20, PresentingIssue::substance_misuse);
  s.narrate(kMissingOpen, kMissingDetail, kMissingClose);
  if (rng.percent(60))
    s.consent(ConsentStatus::given);
  else
    s.consent(ConsentStatus::not_sought,
              "police information shared to protect the child from "
              "exploitation; the parent has been told of the referral");
  return true;
}

bool anonymous_alone(Story& s) {
  const Subject* child = s.child_aged(0, 11);
  if (!child) return false;
  s.focus(*child);
  s.words().age = std::to_string(s.age(*child) + 1);  // a neighbour's guess
  if (!s.carers().empty()) s.carer_words(*s.carers()[0], child);
  Contact& c = s.contact();
  c.source = ReferralSource::anonymous;
  c.agency = "childrens_social_care";
  c.referrer = Referrer{};
  c.referrer.anonymous = true;
  s.add_family();
  s.issues({PresentingIssue::neglect});
  s.narrate(kAloneOpen, kAloneDetail, kAloneClose);
  s.consent(ConsentStatus::not_sought,
            "the referrer is anonymous and has no way of seeking the family's consent");
  return true;
}

bool adult_financial(Story& s) {
  if (s.older().empty()) return false;
  Rng& rng = s.rng();
  const Subject& adult = *s.older()[0];
  s.focus(adult);
  Contact& c = s.contact();
  const Subject* relative = nullptr;
  for (const Subject* o : s.others())
    if (s.age(*o) < s.age(adult) - 15) relative = o;
  s.add(adult, SubjectRole::adult_at_risk);
  if (relative) {
    s.add(*relative, SubjectRole::alleged_perpetrator);
    s.words().other = relative->given_name;
  } else {
    Subject carer = s.outsider(rng.percent(50) ? Sex::male : Sex::female, 25, 60,
                               SubjectRole::alleged_perpetrator);
    s.words().other = carer.given_name;
    c.subjects.push_back(std::move(carer));
  }
  if (rng.percent(50)) {
    c.source = ReferralSource::la_social_care;
    c.agency = "adult_social_care";
    professional(s, std::string(s.household().address.town) + " Adult Social Care", "Social worker",
                 "council.example.gov.uk");
  } else {
    c.source = ReferralSource::other;
    c.agency = "adult_social_care";
    professional(s, "Safeguarding team, Northern Counties Building Society",
                 "Vulnerable customers officer", "bank.example.co.uk");
  }
  s.issues({PresentingIssue::financial_abuse});
  s.maybe_issue(20, PresentingIssue::neglect);
  s.narrate(kFinancialOpen, kFinancialDetail, kFinancialClose);
  switch (rng.below(3)) {
    case 0:
      s.consent(ConsentStatus::given);
      break;
    case 1:
      s.consent(ConsentStatus::refused,
                "the adult does not want the person involved to get into trouble");
      break;
    default:
      s.consent(ConsentStatus::not_sought,
                "the adult lacks the mental capacity to consent to this referral");
  }
  return true;
}

bool adult_self_neglect(Story& s) {
  if (s.older().empty()) return false;
  Rng& rng = s.rng();
  const Subject& adult = *s.older()[0];
  s.focus(adult);
  count_words(s, 2, 6);
  Contact& c = s.contact();
  s.add(adult, SubjectRole::adult_at_risk);
  switch (rng.below(3)) {
    case 0:
      c.source = ReferralSource::housing;
      c.agency = "housing";
      professional(s, "Pennine Homes Housing Association", "Housing officer",
                   "homes.example.org.uk");
      break;
    case 1:
      c.source = ReferralSource::gp;
      c.agency = "health";
      professional(s, "Larkhill Medical Centre", "GP", "nhs.example.uk", "Dr");
      break;
    default: {
      c.source = ReferralSource::acquaintance;
      c.agency = "adult_social_care";
      const Heritage& h = pick_heritage(rng);
      c.referrer.name = std::string(rng.pick(h.female)) + " " + std::string(rng.pick(h.family));
      c.referrer.role = "Neighbour";
      c.referrer.phone = make_phone(rng, true);
    }
  }
  s.issues({PresentingIssue::self_neglect});
  s.maybe_issue(25, PresentingIssue::mental_health);
  s.narrate(kSelfNeglectOpen, kSelfNeglectDetail, kSelfNeglectClose);
  if (rng.percent(50))
    s.consent(ConsentStatus::refused, "the adult says they are managing and want no help");
  else
    s.consent(ConsentStatus::given);
  return true;
}

bool health_neglect(Story& s) {
  if (s.children().empty() || s.carers().empty()) return false;
  Rng& rng = s.rng();
  const Subject* child = s.children()[rng.below(static_cast<uint32_t>(s.children().size()))];
  s.focus(*child);
  s.carer_words(*s.carers()[0], child);
  s.words().school = make_school(rng, s.age(*child) >= 11);
  count_words(s, 3, 6);
  Contact& c = s.contact();
  c.agency = "health";
  if (rng.percent(60)) {
    c.source = ReferralSource::gp;
    professional(s, "Audley Range Surgery", "GP", "nhs.example.uk", "Dr");
  } else {
    c.source = ReferralSource::school_nurse;
    professional(s, "0-19 Public Health Nursing Service", "School nurse", "nhs.example.uk");
  }
  s.add_family();
  s.issues({PresentingIssue::neglect});
  s.maybe_issue(20, PresentingIssue::substance_misuse);
  s.narrate(c.source == ReferralSource::gp ? Sentences(kGpNeglectOpen)
                                           : Sentences(kSchoolNurseNeglectOpen),
            kNeglectDetail, kNeglectClose);
  s.consent(rng.percent(70) ? ConsentStatus::given : ConsentStatus::refused);
  return true;
}

bool parent_mental_health(Story& s) {
  const Subject* mum = s.mother();
  if (!mum || s.children().empty()) return false;
  Rng& rng = s.rng();
  s.focus(*s.children()[0]);
  s.carer_words(*mum, s.children()[0]);
  const size_t kids = s.children().size();
  s.words().n = kids == 1 ? "one child"
                          : std::string(kNumberWords[std::min<size_t>(kids, 6) - 2]) + " children";
  Contact& c = s.contact();
  c.source = ReferralSource::a_and_e;
  c.agency = "health";
  professional(
      s, "Emergency department, " + std::string(s.household().address.town) + " General Hospital",
      "Paediatric liaison nurse", "nhs.example.uk");
  s.add_family();
  s.issues({PresentingIssue::mental_health});
  s.maybe_issue(20, PresentingIssue::substance_misuse);
  s.narrate(kMentalHealthOpen, kMentalHealthDetail, kMentalHealthClose);
  if (rng.percent(50))
    s.consent(ConsentStatus::given);
  else
    s.consent(ConsentStatus::not_sought, "the parent was too unwell to be asked for consent");
  return true;
}

bool family_worry(Story& s) {
  if (s.children().empty() || s.carers().empty()) return false;
  Rng& rng = s.rng();
  const Subject* child = s.children()[rng.below(static_cast<uint32_t>(s.children().size()))];
  s.focus(*child);
  s.carer_words(*s.carers()[0], child);
  const Subject* m = s.male_adult();
  s.words().other = m ? m->given_name : s.words().carer + "'s partner";
  Contact& c = s.contact();
  c.source = ReferralSource::family;
  c.agency = "childrens_social_care";
  const SV rel = rng.percent(60) ? "grandmother" : "aunt";
  const Heritage& h = pick_heritage(rng);
  c.referrer.name = std::string(rng.pick(h.female)) + " " + s.household().members[0].family_name;
  c.referrer.role = rel == "aunt" ? "Aunt" : "Grandmother";
  c.referrer.phone = make_phone(rng, true);
  s.add_family();
  s.issues({rng.percent(50) ? PresentingIssue::neglect : PresentingIssue::emotional_abuse});
  s.maybe_issue(40, PresentingIssue::domestic_abuse);
  s.maybe_issue(30, PresentingIssue::substance_misuse);
  // {rel_of_referrer} is the one key only this story uses: fill it in by hand.
  std::string opening(rng.pick(kFamilyOpen));
  const size_t at = opening.find("{rel_of_referrer}");
  if (at != std::string::npos) opening.replace(at, 17, rel);
  const SV open_only[] = {opening};
  s.narrate(open_only, kFamilyDetail, kFamilyClose);
  s.consent(ConsentStatus::not_sought,
            "the referrer is a relative and fears the family will stop her seeing the children");
  return true;
}

bool probation_risk(Story& s) {
  const Subject* m = s.male_adult();
  const Subject* mum = s.mother();
  if (!m || !mum || s.children().empty()) return false;
  s.focus(*s.children()[0]);
  s.carer_words(*mum, s.children()[0]);
  s.words().other = m->given_name;
  Contact& c = s.contact();
  c.source = ReferralSource::other_legal_agency;
  c.agency = "probation";
  professional(s, "The Probation Service", "Probation practitioner", "justice.example.gov.uk");
  for (const Subject* k : s.children()) s.add(*k, SubjectRole::child);
  s.add(*mum, SubjectRole::parent_carer);
  s.add(*m, SubjectRole::alleged_perpetrator);
  s.issues({PresentingIssue::domestic_abuse});
  s.maybe_issue(30, PresentingIssue::physical_abuse);
  s.narrate(kProbationOpen, kProbationDetail, kProbationClose);
  s.consent(ConsentStatus::not_sought,
            "information shared under the probation duty to protect children from harm");
  return true;
}

// A last resort that fits any household: a member of the public worried about someone.
void general_concern(Story& s) {
  Rng& rng = s.rng();
  Contact& c = s.contact();
  const Subject& first = s.household().members[0];
  s.focus(first);
  c.source = ReferralSource::other_individual;
  c.agency = s.older().empty() ? "childrens_social_care" : "adult_social_care";
  const Heritage& h = pick_heritage(rng);
  c.referrer.name = std::string(rng.pick(h.male)) + " " + std::string(rng.pick(h.family));
  c.referrer.role = "Member of the public";
  c.referrer.phone = make_phone(rng, true);
  for (const Subject& m : s.household().members) s.add(m, m.role);
  c.presenting_issues = {PresentingIssue::other};
  c.narrative = "A member of the public called about " + s.words().child +
                ", who they saw in distress outside the address. They did not know the family "
                "and could not say more.";
  s.consent(ConsentStatus::not_sought, "the referrer does not know the family");
}

using Builder = bool (*)(Story&);
constexpr Builder kBuilders[] = {
    police_domestic_abuse, school_injury,   health_unborn,      missing_exploitation,
    anonymous_alone,       adult_financial, adult_self_neglect, health_neglect,
    parent_mental_health,  family_worry,    probation_risk,
};
// Police notices of domestic abuse are the largest share of a front door's contacts.
constexpr int kBuilderWeights[] = {26, 13, 10, 8, 7, 6, 5, 10, 6, 6, 4};
static_assert(std::size(kBuilderWeights) == std::size(kBuilders));

}  // namespace

void write_contact(Rng& rng, const Household& household, uint64_t serial, Contact& c) {
  Story story(rng, household, c);
  // Draw stories by weight until one fits the household, never drawing the same one twice.
  int weights[std::size(kBuilderWeights)];
  std::copy(std::begin(kBuilderWeights), std::end(kBuilderWeights), weights);
  bool written = false;
  for (size_t tries = 0; tries < std::size(weights) && !written; ++tries) {
    const size_t pick = rng.weighted(weights);
    if (weights[pick] == 0) break;  // every story has been tried
    weights[pick] = 0;
    c.subjects.clear();
    c.presenting_issues.clear();
    c.narrative.clear();
    c.referrer = Referrer{};
    written = kBuilders[pick](story);
  }
  if (!written) {
    c.subjects.clear();
    c.referrer = Referrer{};
    general_concern(story);
  }
  if (c.source == ReferralSource::police && rng.percent(70)) {
    // Most police notices arrive from the force's system over the API.
    c.channel = Channel::api;
    const int year = local_date(c.received_at).year;
    std::string ref = "PPN-" + std::to_string(year) + "-";
    const std::string n = std::to_string(serial % 1000000);
    ref.append(6 - n.size(), '0');
    ref += n;
    c.external_ref = std::move(ref);
  } else {
    c.channel = Channel::web_form;
  }
}

}  // namespace mash::synth
