// Building blocks of the OpenAPI document shared by its files (openapi.cpp, openapi_screening.cpp,
// openapi_research.cpp). Internal to web/.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace mash::web {

using json = nlohmann::ordered_json;

json ref(const std::string& name);  // {"$ref": "#/components/schemas/NAME"}
json str(const std::string& description, const std::string& example = "");
json error_response(const std::string& description);  // a response with the Error schema

// The screening decision's and notifications' operations and schemas (issue 4).
void add_screening_openapi(json& paths, json& schemas);
// Multi-agency research's operations and schemas (issue 5; openapi_research.cpp).
void add_research_openapi(json& paths, json& schemas);
// The performance figures' (openapi_performance.cpp).
void add_performance_openapi(json& paths, json& schemas);
// Break-glass's (openapi_break_glass.cpp).
void add_break_glass_openapi(json& paths, json& schemas);

}  // namespace mash::web
