// Double Metaphone, after Lawrence Philips's description and reference implementation
// ("The Double Metaphone Search Algorithm", C/C++ Users Journal, June 2000). Each rule below
// names the words the reference gives for it, so a reader can check it against the original.
// As in the reference, the word is read as if followed by spaces, which some rules test for.
#include "match/phonetic.h"

#include <array>
#include <cstring>
#include <initializer_list>

namespace mash::match {
namespace {

constexpr int kPadding = 5;
constexpr size_t kMaxStackWord = 64;

class DoubleMetaphone {
 public:
  DoubleMetaphone(std::string_view word, size_t max_length) : max_(max_length) {
    char* out = stack_.data();
    if (word.size() > kMaxStackWord) {
      heap_.resize(word.size() + kPadding);
      out = heap_.data();
    }
    for (char c : word) out[length_++] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    for (int i = 0; i < kPadding; ++i) out[length_ + i] = ' ';
    s_ = out;
    last_ = length_ - 1;
    slavo_germanic_ = contains('W') || contains('K') || contains("CZ") || contains("WITZ");
  }

  PhoneticKeys run();

 private:
  char at(int i) const { return i >= 0 && i < length_ + kPadding ? s_[i] : '\0'; }
  bool is_vowel(int i) const {
    if (i < 0 || i >= length_) return false;
    const char c = s_[i];
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
  }
  // True when the `n` characters at `start` are one of `options` (each `n` long).
  bool string_at(int start, int n, std::initializer_list<const char*> options) const {
    if (start < 0 || start + n > length_ + kPadding) return false;
    for (const char* o : options)
      if (std::memcmp(s_ + start, o, static_cast<size_t>(n)) == 0) return true;
    return false;
  }
  bool contains(char c) const {
    return std::memchr(s_, c, static_cast<size_t>(length_)) != nullptr;
  }
  bool contains(std::string_view needle) const {
    return std::string_view(s_, static_cast<size_t>(length_)).find(needle) !=
           std::string_view::npos;
  }
  void add(const char* both) {
    primary_ += both;
    alternate_ += both;
  }
  // As the reference's MetaphAdd(main, alt): an alternate of " " adds nothing to the alternate.
  void add(const char* main, const char* alt) {
    primary_ += main;
    if (alt[0] != ' ') alternate_ += alt;
  }
  bool complete() const { return primary_.size() >= max_ && alternate_.size() >= max_; }

  int letter_c(int i);
  int letter_g(int i);
  int letter_j(int i);
  int letter_s(int i);
  int letter_w(int i);

  std::array<char, kMaxStackWord + kPadding> stack_{};
  std::string heap_;
  const char* s_ = nullptr;
  int length_ = 0;
  int last_ = -1;
  bool slavo_germanic_ = false;
  size_t max_;
  std::string primary_;
  std::string alternate_;
};

int DoubleMetaphone::letter_c(int i) {
  // Various Germanic: "bacher", "macher", but not "achieve".
  if (i > 1 && !is_vowel(i - 2) && string_at(i - 1, 3, {"ACH"}) && at(i + 2) != 'I' &&
      (at(i + 2) != 'E' || string_at(i - 2, 6, {"BACHER", "MACHER"}))) {
    add("K");
    return i + 2;
  }
  if (i == 0 && string_at(i, 6, {"CAESAR"})) {
    add("S");
    return i + 2;
  }
  if (string_at(i, 4, {"CHIA"})) {  // "chianti"
    add("K");
    return i + 2;
  }
  if (string_at(i, 2, {"CH"})) {
    if (i > 0 && string_at(i, 4, {"CHAE"})) {  // "michael"
      add("K", "X");
      return i + 2;
    }
    // Greek roots: "chemistry", "chorus", but not "chore".
    if (i == 0 &&
        (string_at(i + 1, 5, {"HARAC", "HARIS"}) ||
         string_at(i + 1, 3, {"HOR", "HYM", "HIA", "HEM"})) &&
        !string_at(0, 5, {"CHORE"})) {
      add("K");
      return i + 2;
    }
    // Germanic, Greek, or otherwise "ch" for "kh": "architect", "orchestra", "wachtler".
    if (string_at(0, 4, {"VAN ", "VON "}) || string_at(0, 3, {"SCH"}) ||
        string_at(i - 2, 6, {"ORCHES", "ARCHIT", "ORCHID"}) || string_at(i + 2, 1, {"T", "S"}) ||
        ((string_at(i - 1, 1, {"A", "O", "U", "E"}) || i == 0) &&
         string_at(i + 2, 1, {"L", "R", "N", "M", "B", "H", "F", "V", "W", " "}))) {
      add("K");
    } else if (i > 0) {
      if (string_at(0, 2, {"MC"}))
        add("K");  // "McHugh"
      else
        add("X", "K");
    } else {
      add("X");
    }
    return i + 2;
  }
  if (string_at(i, 2, {"CZ"}) && !string_at(i - 2, 4, {"WICZ"})) {  // "czerny"
    add("S", "X");
    return i + 2;
  }
  if (string_at(i + 1, 3, {"CIA"})) {  // "focaccia"
    add("X");
    return i + 3;
  }
  if (string_at(i, 2, {"CC"}) && !(i == 1 && at(0) == 'M')) {  // but not "McClellan"
    if (string_at(i + 2, 1, {"I", "E", "H"}) && !string_at(i + 2, 2, {"HU"})) {
      if ((i == 1 && at(i - 1) == 'A') || string_at(i - 1, 5, {"UCCEE", "UCCES"}))
        add("KS");  // "accident", "succeed"
      else
        add("X");  // "bacci", "bertucci"
      return i + 3;
    }
    add("K");  // Pierce's rule
    return i + 2;
  }
  if (string_at(i, 2, {"CK", "CG", "CQ"})) {
    add("K");
    return i + 2;
  }
  if (string_at(i, 2, {"CI", "CE", "CY"})) {
    if (string_at(i, 3, {"CIO", "CIE", "CIA"}))
      add("S", "X");  // Italian against English
    else
      add("S");
    return i + 2;
  }
  add("K");
  if (string_at(i + 1, 2, {" C", " Q", " G"})) return i + 3;  // "mac caffrey", "mac gregor"
  if (string_at(i + 1, 1, {"C", "K", "Q"}) && !string_at(i + 1, 2, {"CE", "CI"})) return i + 2;
  return i + 1;
}

int DoubleMetaphone::letter_g(int i) {
  if (at(i + 1) == 'H') {
    if (i > 0 && !is_vowel(i - 1)) {
      add("K");
      return i + 2;
    }
    if (i == 0) {  // "ghislane", "ghiradelli"
      add(at(i + 2) == 'I' ? "J" : "K");
      return i + 2;
    }
    // Parker's rule: "hugh", "bough", "broughton".
    if ((i > 1 && string_at(i - 2, 1, {"B", "H", "D"})) ||
        (i > 2 && string_at(i - 3, 1, {"B", "H", "D"})) ||
        (i > 3 && string_at(i - 4, 1, {"B", "H"})))
      return i + 2;
    // "laugh", "McLaughlin", "cough", "gough", "rough", "tough".
    if (i > 2 && at(i - 1) == 'U' && string_at(i - 3, 1, {"C", "G", "L", "R", "T"}))
      add("F");
    else if (i > 0 && at(i - 1) != 'I')
      add("K");
    return i + 2;
  }
  if (at(i + 1) == 'N') {
    if (i == 1 && is_vowel(0) && !slavo_germanic_)
      add("KN", "N");
    else if (!string_at(i + 2, 2, {"EY"}) && at(i + 1) != 'Y' && !slavo_germanic_)
      add("N", "KN");  // not "cagney"
    else
      add("KN");
    return i + 2;
  }
  if (string_at(i + 1, 2, {"LI"}) && !slavo_germanic_) {  // "tagliaro"
    add("KL", "L");
    return i + 2;
  }
  // -ges-, -gep-, -gel-, -gie- at the beginning.
  if (i == 0 &&
      (at(i + 1) == 'Y' ||
       string_at(i + 1, 2, {"ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"}))) {
    add("K", "J");
    return i + 2;
  }
  // -ger-, -gy-, but not "danger", "ranger", "manger".
  if ((string_at(i + 1, 2, {"ER"}) || at(i + 1) == 'Y') &&
      !string_at(0, 6, {"DANGER", "RANGER", "MANGER"}) && !string_at(i - 1, 1, {"E", "I"}) &&
      !string_at(i - 1, 3, {"RGY", "OGY"})) {
    add("K", "J");
    return i + 2;
  }
  // Italian: "biaggi".
  if (string_at(i + 1, 1, {"E", "I", "Y"}) || string_at(i - 1, 4, {"AGGI", "OGGI"})) {
    if (string_at(0, 4, {"VAN ", "VON "}) || string_at(0, 3, {"SCH"}) ||
        string_at(i + 1, 2, {"ET"}))
      add("K");  // obviously Germanic
    else if (string_at(i + 1, 4, {"IER "}))
      add("J");  // always soft with a French ending
    else
      add("J", "K");
    return i + 2;
  }
  add("K");
  return at(i + 1) == 'G' ? i + 2 : i + 1;
}

int DoubleMetaphone::letter_j(int i) {
  // Obviously Spanish: "jose", "san jacinto".
  if (string_at(i, 4, {"JOSE"}) || string_at(0, 4, {"SAN "})) {
    if ((i == 0 && at(i + 4) == ' ') || string_at(0, 4, {"SAN "}))
      add("H");
    else
      add("J", "H");
    return i + 1;
  }
  if (i == 0 && !string_at(i, 4, {"JOSE"})) {
    add("J", "A");  // "Yankelovich" against "Jankelowicz"
  } else if (is_vowel(i - 1) && !slavo_germanic_ && (at(i + 1) == 'A' || at(i + 1) == 'O')) {
    add("J", "H");  // Spanish "bajador"
  } else if (i == last_) {
    add("J", " ");
  } else if (!string_at(i + 1, 1, {"L", "T", "K", "S", "N", "M", "B", "Z"}) &&
             !string_at(i - 1, 1, {"S", "K", "L"})) {
    add("J");
  }
  return at(i + 1) == 'J' ? i + 2 : i + 1;
}

int DoubleMetaphone::letter_s(int i) {
  if (string_at(i - 1, 3, {"ISL", "YSL"})) return i + 1;  // "island", "isle", "carlisle"
  if (i == 0 && string_at(i, 5, {"SUGAR"})) {
    add("X", "S");
    return i + 1;
  }
  if (string_at(i, 2, {"SH"})) {
    add(string_at(i + 1, 4, {"HEIM", "HOEK", "HOLM", "HOLZ"}) ? "S" : "X");  // Germanic
    return i + 2;
  }
  if (string_at(i, 3, {"SIO", "SIA"}) || string_at(i, 4, {"SIAN"})) {  // Italian, Armenian
    if (slavo_germanic_)
      add("S");
    else
      add("S", "X");
    return i + 3;
  }
  // German and anglicisations: "smith" against "schmidt", "snider" against "schneider"; also
  // -sz- in Slavic languages.
  if ((i == 0 && string_at(i + 1, 1, {"M", "N", "L", "W"})) || string_at(i + 1, 1, {"Z"})) {
    add("S", "X");
    return string_at(i + 1, 1, {"Z"}) ? i + 2 : i + 1;
  }
  if (string_at(i, 2, {"SC"})) {
    if (at(i + 2) == 'H') {                                             // Schlesinger's rule
      if (string_at(i + 3, 2, {"OO", "ER", "EN", "UY", "ED", "EM"})) {  // Dutch: "school"
        if (string_at(i + 3, 2, {"ER", "EN"}))
          add("X", "SK");  // "schermerhorn", "schenker"
        else
          add("SK");
      } else if (i == 0 && !is_vowel(3) && at(3) != 'W') {
        add("X", "S");
      } else {
        add("X");
      }
    } else if (string_at(i + 2, 1, {"I", "E", "Y"})) {
      add("S");
    } else {
      add("SK");
    }
    return i + 3;
  }
  if (i == last_ && string_at(i - 2, 2, {"AI", "OI"}))
    add("", "S");  // French: "resnais", "artois"
  else
    add("S");
  return string_at(i + 1, 1, {"S", "Z"}) ? i + 2 : i + 1;
}

int DoubleMetaphone::letter_w(int i) {
  if (string_at(i, 2, {"WR"})) {
    add("R");
    return i + 2;
  }
  if (i == 0 && (is_vowel(i + 1) || string_at(i, 2, {"WH"}))) {
    if (is_vowel(i + 1))
      add("A", "F");  // "Wasserman" against "Vasserman"
    else
      add("A");  // "Uomo" against "Womo"
  }
  // "Arnow" against "Arnoff".
  if ((i == last_ && is_vowel(i - 1)) ||
      string_at(i - 1, 5, {"EWSKI", "EWSKY", "OWSKI", "OWSKY"}) || string_at(0, 3, {"SCH"})) {
    add("", "F");
    return i + 1;
  }
  if (string_at(i, 4, {"WICZ", "WITZ"})) {  // Polish: "filipowicz"
    add("TS", "FX");
    return i + 4;
  }
  return i + 1;
}

PhoneticKeys DoubleMetaphone::run() {
  int i = 0;
  if (string_at(0, 2, {"GN", "KN", "PN", "WR", "PS"})) i = 1;  // silent at the start
  if (at(0) == 'X') {                                          // initial X sounds as Z: "Xavier"
    add("S");
    i = 1;
  }
  while (!complete() && i < length_) {
    switch (at(i)) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        if (i == 0) add("A");  // every initial vowel is A
        i += 1;
        break;
      case 'B':
        add("P");  // "-mb" as in "dumb" was skipped at the M
        i += at(i + 1) == 'B' ? 2 : 1;
        break;
      case 'C':
        i = letter_c(i);
        break;
      case 'D':
        if (string_at(i, 2, {"DG"})) {
          if (string_at(i + 2, 1, {"I", "E", "Y"})) {
            add("J");  // "edge"
            i += 3;
          } else {
            add("TK");  // "edgar"
            i += 2;
          }
        } else {
          add("T");
          i += string_at(i, 2, {"DT", "DD"}) ? 2 : 1;
        }
        break;
      case 'F':
        add("F");
        i += at(i + 1) == 'F' ? 2 : 1;
        break;
      case 'G':
        i = letter_g(i);
        break;
      case 'H':
        // Kept only first or between vowels, and before a vowel.
        if ((i == 0 || is_vowel(i - 1)) && is_vowel(i + 1)) {
          add("H");
          i += 2;
        } else {
          i += 1;
        }
        break;
      case 'J':
        i = letter_j(i);
        break;
      case 'K':
        add("K");
        i += at(i + 1) == 'K' ? 2 : 1;
        break;
      case 'L':
        if (at(i + 1) == 'L') {
          // Spanish: "cabrillo", "gallegos".
          if ((i == length_ - 3 && string_at(i - 1, 4, {"ILLO", "ILLA", "ALLE"})) ||
              ((string_at(last_ - 1, 2, {"AS", "OS"}) || string_at(last_, 1, {"A", "O"})) &&
               string_at(i - 1, 4, {"ALLE"})))
            add("L", " ");
          else
            add("L");
          i += 2;
        } else {
          add("L");
          i += 1;
        }
        break;
      case 'M':
        add("M");
        // "dumb", "thumb", "plumber"
        i += (string_at(i - 1, 3, {"UMB"}) && (i + 1 == last_ || string_at(i + 2, 2, {"ER"}))) ||
                     at(i + 1) == 'M'
                 ? 2
                 : 1;
        break;
      case 'N':
        add("N");
        i += at(i + 1) == 'N' ? 2 : 1;
        break;
      case 'P':
        if (at(i + 1) == 'H') {
          add("F");
          i += 2;
        } else {
          add("P");
          i += string_at(i + 1, 1, {"P", "B"}) ? 2 : 1;  // "campbell", "raspberry"
        }
        break;
      case 'Q':
        add("K");
        i += at(i + 1) == 'Q' ? 2 : 1;
        break;
      case 'R':
        // French: "rogier", but not "hochmeier".
        if (i == last_ && !slavo_germanic_ && string_at(i - 2, 2, {"IE"}) &&
            !string_at(i - 4, 2, {"ME", "MA"}))
          add("", "R");
        else
          add("R");
        i += at(i + 1) == 'R' ? 2 : 1;
        break;
      case 'S':
        i = letter_s(i);
        break;
      case 'T':
        if (string_at(i, 4, {"TION"}) || string_at(i, 3, {"TIA", "TCH"})) {
          add("X");
          i += 3;
        } else if (string_at(i, 2, {"TH"}) || string_at(i, 3, {"TTH"})) {
          // "thomas", "thames", or Germanic.
          if (string_at(i + 2, 2, {"OM", "AM"}) || string_at(0, 4, {"VAN ", "VON "}) ||
              string_at(0, 3, {"SCH"}))
            add("T");
          else
            add("0", "T");
          i += 2;
        } else {
          add("T");
          i += string_at(i + 1, 1, {"T", "D"}) ? 2 : 1;
        }
        break;
      case 'V':
        add("F");
        i += at(i + 1) == 'V' ? 2 : 1;
        break;
      case 'W':
        i = letter_w(i);
        break;
      case 'X':
        // French: "breaux".
        if (!(i == last_ &&
              (string_at(i - 3, 3, {"IAU", "EAU"}) || string_at(i - 2, 2, {"AU", "OU"}))))
          add("KS");
        i += string_at(i + 1, 1, {"C", "X"}) ? 2 : 1;
        break;
      case 'Z':
        if (at(i + 1) == 'H') {  // Chinese pinyin: "zhao"
          add("J");
          i += 2;
          break;
        }
        if (string_at(i + 1, 2, {"ZO", "ZI", "ZA"}) ||
            (slavo_germanic_ && i > 0 && at(i - 1) != 'T'))
          add("S", "TS");
        else
          add("S");
        i += at(i + 1) == 'Z' ? 2 : 1;
        break;
      default:
        i += 1;
    }
  }
  if (primary_.size() > max_) primary_.resize(max_);
  if (alternate_.size() > max_) alternate_.resize(max_);
  return {std::move(primary_), std::move(alternate_)};
}

}  // namespace

PhoneticKeys double_metaphone(std::string_view word, size_t max_length) {
  return DoubleMetaphone(word, max_length).run();
}

bool sound_alike(const PhoneticKeys& a, const PhoneticKeys& b) {
  auto agree = [](const std::string& x, const std::string& y) { return !x.empty() && x == y; };
  return agree(a.primary, b.primary) || agree(a.primary, b.alternate) ||
         agree(a.alternate, b.primary) || agree(a.alternate, b.alternate);
}

}  // namespace mash::match
