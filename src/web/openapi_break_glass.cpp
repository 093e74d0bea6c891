// Break-glass's operations and schemas in the OpenAPI document (issue 5).
#include "web/openapi_parts.h"

namespace mash::web {

void add_break_glass_openapi(json& paths, json& schemas) {
  auto nullable = [](const std::string& description) {
    return json{{"type", "string"}, {"nullable", true}, {"description", description}};
  };
  schemas["BreakGlassInput"] = {
      {"type", "object"},
      {"required", json::array({"reason"})},
      {"additionalProperties", false},
      {"properties", {{"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", 1000}}}}}};
  schemas["SignOffInput"] = {
      {"type", "object"},
      {"required", json::array({"id", "note"})},
      {"additionalProperties", false},
      {"properties",
       {{"id", {{"type", "integer"}, {"minimum", 1}}},
        {"note", {{"type", "string"}, {"minLength", 1}, {"maxLength", 1000}}}}}};
  schemas["BreakGlassAccess"] = {
      {"type", "object"},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"contact_id", {{"type", "integer"}}},
        {"username", str("Who opened it")},
        {"agency", str("Their agency")},
        {"role", str("Their role's code")},
        {"reason", str("Why, in their words")},
        {"opened_at", str("RFC 3339")},
        {"expires_at", str("RFC 3339: when the access ends (its sign-off ends it sooner)")},
        {"live", {{"type", "boolean"}}},
        {"reviewed_by", nullable("Who signed it off; null until then")},
        {"reviewed_at", nullable("RFC 3339")},
        {"review_note", nullable("What the reviewer checked")},
        {"events",
         {{"type", "array"},
          {"description", "For the review: what the user did under it, oldest first"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"at", str("RFC 3339")},
              {"action", str("contact.view, response.read, …")},
              {"purpose", str("The hub's words for it")},
              {"allowed", {{"type", "boolean"}}},
              {"request_agency", nullable("The agency asked, for an information request")}}}}}}}}}};
  schemas["BreakGlassReview"] = {
      {"type", "object"},
      {"properties",
       {{"to_review", {{"type", "array"}, {"items", ref("BreakGlassAccess")}}},
        {"signed_off", {{"type", "array"}, {"items", ref("BreakGlassAccess")}}}}}};
  const json id_parameter = {{"name", "id"},
                             {"in", "path"},
                             {"required", true},
                             {"schema", {{"type", "integer"}, {"minimum", 1}}}};
  const json no_token = error_response("No bearer token, or not a valid one");
  auto body = [](const std::string& schema) {
    return json{{"required", true}, {"content", {{"application/json", {{"schema", ref(schema)}}}}}};
  };
  auto answer = [](const std::string& description, const std::string& schema) {
    return json{{"description", description},
                {"content", {{"application/json", {{"schema", ref(schema)}}}}}};
  };
  paths["/api/v1/contacts/{id}/break-glass"]["post"] = {
      {"summary", "Open a restricted contact by break-glass, saying why"},
      {"operationId", "breakGlass"},
      {"description",
       "For tokens acting as the hub's practitioners not granted the contact. For the hub's "
       "break-glass time the token's user reads the contact as their role allows, each read "
       "audited as break-glass, and changes nothing; hub managers and the data-protection "
       "officer are told and review it. A live access already held is given back."},
      {"parameters", json::array({id_parameter})},
      {"requestBody", body("BreakGlassInput")},
      {"responses",
       {{"201", answer("Opened", "BreakGlassAccess")},
        {"400", error_response("The body is not valid JSON")},
        {"401", no_token},
        {"403", error_response("The token's user may not break glass, or is connected to it")},
        {"404", error_response("There is no contact with that id")},
        {"409", error_response("The contact is not restricted, or is granted to the user")},
        {"413", error_response("The body is larger than 1 MiB")},
        {"415", error_response("The Content-Type is not application/json")},
        {"422", error_response("No reason, or one over 1,000 characters")}}}};
  paths["/api/v1/break-glass"]["get"] = {
      {"summary", "Break-glass accesses to review, and the latest signed off"},
      {"operationId", "getBreakGlassReviews"},
      {"description",
       "For tokens acting as hub managers and auditors (the data-protection officer): each "
       "access not signed off, oldest first, with what its user did; not those to a contact the "
       "reader is connected to. Audited as break_glass.review."},
      {"responses",
       {{"200", answer("The accesses", "BreakGlassReview")},
        {"401", no_token},
        {"403", error_response("The token's user does not review break-glass")}}}};
  paths["/api/v1/break-glass/sign-off"]["post"] = {
      {"summary", "Sign a break-glass access off"},
      {"operationId", "signOffBreakGlass"},
      {"description",
       "Not one's own, nor one already signed off (409), nor one to a contact the reviewer is "
       "connected to (403). A live access ends at its sign-off."},
      {"requestBody", body("SignOffInput")},
      {"responses",
       {{"200", answer("Signed off", "BreakGlassAccess")},
        {"400", error_response("The body is not valid JSON")},
        {"401", no_token},
        {"403", error_response("The token's user does not review break-glass")},
        {"404", error_response("There is no break-glass access with that id")},
        {"409", error_response("One's own, or signed off already")},
        {"413", error_response("The body is larger than 1 MiB")},
        {"415", error_response("The Content-Type is not application/json")},
        {"422", error_response("No id or note, or a note over 1,000 characters")}}}};
}

}  // namespace mash::web
