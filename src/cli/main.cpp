// mash: the Multi-Agency Safeguarding Hub. Subcommands: serve, demo, migrate, user add,
// token create, agency add, contact restrict, audit verify, routes.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>

#include "app/clock_watch.h"
#include "app/demo.h"
#include "app/hub.h"
#include "app/hub_config_file.h"
#include "audit/audit.h"
#include "cli/clock_command.h"
#include "cli/import_command.h"
#include "cli/mail_command.h"
#include "cli/match_command.h"
#include "cli/routes_command.h"
#include "cli/synth_command.h"
#include "cli/system_clock.h"
#include "store/database.h"
#include "web/server.h"

namespace {

using namespace mash;
using cli::SystemClock;

// A usage or input problem: printed as "mash: …", exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Schema { migrate, expect_current, as_is };

std::unique_ptr<store::Database> open_database(const std::string& url, Schema schema) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::filesystem::path path = url.substr(url.rfind("sqlite://", 0) == 0 ? 9 : 7);
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  }
  auto db = store::Database::open(url);
  if (schema == Schema::migrate) {
    int applied = db->migrate();
    if (applied > 0)
      spdlog::info("Database {}: applied {} migration(s), schema version {}", db->display_url(),
                   applied, db->schema_version());
  } else if (schema == Schema::expect_current &&
             db->schema_version() < store::Database::latest_schema_version()) {
    throw UsageError("The database " + db->display_url() +
                     " is not up to date: run `mash migrate --db URL` first");
  }
  return db;
}

std::string error_text(const Error& e) {
  std::string out = e.message;
  for (const FieldError& f : e.fields)
    out += "\n  " + (f.field.empty() ? std::string() : f.field + ": ") + f.message;
  return out;
}

template <class T>
T expect(Result<T> r) {
  if (!r) throw UsageError(error_text(r.error()));
  return std::move(r).value();
}

// The first line of standard input, without echo when it is a terminal.
std::string read_password() {
  const bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << "Password: " << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int run(int argc, char** argv) {
  CLI::App cli{"MASH: the Multi-Agency Safeguarding Hub"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", "mash 0.1.0");
  std::string log_level = "info";
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->capture_default_str();

  std::string db_url;
  auto add_db = [&](CLI::App* c, bool required) {
    auto* o =
        c->add_option("--db", db_url, "Database: sqlite:PATH or postgresql://USER@HOST:PORT/DB");
    if (required) o->required();
    return o;
  };
  web::ServerOptions server;
  auto add_server = [&](CLI::App* c) {
    c->add_option("--host", server.host, "Address to listen on")->capture_default_str();
    c->add_option("--port", server.port, "Port to listen on")
        ->capture_default_str()
        ->check(CLI::Range(1, 65535));
    c->add_option("--threads", server.threads, "Worker threads")
        ->capture_default_str()
        ->check(CLI::Range(2, 1024));
    c->add_option("--boards", server.boards,
                  "Live case tracker boards served at once (each holds a thread of its own)")
        ->capture_default_str()
        ->check(CLI::Range(0, 4096));
    c->add_option("--static", server.static_dirs, "Folders of assets to serve at /assets");
    c->add_option("--tls-cert", server.tls_cert_file, "PEM certificate: serve HTTPS");
    c->add_option("--tls-key", server.tls_key_file, "PEM private key for --tls-cert");
    c->add_flag("--secure-cookies", server.secure_cookies,
                "Mark cookies Secure (when a TLS proxy is in front)");
  };

  std::string config_file;
  auto add_config = [&](CLI::App* c) {
    c->add_option(
        "--config", config_file,
        "Hub configuration (TOML; see docs/hub-config.toml); default: the standard rules");
  };
  int clock_watch_seconds = 30;
  int break_glass_minutes = app::HubOptions{}.break_glass_minutes;
  auto add_watch = [&](CLI::App* c) {
    c->add_option("--clock-watch", clock_watch_seconds,
                  "Seconds between checks for clocks past their due time")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    c->add_option("--break-glass-minutes", break_glass_minutes,
                  "How long a break-glass access to a restricted contact lasts")
        ->check(CLI::Range(1, 24 * 60))
        ->capture_default_str();
  };
  app::MailSettings mail;
  int mail_every_seconds = 30;
  auto add_mail = [&](CLI::App* c) {
    cli::add_mail_options(c, mail);
    c->add_option("--mail-every", mail_every_seconds, "Seconds between sending the e-mails due")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
  };
  auto* serve = cli.add_subcommand("serve", "Serve the hub over HTTP");
  add_watch(serve);
  add_mail(serve);
  add_db(serve, true);
  add_server(serve);
  add_config(serve);

  uint64_t seed = 2026;
  int demo_contacts = 300;
  auto* demo =
      cli.add_subcommand("demo", "Seed an empty database with synthetic demo data, then serve");
  db_url = "sqlite:var/demo.db";
  add_db(demo, false)->capture_default_str();
  add_server(demo);
  add_config(demo);
  add_watch(demo);
  add_mail(demo);
  demo->add_option("--seed", seed, "Seed of the synthetic data")->capture_default_str();
  demo->add_option("--contacts", demo_contacts, "How many contacts to seed")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));

  auto* migrate = cli.add_subcommand("migrate", "Apply the database's schema migrations");
  add_db(migrate, true);

  auto* user = cli.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* user_add =
      user->add_subcommand("add", "Add a user (password: first line of standard input)");
  add_db(user_add, true);
  User new_user;
  std::string role_code;
  user_add->add_option("--username", new_user.username, "Username")->required();
  user_add->add_option("--role", role_code, "Role code, e.g. referral_administrator")->required();
  user_add->add_option("--agency", new_user.agency, "Agency code, e.g. childrens_social_care")
      ->required();
  user_add->add_option("--name", new_user.display_name, "Display name, e.g. \"Priya Shah\"");
  std::string new_user_email;
  user_add->add_option("--email", new_user_email,
                       "Address for \"you have a new message\" e-mails (no personal data)");
  auto* user_email = user->add_subcommand(
      "email", "Set the address a user's \"you have a new message\" e-mails go to");
  add_db(user_email, true);
  std::string email_username, email_address;
  bool email_remove = false;
  user_email->add_option("--username", email_username, "Username")->required();
  auto* address_opt = user_email->add_option("--address", email_address, "E-mail address");
  auto* remove_opt =
      user_email->add_flag("--remove", email_remove, "Remove the address: no more e-mails");
  address_opt->excludes(remove_opt);

  auto* token = cli.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand(
      "create", "Create an API token for an agency system (--agency, --name) or a user (--user)");
  add_db(token_create, true);
  std::string token_agency, token_user, token_name;
  auto* agency_opt =
      token_create->add_option("--agency", token_agency, "Agency code of the system");
  auto* user_opt = token_create->add_option("--user", token_user, "Username the token acts as");
  token_create->add_option("--name", token_name, "What the token is for, e.g. \"Niche PPN feed\"");
  agency_opt->excludes(user_opt);

  auto* agency = cli.add_subcommand("agency", "Manage the hub's agencies");
  agency->require_subcommand(1);
  auto* agency_add = agency->add_subcommand("add", "Add an agency of the hub's own");
  add_db(agency_add, true);
  Agency new_agency;
  agency_add->add_option("--code", new_agency.code, "Code, e.g. young_carers_service")->required();
  agency_add->add_option("--name", new_agency.name, "Name, e.g. \"Young carers service\"")
      ->required();

  auto* contact = cli.add_subcommand("contact", "Administer contacts");
  contact->require_subcommand(1);
  auto* contact_restrict = contact->add_subcommand(
      "restrict",
      "Restrict a contact: hide it from everyone but the users granted it (--grant), for a hub "
      "employee's relative, a high-profile person or a confidential address");
  add_db(contact_restrict, true);
  int64_t restrict_id = 0;
  std::vector<std::string> restrict_grants, restrict_excludes;
  std::string restrict_reason;
  contact_restrict->add_option("ID", restrict_id, "The contact's id")
      ->required()
      ->check(CLI::Range(int64_t{1}, std::numeric_limits<int64_t>::max()));
  contact_restrict->add_option("--grant", restrict_grants,
                               "Usernames of the users who may still see it (none: nobody may)");
  contact_restrict->add_option(
      "--exclude", restrict_excludes,
      "Usernames of users connected to it (a relative's contact): they may not break glass on it, "
      "are not told when someone does, and do not review it");
  contact_restrict->add_option("--reason", restrict_reason, "Why it is restricted")->required();

  auto* audit_cmd = cli.add_subcommand("audit", "Check the audit log");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand("verify", "Verify the audit log's hash chain");
  add_db(verify, true);

  cli::add_match_command(cli);
  cli::add_import_command(cli);
  cli::add_synth_command(cli);
  cli::add_clock_commands(cli);
  cli::add_routes_command(cli);
  cli::add_mail_command(cli);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  spdlog::set_default_logger(spdlog::stderr_color_mt("mash"));
  spdlog::set_level(spdlog::level::from_str(log_level));
  SystemClock clock;

  if (*serve || *demo) {
    if (std::string problems = cli::mail_option_problems(mail); !problems.empty())
      throw UsageError(problems);
    const bool send_mail = !mail.server.host.empty();
    app::HubOptions options;
    options.break_glass_minutes = break_glass_minutes;
    if (!config_file.empty()) {
      auto config = app::load_hub_config(config_file);
      if (!config) {
        std::cerr << "mash: " << app::describe_config_error(config.error());
        return 2;
      }
      options.config = std::move(config).value();
    }
    auto db = open_database(db_url, Schema::migrate);
    app::Hub hub(*db, clock, options);
    if (*demo) {
      std::cout << "Seeding demo data…" << std::endl;
      app::DemoSeed s = app::seed_demo(hub, *db, seed, demo_contacts);
      if (s.seeded) {
        std::cout << "Seeded " << s.contacts << " synthetic contacts (" << s.screened
                  << " screened), " << s.source_records
                  << " records in the health, education and police indexes and "
                  << s.accounts.size() << " demo users.\n\nSign in at http://" << server.host << ":"
                  << server.port << "/sign-in with password " << s.password << " and one of:\n";
        for (const auto& a : s.accounts)
          std::cout << "  " << a.username << "  (" << label_of(a.role) << ", " << a.agency << ")\n";
        if (s.restricted_contact > 0)
          std::cout << "\nContact " << s.restricted_contact
                    << " is restricted to dm.demo: open /contacts/" << s.restricted_contact
                    << " as sw.demo to try break-glass, and review it as hm.demo or dpo.demo.\n";
        std::cout << "\nDemo police system API token: " << s.police_token << "\n" << std::endl;
      } else {
        std::cout << "The database already has users: demo data not added. Sign in with the "
                     "accounts seeded before (password demo-password-2026)."
                  << std::endl;
      }
    }
    app::ClockWatch watch(hub, std::chrono::seconds(clock_watch_seconds));
    std::optional<app::MailSender> sender;
    if (send_mail) sender.emplace(hub, mail, std::chrono::seconds(mail_every_seconds));
    return web::serve(hub, server);
  }
  if (*migrate) {
    auto db = open_database(db_url, Schema::as_is);
    int applied = db->migrate();
    std::cout << "Applied " << applied << " migration(s); schema version " << db->schema_version()
              << ".\n";
    return 0;
  }
  if (*user_add) {
    auto db = open_database(db_url, Schema::expect_current);
    app::Hub hub(*db, clock, app::administration_options());
    auto role = from_code<Role>(role_code);
    if (!role) {
      std::string codes;
      for (const auto& e : code_table<Role>())
        codes += (codes.empty() ? "" : ", ") + std::string(e.code);
      throw UsageError("Unknown role \"" + role_code + "\": use one of " + codes);
    }
    new_user.role = *role;
    if (!new_user_email.empty() && !mail::valid_address(new_user_email))
      throw UsageError("--email: enter an e-mail address like name@example.gov.uk");
    const std::string password = read_password();
    User added = expect(hub.add_user(app::command_line_actor(), new_user, password));
    if (!new_user_email.empty())
      expect(hub.set_user_email(app::command_line_actor(), added.username, new_user_email));
    std::cout << "Added user " << added.username << " (" << label_of(added.role) << ", "
              << added.agency << ")" << (new_user_email.empty() ? "" : ", with an e-mail address")
              << ".\n";
    return 0;
  }
  if (*user_email) {
    if (email_address.empty() && !email_remove)
      throw UsageError("Give --address ADDRESS, or --remove to remove the user's address");
    auto db = open_database(db_url, Schema::expect_current);
    app::Hub hub(*db, clock, app::administration_options());
    expect(hub.set_user_email(app::command_line_actor(), email_username, email_address));
    std::cout << (email_remove ? "Removed the e-mail address of " : "Set the e-mail address of ")
              << email_username << ".\n";
    return 0;
  }
  if (*token_create) {
    auto db = open_database(db_url, Schema::expect_current);
    app::Hub hub(*db, clock, app::administration_options());
    app::TokenCreated t;
    if (!token_user.empty()) {
      t = expect(hub.create_user_token(app::command_line_actor(), token_user, token_name));
    } else if (!token_agency.empty()) {
      t = expect(hub.create_agency_token(app::command_line_actor(), token_agency, token_name));
    } else {
      throw UsageError("Say who the token is for: --agency CODE --name NAME, or --user USERNAME");
    }
    std::cout << "Created API token \"" << t.name
              << "\". It is shown once, here; send it as Authorization: Bearer TOKEN.\n"
              << t.token << std::endl;
    return 0;
  }
  if (*agency_add) {
    auto db = open_database(db_url, Schema::expect_current);
    app::Hub hub(*db, clock, app::administration_options());
    Agency a = expect(hub.add_agency(app::command_line_actor(), new_agency));
    std::cout << "Added agency " << a.code << " (" << a.name << ").\n";
    return 0;
  }
  if (*contact_restrict) {
    auto db = open_database(db_url, Schema::expect_current);
    app::Hub hub(*db, clock, app::administration_options());
    app::ContactRestriction r =
        expect(hub.restrict_contact(app::command_line_actor(), restrict_id, restrict_grants,
                                    restrict_reason, restrict_excludes));
    auto list = [](const std::vector<std::string>& names) {
      std::string out;
      for (const std::string& u : names) out += (out.empty() ? "" : ", ") + u;
      return out;
    };
    std::cout << "Restricted contact " << r.contact_id << ": "
              << (r.granted.empty() ? std::string("no user may see it.")
                                    : "only " + list(r.granted) + " may see it.");
    if (!r.excluded.empty())
      std::cout << " Kept out of its break-glass and reviews: " << list(r.excluded) << ".";
    std::cout << "\n";
    return 0;
  }
  if (*verify) {
    auto db = open_database(db_url, Schema::expect_current);
    audit::Verification v = audit::verify(*db);
    if (v.ok) {
      std::cout << "Audit chain verified: " << v.events_checked << " events\n";
      return 0;
    }
    std::cout << "Audit chain broken at event " << v.first_bad_seq << ": " << v.problem << "\n";
    return 1;
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "mash: " << e.what() << std::endl;
    return 2;
  } catch (const mash::store::StoreError& e) {
    std::cerr << "mash: " << e.what() << std::endl;
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "mash: unexpected error: " << e.what() << std::endl;
    return 4;
  }
}
