// CSV files with a header row, as agencies and data sets write them: quoted fields (with "" for
// a quote, and commas and line breaks inside quotes), CRLF or LF line ends, an optional UTF-8
// byte order mark. Fields are trimmed of surrounding spaces (FEBRL writes ", " between fields).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace mash::cli {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as the header
  std::vector<size_t> row_lines;               // the line each row starts on, for messages
  // The index of the column named `name` (case-insensitive), or -1.
  int column(std::string_view name) const;
};

// Parses CSV text. Fails with Error::Kind::invalid naming the line of a row with more or fewer
// fields than the header, or of a quote left open at the end.
Result<CsvTable> parse_csv(std::string_view text);

// Reads and parses a file; fails naming the file when it cannot be read.
Result<CsvTable> read_csv_file(const std::string& path);

}  // namespace mash::cli
