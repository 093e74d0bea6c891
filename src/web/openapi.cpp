#include "web/openapi.h"

#include <nlohmann/json.hpp>

#include "domain/codes.h"
#include "web/openapi_parts.h"

namespace mash::web {

json ref(const std::string& name) { return json{{"$ref", "#/components/schemas/" + name}}; }

json str(const std::string& description, const std::string& example) {
  json s = {{"type", "string"}, {"description", description}};
  if (!example.empty()) s["example"] = example;
  return s;
}

json error_response(const std::string& description) {
  return json{{"description", description},
              {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
}

namespace {

// An enum schema from a code table: the codes, and their labels in the description.
template <class E>
json code_schema(const std::string& what) {
  json codes = json::array();
  std::string description = what + " Codes and their meaning:";
  for (const auto& e : code_table<E>()) {
    codes.push_back(std::string(e.code));
    description += "\n- `" + std::string(e.code) + "`: " + std::string(e.label);
  }
  return json{{"type", "string"}, {"enum", codes}, {"description", description}};
}

json contact_response(const std::string& description) {
  return json{{"description", description},
              {"content", {{"application/json", {{"schema", ref("Contact")}}}}}};
}

json schemas() {
  json s;
  s["ReferralSource"] =
      code_schema<ReferralSource>("Source of the contact (CIN census source of referral).");
  s["PresentingIssue"] = code_schema<PresentingIssue>("A presenting issue.");
  s["SubjectRole"] = code_schema<SubjectRole>("The subject's part in the contact.");
  s["Sex"] = code_schema<Sex>("The subject's sex (CIN census gender).");
  s["DobKind"] = code_schema<DobKind>(
      "How the date of birth is known; `expected` is an unborn child's expected date of delivery.");
  s["ConsentStatus"] = code_schema<ConsentStatus>(
      "Whether the family consented to the referral and to information sharing.");
  s["ContactStatus"] = code_schema<ContactStatus>("Where the contact is in the hub's work.");
  s["Channel"] = code_schema<Channel>("How the contact reached the hub.");

  s["Address"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"properties",
       {{"line1", str("First line of the address", "1 Example Street")},
        {"line2", str("Second line of the address")},
        {"town", str("Town or city", "Blackburn")},
        {"postcode", str("UK postcode, any case or spacing; stored as e.g. BB2 1DH", "BB2 1DH")}}}};
  s["Referrer"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"description", "Who told the hub. An anonymous referrer leaves every other field empty."},
      {"properties",
       {{"name", str("Name", "PC 4127 Jones")},
        {"organisation", str("Organisation", "Lancashire Constabulary")},
        {"role", str("Role", "Officer in the case")},
        {"phone", str("Phone number", "01254 000000")},
        {"email", str("Email address", "oic@example.police.uk")},
        {"anonymous", {{"type", "boolean"}, {"default", false}}}}}};
  s["Subject"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", json::array({"role"})},
      {"properties",
       {{"id", {{"type", "integer"}, {"readOnly", true}, {"description", "Set by the hub"}}},
        {"given_name", str("Given name", "Matt")},
        {"family_name", str("Family name", "Example")},
        {"other_names", str("Aliases, previous names")},
        {"date_of_birth",
         {{"type", "string"},
          {"format", "date"},
          {"nullable", true},
          {"description", "YYYY-MM-DD; a real date, not in the future unless dob_kind is expected"},
          {"example", "2025-10-01"}}},
        {"dob_kind", {{"allOf", json::array({ref("DobKind")})}, {"default", "known"}}},
        {"sex", {{"allOf", json::array({ref("Sex")})}, {"default", "not_known"}}},
        {"role", ref("SubjectRole")},
        {"address", ref("Address")},
        {"nhs_number",
         str("NHS number: 10 digits with a valid check digit; spaces are ignored", "9434765919")},
        {"upn", str("Unique pupil number: 13 characters with a valid check letter")}}}};
  s["Consent"] = {{"type", "object"},
                  {"additionalProperties", false},
                  {"required", json::array({"status"})},
                  {"properties",
                   {{"status", ref("ConsentStatus")},
                    {"reason", str("Required when consent was not sought: why not",
                                   "Seeking consent would place the child at risk")}}}};
  s["ContactInput"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"description",
       "A contact as an agency system sends it. Unknown fields are errors, so typos are noticed; "
       "read-only fields of Contact (id, status, channel, agency, recorded_at, recorded_by) are "
       "errors too."},
      {"required", json::array({"source", "subjects", "consent"})},
      {"properties",
       {{"external_ref",
         str("The sending agency's own reference. Sending the same external_ref again returns the "
             "stored contact (200) instead of a duplicate.",
             "PPN-2026-000123")},
        {"received_at",
         {{"type", "string"},
          {"format", "date-time"},
          {"description",
           "RFC 3339 with an offset; defaults to the time the hub receives the request"},
          {"example", "2026-11-20T21:14:00+00:00"}}},
        {"source", ref("ReferralSource")},
        {"referrer", ref("Referrer")},
        {"subjects", {{"type", "array"}, {"minItems", 1}, {"items", ref("Subject")}}},
        {"presenting_issues", {{"type", "array"}, {"items", ref("PresentingIssue")}}},
        {"narrative", str("What happened, in the referrer's words")},
        {"consent", ref("Consent")}}}};
  json contact_props = s["ContactInput"]["properties"];
  contact_props["id"] = {
      {"type", "integer"}, {"description", "The hub's id of the contact"}, {"example", 123}};
  contact_props["status"] = ref("ContactStatus");
  contact_props["channel"] = ref("Channel");
  contact_props["agency"] = str("Code of the agency that sent or recorded the contact", "police");
  contact_props["recorded_at"] = {{"type", "string"},
                                  {"format", "date-time"},
                                  {"description", "When the hub stored the contact"}};
  contact_props["recorded_by"] = str("Username, or the API token's name");
  contact_props["external_ref"] = {{"type", "string"}, {"nullable", true}};
  s["Contact"] = {{"type", "object"},
                  {"description", "A stored contact"},
                  {"required", json::array({"id", "status", "channel", "received_at", "recorded_at",
                                            "source", "subjects", "consent"})},
                  {"properties", contact_props}};

  s["FieldError"] = {
      {"type", "object"},
      {"required", json::array({"field", "message"})},
      {"properties",
       {{"field",
         str("Path of the field at fault; empty for the body as a whole", "subjects[0].sex")},
        {"message",
         str("What is wrong and how to fix it",
             "unknown code 'boy'; use one of male, female, not_known, not_specified")}}}};
  s["Error"] = {
      {"type", "object"},
      {"required", json::array({"error"})},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", json::array({"code", "message"})},
          {"properties",
           {{"code",
             {{"type", "string"},
              {"enum", json::array({"invalid", "malformed_json", "unsupported_media_type",
                                    "payload_too_large", "unauthenticated", "forbidden",
                                    "not_found", "conflict", "too_many", "bad_request",
                                    "method_not_allowed", "internal"})}}},
            {"message", str("One sentence: what is wrong and how to fix it")},
            {"fields", {{"type", "array"}, {"items", ref("FieldError")}}},
            {"line", {{"type", "integer"}, {"description", "malformed_json: line of the error"}}},
            {"column",
             {{"type", "integer"}, {"description", "malformed_json: column of the error"}}},
            {"position",
             {{"type", "integer"}, {"description", "malformed_json: byte offset"}}}}}}}}}};
  s["RatingInput"] = {
      {"type", "object"},
      {"required", json::array({"rating", "rationale"})},
      {"additionalProperties", false},
      {"properties",
       {{"rating",
         str("The code of one of the hub's ratings (standard: red, amber, green, blue)", "amber")},
        {"rationale",
         {{"type", "string"}, {"maxLength", 2000}, {"description", "Why this rating"}}}}}};
  s["ContactRating"] = {
      {"type", "object"},
      {"properties",
       {{"rating", str("The rating's code", "amber")},
        {"name", str("The rating's name", "Amber")},
        {"rationale", str("Why it was given")},
        {"rated_by", str("Who gave it (username)")},
        {"rated_at", str("When, RFC 3339", "2026-11-24T10:15:00+00:00")},
        {"due_at", str("The decision's due time it set, RFC 3339 in London's offset",
                       "2026-11-25T10:15:00+00:00")}}}};
  s["ContactClock"] = {{"type", "object"},
                       {"properties",
                        {{"contact_id", {{"type", "integer"}}},
                         {"received_at", str("When the contact was received, RFC 3339")},
                         {"rating",
                          {{"allOf", json::array({ref("ContactRating")})},
                           {"nullable", true},
                           {"description", "The current rating; null when not rated yet"}}},
                         {"due_at", {{"type", "string"}, {"nullable", true}}},
                         {"seconds_remaining",
                          {{"type", "integer"},
                           {"nullable", true},
                           {"description", "Until the due time; negative when overdue"}}},
                         {"overdue", {{"type", "boolean"}}},
                         {"history", {{"type", "array"}, {"items", ref("ContactRating")}}}}}};
  s["Tracker"] = {{"type", "object"},
                  {"properties",
                   {{"generated_at", str("When, RFC 3339 in London's offset")},
                    {"items",
                     {{"type", "array"},
                      {"items",
                       {{"type", "object"},
                        {"properties",
                         {{"contact_id", {{"type", "integer"}}},
                          {"received_at", str("RFC 3339")},
                          {"status", str("new, screening or enquiry")},
                          {"source", str("Referral source code")},
                          {"agency", str("The agency that sent or recorded it")},
                          {"subjects",
                           {{"type", "array"},
                            {"items",
                             {{"type", "object"},
                              {"properties",
                               {{"name", str("Given and family name")},
                                {"age", {{"type", "integer"}, {"nullable", true}}},
                                {"unborn", {{"type", "boolean"}}}}}}}}},
                          {"rating", {{"type", "string"}, {"nullable", true}}},
                          {"rating_name", {{"type", "string"}, {"nullable", true}}},
                          {"due_at", {{"type", "string"}, {"nullable", true}}},
                          {"seconds_remaining", {{"type", "integer"}, {"nullable", true}}},
                          {"overdue", {{"type", "boolean"}}},
                          {"marac_referral",
                           {{"type", "boolean"},
                            {"description", "Its latest DASH checklist met a route to MARAC"}}},
                          {"worker",
                           {{"type", "string"},
                            {"nullable", true},
                            {"description", "Username of the worker on it"}}},
                          {"agencies",
                           {{"type", "array"},
                            {"items", {{"type", "string"}}},
                            {"description",
                             "Codes of the agencies involved: the one that sent it and those "
                             "holding records of its subjects' persons, sorted"}}}}}}}}}}}};
  // DASH (issue 4)
  json answers = {{"type", "object"}, {"properties", json::object()}};
  for (int n = 1; n <= 24; ++n)
    answers["properties"][std::to_string(n)] = {{"type", "string"},
                                                {"enum", json::array({"yes", "no", "not_known"})}};
  answers["additionalProperties"] = false;
  answers["description"] =
      "The answer to each of the 24 questions of the SafeLives DASH checklist, by question number";
  json answers_in = answers;  // every question needs an answer
  answers_in["required"] = json::array();
  for (int n = 1; n <= 24; ++n) answers_in["required"].push_back(std::to_string(n));
  json level = {{"type", "string"}, {"enum", json::array({"standard", "medium", "high"})}};
  json routes = {{"type", "array"},
                 {"items",
                  {{"type", "string"},
                   {"enum", json::array({"visible_high_risk", "professional_judgement",
                                         "potential_escalation", "repeat_referral"})}}}};
  s["DashInput"] = {
      {"type", "object"},
      {"required", json::array({"answers"})},
      {"additionalProperties", false},
      {"properties",
       {{"answers", answers_in},
        {"judgement",
         {{"allOf", json::array({level})},
          {"nullable", true},
          {"description", "Professional judgement: raises the level, never lowers it"}}},
        {"judgement_reason",
         {{"type", "string"},
          {"nullable", true},
          {"maxLength", 2000},
          {"description", "Needed with a judgement"}}},
        {"incidents_last_12_months",
         {{"type", "integer"},
          {"minimum", 0},
          {"maximum", 1000},
          {"default", 0},
          {"description", "Domestic abuse incidents in the last 12 months"}}},
        {"previous_marac_referral",
         {{"type", "string"},
          {"format", "date"},
          {"nullable", true},
          {"description", "The victim's last referral to a MARAC, if any"}}},
        {"subject_id",
         {{"type", "integer"},
          {"nullable", true},
          {"description", "The contact's subject (the victim) it is about"}}}}}};
  s["DashAssessment"] = {
      {"type", "object"},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"contact_id", {{"type", "integer"}}},
        {"subject_id", {{"type", "integer"}, {"nullable", true}}},
        {"answers", answers},
        {"judgement", {{"allOf", json::array({level})}, {"nullable", true}}},
        {"judgement_reason", {{"type", "string"}, {"nullable", true}}},
        {"incidents_last_12_months", {{"type", "integer"}}},
        {"previous_marac_referral", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
        {"score", {{"type", "integer"}, {"description", "\"yes\" answers"}}},
        {"answered", {{"type", "integer"}}},
        {"high_risk_score",
         {{"type", "integer"},
          {"description", "The hub's threshold the score was judged against"}}},
        {"level", level},
        {"marac_referral", {{"type", "boolean"}, {"description", "true when any route is met"}}},
        {"marac_routes", routes},
        {"assessed_by", str("Username")},
        {"assessed_at", str("RFC 3339 in London's offset")}}}};
  s["DashHistory"] = {{"type", "object"},
                      {"properties",
                       {{"contact_id", {{"type", "integer"}}},
                        {"latest",
                         {{"allOf", json::array({ref("DashAssessment")})},
                          {"nullable", true},
                          {"description", "The current checklist; null when none"}}},
                        {"history", {{"type", "array"}, {"items", ref("DashAssessment")}}}}}};
  s["Health"] = {{"type", "object"},
                 {"required", json::array({"status", "version"})},
                 {"properties",
                  {{"status", {{"type", "string"}, {"enum", json::array({"ok"})}}},
                   {"version", str("Version of the hub", kApiVersion)}}}};
  return s;
}

}  // namespace

std::string openapi_document() {
  json paths;
  paths["/api/v1/health"]["get"] = {
      {"summary", "Whether the hub is up"},
      {"operationId", "getHealth"},
      {"security", json::array()},
      {"responses",
       {{"200",
         {{"description", "The hub is up"},
          {"content", {{"application/json", {{"schema", ref("Health")}}}}}}}}}};
  paths["/api/v1/openapi.json"]["get"] = {
      {"summary", "This document"},
      {"operationId", "getOpenApi"},
      {"security", json::array()},
      {"responses",
       {{"200",
         {{"description", "The OpenAPI document"},
          {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}}}};
  paths["/api/v1/contacts"]["post"] = {
      {"summary", "Send a contact to the hub"},
      {"operationId", "createContact"},
      {"description",
       "Validates and stores a contact from an agency system. Sending an external_ref the agency "
       "has sent before returns the stored contact with 200 and stores nothing."},
      {"requestBody",
       {{"required", true},
        {"content", {{"application/json", {{"schema", ref("ContactInput")}}}}}}},
      {"responses",
       {{"201", contact_response("Stored; the Location header names the new contact")},
        {"200", contact_response("Already stored: the contact with this external_ref")},
        {"400", error_response(
                    "The body is not valid JSON (malformed_json, with line, column and position)")},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token may not send contacts")},
        {"413", error_response("The body is larger than 1 MiB")},
        {"415", error_response("The Content-Type is not application/json")},
        {"422", error_response("The contact breaks a rule: each field at fault is in fields")}}}};
  paths["/api/v1/contacts/{id}"]["get"] = {
      {"summary", "Read a contact back"},
      {"operationId", "getContact"},
      {"description", "Every read is recorded in the contact's access history with its purpose."},
      {"parameters", json::array({{{"name", "id"},
                                   {"in", "path"},
                                   {"required", true},
                                   {"schema", {{"type", "integer"}, {"minimum", 1}}}},
                                  {{"name", "X-MASH-Purpose"},
                                   {"in", "header"},
                                   {"required", false},
                                   {"description",
                                    "Why the record is read, for the audit log (at most 200 "
                                    "characters). Default: agency system read-back"},
                                   {"schema", {{"type", "string"}, {"maxLength", 200}}}}})},
      {"responses",
       {{"200", contact_response("The contact")},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token may not see this contact")},
        {"404", error_response("There is no contact with that id")}}}};

  const json id_parameter = {{"name", "id"},
                             {"in", "path"},
                             {"required", true},
                             {"schema", {{"type", "integer"}, {"minimum", 1}}}};
  auto clock = [](const std::string& description) {
    return json{{"description", description},
                {"content", {{"application/json", {{"schema", ref("ContactClock")}}}}}};
  };
  paths["/api/v1/contacts/{id}/rating"]["get"] = {
      {"summary", "A contact's rating (BRAG) and clock"},
      {"operationId", "getContactRating"},
      {"description",
       "The contact's ratings, oldest first, and when its decision is due under the hub's rules. "
       "Recorded in the contact's access history."},
      {"parameters", json::array({id_parameter})},
      {"responses",
       {{"200", clock("The rating (null when not rated yet) and the clock")},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token may not see this contact")},
        {"404", error_response("There is no contact with that id")}}}};
  paths["/api/v1/contacts/{id}/rating"]["post"] = {
      {"summary", "Rate a contact"},
      {"operationId", "rateContact"},
      {"description",
       "Gives the contact one of the hub's ratings with a rationale (always needed; every "
       "rating is kept). The due time follows the hub's configured hours and closed days. Only "
       "tokens acting as a user of a role the hub's configuration lets rate may do this; agency "
       "systems may not."},
      {"parameters", json::array({id_parameter})},
      {"requestBody",
       {{"required", true}, {"content", {{"application/json", {{"schema", ref("RatingInput")}}}}}}},
      {"responses",
       {{"201", clock("Rated; the contact's clock now")},
        {"400", error_response("The body is not valid JSON")},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token's user may not rate contacts")},
        {"404", error_response("There is no contact with that id")},
        {"413", error_response("The body is larger than 1 MiB")},
        {"415", error_response("The Content-Type is not application/json")},
        {"422", error_response("An unknown rating, a missing rationale, or an unknown field")}}}};

  // DASH (issue 4)
  paths["/api/v1/contacts/{id}/dash"]["get"] = {
      {"summary", "A contact's DASH checklists"},
      {"operationId", "getContactDash"},
      {"description",
       "The latest DASH risk identification checklist (null when none) and every one recorded, "
       "oldest first, each with its score, level and routes to MARAC as assessed then. For "
       "tokens acting as hub staff or auditors; recorded in the contact's access history."},
      {"parameters", json::array({id_parameter})},
      {"responses",
       {{"200",
         {{"description", "The checklists"},
          {"content", {{"application/json", {{"schema", ref("DashHistory")}}}}}}},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token may not see this contact's checklists")},
        {"404", error_response("There is no contact with that id")}}}};
  paths["/api/v1/contacts/{id}/dash"]["post"] = {
      {"summary", "Record a DASH checklist for a contact"},
      {"operationId", "recordContactDash"},
      {"description",
       "Records the 24 answers (each yes, no or not_known), professional judgement, incidents in "
       "the last 12 months and any previous MARAC referral; the hub scores it under its rules "
       "(visible high risk at 14 by default) and flags a MARAC referral when any route is met. A "
       "new checklist supersedes the last, which is kept. Only tokens acting as a user of a role "
       "the hub's configuration lets rate may do this."},
      {"parameters", json::array({id_parameter})},
      {"requestBody",
       {{"required", true}, {"content", {{"application/json", {{"schema", ref("DashInput")}}}}}}},
      {"responses",
       {{"201",
         {{"description", "Recorded; the checklist with its outcome"},
          {"content", {{"application/json", {{"schema", ref("DashAssessment")}}}}}}},
        {"400", error_response("The body is not valid JSON")},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token's user may not record DASH checklists")},
        {"404", error_response("There is no contact with that id")},
        {"413", error_response("The body is larger than 1 MiB")},
        {"415", error_response("The Content-Type is not application/json")},
        {"422", error_response("A question not answered or answered wrongly (answers.N), a "
                               "judgement without its reason, or another field at fault")}}}};

  paths["/api/v1/tracker"]["get"] = {
      {"summary", "The case tracker: every open contact with its rating and clock"},
      {"operationId", "getTracker"},
      {"description",
       "Open contacts (new, in screening, in enquiry), rated ones by due time (most overdue "
       "first), then those not rated yet, oldest first, with each one's worker and the agencies "
       "involved. For tokens acting as hub staff. Each read is audited."},
      {"parameters", json::array({{{"name", "rating"},
                                   {"in", "query"},
                                   {"required", false},
                                   {"schema", {{"type", "string"}}},
                                   {"description", "Only contacts with this rating's code"}},
                                  {{"name", "status"},
                                   {"in", "query"},
                                   {"required", false},
                                   {"schema",
                                    {{"type", "string"},
                                     {"enum", json::array({"new", "screening", "enquiry"})}}}},
                                  {{"name", "worker"},
                                   {"in", "query"},
                                   {"required", false},
                                   {"schema", {{"type", "string"}}},
                                   {"description", "Only contacts with this worker (a username)"}},
                                  {{"name", "overdue"},
                                   {"in", "query"},
                                   {"required", false},
                                   {"schema", {{"type", "boolean"}}},
                                   {"description", "true: only contacts past their due time"}}})},
      {"responses",
       {{"200",
         {{"description", "The tracker"},
          {"content", {{"application/json", {{"schema", ref("Tracker")}}}}}}},
        {"401", error_response("No bearer token, or not a valid one")},
        {"403", error_response("The token may not list contacts")},
        {"400", error_response("A filter that is not valid: an unknown rating or status, a "
                               "worker that is not a username, overdue not true or false; "
                               "`fields` names each")}}}};

  json schema_list = schemas();
  add_screening_openapi(paths, schema_list);
  add_research_openapi(paths, schema_list);
  add_performance_openapi(paths, schema_list);
  add_break_glass_openapi(paths, schema_list);

  json doc = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "MASH API"},
        {"version", kApiVersion},
        {"description",
         "The Multi-Agency Safeguarding Hub's API for agency systems: send contacts (for example "
         "a police Public Protection Notice) and read them back. Fields may be added to responses; "
         "they are never renamed. See docs/api.md."}}},
      {"servers", json::array({{{"url", "/"}}})},
      {"security", json::array({{{"bearer", json::array()}}})},
      {"paths", paths},
      {"components",
       {{"securitySchemes",
         {{"bearer",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"description", "A token from `mash token create`"}}}}},
        {"schemas", schema_list}}}};
  return doc.dump(2);
}

}  // namespace mash::web
