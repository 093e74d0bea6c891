// Screening's decision on the contact page (issue 4): the worker, the clocks (the rating's and
// the statutory ones), missed due times, the decisions made, a warning when a subject is already
// open to a worker, and the form that decides (POST /contacts/{id}/decision:
// add_decision_routes in web/http.h). Internal to web/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "web/session.h"
#include "web/view.h"

namespace mash::web {

// The decision form as it comes back to the page: just done, or sent back with problems.
struct DecisionForm {
  bool decided = false;  // just decided: the section's banner says where it went
  std::string route, threshold, worker, rationale, strategy_discussion_at;  // as sent
  std::vector<std::pair<std::string, std::string>> errors;                  // (field, message)
};

struct DecisionView {
  bool shown = false;
  mstch::map section;
  std::vector<ErrorLink> errors;
};
// The decision section for the contact's screening (from Hub::screening_of), with the form for
// the roles the configuration lets decide, while the contact is rated and not yet decided.
DecisionView decision_view(Site& site, const app::Session& session, int64_t contact_id,
                           const app::ContactScreening& screening, const DecisionForm* form);

}  // namespace mash::web
