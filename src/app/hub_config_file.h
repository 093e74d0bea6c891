// The hub configuration file (TOML), read and checked before the hub starts. Every problem is
// reported at once, each with its line and what to write instead; a file with any problem is
// refused whole (the hub does not start on half a configuration). docs/hub-config.toml is the
// standard configuration written out, with comments, to copy and edit.
#pragma once

#include <string>
#include <string_view>

#include "domain/hub_config.h"
#include "domain/result.h"

namespace mash::app {

// Reads a configuration from TOML text; `source` names it in messages ("hub.toml"). Keys left
// out take the standard configuration's values (HubConfig::standard()), except that a file
// giving any `[[ratings]]` gives them all. Fails with Error::invalid: one FieldError per
// problem, its `field` the key ("ratings[2].timescale") and its message beginning
// "SOURCE line N: ".
Result<HubConfig> parse_hub_config(std::string_view toml_text, std::string_view source);

// Reads the file at `path` (kept in the configuration's `source`); fails naming the file when it
// cannot be read.
Result<HubConfig> load_hub_config(const std::string& path);

// All of a failed load's problems, one a line, for standard error.
std::string describe_config_error(const Error& error);

}  // namespace mash::app
