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

// The candidates offered on a contact page, in order: each a row of a matches table, titled by
// its "Check and decide" heading ("Health's record QF-1"), with its form's subject and record.
std::vector<Offer> offers(const std::string& html) {
  static const std::regex row(
      R"re(class="govuk-table__row mash-match" data-record="([^"]+)">[\s\S]*?)re"
      R"re(<h4 class="govuk-heading-s">([^<]*)</h4>[\s\S]*?name="subject" value="(\d+)">\s*)re"
      R"re(<input type="hidden" name="record" value="([^"]+)")re");
  std::vector<Offer> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), row); it != std::sregex_iterator();
       ++it) {
    EXPECT_EQ((*it)[1], (*it)[4]) << "a row's form is about another record";
    out.push_back({unescaped((*it)[2]), (*it)[3], (*it)[4]});
  }
  return out;
}

std::optional<Offer> offer_from(const std::string& html, const std::string& record) {
  for (const Offer& o : offers(html))
    if (o.title == record) return o;
  return std::nullopt;
}

std::string reason_id(const Offer& o) {
  std::string key = o.record;
  key[2] = '-';
  return "reason-" + o.subject + "-" + key;
}

// "/contacts/12?link=confirmed&decision=34#subject-1" → 34, after checking the rest.
int64_t decision_in(const std::string& location, const std::string& path, const std::string& done,
                    const std::string& anchor) {
  std::smatch m;
  const std::regex expected(R"re(\?link=)re" + done + R"re(&decision=([0-9]+))re" + anchor);
  if (location.rfind(path, 0) != 0) return 0;
  const std::string rest = location.substr(path.size());
  if (!std::regex_match(rest, m, expected)) return 0;
  return std::stoll(m[1].str());
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
  EXPECT_TRUE(has(html, "Likely matches"));
  EXPECT_TRUE(has(html, "Matches are suggestions from the agencies' records"));
  auto health = offer_from(html, "Health's record QF-1");
  ASSERT_TRUE(health) << "the health record is not offered";
  EXPECT_TRUE(offer_from(html, "Education's record QF-2")) << "the nickname record is not offered";
  EXPECT_TRUE(std::regex_search(
      html, std::regex(R"re(<td class="govuk-table__cell">(Very likely the same person|Likely) )re"
                       R"re(\([0-9]{1,2}%\)</td>)re")))
      << "how likely, in words and a whole percentage";
  EXPECT_FALSE(std::regex_search(html, std::regex(R"re([0-9]\.[0-9]%)re")))
      << "percentages are whole numbers";

  // What health holds, to check against the subject, under "Check and decide".
  const size_t at = html.find("data-record=\"" + health->record + "\"");
  const std::string row = html.substr(at, html.find("</tr>", html.find("</tr>", at) + 1) - at);
  EXPECT_TRUE(has(row, "Check and decide"));
  for (const char* held : {"9 Apr 2016", "Female", "14 Larkspur Close, Blackburn", "BB2 4QT",
                           "4010232137", "Health's record number</dt>"})
    EXPECT_TRUE(has(row, held)) << "the match does not show " << held;

  // Each field compared, in words: no weights shown, only whether it counted for or against.
  EXPECT_TRUE(std::regex_search(
      row, std::regex(R"re(<dt class="govuk-summary-list__key">Date of birth</dt>\s*)re"
                      R"re(<dd class="govuk-summary-list__value">The same<br>)re"
                      R"re(<span class="govuk-body-s mash-secondary">Supports a match</span>)re")));
  EXPECT_TRUE(std::regex_search(
      row, std::regex(R"re(<dt class="govuk-summary-list__key">NHS number</dt>\s*)re"
                      R"re(<dd class="govuk-summary-list__value">The same)re")));
  EXPECT_FALSE(std::regex_search(row, std::regex(R"re(, [+-][0-9]+\.[0-9])re")))
      << "the explanation shows a raw weight";
  EXPECT_NE(row.find("data-weight=\"+"), std::string::npos);
  EXPECT_TRUE(has(row, "Confirm match"));
  EXPECT_TRUE(has(row, "Reject match"));
  EXPECT_TRUE(has(row, "<span class=\"govuk-visually-hidden\"> about Health's record QF-1</span>"))
      << "the reason's label names the record";
  EXPECT_TRUE(has(row, "data-module=\"govuk-character-count\" data-maxlength=\"1000\""));
  EXPECT_TRUE(has(row, "You can enter up to 1,000 characters"));
}

TEST_F(Matches, ConfirmingWithoutTheFormsTokenChangesNothing) {
  auto health = offer_from(page(), "Health's record QF-1");
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
  auto health = offer_from(page(), "Health's record QF-1");
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
  const std::string named = "Enter why you are sure this is the same person (Health's record QF-1)";
  EXPECT_TRUE(has(res->body, "<a href=\"#" + reason_id(*health) + "\">" + named + "</a>"))
      << "the error summary should name the record";
  EXPECT_TRUE(has(res->body, "<p id=\"" + reason_id(*health) +
                                 "-error\" class=\"govuk-error-message\"><span "
                                 "class=\"govuk-visually-hidden\">Error:</span> " +
                                 named))
      << "so should the message at the field";
  EXPECT_TRUE(std::regex_search(
      res->body, std::regex(R"re(<details class="govuk-details govuk-!-margin-bottom-0" open>)re"
                            R"re(\s*<summary[^>]*><span[^>]*>Check and decide<span )re"
                            R"re(class="govuk-visually-hidden">: Health&#39;s record QF-1)re")))
      << "the form at fault is shown open";
  EXPECT_EQ(count_rows("person_links"), before);
}

TEST_F(Matches, ARoleThatMayNotLinkIsRefused) {
  auto health = offer_from(page(), "Health's record QF-1");
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
  // Refused before the form is read: not told that a form without a subject or a decision is
  // wrong.
  auto empty = auditor.post_form(path_ + "/links", {{auditor.csrf_field(), auditor.csrf()}});
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 403);
  EXPECT_EQ(count_rows("person_links"), before);
}

TEST_F(Matches, ConfirmingThenUndoingALink) {
  auto health = offer_from(page(), "Health's record QF-1");
  ASSERT_TRUE(health);
  const int64_t before = count_rows("person_links");
  auto res =
      worker_.post_form(path_ + "/links", {{worker_.csrf_field(), worker_.csrf()},
                                           {"section", "subject-1"},
                                           {"subject", health->subject},
                                           {"record", health->record},
                                           {"decision", "confirm"},
                                           {"reason", "NHS number and date of birth agree"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  const std::string location = res->get_header_value("Location");
  const int64_t link = decision_in(location, path_, "confirmed", "#subject-1");
  ASSERT_GT(link, 0) << "back to the subject's section, naming the decision: " << location;
  EXPECT_EQ(count_rows("person_links"), before + 1);
  EXPECT_GE(count_rows("persons"), 1);

  auto after = worker_.get(location.substr(0, location.find('#')));
  ASSERT_TRUE(after && after->status == 200);
  const std::string& html = after->body;
  EXPECT_TRUE(has(html,
                  "Confirmed: Rebecca QUILLFEATHER (Health's record QF-1) is the same person "
                  "as Rebecca QUILLFEATHER"))
      << "the banner names what was confirmed";
  EXPECT_TRUE(has(html, "Known to"));
  EXPECT_TRUE(std::regex_search(
      html,
      std::regex(
          R"re(Agencies holding records</dt>\s*<dd class="govuk-summary-list__value">Health<)re")));
  EXPECT_TRUE(
      std::regex_search(html, std::regex(R"re(mash-secondary">Person reference P-[0-9]{6}<)re")));
  EXPECT_FALSE(has(html, ">Person</dt>")) << "the person's id is not a fact about the child";
  EXPECT_TRUE(has(html, "Confirmed by " + std::string(kReferralAdministrator)));
  EXPECT_TRUE(has(html, "NHS number and date of birth agree"));
  EXPECT_FALSE(offer_from(html, "Health's record QF-1")) << "a linked record is not offered again";
  const size_t decisions = html.find("Decisions about who this is");
  ASSERT_NE(decisions, std::string::npos);
  EXPECT_GT(decisions, html.find("Known to")) << "decisions come straight after Known to";
  const size_t matches = html.find("Matches in agencies");
  if (matches != std::string::npos) {
    EXPECT_LT(decisions, matches) << "decisions come before the matches still to decide";
  }

  const std::string undo_path = path_ + "/links/" + std::to_string(link) + "/undo";
  EXPECT_TRUE(std::regex_search(
      html, std::regex("links(?:/|&#x2F;)" + std::to_string(link) + "(?:/|&#x2F;)undo")))
      << "no undo form for the decision";
  auto no_reason = worker_.post_form(
      undo_path,
      {{worker_.csrf_field(), worker_.csrf()}, {"section", "subject-1"}, {"reason", ""}});
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 422);
  EXPECT_TRUE(has(no_reason->body,
                  "<a href=\"#undo-reason-" + std::to_string(link) +
                      "\">Enter why you are undoing this decision (the decision about Health's "
                      "record QF-1)</a>"));
  auto no_token = worker_.post_form(undo_path, {{"reason", "Wrong child"}});
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 400);
  auto undone = worker_.post_form(undo_path, {{worker_.csrf_field(), worker_.csrf()},
                                              {"section", "subject-1"},
                                              {"reason", "Wrong child: different school"}});
  ASSERT_TRUE(undone);
  ASSERT_EQ(undone->status, 303) << undone->body;
  const std::string back = undone->get_header_value("Location");
  EXPECT_EQ(decision_in(back, path_, "undone", "#subject-1"), link) << back;
  EXPECT_EQ(count_rows("person_links"), before + 1) << "undoing keeps the link's history";
  auto last = worker_.get(back.substr(0, back.find('#')));
  ASSERT_TRUE(last && last->status == 200);
  EXPECT_TRUE(has(last->body,
                  "Confirmation undone: Rebecca QUILLFEATHER (Health's record QF-1) "
                  "is no longer linked to Rebecca QUILLFEATHER"));
  EXPECT_TRUE(has(last->body, "Wrong child: different school"));
  EXPECT_TRUE(offer_from(last->body, "Health's record QF-1")) << "offered again after the undo";
}

TEST_F(Matches, ARejectedRecordIsNotOfferedAgain) {
  auto school = offer_from(page(), "Education's record QF-2");
  ASSERT_TRUE(school);
  auto res =
      worker_.post_form(path_ + "/links", {{worker_.csrf_field(), worker_.csrf()},
                                           {"section", "https://elsewhere.example/"},
                                           {"subject", school->subject},
                                           {"record", school->record},
                                           {"decision", "reject"},
                                           {"reason", "Different child: another school year"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  const std::string location = res->get_header_value("Location");
  EXPECT_GT(decision_in(location, path_, "rejected", ""), 0)
      << "a section that is not one of the page's is not followed: " << location;
  auto after = worker_.get(location);
  ASSERT_TRUE(after && after->status == 200);
  EXPECT_TRUE(has(after->body,
                  "Rejected: Becky QUILLFEATHER (Education's record QF-2) is not the "
                  "same person as Rebecca QUILLFEATHER. It will not be offered again"));
  EXPECT_FALSE(offer_from(after->body, "Education's record QF-2"));
  EXPECT_TRUE(has(after->body, "Rejected by " + std::string(kReferralAdministrator)));
}

}  // namespace
}  // namespace mash::it
