// Person matching on the contact page: each subject's likely and possible matches, its links and
// "known to" summary, and the confirm, reject and undo forms. Internal to web/.
#pragma once

#include <cstdint>
#include <string>

#include "web/session.h"
#include "web/view.h"

namespace mash::web {

// A confirm, reject or undo form sent back with a problem: shown at the form, with its text kept.
struct LinkFormError {
  std::string form_id;  // the reason field's id, which the error summary links to
  std::string message;
  std::string reason;  // as typed
};

// GET /contacts/{id}: the contact page. `banner` is a success message ("" for none).
void show_contact_page(Site& site, const app::Session& session, int64_t id, httplib::Response& res,
                       const std::string& banner = "", const LinkFormError* error = nullptr);

// The matching part of each subject's section, in the contact's order, for the
// contact_matches template.
mstch::array subject_matches_view(const Contact& contact, const app::ContactMatches& matches,
                                  const std::vector<Agency>& agencies, const std::string& csrf,
                                  const LinkFormError* error);

// POST /contacts/{id}/links (confirm or reject) and /contacts/{id}/links/{link}/undo.
void add_match_routes(httplib::Server& server, Site& site);

}  // namespace mash::web
