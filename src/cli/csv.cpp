#include "cli/csv.h"

#include <cctype>
#include <fstream>
#include <sstream>

namespace mash::cli {
namespace {

Error bad_csv(std::string message) { return Error{Error::Kind::invalid, std::move(message), {}}; }

std::string trimmed(std::string s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

}  // namespace

int CsvTable::column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i].size() != name.size()) continue;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(header[i][k])) ==
             std::tolower(static_cast<unsigned char>(name[k]));
    if (same) return static_cast<int>(i);
  }
  return -1;
}

Result<CsvTable> parse_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvTable table;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  size_t line = 1, row_line = 1;
  auto end_row = [&]() -> Result<Done> {
    row.push_back(trimmed(std::move(field)));
    field.clear();
    const bool blank = row.size() == 1 && row[0].empty() && !any;
    if (!blank) {
      if (table.header.empty()) {
        table.header = std::move(row);
      } else if (row.size() != table.header.size()) {
        return bad_csv("Line " + std::to_string(row_line) + " has " + std::to_string(row.size()) +
                       " fields; the header has " + std::to_string(table.header.size()));
      } else {
        table.rows.push_back(std::move(row));
        table.row_lines.push_back(row_line);
      }
    }
    row.clear();
    any = false;
    row_line = line;
    return Done{};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
      // Spaces before an opening quote (", "quoted"") are not part of the value.
      if (trimmed(field).empty()) field.clear();
    } else if (c == ',') {
      row.push_back(trimmed(std::move(field)));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      if (auto r = end_row(); !r) return r.error();
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted)
    return bad_csv("A quote opened on line " + std::to_string(row_line) + " is never closed");
  if (!field.empty() || !row.empty() || any)
    if (auto r = end_row(); !r) return r.error();
  if (table.header.empty()) return bad_csv("The file is empty: it needs a header row");
  return table;
}

Result<CsvTable> read_csv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found("Cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  auto table = parse_csv(text.str());
  if (!table) return bad_csv(path + ": " + table.error().message);
  return table;
}

}  // namespace mash::cli
