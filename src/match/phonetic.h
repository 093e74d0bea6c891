// Phonetic keys: names that sound alike get the same key, so "Smith" and "Smyth", "Catherine"
// and "Kathryn" meet in a blocking rule or a comparison level even though they are spelt apart.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mash::match {

// The two Double Metaphone keys of one word. Keys are upper-case letters from the algorithm's
// alphabet ("0" stands for "th", "X" for "sh"/"ch"). `alternate` is the key of another plausible
// pronunciation ("Schmidt": primary "XMT", alternate "SMT"); it equals `primary` when the word
// has only one. Both are empty for a word with no letters.
struct PhoneticKeys {
  std::string primary;
  std::string alternate;
  bool operator==(const PhoneticKeys&) const = default;
};

// Double Metaphone (Lawrence Philips, "The Double Metaphone Search Algorithm", C/C++ Users
// Journal, June 2000), implemented here from the published rules. `word` is one part of a
// normalised name (match/normalise.h): ASCII letters, either case; anything else is skipped.
// Keys are cut to `max_length` characters (4 in the published algorithm). Pure and thread-safe;
// allocates nothing for keys of up to 15 characters and words of up to 64.
PhoneticKeys double_metaphone(std::string_view word, size_t max_length = 4);

// True when any key of one agrees with any key of the other (primary or alternate): the usual
// Double Metaphone test of "sounds alike". Empty keys never agree.
bool sound_alike(const PhoneticKeys& a, const PhoneticKeys& b);

}  // namespace mash::match
