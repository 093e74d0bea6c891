// Shared by the pages of the new-contact form (pages_new_contact.cpp, pages_check.cpp).
// Internal to web/.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "web/contact_form.h"
#include "web/session.h"
#include "web/view.h"

namespace mash::web {

inline constexpr const char* kDraftKind = "contact";

ContactAnswers load_answers(Site& site, const app::Session& session);
void save_answers(Site& site, const app::Session& session, const ContactAnswers& answers);

// The errors of one page of the form: with `validate`, the answers that are not well formed and
// the domain's rules (validate_contact) for the fields on that page; always, the errors of the
// last submission that belong to that page.
std::vector<FieldError> page_errors(Site& site, const ContactAnswers& answers,
                                    const std::string& page, bool validate);

// Input id -> its (first) error message.
std::map<std::string, std::string> errors_by_input(const std::vector<FieldError>& errors);
std::vector<ErrorLink> error_links(const std::vector<FieldError>& errors, bool with_page);

// "Given FAMILY" for a subject's answers, or "Subject N" when no name was given.
std::string subject_name(const SubjectAnswers& s, size_t index);

// The "Subjects" list page and the "Check your answers" page.
void show_subjects(Site& site, const app::Session& session, const ContactAnswers& answers,
                   const std::vector<FieldError>& errors, bool to_check, httplib::Response& res);
void show_check(Site& site, const app::Session& session, const ContactAnswers& answers,
                const std::vector<FieldError>& errors, httplib::Response& res);
// POST /contacts/new/check: record the contact.
void submit_contact(Site& site, const app::Session& session, httplib::Response& res);

}  // namespace mash::web
