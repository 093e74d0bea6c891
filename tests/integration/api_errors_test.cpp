// Bad input to the API: each a clear JSON error naming the field and the fix, and nothing stored.
#include <gtest/gtest.h>

#include <algorithm>

#include "harness.h"

namespace mash::it {
namespace {

// Every test here sends something the hub must refuse, and checks afterwards that no contact and
// no subject was stored.
class ApiBadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    contacts_ = count_rows("contacts");
    subjects_ = count_rows("contact_subjects");
  }
  void TearDown() override {
    EXPECT_EQ(count_rows("contacts"), contacts_) << "a refused request stored a contact";
    EXPECT_EQ(count_rows("contact_subjects"), subjects_) << "a refused request stored a subject";
  }

  // POSTs `body` and expects a 422 naming each of `fields` (and a message for each).
  void expect_refused(const json& body, const std::vector<std::string>& fields) {
    auto res = post_contact(body, world().police_token);
    json e = expect_json_error(res, 422);
    std::vector<std::string> named = error_fields(e);
    for (const auto& f : fields) {
      EXPECT_NE(std::find(named.begin(), named.end(), f), named.end())
          << "the error should name " << f << "; it was: " << (res ? res->body : "no response");
    }
  }

  static json contact() { return valid_contact(unique_ref("BAD")); }

  int64_t contacts_ = 0;
  int64_t subjects_ = 0;
};

TEST_F(ApiBadInput, MalformedJsonIsA400SayingWhere) {
  std::string body = R"({"external_ref": "PPN-BROKEN", "source": "6", "subjects": [ )";
  auto res = post_raw(body, "application/json", bearer(world().police_token));
  json e = expect_json_error(res, 400);
  std::string message = e.value("message", "");
  bool says_where = contains_ci(message, "line") || contains_ci(message, "column") ||
                    contains_ci(message, "position") || contains_ci(message, "byte") ||
                    contains_ci(message, "character");
  EXPECT_TRUE(says_where && std::any_of(message.begin(), message.end(), ::isdigit))
      << "the message should say where the JSON breaks: " << message;
}

TEST_F(ApiBadInput, ATopLevelValueThatIsNotAnObjectIsRefused) {
  auto res = post_raw("[1, 2, 3]", "application/json", bearer(world().police_token));
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 400 || res->status == 422) << res->status << " " << res->body;
  expect_json_error(res, res->status);
}

TEST_F(ApiBadInput, AnEmptyBodyIsRefused) {
  auto res = post_raw("", "application/json", bearer(world().police_token));
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 400 || res->status == 422) << res->status << " " << res->body;
  expect_json_error(res, res->status);
}

TEST_F(ApiBadInput, SubjectsAsAStringNamesSubjects) {
  json c = contact();
  c["subjects"] = "Matt Example";
  expect_refused(c, {"subjects"});
}

TEST_F(ApiBadInput, ADateOfBirthAsANumberNamesItsPath) {
  json c = contact();
  c["subjects"][0]["date_of_birth"] = 20201301;
  expect_refused(c, {"subjects[0].date_of_birth"});
}

TEST_F(ApiBadInput, ANameAsANumberNamesItsPath) {
  json c = contact();
  c["subjects"][0]["family_name"] = 42;
  expect_refused(c, {"subjects[0].family_name"});
}

TEST_F(ApiBadInput, AnUnknownSourceCodeNamesSource) {
  json c = contact();
  c["source"] = "99";
  expect_refused(c, {"source"});
}

TEST_F(ApiBadInput, AnUnknownSexNamesItsPath) {
  json c = contact();
  c["subjects"][0]["sex"] = "boy";
  expect_refused(c, {"subjects[0].sex"});
}

TEST_F(ApiBadInput, AnUnknownPresentingIssueNamesItsPath) {
  json c = contact();
  c["presenting_issues"] = json::array({"domestic_abuse", "bad"});
  expect_refused(c, {"presenting_issues[1]"});
}

TEST_F(ApiBadInput, AnUnknownSubjectRoleNamesItsPath) {
  json c = contact();
  c["subjects"][0]["role"] = "victim";
  expect_refused(c, {"subjects[0].role"});
}

TEST_F(ApiBadInput, AnImpossibleDateIsRefused) {
  json c = contact();
  c["subjects"][0]["date_of_birth"] = "2023-02-29";
  expect_refused(c, {"subjects[0].date_of_birth"});
}

TEST_F(ApiBadInput, ADateOfBirthInTheFutureIsRefused) {
  json c = contact();
  c["subjects"][0]["date_of_birth"] = iso_date_in_days(30);
  expect_refused(c, {"subjects[0].date_of_birth"});
}

TEST_F(ApiBadInput, AReceivedTimeInTheFutureIsRefused) {
  json c = contact();
  c["received_at"] = rfc3339_utc(3 * 86400);
  expect_refused(c, {"received_at"});
}

TEST_F(ApiBadInput, AReceivedTimeWithoutAnOffsetIsRefused) {
  json c = contact();
  c["received_at"] = "2026-11-20T21:14:00";
  expect_refused(c, {"received_at"});
}

TEST_F(ApiBadInput, ConsentNotSoughtNeedsAReason) {
  json c = contact();
  c["consent"] = {{"status", "not_sought"}};
  expect_refused(c, {"consent.reason"});
  c["consent"] = {{"status", "not_sought"}, {"reason", "   "}};
  expect_refused(c, {"consent.reason"});
}

TEST_F(ApiBadInput, AnUnknownConsentStatusNamesItsPath) {
  json c = contact();
  c["consent"] = {{"status", "maybe"}};
  expect_refused(c, {"consent.status"});
}

TEST_F(ApiBadInput, AContactNeedsAtLeastOneSubject) {
  json c = contact();
  c["subjects"] = json::array();
  expect_refused(c, {"subjects"});
}

TEST_F(ApiBadInput, ASubjectNeedsAName) {
  // One name is enough (often only a given name is known); none is not.
  json c = contact();
  c["subjects"][0]["family_name"] = "";
  c["subjects"][0]["given_name"] = " ";
  expect_refused(c, {"subjects[0].family_name"});
}

TEST_F(ApiBadInput, AnNhsNumberWithAWrongCheckDigitIsRefused) {
  json c = contact();
  c["subjects"][0]["nhs_number"] = "9434765918";
  expect_refused(c, {"subjects[0].nhs_number"});
}

TEST_F(ApiBadInput, AMalformedPostcodeIsRefused) {
  json c = contact();
  c["subjects"][0]["address"]["postcode"] = "BB2 1D";
  expect_refused(c, {"subjects[0].address.postcode"});
}

TEST_F(ApiBadInput, EveryBrokenFieldIsNamedAtOnce) {
  json c = contact();
  c["source"] = "99";
  c["subjects"][0]["sex"] = "boy";
  c["subjects"][0]["date_of_birth"] = "2023-02-29";
  expect_refused(c, {"source", "subjects[0].sex", "subjects[0].date_of_birth"});
}

TEST_F(ApiBadInput, ABodyOverOneMebibyteIsA413) {
  json c = contact();
  c["narrative"] = std::string((1 << 20) + 1, 'x');
  auto res = post_contact(c, world().police_token);
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 413);
  EXPECT_FALSE(looks_internal(res->body)) << res->body;
}

TEST_F(ApiBadInput, PlainTextIsA415) {
  auto res = post_raw(contact().dump(), "text/plain", bearer(world().police_token));
  expect_json_error(res, 415);
}

TEST_F(ApiBadInput, AFormBodyIsA415) {
  auto res = post_raw("external_ref=x&source=6", "application/x-www-form-urlencoded",
                      bearer(world().police_token));
  expect_json_error(res, 415);
}

// A token that may not send contacts is refused (403) before its body is read: it is not told
// what is wrong with the contact, nor that its JSON or its content type is.
TEST_F(ApiBadInput, ATokenThatMayNotSendContactsIsRefusedBeforeItsBodyIsRead) {
  const std::string analyst = token_for_role("analyst");
  expect_json_error(post_contact(json::object(), analyst), 403);
  expect_json_error(post_raw("{\"subjects\": [", "application/json", bearer(analyst)), 403);
  expect_json_error(post_raw("hello", "text/plain", bearer(analyst)), 403);
  expect_json_error(post_contact(json::object(), world().practitioner_token), 403);
}

TEST_F(ApiBadInput, NoTokenIsA401WithAChallenge) {
  auto res = post_raw(contact().dump(), "application/json", {});
  expect_json_error(res, 401);
  ASSERT_TRUE(res);
  EXPECT_TRUE(contains_ci(res->get_header_value("WWW-Authenticate"), "Bearer"))
      << "WWW-Authenticate: " << res->get_header_value("WWW-Authenticate");
}

TEST_F(ApiBadInput, AnUnknownTokenIsA401WithAChallenge) {
  auto res = post_contact(contact(), "not-a-real-token-0123456789abcdef");
  expect_json_error(res, 401);
  ASSERT_TRUE(res);
  EXPECT_TRUE(contains_ci(res->get_header_value("WWW-Authenticate"), "Bearer"));
}

TEST_F(ApiBadInput, AnAlmostRightTokenIsA401) {
  std::string token = world().police_token;
  token.back() = token.back() == 'a' ? 'b' : 'a';
  auto res = post_contact(contact(), token);
  expect_json_error(res, 401);
}

TEST_F(ApiBadInput, AnotherAuthorizationSchemeIsA401) {
  auto res = post_raw(contact().dump(), "application/json",
                      {{"Authorization", "Basic cmEub25lOnBhc3N3b3Jk"}});
  expect_json_error(res, 401);
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->get_header_value("WWW-Authenticate").empty());
}

TEST_F(ApiBadInput, ASessionCookieDoesNotAuthoriseTheApi) {
  Browser b;
  auto signed_in = b.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303) << signed_in->body;
  auto res = post_raw(contact().dump(), "application/json", {{"Cookie", b.cookie_header()}});
  expect_json_error(res, 401);
}

}  // namespace
}  // namespace mash::it
