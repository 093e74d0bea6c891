// The hub's e-mails (issue 5): a notification to a user with an e-mail address queues one e-mail
// saying only "you have a new message" (store/mail.h); Hub::deliver_mail sends what is due
// through an SMTP relay, and MailSender does so while the server runs. No e-mail carries
// personal data: not the notification's words, not a contact's number, not a name.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "mail/smtp.h"

namespace mash::app {

class Hub;

struct MailSettings {
  mail::SmtpServer server;  // the relay: host, port, EHLO name, timeout
  std::string from;         // e.g. "mash-noreply@hub.example.gov.uk"
  std::string link;         // the hub's address for the e-mail's link, e.g. "https://mash.example"
  int batch = 50;           // e-mails sent per turn at most
  int max_attempts = 8;     // tries before one is marked failed
  int max_age_hours = 24;   // an e-mail waiting longer is expired, not sent late
};

struct MailReport {
  int sent = 0;
  int retrying = 0;   // failed this time, to be tried again
  int failed = 0;     // refused for good, or out of tries
  int expired = 0;    // waited longer than max_age_hours
  int cancelled = 0;  // the user has no address now, or is no longer active
  int lost = 0;       // taken over by another sender while tried (its claim ran out)
  // Why the relay could not be used ("connect: …", "MAIL FROM 553: …"), "" when it could: the
  // e-mail being tried waits, untried, with the rest, and the turn ends.
  std::string relay_problem;
};

// The e-mail's words, the same for every notification.
// `queued` (when the e-mail was queued) makes its Message-ID, the same at every try, so a
// receiving server can tell a second delivery; `now` its date.
mail::Message new_message_mail(const MailSettings& settings, const std::string& to,
                               int64_t outbox_id, int64_t queued, int64_t now);

// Problems with the settings, one per line; "" when they are usable.
std::string describe_mail_settings_problems(const MailSettings& settings);

// While the server runs, a thread sends the e-mails due every `interval`. Stops when destroyed.
class MailSender {
 public:
  MailSender(Hub& hub, MailSettings settings, std::chrono::seconds interval);
  ~MailSender();
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

 private:
  void run();
  Hub& hub_;
  MailSettings settings_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::string last_relay_problem_;  // the sender thread's own
  std::thread thread_;
};

}  // namespace mash::app
