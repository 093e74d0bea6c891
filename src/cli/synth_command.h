// `mash synth population|queries`: write a synthetic population, or queries about it, as CSV
// (issue 3's matching benchmark; synth/population.h).
#pragma once

#include <CLI/CLI.hpp>

namespace mash::cli {

// Adds the `synth` subcommand to `app`; like `match`, it runs from its CLI11 callback and ends
// the parse with CLI::Success or CLI::RuntimeError(2) (a file that cannot be written).
void add_synth_command(CLI::App& app);

}  // namespace mash::cli
