#include "domain/codes.h"

namespace mash {

namespace {

using RS = ReferralSource;
// CIN census source of referral: the DfE's codes, and its labels (CIN_schema_2024.xsd) in
// sentence case.
constexpr CodeEntry<RS> kReferralSources[] = {
    {RS::family, "1A", "Individual – family member, relative or carer"},
    {RS::acquaintance, "1B", "Individual – acquaintance (including neighbours and child minders)"},
    {RS::self, "1C", "Individual – self"},
    {RS::other_individual, "1D", "Individual – other (including strangers)"},
    {RS::schools, "2A", "Schools"},
    {RS::education_services, "2B", "Education services"},
    {RS::gp, "3A", "Health services – general practitioner (GP)"},
    {RS::health_visitor, "3B", "Health services – health visitor"},
    {RS::school_nurse, "3C", "Health services – school nurse"},
    {RS::other_primary_health, "3D", "Health services – other primary health services"},
    {RS::a_and_e, "3E", "Health services – A&E (accident and emergency department)"},
    {RS::other_health, "3F", "Health services – other (for example hospice)"},
    {RS::housing, "4", "Housing – local authority housing or housing association"},
    {RS::la_social_care, "5A",
     "LA services – social care, for example adults social care services"},
    {RS::other_internal_la, "5B",
     "LA services – other internal (department other than social care, for example youth "
     "offending, excluding housing)"},
    {RS::external_la, "5C",
     "LA services – external, for example from another local authority's adults social care "
     "services"},
    {RS::early_help, "5D", "LA services – early help"},
    {RS::police, "6", "Police"},
    {RS::other_legal_agency, "7",
     "Other legal agency – including courts, probation, immigration, CAFCASS or prison"},
    {RS::other, "8",
     "Other – including children's centres, independent agency providers or voluntary "
     "organisations"},
    {RS::anonymous, "9", "Anonymous"},
    {RS::unknown, "10", "Unknown"},
};

using PI = PresentingIssue;
constexpr CodeEntry<PI> kPresentingIssues[] = {
    {PI::domestic_abuse, "domestic_abuse", "Domestic abuse"},
    {PI::neglect, "neglect", "Neglect"},
    {PI::physical_abuse, "physical_abuse", "Physical abuse"},
    {PI::sexual_abuse, "sexual_abuse", "Sexual abuse"},
    {PI::emotional_abuse, "emotional_abuse", "Emotional abuse"},
    {PI::cse, "cse", "Child sexual exploitation"},
    {PI::cce, "cce", "Child criminal exploitation"},
    {PI::missing, "missing", "Missing from home, care or education"},
    {PI::gangs, "gangs", "Gangs and serious youth violence"},
    {PI::mental_health, "mental_health", "Mental health"},
    {PI::substance_misuse, "substance_misuse", "Drug or alcohol misuse"},
    {PI::fgm, "fgm", "Female genital mutilation"},
    {PI::radicalisation, "radicalisation", "Radicalisation"},
    {PI::self_neglect, "self_neglect", "Self-neglect"},
    {PI::financial_abuse, "financial_abuse", "Financial or material abuse"},
    {PI::other, "other", "Other"},
};

constexpr CodeEntry<SubjectRole> kSubjectRoles[] = {
    {SubjectRole::child, "child", "Child"},
    {SubjectRole::adult_at_risk, "adult_at_risk", "Adult at risk"},
    {SubjectRole::parent_carer, "parent_carer", "Parent or carer"},
    {SubjectRole::alleged_perpetrator, "alleged_perpetrator", "Alleged perpetrator"},
    {SubjectRole::household_member, "household_member", "Other household member"},
};

constexpr CodeEntry<Sex> kSexes[] = {
    {Sex::male, "male", "Male"},
    {Sex::female, "female", "Female"},
    {Sex::not_known, "not_known", "Not known"},
    {Sex::not_specified, "not_specified", "Not specified"},
};

constexpr CodeEntry<DobKind> kDobKinds[] = {
    {DobKind::known, "known", "Known"},
    {DobKind::estimated, "estimated", "Estimated"},
    {DobKind::expected, "expected", "Expected (unborn child)"},
};

constexpr CodeEntry<ConsentStatus> kConsentStatuses[] = {
    {ConsentStatus::given, "given", "Consent given"},
    {ConsentStatus::refused, "refused", "Consent refused"},
    {ConsentStatus::not_sought, "not_sought", "Consent not sought"},
};

constexpr CodeEntry<ContactStatus> kContactStatuses[] = {
    {ContactStatus::new_contact, "new", "New"},
    {ContactStatus::screening, "screening", "Screening"},
    {ContactStatus::enquiry, "enquiry", "MASH enquiry"},
    {ContactStatus::decided, "decided", "Decided"},
    {ContactStatus::closed, "closed", "Closed"},
};

constexpr CodeEntry<Role> kRoles[] = {
    {Role::referral_administrator, "referral_administrator", "Referral administrator"},
    {Role::information_officer, "information_officer", "Information officer"},
    {Role::social_worker, "social_worker", "Social worker"},
    {Role::decision_maker, "decision_maker", "Decision maker / team manager"},
    {Role::hub_manager, "hub_manager", "Hub manager"},
    {Role::agency_practitioner, "agency_practitioner", "Agency practitioner"},
    {Role::analyst, "analyst", "Analyst"},
    {Role::auditor, "auditor", "Auditor / data protection officer"},
    {Role::system_administrator, "system_administrator", "System administrator"},
};

constexpr CodeEntry<Channel> kChannels[] = {
    {Channel::web_form, "web_form", "Web form"},
    {Channel::api, "api", "Agency system (API)"},
};

}  // namespace

template <>
std::span<const CodeEntry<ReferralSource>> code_table<ReferralSource>() {
  return kReferralSources;
}
template <>
std::span<const CodeEntry<PresentingIssue>> code_table<PresentingIssue>() {
  return kPresentingIssues;
}
template <>
std::span<const CodeEntry<SubjectRole>> code_table<SubjectRole>() {
  return kSubjectRoles;
}
template <>
std::span<const CodeEntry<Sex>> code_table<Sex>() {
  return kSexes;
}
template <>
std::span<const CodeEntry<DobKind>> code_table<DobKind>() {
  return kDobKinds;
}
template <>
std::span<const CodeEntry<ConsentStatus>> code_table<ConsentStatus>() {
  return kConsentStatuses;
}
template <>
std::span<const CodeEntry<ContactStatus>> code_table<ContactStatus>() {
  return kContactStatuses;
}
template <>
std::span<const CodeEntry<Role>> code_table<Role>() {
  return kRoles;
}
template <>
std::span<const CodeEntry<Channel>> code_table<Channel>() {
  return kChannels;
}

}  // namespace mash
