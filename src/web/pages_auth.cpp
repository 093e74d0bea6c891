// Sign in and sign out. The sign-in form is protected from cross-site posting by a double-submit
// token: a random "mash_csrf" cookie (SameSite=Strict) that the form must echo.
#include <spdlog/spdlog.h>

#include "web/session.h"
#include "web/view.h"

namespace mash::web {

namespace {

std::string safe_next(const std::string& next) {
  if (!is_local_path(next) || next.rfind("/sign-", 0) == 0 || next.rfind("/api/", 0) == 0)
    return "/";
  return next;
}

void render_sign_in(httplib::Response& res, int status, const std::string& csrf,
                    const std::string& next, const std::string& username,
                    const std::vector<ErrorLink>& errors, const std::string& username_error,
                    const std::string& password_error) {
  Field user;
  user.id = "username";
  user.label = "Username";
  user.value = username;
  user.error = username_error;
  user.autocomplete = "username";
  user.classes = "govuk-!-width-one-half";
  Field password;
  password.id = "password";
  password.label = "Password";
  password.type = "password";
  password.error = password_error;
  password.autocomplete = "current-password";
  password.classes = "govuk-!-width-one-half";
  Layout layout;
  layout.title = "Sign in";
  layout.errors = errors;
  send_html(res, status,
            render_page("sign_in",
                        mstch::map{{"csrf", csrf},
                                   {"next", next},
                                   {"username", input_field(user)},
                                   {"password", input_field(password)}},
                        layout));
}

}  // namespace

std::optional<app::Session> require_session(Site& site, const httplib::Request& req,
                                            httplib::Response& res, bool activity) {
  std::string token = cookie_value(req, kSessionCookie);
  if (!token.empty()) {
    auto session = site.hub.resume_session(token, activity);
    if (session.ok()) return std::move(session).value();
  }
  std::string next = req.method == "GET" ? req.target : req.path;
  std::string location = "/sign-in";
  if (is_local_path(next) && next != "/") location += "?next=" + url_encode(next);
  if (!token.empty()) clear_cookie(res, kSessionCookie, site.secure);
  redirect(res, location);
  return std::nullopt;
}

std::optional<ContactPost> read_contact_post(Site& site, const httplib::Request& req,
                                             httplib::Response& res) {
  auto session = require_session(site, req, res);
  if (!session) return std::nullopt;
  Form form = parse_form(req.body);
  if (!check_csrf(*session, form, res)) return std::nullopt;
  const int64_t id = parse_id(req.matches[1]);
  if (id <= 0) {
    send_html(res, 404, status_page(404, &*session));
    return std::nullopt;
  }
  return ContactPost{std::move(*session), std::move(form), id};
}

bool check_csrf(const app::Session& session, const Form& form, httplib::Response& res) {
  if (same_secret(form_value(form, "csrf"), session.csrf_token)) return true;
  send_html(res, 400, status_page(400, &session));
  return false;
}

void send_error_page(httplib::Response& res, const Error& error, const app::Session* session) {
  switch (error.kind) {
    case Error::Kind::not_found:
      send_html(res, 404, status_page(404, session));
      return;
    case Error::Kind::forbidden:
      send_html(res, 403, status_page(403, session));
      return;
    case Error::Kind::unauthenticated:
      redirect(res, "/sign-in");
      return;
    case Error::Kind::too_many:
      send_html(res, 429, status_page(429, session));
      return;
    // What the hub refused and why, in its own words (which never quote the record): a request
    // already answered, a contact not yet in an enquiry, an answer not sent yet.
    case Error::Kind::conflict:
      send_html(res, 409, message_page("This cannot be done now", {error.message}, session));
      return;
    case Error::Kind::invalid:
      send_html(res, 422, message_page("Check what you entered", {error.message}, session));
      return;
    default:
      spdlog::error("{}: {}", current_route() ? current_route() : "-", error.message);
      send_html(res, 500, status_page(500, session));
      return;
  }
}

void add_auth_routes(Routes& routes) {
  // Home: the queue for those who may see it; for others, what they can do here.
  auto home = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto session = require_session(site, req, res);
    if (!session) return;
    if (session->may_list_contacts) {
      redirect(res, "/contacts");
      return;
    }
    if (session->may_answer_requests) {
      redirect(res, "/requests");
      return;
    }
    send_html(res, 200,
              message_page("You are signed in",
                           {"There is nothing for your role to do in the hub yet.",
                            "The figures analysts use come in a later release of MASH."},
                           &*session));
  };
  routes.get(RouteKind::page, "/", "Home: the front-door queue, or what the role can do here",
             home);

  auto sign_in_form = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    std::string token = cookie_value(req, kSessionCookie);
    if (!token.empty() && site.hub.resume_session(token).ok()) {
      redirect(res, "/");
      return;
    }
    std::string csrf = cookie_value(req, kSignInCsrfCookie);
    if (csrf.size() != 64) csrf = random_token();
    set_cookie(res, kSignInCsrfCookie, csrf, site.secure);
    std::string next = req.get_param_value("next");
    render_sign_in(res, 200, csrf, is_local_path(next) ? next : "", "", {}, "", "");
  };
  routes.get(RouteKind::page, "/sign-in", "The sign-in form", sign_in_form);

  auto sign_in = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    Form form = parse_form(req.body);
    std::string cookie_csrf = cookie_value(req, kSignInCsrfCookie);
    if (cookie_csrf.size() != 64 || !same_secret(form_value(form, "csrf"), cookie_csrf)) {
      send_html(res, 400, status_page(400));
      return;
    }
    std::string next = form_value(form, "next");
    std::string username = form_value(form, "username");
    std::string password = form_value(form, "password");
    while (!username.empty() && username.back() == ' ') username.pop_back();
    while (!username.empty() && username.front() == ' ') username.erase(0, 1);

    std::vector<ErrorLink> errors;
    std::string username_error, password_error;
    if (username.empty()) {
      username_error = "Enter your username";
      errors.push_back({"#username", username_error});
    }
    if (password.empty()) {
      password_error = "Enter your password";
      errors.push_back({"#password", password_error});
    }
    if (!errors.empty()) {
      render_sign_in(res, 422, cookie_csrf, next, username, errors, username_error, password_error);
      return;
    }

    auto session = site.hub.sign_in(username, password, req.remote_addr);
    if (session.ok()) {
      set_cookie(res, kSessionCookie, session->token, site.secure);
      clear_cookie(res, kSignInCsrfCookie, site.secure);
      redirect(res, safe_next(next));
      return;
    }
    const Error& e = session.error();
    if (e.kind == Error::Kind::too_many) {
      std::vector<std::string> paragraphs;
      paragraphs.push_back(e.message.empty() ? "There have been too many attempts to sign in."
                                             : e.message);
      paragraphs.push_back(
          "Wait 15 minutes, then try again. If you have forgotten your password, ask your hub "
          "manager or system administrator to reset it.");
      send_html(res, 429, message_page("You cannot sign in yet", paragraphs));
      return;
    }
    if (e.kind == Error::Kind::unauthenticated || e.kind == Error::Kind::invalid ||
        e.kind == Error::Kind::not_found) {
      const std::string message = "Enter a correct username and password";
      render_sign_in(res, 422, cookie_csrf, next, username, {{"#username", message}}, message, "");
      return;
    }
    send_error_page(res, e, nullptr);
  };
  routes.post(RouteKind::page, "/sign-in", "Signs in with a username and password", sign_in);

  auto sign_out = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    std::string token = cookie_value(req, kSessionCookie);
    auto session = token.empty() ? Result<app::Session>(Error{Error::Kind::unauthenticated, "", {}})
                                 : site.hub.resume_session(token);
    if (!session.ok()) {
      clear_cookie(res, kSessionCookie, site.secure);
      redirect(res, "/sign-in");
      return;
    }
    if (!check_csrf(*session, parse_form(req.body), res)) return;
    site.hub.sign_out(token);
    clear_cookie(res, kSessionCookie, site.secure);
    redirect(res, "/sign-in");
  };
  routes.post(RouteKind::page, "/sign-out", "Signs out: ends the session", sign_out);
}

}  // namespace mash::web
