// Sessions for the pages: who is signed in, CSRF checks, and answering a failed use case with
// the right page. Internal to web/.
#pragma once

#include <optional>

#include "app/hub.h"
#include "web/http.h"

namespace mash::web {

inline constexpr const char* kSessionCookie = "mash_session";
inline constexpr const char* kSignInCsrfCookie = "mash_csrf";

// The signed-in user's session for a page request. When there is none (never signed in,
// signed out or expired) it answers 303 to /sign-in?next=PATH and returns nullopt.
// `activity` false: a request the person did not make themselves (a page reloading itself),
// which leaves the session's idle clock alone.
std::optional<app::Session> require_session(Site& site, const httplib::Request& req,
                                            httplib::Response& res, bool activity = true);

// True when the form's hidden "csrf" field carries the session's token; otherwise answers 400
// "Your form has expired" and the caller must change nothing.
bool check_csrf(const app::Session& session, const Form& form, httplib::Response& res);

// A form posted about a contact (POST /contacts/{id}/…): the session, the form with its CSRF token
// checked, and the contact's id from the path. Otherwise it has answered (the sign-in redirect,
// 400 for the token, 404 for an id that is not one) and returns nullopt.
struct ContactPost {
  app::Session session;
  Form form;
  int64_t contact_id = 0;
};
std::optional<ContactPost> read_contact_post(Site& site, const httplib::Request& req,
                                             httplib::Response& res);

// Answers a use case's error as a page: 403, 404, 429 or 500, saying nothing about the record.
void send_error_page(httplib::Response& res, const Error& error, const app::Session* session);

}  // namespace mash::web
