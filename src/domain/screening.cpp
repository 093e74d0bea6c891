#include "domain/screening.h"

namespace mash {

std::string_view code_of(Route r) {
  switch (r) {
    case Route::mash_enquiry:
      return "mash_enquiry";
    case Route::allocated_worker:
      return "allocated_worker";
    case Route::advice_signpost:
      return "advice_signpost";
    case Route::no_further_action:
      return "no_further_action";
  }
  return "";
}

std::string_view label_of(Route r) {
  switch (r) {
    case Route::mash_enquiry:
      return "Progress to a MASH enquiry";
    case Route::allocated_worker:
      return "Pass to allocated worker";
    case Route::advice_signpost:
      return "Advice and signpost";
    case Route::no_further_action:
      return "No further action";
  }
  return "";
}

std::optional<Route> parse_route(std::string_view code) {
  for (Route r : kRoutes)
    if (code_of(r) == code) return r;
  return std::nullopt;
}

}  // namespace mash
