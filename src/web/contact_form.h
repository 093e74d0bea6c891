// The new-contact form's answers, kept as a draft between its pages (Hub::save_draft, kind
// "contact") so nothing typed is lost, and turned into a domain Contact when submitted. Also maps
// a field path of the domain's errors ("subjects[0].date_of_birth") to the page and input that
// answer it. Internal to web/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "domain/result.h"

namespace mash::web {

// Everything as typed, so it can be shown back exactly.
struct SubjectAnswers {
  std::string given_name, family_name, other_names;
  std::string dob_day, dob_month, dob_year, dob_kind;
  std::string sex, role;
  std::string line1, line2, town, postcode;
  std::string nhs_number, upn;
};

struct ContactAnswers {
  std::string received_day, received_month, received_year, received_time;
  std::string source;
  std::string referrer_anonymous;  // "yes", "no" or "" (not answered)
  std::string referrer_name, referrer_organisation, referrer_role, referrer_phone, referrer_email;
  std::vector<SubjectAnswers> subjects;
  std::vector<std::string> presenting_issues;  // codes
  std::string narrative;
  std::string consent_status, consent_reason;
  // The domain's errors from the last submission, by field path: shown on the pages they
  // belong to until that page is answered again.
  std::vector<FieldError> submit_errors;
};

std::string to_json(const ContactAnswers& answers);
// Lenient: what cannot be read is left empty.
ContactAnswers answers_from_json(const std::string& json);

// The contact these answers describe, as far as they go. Answers that are not well formed (a
// date that is not a real date, a time that is not a time, a choice not made) are added to
// `problems` by field path, in the domain's words.
Contact to_contact(const ContactAnswers& answers, std::vector<FieldError>& problems);

// Where a field is answered: the form page ("received", "referrer", "subjects", "subject/2",
// "concerns", "consent", or "check" for the contact as a whole) and the id of its input.
struct FieldPlace {
  std::string page;
  std::string input_id;
};
FieldPlace place_of(const std::string& field_path);

}  // namespace mash::web
