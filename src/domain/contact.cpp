#include "domain/contact.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace mash {

namespace {

// 1990-01-01T00:00:00Z: no hub holds contacts from before, so an earlier time is a typing error.
constexpr int64_t kEarliestReceivedEpoch = 631152000;

constexpr size_t kMaxName = 100;       // given, family, referrer name
constexpr size_t kMaxShortText = 200;  // other names, organisation, role, address lines
constexpr size_t kMaxConsentReason = 2000;
constexpr size_t kMaxNarrative = 20000;
constexpr int64_t kClockSkewSeconds = 5 * 60;  // senders' clocks run a little fast
constexpr int kMaxAgeYears = 120;
constexpr int kMaxMonthsToDelivery = 10;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

void trim(std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  if (b != 0 || e != s.size()) s = s.substr(b, e - b);
}

std::string without(std::string_view s, std::string_view drop) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (drop.find(c) == std::string_view::npos) out.push_back(c);
  return out;
}

// Characters as people count them: UTF-8 code points, not bytes.
size_t length_of(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool in(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

// Date `months` calendar months after `d`, the day clamped to the end of a shorter month.
Date add_months(const Date& d, int months) {
  int m0 = d.year * 12 + (d.month - 1) + months;
  Date r{m0 / 12, m0 % 12 + 1, d.day};
  r.day = std::min(r.day, days_in_month(r.year, r.month));
  return r;
}

bool is_valid_email(std::string_view e) {
  if (e.size() > 254) return false;
  const size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view domain = e.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size())
    return false;
  if (domain.front() == '.' || domain.find("..") != std::string_view::npos) return false;
  for (char c : e)
    if (is_space(c) || static_cast<unsigned char>(c) < 0x20 || c == ',' || c == ';' || c == '<' ||
        c == '>')
      return false;
  return true;
}

bool is_valid_phone(std::string_view p) {
  if (p.size() > 30) return false;
  int digits = 0;
  for (char c : p) {
    if (is_digit(c))
      ++digits;
    else if (!in(c, " +()-"))
      return false;
  }
  return digits >= 6 && digits <= 16;
}

// The DfE's alphabet for UPN check letters (no I, O or S). A letter's value is its index; in
// python-stdnum and the DfE guide digits follow at 23..32, which is the same modulo 23.
constexpr std::string_view kUpnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

class Errors {
 public:
  void add(std::string field, std::string message) {
    list_.push_back({std::move(field), std::move(message)});
  }
  // Adds "<what> must be N characters or fewer" when `value` is longer than `max`.
  void too_long(const std::string& field, std::string_view value, size_t max,
                std::string_view what) {
    if (length_of(value) > max)
      add(field, std::string(what) + " must be " + with_commas(max) + " characters or fewer");
  }
  std::vector<FieldError> take() { return std::move(list_); }

 private:
  static std::string with_commas(size_t n) {
    std::string s = std::to_string(n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
      s.insert(static_cast<size_t>(i), ",");
    return s;
  }
  std::vector<FieldError> list_;
};

void validate_referrer(const Referrer& r, Errors& errors) {
  if (r.anonymous) return;  // nothing else is recorded (normalise_contact clears it)
  if (r.name.empty())
    errors.add("referrer.name", "Enter the referrer's name, or say that they are anonymous");
  errors.too_long("referrer.name", r.name, kMaxName, "Referrer's name");
  errors.too_long("referrer.organisation", r.organisation, kMaxShortText, "Organisation");
  errors.too_long("referrer.role", r.role, kMaxShortText, "Referrer's role");
  if (!r.phone.empty() && !is_valid_phone(r.phone))
    errors.add("referrer.phone",
               "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192");
  if (!r.email.empty() && !is_valid_email(r.email))
    errors.add("referrer.email",
               "Enter an email address in the correct format, like name@example.com");
}

void validate_date_of_birth(const Subject& s, const std::string& at, const Date& today,
                            Errors& errors) {
  const std::string field = at + "date_of_birth";
  if (code_of(s.dob_kind).empty()) {
    errors.add(at + "dob_kind", "Select whether the date of birth is known, estimated or expected");
    return;
  }
  if (!s.date_of_birth) {
    if (s.dob_kind == DobKind::expected)
      errors.add(field, "Enter the unborn child's expected date of birth, for example 27 3 2027");
    else if (s.dob_kind == DobKind::estimated)
      errors.add(field, "Enter the estimated date of birth, for example 27 3 2014");
    return;  // a date of birth that is not known may be left out
  }
  const Date& dob = *s.date_of_birth;
  if (!is_valid(dob)) {
    errors.add(field, s.dob_kind == DobKind::expected
                          ? "Enter a real expected date of birth, for example 27 3 2027"
                          : "Enter a real date of birth, for example 27 3 2014");
    return;
  }
  if (s.dob_kind == DobKind::expected) {
    // A due date may have passed by the time the contact is recorded (babies come late, and a
    // contact is recorded after it is received), but a pregnancy lasts no more than ten months.
    if (dob > add_months(today, kMaxMonthsToDelivery))
      errors.add(field, "Expected date of birth must be within the next 10 months");
    if (s.role != SubjectRole::child)
      errors.add(at + "role", "An unborn child's role in the contact must be child");
    return;
  }
  if (dob > today)
    errors.add(field, "Date of birth must be today or in the past");
  else if (age_in_years(dob, today) > kMaxAgeYears)
    errors.add(field, "Date of birth must be less than 120 years ago");
}

void validate_subject(const Subject& s, size_t index, const Date& today, Errors& errors) {
  const std::string at = "subjects[" + std::to_string(index) + "].";
  if (s.dob_kind == DobKind::expected) {
    // An unborn child often has no given name yet ("Unborn"); the family name finds the family.
    if (s.family_name.empty())
      errors.add(at + "family_name", "Enter the unborn child's family name, or the mother's");
  } else if (s.family_name.empty() && s.given_name.empty()) {
    errors.add(at + "family_name", "Enter the subject's family name or given name");
  }
  errors.too_long(at + "given_name", s.given_name, kMaxName, "Given name");
  errors.too_long(at + "family_name", s.family_name, kMaxName, "Family name");
  errors.too_long(at + "other_names", s.other_names, kMaxShortText, "Other names");

  validate_date_of_birth(s, at, today, errors);

  if (code_of(s.sex).empty()) errors.add(at + "sex", "Select the subject's sex, or not known");
  if (code_of(s.role).empty())
    errors.add(at + "role", "Select the subject's role in the contact, for example child");

  errors.too_long(at + "address.line1", s.address.line1, kMaxShortText, "Address line 1");
  errors.too_long(at + "address.line2", s.address.line2, kMaxShortText, "Address line 2");
  errors.too_long(at + "address.town", s.address.town, kMaxName, "Town or city");
  // An address may be unknown (no fixed abode); a postcode, when given, must be real.
  if (!s.address.postcode.empty() && !is_valid_uk_postcode(s.address.postcode))
    errors.add(at + "address.postcode", "Enter a real postcode, like BB2 1DH");

  if (!s.nhs_number.empty() && !is_valid_nhs_number(s.nhs_number))
    errors.add(at + "nhs_number",
               "NHS number must be 10 digits and pass its check digit, like 943 476 5919");
  if (!s.upn.empty() && !is_valid_upn(s.upn))
    errors.add(at + "upn",
               "Unique pupil number must be a check letter and 12 more characters, like "
               "A123456789012, with the right check letter");
}

}  // namespace

void normalise_contact(Contact& c) {
  if (c.external_ref) trim(*c.external_ref);
  trim(c.agency);
  Referrer& r = c.referrer;
  if (r.anonymous) {
    // An anonymous referrer is not identified anywhere in the record, even if a form sent on
    // what was typed before "anonymous" was chosen.
    r = Referrer{};
    r.anonymous = true;
  } else {
    for (std::string* f : {&r.name, &r.organisation, &r.role, &r.phone, &r.email}) trim(*f);
  }
  for (Subject& s : c.subjects) {
    for (std::string* f :
         {&s.given_name, &s.family_name, &s.other_names, &s.address.line1, &s.address.line2,
          &s.address.town, &s.address.postcode, &s.nhs_number, &s.upn})
      trim(*f);
    if (!s.address.postcode.empty()) s.address.postcode = normalise_postcode(s.address.postcode);
    s.nhs_number = without(s.nhs_number, " -");
    std::transform(s.upn.begin(), s.upn.end(), s.upn.begin(), to_upper);
  }
  // The same issue ticked twice means it once.
  std::vector<PresentingIssue> issues;
  for (PresentingIssue p : c.presenting_issues)
    if (std::find(issues.begin(), issues.end(), p) == issues.end()) issues.push_back(p);
  c.presenting_issues = std::move(issues);
  trim(c.narrative);
  trim(c.consent.reason);
}

std::vector<FieldError> validate_contact(const Contact& c, const Timestamp& now) {
  Errors errors;
  const Date today = local_date(now);

  if (c.external_ref) {
    if (c.external_ref->empty())
      errors.add("external_ref", "Enter the sending agency's own reference, or leave it out");
    errors.too_long("external_ref", *c.external_ref, kMaxName, "External reference");
  }
  if (c.received_at.epoch_seconds > now.epoch_seconds + kClockSkewSeconds)
    errors.add("received_at", "The time the contact was received must be now or in the past");
  else if (c.received_at.epoch_seconds < kEarliestReceivedEpoch)
    errors.add("received_at",
               "The time the contact was received must be in 1990 or later: check the year");
  if (code_of(c.source).empty())
    errors.add("source", "Select the source of the contact, for example Police");

  validate_referrer(c.referrer, errors);

  if (c.subjects.empty())
    errors.add("subjects", "Add at least one subject");
  else if (c.subjects.size() > kMaxSubjectsPerContact)
    errors.add("subjects", "A contact can have at most " + std::to_string(kMaxSubjectsPerContact) +
                               " subjects");
  for (size_t i = 0; i < c.subjects.size() && i < kMaxSubjectsPerContact; ++i)
    validate_subject(c.subjects[i], i, today, errors);

  if (c.presenting_issues.empty())
    errors.add("presenting_issues", "Select at least one presenting issue");
  for (PresentingIssue p : c.presenting_issues) {
    if (code_of(p).empty()) {
      errors.add("presenting_issues", "Select presenting issues from the list");
      break;
    }
  }

  if (c.narrative.empty())
    errors.add("narrative", "Enter what happened and why the referrer is worried");
  errors.too_long("narrative", c.narrative, kMaxNarrative, "Narrative");

  if (code_of(c.consent.status).empty())
    errors.add("consent.status", "Select whether consent was given, refused or not sought");
  else if (c.consent.status == ConsentStatus::not_sought && c.consent.reason.empty())
    errors.add("consent.reason",
               "Enter the reason consent was not sought, for example seeking consent would place "
               "the child at risk");
  errors.too_long("consent.reason", c.consent.reason, kMaxConsentReason, "Reason");

  return errors.take();
}

bool is_valid_nhs_number(std::string_view n) {
  if (n.size() != 10) return false;
  int sum = 0;
  for (size_t i = 0; i < 10; ++i) {
    if (!is_digit(n[i])) return false;
    if (i < 9) sum += (n[i] - '0') * static_cast<int>(10 - i);
  }
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;  // such numbers are never issued
  return check == n[9] - '0';
}

// Royal Mail formats: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA, and GIR 0AA,
// with the letters each position may hold.
bool is_valid_uk_postcode(std::string_view postcode) {
  char p[8];
  size_t n = 0;
  for (char c : postcode) {
    if (is_space(c)) continue;
    if (n == 7) return false;
    p[n++] = to_upper(c);
  }
  if (n < 5) return false;
  const std::string_view s(p, n);
  if (s == "GIR0AA") return true;

  // Inward code: a digit and two letters, never C, I, K, M, O or V.
  constexpr std::string_view kInward = "ABDEFGHJLNPQRSTUWXYZ";
  if (!is_digit(s[n - 3]) || !in(s[n - 2], kInward) || !in(s[n - 1], kInward)) return false;

  const std::string_view out = s.substr(0, n - 3);
  constexpr std::string_view kFirst = "ABCDEFGHIJKLMNOPRSTUWYZ";   // not Q, V, X
  constexpr std::string_view kSecond = "ABCDEFGHKLMNOPQRSTUVWXY";  // not I, J, Z
  constexpr std::string_view kThird = "ABCDEFGHJKPSTUW";           // A9A
  constexpr std::string_view kFourth = "ABEHMNPRVWXY";             // AA9A
  if (!in(out[0], kFirst)) return false;
  switch (out.size()) {
    case 2:  // A9
      return is_digit(out[1]);
    case 3:  // A99, AA9, A9A
      if (is_digit(out[1])) return is_digit(out[2]) || in(out[2], kThird);
      return in(out[1], kSecond) && is_digit(out[2]);
    case 4:  // AA99, AA9A
      return in(out[1], kSecond) && is_digit(out[2]) && (is_digit(out[3]) || in(out[3], kFourth));
    default:
      return false;
  }
}

std::string normalise_postcode(std::string_view postcode) {
  std::string s;
  s.reserve(8);
  for (char c : postcode)
    if (!is_space(c)) s.push_back(to_upper(c));
  if (s.size() >= 5) s.insert(s.size() - 3, " ");
  return s;
}

// DfE "A guide to the unique pupil number": character 1 is a check letter over characters 2–13,
// each weighted by its position (2..13), the sum taken modulo 23 and mapped to kUpnLetters.
// Characters 2–12 are digits; character 13 is a digit, or a letter for a temporary UPN.
bool is_valid_upn(std::string_view upn) {
  if (upn.size() != 13) return false;
  int sum = 0;
  for (size_t i = 1; i < 13; ++i) {
    const char c = to_upper(upn[i]);
    int value = 0;
    if (is_digit(c)) {
      value = c - '0';
    } else if (i == 12 && is_upper(c) && in(c, kUpnLetters)) {
      value = static_cast<int>(kUpnLetters.find(c));
    } else {
      return false;
    }
    sum += value * static_cast<int>(i + 1);
  }
  return to_upper(upn[0]) == kUpnLetters[static_cast<size_t>(sum % 23)];
}

std::string contact_reference(int64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "C-%06lld", static_cast<long long>(id));
  return buf;
}

}  // namespace mash
