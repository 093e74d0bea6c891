// OpenAPI: screening decisions and notifications (issue 4).
#include "web/openapi_parts.h"

namespace mash::web {

namespace {

json nullable(const std::string& type, const std::string& description) {
  return json{{"type", type}, {"nullable", true}, {"description", description}};
}

}  // namespace

void add_screening_openapi(json& paths, json& s) {
  s["DecisionInput"] = {
      {"type", "object"},
      {"required", json::array({"route", "threshold", "rationale"})},
      {"additionalProperties", false},
      {"properties",
       {{"route",
         {{"type", "string"},
          {"enum", json::array({"mash_enquiry", "allocated_worker", "advice_signpost",
                                "no_further_action"})},
          {"description",
           "Where the contact goes. mash_enquiry keeps the rating's clock running until the "
           "enquiry's own decision; the others decide the contact and meet its clock."}}},
        {"threshold",
         {{"type", "integer"},
          {"description", "One of the hub's threshold levels (1 to 4 by default)"}}},
        {"worker", nullable("string",
                            "Username of the hub worker it goes to: needed for "
                            "allocated_worker; for mash_enquiry the decider when left out; none "
                            "for advice_signpost or no_further_action")},
        {"rationale", {{"type", "string"}, {"maxLength", 2000}, {"description", "Why"}}},
        {"strategy_discussion_at",
         nullable("string",
                  "When a strategy discussion was held (RFC 3339): starts the initial "
                  "child protection conference's clock")}}}};
  s["ContactScreening"] = {
      {"type", "object"},
      {"properties",
       {{"contact_id", {{"type", "integer"}}},
        {"status", str("new_contact, screening, enquiry, decided or closed")},
        {"worker", nullable("string", "The worker on the contact (username)")},
        {"decisions",
         {{"type", "array"},
          {"description", "Oldest first"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"route", str("The route's code")},
              {"route_name", str("The route in words")},
              {"threshold", {{"type", "integer"}}},
              {"threshold_name", str("The level's name in the hub's configuration")},
              {"worker", nullable("string", "Username")},
              {"open_to_worker",
               {{"type", "boolean"}, {"description", "A subject was already open to that worker"}}},
              {"rationale", str("Why")},
              {"strategy_discussion_at", nullable("string", "RFC 3339")},
              {"decided_by", str("Username")},
              {"decided_at", str("RFC 3339")}}}}}}},
        {"open_to",
         {{"type", "array"},
          {"description",
           "Subjects already open to a worker through another contact about the same person: "
           "the contact must be passed to them"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"subject_id", {{"type", "integer"}}},
              {"worker", str("Username")},
              {"contact_id", {{"type", "integer"}}}}}}}}},
        {"clocks",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"clock", str("decision, referral_decision, assessment or initial_conference")},
              {"name", str("The clock in words")},
              {"started_at", str("RFC 3339")},
              {"due_at", str("RFC 3339 in London's offset")},
              {"met_at", nullable("string", "When it was met; null while it runs")},
              {"seconds_remaining",
               {{"type", "integer"},
                {"description", "Until due, at now or when met; negative when overdue"}}},
              {"overdue", {{"type", "boolean"}}},
              {"tracked",
               {{"type", "boolean"},
                {"description",
                 "false for the assessment and the conference: their completion is recorded in "
                 "the case system, so the hub never calls them overdue"}}}}}}}}},
        {"breaches",
         {{"type", "array"},
          {"description", "Clocks that passed their due time, as recorded"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"clock", str("decision or referral_decision")},
              {"rating", nullable("string", "The rating's code, for a decision clock")},
              {"due_at", str("RFC 3339")},
              {"recorded_at", str("RFC 3339")}}}}}}}}}};
  s["Notifications"] = {{"type", "object"},
                        {"properties",
                         {{"items",
                           {{"type", "array"},
                            {"items",
                             {{"type", "object"},
                              {"properties",
                               {{"id", {{"type", "integer"}}},
                                {"kind", str("breach")},
                                {"contact_id", {{"type", "integer"}, {"nullable", true}}},
                                {"message", str("What happened, without personal data")},
                                {"created_at", str("RFC 3339")}}}}}}}}}};

  const json id_parameter = {{"name", "id"},
                             {"in", "path"},
                             {"required", true},
                             {"schema", {{"type", "integer"}, {"minimum", 1}}}};
  auto screening = [](const std::string& description) {
    return json{{"description", description},
                {"content", {{"application/json", {{"schema", ref("ContactScreening")}}}}}};
  };
  paths["/api/v1/contacts/{id}/decision"]["get"] = {
      {"summary", "A contact's screening: worker, decisions, clocks and missed due times"},
      {"operationId", "getContactDecision"},
      {"description", "Recorded in the contact's access history."},
      {"parameters", json::array({id_parameter})},
      {"responses",
       {{"200", screening("The contact's screening")},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token may not see this contact")},
        {"404", error_response("There is no contact with that id")}}}};
  paths["/api/v1/contacts/{id}/decision"]["post"] = {
      {"summary", "Decide a contact's threshold and route"},
      {"operationId", "decideContact"},
      {"description",
       "Screening's decision. The contact must be rated and not yet decided. When a subject is "
       "already open to a worker, the route must pass the contact to them. Only tokens acting "
       "as a user of a role the hub's configuration lets decide may do this."},
      {"parameters", json::array({id_parameter})},
      {"requestBody",
       {{"required", true},
        {"content", {{"application/json", {{"schema", ref("DecisionInput")}}}}}}},
      {"responses",
       {{"201", screening("Decided; the contact's screening now")},
        {"400", error_response("The body is not valid JSON")},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token's user may not decide")},
        {"404", error_response("There is no contact with that id")},
        {"409", error_response("Not rated yet, or already decided")},
        {"413", error_response("The body is larger than 1 MiB")},
        {"415", error_response("The Content-Type is not application/json")},
        {"422", error_response("A problem with a field, each named")}}}};
  paths["/api/v1/notifications"]["get"] = {
      {"summary", "The token's user's notifications not yet dismissed"},
      {"operationId", "getNotifications"},
      {"description",
       "Newest first, at most 50: a hub manager is told of every clock that passes its due "
       "time. Empty for agency systems."},
      {"responses",
       {{"200",
         {{"description", "The notifications"},
          {"content", {{"application/json", {{"schema", ref("Notifications")}}}}}}},
        {"401", error_response("No bearer token, or not a valid one")}}}};
}

}  // namespace mash::web
