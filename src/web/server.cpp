// serve(): the HTTP server around the handlers: thread pool, TLS, security headers, static
// assets, error pages, the access log and shutting down on SIGINT/SIGTERM.
#include "web/server.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <thread>
#include <typeinfo>

#include <spdlog/spdlog.h>

#include "app/change_feed.h"
#include "app/hub.h"
#include "web/http.h"
#include "web/routes.h"
#include "web/view.h"

#ifndef MASH_STATIC_DIRS
#define MASH_STATIC_DIRS "web/static"
#endif

namespace mash::web {

namespace {

// Scripts and styles come from files on this site only: no inline script, no third parties.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'";

thread_local std::chrono::steady_clock::time_point t_started;

int g_signal_pipe[2] = {-1, -1};

extern "C" void on_stop_signal(int) {
  char byte = 's';
  [[maybe_unused]] ssize_t n = write(g_signal_pipe[1], &byte, 1);
}

std::vector<std::string> split_dirs(const std::string& dirs) {
  std::vector<std::string> out;
  std::stringstream in(dirs);
  std::string dir;
  while (std::getline(in, dir, ':'))
    if (!dir.empty()) out.push_back(dir);
  return out;
}

bool is_api(const httplib::Request& req) { return req.path.rfind("/api/", 0) == 0; }

std::string api_error_body(int status, size_t max_body_bytes) {
  const char* code = "internal";
  const char* message = "Something went wrong in the hub. Try again later.";
  switch (status) {
    case 400:
      code = "bad_request";
      message = "The request could not be read.";
      break;
    case 404:
      code = "not_found";
      message = "There is nothing at this address.";
      break;
    case 405:
      code = "method_not_allowed";
      message = "This address does not accept that method.";
      break;
    case 413:
      return "{\"error\":{\"code\":\"payload_too_large\",\"message\":\"The request body is larger "
             "than the hub accepts (" +
             std::to_string(max_body_bytes) + " bytes). Send a smaller body.\"}}";
    default:
      break;
  }
  return std::string("{\"error\":{\"code\":\"") + code + "\",\"message\":\"" + message + "\"}}";
}

void install_handlers(httplib::Server& server, Site& site) {
  server.set_tcp_nodelay(true);
  // Pages and API calls share `threads`; each live board holds one of its own (server.h).
  const int threads = std::max(2, site.options.threads) + std::max(0, site.options.boards);
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  server.set_payload_max_length(site.options.max_body_bytes);
  server.set_keep_alive_max_count(1000);
  server.set_keep_alive_timeout(5);
  server.set_read_timeout(10);
  server.set_write_timeout(10);

  httplib::Headers headers = {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (site.secure) headers.emplace("Strict-Transport-Security", "max-age=31536000");
  server.set_default_headers(headers);

  server.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
  server.set_file_extension_and_mimetype_mapping("mjs", "text/javascript; charset=utf-8");
  server.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
  server.set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
  server.set_file_extension_and_mimetype_mapping("json", "application/json");
  server.set_file_extension_and_mimetype_mapping("map", "application/json");

  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    t_started = std::chrono::steady_clock::now();
    bool asset = req.path.rfind("/assets/", 0) == 0;
    set_route(asset ? "/assets/*" : nullptr);
    // Assets carry no personal data: their mount point's long Cache-Control replaces the
    // default no-store (the default headers are already in the response at this point).
    if (asset) res.headers.erase("Cache-Control");
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // The time the hub spent on the request before sending it (W3C Server Timing), for
  // benchmarks and browsers' developer tools; a number only, nothing about the request.
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_started)
            .count();
    res.set_header("Server-Timing", "app;dur=" + std::to_string(ms));
  });

  const size_t max_body = site.options.max_body_bytes;
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [max_body](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (is_api(req)) {
          res.set_content(api_error_body(res.status, max_body), "application/json; charset=utf-8");
        } else {
          int status = res.status == 405 ? 404 : res.status;
          res.set_content(status_page(status >= 500 ? 500 : status), "text/html; charset=utf-8");
        }
        res.set_header("Cache-Control", "no-store");
        return httplib::Server::HandlerResponse::Handled;
      }));

  // Never show an exception's text or a stack trace to anyone: log it, answer 500.
  server.set_exception_handler([max_body, headers](const httplib::Request& req,
                                                   httplib::Response& res, std::exception_ptr ep) {
    // Only the exception's type is logged: its text can quote the input (a JSON parser's
    // "last read: …"), which may be personal data.
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = typeid(e).name();
    } catch (...) {
    }
    const char* route = current_route();
    spdlog::error("{} {}: unhandled exception: {}", req.method, route ? route : "-", what);
    // Drop whatever the handler set (cookies, Location), but keep the security headers
    // and no-store.
    res.headers = headers;
    res.status = 500;
    if (is_api(req))
      res.set_content(api_error_body(500, max_body), "application/json; charset=utf-8");
    else
      res.set_content(status_page(500), "text/html; charset=utf-8");
  });

  // The access log: method, route template, status and time; never the concrete path, its
  // query or a body, any of which can carry personal data.
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_started)
            .count();
    const char* route = current_route();
    spdlog::info("{} {} {} {:.1f}ms", req.method, route ? route : "(unrouted)", res.status, ms);
  });
}

}  // namespace

void add_asset_routes(Routes& routes) {
  // Our own folder first, then GOV.UK Frontend's. Names are not fingerprinted, so pages ask for
  // them with ?v=VERSION and they may be cached for long.
  std::vector<std::string> dirs;
  if (const Site* site = routes.site())
    dirs = split_dirs(site->options.static_dirs.empty() ? MASH_STATIC_DIRS
                                                        : site->options.static_dirs);
  routes.mount("/assets",
               "Styles, scripts, fonts and images (GOV.UK Frontend and the hub's own): no "
               "personal data, the same for everyone",
               dirs, {{"Cache-Control", "public, max-age=31536000"}});
}

int serve(app::Hub& hub, const ServerOptions& options) {
  const bool tls = !options.tls_cert_file.empty() || !options.tls_key_file.empty();
  std::unique_ptr<httplib::Server> server;
  if (tls) {
    auto ssl = std::make_unique<httplib::SSLServer>(options.tls_cert_file.c_str(),
                                                    options.tls_key_file.c_str());
    if (!ssl->is_valid()) {
      spdlog::error("cannot serve HTTPS: check the certificate {} and key {}",
                    options.tls_cert_file, options.tls_key_file);
      return 1;
    }
    server = std::move(ssl);
  } else {
    server = std::make_unique<httplib::Server>();
  }

  Site site{hub, options, options.secure_cookies || tls};
  install_handlers(*server, site);
  Routes routes(*server, site);
  add_routes(routes);

  int port = options.port;
  if (port == 0) {
    port = server->bind_to_any_port(options.host);
    if (port < 0) port = 0;
  } else if (!server->bind_to_port(options.host, port)) {
    port = 0;
  }
  if (port == 0) {
    spdlog::error("cannot listen on {}:{}: is another program using the port?", options.host,
                  options.port);
    return 1;
  }

  // SIGINT and SIGTERM stop the server gracefully. The handler only writes to a pipe (all it may
  // safely do); a watcher thread reads it and stops the server.
  if (pipe(g_signal_pipe) != 0) {
    spdlog::error("cannot create the signal pipe");
    return 1;
  }
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  struct sigaction old_int {
  }, old_term{};
  sigaction(SIGINT, &action, &old_int);
  sigaction(SIGTERM, &action, &old_term);
  std::thread watcher([&server, &hub] {
    char byte = 0;
    while (read(g_signal_pipe[0], &byte, 1) < 0 && errno == EINTR) {
    }
    if (byte == 's') spdlog::info("stopping");
    // Live boards wait on the change feed: wake them, so that their streams end and the pool's
    // threads can be joined.
    hub.changes().wake_all();
    server->stop();
  });

  std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::printf("MASH listening on %s://%s:%d\n", tls ? "https" : "http", host.c_str(), port);
  std::fflush(stdout);

  bool ok = server->listen_after_bind();

  char wake = 'q';
  [[maybe_unused]] ssize_t n = write(g_signal_pipe[1], &wake, 1);
  watcher.join();
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  close(g_signal_pipe[0]);
  close(g_signal_pipe[1]);
  g_signal_pipe[0] = g_signal_pipe[1] = -1;
  if (!ok) {
    spdlog::error("the server stopped unexpectedly");
    return 1;
  }
  return 0;
}

}  // namespace mash::web
