// The hub over HTTP: GOV.UK pages for people and the JSON API (/api/v1) for agency systems.
// Handlers translate requests into use cases of app::Hub and nothing more.
#pragma once

#include <string>

namespace mash::app {
class Hub;
}

namespace mash::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 16;  // worker threads (each keep-alive connection holds one)
  // Live case tracker boards (Server-Sent Events) served at once. Each holds a worker thread of
  // its own for as long as it is open, so the pool has threads + boards threads; a board beyond
  // this is told to retry (503) rather than take the pages' threads.
  int boards = 128;
  std::string static_dirs;    // ':'-separated folders for /assets/*; empty = built-in default
  std::string tls_cert_file;  // with tls_key_file: serve HTTPS directly
  std::string tls_key_file;
  bool secure_cookies = false;      // Secure cookies; implied by TLS, or set behind a TLS proxy
  size_t max_body_bytes = 1 << 20;  // larger bodies get 413
};

// Serves until SIGINT or SIGTERM, then returns 0; returns non-zero (after logging why) when it
// cannot listen. Prints "MASH listening on http://HOST:PORT" to standard output once ready.
int serve(app::Hub& hub, const ServerOptions& options);

}  // namespace mash::web
