#include "mail/smtp.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace mash::mail {

namespace {

using Clock = std::chrono::steady_clock;

// A connected socket, closed when it goes.
class Connection {
 public:
  explicit Connection(int fd) : fd_(fd) {}
  ~Connection() {
    if (fd_ >= 0) ::close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Waits until fd is ready for `events`; false on timeout or error.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int ms = remaining_ms(deadline);
    if (ms == 0) return false;
    const int n = ::poll(&p, 1, ms);
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return false;
  }
}

// Connects to the first address of host:port that answers in time; -1 with `why` set otherwise.
int connect_to(const SmtpServer& server, std::string& why) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(server.port);
  if (int rc = ::getaddrinfo(server.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    why = "cannot find the mail server " + server.host + ": " + ::gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  why = "cannot connect to the mail server " + server.host + ":" + port;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    const auto deadline = Clock::now() + server.timeout;
    int s = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (s < 0) continue;
    int rc = ::connect(s, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS && wait_for(s, POLLOUT, deadline)) {
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len);
      rc = err == 0 ? 0 : -1;
      if (err != 0) why += std::string(": ") + std::strerror(err);
    } else if (rc != 0 && errno != EINPROGRESS) {
      why += std::string(": ") + std::strerror(errno);
    } else if (rc != 0) {
      why += ": no answer in time";
    }
    if (rc == 0)
      fd = s;
    else
      ::close(s);
  }
  ::freeaddrinfo(found);
  return fd;
}

struct Reply {
  int code = 0;
  std::string text;  // the lines' words after the codes, joined by " "
};

// Reads and writes one SMTP conversation, each step bounded by the server's timeout.
class Conversation {
 public:
  Conversation(int fd, std::chrono::milliseconds timeout) : fd_(fd), timeout_(timeout) {}
  void set_timeout(std::chrono::milliseconds t) { timeout_ = t; }

  bool write(std::string_view data) {
    const auto deadline = Clock::now() + timeout_;
    while (!data.empty()) {
      if (!wait_for(fd_, POLLOUT, deadline)) return false;
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // One reply, which may span lines "250-..." up to "250 ...". nullopt on timeout, a closed
  // connection or a reply that is not SMTP.
  std::optional<Reply> read_reply() {
    Reply r;
    const auto deadline = Clock::now() + timeout_;
    for (int lines = 0; lines < 100; ++lines) {
      auto line = read_line(deadline);
      if (!line || line->size() < 3) return std::nullopt;
      int code = 0;
      for (int i = 0; i < 3; ++i) {
        const char c = (*line)[i];
        if (c < '0' || c > '9') return std::nullopt;
        code = code * 10 + (c - '0');
      }
      if (r.code != 0 && code != r.code) return std::nullopt;
      r.code = code;
      const bool more = line->size() > 3 && (*line)[3] == '-';
      if (line->size() > 4) {
        if (!r.text.empty()) r.text += ' ';
        r.text += line->substr(4);
      }
      if (!more) return r;
    }
    return std::nullopt;
  }

 private:
  std::optional<std::string> read_line(Clock::time_point deadline) {
    for (;;) {
      if (auto end = buffer_.find('\n'); end != std::string::npos) {
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
      }
      if (buffer_.size() > 4096) return std::nullopt;  // no line is this long
      if (!wait_for(fd_, POLLIN, deadline)) return std::nullopt;
      char chunk[1024];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

  int fd_;
  std::chrono::milliseconds timeout_;
  std::string buffer_;
};

// What the server's words may hold is printable ASCII; anything else is dropped, and the text
// kept short, before it is stored.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= 0x20 && c < 0x7f && out.size() < 300) out += c;
  return out;
}

SendError error_at(const std::string& stage, const std::optional<Reply>& reply,
                   const std::string& otherwise) {
  SendError e;
  e.stage = stage;
  e.relay = stage == "greeting" || stage == "EHLO" || stage == "MAIL FROM";
  if (reply) {
    e.code = reply->code;
    e.permanent = !e.relay && reply->code >= 500;
    e.reply = printable(reply->text);
  } else {
    e.reply = otherwise;
  }
  return e;
}

bool one_line(std::string_view s) {
  return s.find('\r') == std::string_view::npos && s.find('\n') == std::string_view::npos;
}

}  // namespace

std::string without_addresses(std::string_view reply) {
  std::string out;
  size_t start = 0;
  while (start < reply.size()) {
    size_t end = reply.find(' ', start);
    if (end == std::string_view::npos) end = reply.size();
    const std::string_view word = reply.substr(start, end - start);
    if (!word.empty() && word.find('@') == std::string_view::npos) {
      if (!out.empty()) out += ' ';
      out.append(word);
    }
    start = end + 1;
  }
  return out;
}

bool valid_address(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  const size_t at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || a.find('@', at + 1) != a.npos)
    return false;
  for (char c : a) {
    if (c <= 0x20 || c >= 0x7f) return false;
    if (std::strchr("<>()[]\\\",;:", c)) return false;
  }
  const std::string_view domain = a.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' ||
      domain.find('.') == domain.npos || domain.find("..") != domain.npos)
    return false;
  const std::string_view local = a.substr(0, at);
  return local.front() != '.' && local.back() != '.' && local.find("..") == local.npos;
}

std::string rfc5322_date(int64_t epoch_seconds) {
  const std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char out[64];
  std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return out;
}

std::string wire_text(const Message& m) {
  std::string out;
  out += "From: " + m.from + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + m.subject + "\r\n";
  if (!m.date.empty()) out += "Date: " + m.date + "\r\n";
  if (!m.message_id.empty()) out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  size_t start = 0;
  while (start <= m.body.size()) {
    size_t end = m.body.find('\n', start);
    if (end == std::string::npos) end = m.body.size();
    std::string_view line(m.body.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() == '.') out += '.';  // RFC 5321 4.5.2
    out.append(line);
    out += "\r\n";
    if (end == m.body.size()) break;
    start = end + 1;
  }
  return out;
}

std::optional<SendError> send(const SmtpServer& server, const Message& m) {
  if (!valid_address(m.from) || !valid_address(m.to) || !one_line(m.subject) || !one_line(m.date) ||
      !one_line(m.message_id) || !one_line(server.helo_name))
    return SendError{false, true, "message", 0, "the message's addresses or headers are not valid"};
  std::string why;
  const int fd = connect_to(server, why);
  if (fd < 0) return SendError{true, false, "connect", 0, why};
  Connection connection(fd);
  Conversation c(fd, server.timeout);
  const std::string lost = "the mail server did not answer in time, or closed the connection";

  auto reply = c.read_reply();
  if (!reply || reply->code != 220) return error_at("greeting", reply, lost);

  auto command = [&](const std::string& line) -> std::optional<Reply> {
    if (!c.write(line + "\r\n")) return std::nullopt;
    return c.read_reply();
  };
  reply = command("EHLO " + server.helo_name);
  if (reply && reply->code >= 500) reply = command("HELO " + server.helo_name);
  if (!reply || reply->code != 250) return error_at("EHLO", reply, lost);

  reply = command("MAIL FROM:<" + m.from + ">");
  if (!reply || reply->code != 250) return error_at("MAIL FROM", reply, lost);
  reply = command("RCPT TO:<" + m.to + ">");
  if (!reply || (reply->code != 250 && reply->code != 251)) return error_at("RCPT TO", reply, lost);
  reply = command("DATA");
  if (!reply || reply->code != 354) return error_at("DATA", reply, lost);
  if (!c.write(wire_text(m) + ".\r\n")) return error_at("message", std::nullopt, lost);
  c.set_timeout(server.final_reply_timeout);
  reply = c.read_reply();
  if (!reply || reply->code != 250) return error_at("message", reply, lost);
  c.set_timeout(server.timeout);
  // Accepted: a lost QUIT does not undo that.
  command("QUIT");
  return std::nullopt;
}

}  // namespace mash::mail
