#include "synth/corrupt.h"

#include <utility>
#include <vector>

namespace mash::synth {
namespace {

constexpr std::pair<std::string_view, std::string_view> kNicknames[] = {
    {"Rebecca", "Becky"},    {"William", "Bill"},     {"Robert", "Bob"},
    {"Elizabeth", "Liz"},    {"Katherine", "Kate"},   {"James", "Jim"},
    {"Margaret", "Maggie"},  {"Thomas", "Tom"},       {"Daniel", "Dan"},
    {"Joseph", "Joe"},       {"Samuel", "Sam"},       {"Alexander", "Alex"},
    {"Matthew", "Matt"},     {"Jessica", "Jess"},     {"Oliver", "Ollie"},
    {"Charlotte", "Lottie"}, {"Benjamin", "Ben"},     {"Jennifer", "Jenny"},
    {"Michael", "Mike"},     {"Nicholas", "Nick"},    {"Christopher", "Chris"},
    {"Victoria", "Vicky"},   {"Abigail", "Abbie"},    {"Anthony", "Tony"},
    {"Stephen", "Steve"},    {"Nicola", "Nicky"},     {"Joanne", "Jo"},
    {"David", "Dave"},       {"Bradley", "Brad"},     {"Frederick", "Fred"},
    {"Jacob", "Jake"},       {"Kimberley", "Kim"},    {"Muhammad", "Mohammed"},
    {"Mohammed", "Mo"},      {"Abdullah", "Abdul"},   {"Aleksander", "Olek"},
    {"Harry", "Harold"},     {"Archie", "Archibald"}, {"Freddie", "Frederick"},
    {"Alfie", "Alfred"},     {"Charlie", "Charles"},  {"Ellie", "Eleanor"},
    {"Evie", "Eve"},         {"Megan", "Meg"},        {"Hannah", "Anna"},
    {"Danielle", "Dani"},    {"Amy", "Aimee"},        {"Lauren", "Laurie"},

};

}  // namespace

std::string_view nickname_of(std::string_view given) {
  for (const auto& [formal, nick] : kNicknames)
    if (given == formal) return nick;
  return {};
}

std::string typo(Rng& rng, const std::string& s) {
  std::vector<std::string> chars;  // one UTF-8 sequence each
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    chars.push_back(s.substr(i, n));
    i += n;
  }
  const std::string letter(1, static_cast<char>('a' + rng.below(26)));
  if (chars.size() < 3) {
    chars.push_back(letter);
  } else {
    const size_t at = 1 + rng.below(static_cast<uint32_t>(chars.size() - 2));
    switch (rng.below(4)) {
      case 0:
        std::swap(chars[at], chars[at + 1]);
        break;
      case 1:
        chars.erase(chars.begin() + static_cast<std::ptrdiff_t>(at));
        break;
      case 2:
        chars.insert(chars.begin() + static_cast<std::ptrdiff_t>(at), chars[at]);
        break;
      default:
        chars[at] = letter;
        break;
    }
  }
  std::string out;
  for (const std::string& c : chars) out += c;
  return out;
}

}  // namespace mash::synth
