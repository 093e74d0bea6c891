// A small SMTP server on loopback for the e-mail tests: it answers like a relay (or refuses, or
// stays silent, as a test sets), undoes dot-stuffing as a real one does, and keeps what it got.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace mash::testing {

class SmtpSink {
 public:
  struct Received {
    std::string mail_from;  // as in MAIL FROM:<…>, without the brackets
    std::string rcpt_to;
    std::string data;  // the message after DATA, dot-stuffing undone, CRLF kept
    std::vector<std::string> commands;
  };

  SmtpSink() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(listener_, 16);
    socklen_t len = sizeof a;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~SmtpSink() {
    stopping_ = true;
    thread_.join();
    ::close(listener_);
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  // The reply to a command ("RCPT", "MAIL", "DATA", "EHLO", "." for the end of the message)
  // instead of the usual one, e.g. "550 5.1.1 no such user".
  void reply_to(const std::string& verb, const std::string& reply) {
    std::lock_guard lock(mutex_);
    replies_[verb] = reply;
  }
  void reset_replies() {
    std::lock_guard lock(mutex_);
    replies_.clear();
  }
  // Greets, then never answers a command.
  void go_silent(bool silent) { silent_ = silent; }

  std::vector<Received> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  int connections() const { return connections_; }

 private:
  std::string reply_for(const std::string& verb, const std::string& usual) {
    std::lock_guard lock(mutex_);
    auto it = replies_.find(verb);
    return (it == replies_.end() ? usual : it->second) + "\r\n";
  }
  void serve() {
    while (!stopping_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      ++connections_;
      converse(fd);
      ::close(fd);
    }
  }
  // One line, CRLF removed; nullopt when the client has gone or the sink is stopping.
  std::optional<std::string> line(int fd, std::string& buffer) {
    for (;;) {
      if (auto end = buffer.find("\r\n"); end != std::string::npos) {
        std::string l = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        return l;
      }
      pollfd p{fd, POLLIN, 0};
      if (stopping_) return std::nullopt;
      if (::poll(&p, 1, 50) <= 0) continue;
      char chunk[1024];
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) return std::nullopt;
      buffer.append(chunk, static_cast<size_t>(n));
    }
  }
  static void say(int fd, const std::string& text) {
    ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  }
  void converse(int fd) {
    say(fd, "220 sink.test ESMTP\r\n");
    std::string buffer;
    Received r;
    std::optional<size_t> kept;  // where the accepted message is in received_
    while (auto l = line(fd, buffer)) {
      r.commands.push_back(*l);
      if (kept) {
        std::lock_guard lock(mutex_);
        received_[*kept].commands = r.commands;
      }
      if (silent_) continue;
      const std::string verb = l->substr(0, 4);
      if (verb == "EHLO") {
        say(fd, reply_for("EHLO", "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 1000000"));
      } else if (verb == "HELO") {
        say(fd, reply_for("HELO", "250 sink.test"));
      } else if (verb == "MAIL") {
        r.mail_from = between(*l);
        say(fd, reply_for("MAIL", "250 2.1.0 Ok"));
      } else if (verb == "RCPT") {
        r.rcpt_to = between(*l);
        say(fd, reply_for("RCPT", "250 2.1.5 Ok"));
      } else if (verb == "DATA") {
        const std::string answer = reply_for("DATA", "354 End data with <CR><LF>.<CR><LF>");
        say(fd, answer);
        if (answer.rfind("354", 0) != 0) continue;
        while (auto d = line(fd, buffer)) {
          if (*d == ".") break;
          r.data += (d->rfind("..", 0) == 0 ? d->substr(1) : *d) + "\r\n";
        }
        const std::string end = reply_for(".", "250 2.0.0 Ok: queued");
        if (end.rfind("250", 0) == 0) {
          std::lock_guard lock(mutex_);
          kept = received_.size();
          received_.push_back(r);
        }
        say(fd, end);
      } else if (verb == "QUIT") {
        say(fd, "221 2.0.0 Bye\r\n");
        return;
      } else {
        say(fd, "502 5.5.2 Error: command not recognized\r\n");
      }
    }
  }
  static std::string between(const std::string& l) {
    const size_t open = l.find('<'), close = l.rfind('>');
    return open == std::string::npos || close == std::string::npos || close < open
               ? ""
               : l.substr(open + 1, close - open - 1);
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> silent_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::map<std::string, std::string> replies_;
  std::vector<Received> received_;
  std::thread thread_;
};

}  // namespace mash::testing
