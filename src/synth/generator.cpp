#include "synth/generator.h"

#include <algorithm>

#include "synth/names.h"
#include "synth/places.h"
#include "synth/rng.h"
#include "synth/scenarios.h"

namespace mash::synth {

namespace {

// Dates of birth end two days before the day they are made for, so a contact stays valid
// whatever UTC offset it is later checked at.
constexpr int kBirthMarginDays = 2;
// A household is referred again only while it is recent enough to be remembered.
constexpr size_t kRecentHouseholds = 4096;

// The DfE's UPN check letters (no I, O or S).
constexpr std::string_view kUpnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

enum class Shape { couple, single_mother, single_father, kinship, blended, older_adult };
constexpr int kShapeWeights[] = {32, 30, 5, 4, 12, 17};

// UK civil time: British Summer Time (+01:00) from 01:00 UTC on the last Sunday of March to
// 01:00 UTC on the last Sunday of October.
int uk_offset_minutes(int64_t epoch_seconds) {
  const int year = civil_from_days(epoch_seconds / 86400).year;
  auto last_sunday = [year](int month) {
    const int64_t last = days_from_civil({year, month, 31});
    const int64_t weekday = ((last % 7) + 11) % 7;  // 0 = Sunday; 1970-01-01 was a Thursday
    return (last - weekday) * 86400 + 3600;
  };
  return epoch_seconds >= last_sunday(3) && epoch_seconds < last_sunday(10) ? 60 : 0;
}

}  // namespace

struct Generator::Impl {
  explicit Impl(uint64_t seed) : rng(seed) {}

  Rng rng;
  uint64_t serial = 0;

  Date born_aged(const Date& today, int years) {
    const int64_t day =
        days_from_civil(today) - kBirthMarginDays - 365LL * years - years / 4 - rng.between(0, 364);
    return civil_from_days(day);
  }

  std::string nhs_number() {
    // 999 numbers are never issued to patients: NHS test range. Redraw when the check digit
    // would be 10 (such numbers are invalid).
    for (;;) {
      char d[10] = {'9', '9', '9'};
      int sum = 9 * 10 + 9 * 9 + 9 * 8;
      for (int i = 3; i < 9; ++i) {
        d[i] = static_cast<char>('0' + rng.below(10));
        sum += (d[i] - '0') * (10 - i);
      }
      int check = 11 - sum % 11;
      if (check == 11) check = 0;
      if (check == 10) continue;
      d[9] = static_cast<char>('0' + check);
      return std::string(d, 10);
    }
  }

  // LA number, DfE establishment number, year of allocation, serial; then the check letter.
  std::string upn(int la_number, int year_allocated) {
    char u[13];
    auto put = [&u](int at, int value, int width) {
      for (int i = width - 1; i >= 0; --i, value /= 10)
        u[at + i] = static_cast<char>('0' + value % 10);
    };
    put(1, la_number % 1000, 3);
    put(4, rng.between(2000, 7999), 4);
    put(8, year_allocated % 100, 2);
    put(10, rng.between(0, 999), 3);
    int sum = 0;
    for (int i = 1; i < 13; ++i) sum += (u[i] - '0') * (i + 1);
    u[0] = kUpnLetters[static_cast<size_t>(sum % 23)];
    return std::string(u, 13);
  }

  Subject person(const Heritage& h, Sex sex, std::string family, const Date& today, int age,
                 SubjectRole role) {
    return person_born(h, sex, std::move(family), born_aged(today, age), age, role);
  }

  Subject person_born(const Heritage& h, Sex sex, std::string family, Date dob, int age,
                      SubjectRole role) {
    Subject s;
    s.sex = sex;
    s.role = role;
    s.given_name = std::string(sex == Sex::female ? rng.pick(h.female) : rng.pick(h.male));
    s.family_name = std::move(family);
    if (age >= 16 && rng.percent(4)) {
      // Known only roughly (a new arrival, a rough sleeper): recorded as the 1st of January.
      s.dob_kind = DobKind::estimated;
      dob = {dob.year, 1, 1};
    }
    s.date_of_birth = dob;
    if (rng.percent(88)) s.nhs_number = nhs_number();
    return s;
  }

  Household make(const Date& today) {
    Household hh;
    const Town& town = pick_town(rng);
    if (rng.percent(2)) {
      hh.address.line1 = "No fixed abode";
      hh.address.town = std::string(town.name);
    } else {
      hh.address = make_address(rng, town);
    }
    const Heritage& h1 = pick_heritage(rng);
    const Heritage& h2 = rng.percent(15) ? pick_heritage(rng) : h1;  // a mixed family
    const std::string_view fam1 = rng.pick(h1.family);
    const std::string_view fam2 = rng.pick(h2.family);
    const auto shape = static_cast<Shape>(rng.weighted(kShapeWeights));

    if (shape == Shape::older_adult) {
      const bool female = rng.percent(65);
      const Sex sex = female ? Sex::female : Sex::male;
      hh.members.push_back(person(h1, sex, family_name_for(h1, fam1, female), today,
                                  rng.between(68, 96), SubjectRole::adult_at_risk));
      if (rng.percent(40)) {
        // An adult son or daughter who has moved back in.
        const bool f = rng.percent(40);
        hh.members.push_back(person(h1, f ? Sex::female : Sex::male, family_name_for(h1, fam1, f),
                                    today, rng.between(35, 60), SubjectRole::household_member));
      }
      for (Subject& m : hh.members) m.address = hh.address;
      return hh;
    }

    // The carers, and the family name the children carry (in its masculine form, with the
    // heritage that decides a girl's form of it; none for a double-barrelled name).
    const int mother_age = rng.between(19, 46);
    std::string children_family;
    const Heritage* children_heritage = &h1;
    std::string baby_family;  // an unborn baby's, when not the other children's
    std::string mother_family = family_name_for(h2, fam2, true);
    switch (shape) {
      case Shape::couple: {
        const bool married = rng.percent(55);
        if (married) mother_family = family_name_for(h1, fam1, true);
        hh.members.push_back(person(h1, Sex::male, std::string(fam1), today,
                                    mother_age + rng.between(0, 8), SubjectRole::parent_carer));
        hh.members.push_back(
            person(h2, Sex::female, mother_family, today, mother_age, SubjectRole::parent_carer));
        if (married && rng.percent(30)) hh.members.back().other_names = "née " + std::string(fam2);
        children_family = std::string(fam1);
        if (!married && fam1 != fam2 && rng.percent(20)) {
          children_family = std::string(fam2) + "-" + std::string(fam1);  // double-barrelled
          children_heritage = nullptr;
        }
        break;
      }
      case Shape::single_father:
        hh.members.push_back(person(h1, Sex::male, std::string(fam1), today,
                                    mother_age + rng.between(0, 8), SubjectRole::parent_carer));
        children_family = std::string(fam1);
        break;
      case Shape::kinship: {
        // A grandmother bringing up her grandchildren, who carry their father's name.
        hh.members.push_back(person(h2, Sex::female, mother_family, today, rng.between(52, 72),
                                    SubjectRole::parent_carer));
        if (rng.percent(50)) {
          children_family = std::string(fam2);
          children_heritage = &h2;
        } else {
          children_family = std::string(fam1);
        }
        break;
      }
      case Shape::blended: {
        hh.members.push_back(
            person(h2, Sex::female, mother_family, today, mother_age, SubjectRole::parent_carer));
        const Heritage& hp = rng.percent(70) ? h2 : pick_heritage(rng);
        Subject partner = person(hp, Sex::male, std::string(rng.pick(hp.family)), today,
                                 mother_age + rng.between(-3, 10), SubjectRole::household_member);
        if (rng.percent(10)) {  // not known to the family's agencies
          partner.date_of_birth.reset();
          partner.dob_kind = DobKind::known;
        }
        baby_family = partner.family_name;  // the new partner's baby
        hh.members.push_back(std::move(partner));
        children_family = std::string(fam1);  // the children's father lives elsewhere
        break;
      }
      default:  // single mother
        hh.members.push_back(
            person(h2, Sex::female, mother_family, today, mother_age, SubjectRole::parent_carer));
        children_family = std::string(fam1);  // their father's, who lives elsewhere
        if (rng.percent(50)) {
          children_family = std::string(fam2);
          children_heritage = &h2;
        } else if (rng.percent(10) && fam1 != fam2) {
          children_family = std::string(fam2) + "-" + std::string(fam1);
          children_heritage = nullptr;
        }
    }

    // Children, eldest first: born when their mother was 17 or more, about one to four years
    // apart (sometimes twins), the eldest under 18.
    const bool kinship = shape == Shape::kinship;
    const int64_t today_days = days_from_civil(today);
    const int64_t last_birth = today_days - kBirthMarginDays;
    const int oldest_possible = std::min(17, kinship ? 17 : mother_age - 17);
    const int count = static_cast<int>(rng.weighted({10, 30, 28, 16, 9, 7}));  // 0..5
    int64_t born =
        last_birth - 365LL * rng.between(0, std::max(0, oldest_possible)) - rng.between(0, 364);
    const Heritage& hc = rng.percent(50) ? h1 : h2;
    int children = 0;
    int64_t youngest = 0;
    for (; children < count && born <= last_birth; ++children) {
      const bool girl = rng.percent(49);
      const Date dob = civil_from_days(born);
      const int age = age_in_years(dob, today);
      Subject child =
          person_born(hc, girl ? Sex::female : Sex::male,
                      children_heritage ? family_name_for(*children_heritage, children_family, girl)
                                        : children_family,
                      dob, age, SubjectRole::child);
      if (age >= 4 && rng.percent(45)) child.upn = upn(town.la_number, today.year - (age - 4));
      hh.members.push_back(std::move(child));
      youngest = born;
      if (!rng.percent(2)) born += rng.between(330, 1500);  // else twins
    }
    // An unborn baby (the only child in a first pregnancy), due at least ten months after the
    // youngest was born.
    const int64_t due = today_days + rng.between(14, 270);
    const bool unborn = !kinship && shape != Shape::single_father && mother_age <= 42 &&
                        (children == 0 || (rng.percent(15) && due - youngest >= 300));
    if (children == 0 && !unborn) {
      const bool girl = rng.percent(49);
      hh.members.push_back(
          person(hc, girl ? Sex::female : Sex::male,
                 children_heritage ? family_name_for(*children_heritage, children_family, girl)
                                   : children_family,
                 today, rng.between(0, std::max(0, oldest_possible)), SubjectRole::child));
    }
    if (unborn) {
      Subject baby;
      baby.given_name = rng.percent(50) ? "Unborn" : "";
      baby.family_name = baby_family.empty() ? children_family : baby_family;
      baby.dob_kind = DobKind::expected;
      baby.date_of_birth = civil_from_days(due);
      baby.sex = Sex::not_known;
      baby.role = SubjectRole::child;
      hh.members.push_back(std::move(baby));
    }
    for (Subject& m : hh.members) m.address = hh.address;
    return hh;
  }

  // The household as it is on `day`: a baby due before then has been born, and anyone not yet
  // born (a household made for a later day) is expected, or left out.
  Household as_on(const Household& h, const Date& day) {
    Household out = h;
    const int64_t last_birth = days_from_civil(day) - kBirthMarginDays;
    std::vector<Subject> members;
    members.reserve(out.members.size());
    for (Subject& s : out.members) {
      if (s.date_of_birth) {
        const int64_t born = days_from_civil(*s.date_of_birth);
        if (s.dob_kind == DobKind::expected && born <= last_birth) {
          s.dob_kind = DobKind::known;
          if (s.given_name.empty() || s.given_name == "Unborn") s.given_name = "Baby";
        } else if (s.dob_kind != DobKind::expected && born > last_birth) {
          if (born - days_from_civil(day) > 280) continue;
          s.dob_kind = DobKind::expected;
          s.nhs_number.clear();
          s.upn.clear();
        }
      }
      members.push_back(std::move(s));
    }
    out.members = std::move(members);
    return out;
  }
};

Generator::Generator(uint64_t seed) : impl_(std::make_unique<Impl>(seed)) {}
Generator::~Generator() = default;

Household Generator::household(const Date& today) { return impl_->make(today); }

Contact Generator::contact(const Household& household, const Timestamp& received) {
  Contact c;
  c.received_at = received;
  c.recorded_at = received;
  const Household now = impl_->as_on(household, local_date(received));
  if (now.members.empty()) return contact(impl_->make(local_date(received)), received);
  write_contact(impl_->rng, now, ++impl_->serial, c);
  return c;
}

std::vector<Contact> Generator::contacts(int count, const Timestamp& now, int days) {
  Rng& rng = impl_->rng;
  const int64_t span = std::max<int64_t>(1, static_cast<int64_t>(days) * 86400);
  std::vector<int64_t> times;
  times.reserve(static_cast<size_t>(std::max(0, count)));
  for (int i = 0; i < count; ++i) {
    int64_t t = now.epoch_seconds - static_cast<int64_t>(rng.next() % static_cast<uint64_t>(span));
    if (rng.percent(70)) {
      // Most contacts come in during the working day.
      const int64_t day_start = t - ((t % 86400) + 86400) % 86400;
      const int64_t working = day_start + 8 * 3600 + rng.between(0, 10 * 3600 - 1);
      if (working <= now.epoch_seconds) t = working;
    }
    times.push_back(t);
  }
  std::sort(times.begin(), times.end());

  std::vector<Household> recent;  // a ring of the latest households, for repeat referrals
  size_t next_slot = 0;
  std::vector<Contact> out;
  out.reserve(times.size());
  for (int64_t t : times) {
    const Timestamp received{t, uk_offset_minutes(t)};
    if (!recent.empty() && rng.percent(22)) {
      // Recent households are the likeliest to be referred again.
      const size_t back = (rng.below(64) * rng.below(64)) % recent.size();
      const size_t slot = (next_slot + recent.size() - 1 - back) % recent.size();
      out.push_back(contact(recent[slot], received));
      continue;
    }
    Household h = impl_->make(local_date(received));
    out.push_back(contact(h, received));
    if (recent.size() < kRecentHouseholds) {
      recent.push_back(std::move(h));
      next_slot = recent.size() % kRecentHouseholds;
    } else {
      recent[next_slot] = std::move(h);
      next_slot = (next_slot + 1) % kRecentHouseholds;
    }
  }
  return out;
}

}  // namespace mash::synth
