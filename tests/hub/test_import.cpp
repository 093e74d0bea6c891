// Bulk import of an agency's index: all rows or none, updates rather than duplicates, and only
// for those who administer the hub.
#include <unistd.h>

#include <atomic>

#include "hub_fixture.h"
#include "store/source_records.h"

namespace mash::testing {
namespace {

// A new agency no other test uses, so counts are this test's own on a shared database.
std::string new_agency(app::Hub& hub) {
  static std::atomic<int> n{0};
  const std::string code = "index_" + std::to_string(::getpid()) + "_" + std::to_string(++n);
  auto added = hub.add_agency(app::command_line_actor(), Agency{code, "Index test agency"});
  EXPECT_TRUE(added.ok());
  return code;
}

app::SourceRecordRow row(size_t line, const std::string& id, const std::string& given,
                         const std::string& family, const std::string& dob = "2014-03-07") {
  app::SourceRecordRow r;
  r.line = line;
  r.source_id = id;
  r.given_name = given;
  r.family_name = family;
  r.date_of_birth = dob;
  r.sex = "F";
  r.address_line1 = "1 Example Street";
  r.town = "Blackburn";
  r.postcode = "bb21dh";
  r.nhs_number = "943 476 5919";
  return r;
}

std::vector<app::SourceRecordRow> good_rows(size_t n) {
  std::vector<app::SourceRecordRow> rows;
  for (size_t i = 0; i < n; ++i)
    rows.push_back(row(i + 2, "H" + std::to_string(i), "Amelia", "Jones" + std::to_string(i)));
  return rows;
}

int64_t stored(store::Database& db, const std::string& agency) {
  int64_t n = 0;
  db.read([&](store::Tx& tx) { n = store::count_source_records(tx, agency); });
  return n;
}

TEST_F(HubTest, GoodRowsAreImportedWithProgress) {
  const std::string agency = new_agency(*hub_);
  std::vector<std::pair<size_t, size_t>> calls;
  auto r = hub_->import_source_records(
      app::command_line_actor(), agency, good_rows(2500),
      [&](size_t done, size_t total) { calls.emplace_back(done, total); });
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->imported, 2500u);
  EXPECT_EQ(r->total, 2500);
  EXPECT_EQ(stored(*db_, agency), 2500);
  const std::vector<std::pair<size_t, size_t>> expected = {
      {1000, 2500}, {2000, 2500}, {2500, 2500}};
  EXPECT_EQ(calls, expected);
}

TEST_F(HubTest, ReimportingTheSameIdsUpdatesRatherThanDuplicates) {
  const std::string agency = new_agency(*hub_);
  ASSERT_TRUE(hub_->import_source_records(app::command_line_actor(), agency, good_rows(3)).ok());
  auto again = good_rows(4);
  again[0].family_name = "Smith";  // changed surname
  auto r = hub_->import_source_records(app::command_line_actor(), agency, again);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->imported, 4u);
  EXPECT_EQ(r->total, 4);
  EXPECT_EQ(stored(*db_, agency), 4);
  std::optional<SourceRecord> h0;
  db_->read([&](store::Tx& tx) { h0 = store::find_source_record(tx, agency, "H0"); });
  ASSERT_TRUE(h0);
  EXPECT_EQ(h0->person.family_name, "Smith");
  EXPECT_EQ(h0->person.given_name, "Amelia");
  EXPECT_EQ(h0->person.date_of_birth, (Date{2014, 3, 7}));
  EXPECT_EQ(h0->person.sex, Sex::female);
  EXPECT_EQ(h0->person.address.postcode, "BB2 1DH");  // normalised
  EXPECT_EQ(h0->person.nhs_number, "9434765919");     // without spaces
}

TEST_F(HubTest, OneBadRowImportsNothingAndNamesEachBadLine) {
  const std::string agency = new_agency(*hub_);
  ASSERT_TRUE(hub_->import_source_records(app::command_line_actor(), agency, good_rows(2)).ok());
  auto rows = good_rows(6);
  rows[2].date_of_birth = "2014-02-30";  // line 4
  rows[4].source_id = "H1";              // line 6: the id of line 3 again
  rows[5].given_name.clear();            // line 7
  rows[5].family_name.clear();
  auto r = hub_->import_source_records(app::command_line_actor(), agency, rows);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::invalid);
  ASSERT_EQ(r.error().fields.size(), 3u);
  EXPECT_EQ(r.error().fields[0].field, "line 4");
  EXPECT_NE(r.error().fields[0].message.find("not a real date"), std::string::npos);
  EXPECT_EQ(r.error().fields[1].field, "line 6");
  EXPECT_NE(r.error().fields[1].message.find("line 3"), std::string::npos);
  EXPECT_EQ(r.error().fields[2].field, "line 7");
  EXPECT_EQ(stored(*db_, agency), 2);  // nothing half-imported

  auto bad_nhs = good_rows(2);
  bad_nhs[1].nhs_number = "9434765918";
  auto r2 = hub_->import_source_records(app::command_line_actor(), agency, bad_nhs);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().fields.at(0).field, "line 3");
  auto bad_postcode = good_rows(2);
  bad_postcode[0].postcode = "not a postcode";
  auto r3 = hub_->import_source_records(app::command_line_actor(), agency, bad_postcode);
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.error().fields.at(0).field, "line 2");
  EXPECT_EQ(stored(*db_, agency), 2);
}

TEST_F(HubTest, ImportingForAnUnknownAgencyIsRefused) {
  auto r = hub_->import_source_records(app::command_line_actor(), "no_such_agency", good_rows(1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::invalid);
  EXPECT_EQ(r.error().fields.at(0).field, "agency");
}

TEST_F(HubTest, OnlyAdministratorsImport) {
  const std::string agency = new_agency(*hub_);
  const User clerk = add_user(Role::referral_administrator);
  auto denied = hub_->import_source_records(actor_of(clerk), agency, good_rows(1));
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().kind, Error::Kind::forbidden);
  EXPECT_EQ(stored(*db_, agency), 0);
  const User admin = add_user(Role::system_administrator);
  EXPECT_TRUE(hub_->import_source_records(actor_of(admin), agency, good_rows(1)).ok());
  EXPECT_EQ(stored(*db_, agency), 1);
}

}  // namespace
}  // namespace mash::testing
