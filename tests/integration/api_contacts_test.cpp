// The JSON API for agency systems: contacts in, idempotent on the agency's external_ref, and
// read back by id. Over real HTTP against a real `mash serve` (see harness.h).
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "harness.h"

namespace mash::it {
namespace {

int64_t id_of(const httplib::Result& res) {
  if (!res) return 0;
  json body = json::parse(res->body, nullptr, false);
  if (body.is_discarded() || !body.contains("id") || !body["id"].is_number_integer()) return 0;
  return body["id"].get<int64_t>();
}

TEST(ApiHealth, AnswersWithoutAToken) {
  auto res = client().Get("/api/v1/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  EXPECT_FALSE(json::parse(res->body, nullptr, false).is_discarded()) << res->body;
}

TEST(ApiContacts, PostingAContactStoresItAndReturnsItWithItsId) {
  int64_t before = count_rows("contacts");
  std::string ref = unique_ref("PPN-2026");
  auto res = post_contact(valid_contact(ref), world().police_token);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  json body = json::parse(res->body);
  ASSERT_TRUE(body.contains("id") && body["id"].is_number_integer()) << res->body;
  EXPECT_GT(body["id"].get<int64_t>(), 0);
  EXPECT_EQ(body.value("external_ref", ""), ref);
  ASSERT_TRUE(body.contains("subjects") && body["subjects"].is_array() && !body["subjects"].empty())
      << res->body;
  EXPECT_EQ(body["subjects"][0].value("family_name", ""), "Example");
  EXPECT_EQ(count_rows("contacts"), before + 1);
  EXPECT_GE(count_rows("contact_subjects"), 1);
}

TEST(ApiContacts, ResendingTheSameExternalRefReturnsTheExistingContact) {
  std::string ref = unique_ref("PPN-RESEND");
  auto first = post_contact(valid_contact(ref), world().police_token);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201) << first->body;
  int64_t count = count_rows("contacts");
  int64_t subjects = count_rows("contact_subjects");

  auto again = post_contact(valid_contact(ref), world().police_token);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(id_of(again), id_of(first));
  EXPECT_EQ(count_rows("contacts"), count) << "the queue gained a duplicate";
  EXPECT_EQ(count_rows("contact_subjects"), subjects);
}

TEST(ApiContacts, TheSameExternalRefFromAnotherAgencyIsANewContact) {
  std::string ref = unique_ref("SHARED-REF");
  auto police = post_contact(valid_contact(ref), world().police_token);
  auto health = post_contact(valid_contact(ref), world().health_token);
  ASSERT_TRUE(police && health);
  EXPECT_EQ(police->status, 201) << police->body;
  EXPECT_EQ(health->status, 201) << health->body;
  EXPECT_NE(id_of(police), id_of(health));
  EXPECT_NE(id_of(police), 0);
  EXPECT_NE(id_of(health), 0);
}

TEST(ApiContacts, ConcurrentResendsOfOneExternalRefStoreOneContact) {
  std::string ref = unique_ref("PPN-RACE");
  int64_t before = count_rows("contacts");
  constexpr int kThreads = 8;
  std::vector<int> status(kThreads);
  std::vector<int64_t> ids(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto res = post_contact(valid_contact(ref), world().police_token);
      status[i] = res ? res->status : -1;
      ids[i] = id_of(res);
    });
  }
  for (auto& t : threads) t.join();
  int created = 0;
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_TRUE(status[i] == 201 || status[i] == 200) << "request " << i << ": " << status[i];
    created += status[i] == 201;
    EXPECT_EQ(ids[i], ids[0]);
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(count_rows("contacts"), before + 1);
}

TEST(ApiContacts, ConcurrentDistinctContactsAreAllStored) {
  int64_t before = count_rows("contacts");
  constexpr int kThreads = 6, kEach = 5;
  std::vector<std::thread> threads;
  std::mutex m;
  std::set<int64_t> ids;
  int failures = 0;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        auto res = post_contact(valid_contact(unique_ref("PPN-MANY")), world().police_token);
        std::lock_guard lock(m);
        if (res && res->status == 201)
          ids.insert(id_of(res));
        else
          ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(ids.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(count_rows("contacts"), before + kThreads * kEach);
}

TEST(ApiContacts, GetReturnsTheStoredContact) {
  std::string ref = unique_ref("PPN-GET");
  json sent = valid_contact(ref, "Oyelaran-Whitfield");
  auto created = post_contact(sent, world().police_token);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  int64_t id = id_of(created);

  auto res = client().Get("/api/v1/contacts/" + std::to_string(id), bearer(world().user_token));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json got = json::parse(res->body);
  EXPECT_EQ(got.value("id", int64_t{0}), id);
  EXPECT_EQ(got.value("external_ref", ""), ref);
  EXPECT_EQ(got.value("received_at", ""), sent["received_at"].get<std::string>());
  EXPECT_EQ(got.value("source", ""), "6");
  ASSERT_TRUE(got.contains("referrer"));
  EXPECT_EQ(got["referrer"].value("name", ""), "PC 4127 Jones");
  EXPECT_EQ(got["referrer"].value("organisation", ""), "Lancashire Constabulary");
  ASSERT_TRUE(got.contains("subjects") && got["subjects"].size() == 1) << res->body;
  const json& s = got["subjects"][0];
  EXPECT_EQ(s.value("given_name", ""), "Matt");
  EXPECT_EQ(s.value("family_name", ""), "Oyelaran-Whitfield");
  EXPECT_EQ(s.value("date_of_birth", ""), "2025-10-01");
  EXPECT_EQ(s.value("sex", ""), "male");
  EXPECT_EQ(s.value("role", ""), "child");
  EXPECT_EQ(s.value("nhs_number", ""), "9434765919");
  ASSERT_TRUE(s.contains("address"));
  EXPECT_EQ(s["address"].value("postcode", ""), "BB2 1DH");
  EXPECT_EQ(s["address"].value("town", ""), "Blackburn");
  EXPECT_EQ(got.value("presenting_issues", json::array()), json::array({"domestic_abuse"}));
  ASSERT_TRUE(got.contains("consent"));
  EXPECT_EQ(got["consent"].value("status", ""), "not_sought");
  EXPECT_EQ(got["consent"].value("reason", ""), "Seeking consent would place the child at risk");
  EXPECT_EQ(got.value("narrative", ""), sent["narrative"].get<std::string>());
}

TEST(ApiContacts, WhatPeopleTypeIsTidiedNotRefused) {
  json c = valid_contact(unique_ref("PPN-TIDY"), "Kowalczyk");
  c["subjects"][0]["address"]["postcode"] = "bb21dh";
  c["subjects"][0]["nhs_number"] = "943 476 5919";
  auto created = post_contact(c, world().police_token);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  auto res = client().Get("/api/v1/contacts/" + std::to_string(id_of(created)),
                          bearer(world().user_token));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json s = json::parse(res->body)["subjects"][0];
  EXPECT_EQ(s["address"].value("postcode", ""), "BB2 1DH");
  EXPECT_EQ(s.value("nhs_number", ""), "9434765919");
}

TEST(ApiContacts, SeveralSubjectsAndIssuesKeepTheirOrder) {
  json c = valid_contact(unique_ref("PPN-FAMILY"), "Nwachukwu");
  json mother = c["subjects"][0];
  mother["given_name"] = "Adaeze";
  mother["date_of_birth"] = "1994-03-12";
  mother["sex"] = "female";
  mother["role"] = "parent_carer";
  mother.erase("nhs_number");
  c["subjects"].push_back(mother);
  c["presenting_issues"] = json::array({"domestic_abuse", "mental_health"});
  auto created = post_contact(c, world().police_token);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  auto res = client().Get("/api/v1/contacts/" + std::to_string(id_of(created)),
                          bearer(world().user_token));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json got = json::parse(res->body);
  ASSERT_EQ(got["subjects"].size(), 2u);
  EXPECT_EQ(got["subjects"][0].value("given_name", ""), "Matt");
  EXPECT_EQ(got["subjects"][1].value("given_name", ""), "Adaeze");
  EXPECT_EQ(got["subjects"][1].value("role", ""), "parent_carer");
  EXPECT_EQ(got["presenting_issues"], json::array({"domestic_abuse", "mental_health"}));
}

TEST(ApiContacts, AnUnknownIdIsA404InJson) {
  auto res = client().Get("/api/v1/contacts/987654321", bearer(world().user_token));
  json e = expect_json_error(res, 404);
  EXPECT_FALSE(e.empty());
}

TEST(ApiContacts, AnIdThatIsNotANumberIsNotFound) {
  auto res = client().Get("/api/v1/contacts/abc", bearer(world().user_token));
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 404 || res->status == 400) << res->status;
  EXPECT_FALSE(looks_internal(res->body)) << res->body;
}

TEST(ApiContacts, AnUnknownApiRouteIsA404InJson) {
  auto res = client().Get("/api/v1/no-such-thing", bearer(world().user_token));
  expect_json_error(res, 404);
}

TEST(ApiContacts, ReadingAContactNeedsAToken) {
  auto created = post_contact(valid_contact(unique_ref("PPN-AUTH")), world().police_token);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201);
  auto res = client().Get("/api/v1/contacts/" + std::to_string(id_of(created)));
  expect_json_error(res, 401);
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->get_header_value("WWW-Authenticate").empty());
  EXPECT_EQ(res->body.find("Example"), std::string::npos) << "a 401 shows the subject";
}

TEST(ApiContacts, AnAgencyPractitionerMayNotReadAContact) {
  auto created = post_contact(valid_contact(unique_ref("PPN-FORBID"), "Fitzgerald-Osei"),
                              world().police_token);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201);
  auto res = client().Get("/api/v1/contacts/" + std::to_string(id_of(created)),
                          bearer(world().practitioner_token));
  expect_json_error(res, 403);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body.find("Fitzgerald-Osei"), std::string::npos) << "a 403 shows the subject";
  EXPECT_EQ(res->body.find("9434765919"), std::string::npos) << "a 403 shows the NHS number";
}

}  // namespace
}  // namespace mash::it
