#include "match/normalise.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "domain/contact.h"

namespace mash::match {
namespace {

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_lower_letter(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One per thread: ICU transliterators keep per-call state and are costly to build, so a thread
// builds its own the first time it meets a non-ASCII name and reuses it.
class Transliteration {
 public:
  Transliteration() {
    UErrorCode status = U_ZERO_ERROR;
    any_to_ascii_.reset(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) any_to_ascii_.reset();
    status = U_ZERO_ERROR;
    nfkd_ = icu::Normalizer2::getNFKDInstance(status);
    if (U_FAILURE(status)) nfkd_ = nullptr;
  }

  // Lower-case ASCII; characters with no ASCII form are dropped.
  std::string to_ascii(std::string_view utf8) const {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    if (any_to_ascii_) {
      any_to_ascii_->transliterate(text);
    } else if (nfkd_) {
      // Without ICU's transliteration data, decomposing and dropping the marks still turns
      // "Zoë" into "zoe"; other scripts are lost.
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString decomposed = nfkd_->normalize(text, status);
      if (U_SUCCESS(status)) text = decomposed;
    }
    std::string out;
    text.toUTF8String(out);
    std::string ascii;
    ascii.reserve(out.size());
    for (char c : out)
      if (static_cast<unsigned char>(c) < 0x80) ascii.push_back(ascii_lower(c));
    return ascii;
  }

 private:
  std::unique_ptr<icu::Transliterator> any_to_ascii_;
  const icu::Normalizer2* nfkd_ = nullptr;  // owned by ICU
};

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Titles and honorifics before a name. Some are also surnames (Lord, Master, Lady): in a family
// name they stay.
bool is_title(std::string_view w, NameField field) {
  if (one_of(w, {"mr", "mrs", "ms", "miss", "mx", "mstr", "dr", "prof", "rev", "revd", "cllr"}))
    return true;
  return field == NameField::given && one_of(w, {"master", "doctor", "professor", "reverend", "fr",
                                                 "sir", "dame", "lady", "lord", "hon"});
}

bool is_suffix(std::string_view w) {
  return one_of(w, {"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv"});
}

// Written apart from the rest of a surname by some and joined to it by others.
bool is_surname_prefix(std::string_view w) {
  return one_of(
      w, {"mc",  "mac", "o",   "d",   "de", "da", "di", "du",   "del", "della", "dos", "das",
          "der", "den", "van", "von", "le", "la", "st", "fitz", "ter", "ten",   "al",  "el"});
}

std::vector<std::string> split_parts(std::string_view ascii) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : ascii) {
    c = ascii_lower(c);
    if (is_lower_letter(c)) {
      part.push_back(c);
    } else if (c == '\'' || c == '`') {
      // O'Connor, D'Souza: one word.
    } else if (!part.empty()) {
      parts.push_back(std::move(part));
      part.clear();
    }
  }
  if (!part.empty()) parts.push_back(std::move(part));
  return parts;
}

void join_surname_prefixes(std::vector<std::string>& parts) {
  for (size_t i = 0; i + 1 < parts.size(); ++i)
    if (parts[i] == "saint") parts[i] = "st";
  // A run of prefixes joins the part after it: "van der berg" -> "vanderberg".
  std::vector<std::string> joined;
  std::string prefixes;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i + 1 < parts.size() && is_surname_prefix(parts[i])) {
      prefixes += parts[i];
    } else {
      joined.push_back(prefixes + parts[i]);
      prefixes.clear();
    }
  }
  parts = std::move(joined);
  for (auto& p : parts)
    if (p.size() >= 7 && p.compare(0, 3, "mac") == 0) p.replace(0, 3, "mc");
}

}  // namespace

std::string fold_to_ascii(std::string_view utf8) {
  if (is_ascii(utf8)) {
    std::string out(utf8);
    for (char& c : out) c = ascii_lower(c);
    return out;
  }
  thread_local const Transliteration transliteration;
  return transliteration.to_ascii(utf8);
}

std::string NormalisedName::initials() const {
  std::string out;
  out.reserve(parts.size());
  for (const auto& p : parts) out.push_back(p.front());
  return out;
}

bool NormalisedName::is_initials_only() const {
  return !parts.empty() && std::all_of(parts.begin(), parts.end(),
                                       [](const std::string& p) { return is_initial(p); });
}

NormalisedName normalise_name(std::string_view raw, NameField field) {
  NormalisedName name;
  name.parts = split_parts(fold_to_ascii(raw));
  auto& parts = name.parts;
  size_t titles = 0;
  while (parts.size() - titles > 1 && is_title(parts[titles], field)) ++titles;
  parts.erase(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(titles));
  while (parts.size() > 1 && is_suffix(parts.back())) parts.pop_back();
  if (field == NameField::family) join_surname_prefixes(parts);
  for (const auto& p : parts) {
    if (!name.full.empty()) name.full.push_back(' ');
    name.full += p;
  }
  return name;
}

PostcodeLevels postcode_levels(std::string_view pc) {
  const size_t space = pc.find(' ');
  const std::string_view outward = pc.substr(0, space);
  // Outward code: one or two letters (the area), a digit, then a digit or a letter at most.
  size_t letters = 0;
  while (letters < outward.size() && letters < 2 && is_upper_letter(outward[letters])) ++letters;
  if (letters == 0 || outward.size() < letters + 1 || outward.size() > letters + 2 ||
      !is_digit(outward[letters]))
    return {};
  if (outward.size() == letters + 2 && !is_digit(outward.back()) &&
      !is_upper_letter(outward.back()))
    return {};
  PostcodeLevels levels;
  levels.area = outward.substr(0, letters);
  levels.district = outward;
  if (space == std::string_view::npos) return levels;
  const std::string_view inward = pc.substr(space + 1);
  if (inward.empty() || !is_digit(inward[0])) return levels;
  levels.sector = pc.substr(0, space + 2);
  if (inward.size() == 3 && is_upper_letter(inward[1]) && is_upper_letter(inward[2]))
    levels.full = pc;
  return levels;
}

std::string normalise_nhs_number(std::string_view raw) {
  std::string digits;
  digits.reserve(10);
  for (char c : raw) {
    if (is_digit(c))
      digits.push_back(c);
    else if (c != ' ' && c != '-')
      return {};
  }
  if (digits.size() != 10) return {};
  if (std::all_of(digits.begin(), digits.end(), [&](char c) { return c == digits[0]; })) return {};
  if (!mash::is_valid_nhs_number(digits)) return {};
  return digits;
}

}  // namespace mash::match
