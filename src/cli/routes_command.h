// `mash routes`: the hub's route table, as the server registers it, without a database.
#pragma once

#include <CLI/CLI.hpp>

namespace mash::cli {

// Adds `routes [--json]`, which prints every route (method, template, kind and what it is): a
// table for people, or with --json {"routes": [{"method", "path", "kind", "description"}, …]}
// for tools such as the access matrix test. Like `match`, it runs from its CLI11 callback and
// ends the parse with CLI::Success.
void add_routes_command(CLI::App& app);

}  // namespace mash::cli
