// Normalisation: the one form in which names, postcodes and NHS numbers are compared, so that
// "Zoë O'Connor-Smith" written by police and "zoe oconnor smith" written by a school meet.
//
// Thread safety: every function here may be called from any number of threads at once. Names
// that are not plain ASCII go through an ICU transliterator; each thread creates its own on its
// first such name (a few milliseconds, once per thread) and keeps it for the thread's life.
// Pure-ASCII input never touches ICU.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mash::match {

// Any script to lower-case ASCII letters, as ICU's "Any-Latin; Latin-ASCII" transliterates it:
// "Zoë" -> "zoe", "Łukasz" -> "lukasz", "Straße" -> "strasse", "Иван" -> "ivan", "王" -> "wang".
// Everything that is not a letter is kept as ASCII when it has an ASCII form (’ becomes ') and
// dropped when it has none. `utf8` must be UTF-8; invalid bytes are dropped.
std::string fold_to_ascii(std::string_view utf8);

// Which field a name came from. Surname prefixes are joined only in family names, where "O" and
// "Mc" are prefixes; in a given name "O" is an initial.
enum class NameField { given, family };

// A name as the matcher compares it.
struct NormalisedName {
  // The parts joined by single spaces: "smith jones". Empty when the name is empty or had no
  // letters.
  std::string full;
  // Each part: lower-case ASCII letters only, never empty. Hyphens, spaces and other punctuation
  // separate parts ("Smith-Jones" -> {"smith", "jones"}); apostrophes are dropped without
  // separating ("O'Connor" -> {"oconnor"}).
  std::vector<std::string> parts;

  bool empty() const { return parts.empty(); }
  // The first letter of each part: "mary jane" -> "mj".
  std::string initials() const;
  // True when every part is a single letter ("J. R." -> {"j", "r"}): the record gives initials,
  // not a name, and a comparator should compare them with the other name's initials.
  bool is_initials_only() const;
  bool operator==(const NormalisedName&) const = default;
};

// Normalises a name as written in a record:
// - transliterated and case-folded by fold_to_ascii();
// - split into parts at spaces, hyphens and other punctuation; apostrophes dropped;
// - leading titles removed ("Mr", "Mrs", "Ms", "Miss", "Dr", "Master", "Rev", …) and trailing
//   generational suffixes ("Jr", "Snr", "III"), but never the last remaining part;
// - for family names only, surname prefixes joined to the part after them ("Mc Donald",
//   "O Connor", "van der Berg", "St John" -> "mcdonald", "oconnor", "vanderberg", "stjohn"), and a
//   leading "mac" before four or more letters written "mc", so "MacDonald", "Mac Donald",
//   "McDonald" and "Mc Donald" are all "mcdonald" (but "Mack", "Macey", "Machin" are unchanged).
// Digits are separators: names do not contain them.
NormalisedName normalise_name(std::string_view raw, NameField field);

// True for a part that is a single letter.
inline bool is_initial(std::string_view part) { return part.size() == 1; }

// The levels of a UK postcode, as views into the string given, which must outlive them.
// For "BB2 1DH": full "BB2 1DH", sector "BB2 1", district "BB2", area "BB". An outward code
// alone ("BB2") gives district and area only; anything that is not a postcode gives no levels.
struct PostcodeLevels {
  std::string_view full;
  std::string_view sector;
  std::string_view district;
  std::string_view area;
};

// `normalised` must be as mash::normalise_postcode() (domain/contact.h) writes it: upper case,
// one space before the inward code ("BB2 1DH"). Does not allocate.
PostcodeLevels postcode_levels(std::string_view normalised);

// The ten digits of an NHS number ("943 476 5919", "943-476-5919" -> "9434765919"), or empty
// when the digits are not a valid NHS number (wrong length, failed check digit, or a placeholder
// of one repeated digit such as "0000000000"). An unusable number is treated as missing rather
// than as a disagreeing one, which would count strongly against a match.
std::string normalise_nhs_number(std::string_view raw);

}  // namespace mash::match
