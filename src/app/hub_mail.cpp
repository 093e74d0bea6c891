// The hub's e-mails: users' addresses, sending what the outbox holds, and the sender's thread.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "app/mail.h"
#include "store/accounts.h"
#include "store/mail.h"

namespace mash::app {

using policy::Action;

namespace {

std::string domain_of(const std::string& address) {
  const size_t at = address.find('@');
  return at == std::string::npos ? "mash.localdomain" : address.substr(at + 1);
}

// Minutes to wait after the n-th failed attempt: 1, 2, 4 … at most 60.
int64_t backoff_seconds(int attempts) {
  const int shift = std::clamp(attempts - 1, 0, 6);
  return std::min<int64_t>(60, int64_t{1} << shift) * 60;
}

}  // namespace

mail::Message new_message_mail(const MailSettings& settings, const std::string& to,
                               int64_t outbox_id, int64_t queued, int64_t now) {
  mail::Message m;
  m.from = settings.from;
  m.to = to;
  m.subject = "MASH: you have a new message";
  m.date = mail::rfc5322_date(now);
  m.message_id = "outbox-" + std::to_string(outbox_id) + "." + std::to_string(queued) + "@" +
                 domain_of(m.from);
  std::string link = settings.link;
  while (!link.empty() && link.back() == '/') link.pop_back();
  m.body =
      "You have a new message in MASH, the multi-agency safeguarding hub.\n"
      "\n" +
      (link.empty() ? std::string("Sign in to MASH to read it.\n")
                    : "Sign in to read it: " + link + "/notifications\n") +
      "\n"
      "This e-mail says nothing more, by design: what the message says stays in the hub.\n"
      "Do not reply to this e-mail.\n";
  return m;
}

std::string describe_mail_settings_problems(const MailSettings& s) {
  std::string out;
  if (s.server.host.empty()) out += "Give the mail relay's host name (--smtp-host).\n";
  if (s.server.port < 1 || s.server.port > 65535)
    out += "The mail relay's port must be 1 to 65535 (--smtp-port).\n";
  if (!mail::valid_address(s.from))
    out +=
        "Give the address the e-mails come from, such as mash-noreply@hub.example.gov.uk "
        "(--mail-from).\n";
  const std::string& l = s.link;
  if (!l.empty() && l.rfind("http://", 0) != 0 && l.rfind("https://", 0) != 0)
    out += "The hub's address for links must start http:// or https:// (--mail-link).\n";
  for (char c : l)
    if (c <= 0x20 || c >= 0x7f) {
      out += "The hub's address for links must have no spaces or line breaks (--mail-link).\n";
      break;
    }
  return out;
}

Result<Done> Hub::set_user_email(const Actor& actor, const std::string& username,
                                 const std::string& address) {
  Impl& im = *impl_;
  const std::string purpose = "user administration";
  const policy::Decision d = policy::decide(actor, Action::user_manage);
  if (!d.allowed) return im.refuse(actor, Action::user_manage, "user", "", purpose, d);
  if (!address.empty() && !mail::valid_address(address))
    return Error::invalid({{"email",
                            "Enter an e-mail address like name@example.gov.uk, with no spaces, "
                            "quotes or angle brackets"}},
                          "The e-mail address has not been set");
  std::optional<Error> missing;
  im.db.transact([&](store::Tx& tx) {
    auto user = store::find_user(tx, username);
    if (!user) {
      missing = Error{Error::Kind::not_found, "There is no user called " + username, {}};
      return;
    }
    store::set_user_email(tx, user->user.id, address);
    audit::append(tx, im.event(actor, policy::action_name(Action::user_manage), "user",
                               std::to_string(user->user.id), purpose, true,
                               address.empty() ? "e-mail address removed" : "e-mail address set"));
  });
  if (missing) return *missing;
  return Done{};
}

MailReport Hub::deliver_mail(const MailSettings& settings, const std::function<bool()>& stop) {
  Impl& im = *impl_;
  MailReport report;
  // Each e-mail is claimed just before it is tried, for longer than trying it can take (each
  // address's connection and eight replies, then the reply to the message), so no other sender
  // takes it meanwhile; a claim lost all the same changes nothing when the try ends.
  auto seconds = [](std::chrono::milliseconds ms) {
    return std::chrono::duration_cast<std::chrono::seconds>(ms).count() + 1;
  };
  const int64_t lease =
      12 * seconds(settings.server.timeout) + seconds(settings.server.final_reply_timeout) + 60;
  for (int n = 0; n < settings.batch; ++n) {
    if (stop && stop()) break;
    const int64_t now = im.clock.now().epoch_seconds;
    std::vector<store::MailRow> claimed;
    im.db.transact(
        [&](store::Tx& tx) { claimed = store::claim_due_mail(tx, now, now + lease, 1); });
    if (claimed.empty()) break;
    const store::MailRow& row = claimed.front();
    const int attempts = row.attempts + 1;
    std::string state, error;
    int64_t retry_at = 0;
    int recorded_attempts = row.attempts;
    if (!row.active || row.address.empty()) {
      state = "cancelled";
      error = row.active ? "the user has no e-mail address now" : "the user is not active";
    } else if (now - row.queued_epoch > int64_t{settings.max_age_hours} * 3600) {
      state = "expired";
      error = "not sent within " + std::to_string(settings.max_age_hours) + " hours";
    } else if (auto failed = mail::send(
                   settings.server,
                   new_message_mail(settings, row.address, row.id, row.queued_epoch, now))) {
      // Kept and logged without the server's words that hold an "@": a relay often repeats the
      // address it refuses. The log names the e-mail by its number only.
      error = failed->stage + (failed->code ? " " + std::to_string(failed->code) : "") + ": " +
              mail::without_addresses(failed->reply);
      if (failed->relay) {
        // Not this e-mail's fault, and every other would fare the same: hand it back untried
        // and stop until the next turn.
        report.relay_problem = error;
        im.db.transact(
            [&](store::Tx& tx) { store::retry_mail(tx, row, row.attempts, now, error); });
        break;
      }
      recorded_attempts = attempts;
      if (failed->permanent || attempts >= settings.max_attempts) {
        state = "failed";
        spdlog::warn("mail: e-mail {} failed at {} ({}), attempt {}: not tried again", row.id,
                     failed->stage, failed->code, attempts);
      } else {
        retry_at = now + backoff_seconds(attempts);
        spdlog::info("mail: e-mail {} not sent at {} ({}), attempt {}: trying again later", row.id,
                     failed->stage, failed->code, attempts);
      }
    } else {
      state = "sent";
      recorded_attempts = attempts;
    }
    bool kept = false;
    im.db.transact([&](store::Tx& tx) {
      kept = state.empty() ? store::retry_mail(tx, row, recorded_attempts, retry_at, error)
                           : store::finish_mail(tx, row, state, recorded_attempts, now, error);
    });
    if (!kept) {
      spdlog::warn("mail: e-mail {}: another sender took it over while it was tried", row.id);
      ++report.lost;
      continue;
    }
    if (state.empty())
      ++report.retrying;
    else if (state == "sent")
      ++report.sent;
    else if (state == "failed")
      ++report.failed;
    else if (state == "expired")
      ++report.expired;
    else
      ++report.cancelled;
  }
  return report;
}

MailSender::MailSender(Hub& hub, MailSettings settings, std::chrono::seconds interval)
    : hub_(hub), settings_(std::move(settings)), interval_(interval), thread_([this] { run(); }) {}

MailSender::~MailSender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  thread_.join();
}

void MailSender::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      const MailReport r = hub_.deliver_mail(settings_, [this] {
        std::lock_guard lock(mutex_);
        return stopping_;
      });
      if (r.sent + r.retrying + r.failed + r.expired + r.cancelled > 0)
        spdlog::info("mail: {} sent, {} to try again, {} failed, {} expired, {} cancelled", r.sent,
                     r.retrying, r.failed, r.expired, r.cancelled);
      // Said once when the relay fails, and once when it answers again, not every turn.
      if (r.relay_problem != last_relay_problem_) {
        if (r.relay_problem.empty())
          spdlog::info("mail: the mail relay answers again");
        else
          spdlog::warn("mail: the mail relay refused or could not be reached ({}): e-mails wait",
                       r.relay_problem);
        last_relay_problem_ = r.relay_problem;
      }
    } catch (const std::exception& e) {
      // The database may be briefly unavailable: try again at the next turn.
      spdlog::error("mail: {}", e.what());
    }
    lock.lock();
    stop_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace mash::app
