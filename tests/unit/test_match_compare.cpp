#include <gtest/gtest.h>

#include "match/compare.h"

namespace mash::match {
namespace {

TEST(MatchCompare, JaroAndJaroWinkler) {
  struct Row {
    const char* a;
    const char* b;
    double jaro;
    double jaro_winkler;
  };
  const Row rows[] = {
      // Winkler's published examples.
      {"MARTHA", "MARHTA", 0.944, 0.961},
      {"DWAYNE", "DUANE", 0.822, 0.840},
      {"DIXON", "DICKSONX", 0.767, 0.813},
      {"smith", "smith", 1.0, 1.0},
      {"", "", 1.0, 1.0},  // two empty values are identical; missingness is the caller's
      {"smith", "", 0.0, 0.0},
      {"abc", "xyz", 0.0, 0.0},
      {"a", "a", 1.0, 1.0},
      {"ab", "ba", 0.0, 0.0},  // outside each other's window (width 0)
      {"shackleford", "shackelford", 0.970, 0.982},
      {"jones", "johnson", 0.790, 0.832},
      {"abcvwxyz", "zabcvwxy", 0.917, 0.917},  // no common prefix, no boost
      {"dave", "david", 0.783, 0.848},
  };
  for (const auto& r : rows) {
    EXPECT_NEAR(jaro(r.a, r.b), r.jaro, 0.001) << r.a << " / " << r.b;
    EXPECT_NEAR(jaro_winkler(r.a, r.b), r.jaro_winkler, 0.001) << r.a << " / " << r.b;
    EXPECT_DOUBLE_EQ(jaro_winkler(r.a, r.b), jaro_winkler(r.b, r.a)) << "symmetric";
  }
}

TEST(MatchCompare, JaroWinklerBoostsOnlyAboveThreshold) {
  // Jaro 0.7 or less: a shared prefix adds nothing.
  const double j = jaro("abcdxyzw", "abcdqrst");
  ASSERT_LE(j, 0.7);
  EXPECT_DOUBLE_EQ(jaro_winkler("abcdxyzw", "abcdqrst"), j);
}

TEST(MatchCompare, LongStringsTakeTheSlowPathWithTheSameAnswer) {
  const std::string a = std::string(100, 'x') + "martha";
  const std::string b = std::string(100, 'x') + "marhta";
  EXPECT_GT(jaro_winkler(a, b), 0.99);
  EXPECT_LT(jaro_winkler(a, b), 1.0);
  EXPECT_EQ(damerau_levenshtein(a, b), 1);
}

TEST(MatchCompare, DamerauLevenshteinOptimalStringAlignment) {
  struct Row {
    const char* a;
    const char* b;
    int distance;
  };
  const Row rows[] = {
      {"", "", 0},
      {"", "abc", 3},
      {"smith", "", 5},
      {"smith", "smith", 0},
      {"smith", "smyth", 1},   // substitution
      {"smith", "smiht", 1},   // adjacent transposition
      {"smith", "smit", 1},    // deletion
      {"smith", "smithe", 1},  // insertion
      {"ab", "ba", 1},
      {"kitten", "sitting", 3},
      {"ca", "abc", 3},  // optimal string alignment: 3 (unrestricted Damerau: 2)
      {"jones", "johns", 2},
      {"catherine", "kathryn", 4},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(damerau_levenshtein(r.a, r.b), r.distance) << r.a << " / " << r.b;
    EXPECT_EQ(damerau_levenshtein(r.b, r.a), r.distance) << r.b << " / " << r.a;
  }
}

TEST(MatchCompare, DatesOfBirth) {
  struct Row {
    std::optional<Date> a;
    std::optional<Date> b;
    DobLevel level;
  };
  const Row rows[] = {
      {Date{2014, 3, 27}, Date{2014, 3, 27}, DobLevel::exact},
      {Date{2014, 3, 7}, Date{2014, 7, 3}, DobLevel::day_month_swapped},
      {Date{2014, 1, 12}, Date{2014, 12, 1}, DobLevel::day_month_swapped},
      {Date{2014, 3, 7}, Date{2014, 3, 1}, DobLevel::one_digit_off},      // day
      {Date{2014, 3, 27}, Date{2014, 8, 27}, DobLevel::one_digit_off},    // month
      {Date{2014, 3, 27}, Date{2015, 3, 27}, DobLevel::one_digit_off},    // year, last digit
      {Date{1984, 3, 27}, Date{1994, 3, 27}, DobLevel::one_digit_off},    // decade
      {Date{2019, 12, 5}, Date{2020, 12, 5}, DobLevel::year_off_by_one},  // two digits, one year
      {Date{2014, 3, 5}, Date{2014, 3, 27}, DobLevel::same_year_month},
      {Date{2014, 3, 12}, Date{2014, 3, 21}, DobLevel::same_year_month},  // day digits swapped
      {Date{2014, 3, 27}, Date{2014, 11, 2}, DobLevel::same_year},
      {Date{2014, 3, 27}, Date{2016, 4, 2}, DobLevel::different},
      {Date{2014, 3, 27}, Date{2012, 3, 27}, DobLevel::one_digit_off},
      {Date{2014, 3, 27}, Date{2016, 3, 27}, DobLevel::one_digit_off},
      {Date{2014, 3, 27}, Date{2017, 3, 28}, DobLevel::different},
      {Date{2014, 3, 27}, std::nullopt, DobLevel::missing},
      {std::nullopt, std::nullopt, DobLevel::missing},
      {Date{2014, 2, 30}, Date{2014, 2, 30}, DobLevel::missing},  // not a real date
  };
  for (const auto& r : rows) {
    const auto text = [](const std::optional<Date>& d) { return d ? to_iso(*d) : "none"; };
    EXPECT_EQ(compare_dates_of_birth(r.a, r.b), r.level) << text(r.a) << " / " << text(r.b);
    EXPECT_EQ(compare_dates_of_birth(r.b, r.a), r.level) << text(r.b) << " / " << text(r.a);
  }
}

TEST(MatchCompare, Postcodes) {
  struct Row {
    const char* a;
    const char* b;
    PostcodeLevel level;
  };
  const Row rows[] = {
      {"BB2 1DH", "BB2 1DH", PostcodeLevel::full},
      {"BB2 1DH", "BB2 1AB", PostcodeLevel::sector},
      {"BB2 1DH", "BB2 4QZ", PostcodeLevel::district},
      {"BB2 1DH", "BB10 3AA", PostcodeLevel::area},
      {"BB2 1DH", "M1 1AE", PostcodeLevel::different},
      {"BB2 1DH", "BB2", PostcodeLevel::district},  // outward code only on one record
      {"BB2", "BB2", PostcodeLevel::district},
      {"BB2 1DH", "", PostcodeLevel::missing},
      {"", "", PostcodeLevel::missing},
      {"BB2 1DH", "NFA", PostcodeLevel::missing},  // "no fixed abode" is not a postcode
  };
  for (const auto& r : rows) {
    EXPECT_EQ(compare_postcodes(r.a, r.b), r.level) << r.a << " / " << r.b;
    EXPECT_EQ(compare_postcodes(r.b, r.a), r.level) << r.b << " / " << r.a;
  }
}

TEST(MatchCompare, IdentifiersAndSex) {
  EXPECT_EQ(compare_identifiers("9434765919", "9434765919"), IdentifierLevel::agree);
  EXPECT_EQ(compare_identifiers("9434765919", "4010232137"), IdentifierLevel::disagree);
  EXPECT_EQ(compare_identifiers("9434765919", ""), IdentifierLevel::missing);
  EXPECT_EQ(compare_identifiers("", ""), IdentifierLevel::missing);

  struct Row {
    Sex a;
    Sex b;
    SexLevel level;
  };
  const Row rows[] = {
      {Sex::female, Sex::female, SexLevel::agree},
      {Sex::male, Sex::male, SexLevel::agree},
      {Sex::female, Sex::male, SexLevel::disagree},
      {Sex::female, Sex::not_known, SexLevel::missing},
      {Sex::not_specified, Sex::male, SexLevel::missing},
      {Sex::not_known, Sex::not_known, SexLevel::missing},
  };
  for (const auto& r : rows) EXPECT_EQ(compare_sex(r.a, r.b), r.level);
}

TEST(MatchCompare, WordsForASocialWorker) {
  EXPECT_EQ(words(DobLevel::day_month_swapped), "date of birth: day and month swapped");
  EXPECT_EQ(words(DobLevel::one_digit_off), "date of birth: one digit different");
  EXPECT_EQ(words(PostcodeLevel::sector), "postcode: same neighbourhood (postcode sector)");
  EXPECT_EQ(words(IdentifierLevel::disagree, Identifier::nhs_number), "NHS number: different");
  EXPECT_EQ(words(IdentifierLevel::agree, Identifier::upn), "unique pupil number: the same");
  EXPECT_EQ(words(SexLevel::missing), "sex: not known on one or both records");
  // Every level has its own words.
  for (int l = 0; l <= static_cast<int>(DobLevel::missing); ++l)
    for (int m = l + 1; m <= static_cast<int>(DobLevel::missing); ++m)
      EXPECT_NE(words(static_cast<DobLevel>(l)), words(static_cast<DobLevel>(m)));
  for (int l = 0; l <= static_cast<int>(PostcodeLevel::missing); ++l)
    for (int m = l + 1; m <= static_cast<int>(PostcodeLevel::missing); ++m)
      EXPECT_NE(words(static_cast<PostcodeLevel>(l)), words(static_cast<PostcodeLevel>(m)));
}

}  // namespace
}  // namespace mash::match

namespace mash::match {
namespace {

// Strings over a small alphabet, so that near misses, transpositions and shared letters are
// common: the cases where a shortcut could go wrong.
std::vector<std::string> sample_strings() {
  std::vector<std::string> out = {"",
                                  "a",
                                  "ab",
                                  "ba",
                                  "smith",
                                  "smyth",
                                  "smiht",
                                  "jones",
                                  "johns",
                                  "1 example street",
                                  "1 exmaple street",
                                  "12 mill lane",
                                  "21 mill lane",
                                  "flat 3 the old mill"};
  uint64_t state = 2026;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  for (int i = 0; i < 400; ++i) {
    std::string s;
    const int n = static_cast<int>(next() % 12);
    for (int k = 0; k < n; ++k) s += static_cast<char>('a' + next() % 5);
    out.push_back(s);
  }
  return out;
}

TEST(MatchShortcuts, JaroWinklerAtLeastGivesTheSameAnswerAtItsFloor) {
  const auto strings = sample_strings();
  for (double floor : {0.75, 0.80, 0.88, 0.90, 0.92}) {
    for (const auto& a : strings)
      for (const auto& b : strings) {
        const double exact = jaro_winkler(a, b);
        const double quick = jaro_winkler_at_least(a, b, floor);
        if (exact >= floor) {
          ASSERT_DOUBLE_EQ(quick, exact) << a << " / " << b << " at " << floor;
        } else {
          ASSERT_LT(quick, floor) << a << " / " << b << " at " << floor;
        }
      }
  }
}

TEST(MatchShortcuts, OneEditApartIsDamerauLevenshteinOfOne) {
  const auto strings = sample_strings();
  for (const auto& a : strings)
    for (const auto& b : strings)
      ASSERT_EQ(one_edit_apart(a, b), damerau_levenshtein(a, b) == 1) << a << " / " << b;
}

}  // namespace
}  // namespace mash::match

namespace mash::match {
namespace {

// Jaro as it is usually written, character by character: the reference for the fast one.
double reference_jaro(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  if (b.empty()) return a.empty() ? 1.0 : 0.0;
  const size_t la = a.size(), lb = b.size();
  const size_t window = la / 2 > 0 ? la / 2 - 1 : 0;
  std::vector<bool> ma(la), mb(lb);
  size_t m = 0;
  for (size_t i = 0; i < la; ++i)
    for (size_t j = i > window ? i - window : 0; j < std::min(i + window + 1, lb); ++j)
      if (!mb[j] && a[i] == b[j]) {
        ma[i] = mb[j] = true;
        ++m;
        break;
      }
  if (m == 0) return 0.0;
  size_t half = 0;
  for (size_t i = 0, j = 0; i < la; ++i) {
    if (!ma[i]) continue;
    while (!mb[j]) ++j;
    if (a[i] != b[j]) ++half;
    ++j;
  }
  const double md = static_cast<double>(m);
  return (md / la + md / lb + (md - static_cast<double>(half / 2)) / md) / 3.0;
}

TEST(MatchShortcuts, FastJaroMatchesTheCharacterByCharacterOne) {
  auto strings = sample_strings();
  strings.push_back(std::string(64, 'a'));
  strings.push_back(std::string(63, 'b') + "a");
  strings.push_back(std::string(70, 'a') + "b");  // longer than 64: the other path
  strings.push_back("flat 12, the old mill, 1 example street, blackburn, lancashire, bb2 1dh");
  for (const auto& a : strings)
    for (const auto& b : strings)
      ASSERT_DOUBLE_EQ(jaro(a, b), reference_jaro(a, b)) << a << " / " << b;
}

}  // namespace
}  // namespace mash::match
