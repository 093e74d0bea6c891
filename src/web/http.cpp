#include "web/http.h"

#include <sys/random.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <stdexcept>

namespace mash::web {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

thread_local const char* t_route = nullptr;

}  // namespace

std::string clean_text(std::string_view s) {
  static const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      // Line breaks and tabs stay; CR (browsers send CRLF), NUL and other controls go.
      if ((c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t') out += static_cast<char>(c);
      ++i;
      continue;
    }
    // The length of a well-formed UTF-8 sequence starting here, or 0 (RFC 3629, table 3-7).
    size_t len = 0;
    auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
      if (i + k >= s.size()) return false;
      const auto b = static_cast<unsigned char>(s[i + k]);
      return b >= lo && b <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF) {
      if (cont(1)) len = 2;
    } else if (c == 0xE0) {
      if (cont(1, 0xA0) && cont(2)) len = 3;
    } else if (c == 0xED) {
      if (cont(1, 0x80, 0x9F) && cont(2)) len = 3;
    } else if (c >= 0xE1 && c <= 0xEF) {
      if (cont(1) && cont(2)) len = 3;
    } else if (c == 0xF0) {
      if (cont(1, 0x90) && cont(2) && cont(3)) len = 4;
    } else if (c >= 0xF1 && c <= 0xF3) {
      if (cont(1) && cont(2) && cont(3)) len = 4;
    } else if (c == 0xF4) {
      if (cont(1, 0x80, 0x8F) && cont(2) && cont(3)) len = 4;
    }
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

Form parse_form(std::string_view body) {
  Form form;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    // Browsers send line breaks in textareas as CRLF: keep LF only. Bytes that are not UTF-8
    // or are control characters would break the draft's JSON and PostgreSQL's text columns.
    std::string name = clean_text(url_decode(pair.substr(0, eq)));
    std::string value =
        eq == std::string_view::npos ? std::string{} : clean_text(url_decode(pair.substr(eq + 1)));
    form.emplace(std::move(name), std::move(value));
  }
  return form;
}

std::string form_value(const Form& form, const std::string& name) {
  auto it = form.find(name);
  return it == form.end() ? std::string{} : it->second;
}

std::vector<std::string> form_values(const Form& form, const std::string& name) {
  std::vector<std::string> out;
  auto [b, e] = form.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string cookie_value(const httplib::Request& req, std::string_view name) {
  auto count = req.get_header_value_count("Cookie");
  for (size_t n = 0; n < count; ++n) {
    std::string header = req.get_header_value("Cookie", n);
    std::string_view rest = header;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view part = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      size_t eq = part.find('=');
      if (eq != std::string_view::npos && part.substr(0, eq) == name)
        return std::string(part.substr(eq + 1));
    }
  }
  return {};
}

void set_cookie(httplib::Response& res, std::string_view name, std::string_view value, bool secure,
                int max_age) {
  std::string c =
      std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Strict";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  res.headers.emplace("Set-Cookie", c);
}

void clear_cookie(httplib::Response& res, std::string_view name, bool secure) {
  set_cookie(res, name, "", secure, 0);
}

void send_html(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_content(std::move(body), "text/html; charset=utf-8");
}

void send_json(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_content(std::move(body), "application/json; charset=utf-8");
}

void redirect(httplib::Response& res, const std::string& location) {
  res.status = 303;
  res.set_header("Location", location);
}

std::string random_token() {
  unsigned char bytes[32];
  size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed");
    }
    got += static_cast<size_t>(n);
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool is_local_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return false;
  for (char c : path)
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  return path.size() <= 512;
}

void set_route(const char* route_template) { t_route = route_template; }
const char* current_route() { return t_route; }

int64_t parse_id(const std::string& text) {
  if (text.empty() || text.size() > 18) return 0;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace mash::web
