#include "store/source_records.h"

#include <soci/soci.h>

#include "store/prepared.h"

namespace mash::store {

int64_t upsert_source_record(Tx& tx, const SourceRecord& r) {
  Prepared& upsert = tx.prepared(
      "INSERT INTO source_records (agency, source_id, given_name, family_name, other_names, "
      "date_of_birth, sex, address_line1, address_line2, town, postcode, nhs_number, upn, "
      "imported_at) VALUES (:a, :s, :g, :f, :o, :dob, :sex, :l1, :l2, :town, :pc, :nhs, :upn, "
      ":at) ON CONFLICT (agency, source_id) DO UPDATE SET given_name = excluded.given_name, "
      "family_name = excluded.family_name, other_names = excluded.other_names, "
      "date_of_birth = excluded.date_of_birth, sex = excluded.sex, "
      "address_line1 = excluded.address_line1, address_line2 = excluded.address_line2, "
      "town = excluded.town, postcode = excluded.postcode, nhs_number = excluded.nhs_number, "
      "upn = excluded.upn, imported_at = excluded.imported_at RETURNING id",
      "tttttttttttttt", "n");
  const Person& p = r.person;
  upsert.text(0, r.agency);
  upsert.text(1, r.source_id);
  upsert.text(2, p.given_name);
  upsert.text(3, p.family_name);
  upsert.text(4, p.other_names);
  upsert.text(5, p.date_of_birth ? to_iso(*p.date_of_birth) : "");
  upsert.text(6, std::string(code_of(p.sex)));
  upsert.text(7, p.address.line1);
  upsert.text(8, p.address.line2);
  upsert.text(9, p.address.town);
  upsert.text(10, p.address.postcode);
  upsert.text(11, p.nhs_number);
  upsert.text(12, p.upn);
  upsert.text(13, to_rfc3339(r.imported_at));
  upsert.run();
  return upsert.number_out(0);
}

int64_t count_source_records(Tx& tx, const std::string& agency) {
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM source_records WHERE agency = :a", soci::use(agency),
      soci::into(n);
  return n;
}

std::optional<SourceRecord> find_source_record(Tx& tx, const std::string& agency,
                                               const std::string& source_id) {
  Prepared& find = tx.prepared(
      "SELECT id, given_name, family_name, other_names, date_of_birth, sex, address_line1, "
      "address_line2, town, postcode, nhs_number, upn, imported_at FROM source_records "
      "WHERE agency = :a AND source_id = :s",
      "tt", "ntttttttttttt");
  find.text(0, agency);
  find.text(1, source_id);
  if (!find.run()) return std::nullopt;
  SourceRecord r;
  r.id = find.number_out(0);
  r.agency = agency;
  r.source_id = source_id;
  Person& p = r.person;
  p.given_name = find.text_out(1);
  p.family_name = find.text_out(2);
  p.other_names = find.text_out(3);
  p.date_of_birth = parse_iso_date(find.text_out(4));
  p.sex = from_code<Sex>(find.text_out(5)).value_or(Sex::not_known);
  p.address = {find.text_out(6), find.text_out(7), find.text_out(8), find.text_out(9)};
  p.nhs_number = find.text_out(10);
  p.upn = find.text_out(11);
  r.imported_at = parse_rfc3339(find.text_out(12)).value_or(Timestamp{});
  return r;
}

}  // namespace mash::store
