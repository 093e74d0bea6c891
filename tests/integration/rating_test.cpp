// Rating a contact on its page over real HTTP (issue 4): a decision maker rates a contact and
// sees the rating as a tag with its name, when the decision is due, the time left and the
// history; a missing rationale or a rating the page did not offer gives a GOV.UK error summary
// and stores nothing; a referral administrator sees no form and is refused; the form needs its
// CSRF token.
#include <gtest/gtest.h>

#include <regex>

#include "domain/london_time.h"
#include "domain/working_time.h"
#include "harness.h"

namespace mash::it {
namespace {

constexpr const char* kDecisionMaker = "dm.rating";

// "Tue 29 Dec 2026 16:00": as the page writes a due time.
std::string due_words(int64_t epoch) {
  const Timestamp t{epoch, 0};
  std::string day(weekday_name(weekday_index(to_london(t).date)).substr(0, 3));
  day[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(day[0])));
  return day + " " + format_london(t);
}

void add_decision_maker() {
  static const bool added = [] {
    auto r =
        run_mash({"user", "add", "--db", world().db_url, "--username", kDecisionMaker, "--role",
                  "decision_maker", "--agency", "childrens_social_care", "--name", "Dana Decider"},
                 password_of(kDecisionMaker) + "\n");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.exit_code == 0;
  }();
  ASSERT_TRUE(added);
}

struct Sent {
  int64_t id = 0;
  int64_t received_epoch = 0;
};

// A contact from the police's system, received `hours_ago` hours ago.
Sent send_contact(int hours_ago) {
  json contact = valid_contact(unique_ref("RATE"), "Rateable");
  const std::string received = rfc3339_utc(-3600 * hours_ago);
  contact["received_at"] = received;
  auto res = post_contact(contact, world().police_token);
  EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  Sent out;
  if (res && res->status == 201) out.id = json::parse(res->body).at("id").get<int64_t>();
  out.received_epoch = parse_rfc3339(received)->epoch_seconds;
  return out;
}

class Rating : public ::testing::Test {
 protected:
  void SetUp() override {
    add_decision_maker();
    auto signed_in = decider_.sign_in(kDecisionMaker, password_of(kDecisionMaker));
    ASSERT_TRUE(signed_in && signed_in->status == 303);
  }
  std::string page(Browser& b, int64_t id) {
    auto res = b.get("/contacts/" + std::to_string(id));
    EXPECT_TRUE(res && res->status == 200);
    return res ? res->body : "";
  }
  httplib::Result rate(Browser& b, int64_t id, const std::string& rating,
                       const std::string& rationale) {
    return b.post_form("/contacts/" + std::to_string(id) + "/rating",
                       {{b.csrf_field(), b.csrf()}, {"rating", rating}, {"rationale", rationale}});
  }
  Browser decider_;
};

TEST_F(Rating, ADecisionMakerRatesAContactAndSeesTheRatingItsDueTimeAndHistory) {
  const Sent c = send_contact(1);
  ASSERT_GT(c.id, 0);
  const std::string path = "/contacts/" + std::to_string(c.id);
  const std::string before = page(decider_, c.id);
  EXPECT_TRUE(has(before, "<h2 class=\"govuk-heading-m\" id=\"contact-rating\">Rating</h2>"));
  EXPECT_TRUE(has(before, "Not rated yet"));
  EXPECT_LT(unescaped(before).find("id=\"contact-rating\""),
            unescaped(before).find(">The contact</h2>"))
      << "the rating comes first";
  EXPECT_TRUE(has(before, "action=\"" + path + "/rating\""));
  EXPECT_TRUE(has(before, "What rating are you giving this contact?"));
  for (const char* hint : {"Decision due within 4 hours.", "Decision due within 1 working day.",
                           "Decision due within 3 working days."})
    EXPECT_TRUE(has(before, hint)) << "no radio hint saying " << hint;
  EXPECT_TRUE(std::regex_search(
      before, std::regex(R"re(<input class="govuk-radios__input" id="rating" name="rating" )re"
                         R"re(type="radio" value="red")re")));
  EXPECT_TRUE(has(before, "data-module=\"govuk-character-count\" data-maxlength=\"2000\""));
  EXPECT_TRUE(has(before, "You can enter up to 2,000 characters"));

  const int64_t rows = count_rows("contact_ratings");
  auto res = rate(decider_, c.id, "red", "Child present at a violent incident; third notice");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), path + "?rated=1#contact-rating");
  EXPECT_EQ(count_rows("contact_ratings"), rows + 1);

  auto after = decider_.get(path + "?rated=1");
  ASSERT_TRUE(after && after->status == 200);
  const std::string& html = after->body;
  const std::string due = due_words(c.received_epoch + 4 * 3600);  // Red: 4 hours, elapsed
  EXPECT_TRUE(has(html, "Rated Red: decision due by " + due)) << "the banner names the rating";
  EXPECT_TRUE(has(html, "<strong class=\"govuk-tag govuk-tag--red\">Red</strong>"))
      << "the rating is a tag with its name";
  EXPECT_TRUE(has(html, "Immediate risk of significant harm: act now</p>"))
      << "the rating's description";
  EXPECT_TRUE(has(html, "Decision due by</dt>"));
  EXPECT_TRUE(has(html, ">" + due + "</dd>"));
  EXPECT_TRUE(std::regex_search(
      html, std::regex(R"re(Time left</dt>\s*<dd class="govuk-summary-list__value">)re"
                       R"re((2 hours [0-9]+ minutes?|3 hours) left</dd>)re")))
      << "the time left, in words";
  EXPECT_TRUE(has(html, "Rating history (1 rating)"));
  EXPECT_TRUE(has(html, "Child present at a violent incident; third notice"));
  EXPECT_TRUE(has(html, "<td class=\"govuk-table__cell\">" + std::string(kDecisionMaker) + "</td>"))
      << "the history says who rated";
  EXPECT_TRUE(has(html, "Change the rating"));
  EXPECT_FALSE(has(html, "Not rated yet"));

  // A change: Amber, with its own rationale; the history keeps both, newest first.
  res = rate(decider_, c.id, "amber", "Parents separated; child safe with grandmother tonight");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  const std::string changed = page(decider_, c.id);
  EXPECT_TRUE(has(changed, "<strong class=\"govuk-tag govuk-tag--orange\">Amber</strong>"));
  EXPECT_TRUE(has(changed, "Rating history (2 ratings)"));
  const std::string text = unescaped(changed);
  const size_t amber = text.find("Parents separated; child safe with grandmother tonight</td>");
  const size_t red = text.find("Child present at a violent incident; third notice</td>");
  ASSERT_NE(amber, std::string::npos);
  ASSERT_NE(red, std::string::npos);
  EXPECT_LT(amber, red) << "newest first";
  EXPECT_FALSE(has(changed, "Rated Amber")) << "no banner without ?rated=1";

  // The access history names the rating.
  EXPECT_TRUE(has(changed, "Rated the contact"));
}

TEST_F(Rating, AnOverdueDecisionSaysSoInWords) {
  const Sent c = send_contact(5);
  ASSERT_GT(c.id, 0);
  page(decider_, c.id);
  auto res = rate(decider_, c.id, "red", "Disclosure of injury by the child at school");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  const std::string html = page(decider_, c.id);
  EXPECT_TRUE(std::regex_search(
      html,
      std::regex(R"re(<strong class="govuk-tag govuk-tag--red">Overdue by 1 hour</strong>)re")))
      << "overdue, as a red tag with words";
}

TEST_F(Rating, WithoutARationaleTheErrorSummaryLinksToItAndNothingIsStored) {
  const Sent c = send_contact(1);
  ASSERT_GT(c.id, 0);
  page(decider_, c.id);
  const int64_t rows = count_rows("contact_ratings");
  auto res = rate(decider_, c.id, "amber", "   ");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string& html = res->body;
  EXPECT_TRUE(has(html, "There is a problem"));
  EXPECT_TRUE(has(html, "<title>Error: "));
  EXPECT_TRUE(has(html, "<a href=\"#rationale\">Enter why you are giving this rating</a>"));
  EXPECT_TRUE(has(html,
                  "<p id=\"rationale-error\" class=\"govuk-error-message\"><span "
                  "class=\"govuk-visually-hidden\">Error:</span> Enter why you are giving "
                  "this rating</p>"));
  EXPECT_TRUE(std::regex_search(html, std::regex(R"re(value="amber" checked)re")))
      << "the rating chosen is kept";
  EXPECT_EQ(count_rows("contact_ratings"), rows);
  EXPECT_TRUE(has(html, "Not rated yet"));
}

TEST_F(Rating, ARatingThePageDidNotOfferIsRefusedKeepingWhatWasTyped) {
  const Sent c = send_contact(1);
  ASSERT_GT(c.id, 0);
  page(decider_, c.id);
  const int64_t rows = count_rows("contact_ratings");
  auto res = rate(decider_, c.id, "purple", "Typed before the rating was chosen");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_TRUE(has(res->body, "<a href=\"#rating\">Choose a rating</a>"));
  EXPECT_TRUE(has(res->body, "<p id=\"rating-error\" class=\"govuk-error-message\">"));
  EXPECT_TRUE(has(res->body, ">Typed before the rating was chosen</textarea>"))
      << "the rationale typed is kept";
  EXPECT_FALSE(std::regex_search(
      res->body, std::regex(R"re(name="rating" type="radio" value="[a-z]+" checked)re")))
      << "no rating chosen";
  EXPECT_EQ(count_rows("contact_ratings"), rows);

  auto none = rate(decider_, c.id, "", "Forgot to choose");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 422);
  EXPECT_TRUE(has(none->body, "<a href=\"#rating\">Choose a rating</a>"));
  EXPECT_EQ(count_rows("contact_ratings"), rows);
}

TEST_F(Rating, AReferralAdministratorSeesTheRatingButNoFormAndIsRefused) {
  const Sent c = send_contact(1);
  ASSERT_GT(c.id, 0);
  Browser admin;
  auto signed_in = admin.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(signed_in && signed_in->status == 303);
  const std::string html = page(admin, c.id);
  EXPECT_TRUE(has(html, "Not rated yet"));
  EXPECT_FALSE(has(html, "/rating\"")) << "no rating form";
  EXPECT_FALSE(has(html, "name=\"rationale\""));
  const int64_t rows = count_rows("contact_ratings");
  auto res = rate(admin, c.id, "red", "Trying anyway");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_TRUE(has(res->body, "You do not have access to this page"));
  EXPECT_EQ(count_rows("contact_ratings"), rows);
}

TEST_F(Rating, RatingNeedsTheFormsToken) {
  const Sent c = send_contact(1);
  ASSERT_GT(c.id, 0);
  page(decider_, c.id);
  const int64_t rows = count_rows("contact_ratings");
  auto res = decider_.post_form("/contacts/" + std::to_string(c.id) + "/rating",
                                {{"rating", "red"}, {"rationale", "No token"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  auto wrong = decider_.post_form("/contacts/" + std::to_string(c.id) + "/rating",
                                  {{decider_.csrf_field(), std::string(64, 'a')},
                                   {"rating", "red"},
                                   {"rationale", "Wrong token"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_EQ(count_rows("contact_ratings"), rows);
}

TEST_F(Rating, AContactThatDoesNotExistIsNotFound) {
  page(decider_, send_contact(1).id);
  auto res = rate(decider_, 999999999, "red", "Nobody");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

}  // namespace
}  // namespace mash::it
