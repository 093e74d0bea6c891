// The performance figures' operation and schemas in the OpenAPI document (issue 5).
#include "web/openapi_parts.h"

namespace mash::web {

namespace {

json count(const std::string& description) {
  return {{"type", "integer"}, {"minimum", 0}, {"description", description}};
}

json nullable_integer(const std::string& description) {
  return {{"type", "integer"}, {"nullable", true}, {"description", description}};
}

json date_parameter(const std::string& name, const std::string& description) {
  return {{"name", name},
          {"in", "query"},
          {"required", false},
          {"description", description},
          {"schema", {{"type", "string"}, {"format", "date"}}}};
}

}  // namespace

void add_performance_openapi(json& paths, json& schemas) {
  schemas["AgencyTimeliness"] = {
      {"type", "object"},
      {"properties",
       {{"agency", {{"type", "string"}, {"nullable", true}, {"description", "Code; null: all"}}},
        {"agency_name", str("Its name, or \"All agencies\"")},
        {"requests", count("Information requests raised in the period")},
        {"answered", count("Answers sent")},
        {"answered_on_time", count("Answers sent by the request's due time")},
        {"answered_late", count("Answers sent after it")},
        {"open_overdue", count("Not answered, past due")},
        {"open_not_due", count("Not answered, not due yet")},
        {"chased", count("Chased by the hub once overdue")},
        {"on_time_percent",
         nullable_integer("Of the requests fallen due (answered, or open past due), those "
                          "answered on time, in whole per cent; null when none has")},
        {"median_seconds_to_answer",
         nullable_integer("From request to answer, the middle of those answered (the lower of "
                          "the two middle ones); null when none is")}}}};
  schemas["TimelinessReport"] = {
      {"type", "object"},
      {"properties",
       {{"from", str("First day of the period (London)", "2026-11-01")},
        {"to", str("Last day, included", "2026-11-30")},
        {"at", str("RFC 3339: the requests as they stood then")},
        {"agencies", {{"type", "array"}, {"items", ref("AgencyTimeliness")}}},
        {"total", ref("AgencyTimeliness")}}}};
  paths["/api/v1/reports/timeliness"]["get"] = {
      {"summary", "How each agency answers the hub's information requests"},
      {"operationId", "getTimeliness"},
      {"description",
       "Counts only, no personal data: for each agency asked in the period (by name) and in all, "
       "the requests raised on those London dates and how they stand now. Restricted contacts "
       "are not counted. For tokens acting as hub staff, analysts and auditors. Audited as "
       "performance.view."},
      {"parameters",
       json::array({date_parameter("from", "First day (YYYY-MM-DD); default: 29 days before to"),
                    date_parameter("to", "Last day, included (YYYY-MM-DD); default: today")})},
      {"responses",
       {{"200",
         {{"description", "The figures"},
          {"content", {{"application/json", {{"schema", ref("TimelinessReport")}}}}}}},
        {"400", error_response("A date that is not YYYY-MM-DD or not real, to before from, or "
                               "more than 366 days; `fields` names each")},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token's user may not see the performance figures")}}}};
}

}  // namespace mash::web
