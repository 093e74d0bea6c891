// A person: who an individual is, as one record describes them (names, date of birth, sex,
// address, identifiers), apart from the part they play in any one contact.
#pragma once

#include <optional>
#include <string>

#include "domain/codes.h"
#include "domain/time.h"

namespace mash {

struct Address {
  std::string line1;
  std::string line2;
  std::string town;
  std::string postcode;  // normalised by normalise_contact() to "BB2 1DH"
  bool empty() const { return line1.empty() && line2.empty() && town.empty() && postcode.empty(); }
};

struct Person {
  std::string given_name;
  std::string family_name;
  std::string other_names;            // aliases, previous names, free text
  std::optional<Date> date_of_birth;  // may be absent when not known
  DobKind dob_kind = DobKind::known;  // expected: an unborn child's expected date of delivery
  Sex sex = Sex::not_known;
  Address address;
  std::string nhs_number;  // 10 digits, normalised without spaces; empty when not known
  std::string upn;         // unique pupil number, 13 characters; empty when not known
};

}  // namespace mash
