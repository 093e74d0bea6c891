// The integration tests' world: one real `mash serve` on a free loopback port, over the database
// named by MASH_TEST_DB (sqlite:PATH or postgresql://…; a fresh SQLite file when unset), set up
// through the real command line (`mash migrate`, `mash user add`, `mash token create`) before the
// first test and stopped with SIGTERM after the last. Tests talk to it over real HTTP.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace mash::it {

using nlohmann::json;

// The users the environment creates (password: password_of(username)).
inline constexpr const char* kReferralAdministrator = "ra.one";
inline constexpr const char* kAgencyPractitioner = "ap.one";
inline constexpr const char* kSystemAdministrator = "sa.one";
inline constexpr const char* kThrottledUser = "ra.throttled";  // only the throttling test signs in
inline constexpr const char* kSignOutUser = "ra.signout";      // only the sign-out tests sign in
std::string password_of(const std::string& username);
std::string display_name_of(const std::string& username);

struct World {
  std::string db_url;
  int port = 0;
  std::string police_token;        // agency token: police, "Niche PPN feed"
  std::string health_token;        // agency token: health
  std::string user_token;          // user token acting as ra.one (referral administrator)
  std::string practitioner_token;  // user token acting as ap.one (agency practitioner)
};
const World& world();

// A token acting as a new user of `role` (agency childrens_social_care), made with `mash user
// add` and `mash token create` as a hub would make them; one user per call.
std::string token_for_role(const std::string& role);

// A page's text with the escapes Mustache writes (&#39; &#x2F; &quot; &amp;) turned back, and
// whether it has `text` in it.
std::string unescaped(std::string html);
bool has(const std::string& html, const std::string& text);

// Runs `mash ARGS…` to completion with `input` on its standard input.
struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CliResult run_mash(const std::vector<std::string>& args, const std::string& input = "");

// A client for the server, without keep-alive surprises: a fresh one per call is cheap.
httplib::Client client();
httplib::Headers bearer(const std::string& token);

// POST /api/v1/contacts as JSON with a bearer token.
httplib::Result post_contact(const json& body, const std::string& token);
httplib::Result post_raw(const std::string& body, const std::string& content_type,
                         const httplib::Headers& headers);

// A valid contact in the shape of the example (a police Public Protection Notice), with
// this external_ref, received an hour ago; `family_name` lets a test find it in pages.
json valid_contact(const std::string& external_ref, const std::string& family_name = "Example");
// A reference nobody has used in this run.
std::string unique_ref(const std::string& prefix);

// A new police contact about `family`, restricted with `mash contact restrict` to the user
// `granted` (who must exist): its id; 0 after a failed expectation.
int64_t restricted_contact(const std::string& family, const std::string& granted);

// Rows in a table, read straight from the database (sqlite3 or psql), to prove what was or was
// not stored.
int64_t count_rows(const std::string& table);

// Today's date and now as RFC 3339 in UTC, from the system clock the server also uses.
std::string iso_date_in_days(int days_from_today);
std::string rfc3339_utc(int64_t seconds_from_now);

// Asserts a JSON error response: status, {"error": {"code", "message", "fields"?}}, JSON content
// type, and no stack trace or internals in the body. Returns the error object.
json expect_json_error(const httplib::Result& res, int status);
// The field paths named in an error's "fields".
std::vector<std::string> error_fields(const json& error);
// True when the text has nothing that looks like a stack trace or an internal error.
bool looks_internal(const std::string& body);

// A browser without JavaScript: keeps cookies, does not follow redirects.
class Browser {
 public:
  httplib::Result get(const std::string& path);
  httplib::Result post_form(const std::string& path,
                            const std::vector<std::pair<std::string, std::string>>& fields);
  // GET /sign-in, then POST the form with its CSRF token. Returns the POST's response.
  httplib::Result sign_in(const std::string& username, const std::string& password);
  // The CSRF token of the last page fetched that had one.
  const std::string& csrf() const { return csrf_; }
  // The name of the form field that carries it ("csrf_token" unless the pages say otherwise).
  const std::string& csrf_field() const { return csrf_field_; }
  std::string cookie_header() const;
  bool has_cookie(const std::string& name) const { return cookies_.count(name) > 0; }
  const std::map<std::string, std::string>& cookies() const { return cookies_; }
  void forget_cookies() { cookies_.clear(); }

 private:
  void take(const httplib::Result& res);
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  std::string csrf_field_ = "csrf_token";
};

// The hidden CSRF input in a page: its name and value (empty when there is none).
std::pair<std::string, std::string> csrf_input(const std::string& html);
std::string csrf_in(const std::string& html);
// The Set-Cookie headers of a response.
std::vector<std::string> set_cookies(const httplib::Result& res);
std::string lower(std::string s);
bool contains_ci(const std::string& haystack, const std::string& needle);

}  // namespace mash::it
