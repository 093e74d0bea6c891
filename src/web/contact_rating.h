// Rating on the contact page (issue 4): the contact's rating and clock, its rating history, and
// the form that rates it (its route, POST /contacts/{id}/rating: add_rating_routes in
// web/http.h). Internal to web/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/time.h"
#include "web/session.h"
#include "web/view.h"

namespace mash::web {

// The rating form as it comes back to the page: just done, or sent back with problems and
// what was typed.
struct RatingForm {
  bool rated = false;  // just rated: the page's banner names the rating and its due time
  std::string rating;  // the code chosen
  std::string rationale;
  std::string rating_error;  // inline messages, "" for none
  std::string rationale_error;
};

// The rating part of the contact page: the section's data for contact_rating, the banner to
// show ("" for none) and the error summary's lines.
struct RatingView {
  bool shown = false;  // false when the clock cannot be read (the page then shows no section)
  mstch::map section;
  std::string banner;
  std::vector<ErrorLink> errors;
};
// The rating section for the contact's clock (from Hub::screening_of), with the form for the
// roles the hub's configuration lets rate.
RatingView rating_view(Site& site, const app::Session& session, int64_t contact_id,
                       const app::ContactClock& clock, const RatingForm* form);

// Shared with the case tracker (web/pages_tracker.cpp):
// The GOV.UK tag class backing up a rating's name, which is always shown ("govuk-tag--red").
std::string rating_tag_class(const std::string& code);
// "3 hours 20 minutes", "1 day 2 hours", "less than a minute": the two largest units.
std::string duration_words(int64_t seconds);
// "Tue 29 Dec 2026 16:00" (London time).
std::string due_words(const Timestamp& t);

}  // namespace mash::web
