// The hub's route table: every page, API call and the assets, each with its method, template
// ("/contacts/{id}/rating"), kind and a line saying what it is. The server registers its handlers
// through it and `mash routes` prints it, from the same code, so the two cannot differ; the
// access matrix test (tests/integration/access_matrix_test.cpp) tries every route in it.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mash::web {

struct Site;

enum class RouteKind {
  page,   // a GOV.UK page for people signed in with a browser (numeric ids in its path)
  api,    // /api/v1: JSON for bearer tokens (any id segment, so a bad one gets a JSON 404)
  asset,  // static files under a mount point: the same for everyone
};
std::string_view kind_name(RouteKind kind);  // "page", "api", "asset"

// One route of the table (an HTTP route: not a contact's screening Route).
struct Endpoint {
  std::string method;  // "GET" or "POST"
  std::string path;    // the template: "/contacts/{id}/rating", "/assets/*"
  RouteKind kind = RouteKind::page;
  std::string description;  // one line, for `mash routes` and docs/access-matrix.md
};

// Every route the server serves, in the order it registers them. Needs no database.
std::vector<Endpoint> route_table();

// --- for web/ only ------------------------------------------------------------------------

using Handler = std::function<void(Site&, const httplib::Request&, httplib::Response&)>;

// Records routes and, when made with a server, registers each one there: the template becomes
// the path's regex ("{id}" and "{link}" are 1 to 18 digits in a page, "{n}" 1 to 4; any
// "{name}" is one segment, "([^/]+)", in the API), and the handler runs with the site after the
// template is set as the request's route for the access log (current_route()). A template with a
// placeholder its kind does not know, or registered twice, throws std::logic_error.
class Routes {
 public:
  Routes() = default;  // records only; `site()` is null and no handler is ever run
  Routes(httplib::Server& server, Site& site) : server_(&server), site_(&site) {}

  void get(RouteKind kind, std::string path, std::string description, Handler handler);
  void post(RouteKind kind, std::string path, std::string description, Handler handler);
  // Static files from `dirs` (the first holding a file wins) under `prefix` ("/assets"), with
  // `headers` on each; recorded as GET PREFIX/*.
  void mount(const std::string& prefix, std::string description,
             const std::vector<std::string>& dirs, const httplib::Headers& headers);

  Site* site() const { return site_; }
  const std::vector<Endpoint>& table() const { return table_; }

 private:
  void add(std::string method, RouteKind kind, std::string path, std::string description,
           Handler handler);
  httplib::Server* server_ = nullptr;
  Site* site_ = nullptr;
  std::vector<Endpoint> table_;
};

// Every route of the hub, registered on `routes` in the server's order (web/routes.cpp).
void add_routes(Routes& routes);

}  // namespace mash::web
