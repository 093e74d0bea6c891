#include <gtest/gtest.h>

#include "match/phonetic.h"

namespace mash::match {
namespace {

// Keys of the reference algorithm (Philips 2000), each traced through its rules by hand.
TEST(MatchPhonetic, DoubleMetaphoneKeys) {
  struct Row {
    const char* word;
    const char* primary;
    const char* alternate;
  };
  const Row rows[] = {
      {"smith", "SM0", "XMT"},       // S before M may be "sh"; TH is theta or T
      {"schmidt", "XMT", "SMT"},     // SCH before a consonant
      {"thompson", "TMPS", "TMPS"},  // TH before OM is T; cut to four
      {"thomas", "TMS", "TMS"},
      {"jose", "HS", "HS"},     // Spanish J
      {"jones", "JNS", "ANS"},  // initial J may be Y (Jankelowicz)
      {"xavier", "SF", "SFR"},  // initial X is Z; French -IER
      {"knight", "NT", "NT"},   // silent K; GH after I
      {"wright", "RT", "RT"},   // silent W
      {"cough", "KF", "KF"},    // -OUGH as F
      {"laugh", "LF", "LF"},
      {"hugh", "H", "H"},         // Parker's rule: silent GH
      {"michael", "MKL", "MXL"},  // CHAE
      {"caesar", "SSR", "SSR"},
      {"philips", "FLPS", "FLPS"},   // PH
      {"campbell", "KMPL", "KMPL"},  // silent B after P
      {"edge", "AJ", "AJ"},          // initial vowel is A; DGE
      {"edgar", "ATKR", "ATKR"},
      {"dumb", "TM", "TM"},  // silent B after M
      {"czerny", "SRN", "XRN"},
      {"zhao", "J", "J"},   // pinyin ZH
      {"shaw", "X", "XF"},  // final W after a vowel may be F
      {"arnow", "ARN", "ARNF"},
      {"wasserman", "ASRM", "FSRM"},   // initial W before a vowel may be V
      {"filipowicz", "FLPT", "FLPF"},  // Polish -WICZ
      {"", "", ""},
      {"'-", "", ""},
  };
  for (const auto& r : rows) {
    const PhoneticKeys k = double_metaphone(r.word);
    EXPECT_EQ(k.primary, r.primary) << r.word;
    EXPECT_EQ(k.alternate, r.alternate) << r.word;
  }
}

TEST(MatchPhonetic, NamesThatSoundAlikeShareAKey) {
  struct Row {
    const char* a;
    const char* b;
    bool alike;
  };
  const Row rows[] = {
      {"smith", "smyth", true},
      {"smith", "schmidt", true},  // through the alternate XMT
      {"catherine", "kathryn", true},
      {"stephen", "steven", true},
      {"jones", "johns", true},
      {"mohammed", "muhammad", true},
      {"mohammed", "mohamed", true},
      {"muhammad", "mohamed", true},
      {"thompson", "thomson", false},  // the P is kept within the first four
      {"philip", "phillip", true},
      {"claire", "clare", true},
      {"shaw", "shore", false},
      {"smith", "jones", false},
      {"", "", false},  // no key, no agreement
  };
  for (const auto& r : rows)
    EXPECT_EQ(sound_alike(double_metaphone(r.a), double_metaphone(r.b)), r.alike)
        << r.a << " / " << r.b;
}

TEST(MatchPhonetic, IgnoresCase) {
  EXPECT_EQ(double_metaphone("SMITH"), double_metaphone("smith"));
  EXPECT_EQ(double_metaphone("McDonald"), double_metaphone("mcdonald"));
}

TEST(MatchPhonetic, KeyLengthCanBeLonger) {
  EXPECT_EQ(double_metaphone("thompson", 6).primary, "TMPSN");
  EXPECT_EQ(double_metaphone("thompson", 2).primary, "TM");
}

TEST(MatchPhonetic, LongWordsAreEncodedWhole) {
  const std::string long_word = std::string(70, 'a') + "smith";  // past the 64-byte stack buffer
  EXPECT_EQ(double_metaphone(long_word).primary, "ASM0");
}

}  // namespace
}  // namespace mash::match
