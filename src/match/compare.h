// Comparators: how alike two values of one field are, as a number (names) or as a comparison
// level (dates of birth, postcodes, identifiers, sex). Levels are ordered strongest agreement
// first; the scoring layer gives each level its own weight, and words() gives the explanation a
// social worker reads beside it ("date of birth: day and month swapped").
//
// All functions are pure, thread-safe and allocation-free for strings of up to 64 bytes (longer
// strings are compared correctly, with one heap allocation). Strings are compared byte by byte:
// pass the normalised forms (match/normalise.h).
#pragma once

#include <optional>
#include <string_view>

#include "domain/codes.h"
#include "domain/time.h"

namespace mash::match {

// ----- Names ---------------------------------------------------------------------------------

// Jaro similarity in [0, 1]: 1 for identical strings (including two empty ones), 0 when one is
// empty or they share no character within the matching window.
double jaro(std::string_view a, std::string_view b);

// Jaro-Winkler similarity in [0, 1]: Jaro raised for a common prefix of up to 4 characters, with
// prefix scale 0.1, when the Jaro similarity exceeds 0.7 (Winkler's boost threshold).
// "MARTHA"/"MARHTA" 0.961, "DWAYNE"/"DUANE" 0.840, "DIXON"/"DICKSONX" 0.813.
double jaro_winkler(std::string_view a, std::string_view b);

// jaro_winkler(a, b) when it can reach `floor`; otherwise some value below `floor`, found
// without the full comparison (from a bound on how many characters can match). For callers
// that only compare the similarity with thresholds at or above `floor`: their answers are the
// same as with jaro_winkler, and unrelated strings cost one pass over each.
double jaro_winkler_at_least(std::string_view a, std::string_view b, double floor);

// Whether a and b are exactly one edit apart in the optimal string alignment sense (one
// insertion, deletion, substitution or transposition of adjacent characters): the same answer
// as damerau_levenshtein(a, b) == 1, in one pass.
bool one_edit_apart(std::string_view a, std::string_view b);

// Damerau-Levenshtein distance in its optimal string alignment form: the fewest insertions,
// deletions, substitutions and transpositions of adjacent characters that turn `a` into `b`,
// where no substring is edited twice ("CA" -> "ABC" is 3, not the unrestricted 2).
int damerau_levenshtein(std::string_view a, std::string_view b);

// ----- Dates of birth ------------------------------------------------------------------------

enum class DobLevel {
  exact,              // the same date
  day_month_swapped,  // 2014-03-07 and 2014-07-03: American order, or a slip
  one_digit_off,      // one digit differs in the YYYYMMDD form: 2014-03-07 and 2014-03-01
  year_off_by_one,    // the same day and month, years one apart: 2019-12-05 and 2020-12-05
  same_year_month,    // the same month and year, another day
  same_year,          // the same year only
  different,
  missing,  // absent or not a real date on either record
};

// The strongest level that holds, in the order of DobLevel.
DobLevel compare_dates_of_birth(const std::optional<Date>& a, const std::optional<Date>& b);

// ----- Postcodes -----------------------------------------------------------------------------

enum class PostcodeLevel {
  full,      // "BB2 1DH" and "BB2 1DH"
  sector,    // "BB2 1DH" and "BB2 1AB"
  district,  // "BB2 1DH" and "BB2 4QZ"
  area,      // "BB2 1DH" and "BB10 3AA"
  different,
  missing,  // absent or not a postcode on either record
};

// `a` and `b` as mash::normalise_postcode() writes them ("BB2 1DH"); an outward code alone
// ("BB2") can agree up to district. Does not allocate.
PostcodeLevel compare_postcodes(std::string_view a, std::string_view b);

// ----- Identifiers and sex -------------------------------------------------------------------

// Which identifier a comparison is of, for its words.
enum class Identifier { nhs_number, upn };

enum class IdentifierLevel { agree, disagree, missing };

// Normalised identifiers (normalise_nhs_number(), an upper-case UPN); empty means not known.
IdentifierLevel compare_identifiers(std::string_view a, std::string_view b);

enum class SexLevel { agree, disagree, missing };

// `not_known` and `not_specified` are missing, not a disagreement.
SexLevel compare_sex(Sex a, Sex b);

// ----- Words for explanations ----------------------------------------------------------------

std::string_view words(DobLevel level);
std::string_view words(PostcodeLevel level);
std::string_view words(IdentifierLevel level, Identifier which);
std::string_view words(SexLevel level);

}  // namespace mash::match
