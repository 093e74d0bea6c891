// The case tracker over real HTTP (issue 4): the board's page with its filters and their errors,
// wall mode without names, who may see it, the live board's Server-Sent Events (a rating
// arrives as a row; a contact leaving a filtered board arrives as a removal), and the JSON.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "harness.h"

namespace mash::it {
namespace {

constexpr const char* kTrackerDecisionMaker = "dm.tracker";

void add_decision_maker() {
  static const bool added = [] {
    auto r = run_mash(
        {"user", "add", "--db", world().db_url, "--username", kTrackerDecisionMaker, "--role",
         "decision_maker", "--agency", "childrens_social_care", "--name", "Tracy Tracker"},
        password_of(kTrackerDecisionMaker) + "\n");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.exit_code == 0;
  }();
  ASSERT_TRUE(added);
}

int64_t send_contact(const std::string& family_name) {
  auto res = post_contact(valid_contact(unique_ref("TRK"), family_name), world().police_token);
  EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  return res && res->status == 201 ? json::parse(res->body).at("id").get<int64_t>() : 0;
}

httplib::Result rate(int64_t id, const std::string& rating, const std::string& token) {
  const json body = {{"rating", rating}, {"rationale", "Tracker test"}};
  return client().Post("/api/v1/contacts/" + std::to_string(id) + "/rating", bearer(token),
                       body.dump(), "application/json");
}

// A live board's stream, read on a thread of its own until `until` is seen in it.
class Stream {
 public:
  Stream(const std::string& path, const std::string& cookie, std::string until)
      : until_(std::move(until)) {
    thread_ = std::thread([this, path, cookie] {
      httplib::Client c("127.0.0.1", world().port);
      c.set_read_timeout(20);
      auto res = c.Get(
          path.c_str(), {{"Cookie", cookie}},
          [this](const httplib::Response& r) {
            std::lock_guard lock(mutex_);
            status_ = r.status;
            content_type_ = r.get_header_value("Content-Type");
            changed_.notify_all();
            return r.status == 200;
          },
          [this](const char* data, size_t n) {
            std::lock_guard lock(mutex_);
            text_.append(data, n);
            changed_.notify_all();
            return text_.find(until_) == std::string::npos && !stop_;
          });
      std::lock_guard lock(mutex_);
      ended_ = true;
      changed_.notify_all();
    });
  }
  ~Stream() {
    stop_ = true;
    thread_.join();
  }
  // Waits until the text holds `what` (true) or the time runs out (false).
  bool wait_for(const std::string& what, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return text_.find(what) != std::string::npos; });
  }
  bool wait_started(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout,
                             [&] { return text_.find("retry:") != std::string::npos || ended_; });
  }
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }
  int status() {
    std::lock_guard lock(mutex_);
    return status_;
  }
  std::string content_type() {
    std::lock_guard lock(mutex_);
    return content_type_;
  }

 private:
  std::string until_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string text_, content_type_;
  int status_ = 0;
  bool ended_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class Tracker : public ::testing::Test {
 protected:
  void SetUp() override {
    add_decision_maker();
    auto signed_in = board_.sign_in(kTrackerDecisionMaker, password_of(kTrackerDecisionMaker));
    ASSERT_TRUE(signed_in && signed_in->status == 303);
    if (token_.empty()) token_ = token_for_role("decision_maker");
  }
  std::string page(const std::string& path, int status = 200) {
    auto res = board_.get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    EXPECT_EQ(res->status, status) << path;
    return res->body;
  }
  static std::string row_of(const std::string& html, int64_t id) {
    const std::string start = "id=\"contact-" + std::to_string(id) + "\"";
    const size_t at = html.find(start);
    if (at == std::string::npos) return "";
    return html.substr(at, html.find("</tr>", at) - at);
  }
  Browser board_;
  static std::string token_;
};
std::string Tracker::token_;

TEST_F(Tracker, TheBoardShowsEachOpenContactWithItsRatingClockAndAgencies) {
  const int64_t id = send_contact("Trackable");
  ASSERT_GT(id, 0);
  ASSERT_EQ(rate(id, "red", token_)->status, 201);
  const std::string html = page("/tracker");
  EXPECT_NE(html.find("<caption class=\"govuk-table__caption"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\" class=\"govuk-table__header\">Time remaining</th>"),
            std::string::npos);
  EXPECT_NE(html.find("href=\"#main-content\""), std::string::npos) << "a skip link";
  EXPECT_NE(html.find("href=\"/tracker\" aria-current=\"true\""), std::string::npos)
      << "the service navigation names the tracker";
  // Without JavaScript it reloads itself, marked as such (not the person's activity).
  EXPECT_TRUE(
      has(html, "<noscript><meta http-equiv=\"refresh\" content=\"30;url=/tracker?auto=1\">"))
      << html.substr(0, 1500);
  EXPECT_NE(html.find("<script type=\"module\" src=\"/assets/tracker.js"), std::string::npos);
  const std::string row = row_of(html, id);
  ASSERT_FALSE(row.empty());
  EXPECT_NE(row.find("<th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\" "
                     "href=\"/contacts/" +
                     std::to_string(id) + "\">"),
            std::string::npos);
  EXPECT_NE(row.find("govuk-tag--red\">Red</strong>"), std::string::npos) << "a tag with text";
  EXPECT_NE(row.find("Trackable"), std::string::npos) << "the hub's roles see names";
  EXPECT_NE(row.find("data-due=\""), std::string::npos);
  EXPECT_NE(row.find(" left</span>"), std::string::npos);
  EXPECT_NE(row.find("Police"), std::string::npos) << "the sending agency is involved";
  EXPECT_EQ(row.find("Not allocated"), std::string::npos) << "whoever rated it is its worker";
  EXPECT_NE(row.find("No requests yet"), std::string::npos);

  EXPECT_FALSE(row_of(page("/tracker?rating=red&status=screening"), id).empty());
  EXPECT_TRUE(row_of(page("/tracker?rating=green"), id).empty());
  EXPECT_TRUE(row_of(page("/tracker?overdue=yes"), id).empty());
  EXPECT_TRUE(row_of(page("/tracker?worker=sw.nobody"), id).empty());
}

TEST_F(Tracker, BadFiltersGetAnErrorSummaryNamingEachField) {
  const std::string html =
      page("/tracker?rating=purple&status=closed&worker=a+b&overdue=maybe", 400);
  for (const char* field : {"#rating", "#status", "#worker", "#overdue"})
    EXPECT_NE(html.find(std::string("<a href=\"") + field + "\">"), std::string::npos) << field;
  EXPECT_NE(html.find("There is a problem"), std::string::npos);
  EXPECT_EQ(html.find("data-tracker "), std::string::npos) << "no board under the errors";
}

TEST_F(Tracker, WallModeShowsNoNames) {
  const int64_t id = send_contact("Wallhidden");
  ASSERT_EQ(rate(id, "amber", token_)->status, 201);
  const std::string html = page("/tracker?wall=1");
  const std::string row = row_of(html, id);
  ASSERT_FALSE(row.empty());
  EXPECT_EQ(html.find("Wallhidden"), std::string::npos);
  EXPECT_NE(row.find(">Amber</strong>"), std::string::npos);
  EXPECT_EQ(row.find("(age"), std::string::npos);
  EXPECT_NE(html.find("class=\"govuk-template__body mash-wall\""), std::string::npos);
  EXPECT_NE(html.find("Leave wall mode"), std::string::npos);
}

TEST_F(Tracker, OnlyHubStaffSeeTheBoard) {
  Browser nobody;
  auto res = nobody.get("/tracker");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/sign-in?next=/tracker");
  auto events = nobody.get("/tracker/events");
  ASSERT_TRUE(events);
  EXPECT_EQ(events->status, 401);

  Browser practitioner;
  ASSERT_EQ(practitioner.sign_in(kAgencyPractitioner, password_of(kAgencyPractitioner))->status,
            303);
  EXPECT_EQ(practitioner.get("/tracker")->status, 403);
  EXPECT_EQ(practitioner.get("/tracker/events")->status, 403);
  EXPECT_EQ(board_.get("/tracker/events?rating=purple")->status, 400);
}

TEST_F(Tracker, ARatingArrivesOnAnOpenBoardAsItsRow) {
  const int64_t id = send_contact("Livefeed");
  ASSERT_GT(id, 0);
  const std::string marker = "contact-" + std::to_string(id) + "\\\"";
  Stream stream("/tracker/events", board_.cookie_header(), marker);
  ASSERT_TRUE(stream.wait_started(std::chrono::seconds(5))) << stream.text();
  EXPECT_EQ(stream.status(), 200);
  EXPECT_NE(stream.content_type().find("text/event-stream"), std::string::npos);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(rate(id, "green", token_)->status, 201);
  ASSERT_TRUE(stream.wait_for(marker, std::chrono::seconds(5))) << stream.text();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  const std::string text = stream.text();
  EXPECT_NE(text.find("event: row\n"), std::string::npos);
  EXPECT_NE(text.find(">Green</strong>"), std::string::npos);
  EXPECT_NE(text.find("\"announce\":\"Contact C-"), std::string::npos);
}

TEST_F(Tracker, AContactLeavingAFilteredBoardArrivesAsARemoval) {
  const int64_t id = send_contact("Leaving");
  ASSERT_EQ(rate(id, "green", token_)->status, 201);
  const std::string marker = "{\"announce\":\"Contact C-";
  Stream stream("/tracker/events?rating=green&wall=1", board_.cookie_header(),
                "\"id\":" + std::to_string(id) + "}");
  ASSERT_TRUE(stream.wait_started(std::chrono::seconds(5)));
  ASSERT_EQ(rate(id, "red", token_)->status, 201);
  ASSERT_TRUE(stream.wait_for("\"id\":" + std::to_string(id) + "}", std::chrono::seconds(5)))
      << stream.text();
  EXPECT_NE(stream.text().find("event: remove\n"), std::string::npos) << stream.text();
  EXPECT_EQ(stream.text().find("Leaving"), std::string::npos) << "the wall shows no names";
}

TEST_F(Tracker, TheJsonHasTheWorkerAndAgenciesAndRefusesBadFilters) {
  const int64_t id = send_contact("Jsonable");
  ASSERT_EQ(rate(id, "blue", token_)->status, 201);
  auto res = client().Get("/api/v1/tracker?rating=blue&status=screening", bearer(token_));
  ASSERT_EQ(res->status, 200) << res->body;
  bool found = false;
  const json tracker = json::parse(res->body);
  for (const json& item : tracker.at("items")) {
    if (item.at("contact_id") != id) continue;
    found = true;
    EXPECT_TRUE(item.at("worker").is_string()) << "whoever rated it is its worker";
    EXPECT_EQ(item.at("agencies"), json::array({"police"}));
  }
  EXPECT_TRUE(found);
  const json error =
      expect_json_error(client().Get("/api/v1/tracker?worker=no+spaces", bearer(token_)), 400);
  EXPECT_EQ(error_fields(error), std::vector<std::string>{"worker"});
  auto none = client().Get("/api/v1/tracker?worker=sw.nobody", bearer(token_));
  ASSERT_EQ(none->status, 200);
  EXPECT_TRUE(json::parse(none->body).at("items").empty());
}

}  // namespace
}  // namespace mash::it
