// The OpenAPI 3 description of /api/v1, served at /api/v1/openapi.json. Its code lists come from
// the domain's code tables, so they cannot drift from what the API accepts. Internal to web/.
#pragma once

#include <string>

namespace mash::web {

inline constexpr const char* kApiVersion = "0.1.0";

std::string openapi_document();

}  // namespace mash::web
