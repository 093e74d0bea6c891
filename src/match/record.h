// MatchRecord: one person as the matcher sees them — the fields of a source record, normalised
// once so that blocking and scoring compare them many times without redoing the work.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/codes.h"
#include "domain/time.h"
#include "match/normalise.h"
#include "match/phonetic.h"

namespace mash::match {

// The fields of a source record as written, before normalisation. Any may be empty.
struct PersonFields {
  std::string id;  // the source's own record id; never compared
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // ISO "2014-03-07", "20140307" or "07/03/2014" (day first)
  std::string postcode;
  std::string address;  // house number and street lines, joined by spaces
  std::string town;     // suburb, town or city
  std::string sex;      // "m", "male", "f", "female", …
  std::string nhs_number;
  std::string other_identifier;  // another agency's id for the person (e.g. a social security id)
  std::string email;
};

struct MatchRecord {
  std::string id;
  NormalisedName given;
  NormalisedName family;
  PhoneticKeys given_sound;   // of the first part of the given name
  PhoneticKeys family_sound;  // of the first part of the family name
  std::optional<Date> date_of_birth;
  // A UK postcode as normalise_postcode() writes it ("BB2 1DH"); another country's postcode
  // upper-cased without spaces ("4223"). `uk_postcode` says which.
  std::string postcode;
  bool uk_postcode = false;
  std::string address;  // lower-case ASCII words separated by single spaces
  std::string town;     // likewise
  Sex sex = Sex::not_known;
  std::string nhs_number;        // ten digits, or empty when missing or invalid
  std::string other_identifier;  // lower-case ASCII letters and digits only
  std::string email;             // lower case, trimmed
};

// A MatchRecord seen through string views: what compare() and score() read. A PersonIndex keeps
// its records packed in a few bytes each and hands out views of them; a MatchRecord gives one
// with view(). The views point into the record (or the index), which must outlive them.
struct RecordView {
  std::string_view id;
  std::string_view given;   // NormalisedName::full: the parts joined by single spaces
  std::string_view family;  // likewise
  std::string_view given_primary, given_alternate;    // PhoneticKeys of the first given part
  std::string_view family_primary, family_alternate;  // of the first family part
  std::optional<Date> date_of_birth;
  std::string_view postcode;
  bool uk_postcode = false;
  std::string_view address;
  std::string_view town;
  Sex sex = Sex::not_known;
  std::string_view nhs_number;
  std::string_view other_identifier;
  std::string_view email;
};

RecordView view(const MatchRecord& record);

// Rebuilds the record a view shows (parts split at the spaces of the full names).
MatchRecord to_record(const RecordView& view);

// Whether a normalised given name only stands in for one not known: "unborn", "baby",
// "unknown", "not known", "nk" (or "N.K."), "infant", "unnamed", "baby boy", "baby girl". Such a
// name is treated as missing (an unborn child's "Unborn" is not a name to agree or disagree on).
bool is_placeholder_given_name(std::string_view normalised);

// Normalises every field. Never fails: a value that cannot be read (a date of "unknown", an NHS
// number with a bad check digit) is treated as missing.
MatchRecord make_match_record(const PersonFields& fields);

// "2014-03-07", "20140307", "07/03/2014" or "7-3-2014" (day first, as UK records write it); nullopt
// for anything else, including impossible dates.
std::optional<Date> parse_date_of_birth(std::string_view text);

// "m", "male", "boy", "man" -> male; "f", "female", "girl", "woman" -> female; anything else
// not_known. Case and surrounding spaces are ignored.
Sex parse_sex(std::string_view text);

}  // namespace mash::match
