// `mash clock due` and `mash config check`: for a hub manager to check the rules they configured
// (issue 4) before the hub uses them.
#pragma once

#include <CLI/CLI.hpp>

namespace mash::cli {

// Adds `clock due --rating RATING --received TIME [--config FILE]`, which prints when a contact
// received at TIME and so rated falls due (RFC 3339, London's offset), and `config check FILE`,
// which reads a hub configuration file and prints a summary or every problem by line. Like
// `match`, they run from their CLI11 callbacks and end the parse with CLI::Success or
// CLI::RuntimeError(2).
void add_clock_commands(CLI::App& app);

}  // namespace mash::cli
