// A contact: a safeguarding concern as it reaches the hub, about one or more subjects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/codes.h"
#include "domain/person.h"
#include "domain/result.h"
#include "domain/time.h"

namespace mash {

// Who told the hub. Anonymous referrers leave every other field empty.
struct Referrer {
  bool anonymous = false;
  std::string name;
  std::string organisation;
  std::string role;
  std::string phone;
  std::string email;
};

// A person named in a contact, with their part in it. Each subject is its own record of the
// person as this contact describes them; matching them to the people the hub already knows is
// issue 3's work.
struct Subject : Person {
  int64_t id = 0;  // set by the store
  SubjectRole role = SubjectRole::child;
};

struct Consent {
  ConsentStatus status = ConsentStatus::not_sought;
  std::string
      reason;  // required when not sought, e.g. "seeking consent would place the child at risk"
};

struct Contact {
  int64_t id = 0;                           // set by the store
  std::optional<std::string> external_ref;  // the sending agency's own reference (API only)
  std::string agency;                       // code of the agency that sent it (API) or recorded it
  Channel channel = Channel::web_form;
  Timestamp received_at;
  ReferralSource source = ReferralSource::unknown;
  Referrer referrer;
  std::vector<Subject> subjects;
  std::vector<PresentingIssue> presenting_issues;
  std::string narrative;
  Consent consent;
  ContactStatus status = ContactStatus::new_contact;
  Timestamp recorded_at;    // when the hub stored it
  std::string recorded_by;  // username, or the API token's name
};

// The most subjects one contact may name.
inline constexpr size_t kMaxSubjectsPerContact = 50;

// Tidies what people type without changing its meaning: trims fields, upper-cases and spaces
// postcodes ("bb21dh" -> "BB2 1DH"), strips spaces from NHS numbers, upper-cases UPNs.
void normalise_contact(Contact& c);

// Every rule a contact must meet before the hub stores it, each broken rule as one FieldError
// in the domain's words ("Enter the child's date of birth, for example 27 3 2014"). `now` is the
// time of recording: dates of birth and the received time may not be after it (an expected date
// of birth may). Empty when the contact is acceptable. Call normalise_contact() first.
std::vector<FieldError> validate_contact(const Contact& c, const Timestamp& now);

// Identifier checks, exposed for the forms and the matching engine.
bool is_valid_nhs_number(std::string_view digits);          // 10 digits, modulus 11 check digit
bool is_valid_uk_postcode(std::string_view postcode);       // format only, any case or spacing
std::string normalise_postcode(std::string_view postcode);  // "bb21dh" -> "BB2 1DH"
bool is_valid_upn(std::string_view upn);  // DfE unique pupil number with its check letter

// A contact's reference as people say it: "C-000123".
std::string contact_reference(int64_t id);

}  // namespace mash
