// What referrers write: the sentences each kind of story is told in. {key} names a word the story
// fills in (see story.h). Internal to synth/scenarios.cpp.
#pragma once

#include <string_view>

namespace mash::synth::sentences {

using SV = std::string_view;

inline constexpr SV kPoliceDaOpen[] = {
    "Police attended the family home on {day} evening following a 999 call from {carer} reporting "
    "that {other} had assaulted her.",
    "Officers were called to the address on {day} night after neighbours reported shouting and "
    "banging from the property.",
    "Public Protection Notice following a domestic incident at the home address on {day}.",
};
inline constexpr SV kPoliceDaDetail[] = {
    "{child}, aged {age}, was present in the house during the incident and was seen by officers "
    "in the living room, upset and crying.",
    "{carer} had a visible injury to her face and said this is not the first time.",
    "{other} was arrested on suspicion of assault and has been released on bail with conditions "
    "not to attend the address.",
    "{carer} scored {n} on the DASH risk assessment and disclosed controlling behaviour around "
    "money and her phone.",
    "Both adults appeared to have been drinking; there was broken glass on the kitchen floor.",
    "The children were asleep upstairs when officers arrived but {child} said {he} had heard the "
    "argument.",
    "This is the {nth} domestic incident recorded at this address in the last twelve months.",
};
inline constexpr SV kPoliceDaClose[] = {
    "Referred to the MASH for information sharing and consideration of the children's safety.",
    "{carer} has been given details of the local domestic abuse service.",
    "Police request that the MASH checks whether the children are known to other agencies.",
};

inline constexpr SV kSchoolOpen[] = {
    "{child} ({age}) came into {school} on {day} with a bruise to {his} upper arm.",
    "During PE at {school} staff noticed marks on {child}'s back and legs.",
    "{child}, aged {age}, told {his} class teacher that {his} {carer_rel} had hit {him} with a "
    "belt.",
};
inline constexpr SV kSchoolDetail[] = {
    "When asked what happened {child} said {he} fell over, but the explanation changed during "
    "the conversation.",
    "{He} was reluctant to go home at the end of the day and became tearful.",
    "{His} attendance has dropped to below 80% this term and {he} often arrives without breakfast.",
    "The designated safeguarding lead recorded the marks on a body map.",
    "{child} has seemed withdrawn over the past few weeks and has been falling asleep in lessons.",
    "{His} uniform is often unwashed and {he} has asked staff for food.",
};
inline constexpr SV kSchoolClose[] = {
    "School have not spoken to the parents as {child} said {he} is scared of what will happen.",
    "{carer} was spoken to at collection and said {child} bruises easily.",
    "School would like advice on whether a strategy discussion is needed.",
};

inline constexpr SV kUnbornOpen[] = {
    "{carer} is {n} months pregnant and was seen by the community midwife at her booking "
    "appointment.",
    "Health visitor antenatal contact with {carer}, who is expecting a baby in the coming months.",
    "Concerns raised by the midwife following a missed third antenatal appointment for {carer}.",
};
inline constexpr SV kUnbornDetail[] = {
    "{carer} disclosed daily cannabis use and occasional cocaine use, including during this "
    "pregnancy.",
    "{other} was present at the appointment and answered questions for {carer}, who appeared "
    "anxious around him.",
    "{carer} has a history of depression and stopped taking her medication when she found out she "
    "was pregnant.",
    "The home was cluttered and there was no preparation for the baby.",
    "An older sibling was previously subject to a child protection plan.",
    "{carer} said she drinks most nights to help her sleep.",
};
inline constexpr SV kUnbornClose[] = {
    "Requesting a pre-birth assessment given the parental substance misuse.",
    "{carer} is aware of and agrees with this referral.",
    "Midwifery will continue to see {carer} fortnightly.",
};

inline constexpr SV kMissingOpen[] = {
    "{child} ({age}) was reported missing by {his} {carer_rel} on {day} evening and was found "
    "the next morning in another town.",
    "This is {child}'s {nth} missing episode in the last two months.",
    "{child}, aged {age}, was stopped by police in a car with two older males late on {day}.",
};
inline constexpr SV kMissingDetail[] = {
    "{He} had a new mobile phone and £200 in cash and would not say where it came from.",
    "{He} was found with small bags of what appeared to be cannabis and cannot explain how {he} "
    "got there.",
    "{His} {carer_rel} reports {he} has new older friends and comes home with expensive clothes.",
    "{He} has been excluded from {school} and spends days away from home.",
    "On return {he} refused a return home interview and had a cut to {his} hand.",
    "Intelligence suggests {he} may be linked to a county lines drug network.",
};
inline constexpr SV kMissingClose[] = {
    "A multi-agency discussion about the risk of exploitation is requested.",
    "{His} {carer_rel} is struggling to keep {him} safe and is asking for help.",
    "Referred for consideration of a child exploitation risk assessment.",
};

inline constexpr SV kAloneOpen[] = {
    "An anonymous caller reported that the children at the address are often left on their own.",
    "A neighbour, who did not want to give their name, is worried about the children next door.",
    "Anonymous call to the front door about young children left home alone at night.",
};
inline constexpr SV kAloneDetail[] = {
    "The caller says {child}, who looks about {age}, has been seen answering the door late at "
    "night with no adult in the house.",
    "The adults are said to go out most weekends and come back in the early hours.",
    "The caller has heard the children crying for long periods.",
    "The children are described as thin and often in dirty clothes.",
    "Rubbish is piling up in the garden and the caller has seen dog mess in the house.",
};
inline constexpr SV kAloneClose[] = {
    "The caller did not want the family to know who made the referral.",
    "The caller would not leave a name or number.",
};

inline constexpr SV kFinancialOpen[] = {
    "{child}, aged {age}, is thought to be having money taken by {other}, who visits most days.",
    "The bank contacted adult social care about unusual withdrawals from {child}'s account.",
    "{child}'s carers noticed that {he} no longer has money for food or the electricity meter.",
};
inline constexpr SV kFinancialDetail[] = {
    "{child} has dementia and relies on others to manage {his} finances.",
    "Several thousand pounds have been withdrawn over the last three months.",
    "{other} has been seen collecting {child}'s pension each week.",
    "{child} said {he} did not want to get {other} into trouble.",
    "The home is cold and there is little food in the cupboards.",
};
inline constexpr SV kFinancialClose[] = {
    "Referred for consideration of a section 42 enquiry.",
    "{child}'s capacity to make decisions about {his} finances has not been assessed.",
};

inline constexpr SV kSelfNeglectOpen[] = {
    "{child} ({age}) is living in very poor conditions and is not looking after {him}self.",
    "Concern for {child}, aged {age}, who is thought to be neglecting {him}self.",
    "{child} ({age}) has not been seen outside the house for several days.",
};
inline constexpr SV kSelfNeglectDetail[] = {
    "The property is cluttered from floor to ceiling and there is no working heating.",
    "{He} has lost a lot of weight and has missed {his} last {n} GP appointments.",
    "{He} refuses help from carers and says {he} is managing fine.",
    "There is a strong smell of urine and out-of-date food in the kitchen.",
    "{He} lives alone and has no family nearby.",
};
inline constexpr SV kSelfNeglectClose[] = {
    "{child} has capacity and is refusing services, but the risk appears to be increasing.",
    "Referred for a multi-agency discussion under the self-neglect procedure.",
};

inline constexpr SV kGpNeglectOpen[] = {
    "The GP surgery is concerned about {child} ({age}) after {n} missed health appointments.",
    "{carer} brought {child} ({age}) to the surgery on {day} with an untreated infection.",
};
inline constexpr SV kSchoolNurseNeglectOpen[] = {
    "School nurse referral about {child}, aged {age}, following a health check at {school}.",
    "Staff at {school} asked the school nurse to see {child} ({age}) about {his} hygiene and "
    "weight.",
};
inline constexpr SV kNeglectDetail[] = {
    "{child} has severe tooth decay and has not been seen by a dentist.",
    "{His} weight has dropped from the 50th to the 9th centile over the past year.",
    "{carer} seemed unwell and under the influence of alcohol at the appointment.",
    "{child}'s immunisations are not up to date despite several reminders.",
    "Head lice have been reported by school on many occasions.",
};
inline constexpr SV kNeglectClose[] = {
    "The surgery have discussed the concerns with {carer}, who agreed to the referral.",
    "Requesting early help or a social care assessment.",
};

inline constexpr SV kMentalHealthOpen[] = {
    "{carer} attended the emergency department on {day} after taking an overdose.",
    "{carer} was brought to hospital by ambulance in a distressed state on {day} night.",
};
inline constexpr SV kMentalHealthDetail[] = {
    "{carer} has {n} at home; the eldest, {child}, is {age}.",
    "{carer} said the children were with a neighbour but could not name her.",
    "{carer} has been referred to the crisis team and is expected to be discharged tomorrow.",
    "{carer} disclosed that she has had thoughts of harming herself for several weeks.",
    "There is no other adult at home to care for the children.",
};
inline constexpr SV kMentalHealthClose[] = {
    "The paediatric liaison nurse is sharing this so the children's needs can be considered.",
    "Please check who is caring for the children tonight.",
};

inline constexpr SV kFamilyOpen[] = {
    "{child}'s {rel_of_referrer} called the front door because she is worried about {child} "
    "({age}).",
    "A relative of the family rang on {day} about the children's care at home.",
};
inline constexpr SV kFamilyDetail[] = {
    "She says {carer} is drinking heavily and the house is a mess.",
    "{child} told her that {other} shouts at {him} and locks {him} in {his} room.",
    "She has seen {carer} with bruises and believes there is domestic abuse in the home.",
    "The children have stayed with her several times because {carer} could not cope.",
};
inline constexpr SV kFamilyClose[] = {
    "She is willing to look after the children if needed.",
    "She has not told {carer} that she is making this call.",
};

inline constexpr SV kProbationOpen[] = {
    "Probation are supervising {other}, who was released from prison on licence on {day}.",
    "{other} is subject to probation supervision for offences of violence.",
};
inline constexpr SV kProbationDetail[] = {
    "{other} has told his probation practitioner he is living at the family address with "
    "{carer} and the children.",
    "{other} has previous convictions for domestic abuse against a former partner.",
    "His licence conditions do not allow unsupervised contact with children under 18.",
};
inline constexpr SV kProbationClose[] = {
    "Probation are sharing this information so the safety of the children can be assessed.",
};

}  // namespace mash::synth::sentences
