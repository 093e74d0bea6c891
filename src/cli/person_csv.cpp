#include "cli/person_csv.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>

#include "cli/csv.h"

namespace mash::cli {
namespace {

using match::MatchRecord;
using match::PersonFields;

// The record fields a CSV column can feed, with the column names recognised for each.
struct FieldColumns {
  std::string_view field;
  std::vector<std::string_view> names;
};
const std::vector<FieldColumns>& recognised_columns() {
  static const std::vector<FieldColumns> fields = {
      {"given_name", {"given_name", "first_name", "forename", "forenames", "firstname"}},
      {"family_name", {"family_name", "surname", "last_name", "lastname"}},
      {"date_of_birth", {"date_of_birth", "dob", "birth_date"}},
      {"postcode", {"postcode", "post_code", "zip"}},
      {"address",
       {"street_number", "house_number", "address", "address_1", "address_2", "address_line_1",
        "address_line_2"}},
      {"town", {"suburb", "town", "city"}},
      {"sex", {"sex", "gender"}},
      {"nhs_number", {"nhs_number", "nhs_no"}},
      {"other_identifier", {"soc_sec_id", "other_identifier", "upn"}},
      {"email", {"email", "email_address"}},
  };
  return fields;
}

// Which columns feed each field, for one file's header.
struct ColumnPlan {
  int id = 0;
  std::map<std::string, std::vector<int>, std::less<>> fields;
};

Result<ColumnPlan> plan_columns(const CsvTable& table, const PersonCsvOptions& options,
                                const std::string& file) {
  auto invalid = [](std::string message) { return Error::invalid({}, std::move(message)); };
  ColumnPlan plan;
  if (!options.id_column.empty()) {
    plan.id = table.column(options.id_column);
    if (plan.id < 0) return invalid(file + " has no column \"" + options.id_column + "\" for --id");
  }
  for (const auto& f : recognised_columns())
    for (std::string_view name : f.names)
      if (int c = table.column(name); c >= 0 && c != plan.id)
        plan.fields[std::string(f.field)].push_back(c);
  for (const std::string& entry : options.map) {
    const size_t eq = entry.find('=');
    const std::string field = entry.substr(0, eq);
    if (eq == std::string::npos ||
        std::none_of(recognised_columns().begin(), recognised_columns().end(),
                     [&](const FieldColumns& f) { return f.field == field; }))
      return invalid(
          "--map takes field=column with a field such as given_name, "
          "family_name, date_of_birth, postcode, address, town, sex, "
          "nhs_number, other_identifier or email; got \"" +
          entry + "\"");
    std::vector<int>& columns = plan.fields[field];
    columns.clear();
    std::stringstream names(entry.substr(eq + 1));
    for (std::string name; std::getline(names, name, '+');) {
      const int c = table.column(name);
      if (c < 0) return invalid(file + " has no column \"" + name + "\" for --map " + field);
      columns.push_back(c);
    }
  }
  return plan;
}

}  // namespace

Result<std::vector<MatchRecord>> read_match_records(const std::string& path,
                                                    const PersonCsvOptions& options) {
  auto table = read_csv_file(path);
  if (!table) return table.error();
  auto planned = plan_columns(*table, options, path);
  if (!planned) return planned.error();
  const ColumnPlan& plan = *planned;
  auto joined = [&](const std::vector<std::string>& row, std::string_view field) {
    std::string out;
    auto it = plan.fields.find(field);
    if (it == plan.fields.end()) return out;
    for (int c : it->second)
      if (!row[c].empty()) out += (out.empty() ? "" : " ") + row[c];
    return out;
  };
  std::vector<MatchRecord> records;
  records.reserve(table->rows.size());
  for (const auto& row : table->rows) {
    PersonFields p;
    p.id = row[plan.id];
    p.given_name = joined(row, "given_name");
    p.family_name = joined(row, "family_name");
    p.date_of_birth = joined(row, "date_of_birth");
    p.postcode = joined(row, "postcode");
    p.address = joined(row, "address");
    p.town = joined(row, "town");
    p.sex = joined(row, "sex");
    p.nhs_number = joined(row, "nhs_number");
    p.other_identifier = joined(row, "other_identifier");
    p.email = joined(row, "email");
    records.push_back(make_match_record(std::move(p)));
  }
  return records;
}

std::optional<match::NicknameTable> read_nickname_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  auto table = match::NicknameTable::parse_csv(text.str());
  if (!table) return std::nullopt;
  return std::move(table).value();
}

}  // namespace mash::cli
