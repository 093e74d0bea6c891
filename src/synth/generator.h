// Synthetic families and contacts for demos, tests and benchmarks. Deterministic: the same seed
// gives the same data on every machine. Names, addresses and postcodes are realistic and diverse
// in shape but invented; no real person's details are used.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "domain/contact.h"

namespace mash::synth {

// The people of one household, all at one address.
struct Household {
  Address address;
  std::vector<Subject> members;  // carers (parent_carer), children (child), sometimes an
                                 // alleged perpetrator or another household member
};

class Generator {
 public:
  explicit Generator(uint64_t seed);
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  // A new household; children's ages are realistic relative to `today` (some unborn, with an
  // expected date of birth after `today`).
  Household household(const Date& today);

  // A contact about some of a household's members, received at `received`, with a source,
  // referrer, presenting issues, narrative and consent that fit each other (a police notice of
  // domestic abuse, a school's neglect concern, a health visitor's worry about an unborn child…).
  // The contact passes validate_contact() for any `now` at or after `received`.
  Contact contact(const Household& household, const Timestamp& received);

  // `count` contacts received over the `days` days before `now`, newest last, about households
  // of which a realistic share (about one in five) are referred more than once.
  std::vector<Contact> contacts(int count, const Timestamp& now, int days);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mash::synth
