// `mash import persons`: load an agency's index of people from a CSV file (issue 3).
#pragma once

#include <CLI/CLI.hpp>

namespace mash::cli {

// Adds the `import` subcommand to `app`. Like `match`, it runs from its CLI11 callback and ends
// the parse with CLI::Success or CLI::RuntimeError(2) for bad input (each bad row printed on
// standard error as "line N: reason", and nothing stored).
void add_import_command(CLI::App& app);

}  // namespace mash::cli
