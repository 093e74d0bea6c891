// Person matching on the contact page over real HTTP: agencies' indexes loaded with
// `mash import persons` while the server runs, a contact sent by the police's system, and the
// confirm, reject and undo forms (CSRF, a required reason with a GOV.UK error summary, 403 for a
// role that may not link, and what each stores).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <regex>

#include "harness.h"
#include "synth/agency_records.h"
#include "synth/generator.h"

namespace mash::it {
namespace {

constexpr const char* kAuditor = "dpo.matches";

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

struct Fixture {
  int64_t contact_id = 0;
  std::string family;
};

// Once per run: the health, education and police indexes (a synthetic population, plus the
// child the contact is about, as health and education hold her), an auditor, and the contact.
const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    out.family = "Quillfeather";
    std::vector<Subject> people;
    synth::Generator generator(99);
    while (people.size() < 200)
      for (const Subject& m : generator.household(Date{2026, 1, 15}).members) people.push_back(m);
    auto records = synth::agency_records(people, Date{2026, 1, 15}, 99);
    SourceRecord health{0, "health", "QF-1", {}, {}};
    health.person.given_name = "Rebecca";
    health.person.family_name = out.family;
    health.person.date_of_birth = Date{2016, 4, 9};
    health.person.sex = Sex::female;
    health.person.address = {"14 Larkspur Close", "", "Blackburn", "BB2 4QT"};
    health.person.nhs_number = "4010232137";
    records.push_back(health);
    SourceRecord school = health;
    school.agency = "education";
    school.source_id = "QF-2";
    school.person.given_name = "Becky";
    school.person.nhs_number.clear();
    records.push_back(school);

    std::map<std::string, std::string> files;
    for (const SourceRecord& r : records) {
      std::string& csv = files[r.agency];
      if (csv.empty())
        csv =
            "source_id,given_name,family_name,date_of_birth,sex,address_line1,town,postcode,"
            "nhs_number,upn\n";
      const Person& p = r.person;
      for (const std::string& v :
           {r.source_id, p.given_name, p.family_name,
            p.date_of_birth ? to_iso(*p.date_of_birth) : std::string{}, std::string(code_of(p.sex)),
            p.address.line1, p.address.town, p.address.postcode, p.nhs_number})
        csv += csv_field(v) + ",";
      csv += p.upn + "\n";
    }
    for (const auto& [agency, csv] : files) {
      const std::string path = "/tmp/mash-it-index-" + std::to_string(::getpid()) + "-" + agency;
      std::ofstream(path) << csv;
      auto r = run_mash({"import", "persons", "--db", world().db_url, "--agency", agency, path});
      EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
      std::remove(path.c_str());
    }
    auto added = run_mash({"user", "add", "--db", world().db_url, "--username", kAuditor, "--role",
                           "auditor", "--agency", "childrens_social_care", "--name", "DPO"},
                          password_of(kAuditor) + "\n");
    EXPECT_EQ(added.exit_code, 0) << added.out << added.err;

    json contact = valid_contact(unique_ref("MATCH"), out.family);
    contact["subjects"][0]["given_name"] = "Rebecca";
    contact["subjects"][0]["date_of_birth"] = "2016-04-09";
    contact["subjects"][0]["sex"] = "female";
    contact["subjects"][0]["address"] = {
        {"line1", "14 Larkspur Close"}, {"town", "Blackburn"}, {"postcode", "BB2 4QT"}};
    contact["subjects"][0]["nhs_number"] = "4010232137";
    auto res = post_contact(contact, world().police_token);
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    if (res && res->status == 201) out.contact_id = json::parse(res->body).at("id").get<int64_t>();
    return out;
  }();
  return f;
}

struct Offer {
  std::string title, subject, record;
};

// The candidates offered on a contact page, in order.
std::vector<Offer> offers(const std::string& html) {
  static const std::regex card(
      R"re(summary-card__title">([^<]*)</h4>[\s\S]*?name="subject" value="(\d+)">\s*)re"
      R"re(<input type="hidden" name="record" value="([^"]+)")re");
  std::vector<Offer> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), card); it != std::sregex_iterator();
       ++it)
    out.push_back({(*it)[1], (*it)[2], (*it)[3]});
  return out;
}

std::optional<Offer> offer_from(const std::string& html, const std::string& holder) {
  for (const Offer& o : offers(html))
    if (o.title.find(holder) != std::string::npos) return o;
  return std::nullopt;
}

std::string reason_id(const Offer& o) {
  std::string key = o.record;
  key[2] = '-';
  return "reason-" + o.subject + "-" + key;
}

class Matches : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GT(fixture().contact_id, 0);
    path_ = "/contacts/" + std::to_string(fixture().contact_id);
    auto signed_in = worker_.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
    ASSERT_TRUE(signed_in && signed_in->status == 303);
  }
  std::string page() {
    auto res = worker_.get(path_);
    EXPECT_TRUE(res && res->status == 200);
    return res ? res->body : "";
  }
  Browser worker_;
  std::string path_;
};

TEST_F(Matches, TheContactPageOffersTheHealthRecordAsALikelyMatchWithItsReasons) {
  const std::string html = page();
  EXPECT_NE(html.find("Likely matches"), std::string::npos);
  auto health = offer_from(html, "Health, record QF-1");
  ASSERT_TRUE(health) << "the health record is not offered";
  EXPECT_NE(html.find("date of birth: the same"), std::string::npos);
  EXPECT_NE(html.find("NHS number: the same"), std::string::npos);
  EXPECT_NE(html.find("9 Apr 2016"), std::string::npos);
  EXPECT_TRUE(offer_from(html, "Education, record QF-2")) << "the nickname record is not offered";
  EXPECT_NE(html.find("Confirm match"), std::string::npos);
  EXPECT_NE(html.find("Reject match"), std::string::npos);
}

TEST_F(Matches, ConfirmingWithoutTheFormsTokenChangesNothing) {
  auto health = offer_from(page(), "Health, record QF-1");
  ASSERT_TRUE(health);
  const int64_t before = count_rows("person_links");
  auto res = worker_.post_form(path_ + "/links", {{"subject", health->subject},
                                                  {"record", health->record},
                                                  {"decision", "confirm"},
                                                  {"reason", "NHS number agrees"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(count_rows("person_links"), before);
}

TEST_F(Matches, AReasonIsRequiredAndTheErrorSummaryLinksToIt) {
  auto health = offer_from(page(), "Health, record QF-1");
  ASSERT_TRUE(health);
  const int64_t before = count_rows("person_links");
  auto res = worker_.post_form(path_ + "/links", {{worker_.csrf_field(), worker_.csrf()},
                                                  {"subject", health->subject},
                                                  {"record", health->record},
                                                  {"decision", "confirm"},
                                                  {"reason", "   "}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(res->body.find("There is a problem"), std::string::npos);
  EXPECT_NE(res->body.find("<title>Error: "), std::string::npos);
  EXPECT_NE(res->body.find("href=\"#" + reason_id(*health) + "\""), std::string::npos)
      << "the error summary should link to the reason field";
  EXPECT_NE(res->body.find("Enter why you are sure this is the same person"), std::string::npos);
  EXPECT_NE(res->body.find("id=\"" + reason_id(*health) + "-error\""), std::string::npos);
  EXPECT_EQ(count_rows("person_links"), before);
}

TEST_F(Matches, ARoleThatMayNotLinkIsRefused) {
  auto health = offer_from(page(), "Health, record QF-1");
  ASSERT_TRUE(health);
  Browser auditor;
  auto signed_in = auditor.sign_in(kAuditor, password_of(kAuditor));
  ASSERT_TRUE(signed_in && signed_in->status == 303);
  auto view = auditor.get(path_);
  ASSERT_TRUE(view && view->status == 200) << "auditors may view the contact";
  EXPECT_EQ(view->body.find("Confirm match"), std::string::npos) << "but are offered no matches";
  const int64_t before = count_rows("person_links");
  auto res = auditor.post_form(path_ + "/links", {{auditor.csrf_field(), auditor.csrf()},
                                                  {"subject", health->subject},
                                                  {"record", health->record},
                                                  {"decision", "confirm"},
                                                  {"reason", "Looks right"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(count_rows("person_links"), before);
}

TEST_F(Matches, ConfirmingThenUndoingALink) {
  auto health = offer_from(page(), "Health, record QF-1");
  ASSERT_TRUE(health);
  const int64_t before = count_rows("person_links");
  auto res =
      worker_.post_form(path_ + "/links", {{worker_.csrf_field(), worker_.csrf()},
                                           {"subject", health->subject},
                                           {"record", health->record},
                                           {"decision", "confirm"},
                                           {"reason", "NHS number and date of birth agree"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), path_ + "?link=confirmed");
  EXPECT_EQ(count_rows("person_links"), before + 1);
  EXPECT_GE(count_rows("persons"), 1);

  auto after = worker_.get(path_ + "?link=confirmed");
  ASSERT_TRUE(after && after->status == 200);
  const std::string& html = after->body;
  EXPECT_NE(html.find("Match confirmed."), std::string::npos);
  EXPECT_NE(html.find("Known to"), std::string::npos);
  EXPECT_NE(
      html.find(
          "Agencies holding records</dt>\n      <dd class=\"govuk-summary-list__value\">Health"),
      std::string::npos);
  EXPECT_NE(html.find("Confirmed by " + std::string(kReferralAdministrator)), std::string::npos);
  EXPECT_NE(html.find("NHS number and date of birth agree"), std::string::npos);
  EXPECT_FALSE(offer_from(html, "Health, record QF-1")) << "a linked record is not offered again";

  std::smatch undo;  // the form's action, which the page may write with "/" escaped
  ASSERT_TRUE(
      std::regex_search(html, undo, std::regex(R"re(links(?:/|&#x2F;)(\d+)(?:/|&#x2F;)undo)re")));
  const std::string undo_path = path_ + "/links/" + undo[1].str() + "/undo";
  auto no_reason =
      worker_.post_form(undo_path, {{worker_.csrf_field(), worker_.csrf()}, {"reason", ""}});
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 422);
  EXPECT_NE(no_reason->body.find("Enter why you are undoing this decision"), std::string::npos);
  auto no_token = worker_.post_form(undo_path, {{"reason", "Wrong child"}});
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 400);
  auto undone = worker_.post_form(undo_path, {{worker_.csrf_field(), worker_.csrf()},
                                              {"reason", "Wrong child: different school"}});
  ASSERT_TRUE(undone);
  ASSERT_EQ(undone->status, 303) << undone->body;
  EXPECT_EQ(count_rows("person_links"), before + 1) << "undoing keeps the link's history";
  auto last = worker_.get(path_ + "?link=undone");
  ASSERT_TRUE(last && last->status == 200);
  EXPECT_NE(last->body.find("Decision undone."), std::string::npos);
  EXPECT_NE(last->body.find("Confirmation undone"), std::string::npos);
  EXPECT_NE(last->body.find("Wrong child: different school"), std::string::npos);
  EXPECT_TRUE(offer_from(last->body, "Health, record QF-1")) << "offered again after the undo";
}

TEST_F(Matches, ARejectedRecordIsNotOfferedAgain) {
  auto school = offer_from(page(), "Education, record QF-2");
  ASSERT_TRUE(school);
  auto res =
      worker_.post_form(path_ + "/links", {{worker_.csrf_field(), worker_.csrf()},
                                           {"subject", school->subject},
                                           {"record", school->record},
                                           {"decision", "reject"},
                                           {"reason", "Different child: another school year"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  auto after = worker_.get(path_ + "?link=rejected");
  ASSERT_TRUE(after && after->status == 200);
  EXPECT_NE(after->body.find("It will not be offered again"), std::string::npos);
  EXPECT_FALSE(offer_from(after->body, "Education, record QF-2"));
  EXPECT_NE(after->body.find("Rejected by " + std::string(kReferralAdministrator)),
            std::string::npos);
}

}  // namespace
}  // namespace mash::it
