// The route table, and registering each route's handler from it.
#include "web/routes.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "web/contact_matches.h"
#include "web/http.h"

namespace mash::web {

std::string_view kind_name(RouteKind kind) {
  switch (kind) {
    case RouteKind::page:
      return "page";
    case RouteKind::api:
      return "api";
    case RouteKind::asset:
      return "asset";
  }
  return "page";
}

namespace {

// The regex a route's template matches ("/contacts/{id}" -> "/contacts/(\d{1,18})"); throws
// std::logic_error for a placeholder the kind does not know.
std::string route_pattern(RouteKind kind, std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '{') {
      const size_t close = path.find('}', i);
      if (close == std::string_view::npos)
        throw std::logic_error("route " + std::string(path) + ": a '{' without its '}'");
      const std::string_view name = path.substr(i + 1, close - i - 1);
      // The API takes any segment, so that a bad id is answered in JSON (404) by its handler
      // rather than with the HTML page for an unknown path.
      if (kind == RouteKind::api)
        out += "([^/]+)";
      else if (name == "id" || name == "link" || name == "subject")
        out += R"((\d{1,18}))";
      else if (name == "n")
        out += R"((\d{1,4}))";
      else
        throw std::logic_error("route " + std::string(path) + ": no pattern for {" +
                               std::string(name) + "}");
      i = close;
      continue;
    }
    if (std::string_view(".^$|()[]*+?\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

void Routes::get(RouteKind kind, std::string path, std::string description, Handler handler) {
  add("GET", kind, std::move(path), std::move(description), std::move(handler));
}

void Routes::post(RouteKind kind, std::string path, std::string description, Handler handler) {
  add("POST", kind, std::move(path), std::move(description), std::move(handler));
}

void Routes::add(std::string method, RouteKind kind, std::string path, std::string description,
                 Handler handler) {
  const std::string pattern = route_pattern(kind, path);
  for (const Endpoint& r : table_)
    if (r.method == method && r.path == path)
      throw std::logic_error("route " + method + " " + path + " is registered twice");
  if (server_) {
    httplib::Server::Handler run = [site = site_, route = path, handler = std::move(handler)](
                                       const httplib::Request& req, httplib::Response& res) {
      set_route(route.c_str());
      handler(*site, req, res);
    };
    if (method == "GET")
      server_->Get(pattern, std::move(run));
    else
      server_->Post(pattern, std::move(run));
  }
  table_.push_back(Endpoint{std::move(method), std::move(path), kind, std::move(description)});
}

void Routes::mount(const std::string& prefix, std::string description,
                   const std::vector<std::string>& dirs, const httplib::Headers& headers) {
  if (server_) {
    for (const auto& dir : dirs)
      if (!server_->set_mount_point(prefix, dir, headers))
        spdlog::warn("static folder {} not found; its assets will be missing", dir);
  }
  table_.push_back(Endpoint{"GET", prefix + "/*", RouteKind::asset, std::move(description)});
}

void add_routes(Routes& routes) {
  add_asset_routes(routes);
  add_auth_routes(routes);
  add_contact_routes(routes);
  add_new_contact_routes(routes);
  add_match_routes(routes);
  add_rating_routes(routes);
  add_decision_routes(routes);
  add_dash_routes(routes);
  add_admin_routes(routes);
  add_api_routes(routes);
  add_tracker_routes(routes);
  add_research_routes(routes);
  add_chronology_routes(routes);
  add_summary_routes(routes);
  add_request_routes(routes);
  add_message_routes(routes);
  add_break_glass_routes(routes);
  add_performance_routes(routes);
}

std::vector<Endpoint> route_table() {
  Routes routes;
  add_routes(routes);
  return routes.table();
}

}  // namespace mash::web
