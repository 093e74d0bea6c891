// "You have a new message" e-mails (issue 5): a notification queues one for a user with an
// address, the e-mail carries no personal data, and the sender delivers, retries, fails and
// expires them against a real SMTP conversation on loopback.
#include <soci/soci.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "app/mail.h"
#include "mail/smtp.h"
#include "research_fixture.h"
#include "smtp_sink.h"
#include "store/audit_log.h"
#include "store/decisions.h"
#include "store/mail.h"

namespace mash::testing {
namespace {

struct OutboxRow {
  int64_t id = 0;
  std::string state;
  int attempts = 0;
  int64_t next_attempt_epoch = 0;
  std::string last_error;
};

class MailTest : public ResearchTest {
 protected:
  app::MailSettings settings() const {
    app::MailSettings s;
    s.server.host = "127.0.0.1";
    s.server.port = sink_.port();
    s.server.timeout = std::chrono::milliseconds(2000);
    s.server.final_reply_timeout = std::chrono::milliseconds(2000);
    s.from = "mash-noreply@hub.example.gov.uk";
    s.link = "https://mash.example.gov.uk/";
    return s;
  }
  User with_email(Role role, const std::string& agency, const std::string& address) {
    User u = add_user(role, agency);
    auto set = hub_->set_user_email(app::command_line_actor(), u.username, address);
    EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.error().message);
    return u;
  }
  // A notification like the hub's own, with words that must not leave the hub.
  void notify(const std::string& recipient) {
    db_->transact([&](store::Tx& tx) {
      store::NotificationRow n;
      n.recipient = recipient;
      n.kind = "message";
      n.contact_id = 4242;
      n.message = "Julie Example's new address is 7 Hidden Lane, contact 4242";
      n.created_at = to_rfc3339(clock_.now());
      n.created_epoch = clock_.now().epoch_seconds;
      store::insert_notification(tx, n);
    });
  }
  std::vector<OutboxRow> outbox_of(const std::string& recipient) {
    std::vector<OutboxRow> out;
    db_->read([&](store::Tx& tx) {
      long long id = 0, next = 0;
      int attempts = 0;
      OutboxRow r;
      soci::statement st =
          (tx.sql().prepare << "SELECT id, state, attempts, next_attempt_epoch, last_error "
                               "FROM mail_outbox WHERE recipient = :r ORDER BY id",
           soci::use(recipient, "r"), soci::into(id), soci::into(r.state), soci::into(attempts),
           soci::into(next), soci::into(r.last_error));
      st.execute();
      while (st.fetch()) {
        r.id = id;
        r.attempts = attempts;
        r.next_attempt_epoch = next;
        out.push_back(r);
      }
    });
    return out;
  }
  std::vector<SmtpSink::Received> received_by(const std::string& address) {
    std::vector<SmtpSink::Received> out;
    for (auto& r : sink_.received())
      if (r.rcpt_to == address) out.push_back(r);
    return out;
  }
  void advance(int64_t seconds) { clock_.set(Timestamp{clock_.now().epoch_seconds + seconds, 0}); }
  static std::string unique_address(const std::string& who) {
    static int n = 0;
    return who + "." + std::to_string(::getpid()) + "." + std::to_string(++n) + "@example.gov.uk";
  }

  SmtpSink sink_;
};

TEST_F(MailTest, AnAgencysMessageEmailsTheHubWorkerThatTheyHaveANewMessageAndNothingMore) {
  const Contact c = in_enquiry();
  basis(c.id);
  const std::string dm_address = unique_address("dm");
  ASSERT_TRUE(hub_->set_user_email(app::command_line_actor(), dm_.username, dm_address).ok());
  auto asked = ask(c.id, {"health"});
  const auto* req = to(asked, "health");
  ASSERT_NE(req, nullptr);
  const User nurse = add_user(Role::agency_practitioner, "health");
  const std::string words = "Julie Example moved to 7 Hidden Lane last week";
  ASSERT_TRUE(research_->send_message(actor_of(nurse), req->id, words).ok());

  auto queued = outbox_of(dm_.username);
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].state, "queued");
  // The nurse, the sender, has no address and is not told anyway: nothing queued for them.
  EXPECT_TRUE(outbox_of(nurse.username).empty());

  hub_->deliver_mail(settings());
  auto got = received_by(dm_address);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].mail_from, "mash-noreply@hub.example.gov.uk");
  const std::string& data = got[0].data;
  EXPECT_NE(data.find("Subject: MASH: you have a new message\r\n"), std::string::npos) << data;
  EXPECT_NE(data.find("To: " + dm_address + "\r\n"), std::string::npos);
  EXPECT_NE(data.find("You have a new message in MASH"), std::string::npos);
  EXPECT_NE(data.find("https://mash.example.gov.uk/notifications\r\n"), std::string::npos);
  // Nothing of the message, the contact, the subjects or the request leaves the hub.
  for (const std::string& secret :
       {words, std::string("Julie"), std::string("Example Street"), std::string("Hidden"),
        "contact " + std::to_string(c.id), "request " + std::to_string(req->id),
        std::string("health"), std::string("domestic")})
    EXPECT_EQ(data.find(secret), std::string::npos) << secret << " in\n" << data;

  queued = outbox_of(dm_.username);
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].state, "sent");
  EXPECT_EQ(queued[0].attempts, 1);
}

TEST_F(MailTest, ABurstOfNotificationsSendsOneEmailAndUsersWithoutAnAddressGetNone) {
  const std::string address = unique_address("hm");
  const User hm = with_email(Role::hub_manager, "childrens_social_care", address);
  const User quiet = add_user(Role::hub_manager);
  for (int i = 0; i < 5; ++i) notify(hm.username);
  notify(quiet.username);
  EXPECT_EQ(outbox_of(hm.username).size(), 1u);
  EXPECT_TRUE(outbox_of(quiet.username).empty());

  hub_->deliver_mail(settings());
  EXPECT_EQ(received_by(address).size(), 1u);
  // After it is sent, the next notification queues a new e-mail.
  advance(600);
  notify(hm.username);
  auto rows = outbox_of(hm.username);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].state, "sent");
  EXPECT_EQ(rows[1].state, "queued");
  hub_->deliver_mail(settings());
  EXPECT_EQ(received_by(address).size(), 2u);
  // Sent e-mails are not sent again.
  hub_->deliver_mail(settings());
  EXPECT_EQ(received_by(address).size(), 2u);
}

TEST_F(MailTest, ATemporaryRefusalIsTriedAgainLaterAndAPermanentOneIsNot) {
  const std::string later = unique_address("later"), never = unique_address("never");
  const User a = with_email(Role::hub_manager, "childrens_social_care", later);
  notify(a.username);
  sink_.reply_to("RCPT", "451 4.3.0 try again later");
  hub_->deliver_mail(settings());
  auto rows = outbox_of(a.username);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "queued");
  EXPECT_EQ(rows[0].attempts, 1);
  EXPECT_EQ(rows[0].next_attempt_epoch, clock_.now().epoch_seconds + 60);
  EXPECT_NE(rows[0].last_error.find("RCPT TO 451"), std::string::npos) << rows[0].last_error;
  EXPECT_TRUE(received_by(later).empty());
  // Not due yet: not tried.
  sink_.reset_replies();
  advance(30);
  hub_->deliver_mail(settings());
  EXPECT_TRUE(received_by(later).empty());
  advance(31);
  hub_->deliver_mail(settings());
  EXPECT_EQ(received_by(later).size(), 1u);
  rows = outbox_of(a.username);
  EXPECT_EQ(rows[0].state, "sent");
  EXPECT_EQ(rows[0].attempts, 2);

  const User b = with_email(Role::hub_manager, "childrens_social_care", never);
  notify(b.username);
  sink_.reply_to("RCPT", "550 5.1.1 no such mailbox");
  hub_->deliver_mail(settings());
  rows = outbox_of(b.username);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "failed");
  EXPECT_NE(rows[0].last_error.find("550"), std::string::npos);
  sink_.reset_replies();
  advance(7200);
  hub_->deliver_mail(settings());
  EXPECT_TRUE(received_by(never).empty());
  // A later notification starts afresh.
  notify(b.username);
  hub_->deliver_mail(settings());
  EXPECT_EQ(received_by(never).size(), 1u);
}

TEST_F(MailTest, ARelayThatCannotBeReachedOrRefusesTheSenderLeavesEveryEmailWaitingUntried) {
  const User a = with_email(Role::hub_manager, "childrens_social_care", unique_address("down"));
  const User b = with_email(Role::hub_manager, "childrens_social_care", unique_address("down"));
  notify(a.username);
  notify(b.username);
  app::MailSettings s = settings();
  {
    // A port nobody listens on: the connection is refused.
    SmtpSink closed;
    s.server.port = closed.port();
  }
  app::MailReport r = hub_->deliver_mail(s);
  EXPECT_NE(r.relay_problem.find("connect"), std::string::npos) << r.relay_problem;
  EXPECT_EQ(r.sent + r.retrying + r.failed, 0);
  for (const User* u : {&a, &b}) {
    auto rows = outbox_of(u->username);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].state, "queued");
    EXPECT_EQ(rows[0].attempts, 0) << "the relay's fault is no try of the e-mail";
    EXPECT_LE(rows[0].next_attempt_epoch, clock_.now().epoch_seconds) << "due at the next turn";
  }

  // A relay that refuses the hub's sender address refuses every e-mail alike: one connection,
  // and the turn ends with both waiting.
  sink_.reply_to("MAIL", "553 5.7.1 sender address rejected: not owned by user");
  r = hub_->deliver_mail(settings());
  EXPECT_NE(r.relay_problem.find("MAIL FROM 553"), std::string::npos) << r.relay_problem;
  EXPECT_EQ(sink_.connections(), 1);
  EXPECT_EQ(outbox_of(a.username)[0].attempts, 0);
  EXPECT_EQ(outbox_of(b.username)[0].attempts, 0);

  // Mended, both go at the next turn.
  sink_.reset_replies();
  advance(30);
  r = hub_->deliver_mail(settings());
  EXPECT_EQ(r.relay_problem, "");
  EXPECT_GE(r.sent, 2);
  EXPECT_EQ(outbox_of(a.username)[0].state, "sent");
  EXPECT_EQ(outbox_of(b.username)[0].state, "sent");
}

TEST_F(MailTest, ATemporaryRefusalOfTheMessageIsTriedWithGrowingWaitsThenFails) {
  const User a = with_email(Role::hub_manager, "childrens_social_care", unique_address("busy"));
  notify(a.username);
  app::MailSettings s = settings();
  s.max_attempts = 3;
  sink_.reply_to("RCPT", "452 4.2.2 mailbox full");
  app::MailReport r = hub_->deliver_mail(s);
  EXPECT_GE(r.retrying, 1);
  auto rows = outbox_of(a.username);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "queued");
  EXPECT_EQ(rows[0].attempts, 1);
  EXPECT_EQ(rows[0].next_attempt_epoch, clock_.now().epoch_seconds + 60);
  advance(60);
  hub_->deliver_mail(s);
  rows = outbox_of(a.username);
  EXPECT_EQ(rows[0].attempts, 2);
  EXPECT_EQ(rows[0].next_attempt_epoch, clock_.now().epoch_seconds + 120);
  advance(120);
  r = hub_->deliver_mail(s);
  EXPECT_GE(r.failed, 1);
  rows = outbox_of(a.username);
  EXPECT_EQ(rows[0].state, "failed");
  EXPECT_EQ(rows[0].attempts, 3);
}

TEST_F(MailTest, WhatIsKeptAndLoggedOfARefusalHoldsNoAddress) {
  const std::string address = unique_address("refused");
  const User a = with_email(Role::hub_manager, "childrens_social_care", address);
  notify(a.username);
  sink_.reply_to("RCPT", "550 5.1.1 <" + address + ">: Recipient address rejected: " + address);
  std::ostringstream log;
  auto previous = spdlog::default_logger();
  auto capture = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
  capture->set_level(spdlog::level::trace);
  spdlog::set_default_logger(capture);
  const app::MailReport r = hub_->deliver_mail(settings());
  spdlog::set_default_logger(previous);
  EXPECT_GE(r.failed, 1);
  auto rows = outbox_of(a.username);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "failed");
  EXPECT_NE(rows[0].last_error.find("RCPT TO 550"), std::string::npos) << rows[0].last_error;
  EXPECT_NE(rows[0].last_error.find("Recipient address rejected"), std::string::npos);
  EXPECT_EQ(rows[0].last_error.find('@'), std::string::npos) << rows[0].last_error;
  EXPECT_NE(log.str().find("e-mail " + std::to_string(rows[0].id) + " failed at RCPT TO (550)"),
            std::string::npos)
      << log.str();
  EXPECT_EQ(log.str().find(address), std::string::npos) << log.str();
  EXPECT_EQ(log.str().find(a.username), std::string::npos) << log.str();
}

TEST_F(MailTest, AnEmailNotSentInTimeExpiresAndOneWhoseUserLostTheirAddressIsCancelled) {
  const std::string address = unique_address("late");
  const User a = with_email(Role::hub_manager, "childrens_social_care", address);
  notify(a.username);
  advance(25 * 3600);
  hub_->deliver_mail(settings());
  auto rows = outbox_of(a.username);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "expired");
  EXPECT_TRUE(received_by(address).empty());

  const User b = with_email(Role::hub_manager, "childrens_social_care", unique_address("gone"));
  notify(b.username);
  ASSERT_TRUE(hub_->set_user_email(app::command_line_actor(), b.username, "").ok());
  hub_->deliver_mail(settings());
  rows = outbox_of(b.username);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "cancelled");
  // Without an address, notifications queue nothing.
  notify(b.username);
  EXPECT_EQ(outbox_of(b.username).size(), 1u);
}

TEST_F(MailTest, TwoSendersNeverClaimTheSameEmailAndALostClaimChangesNothing) {
  const User a = with_email(Role::hub_manager, "childrens_social_care", unique_address("once"));
  notify(a.username);
  const int64_t now = clock_.now().epoch_seconds;
  auto claim = [&](int64_t at, int64_t until) {
    std::optional<store::MailRow> mine;
    db_->transact([&](store::Tx& tx) {
      for (store::MailRow& r : store::claim_due_mail(tx, at, until, 1000))
        if (r.recipient == a.username) mine = r;
    });
    return mine;
  };
  const auto first = claim(now, now + 300);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->claimed_until, now + 300);
  EXPECT_FALSE(claim(now, now + 300).has_value()) << "claimed by the first sender";
  // The first sender's claim runs out before it is done; a second sender takes the e-mail.
  const auto second = claim(now + 300, now + 600);
  ASSERT_TRUE(second.has_value());
  bool kept = true;
  db_->transact([&](store::Tx& tx) { kept = store::finish_mail(tx, *first, "sent", 1, now, ""); });
  EXPECT_FALSE(kept) << "the first sender's lost claim must not record its outcome";
  db_->transact([&](store::Tx& tx) { kept = store::retry_mail(tx, *first, 1, now + 60, "x"); });
  EXPECT_FALSE(kept);
  auto rows = outbox_of(a.username);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "queued");
  EXPECT_EQ(rows[0].next_attempt_epoch, now + 600);
  db_->transact(
      [&](store::Tx& tx) { kept = store::finish_mail(tx, *second, "sent", 1, now + 300, ""); });
  EXPECT_TRUE(kept);
  EXPECT_EQ(outbox_of(a.username)[0].state, "sent");
}

TEST_F(MailTest, OnlyOneEmailWaitsForAUserEvenWhenWrittenDirectly) {
  const User a = with_email(Role::hub_manager, "childrens_social_care", unique_address("index"));
  notify(a.username);
  // Two transactions that both saw none waiting would both insert: the unique index refuses
  // the second.
  EXPECT_ANY_THROW(db_->transact([&](store::Tx& tx) {
    tx.sql() << "INSERT INTO mail_outbox (recipient, state, queued_epoch, attempts, "
                "next_attempt_epoch) VALUES (:r, 'queued', 0, 0, 0)",
        soci::use(a.username);
  }));
  EXPECT_EQ(outbox_of(a.username).size(), 1u);
}

TEST_F(MailTest, AddressesAreCheckedAndSettingOneIsAuditedWithoutIt) {
  const User u = add_user(Role::social_worker);
  for (const char* bad : {"no-at-sign", "two@@example.gov.uk", "a@b",
                          "name@example.gov.uk\r\n"
                          "RCPT TO:<x@example.com>",
                          "<name@example.gov.uk>", "a b@example.gov.uk", "name@.example.gov.uk",
                          "\"q\"@example.gov.uk"}) {
    auto r = hub_->set_user_email(app::command_line_actor(), u.username, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, Error::Kind::invalid) << bad;
  }
  EXPECT_EQ(outbox_of(u.username).size(), 0u);
  db_->read([&](store::Tx& tx) { EXPECT_EQ(store::user_email(tx, u.id), ""); });

  auto missing = hub_->set_user_email(app::command_line_actor(), "nobody.here", "a@example.org");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::Kind::not_found);

  // Only user administrators may set one.
  const User hm = add_user(Role::hub_manager);
  auto refused = hub_->set_user_email(actor_of(hm), u.username, "a@example.org");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::Kind::forbidden);

  const std::string address = unique_address("sw");
  ASSERT_TRUE(hub_->set_user_email(app::command_line_actor(), u.username, address).ok());
  db_->read([&](store::Tx& tx) { EXPECT_EQ(store::user_email(tx, u.id), address); });
  const auto events = audit_of_record("user", std::to_string(u.id));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().detail, "e-mail address set");
  for (const auto& e : events) {
    EXPECT_EQ(e.detail.find(address), std::string::npos);
    EXPECT_EQ(e.purpose.find(address), std::string::npos);
  }
}

TEST_F(MailTest, TheServersSenderSendsWhatIsQueuedWithoutBeingAsked) {
  const std::string address = unique_address("thread");
  const User a = with_email(Role::hub_manager, "childrens_social_care", address);
  notify(a.username);
  {
    app::MailSender sender(*hub_, settings(), std::chrono::seconds(1));
    for (int i = 0; i < 100 && received_by(address).empty(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(received_by(address).size(), 1u);
  EXPECT_EQ(outbox_of(a.username).at(0).state, "sent");
}

// The SMTP client on its own, against the sink.
TEST(Smtp, LinesStartingWithADotArriveAsWrittenAndHeadersCannotBeInjected) {
  SmtpSink sink;
  mail::SmtpServer server{"127.0.0.1", sink.port(), "mash.test", std::chrono::milliseconds(2000)};
  mail::Message m{"from@example.org",
                  "to@example.org",
                  "Hello",
                  ".one\n..two\nthree\n.",
                  mail::rfc5322_date(1796724000),
                  "1@example.org"};
  const auto sent = mail::send(server, m);
  EXPECT_FALSE(sent.has_value()) << sent->stage << ": " << sent->reply;
  auto got = sink.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].mail_from, "from@example.org");
  EXPECT_EQ(got[0].rcpt_to, "to@example.org");
  EXPECT_NE(got[0].data.find("\r\n\r\n.one\r\n..two\r\nthree\r\n.\r\n"), std::string::npos)
      << got[0].data;
  EXPECT_NE(got[0].data.find("Date: Tue, 08 Dec 2026 10:00:00 +0000\r\n"), std::string::npos)
      << got[0].data;
  EXPECT_EQ(got[0].commands.front(), "EHLO mash.test");
  EXPECT_EQ(got[0].commands.back(), "QUIT");

  mail::Message injected = m;
  injected.subject = "Hello\r\nBcc: someone@example.com";
  auto refused = mail::send(server, injected);
  ASSERT_TRUE(refused.has_value());
  EXPECT_TRUE(refused->permanent);
  EXPECT_EQ(sink.received().size(), 1u);
}

TEST(Smtp, AServerThatRefusesEhloIsGreetedWithHelo) {
  SmtpSink sink;
  sink.reply_to("EHLO", "502 5.5.2 no EHLO here");
  mail::SmtpServer server{"127.0.0.1", sink.port(), "mash.test", std::chrono::milliseconds(2000)};
  mail::Message m{"from@example.org", "to@example.org", "Hi", "Body", "", ""};
  const auto sent = mail::send(server, m);
  EXPECT_FALSE(sent.has_value()) << sent->stage << ": " << sent->reply;
  ASSERT_EQ(sink.received().size(), 1u);
  EXPECT_EQ(sink.received()[0].commands[1], "HELO mash.test");
}

TEST(Smtp, ASilentServerIsGivenUpOnAtTheTimeout) {
  SmtpSink sink;
  sink.go_silent(true);
  mail::SmtpServer server{"127.0.0.1", sink.port(), "mash.test", std::chrono::milliseconds(300)};
  mail::Message m{"from@example.org", "to@example.org", "Hi", "Body", "", ""};
  const auto started = std::chrono::steady_clock::now();
  auto failed = mail::send(server, m);
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(failed.has_value());
  EXPECT_FALSE(failed->permanent);
  EXPECT_TRUE(failed->relay);
  EXPECT_EQ(failed->stage, "EHLO");
  // One reply's timeout, not more: a silent server cannot hold the sender.
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::milliseconds(3000));
  EXPECT_EQ(failed->code, 0);
  EXPECT_TRUE(sink.received().empty());
}

TEST(Smtp, RepliesThatAreNotSmtpAreFailuresNotCrashes) {
  mail::SmtpServer server{"127.0.0.1", 0, "mash.test", std::chrono::milliseconds(1000)};
  mail::Message m{"from@example.org", "to@example.org", "Hi", "Body", "", ""};
  const std::vector<std::pair<std::string, std::string>> hostile = {
      {"MAIL", "250-first line\r\n251 a different code"},
      {"MAIL", "25"},
      {"RCPT", "2x0 not a code"},
      {"RCPT", std::string(5000, 'A')},
      {"DATA", "250 no 354 here"}};
  for (const auto& [verb, reply] : hostile) {
    SmtpSink sink;
    sink.reply_to(verb, reply);
    server.port = sink.port();
    auto failed = mail::send(server, m);
    ASSERT_TRUE(failed.has_value()) << verb << " " << reply.substr(0, 40);
    EXPECT_FALSE(failed->stage.empty());
    EXPECT_TRUE(sink.received().empty());
  }
}

TEST(Smtp, AddressesThatCouldCarryCommandsOrHeadersAreNotValid) {
  for (const char* good : {"a@example.org", "first.last+tag@sub.example.gov.uk", "x_y-z@a.b.co"})
    EXPECT_TRUE(mail::valid_address(good)) << good;
  for (const char* bad :
       {"", "a", "@example.org", "a@", "a@example", "a@example..org", "a.@example.org",
        ".a@example.org", "a@example.org\r\nRCPT TO:<b@example.org>", "a@example.org>",
        "a b@example.org", "a,b@example.org", "a@exa\tmple.org", "caf\xc3\xa9@example.org"})
    EXPECT_FALSE(mail::valid_address(bad)) << bad;
  EXPECT_FALSE(mail::valid_address(std::string(65, 'a') + "@example.org"));
  EXPECT_EQ(mail::without_addresses("5.1.1 <a@b.org>: Recipient address rejected: a@b.org"),
            "5.1.1 Recipient address rejected:");
}

TEST(Smtp, TheMailSaysTheSameWhateverTheNotification) {
  app::MailSettings s;
  s.from = "mash@example.org";
  const mail::Message with_link = [&] {
    s.link = "https://hub.example.org";
    return app::new_message_mail(s, "to@example.org", 7, 1796720000, 1796724000);
  }();
  EXPECT_NE(with_link.body.find("https://hub.example.org/notifications"), std::string::npos);
  EXPECT_EQ(with_link.message_id, "outbox-7.1796720000@example.org") << "the same at every try";
  EXPECT_EQ(with_link.date, "Tue, 08 Dec 2026 10:00:00 +0000");
  s.link.clear();
  const mail::Message without =
      app::new_message_mail(s, "to@example.org", 7, 1796720000, 1796724000);
  EXPECT_NE(without.body.find("Sign in to MASH to read it."), std::string::npos);
  EXPECT_EQ(without.body.find("http"), std::string::npos);
  s.server.host = "relay";
  s.from = "not an address";
  s.link = "ftp://x";
  const std::string problems = app::describe_mail_settings_problems(s);
  EXPECT_NE(problems.find("--mail-from"), std::string::npos);
  EXPECT_NE(problems.find("--mail-link"), std::string::npos);
}

}  // namespace
}  // namespace mash::testing
