// Small pieces of HTTP shared by the page and API handlers: forms, cookies, responses, tokens,
// and the Site every handler is given. Internal to web/.
#pragma once

#include <httplib.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact.h"
#include "web/routes.h"
#include "web/server.h"

namespace mash::app {
class Hub;
}

namespace mash::web {

// What every handler needs: the use cases and how the server was started.
struct Site {
  app::Hub& hub;
  ServerOptions options;
  bool secure = false;  // cookies get the Secure attribute
};

// Each file's routes, registered through the route table (web/routes.h; add_routes calls them
// all in order).
void add_asset_routes(Routes& routes);  // web/server.cpp
void add_auth_routes(Routes& routes);
void add_contact_routes(Routes& routes);
void add_new_contact_routes(Routes& routes);
void add_rating_routes(Routes& routes);
void add_decision_routes(Routes& routes);
void add_api_routes(Routes& routes);
// Issue 4: the DASH checklist's form (web/pages_dash.cpp) and the configuration page for those
// who may see it (web/pages_admin.cpp).
void add_dash_routes(Routes& routes);
void add_admin_routes(Routes& routes);
void add_tracker_routes(Routes& routes);
// Issue 5: a contact's research (web/pages_research.cpp) and an agency's requests
// (web/pages_requests.cpp).
void add_research_routes(Routes& routes);
void add_request_routes(Routes& routes);
void add_message_routes(Routes& routes);      // web/pages_messages.cpp
void add_break_glass_routes(Routes& routes);  // web/pages_break_glass.cpp
void add_chronology_routes(Routes& routes);   // web/pages_chronology.cpp
void add_summary_routes(Routes& routes);      // web/pages_summaries.cpp
void add_performance_routes(Routes& routes);  // web/pages_performance.cpp

// An application/x-www-form-urlencoded body; a name may repeat (checkboxes).
using Form = std::multimap<std::string, std::string>;
Form parse_form(std::string_view body);
std::string form_value(const Form& form, const std::string& name);
std::vector<std::string> form_values(const Form& form, const std::string& name);
std::string url_encode(std::string_view text);
// `text` as well-formed UTF-8 (each bad byte becomes U+FFFD) without control characters other
// than line feed and tab.
std::string clean_text(std::string_view text);

std::string cookie_value(const httplib::Request& req, std::string_view name);
// HttpOnly, SameSite=Strict, Path=/, Secure when asked; a session cookie unless max_age >= 0.
void set_cookie(httplib::Response& res, std::string_view name, std::string_view value, bool secure,
                int max_age = -1);
void clear_cookie(httplib::Response& res, std::string_view name, bool secure);

void send_html(httplib::Response& res, int status, std::string body);
void send_json(httplib::Response& res, int status, std::string body);
void redirect(httplib::Response& res, const std::string& location);  // 303 See Other

// 32 random bytes from the kernel, as 64 hex digits.
std::string random_token();
// Compares in time that does not depend on where the strings differ.
bool same_secret(std::string_view a, std::string_view b);
// A path on this site ("/contacts?page=2"), not "//elsewhere" or "https://…".
bool is_local_path(std::string_view path);

// The route template a handler serves ("/contacts/{id}"), for the access log: never the
// concrete path or its query, which can carry personal data. The route table sets it before
// each handler runs (web/routes.h).
void set_route(const char* route_template);
const char* current_route();

// "C-000123": domain/contact.h's, for every page.
using mash::contact_reference;
// "/contacts/123" -> 123; 0 when the text is not a positive number.
int64_t parse_id(const std::string& text);

}  // namespace mash::web
