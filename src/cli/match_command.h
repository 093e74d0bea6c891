// `mash match link|dedupe|eval`: person matching over CSV files (issue 3).
#pragma once

#include <CLI/CLI.hpp>

namespace mash::cli {

// Adds the `match` subcommand to `app`. The subcommand runs from its CLI11 callback and ends the
// parse with CLI::Success (exit status 0) or CLI::RuntimeError (its exit status); input problems
// are thrown as std::runtime_error with a message for the user.
void add_match_command(CLI::App& app);

}  // namespace mash::cli
