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

// A decision just made, which the page names in its success banner.
struct LinkOutcome {
  std::string done;  // "confirmed", "rejected" or "undone"
  int64_t link_id = 0;
};

struct RatingForm;    // web/contact_rating.h
struct DecisionForm;  // web/contact_decision.h

// GET /contacts/{id}: the contact page. `banner` is a success message ("" for none); an
// `outcome` the page can name replaces it, in the section of the subject it is about (where
// the form sends the worker back to). A `rating` form just done names the rating in the banner;
// one sent back with problems is shown with them and what was typed.
void show_contact_page(Site& site, const app::Session& session, int64_t id, httplib::Response& res,
                       const std::string& banner = "", const LinkFormError* error = nullptr,
                       const LinkOutcome* outcome = nullptr, const RatingForm* rating = nullptr,
                       const DecisionForm* decision = nullptr);

// A restricted contact's page for someone who may open it by break-glass (403, or 422 with the
// reason's problems and what was typed): web/pages_break_glass.cpp.
void show_break_glass_offer(Site& site, const app::Session& session, int64_t contact_id,
                            const std::string& typed, const std::vector<FieldError>* errors,
                            httplib::Response& res);

// The data of break_glass_banner for a page about the contact: until when and why the user
// opened it by break-glass; false when they hold no live break-glass access to it (and `live`,
// when given, says which).
mstch::node break_glass_banner(Site& site, const app::Session& session, int64_t contact_id,
                               bool* live = nullptr);

// The matching part of the contact page.
struct MatchingView {
  mstch::array subjects;  // each subject's, in the contact's order, for contact_matches
  std::string banner;     // the outcome in words, shown in its subject's section ("" if none)
  std::string error;      // the error's message naming the record it is about
};
MatchingView matching_view(const Contact& contact, const app::ContactMatches& matches,
                           const std::vector<Agency>& agencies, const std::string& csrf,
                           const LinkFormError* error, const LinkOutcome* outcome);

// POST /contacts/{id}/links (confirm or reject) and /contacts/{id}/links/{link}/undo.
void add_match_routes(Routes& routes);

}  // namespace mash::web
