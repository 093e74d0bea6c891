// Screening's decision (issue 4): where a contact goes once the hub has looked at it. Each route
// has a code (the API's and the audit log's word) and words for pages.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace mash {

enum class Route {
  mash_enquiry,      // progress to a MASH enquiry: the partners research it together
  allocated_worker,  // pass to the worker the child or adult is already open to
  advice_signpost,   // advice and signposting to a universal or early-help service
  no_further_action,
};

inline constexpr std::array<Route, 4> kRoutes = {Route::mash_enquiry, Route::allocated_worker,
                                                 Route::advice_signpost, Route::no_further_action};

// "mash_enquiry", "allocated_worker", "advice_signpost", "no_further_action".
std::string_view code_of(Route r);
// "Progress to a MASH enquiry", "Pass to allocated worker", "Advice and signpost",
// "No further action".
std::string_view label_of(Route r);
std::optional<Route> parse_route(std::string_view code);

// Whether a decision on this route ends the hub's work (the contact is decided and its clock
// met). A MASH enquiry goes on: the enquiry's own decision ends it.
inline bool ends_screening(Route r) { return r != Route::mash_enquiry; }

}  // namespace mash
