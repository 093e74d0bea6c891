// OpenAPI: multi-agency research (issue 5): the basis for sharing, information requests, agencies'
// answers, redactions and disclosures. Code lists come from the domain's tables.
#include "domain/research.h"
#include "web/openapi_parts.h"

namespace mash::web {

namespace {

json nullable(const std::string& type, const std::string& description) {
  return json{{"type", type}, {"nullable", true}, {"description", description}};
}

json integer(const std::string& description = "") {
  json i = {{"type", "integer"}};
  if (!description.empty()) i["description"] = description;
  return i;
}

json array_of(const json& items, const std::string& description = "") {
  json a = {{"type", "array"}, {"items", items}};
  if (!description.empty()) a["description"] = description;
  return a;
}

json sensitivity_schema() {
  json codes = json::array();
  std::string description = "A sensitivity mark: who beyond the need to know must not read it.";
  for (Sensitivity s : all_sensitivities()) {
    codes.push_back(std::string(code_of(s)));
    description += "\n- `" + std::string(code_of(s)) + "`: " + std::string(label_of(s));
  }
  return json{{"type", "string"}, {"enum", codes}, {"description", description}};
}

json indicator_schema() {
  json codes = json::array();
  std::string description = "A structured risk indicator.";
  for (const RiskIndicator& r : risk_indicators()) {
    codes.push_back(std::string(r.code));
    description += "\n- `" + std::string(r.code) + "`: " + std::string(r.label);
  }
  return json{{"type", "string"}, {"enum", codes}, {"description", description}};
}

json lawful_basis_codes() {
  std::string description =
      "Without consent given, the code of one of the hub's configured lawful bases (standard:";
  for (const LawfulBasis& b : standard_lawful_bases()) description += " `" + b.code + "`";
  return nullable("string", description + ")");
}

void add_schemas(json& s) {
  const json text = {{"type", "string"}};
  s["Sensitivity"] = sensitivity_schema();
  s["RiskIndicator"] = indicator_schema();
  s["BasisInput"] = {{"type", "object"},
                     {"required", json::array({"consent"})},
                     {"additionalProperties", false},
                     {"properties",
                      {{"consent",
                        {{"type", "string"},
                         {"enum", json::array({"given", "refused", "not_sought"})},
                         {"description", "Whether the family consented to sharing"}}},
                       {"lawful_basis", lawful_basis_codes()},
                       {"reason",
                        {{"type", "string"},
                         {"nullable", true},
                         {"maxLength", 1000},
                         {"description",
                          "Without consent given: why sharing without it is necessary and "
                          "proportionate"}}}}}};
  s["EnquiryBasis"] = {
      {"type", "object"},
      {"properties",
       {{"consent", str("given, refused or not_sought")},
        {"lawful_basis", nullable("string", "The lawful basis's code; null with consent")},
        {"lawful_basis_name", nullable("string", "The lawful basis in words")},
        {"reason", str("Why sharing without consent is justified")},
        {"recorded_by", str("Username")},
        {"recorded_at", str("RFC 3339")}}}};
  s["RequestsInput"] = {
      {"type", "object"},
      {"required", json::array({"agencies", "question"})},
      {"additionalProperties", false},
      {"properties",
       {{"agencies", array_of(json{{"type", "string"}},
                              "Codes of the agencies to ask, such as health, police")},
        {"question",
         {{"type", "string"},
          {"maxLength", 2000},
          {"description", "What the hub wants the agencies to tell it"}}},
        {"narrative_reason",
         {{"type", "string"},
          {"nullable", true},
          {"maxLength", 1000},
          {"description",
           "Why the referral's narrative is shared with the agencies; empty or left out: they "
           "get only the subjects' identifying details and the question"}}},
        {"narrative_withheld",
         array_of(json{{"type", "string"}},
                  "Passages of the narrative to withhold from the agencies asked, each as written "
                  "there (letters A-Z in either case, any run of spacing for any other; every "
                  "occurrence is withheld, shown as its marker); only with narrative_reason")},
        {"narrative_withheld_reason",
         {{"type", "string"},
          {"nullable", true},
          {"description",
           "Why the passages are withheld: a sensitivity code other than none (third_party, "
           "health_confidential, …); needed with narrative_withheld"}}}}}};
  s["ResponseItem"] = {
      {"type", "object"},
      {"description",
       "An item of an answer as the reader may see it. An item withheld from the reader has "
       "withheld true, its marker as text (\"[redacted: health-confidential]\") and no indicator "
       "or source system; passages withheld from the reader are replaced by their markers."},
      {"properties",
       {{"id", integer()},
        {"kind", {{"type", "string"}, {"enum", json::array({"summary", "risk", "chronology"})}}},
        {"subject_id", nullable("integer", "The subject it is about; null for the household")},
        {"indicator", nullable("string", "A risk item's indicator code")},
        {"occurred_on", nullable("string", "A chronology entry's date, YYYY-MM-DD")},
        {"source_system", nullable("string", "A chronology entry's system, such as Niche")},
        {"text", str("What the agency says, as the reader may read it")},
        {"sensitivity", ref("Sensitivity")},
        {"handling_code", nullable("string", "Police intelligence: P or C")},
        {"withheld", {{"type", "boolean"}}},
        {"passages_withheld", integer("Passages of the text withheld from the reader")}}}};
  s["ItemInput"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"properties",
       {{"kind", {{"type", "string"}, {"enum", json::array({"summary", "risk", "chronology"})}}},
        {"subject_id", nullable("integer", "One of the request's subjects; null for none")},
        {"indicator", {{"allOf", json::array({ref("RiskIndicator")})}, {"nullable", true}}},
        {"occurred_on",
         {{"type", "string"},
          {"format", "date"},
          {"nullable", true},
          {"description", "A chronology entry's date: today or earlier"}}},
        {"source_system",
         {{"type", "string"},
          {"nullable", true},
          {"maxLength", 100},
          {"description", "A chronology entry's system"}}},
        {"text", {{"type", "string"}, {"maxLength", 4000}}},
        {"sensitivity",
         {{"allOf", json::array({ref("Sensitivity")})},
          {"nullable", true},
          {"description", "Left out, null or \"\": none"}}},
        {"handling_code",
         {{"type", "string"},
          {"nullable", true},
          {"enum", json::array({"P", "C", nullptr})},
          {"description", "Police intelligence only, where it is required"}}}}}};
  s["ResponseInput"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"description",
       "The whole answer each time: a save replaces the last. Saved (send false), it is checked "
       "for what is there; sent, every subject must be known or not_known, there must be one "
       "summary and every item complete. A sent answer is final."},
      {"properties",
       {{"known",
         {{"type", "object"},
          {"additionalProperties",
           {{"type", "string"}, {"enum", json::array({"known", "not_known", ""})}}},
          {"description", "By subject id (as a string key): known, not_known or \"\" (not yet)"}}},
        {"items", array_of(ref("ItemInput"), "At most 500")},
        {"send", {{"type", "boolean"}, {"default", false}}}}}};
  s["Redaction"] = {
      {"type", "object"},
      {"description", "A passage withheld from named agencies"},
      {"properties",
       {{"id", integer()},
        {"item_id", integer()},
        {"passage", str("The words withheld")},
        {"recipients",
         array_of(json{{"type", "string"}},
                  "Agency codes it is withheld from; \"*\": every agency but the one answering")},
        {"reason", ref("Sensitivity")},
        {"note", str("Why, for the agency and the hub")},
        {"recorded_by", str("Username")},
        {"recorded_at", str("RFC 3339")}}}};
  s["RedactionInput"] = {
      {"type", "object"},
      {"required", json::array({"item_id", "passage", "recipients", "reason"})},
      {"additionalProperties", false},
      {"properties",
       {{"item_id", integer("An item of the request's answer")},
        {"passage",
         str("The words to withhold, as they appear in the item (letters A-Z in either case, any "
             "run of spacing for any other)")},
        {"recipients",
         array_of(json{{"type", "string"}}, "Agency codes to withhold it from, or \"*\"")},
        {"reason", ref("Sensitivity")},
        {"note", {{"type", "string"}, {"nullable", true}, {"maxLength", 1000}}}}}};
  s["Redactions"] = {
      {"type", "object"},
      {"properties", {{"request_id", integer()}, {"redactions", array_of(ref("Redaction"))}}}};
  json address = {
      {"type", "object"},
      {"properties", {{"line1", text}, {"line2", text}, {"town", text}, {"postcode", text}}}};
  s["RequestSubject"] = {
      {"type", "object"},
      {"description", "A subject as the agency asked sees them: details to search its systems"},
      {"properties",
       {{"subject_id", integer()},
        {"role", ref("SubjectRole")},
        {"given_name", text},
        {"family_name", text},
        {"other_names", text},
        {"date_of_birth", nullable("string", "YYYY-MM-DD")},
        {"dob_kind", ref("DobKind")},
        {"sex", ref("Sex")},
        {"address", address},
        {"nhs_number", text},
        {"upn", text},
        {"known", nullable("string", "known or not_known; null until the agency says")}}}};
  s["InformationRequest"] = {
      {"type", "object"},
      {"properties",
       {{"id", integer()},
        {"contact_id", integer()},
        {"agency", str("The agency asked (code)")},
        {"agency_name", str("The agency asked")},
        {"question", str("What the hub asked")},
        {"narrative", nullable("string", "The referral's narrative, when shared with the agency")},
        {"narrative_reason", nullable("string", "Why it was shared")},
        {"narrative_passages_withheld",
         {{"type", "integer"},
          {"description",
           "How many passages of the narrative were withheld from the agency (shown as markers)"}}},
        {"presenting_issues", array_of(ref("PresentingIssue"))},
        {"status",
         {{"type", "string"}, {"enum", json::array({"requested", "in_progress", "answered"})}}},
        {"overdue",
         {{"type", "boolean"},
          {"description", "Not answered and past due, or answered after its due time"}}},
        {"chased", {{"type", "boolean"}, {"description", "The hub has chased it"}}},
        {"requested_by", str("Username")},
        {"requested_at", str("RFC 3339")},
        {"due_at", str("RFC 3339 in London's offset: the rating's partner response time")},
        {"saved_by", nullable("string", "Who last saved a partial answer")},
        {"saved_at", nullable("string", "RFC 3339")},
        {"answered_by", nullable("string", "Who sent the answer")},
        {"answered_at", nullable("string", "RFC 3339")},
        {"subjects", array_of(ref("RequestSubject"))},
        {"items",
         array_of(ref("ResponseItem"),
                  "The answer as the reader may see it: the agency asked its own answer so far, "
                  "the hub a sent answer (through the contact's research)")},
        {"withheld_items", integer("Items withheld whole from the reader")},
        {"redactions",
         array_of(ref("Redaction"), "For the agency asked and the hub's decision makers")}}}};
  s["InformationRequests"] = {{"type", "object"},
                              {"properties",
                               {{"contact_id", integer()},
                                {"answered", {{"type", "boolean"}}},
                                {"requests", array_of(ref("InformationRequest"))}}}};
  s["ContactResearch"] = {
      {"type", "object"},
      {"properties",
       {{"contact_id", integer()},
        {"status", ref("ContactStatus")},
        {"basis",
         {{"allOf", json::array({ref("EnquiryBasis")})},
          {"nullable", true},
          {"description", "The latest basis for sharing; null before one is recorded"}}},
        {"requests", array_of(ref("InformationRequest"), "By agency")},
        {"suggested_agencies",
         array_of(json{{"type", "string"}},
                  "The agencies the hub's configuration suggests asking, by presenting issue")},
        {"may_raise",
         {{"type", "boolean"},
          {"description", "The contact is in a MASH enquiry and the token's user may ask"}}},
        {"summaries",
         array_of(ref("OutcomeSummary"),
                  "Outcome summaries sent about the contact, newest first: to whom, when and why "
                  "(body null)")},
        {"may_summarise",
         {{"type", "boolean"},
          {"description", "The contact is decided and the token's user may send its summary"}}},
        {"receiving_worker",
         nullable("string", "The worker the decision passed the contact to, if any")}}}};
  s["SummaryInput"] = {
      {"type", "object"},
      {"required", json::array({"to", "purpose"})},
      {"additionalProperties", false},
      {"properties",
       {{"to", str("Username of the receiving team's worker: an active hub practitioner")},
        {"purpose", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}},
        {"note", {{"type", "string"}, {"maxLength", 2000}}}}}};
  s["OutcomeSummary"] = {
      {"type", "object"},
      {"properties",
       {{"id", integer()},
        {"contact_id", integer()},
        {"decision_id", integer("The decision it reports")},
        {"to_username", str("The recipient")},
        {"to_agency", str("Agency code")},
        {"sent_by", str("Username")},
        {"sent_by_agency", str("Agency code")},
        {"purpose", str("Why it was sent")},
        {"note", nullable("string",
                          "The sender's covering note; null when there is none, and in a contact's "
                          "research")},
        {"body", nullable("string",
                          "What it says, as sent: the decision, the subjects, the basis and each "
                          "agency's answer as policy let the recipient read it, withheld parts as "
                          "markers. Only for its recipient and auditors; null for anyone else")},
        {"sent_at", str("RFC 3339")}}}};
  s["OutcomeSummaries"] = {{"type", "object"},
                           {"properties",
                            {{"received", array_of(ref("OutcomeSummary"), "Sent to the caller")},
                             {"sent", array_of(ref("OutcomeSummary"), "Sent by the caller")}}}};
  s["Disclosures"] = {
      {"type", "object"},
      {"properties",
       {{"contact_id", integer()},
        {"disclosures",
         array_of(
             {{"type", "object"},
              {"properties",
               {{"id", integer()},
                {"contact_id", integer()},
                {"request_id", nullable("integer", "The information request")},
                {"kind",
                 str("request (sent to an agency), response_read (an answer read), export (an "
                     "answer taken away in an exported chronology) or summary (an answer sent in "
                     "an outcome summary to a receiving team)")},
                {"from_agency", str("Agency code")},
                {"to_username", nullable("string", "null for an agency as a whole")},
                {"to_agency", str("Agency code")},
                {"purpose", str("Why")},
                {"basis", str("consent or a lawful basis's code")},
                {"items", array_of(json{{"type", "string"}}, "What was disclosed")},
                {"withheld", array_of(json{{"type", "string"}}, "What was withheld")},
                {"disclosed_at", str("RFC 3339")}}}},
             "Newest first, at most 500: this contact's and its subjects' other "
             "contacts'")}}}};
}

json body(const std::string& schema) {
  return json{{"required", true}, {"content", {{"application/json", {{"schema", ref(schema)}}}}}};
}

json answer(const std::string& description, const std::string& schema) {
  return json{{"description", description},
              {"content", {{"application/json", {{"schema", ref(schema)}}}}}};
}

}  // namespace

void add_research_openapi(json& paths, json& schemas) {
  add_schemas(schemas);
  const json id_parameter = {{"name", "id"},
                             {"in", "path"},
                             {"required", true},
                             {"schema", {{"type", "integer"}, {"minimum", 1}}}};
  const json bad_body = error_response("The body is not valid JSON");
  const json no_token = error_response("No bearer token, or not a valid one");
  const json too_large = error_response("The body is larger than 1 MiB");
  const json not_json = error_response("The Content-Type is not application/json");
  paths["/api/v1/contacts/{id}/basis"]["post"] = {
      {"summary", "Record the basis a MASH enquiry shares on"},
      {"operationId", "recordBasis"},
      {"description",
       "The family's consent, or the lawful basis and why without it; the latest stands. For "
       "tokens acting as the hub's practitioners."},
      {"parameters", json::array({id_parameter})},
      {"requestBody", body("BasisInput")},
      {"responses",
       {{"201", answer("Recorded", "EnquiryBasis")},
        {"400", bad_body},
        {"401", no_token},
        {"403", error_response("The token's user may not research enquiries")},
        {"404", error_response("There is no contact with that id")},
        {"413", too_large},
        {"415", not_json},
        {"422", error_response("A field at fault, each named")}}}};
  paths["/api/v1/contacts/{id}/requests"]["post"] = {
      {"summary", "Ask agencies what they know"},
      {"operationId", "raiseRequests"},
      {"description",
       "One information request to each agency, due by the rating's partner response time. The "
       "contact must be in a MASH enquiry with a basis recorded. All or nothing: an agency "
       "already asked or not known to the hub is a field error (agencies[N]) and nothing is "
       "sent."},
      {"parameters", json::array({id_parameter})},
      {"requestBody", body("RequestsInput")},
      {"responses",
       {{"201", answer("Sent: the requests raised", "InformationRequests")},
        {"400", bad_body},
        {"401", no_token},
        {"403", error_response("The token's user may not ask agencies")},
        {"404", error_response("There is no contact with that id")},
        {"409", error_response("Not in a MASH enquiry, no basis recorded, or not rated")},
        {"413", too_large},
        {"415", not_json},
        {"422", error_response("A field at fault, each named")}}}};
  paths["/api/v1/contacts/{id}/research"]["get"] = {
      {"summary", "A contact's research: its basis, requests and answers"},
      {"operationId", "getResearch"},
      {"description",
       "Each sent answer as the token's user may read it: items withheld by their sensitivity "
       "marks and passages by their redactions, never their text. Each read of another "
       "agency's answer is recorded as a disclosure with the purpose given."},
      {"parameters",
       json::array({id_parameter,
                    {{"name", "purpose"},
                     {"in", "query"},
                     {"required", false},
                     {"description", "Why the answers are read (at most 200 characters)"},
                     {"schema", {{"type", "string"}, {"maxLength", 200}}}}})},
      {"responses",
       {{"200", answer("The research", "ContactResearch")},
        {"400", error_response("The purpose is too long or not text")},
        {"401", no_token},
        {"403", error_response("The token's user may not read agencies' answers")},
        {"404", error_response("There is no contact with that id")}}}};
  paths["/api/v1/contacts/{id}/disclosures"]["get"] = {
      {"summary", "What was disclosed about a contact's subjects, to whom and why"},
      {"operationId", "getDisclosures"},
      {"parameters", json::array({id_parameter})},
      {"responses",
       {{"200", answer("The disclosures", "Disclosures")},
        {"401", no_token},
        {"403", error_response("The token's user may not see disclosures")},
        {"404", error_response("There is no contact with that id")}}}};
  paths["/api/v1/contacts/{id}/research/summaries"]["post"] = {
      {"summary", "Send a decided contact's outcome summary to the receiving team"},
      {"operationId", "sendSummary"},
      {"description",
       "The decision and why, the subjects, the basis for sharing and each agency's answer as "
       "policy lets the recipient read it, kept as sent. Each other agency's answer in it is a "
       "disclosure of kind summary to the recipient, who is notified without personal data. "
       "For tokens acting as the hub's practitioners; never by break-glass. The answer shows "
       "to whom, when and why, not what it says."},
      {"parameters", json::array({id_parameter})},
      {"requestBody", body("SummaryInput")},
      {"responses",
       {{"201", answer("Sent", "OutcomeSummary")},
        {"400", bad_body},
        {"401", no_token},
        {"403", error_response("The token's user may not send outcome summaries")},
        {"404", error_response("There is no contact with that id")},
        {"409", error_response("The contact has not been decided")},
        {"413", too_large},
        {"415", not_json},
        {"422", error_response("A field at fault, each named (to, purpose, note)")}}}};
  paths["/api/v1/summaries"]["get"] = {
      {"summary", "The outcome summaries sent to the token's user, and those they sent"},
      {"operationId", "getSummaries"},
      {"description",
       "Newest first, at most 100. Those received say what they hold (body); those sent say to "
       "whom, when and why. Each read is audited as summary.view."},
      {"responses",
       {{"200", answer("The summaries", "OutcomeSummaries")},
        {"401", no_token},
        {"403", error_response("The token's user may not read outcome summaries")}}}};
  paths["/api/v1/requests"]["get"] = {
      {"summary", "The information requests to the token's user's agency"},
      {"operationId", "getRequestQueue"},
      {"description",
       "Open requests by due time, then (answered=true) answered ones, newest first; at most "
       "200. Subjects and questions, not answers."},
      {"parameters", json::array({{{"name", "answered"},
                                   {"in", "query"},
                                   {"required", false},
                                   {"schema", {{"type", "boolean"}, {"default", false}}}}})},
      {"responses",
       {{"200", answer("The queue", "InformationRequests")},
        {"400", error_response("answered is not true or false")},
        {"401", no_token},
        {"403", error_response("The token's user answers no information requests")}}}};
  paths["/api/v1/requests/{id}"]["get"] = {
      {"summary", "One information request"},
      {"operationId", "getRequest"},
      {"description",
       "For the agency asked, with its own answer so far and its redactions; for the hub, "
       "without the answer (read it through the contact's research)."},
      {"parameters", json::array({id_parameter})},
      {"responses",
       {{"200", answer("The request", "InformationRequest")},
        {"401", no_token},
        {"403", error_response("The token's user answers no information requests")},
        {"404", error_response("There is no request with that id to the token's agency")}}}};
  paths["/api/v1/requests/{id}/response"]["post"] = {
      {"summary", "Save or send the agency's answer"},
      {"operationId", "respondToRequest"},
      {"parameters", json::array({id_parameter})},
      {"requestBody", body("ResponseInput")},
      {"responses",
       {{"200", answer("Saved or sent: the request with its answer", "InformationRequest")},
        {"400", bad_body},
        {"401", no_token},
        {"403", error_response("The token's user may not answer it")},
        {"404", error_response("There is no request with that id to the token's agency")},
        {"409", error_response("The answer was sent already: it stands")},
        {"413", too_large},
        {"415", not_json},
        {"422", error_response("A field at fault, each named (known.12, items[2].text, …)")}}}};
  paths["/api/v1/requests/{id}/redactions"]["post"] = {
      {"summary", "Withhold a passage of an answer from named agencies"},
      {"operationId", "redactPassage"},
      {"description",
       "Every place the words occur in the item is withheld from the agencies named; they see "
       "the reason's marker instead. For the agency that answered and the hub's decision "
       "makers."},
      {"parameters", json::array({id_parameter})},
      {"requestBody", body("RedactionInput")},
      {"responses",
       {{"201", answer("Withheld: the redactions made", "Redactions")},
        {"400", bad_body},
        {"401", no_token},
        {"403", error_response("The token's user may not withhold passages of this answer")},
        {"404", error_response("There is no request with that id to the token's agency")},
        {"409", error_response("The answer has not been sent yet")},
        {"413", too_large},
        {"415", not_json},
        {"422", error_response("A field at fault, each named")}}}};
}

}  // namespace mash::web
