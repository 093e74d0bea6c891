#include "cli/routes_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "web/routes.h"

namespace mash::cli {

void add_routes_command(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  auto* routes = app.add_subcommand("routes", "Print the hub's routes: pages, API and assets");
  routes->add_flag("--json", *json, "As JSON, for tools");
  routes->callback([json] {
    const std::vector<web::Endpoint> table = web::route_table();
    if (*json) {
      nlohmann::json list = nlohmann::json::array();
      for (const web::Endpoint& r : table)
        list.push_back({{"method", r.method},
                        {"path", r.path},
                        {"kind", std::string(web::kind_name(r.kind))},
                        {"description", r.description}});
      std::cout << nlohmann::json{{"routes", list}}.dump(2) << "\n";
      throw CLI::Success();
    }
    size_t width = 0;
    for (const web::Endpoint& r : table) width = std::max(width, r.path.size());
    for (const web::Endpoint& r : table) {
      std::string method = r.method, path = r.path, kind(web::kind_name(r.kind));
      method.resize(5, ' ');
      path.resize(width + 2, ' ');
      kind.resize(7, ' ');
      std::cout << method << path << kind << r.description << "\n";
    }
    std::cout << table.size() << " routes\n";
    throw CLI::Success();
  });
}

}  // namespace mash::cli
