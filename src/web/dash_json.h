// A DASH checklist as JSON, the shape POST and GET /api/v1/contacts/{id}/dash take and give (see
// docs/api.md; fields may be added, never renamed). Internal to web/.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <vector>

#include "app/hub.h"
#include "domain/result.h"

namespace mash::web {

// Reads a posted checklist: {"answers": {"1": "yes", …}, "judgement", "judgement_reason",
// "incidents_last_12_months", "previous_marac_referral", "subject_id"}. Wrong types and unknown
// fields become FieldErrors naming the field; the hub checks the rest (record_dash).
app::Hub::DashInput dash_input_from_json(const nlohmann::json& body,
                                         std::vector<FieldError>& errors);

// A recorded checklist with its outcome: score, level, MARAC referral and routes.
nlohmann::json dash_to_json(const app::Hub::DashAssessment& a);

}  // namespace mash::web
