#include "cli/import_command.h"

#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/hub.h"
#include "cli/csv.h"
#include "cli/current_database.h"
#include "cli/system_clock.h"
#include "store/database.h"

namespace mash::cli {
namespace {

struct Options {
  std::string db_url;
  std::string agency;
  std::string id_column;
  std::string file;
};

// The first of `names` the table has, or -1.
int find_column(const CsvTable& table, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names)
    if (int c = table.column(name); c >= 0) return c;
  return -1;
}

// "20140307" -> "2014-03-07"; anything else as written (the hub checks it).
std::string iso_date(const std::string& text) {
  if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string::npos)
    return text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
  return text;
}

// 12345 -> "12,345".
std::string with_commas(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::vector<app::SourceRecordRow> rows_of(const CsvTable& table, const Options& options) {
  int id = 0;
  if (!options.id_column.empty()) {
    id = table.column(options.id_column);
    if (id < 0)
      throw std::runtime_error(options.file + " has no column \"" + options.id_column +
                               "\" for --id");
  } else if (int named = find_column(table, {"source_id", "id"}); named >= 0) {
    id = named;
  }
  const int given =
      find_column(table, {"given_name", "first_name", "forename", "forenames", "firstname"});
  const int family = find_column(table, {"family_name", "surname", "last_name", "lastname"});
  const int other = find_column(table, {"other_names", "aliases"});
  const int dob = find_column(table, {"date_of_birth", "dob", "birth_date"});
  const int sex = find_column(table, {"sex", "gender"});
  const int line1 = find_column(table, {"address_line1", "address_1", "address_line_1"});
  const int line2 = find_column(table, {"address_line2", "address_2", "address_line_2"});
  const int town = find_column(table, {"town", "suburb", "city"});
  const int postcode = find_column(table, {"postcode", "post_code"});
  const int nhs = find_column(table, {"nhs_number", "nhs_no"});
  const int upn = find_column(table, {"upn"});
  if (given < 0 && family < 0)
    throw std::runtime_error(options.file +
                             " has no name columns (given_name, first_name or forename; "
                             "family_name, surname or last_name)");

  std::vector<app::SourceRecordRow> rows;
  rows.reserve(table.rows.size());
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    auto at = [&](int c) { return c >= 0 ? row[c] : std::string(); };
    app::SourceRecordRow r;
    r.line = table.row_lines[i];
    r.source_id = at(id);
    r.given_name = at(given);
    r.family_name = at(family);
    r.other_names = at(other);
    r.date_of_birth = iso_date(at(dob));
    r.sex = at(sex);
    r.address_line1 = at(line1);
    r.address_line2 = at(line2);
    r.town = at(town);
    r.postcode = at(postcode);
    r.nhs_number = at(nhs);
    r.upn = at(upn);
    rows.push_back(std::move(r));
  }
  return rows;
}

void run_import(const Options& options) {
  auto table = read_csv_file(options.file);
  if (!table) throw std::runtime_error(table.error().message);
  const std::vector<app::SourceRecordRow> rows = rows_of(*table, options);

  auto db = current_database(options.db_url);
  SystemClock clock;
  app::Hub hub(*db, clock, app::administration_options());
  auto progress = [](size_t done, size_t total) {
    std::cerr << "\rImporting: " << with_commas(done) << " / " << with_commas(total) << " ("
              << (total ? done * 100 / total : 100) << "%)" << std::flush;
  };
  auto report =
      hub.import_source_records(app::command_line_actor(), options.agency, rows, progress);
  if (!report) {
    const Error& e = report.error();
    for (const FieldError& f : e.fields)
      std::cerr << (f.field.empty() ? std::string() : f.field + ": ") << f.message << "\n";
    throw std::runtime_error(e.message);
  }
  std::cerr << "\n";
  std::cout << "Imported " << report->imported << " records for " << report->agency << ".\n";
}

}  // namespace

void add_import_command(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto* import = app.add_subcommand("import", "Load data into the hub in bulk");
  import->require_subcommand(1);
  auto* persons = import->add_subcommand(
      "persons", "Load an agency's index of people from a CSV file: all rows or none");
  persons
      ->add_option("--db", options->db_url,
                   "Database: sqlite:PATH or postgresql://USER@HOST:PORT/DB")
      ->required();
  persons->add_option("--agency", options->agency, "Code of the agency whose index it is")
      ->required();
  persons->add_option("--id", options->id_column,
                      "Column of the agency's record id (default: source_id or id, else the "
                      "first)");
  persons->add_option("file", options->file, "FILE.csv")->required();
  persons->callback([options] {
    try {
      run_import(*options);
    } catch (const store::StoreError&) {
      throw;
    } catch (const std::runtime_error& e) {
      std::cerr << "mash: " << e.what() << std::endl;
      throw CLI::RuntimeError(2);
    }
    throw CLI::Success();
  });
}

}  // namespace mash::cli
