// What the research pages share (issue 5): an answer's items and its redactions as the
// response_items and redaction_form templates show them, the form an answer is posted in, and
// request references. Internal to web/.
#pragma once

#include <mstch/mstch.hpp>

#include <string>
#include <vector>

#include "app/hub.h"
#include "app/research.h"
#include "domain/agency.h"
#include "web/http.h"
#include "web/view.h"

namespace mash::web {

// "R-000012"
std::string request_reference(int64_t id);
// "/contacts/12/research": a contact's research page.
std::string research_href(int64_t contact_id);
// The tag class backing up a request's status ("Overdue" when it is).
const char* request_tag_class(const app::InformationRequest& r);
std::string request_status_words(const app::InformationRequest& r);
// "Matt EXAMPLE" and the like, for the subjects a request is about.
std::string subject_names(const app::InformationRequest& r);

// The data of response_items.mustache for one answer.
mstch::map items_view(const app::InformationRequest& r, const std::vector<Agency>& agencies);

// The data of redaction_form.mustache for the items of one answer; `errors` from a failed post.
mstch::map redaction_form_view(const app::InformationRequest& r,
                               const std::vector<Agency>& agencies, const std::string& csrf,
                               const std::string& next, const std::vector<FieldError>* errors,
                               const Form* form);
// The redaction posted in a form (item, passage, recipients, reason, note).
app::RedactionDraft redaction_from(const Form& form);

// The message of a failed form's error for `field` (or for one of its entries, "field[2]"), or
// "" when it has none.
std::string field_error(const std::vector<FieldError>* errors, const std::string& field);

// The research page's outcome summary section (web/pages_summaries.cpp): the summaries sent,
// and the form to send one when `r.may_summarise` (false otherwise).
mstch::map summaries_section(const app::ContactResearch& r, const std::string& csrf,
                             const Form* form, const std::vector<FieldError>* errors);

// A form on a contact's research page that failed, to show again with its problems: "basis",
// "requests" or "redaction" (for the request `request_id`).
struct ResearchPageErrors {
  std::string form_name;
  const Form* form = nullptr;
  const std::vector<FieldError>* errors = nullptr;
  int64_t request_id = 0;
  std::string banner;
};
// The contact's research page (web/pages_research.cpp): 200, or 422 with a form's problems.
void show_research(Site& site, const app::Session& session, int64_t contact_id,
                   const ResearchPageErrors& failed, httplib::Response& res);

}  // namespace mash::web
