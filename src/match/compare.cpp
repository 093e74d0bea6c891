#include "match/compare.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "match/normalise.h"

namespace mash::match {
namespace {

// Working memory for one comparison: on the stack for short strings (names), on the heap only
// for the rare long one, so the usual call allocates nothing.
template <class T, size_t N>
class Scratch {
 public:
  explicit Scratch(size_t n) {
    if (n > N) heap_ = std::make_unique<T[]>(n);
    data_ = heap_ ? heap_.get() : stack_.data();
    std::fill(data_, data_ + n, T{});
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  T* data() { return data_; }
  T& operator[](size_t i) { return data_[i]; }

 private:
  std::array<T, N> stack_;
  std::unique_ptr<T[]> heap_;
  T* data_ = nullptr;
};

constexpr size_t kShort = 64;

// Jaro for strings of at most 64 bytes (`b` the shorter), with positions as bits: for each
// character of `a`, the first unmatched equal character of `b` inside the window is the lowest
// set bit of (where that character is in b) & (the window) & ~(already matched). The same
// matches, in the same order, as the character-by-character search, in one pass over each.
double jaro_bits(std::string_view a, std::string_view b, size_t window) {
  thread_local std::array<uint64_t, 256> where{};  // all zero between calls
  const size_t la = a.size(), lb = b.size();
  for (size_t j = 0; j < lb; ++j) where[static_cast<unsigned char>(b[j])] |= uint64_t{1} << j;
  const uint64_t all = lb == 64 ? ~uint64_t{0} : (uint64_t{1} << lb) - 1;
  uint64_t matched_a = 0, matched_b = 0;
  size_t matches = 0;
  for (size_t i = 0; i < la; ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(i + window + 1, lb);
    if (lo >= hi) continue;
    const uint64_t below_hi = hi == 64 ? ~uint64_t{0} : (uint64_t{1} << hi) - 1;
    const uint64_t in_window = below_hi & ~((uint64_t{1} << lo) - 1) & all;
    const uint64_t free = where[static_cast<unsigned char>(a[i])] & in_window & ~matched_b;
    if (free) {
      matched_b |= free & (~free + 1);  // the lowest set bit
      matched_a |= uint64_t{1} << i;
      ++matches;
    }
  }
  for (size_t j = 0; j < lb; ++j) where[static_cast<unsigned char>(b[j])] = 0;
  if (matches == 0) return 0.0;
  size_t half_transpositions = 0;
  for (uint64_t in_a = matched_a, in_b = matched_b; in_a; in_a &= in_a - 1, in_b &= in_b - 1)
    if (a[static_cast<size_t>(__builtin_ctzll(in_a))] !=
        b[static_cast<size_t>(__builtin_ctzll(in_b))])
      ++half_transpositions;
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(half_transpositions / 2);
  return (m / static_cast<double>(la) + m / static_cast<double>(lb) + (m - t) / m) / 3.0;
}

}  // namespace

double jaro(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);  // symmetric; `a` is the longer
  if (b.empty()) return a.empty() ? 1.0 : 0.0;
  if (a == b) return 1.0;
  const size_t la = a.size(), lb = b.size();
  const size_t window = la / 2 > 0 ? la / 2 - 1 : 0;
  if (la <= 64) return jaro_bits(a, b, window);
  Scratch<bool, kShort> matched_a(la), matched_b(lb);
  size_t matches = 0;
  for (size_t i = 0; i < la; ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(i + window + 1, lb);
    for (size_t j = lo; j < hi; ++j) {
      if (!matched_b[j] && a[i] == b[j]) {
        matched_a[i] = matched_b[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t half_transpositions = 0;
  for (size_t i = 0, j = 0; i < la; ++i) {
    if (!matched_a[i]) continue;
    while (!matched_b[j]) ++j;
    if (a[i] != b[j]) ++half_transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(half_transpositions / 2);
  return (m / static_cast<double>(la) + m / static_cast<double>(lb) + (m - t) / m) / 3.0;
}

double jaro_winkler(std::string_view a, std::string_view b) {
  constexpr double kPrefixScale = 0.1;
  constexpr size_t kMaxPrefix = 4;
  constexpr double kBoostThreshold = 0.7;
  const double j = jaro(a, b);
  if (j <= kBoostThreshold) return j;
  size_t prefix = 0;
  const size_t limit = std::min({a.size(), b.size(), kMaxPrefix});
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  return j + static_cast<double>(prefix) * kPrefixScale * (1.0 - j);
}

double jaro_winkler_at_least(std::string_view a, std::string_view b, double floor) {
  if (a.empty() || b.empty() || a == b) return jaro_winkler(a, b);
  // Matching characters are equal characters, so there are at most as many as the two strings
  // have in common, counted with multiplicity. With no transpositions and the longest possible
  // prefix, that bounds Jaro-Winkler from above.
  uint16_t counts[256] = {};
  for (unsigned char c : a) ++counts[c];
  size_t common = 0;
  for (unsigned char c : b)
    if (counts[c] > 0) {
      --counts[c];
      ++common;
    }
  const double m = static_cast<double>(common);
  const double jaro_bound =
      common == 0
          ? 0.0
          : (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + 1.0) / 3.0;
  size_t prefix = 0;
  const size_t limit = std::min<size_t>({a.size(), b.size(), 4});
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  const double bound = jaro_bound + static_cast<double>(prefix) * 0.1 * (1.0 - jaro_bound);
  if (bound < floor) return bound;
  return jaro_winkler(a, b);
}

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);  // a is the longer
  const size_t la = a.size(), lb = b.size();
  if (la - lb > 1) return false;
  size_t i = 0;
  while (i < lb && a[i] == b[i]) ++i;
  if (la == lb) {
    if (i == la) return false;                            // equal: no edit
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one substitution
    return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // one transposition
  }
  return a.substr(i + 1) == b.substr(i);  // one deletion from the longer
}

int damerau_levenshtein(std::string_view a, std::string_view b) {
  if (a.empty()) return static_cast<int>(b.size());
  if (b.empty()) return static_cast<int>(a.size());
  const size_t la = a.size(), lb = b.size();
  // Three rows of the edit matrix: i-2, i-1 and i.
  Scratch<int, kShort + 1> r0(lb + 1), r1(lb + 1), r2(lb + 1);
  int* before = r0.data();
  int* previous = r1.data();
  int* current = r2.data();
  for (size_t j = 0; j <= lb; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= la; ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= lb; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d = std::min(d, before[j - 2] + 1);
      current[j] = d;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[lb];
}

DobLevel compare_dates_of_birth(const std::optional<Date>& a, const std::optional<Date>& b) {
  if (!a || !b || !is_valid(*a) || !is_valid(*b)) return DobLevel::missing;
  if (*a == *b) return DobLevel::exact;
  if (a->year == b->year && a->day == b->month && a->month == b->day)
    return DobLevel::day_month_swapped;
  // Digit by digit in the YYYYMMDD form.
  long x = a->year * 10000L + a->month * 100 + a->day;
  long y = b->year * 10000L + b->month * 100 + b->day;
  int differing = 0;
  for (int k = 0; k < 8; ++k, x /= 10, y /= 10) differing += x % 10 != y % 10;
  if (differing == 1) return DobLevel::one_digit_off;
  if (a->month == b->month && a->day == b->day && std::abs(a->year - b->year) == 1)
    return DobLevel::year_off_by_one;
  if (a->year == b->year && a->month == b->month) return DobLevel::same_year_month;
  if (a->year == b->year) return DobLevel::same_year;
  return DobLevel::different;
}

PostcodeLevel compare_postcodes(std::string_view a, std::string_view b) {
  const PostcodeLevels x = postcode_levels(a), y = postcode_levels(b);
  if (x.area.empty() || y.area.empty()) return PostcodeLevel::missing;
  if (!x.full.empty() && x.full == y.full) return PostcodeLevel::full;
  if (!x.sector.empty() && x.sector == y.sector) return PostcodeLevel::sector;
  if (x.district == y.district) return PostcodeLevel::district;
  if (x.area == y.area) return PostcodeLevel::area;
  return PostcodeLevel::different;
}

IdentifierLevel compare_identifiers(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return IdentifierLevel::missing;
  return a == b ? IdentifierLevel::agree : IdentifierLevel::disagree;
}

SexLevel compare_sex(Sex a, Sex b) {
  auto known = [](Sex s) { return s == Sex::male || s == Sex::female; };
  if (!known(a) || !known(b)) return SexLevel::missing;
  return a == b ? SexLevel::agree : SexLevel::disagree;
}

std::string_view words(DobLevel level) {
  switch (level) {
    case DobLevel::exact:
      return "date of birth: the same";
    case DobLevel::day_month_swapped:
      return "date of birth: day and month swapped";
    case DobLevel::one_digit_off:
      return "date of birth: one digit different";
    case DobLevel::year_off_by_one:
      return "date of birth: same day and month, year one apart";
    case DobLevel::same_year_month:
      return "date of birth: same month and year, different day";
    case DobLevel::same_year:
      return "date of birth: same year only";
    case DobLevel::different:
      return "date of birth: different";
    case DobLevel::missing:
      return "date of birth: not known on one or both records";
  }
  return "date of birth";
}

std::string_view words(PostcodeLevel level) {
  switch (level) {
    case PostcodeLevel::full:
      return "postcode: the same";
    case PostcodeLevel::sector:
      return "postcode: same neighbourhood (postcode sector)";
    case PostcodeLevel::district:
      return "postcode: same postcode district";
    case PostcodeLevel::area:
      return "postcode: same postcode area only";
    case PostcodeLevel::different:
      return "postcode: different";
    case PostcodeLevel::missing:
      return "postcode: not known on one or both records";
  }
  return "postcode";
}

std::string_view words(IdentifierLevel level, Identifier which) {
  const bool nhs = which == Identifier::nhs_number;
  switch (level) {
    case IdentifierLevel::agree:
      return nhs ? "NHS number: the same" : "unique pupil number: the same";
    case IdentifierLevel::disagree:
      return nhs ? "NHS number: different" : "unique pupil number: different";
    case IdentifierLevel::missing:
      return nhs ? "NHS number: not known on one or both records"
                 : "unique pupil number: not known on one or both records";
  }
  return nhs ? "NHS number" : "unique pupil number";
}

std::string_view words(SexLevel level) {
  switch (level) {
    case SexLevel::agree:
      return "sex: the same";
    case SexLevel::disagree:
      return "sex: different";
    case SexLevel::missing:
      return "sex: not known on one or both records";
  }
  return "sex";
}

}  // namespace mash::match
