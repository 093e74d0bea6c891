#include <gtest/gtest.h>

#include <thread>

#include "match/normalise.h"

namespace mash::match {
namespace {

using Parts = std::vector<std::string>;

TEST(MatchNormalise, FoldsEveryScriptToLowerCaseAscii) {
  struct Row {
    const char* raw;
    const char* folded;
  };
  const Row rows[] = {
      {"Zoë", "zoe"},
      {"Siobhán", "siobhan"},
      {"Łukasz", "lukasz"},
      {"Müller", "muller"},
      {"José", "jose"},
      {"François", "francois"},
      {"Søren", "soren"},
      {"Straße", "strasse"},
      {"Ægir", "aegir"},
      {"Đorđe", "dorde"},
      {"Ayşe Yılmaz", "ayse yilmaz"},
      {"Иван", "ivan"},    // Cyrillic
      {"Νίκος", "nikos"},  // Greek
      {"Ахмед", "ahmed"},
      {"محمد", "mhmd"},          // Arabic: consonants only, as written
      {"王", "wang"},            // Han, as pinyin without tones
      {"O’Connor", "o'connor"},  // typographic apostrophe
      {"SMITH", "smith"},        // ASCII: ICU is not needed
      {"", ""},
  };
  for (const auto& r : rows) EXPECT_EQ(fold_to_ascii(r.raw), r.folded) << r.raw;
}

TEST(MatchNormalise, DropsWhatHasNoAsciiForm) {
  EXPECT_EQ(fold_to_ascii("Amy \xF0\x9F\x98\x80"), "amy ");  // an emoji
  EXPECT_EQ(fold_to_ascii("Amy\xFF"), "amy");                // an invalid UTF-8 byte
}

TEST(MatchNormalise, GivenNames) {
  struct Row {
    const char* raw;
    const char* full;
    Parts parts;
  };
  const Row rows[] = {
      {"Zoë", "zoe", {"zoe"}},
      {"  MARY-JANE ", "mary jane", {"mary", "jane"}},
      {"Jean Paul", "jean paul", {"jean", "paul"}},
      {"Mr John", "john", {"john"}},     // title
      {"Dr. Mrs. Ann", "ann", {"ann"}},  // titles, one after another
      {"Master Tyler", "tyler", {"tyler"}},
      {"Mr", "mr", {"mr"}},            // the last part is never a title
      {"John Jr.", "john", {"john"}},  // generational suffix
      {"J. R.", "j r", {"j", "r"}},    // initials
      {"J.R.R.", "j r r", {"j", "r", "r"}},
      {"Ann-Marie (Annie)", "ann marie annie", {"ann", "marie", "annie"}},
      {"O Connor", "o connor", {"o", "connor"}},  // no prefix joining in given names
      {"Amy2", "amy", {"amy"}},                   // digits separate
      {"", "", {}},
      {" - ", "", {}},
  };
  for (const auto& r : rows) {
    const NormalisedName n = normalise_name(r.raw, NameField::given);
    EXPECT_EQ(n.full, r.full) << r.raw;
    EXPECT_EQ(n.parts, r.parts) << r.raw;
  }
}

TEST(MatchNormalise, FamilyNames) {
  struct Row {
    const char* raw;
    Parts parts;
  };
  const Row rows[] = {
      // Double-barrelled: either part can match.
      {"Smith-Jones", {"smith", "jones"}},
      {"Smith Jones", {"smith", "jones"}},
      // Apostrophes join; O and Mc/Mac written apart join.
      {"O'Connor", {"oconnor"}},
      {"O’Connor", {"oconnor"}},
      {"O´Neill", {"oneill"}},  // acute accent typed for an apostrophe
      {"O Connor", {"oconnor"}},
      {"D'Souza", {"dsouza"}},
      {"McDonald", {"mcdonald"}},
      {"Mc Donald", {"mcdonald"}},
      {"MacDonald", {"mcdonald"}},
      {"Mac Donald", {"mcdonald"}},
      {"MACKENZIE", {"mckenzie"}},
      {"Mack", {"mack"}},  // too short to be Mac + a name
      {"Macey", {"macey"}},
      {"Machin", {"machin"}},
      {"van der Berg", {"vanderberg"}},
      {"Vanderberg", {"vanderberg"}},
      {"de la Cruz", {"delacruz"}},
      {"St. John", {"stjohn"}},
      {"Saint John", {"stjohn"}},
      {"Saint", {"saint"}},
      {"Al-Hassan", {"alhassan"}},
      {"O'Brien-McCarthy", {"obrien", "mccarthy"}},
      // Titles that are also surnames stay in a family name.
      {"Lord", {"lord"}},
      {"Lord-Smith", {"lord", "smith"}},
      {"Mrs Lord", {"lord"}},
      {"Le", {"le"}},  // a prefix with nothing after it is the name
      {"Müller", {"muller"}},
      {"Wiśniewska", {"wisniewska"}},
  };
  for (const auto& r : rows)
    EXPECT_EQ(normalise_name(r.raw, NameField::family).parts, r.parts) << r.raw;
}

TEST(MatchNormalise, Initials) {
  struct Row {
    const char* raw;
    const char* initials;
    bool initials_only;
  };
  const Row rows[] = {
      {"J", "j", true},     {"J.R.", "jr", true},    {"J R", "jr", true},
      {"John", "j", false}, {"John R", "jr", false}, {"Mary-Jane", "mj", false},
      {"", "", false},
  };
  for (const auto& r : rows) {
    const NormalisedName n = normalise_name(r.raw, NameField::given);
    EXPECT_EQ(n.initials(), r.initials) << r.raw;
    EXPECT_EQ(n.is_initials_only(), r.initials_only) << r.raw;
  }
}

TEST(MatchNormalise, PostcodeLevels) {
  struct Row {
    const char* postcode;
    const char* full;
    const char* sector;
    const char* district;
    const char* area;
  };
  const Row rows[] = {
      {"BB2 1DH", "BB2 1DH", "BB2 1", "BB2", "BB"},
      {"M1 1AE", "M1 1AE", "M1 1", "M1", "M"},
      {"BB10 3AA", "BB10 3AA", "BB10 3", "BB10", "BB"},
      {"EC1A 1BB", "EC1A 1BB", "EC1A 1", "EC1A", "EC"},
      {"W1A 0AX", "W1A 0AX", "W1A 0", "W1A", "W"},
      {"BB2", "", "", "BB2", "BB"},         // outward code only
      {"BB2 1", "", "BB2 1", "BB2", "BB"},  // down to the sector only
      {"", "", "", "", ""},
      {"NOT KNOWN", "", "", "", ""},
      {"12345", "", "", "", ""},
      {"bb2 1dh", "", "", "", ""},  // not normalised: call mash::normalise_postcode() first
  };
  for (const auto& r : rows) {
    const PostcodeLevels l = postcode_levels(r.postcode);
    EXPECT_EQ(l.full, r.full) << r.postcode;
    EXPECT_EQ(l.sector, r.sector) << r.postcode;
    EXPECT_EQ(l.district, r.district) << r.postcode;
    EXPECT_EQ(l.area, r.area) << r.postcode;
  }
}

TEST(MatchNormalise, NhsNumbers) {
  struct Row {
    const char* raw;
    const char* normalised;
  };
  const Row rows[] = {
      {"9434765919", "9434765919"},
      {"943 476 5919", "9434765919"},
      {"943-476-5919", "9434765919"},
      {"9434765918", ""},   // wrong check digit
      {"943476591", ""},    // nine digits
      {"94347659190", ""},  // eleven
      {"0000000000", ""},   // placeholder: valid check digit, not a person
      {"9999999999", ""},
      {"NHS 9434765919", ""},  // not only digits
      {"", ""},
  };
  for (const auto& r : rows) EXPECT_EQ(normalise_nhs_number(r.raw), r.normalised) << r.raw;
}

TEST(MatchNormalise, IsSafeFromManyThreadsAtOnce) {
  // Each thread builds its own transliterator on its first non-ASCII name.
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([&wrong, t] {
      for (int i = 0; i < 200; ++i)
        if (normalise_name("Siobhán Ó Súilleabháin", NameField::given).full !=
            "siobhan o suilleabhain")
          ++wrong[t];
    });
  }
  for (auto& th : threads) th.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

}  // namespace
}  // namespace mash::match
