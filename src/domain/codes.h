// The coded values the hub records, with their official codes and labels. National return codes
// (CIN census referral source) keep the DfE's codes and labels: see ../shared/domain/STANDARDS.md.
//
// Every coded enum E has a table (code_table<E>()) and three lookups:
//   code_of(E) -> "6"            the stable code stored and sent over the API
//   label_of(E) -> "Police"      the words shown to users
//   from_code<E>("6") -> E       nullopt for an unknown code
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace mash {

template <class E>
struct CodeEntry {
  E value;
  std::string_view code;
  std::string_view label;
};

template <class E>
std::span<const CodeEntry<E>> code_table();  // specialised for each coded enum in codes.cpp

template <class E>
std::string_view code_of(E v) {
  for (const auto& e : code_table<E>())
    if (e.value == v) return e.code;
  return {};
}
template <class E>
std::string_view label_of(E v) {
  for (const auto& e : code_table<E>())
    if (e.value == v) return e.label;
  return {};
}
template <class E>
std::optional<E> from_code(std::string_view code) {
  for (const auto& e : code_table<E>())
    if (e.code == code) return e.value;
  return std::nullopt;
}

// CIN census source of referral, 1A…10.
enum class ReferralSource {
  family,
  acquaintance,
  self,
  other_individual,
  schools,
  education_services,
  gp,
  health_visitor,
  school_nurse,
  other_primary_health,
  a_and_e,
  other_health,
  housing,
  la_social_care,
  other_internal_la,
  external_la,
  early_help,
  police,
  other_legal_agency,
  other,
  anonymous,
  unknown
};

enum class PresentingIssue {
  domestic_abuse,
  neglect,
  physical_abuse,
  sexual_abuse,
  emotional_abuse,
  cse,
  cce,
  missing,
  gangs,
  mental_health,
  substance_misuse,
  fgm,
  radicalisation,
  self_neglect,
  financial_abuse,
  other
};

// The subject's part in the contact.
enum class SubjectRole {
  child,
  adult_at_risk,
  parent_carer,
  alleged_perpetrator,
  household_member
};

// CIN census gender codes: 1 male, 2 female, 0 not known, 9 not specified/indeterminate.
enum class Sex { male, female, not_known, not_specified };

// How the date of birth is known. `expected` is an unborn child's expected date of delivery.
enum class DobKind { known, estimated, expected };

enum class ConsentStatus { given, refused, not_sought };

// Where a contact is in the hub's work (../shared/DESIGN.md §1).
enum class ContactStatus { new_contact, screening, enquiry, decided, closed };

enum class Role {
  referral_administrator,
  information_officer,
  social_worker,
  decision_maker,
  hub_manager,
  agency_practitioner,
  analyst,
  auditor,
  system_administrator
};

// How a request reached the hub.
enum class Channel { web_form, api };

// The tables themselves are explicit specialisations defined in codes.cpp; declaring them here
// keeps every translation unit from instantiating the undefined primary template.
template <>
std::span<const CodeEntry<ReferralSource>> code_table<ReferralSource>();
template <>
std::span<const CodeEntry<PresentingIssue>> code_table<PresentingIssue>();
template <>
std::span<const CodeEntry<SubjectRole>> code_table<SubjectRole>();
template <>
std::span<const CodeEntry<Sex>> code_table<Sex>();
template <>
std::span<const CodeEntry<DobKind>> code_table<DobKind>();
template <>
std::span<const CodeEntry<ConsentStatus>> code_table<ConsentStatus>();
template <>
std::span<const CodeEntry<ContactStatus>> code_table<ContactStatus>();
template <>
std::span<const CodeEntry<Role>> code_table<Role>();
template <>
std::span<const CodeEntry<Channel>> code_table<Channel>();

}  // namespace mash
