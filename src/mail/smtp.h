// A small SMTP client (RFC 5321) for the hub's "you have a new message" e-mails (issue 5). It
// speaks plain SMTP to a relay the hub's operators run (for example Postfix on the same host),
// which handles TLS, authentication and onward delivery. One message per connection; every wait
// is bounded by a timeout, so a silent server cannot hold the sender.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mash::mail {

struct SmtpServer {
  std::string host;
  int port = 25;
  std::string helo_name = "mash.localdomain";  // the name given in EHLO
  std::chrono::milliseconds timeout{10000};    // for connecting to each address, and each reply
  // For the reply to the message itself, which a relay may give only after scanning it: giving
  // up sooner would send the e-mail twice (RFC 5321 4.5.3.2.6 suggests 10 minutes).
  std::chrono::milliseconds final_reply_timeout{600000};
};

// A plain-text message. Addresses must pass valid_address: they reach the SMTP commands and the
// headers, so a line break in one would let it write commands of its own.
struct Message {
  std::string from;        // envelope sender and From:
  std::string to;          // the one recipient
  std::string subject;     // ASCII, one line
  std::string body;        // lines separated by \n; sent as CRLF, lines starting "." doubled
  std::string date;        // RFC 5322 date, e.g. "Tue, 08 Dec 2026 09:30:00 +0000"
  std::string message_id;  // without the angle brackets, e.g. "17@mash.localdomain"
};

struct SendError {
  // The relay could not be reached, or refused the session or the sender (connection, greeting,
  // EHLO, MAIL FROM): nothing was about this message, and every other would fare the same.
  bool relay = false;
  // The relay refused this message for good (5xx at RCPT TO, DATA or the message): retrying
  // will not help. Never set with `relay`.
  bool permanent = false;
  std::string stage;  // "connect", "greeting", "EHLO", "MAIL FROM", "RCPT TO", "DATA", "message"
  int code = 0;       // the SMTP reply code, 0 when there was none (connection, timeout)
  std::string reply;  // the server's words (printable ASCII, at most 300), or what went wrong
};

// The words of a reply without any that hold an "@": a relay often repeats the address it
// refuses, and what is stored or logged must not hold one.
std::string without_addresses(std::string_view reply);

// Sends one message; nullopt when the server accepted it for delivery.
std::optional<SendError> send(const SmtpServer& server, const Message& message);

// The message as sent after DATA: headers, a blank line, the body, CRLF line ends, dot-stuffed,
// without the final ".".
std::string wire_text(const Message& message);

// A plain address: local@domain, printable ASCII without spaces, angle brackets, quotes,
// commas or semicolons, at most 254 characters, one "@", a domain with a dot between labels.
bool valid_address(std::string_view address);

// The RFC 5322 date of epoch seconds, in UTC: "Tue, 08 Dec 2026 09:30:00 +0000".
std::string rfc5322_date(int64_t epoch_seconds);

}  // namespace mash::mail
