// The research pages' integration tests' shared set-up
// (tests/integration/research_pages*_test.cpp): the users, each signed in with a browser, and the
// steps of an enquiry through the pages.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <regex>
#include <set>

#include "harness.h"

namespace mash::it {

inline constexpr const char* kDecider = "dm.research";
inline constexpr const char* kOfficer = "io.research";
inline constexpr const char* kNurse = "hp.research";     // health
inline constexpr const char* kTeacher = "ep.research";   // education
inline constexpr const char* kHousing = "hsg.research";  // housing: never asked

inline void add_user_once(const char* username, const char* role, const char* agency) {
  auto r = run_mash({"user", "add", "--db", world().db_url, "--username", username, "--role", role,
                     "--agency", agency, "--name", display_name_of(username)},
                    password_of(username) + "\n");
  EXPECT_TRUE(r.exit_code == 0 || r.err.find("already") != std::string::npos) << r.out << r.err;
}

inline std::string token_of(const char* username) {
  auto r = run_mash({"token", "create", "--db", world().db_url, "--user", username});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::string out = r.out;
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  const size_t nl = out.rfind('\n');
  return nl == std::string::npos ? out : out.substr(nl + 1);
}

inline httplib::Result post_json(const std::string& path, const json& body,
                                 const std::string& token) {
  return client().Post(path, bearer(token), body.dump(), "application/json");
}

// A contact about a child and her mother, sent by the police, rated Amber and progressed to a
// MASH enquiry over the API by the decision maker. Returns its id.
inline int64_t new_enquiry(const std::string& family, const std::string& decider_token) {
  json contact = valid_contact(unique_ref("RESEARCH"), family);
  contact["subjects"].push_back(
      {{"given_name", "Julie"},
       {"family_name", family},
       {"date_of_birth", "1995-04-02"},
       {"sex", "female"},
       {"role", "parent_carer"},
       {"address",
        {{"line1", "1 Example Street"}, {"town", "Blackburn"}, {"postcode", "BB2 1DH"}}}});
  auto sent = post_contact(contact, world().police_token);
  EXPECT_TRUE(sent && sent->status == 201) << (sent ? sent->body : "no response");
  if (!sent || sent->status != 201) return 0;
  const int64_t id = json::parse(sent->body).at("id").get<int64_t>();
  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  auto rated = post_json(base + "/rating",
                         {{"rating", "amber"}, {"rationale", "Domestic incident"}}, decider_token);
  EXPECT_TRUE(rated && rated->status == 201) << (rated ? rated->body : "no response");
  auto decided = post_json(base + "/decision",
                           {{"route", "mash_enquiry"},
                            {"threshold", 3},
                            {"rationale", "Partners to research what they know"}},
                           decider_token);
  EXPECT_TRUE(decided && decided->status == 201) << (decided ? decided->body : "no response");
  return id;
}

inline std::string research_of(int64_t id) {
  return "/contacts/" + std::to_string(id) + "/research";
}
inline std::string request_path(int64_t id) { return "/requests/" + std::to_string(id); }
inline std::string reference_of(int64_t request) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "R-%06lld", static_cast<long long>(request));
  return buf;
}

// The id of the request in a queue page whose row names `family` (0 when none does).
inline int64_t request_in_queue(const std::string& page, const std::string& family) {
  const std::string html = unescaped(page);
  static const std::regex row(R"re(<tr class="govuk-table__row">[\s\S]*?</tr>)re");
  static const std::regex href(R"re(href="/requests/(\d+)")re");
  std::string upper = family;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (auto it = std::sregex_iterator(html.begin(), html.end(), row); it != std::sregex_iterator();
       ++it) {
    const std::string tr = it->str();
    std::smatch m;
    if (tr.find(upper) != std::string::npos && std::regex_search(tr, m, href))
      return std::stoll(m[1]);
  }
  return 0;
}

// Every distinct capture of `pattern`'s first group, in order.
inline std::vector<std::string> all_of(const std::string& page, const std::string& pattern) {
  const std::string html = unescaped(page);
  const std::regex re(pattern);
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it)
    if (std::find(out.begin(), out.end(), (*it)[1].str()) == out.end()) out.push_back((*it)[1]);
  return out;
}

// The answer form's subjects (the known-N radios), in the page's order.
inline std::vector<std::string> subjects_in(const std::string& html) {
  return all_of(html, R"re(name="known-(\d+)")re");
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// The answer form as a browser would post it: its hidden fields (CSRF token, item-count, each
// row's kind), every other field of each row empty unless `values` gives it, and the button.
inline Fields answer_form(const std::string& page, const Fields& values, const std::string& send) {
  const std::string html = unescaped(page);
  Fields out;
  static const std::regex hidden(R"re(<input type="hidden" name="([^"]+)" value="([^"]*)">)re");
  std::set<std::string> given;
  for (const auto& [k, v] : values) given.insert(k);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), hidden);
       it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[1], value = (*it)[2];
    if (name == "next") continue;  // the redaction form's
    if (name == "csrf" &&
        std::any_of(out.begin(), out.end(), [](const auto& f) { return f.first == "csrf"; }))
      continue;
    out.push_back({name, value});
    static const std::regex kind(R"re(item-(\d+)-kind)re");
    std::smatch m;
    if (std::regex_match(name, m, kind))
      for (const char* part :
           {"subject", "indicator", "date", "system", "text", "sensitivity", "handling"}) {
        const std::string field = "item-" + m[1].str() + "-" + part;
        if (!given.count(field)) out.push_back({field, ""});
      }
  }
  out.insert(out.end(), values.begin(), values.end());
  out.push_back({"send", send});
  return out;
}

// The index N of the first row of `kind` in the answer form (item-N-kind).
inline std::string row_of(const std::string& html, const std::string& kind, int nth = 0) {
  const auto rows =
      all_of(html, R"re(<input type="hidden" name="item-(\d+)-kind" value=")re" + kind + "\">");
  return nth < static_cast<int>(rows.size()) ? rows[nth] : "999";
}

// The id of the item whose option in the redaction form starts with `label` ("Summary").
inline std::string item_option(const std::string& html, const std::string& label) {
  const auto ids = all_of(html, R"re(<option value="(\d+)"[^>]*>)re" + label);
  return ids.empty() ? "" : ids.front();
}

class ResearchPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    add_user_once(kDecider, "decision_maker", "childrens_social_care");
    add_user_once(kOfficer, "information_officer", "childrens_social_care");
    add_user_once(kNurse, "agency_practitioner", "health");
    add_user_once(kTeacher, "agency_practitioner", "education");
    add_user_once(kHousing, "agency_practitioner", "housing");
    decider_token_ = new std::string(token_of(kDecider));
    officer_token_ = new std::string(token_of(kOfficer));
  }
  static void TearDownTestSuite() {
    delete decider_token_;
    delete officer_token_;
  }
  void SetUp() override {
    for (auto [browser, who] : {std::pair{&dm_, kDecider}, std::pair{&io_, kOfficer},
                                std::pair{&nurse_, kNurse}, std::pair{&teacher_, kTeacher}}) {
      auto signed_in = browser->sign_in(who, password_of(who));
      ASSERT_TRUE(signed_in && signed_in->status == 303) << who;
    }
  }

  // Records the basis (no consent sought; DPA 2018 Sch 1 para 18) on the research page.
  void record_basis(int64_t id) {
    ASSERT_EQ(dm_.get(research_of(id))->status, 200);
    auto r = dm_.post_form(research_of(id) + "/basis",
                           {{dm_.csrf_field(), dm_.csrf()},
                            {"consent", "not_sought"},
                            {"lawful_basis", "dpa_sch1_para18"},
                            {"reason", "Seeking consent would place the child at risk"}});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 303) << r->body;
  }
  void ask(int64_t id, const std::vector<std::string>& agencies) {
    ASSERT_EQ(dm_.get(research_of(id))->status, 200);
    Fields f = {{dm_.csrf_field(), dm_.csrf()},
                {"question", "What do you know of the family?"},
                {"narrative_reason", ""}};
    for (const auto& a : agencies) f.push_back({"agencies", a});
    auto r = dm_.post_form(research_of(id) + "/requests", f);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 303) << r->body;
  }
  // Whether the health practitioner's queue has a request about `family` (its id), without failing
  // when it has none.
  int64_t queued_or_zero(const std::string& family) {
    auto page = nurse_.get("/requests");
    if (!page || page->status != 200 || !contains_ci(page->body, family)) return 0;
    return 1;
  }
  // The id of the request about `family` in the queue of `who`.
  int64_t queued(Browser& who, const std::string& family) {
    auto page = who.get("/requests");
    EXPECT_TRUE(page && page->status == 200);
    return page ? request_in_queue(page->body, family) : 0;
  }
  // The nurse sends a complete answer: a summary with `summary`, a health-confidential risk
  // with `confidential`, a chronology entry. Returns the request page after.
  std::string send_answer(int64_t request, const std::string& summary,
                          const std::string& confidential) {
    auto form = nurse_.get(request_path(request));
    EXPECT_TRUE(form && form->status == 200);
    const std::string& html = form->body;
    const auto subjects = subjects_in(html);
    EXPECT_EQ(subjects.size(), 2u);
    Fields values;
    for (const auto& s : subjects) values.push_back({"known-" + s, "known"});
    const std::string sum = row_of(html, "summary"), risk = row_of(html, "risk"),
                      entry = row_of(html, "chronology");
    values.insert(values.end(), {{"item-" + sum + "-text", summary},
                                 {"item-" + risk + "-indicator", "mental_health"},
                                 {"item-" + risk + "-subject", subjects.back()},
                                 {"item-" + risk + "-text", confidential},
                                 {"item-" + risk + "-sensitivity", "health_confidential"},
                                 {"item-" + entry + "-date", iso_date_in_days(-40)},
                                 {"item-" + entry + "-system", "SystmOne"},
                                 {"item-" + entry + "-subject", subjects.front()},
                                 {"item-" + entry + "-text", "Attended A and E with a cut hand"}});
    auto sent =
        nurse_.post_form(request_path(request) + "/response", answer_form(html, values, "1"));
    EXPECT_TRUE(sent && sent->status == 303) << (sent ? sent->body : "no response");
    auto after = nurse_.get(request_path(request) + "?done=sent");
    EXPECT_TRUE(after && after->status == 200);
    return after ? after->body : "";
  }
  httplib::Result withhold(int64_t request, const std::string& item, const std::string& passage,
                           const std::string& from) {
    return nurse_.post_form(request_path(request) + "/redactions",
                            {{nurse_.csrf_field(), nurse_.csrf()},
                             {"next", request_path(request)},
                             {"redact-item", item},
                             {"redact-passage", passage},
                             {"redact-recipients", from},
                             {"redact-reason", "third_party"},
                             {"redact-note", "A neighbour's identity"}});
  }

  // A MASH enquiry about `family` whose health answer (send_answer's) has "A and E" withheld from
  // children's social care in its chronology entry ("Attended A and E with a cut hand"): the
  // contact and the request; zeros after a failed expectation.
  struct WithheldAnswer {
    int64_t contact = 0;
    int64_t request = 0;
  };
  WithheldAnswer answer_with_withheld_passage(const std::string& family) {
    const int64_t id = new_enquiry(family, *decider_token_);
    EXPECT_GT(id, 0);
    if (id <= 0) return {};
    record_basis(id);
    ask(id, {"health"});
    const int64_t health = queued(nurse_, family);
    EXPECT_GT(health, 0);
    if (health <= 0) return {};
    const std::string sent = send_answer(health, "Known to the GP.", "Mother's medication review");
    const std::string entry = item_option(sent, "Chronology ");
    EXPECT_FALSE(entry.empty()) << "the redaction form offers no chronology entry";
    if (entry.empty()) return {};
    auto withheld = withhold(health, entry, "A and E", "childrens_social_care");
    EXPECT_TRUE(withheld && withheld->status == 303) << (withheld ? withheld->body : "");
    if (!withheld || withheld->status != 303) return {};
    return {id, health};
  }

  inline static std::string* decider_token_ = nullptr;
  inline static std::string* officer_token_ = nullptr;
  Browser dm_, io_, nurse_, teacher_;
};

}  // namespace mash::it
