// People read from a CSV file for matching: the columns `mash match` recognises by their usual
// names (given_name / first_name / forename, surname / family_name / last_name, date_of_birth /
// dob, postcode, address lines, suburb / town / city, sex / gender, nhs_number, soc_sec_id,
// email), or as mapped by hand.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "match/nicknames.h"
#include "match/record.h"

namespace mash::cli {

struct PersonCsvOptions {
  std::string id_column;         // empty: the first column is the record id
  std::vector<std::string> map;  // "field=column[+column…]", overriding the recognised names
};

// The file's records, in file order; invalid naming the file and what is wrong (an unreadable
// file, a quote left open, an --id or --map column the file lacks, an unknown field).
Result<std::vector<match::MatchRecord>> read_match_records(const std::string& path,
                                                           const PersonCsvOptions& options);

// A nicknames file in the data set's format, if it can be read and parsed.
std::optional<match::NicknameTable> read_nickname_file(const std::string& path);

}  // namespace mash::cli
