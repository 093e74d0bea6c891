// The Hub's bulk import of agencies' indexes (issue 3): all or nothing.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "domain/contact.h"
#include "domain/source_record.h"
#include "store/accounts.h"
#include "store/source_records.h"

namespace mash::app {

using policy::Action;

namespace {

constexpr size_t kProgressEvery = 1000;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string without_spaces(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '-') out += c;
  return out;
}

// Sex as agencies write it: our codes or labels, CIN census codes (1, 2, 0, 9) or initials.
std::optional<Sex> parse_sex(const std::string& text) {
  const std::string s = lower(text);
  if (s.empty() || s == "u" || s == "0" || s == "unknown" || s == "not known")
    return Sex::not_known;
  if (s == "m" || s == "1") return Sex::male;
  if (s == "f" || s == "2") return Sex::female;
  if (s == "9" || s == "x" || s == "indeterminate" || s == "not specified")
    return Sex::not_specified;
  return from_code<Sex>(s);
}

// The record for a row, or the reason it is wrong.
std::variant<SourceRecord, std::string> to_record(const SourceRecordRow& row,
                                                  const std::string& agency) {
  SourceRecord r;
  r.agency = agency;
  r.source_id = row.source_id;
  Person& p = r.person;
  p.given_name = row.given_name;
  p.family_name = row.family_name;
  p.other_names = row.other_names;
  p.address = {row.address_line1, row.address_line2, row.town, row.postcode};
  p.upn = row.upn;
  if (row.source_id.empty()) return std::string("the record has no id");
  if (row.given_name.empty() && row.family_name.empty())
    return std::string("record " + row.source_id + " has no name");
  if (!row.date_of_birth.empty()) {
    p.date_of_birth = parse_iso_date(row.date_of_birth);
    if (!p.date_of_birth)
      return "the date of birth \"" + row.date_of_birth + "\" is not a real date";
  }
  const auto sex = parse_sex(row.sex);
  if (!sex) return "the sex \"" + row.sex + "\" is not one of male, female, not known";
  p.sex = *sex;
  if (!row.nhs_number.empty()) {
    p.nhs_number = without_spaces(row.nhs_number);
    if (!is_valid_nhs_number(p.nhs_number))
      return "the NHS number \"" + row.nhs_number + "\" is not a valid NHS number";
  }
  if (!row.postcode.empty()) {
    if (!is_valid_uk_postcode(row.postcode))
      return "the postcode \"" + row.postcode + "\" is not a UK postcode";
    p.address.postcode = normalise_postcode(row.postcode);
  }
  return r;
}

}  // namespace

Result<ImportReport> Hub::import_source_records(
    const Actor& actor, const std::string& agency, const std::vector<SourceRecordRow>& rows,
    const std::function<void(size_t done, size_t total)>& progress) {
  Impl& im = *impl_;
  const std::string purpose = "loading an agency's index";
  const policy::Decision d = policy::decide(actor, Action::source_records_import);
  if (!d.allowed)
    return im.refuse(actor, Action::source_records_import, "agency", agency, purpose, d);

  // Check everything before writing anything.
  bool known_agency = false;
  im.db.read([&](store::Tx& tx) { known_agency = store::agency_exists(tx, agency); });
  if (!known_agency)
    return Error::invalid({{"agency", "There is no agency \"" + agency + "\""}},
                          "Nothing has been imported");
  std::vector<SourceRecord> records;
  records.reserve(rows.size());
  std::vector<FieldError> errors;
  std::unordered_map<std::string, size_t> first_line;  // source id -> line it was first seen on
  for (const SourceRecordRow& row : rows) {
    const std::string field = "line " + std::to_string(row.line);
    auto r = to_record(row, agency);
    if (auto* reason = std::get_if<std::string>(&r)) {
      errors.push_back({field, *reason});
      continue;
    }
    auto [seen, fresh] = first_line.emplace(row.source_id, row.line);
    if (!fresh) {
      errors.push_back(
          {field, "the id " + row.source_id + " is also on line " + std::to_string(seen->second)});
      continue;
    }
    records.push_back(std::move(std::get<SourceRecord>(r)));
  }
  if (!errors.empty()) {
    const size_t n = errors.size();
    return Error::invalid(std::move(errors), std::to_string(n) +
                                                 (n == 1 ? " row is" : " rows are") +
                                                 " wrong: nothing has been imported");
  }

  const Timestamp now = im.clock.now();
  ImportReport report{agency, records.size(), 0};
  im.db.transact([&](store::Tx& tx) {
    size_t done = 0;
    for (SourceRecord& r : records) {
      r.imported_at = now;
      r.id = store::upsert_source_record(tx, r);
      if (++done % kProgressEvery == 0 && progress) progress(done, records.size());
    }
    report.total = store::count_source_records(tx, agency);
    audit::append(tx, im.event(actor, policy::action_name(Action::source_records_import), "agency",
                               agency, purpose, true, std::to_string(records.size()) + " records"));
  });
  if (im.matcher) im.matcher->add_source_records(records);
  if (progress) progress(records.size(), records.size());
  return report;
}

}  // namespace mash::app
