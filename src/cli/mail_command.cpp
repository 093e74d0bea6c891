#include "cli/mail_command.h"

#include <iostream>
#include <memory>
#include <string>

#include "app/hub.h"
#include "cli/current_database.h"
#include "cli/system_clock.h"
#include "store/database.h"
#include "store/mail.h"

namespace mash::cli {
namespace {

struct Options {
  std::string db_url;
  app::MailSettings settings;
};

// Runs `body`; a problem in the input ends with its message and exit status 2.
template <class Body>
void run_command(Body body) {
  try {
    body();
  } catch (const store::StoreError&) {
    throw;
  } catch (const CLI::Error&) {
    throw;
  } catch (const std::runtime_error& e) {
    std::cerr << "mash: " << e.what() << std::endl;
    throw CLI::RuntimeError(2);
  }
  throw CLI::Success();
}

}  // namespace

void add_mail_options(CLI::App* c, app::MailSettings& s) {
  c->add_option("--smtp-host", s.server.host,
                "Mail relay to send \"you have a new message\" e-mails through (none: no e-mail)");
  c->add_option("--smtp-port", s.server.port, "The mail relay's port")
      ->capture_default_str()
      ->check(CLI::Range(1, 65535));
  c->add_option("--mail-from", s.from, "Address the e-mails come from");
  c->add_option("--mail-link", s.link,
                "The hub's address as users reach it, for the e-mail's link, e.g. "
                "https://mash.example.gov.uk");
}

std::string mail_option_problems(const app::MailSettings& s) {
  std::string problems;
  if (s.server.host.empty()) {
    if (!s.from.empty() || !s.link.empty())
      problems =
          "--mail-from and --mail-link need --smtp-host: without a mail relay no e-mail is "
          "sent\n";
  } else {
    problems = app::describe_mail_settings_problems(s);
  }
  if (!problems.empty()) problems.pop_back();
  return problems;
}

void add_mail_command(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto* mail = app.add_subcommand("mail", "The hub's \"you have a new message\" e-mails");
  mail->require_subcommand(1);
  auto add_db = [&](CLI::App* c) {
    c->add_option("--db", options->db_url,
                  "Database: sqlite:PATH or postgresql://USER@HOST:PORT/DB")
        ->required();
  };

  auto* send = mail->add_subcommand("send", "Send the e-mails that are due, once");
  add_db(send);
  add_mail_options(send, options->settings);
  send->callback([options] {
    run_command([&] {
      if (options->settings.server.host.empty())
        throw std::runtime_error("Give the mail relay's host name with --smtp-host");
      if (std::string problems = mail_option_problems(options->settings); !problems.empty())
        throw std::runtime_error(problems);
      auto db = current_database(options->db_url);
      SystemClock clock;
      app::Hub hub(*db, clock, app::administration_options());
      const app::MailReport r = hub.deliver_mail(options->settings);
      std::cout << "E-mails: " << r.sent << " sent, " << r.retrying << " to try again, " << r.failed
                << " failed, " << r.expired << " expired, " << r.cancelled << " cancelled.\n";
      if (!r.relay_problem.empty()) {
        std::cerr << "mash: the mail relay refused or could not be reached (" << r.relay_problem
                  << "): the e-mails due wait for the next try\n";
        throw CLI::RuntimeError(1);
      }
    });
  });

  auto* status = mail->add_subcommand("status", "How many e-mails are in each state");
  add_db(status);
  status->callback([options] {
    run_command([&] {
      auto db = current_database(options->db_url);
      std::vector<store::MailCount> counts;
      db->read([&](store::Tx& tx) { counts = store::mail_counts(tx); });
      if (counts.empty()) std::cout << "No e-mails yet.\n";
      for (const store::MailCount& c : counts) std::cout << c.state << ": " << c.count << "\n";
    });
  });
}

}  // namespace mash::cli
