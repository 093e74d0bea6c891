// The performance figures over the API (issue 5): they count how agencies answer information
// requests, name no one, name a date at fault, and are refused to agency practitioners.
#include <gtest/gtest.h>

#include "research_flow.h"

namespace mash::it {
namespace {

const json* agency_row(const json& report, const std::string& agency) {
  for (const json& a : report.at("agencies"))
    if (a.at("agency") == agency) return &a;
  return nullptr;
}

TEST(ApiPerformance, TheFiguresCountEachAgencysAnswersAndNameNoOne) {
  const ResearchPeople& p = research_people();
  Enquiry e = enquiry_asking({"health", "education"});
  body_of(api_post(request_path(e.request_id("health"), "response"),
                   answer(e, "health", json::array({summary("Known to the GP.")})), p.nurse.token),
          200);
  const json report = body_of(api_get("/api/v1/reports/timeliness", p.dm.token), 200);
  EXPECT_EQ(report.at("to").get<std::string>().size(), 10u);
  const json* health = agency_row(report, "health");
  const json* education = agency_row(report, "education");
  ASSERT_TRUE(health && education) << report.dump();
  EXPECT_EQ(health->at("agency_name"), "Health");
  EXPECT_GE(health->at("answered_on_time").get<int>(), 1);
  EXPECT_GE(education->at("open_not_due").get<int>(), 1);
  // Every row adds up, the total too.
  json rows = report.at("agencies");
  rows.push_back(report.at("total"));
  for (const json& r : rows) {
    EXPECT_EQ(r.at("requests"), r.at("answered").get<int>() + r.at("open_overdue").get<int>() +
                                    r.at("open_not_due").get<int>())
        << r.dump();
    EXPECT_EQ(r.at("answered"),
              r.at("answered_on_time").get<int>() + r.at("answered_late").get<int>());
  }
  int sum = 0;
  for (const json& r : report.at("agencies")) sum += r.at("requests").get<int>();
  EXPECT_EQ(report.at("total").at("requests"), sum);
  // Numbers and agencies only: not the child, not the question, not the answer.
  const std::string body = report.dump();
  for (const char* word : {"Example", "Known to the GP", "What do you know"})
    EXPECT_EQ(body.find(word), std::string::npos) << word;

  const json bad = body_of(api_get("/api/v1/reports/timeliness?from=2026-13-01", p.dm.token), 400);
  EXPECT_EQ(bad.at("error").at("fields")[0].at("field"), "from") << bad.dump();
  const json backwards =
      body_of(api_get("/api/v1/reports/timeliness?from=2026-12-02&to=2026-12-01", p.dm.token), 400);
  EXPECT_EQ(backwards.at("error").at("fields")[0].at("field"), "to") << backwards.dump();
  // Refused before the query is read.
  body_of(api_get("/api/v1/reports/timeliness?from=nonsense", p.nurse.token), 403);
  body_of(api_get("/api/v1/reports/timeliness", world().police_token), 403);
  auto anonymous = client().Get("/api/v1/reports/timeliness");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

}  // namespace
}  // namespace mash::it
