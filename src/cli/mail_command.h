// The hub's e-mail settings on `mash serve` and `mash demo`, and `mash mail send` and
// `mash mail status` (issue 5: "you have a new message" e-mails, with no personal data).
#pragma once

#include <CLI/CLI.hpp>

#include "app/mail.h"

namespace mash::cli {

// Adds --smtp-host, --smtp-port, --mail-from and --mail-link to `command`, into `settings`.
void add_mail_options(CLI::App* command, app::MailSettings& settings);
// What is wrong with the e-mail options, one problem per line without the last line break; ""
// when they are right: no relay and nothing else (no e-mail), or a relay with a valid sender.
std::string mail_option_problems(const app::MailSettings& settings);

// Adds `mail send --db URL --smtp-host HOST --mail-from ADDRESS [--mail-link URL]`, which sends
// the e-mails due once (for a relay checked by hand, or a server run without e-mail), and
// `mail status --db URL`, which prints how many e-mails are in each state. They run from their
// CLI11 callbacks and end the parse with CLI::Success or CLI::RuntimeError(2).
void add_mail_command(CLI::App& app);

}  // namespace mash::cli
