// The pages, as a browser without JavaScript uses them: sign-in, sessions, CSRF, throttling,
// the front-door queue, a contact and its access history, and pages that leak nothing.
#include <gtest/gtest.h>

#include "harness.h"

namespace mash::it {
namespace {

bool redirects_to_sign_in(const httplib::Result& res) {
  return res && (res->status == 303 || res->status == 302) &&
         res->get_header_value("Location").rfind("/sign-in", 0) == 0;
}

// A redirect within this site: "/contacts", not "//elsewhere" or "https://…".
bool is_local_location(const std::string& location) {
  return !location.empty() && location[0] == '/' && (location.size() == 1 || location[1] != '/');
}

// Undoes the HTML escapes templates use in attributes ("&#x2F;" for "/").
std::string unescape_html(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&#x2F;", "/"}, {"&#47;", "/"}, {"&#x3D;", "="}, {"&amp;", "&"}}) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  }
  return s;
}

// A contact posted by the police feed, about a family nobody else uses; returns its id.
int64_t post_contact_about(const std::string& family_name) {
  json c = valid_contact(unique_ref("PPN-PAGE"), family_name);
  c["received_at"] = rfc3339_utc(-1);  // the newest in the queue
  auto res = post_contact(c, world().police_token);
  if (!res || res->status != 201) {
    ADD_FAILURE() << "could not post a contact: " << (res ? res->body : "no response");
    return 0;
  }
  return json::parse(res->body)["id"].get<int64_t>();
}

TEST(SignIn, ThePageHasACsrfField) {
  Browser b;
  auto res = b.get("/sign-in");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/html", 0), 0u);
  EXPECT_FALSE(b.csrf().empty()) << "no hidden CSRF input on /sign-in";
  EXPECT_GE(b.csrf().size(), 16u);
  EXPECT_NE(res->body.find("name=\"username\""), std::string::npos);
  EXPECT_NE(res->body.find("type=\"password\""), std::string::npos);
}

TEST(SignIn, PagesOtherThanSignInNeedASession) {
  Browser b;
  EXPECT_TRUE(redirects_to_sign_in(b.get("/contacts")));
  EXPECT_TRUE(redirects_to_sign_in(b.get("/contacts/new")));
  EXPECT_TRUE(redirects_to_sign_in(b.get("/contacts/1")));
}

TEST(SignIn, AWrongPasswordShowsAnErrorAndStartsNoSession) {
  Browser b;
  auto res = b.sign_in(kReferralAdministrator, "not the right password at all");
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 200 || res->status == 401 || res->status == 422) << res->status;
  EXPECT_NE(res->body.find("govuk-error-summary"), std::string::npos)
      << "the error is shown with the GOV.UK error summary";
  EXPECT_EQ(res->body.find("not the right password at all"), std::string::npos)
      << "the page shows back the password typed";
  EXPECT_NE(res->body.find(kReferralAdministrator), std::string::npos)
      << "the form keeps the username typed";
  EXPECT_TRUE(redirects_to_sign_in(b.get("/contacts"))) << "a wrong password started a session";
}

TEST(SignIn, AnUnknownUserGetsTheSameAnswerAsAWrongPassword) {
  Browser a, b;
  auto wrong_password = a.sign_in(kReferralAdministrator, "not the right password at all");
  auto unknown_user = b.sign_in("nobody.here", "not the right password at all");
  ASSERT_TRUE(wrong_password && unknown_user);
  EXPECT_EQ(wrong_password->status, unknown_user->status);
  EXPECT_TRUE(redirects_to_sign_in(b.get("/contacts")));
}

TEST(SignIn, TheRightPasswordStartsASessionWithASafeCookie) {
  Browser b;
  auto res = b.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_TRUE(is_local_location(res->get_header_value("Location")))
      << res->get_header_value("Location");
  auto cookies = set_cookies(res);
  ASSERT_FALSE(cookies.empty()) << "signing in set no cookie";
  for (const auto& c : cookies) {
    EXPECT_TRUE(contains_ci(c, "HttpOnly")) << c;
    EXPECT_TRUE(contains_ci(c, "SameSite=Strict")) << c;
    EXPECT_FALSE(contains_ci(c, "Secure")) << "plain HTTP on loopback: " << c;
  }
  auto queue = b.get("/contacts");
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->status, 200);
  EXPECT_NE(queue->body.find(display_name_of(kReferralAdministrator)), std::string::npos)
      << "the page says who is signed in";
}

TEST(SignIn, ACookieMadeUpByTheClientIsNoSession) {
  Browser b;
  auto signed_in = b.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303);
  std::string forged;
  for (const auto& [name, value] : b.cookies()) {
    std::string v = value;
    v.back() = v.back() == '0' ? '1' : '0';
    if (!forged.empty()) forged += "; ";
    forged += name + "=" + v;
  }
  auto res = client().Get("/contacts", {{"Cookie", forged}});
  EXPECT_TRUE(redirects_to_sign_in(res));
}

TEST(SignIn, SixFailuresLockTheAccountEvenForTheRightPassword) {
  Browser b;
  int locked = 0;
  for (int i = 0; i < 6; ++i) {
    auto res = b.sign_in(kThrottledUser, "wrong password number " + std::to_string(i));
    ASSERT_TRUE(res);
    EXPECT_NE(res->status, 303);
    locked += res->status == 429;
  }
  EXPECT_GE(locked, 1) << "the sixth failure in a row should already be refused with 429";
  auto res = b.sign_in(kThrottledUser, password_of(kThrottledUser));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429) << "a locked account signed in with the right password";
  EXPECT_FALSE(looks_internal(res->body));
  EXPECT_TRUE(redirects_to_sign_in(b.get("/contacts")));
  // Other accounts are not locked by it.
  Browser other;
  auto ok = other.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 303);
}

TEST(Sessions, SigningOutEndsTheSession) {
  Browser b;
  auto res = b.sign_in(kSignOutUser, password_of(kSignOutUser));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303);
  std::string old_cookies = b.cookie_header();
  auto queue = b.get("/contacts");
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->status, 200);
  ASSERT_FALSE(b.csrf().empty()) << "the queue page has no sign-out form with a CSRF token";

  auto out = b.post_form("/sign-out", {{b.csrf_field(), b.csrf()}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  // The old cookie, replayed, is no session any more.
  auto replay = client().Get("/contacts", {{"Cookie", old_cookies}});
  EXPECT_TRUE(redirects_to_sign_in(replay))
      << "status " << (replay ? replay->status : -1) << " after signing out";
}

TEST(Sessions, APostWithoutTheCsrfTokenIsRefusedAndChangesNothing) {
  Browser b;
  auto res = b.sign_in(kSignOutUser, password_of(kSignOutUser));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303);
  ASSERT_TRUE(b.get("/contacts"));

  auto no_token = b.post_form("/sign-out", {});
  ASSERT_TRUE(no_token);
  EXPECT_TRUE(no_token->status == 400 || no_token->status == 403) << no_token->status;
  auto wrong_token = b.post_form("/sign-out", {{b.csrf_field(), std::string(64, 'a')}});
  ASSERT_TRUE(wrong_token);
  EXPECT_TRUE(wrong_token->status == 400 || wrong_token->status == 403) << wrong_token->status;
  auto still = b.get("/contacts");
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200) << "a sign-out without a CSRF token ended the session";

  int64_t contacts = count_rows("contacts");
  auto form = b.post_form("/contacts/new/received",
                          {{"received-day", "1"}, {"received-month", "11"}, {"source", "6"}});
  ASSERT_TRUE(form);
  EXPECT_TRUE(form->status == 400 || form->status == 403) << form->status;
  EXPECT_EQ(count_rows("contacts"), contacts);
}

TEST(Sessions, ASignInWithoutTheCsrfTokenIsRefused) {
  Browser b;
  ASSERT_TRUE(b.get("/sign-in"));
  auto res = b.post_form("/sign-in", {{"username", kReferralAdministrator},
                                      {"password", password_of(kReferralAdministrator)}});
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 400 || res->status == 403) << res->status;
  EXPECT_TRUE(redirects_to_sign_in(b.get("/contacts")));
}

TEST(Queue, ListsContactsNewestFirst) {
  int64_t id = post_contact_about("Abernathy-Queue");
  ASSERT_NE(id, 0);
  Browser b;
  auto signed_in = b.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303);
  auto res = b.get("/contacts");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_TRUE(contains_ci(res->body, "Abernathy-Queue")) << "the new contact is not in the queue";
  EXPECT_NE(unescape_html(res->body).find("href=\"/contacts/" + std::to_string(id) + "\""),
            std::string::npos)
      << "the queue does not link to the contact";
}

TEST(Queue, FiltersAndPagesAnswer) {
  Browser b;
  auto signed_in = b.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303);
  for (const char* q : {"/contacts?page=2", "/contacts?status=new", "/contacts?source=6",
                        "/contacts?page=999999", "/contacts?page=-1&status=nonsense"}) {
    auto res = b.get(q);
    ASSERT_TRUE(res) << q;
    EXPECT_TRUE(res->status == 200 || res->status == 400) << q << ": " << res->status;
    EXPECT_FALSE(looks_internal(res->body)) << q;
  }
}

TEST(ContactPage, ShowsTheContactAndWhoHasViewedIt) {
  int64_t id = post_contact_about("Castellanos-View");
  ASSERT_NE(id, 0);
  Browser b;
  auto signed_in = b.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303);
  std::string path = "/contacts/" + std::to_string(id);
  auto first = b.get(path);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  EXPECT_TRUE(contains_ci(first->body, "Castellanos-View"));
  auto second = b.get(path);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200);
  bool shows_viewer =
      second->body.find(display_name_of(kReferralAdministrator)) != std::string::npos ||
      second->body.find(kReferralAdministrator) != std::string::npos;
  EXPECT_TRUE(shows_viewer) << "the access history does not show who viewed the contact";
}

TEST(ContactPage, AnAgencyPractitionerIsForbiddenAndSeesNothing) {
  int64_t id = post_contact_about("Featherstonehaugh");
  ASSERT_NE(id, 0);
  Browser b;
  auto signed_in = b.sign_in(kAgencyPractitioner, password_of(kAgencyPractitioner));
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303);
  auto res = b.get("/contacts/" + std::to_string(id));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/html", 0), 0u);
  EXPECT_FALSE(contains_ci(res->body, "Featherstonehaugh")) << "the 403 page shows the subject";
  EXPECT_EQ(res->body.find("9434765919"), std::string::npos) << "the 403 page shows the NHS number";
  EXPECT_EQ(res->body.find("Blackburn"), std::string::npos) << "the 403 page shows the address";
  EXPECT_FALSE(looks_internal(res->body));
  // Nor does the queue show it to them.
  auto queue = b.get("/contacts");
  ASSERT_TRUE(queue);
  EXPECT_FALSE(contains_ci(queue->body, "Featherstonehaugh"));
}

TEST(NewContactForm, SomeoneWhoMayNotRecordContactsIsToldBeforeFillingItIn) {
  Browser b;
  auto signed_in = b.sign_in(kAgencyPractitioner, password_of(kAgencyPractitioner));
  ASSERT_TRUE(signed_in);
  for (const char* page :
       {"/contacts/new/received", "/contacts/new/referrer", "/contacts/new/check"}) {
    auto res = b.get(page);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << page;
  }
}

TEST(Navigation, OffersOnlyThePagesTheRoleCanUse) {
  // An agency practitioner's home is the information requests to their agency (issue 5).
  Browser practitioner;
  ASSERT_TRUE(practitioner.sign_in(kAgencyPractitioner, password_of(kAgencyPractitioner)));
  auto root_page = practitioner.get("/");
  ASSERT_TRUE(root_page);
  EXPECT_EQ(root_page->status, 303);
  EXPECT_EQ(root_page->get_header_value("Location"), "/requests");
  auto requests = practitioner.get("/requests");
  ASSERT_TRUE(requests);
  EXPECT_EQ(requests->status, 200);
  EXPECT_EQ(requests->body.find("href=\"/contacts\""), std::string::npos);
  EXPECT_EQ(requests->body.find("href=\"/contacts/new\""), std::string::npos);
  EXPECT_NE(requests->body.find("Sign out"), std::string::npos);

  // A role with nothing to do in the hub yet is told so.
  const char* analyst = "an.navigation";
  auto added = run_mash({"user", "add", "--db", world().db_url, "--username", analyst, "--role",
                         "analyst", "--agency", "childrens_social_care"},
                        password_of(analyst) + "\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  Browser figures;
  ASSERT_TRUE(figures.sign_in(analyst, password_of(analyst)));
  auto home = figures.get("/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_NE(home->body.find("You are signed in"), std::string::npos);
  EXPECT_EQ(home->body.find("href=\"/contacts\""), std::string::npos);
  EXPECT_EQ(home->body.find("href=\"/contacts/new\""), std::string::npos);
  EXPECT_EQ(home->body.find("href=\"/requests\""), std::string::npos);
  EXPECT_NE(home->body.find("Sign out"), std::string::npos);

  Browser administrator;
  ASSERT_TRUE(administrator.sign_in(kReferralAdministrator, password_of(kReferralAdministrator)));
  auto root = administrator.get("/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 303);
  EXPECT_EQ(root->get_header_value("Location"), "/contacts");
  auto queue = administrator.get("/contacts");
  ASSERT_TRUE(queue);
  EXPECT_NE(queue->body.find("href=\"/contacts/new\""), std::string::npos);
}

TEST(ContactPage, AnUnknownContactIsA404ThatLeaksNothing) {
  Browser b;
  auto signed_in = b.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303);
  auto res = b.get("/contacts/987654321");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_FALSE(looks_internal(res->body));
  auto nowhere = b.get("/no/such/page");
  ASSERT_TRUE(nowhere);
  EXPECT_EQ(nowhere->status, 404);
  EXPECT_NE(nowhere->body.find("govuk-"), std::string::npos) << "the 404 is a GOV.UK page";
  EXPECT_FALSE(looks_internal(nowhere->body));
}

TEST(NewContactForm, AnErrorKeepsWhatWasTypedAndStoresNothing) {
  Browser b;
  auto signed_in = b.sign_in(kReferralAdministrator, password_of(kReferralAdministrator));
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303);
  auto page = b.get("/contacts/new/received");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  int64_t contacts = count_rows("contacts");

  auto res = b.post_form("/contacts/new/received", {{b.csrf_field(), b.csrf()},
                                                    {"received-day", "30"},
                                                    {"received-month", "2"},
                                                    {"received-year", "2026"},
                                                    {"received-time", "25:99"},
                                                    {"source", "6"}});
  ASSERT_TRUE(res);
  EXPECT_NE(res->status, 303) << "an impossible date and time were accepted";
  EXPECT_NE(res->body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(res->body.find("value=\"30\""), std::string::npos) << "the day typed was lost";
  EXPECT_NE(res->body.find("25:99"), std::string::npos) << "the time typed was lost";
  EXPECT_FALSE(looks_internal(res->body));
  EXPECT_EQ(count_rows("contacts"), contacts);

  auto fixed = b.post_form("/contacts/new/received", {{b.csrf_field(), b.csrf()},
                                                      {"received-day", "20"},
                                                      {"received-month", "11"},
                                                      {"received-year", "2026"},
                                                      {"received-time", "09:30"},
                                                      {"source", "6"}});
  ASSERT_TRUE(fixed);
  EXPECT_EQ(fixed->status, 303) << fixed->body.substr(0, 2000);
  EXPECT_EQ(count_rows("contacts"), contacts) << "one page of the form stored a contact";
}

TEST(Pages, SendSecurityHeaders) {
  Browser b;
  auto res = b.get("/sign-in");
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->get_header_value("Content-Security-Policy").empty());
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_TRUE(contains_ci(res->get_header_value("Cache-Control"), "no-store"));
}

TEST(Pages, GovukFrontendAssetsAreServed) {
  auto res = client().Get("/assets/govuk-frontend.min.css");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/css", 0), 0u);
}

}  // namespace
}  // namespace mash::it
