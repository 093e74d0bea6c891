#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "synth/population.h"

namespace mash::synth {
namespace {

const Date kToday{2026, 11, 24};

bool valid_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

bool plain_csv_field(const std::string& s) {
  return s.find_first_of(",\"\r\n") == std::string::npos;
}

TEST(SynthPopulation, RandomAccessAndDeterministic) {
  const Population a(7, kToday), b(7, kToday), other(8, kToday);
  for (uint64_t i : {0ull, 1ull, 999'999ull, 9'999'999ull}) {
    EXPECT_EQ(Population::csv_row(a.person(i)), Population::csv_row(b.person(i)));
    EXPECT_NE(Population::csv_row(a.person(i)), Population::csv_row(other.person(i)));
  }
  EXPECT_EQ(a.person(42).id, "P0000000042");
  EXPECT_EQ(Population::query_csv_row(a.query(3, 1000)),
            Population::query_csv_row(b.query(3, 1000)));
}

TEST(SynthPopulation, RecordsAreWellFormed) {
  const Population p(1, kToday);
  std::set<std::string> nhs_numbers;
  size_t with_nhs = 0;
  for (uint64_t i = 0; i < 20'000; ++i) {
    const PersonRecord r = p.person(i);
    for (const std::string* f : {&r.given_name, &r.family_name, &r.postcode, &r.address, &r.town}) {
      EXPECT_FALSE(f->empty()) << r.id;
      EXPECT_TRUE(plain_csv_field(*f)) << r.id;
      EXPECT_TRUE(valid_utf8(*f)) << r.id;
    }
    ASSERT_EQ(r.date_of_birth.size(), 10u);
    EXPECT_LE(r.date_of_birth, "2026-11-24");
    EXPECT_GE(r.date_of_birth, "1930-01-01");
    if (!r.nhs_number.empty()) {
      ++with_nhs;
      EXPECT_EQ(r.nhs_number.substr(0, 3), "999") << "the range never issued to patients";
      EXPECT_TRUE(nhs_numbers.insert(r.nhs_number).second) << "NHS numbers are unique";
    }
  }
  EXPECT_GT(with_nhs, 14'000u);  // about 85% of the first million, less one in eleven
}

TEST(SynthPopulation, QueriesAreCorruptedAndIdentifiable) {
  const Population p(1, kToday);
  const uint64_t size = 100'000;
  for (uint64_t q = 0; q < 5'000; ++q) {
    for (bool identifiable : {true, false}) {
      const Query query = p.query(q, size, identifiable);
      ASSERT_FALSE(query.corruptions.empty());
      const uint64_t who = std::stoull(query.true_id.substr(1));
      EXPECT_LT(who, size);
      const PersonRecord truth = p.person(who);
      EXPECT_NE(Population::csv_row(truth).substr(12), Population::csv_row(query.record).substr(12))
          << "a query always differs from the record";
      for (const std::string* f : {&query.record.given_name, &query.record.family_name}) {
        EXPECT_TRUE(valid_utf8(*f)) << query.query_id;  // typos work on characters, not bytes
        EXPECT_TRUE(plain_csv_field(*f)) << query.query_id;
      }
      if (identifiable) {
        const auto lost =
            std::count_if(query.corruptions.begin(), query.corruptions.end(), [](Corruption c) {
              return c == Corruption::moved || c == Corruption::postcode_missing ||
                     c == Corruption::surname_changed || c == Corruption::date_of_birth_missing;
            });
        EXPECT_LE(lost, 1) << query.query_id;
      }
    }
  }
}

}  // namespace
}  // namespace mash::synth
