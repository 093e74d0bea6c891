// Multi-agency research as JSON (issue 5), the shapes /api/v1's research routes take and give (see
// docs/api.md; fields may be added, never renamed). Internal to web/.
//
// Readers check only the JSON's shape: each member of the wrong type, unknown member or control
// character becomes a FieldError named by its path ("items[2].text"), and the draft is not to be
// used when there are any; the use cases check the rest. Writers give exactly what the use case
// returned: an item withheld from the reader is its marker with "withheld": true.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

#include "app/research.h"
#include "domain/result.h"

namespace mash::web {

// {"consent", "lawful_basis", "reason"}
app::BasisDraft basis_draft_from_json(const nlohmann::json& body, std::vector<FieldError>& errors);
// {"to", "purpose", "note"}
app::SummaryDraft summary_draft_from_json(const nlohmann::json& body,
                                          std::vector<FieldError>& errors);
// Break-glass (api_break_glass.cpp): {"reason"}, and {"id", "note"} to sign one off.
std::string break_glass_reason_from_json(const nlohmann::json& body,
                                         std::vector<FieldError>& errors);
struct BreakGlassSignOffDraft {
  int64_t id = 0;
  std::string note;
};
BreakGlassSignOffDraft sign_off_from_json(const nlohmann::json& body,
                                          std::vector<FieldError>& errors);
// {"agencies": ["health", …], "question", "narrative_reason"}
app::RequestDraft request_draft_from_json(const nlohmann::json& body,
                                          std::vector<FieldError>& errors);
// {"known": {"<subject id>": "known" | "not_known" | ""}, "items": [{"kind", "subject_id",
// "indicator", "occurred_on", "source_system", "text", "sensitivity", "handling_code"}], "send"}
app::ResponseDraft response_draft_from_json(const nlohmann::json& body,
                                            std::vector<FieldError>& errors);
// {"item_id", "passage", "recipients": ["childrens_social_care", …], "reason", "note"}
app::RedactionDraft redaction_draft_from_json(const nlohmann::json& body,
                                              std::vector<FieldError>& errors);

nlohmann::ordered_json basis_to_json(const app::EnquiryBasis& b);
nlohmann::ordered_json request_to_json(const app::InformationRequest& r);
nlohmann::ordered_json redaction_to_json(const app::Redaction& r);
nlohmann::ordered_json research_to_json(const app::ContactResearch& r);
nlohmann::ordered_json disclosure_to_json(const app::Disclosure& d);
// An outcome summary; "body" is null where the reader may see only that it was sent.
nlohmann::ordered_json summary_to_json(const app::OutcomeSummary& s);

// As the API sends it: UTF-8 that cannot be encoded is replaced, never an exception.
std::string json_body(const nlohmann::ordered_json& document);

}  // namespace mash::web
