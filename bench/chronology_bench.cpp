// The chronology benchmark (issue 5; bench/chronology.sh runs it; not a test).
//
//   mash_bench_chronology seed --db URL [--per-agency 63]
//     Fills a fresh database through the Hub as a hub would: one contact about a child and a
//     parent, rated, progressed to a MASH enquiry, its basis recorded and eight agencies asked;
//     each agency's practitioner answers with PER-AGENCY dated chronology entries about the child
//     (one in ten health-confidential, one in ten with a passage withheld from children's social
//     care), so the child's chronology holds 8 × PER-AGENCY + 2 entries. Prints CONTACT=,
//     SUBJECT=, USER= and PASSWORD= lines (an information officer: some items are withheld from
//     them, so the redaction work is measured too).
//   mash_bench_chronology load --url http://127.0.0.1:PORT --user U --password P --contact C
//       --subject S [--requests 200]
//     REQUESTS sequential GETs of the subject's chronology page, server time from the
//     Server-Timing header. Prints a RESULT line.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/hub.h"
#include "app/research.h"
#include "bench_args.h"
#include "domain/clock.h"
#include "store/database.h"

namespace {

using mash::bench::Args;
using namespace mash;
using policy::Actor;

class SystemClock : public mash::Clock {
 public:
  Timestamp now() const override { return Timestamp{static_cast<int64_t>(std::time(nullptr)), 0}; }
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i =
      std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * static_cast<double>(v.size())));
  return v[i];
}

template <class T>
T must(Result<T> r, const char* what) {
  if (!r.ok()) throw std::runtime_error(std::string(what) + ": " + r.error().message);
  return std::move(r).value();
}

int seed(const Args& a) {
  const long per_agency = a.number("per-agency", 63);
  auto db = store::Database::open(a.get("db"));
  db->migrate();
  SystemClock clock;
  app::HubOptions options = app::administration_options();
  options.password_opslimit = 1;
  options.password_memlimit = 8u * 1024 * 1024;
  app::Hub hub(*db, clock, options);
  const std::string password = "bench-password-2026";
  auto user = [&](const std::string& name, Role role, const std::string& agency) {
    User u;
    u.username = name;
    u.display_name = name;
    u.role = role;
    u.agency = agency;
    const User added = must(hub.add_user(app::command_line_actor(), u, password), "user");
    return Actor{Actor::Kind::user, added.id, added.username, added.role, added.agency};
  };
  const Actor admin = user("ra.bench", Role::referral_administrator, "childrens_social_care");
  const Actor dm = user("dm.bench", Role::decision_maker, "childrens_social_care");
  const Actor io = user("io.bench", Role::information_officer, "childrens_social_care");

  Contact c;
  c.received_at = Timestamp{clock.now().epoch_seconds - 3600, 0};
  c.source = ReferralSource::police;
  c.referrer = {false, "PC Bench", "Constabulary", "Officer", "01000 000000", "pc@example.org"};
  Subject child;
  child.given_name = "Bench";
  child.family_name = "Child";
  child.date_of_birth = Date{2019, 5, 4};
  child.sex = Sex::female;
  child.role = SubjectRole::child;
  child.address = {"1 Synthetic Road", "", "Blackburn", "BB2 1DH"};
  Subject parent = child;
  parent.given_name = "Bench";
  parent.family_name = "Parent";
  parent.date_of_birth = Date{1990, 1, 2};
  parent.role = SubjectRole::parent_carer;
  c.subjects = {child, parent};
  c.presenting_issues = {PresentingIssue::domestic_abuse};
  c.narrative = "Synthetic benchmark contact.";
  c.consent = {ConsentStatus::not_sought, "Seeking consent would place the child at risk"};
  const Contact recorded = must(hub.record_contact(admin, c), "contact").contact;
  must(hub.rate_contact(dm, recorded.id, "amber", "Benchmark"), "rating");
  must(hub.decide_contact(dm, recorded.id, {"mash_enquiry", 3, "", "Benchmark", ""}), "decision");
  app::Research research(hub);
  must(research.record_basis(dm, recorded.id, {"not_sought", "dpa_sch1_para18", "Benchmark"}),
       "basis");
  const std::vector<std::string> agencies = {
      "police",  "health",        "education",         "probation",
      "housing", "youth_justice", "adult_social_care", "domestic_abuse_service"};
  const auto asked =
      must(research.raise_requests(dm, recorded.id, {agencies, "What do you know?", "", {}, ""}),
           "requests");
  const int64_t subject = recorded.subjects[0].id;
  const int64_t today = clock.now().epoch_seconds / 86400;
  for (const app::InformationRequest& r : asked) {
    const Actor answerer = user(r.agency + ".bench", Role::agency_practitioner, r.agency);
    app::ResponseDraft d;
    for (const auto& s : r.subjects) d.known[s.subject_id] = "known";
    d.items.push_back({"summary", "", "", "", "", "Known to " + r.agency_name + ".", "", ""});
    for (long i = 0; i < per_agency; ++i) {
      const std::string date = to_iso(civil_from_days(today - 1 - (i * 7 + r.id) % 2000));
      const std::string mark = i % 10 == 3 ? "health_confidential" : "";
      d.items.push_back({"chronology", std::to_string(subject), "", date, r.agency_name + " system",
                         "Entry " + std::to_string(i) + ": a synthetic event recorded by " +
                             r.agency_name + ", with enough words to be like a real one.",
                         mark, ""});
    }
    d.send = true;
    const app::InformationRequest answered = must(research.respond(answerer, r.id, d), "answer");
    for (size_t i = 0; i < answered.items.size(); i += 10)
      if (answered.items[i].kind == ItemKind::chronology)
        must(research.redact(answerer, r.id,
                             {answered.items[i].id,
                              "a synthetic event",
                              {"childrens_social_care"},
                              "third_party",
                              ""}),
             "redaction");
  }
  std::printf("CONTACT=%lld\nSUBJECT=%lld\nUSER=%s\nPASSWORD=%s\n",
              static_cast<long long>(recorded.id), static_cast<long long>(subject),
              io.username.c_str(), password.c_str());
  return 0;
}

std::string cookie_of(const httplib::Result& res, const std::string& name) {
  for (const auto& [k, v] : res->headers) {
    if (k != "Set-Cookie" || v.rfind(name + "=", 0) != 0) continue;
    return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
  }
  return "";
}

int load(const Args& a) {
  const std::string url = a.get("url"), user = a.get("user"), password = a.get("password");
  const std::string path =
      "/contacts/" + a.get("contact") + "/chronology?subject=" + a.get("subject");
  const int requests = static_cast<int>(a.number("requests", 200));
  httplib::Client c(url);
  c.set_tcp_nodelay(true);
  c.set_read_timeout(60);
  auto form = c.Get("/sign-in");
  const std::string csrf = cookie_of(form, "mash_csrf");
  auto signed_in = c.Post("/sign-in", {{"Cookie", "mash_csrf=" + csrf}},
                          "csrf=" + csrf + "&username=" + user + "&password=" + password,
                          "application/x-www-form-urlencoded");
  const std::string session = cookie_of(signed_in, "mash_session");
  if (session.empty()) throw std::runtime_error("sign-in failed");
  const httplib::Headers cookie{{"Cookie", "mash_session=" + session}};
  std::vector<double> server;
  size_t entries = 0, withheld = 0, bytes = 0;
  int failed = 0;
  for (int i = 0; i < requests + 3; ++i) {
    auto res = c.Get(path.c_str(), cookie);
    if (!res || res->status != 200) {
      ++failed;
      continue;
    }
    if (i < 3) continue;  // warm-up
    const std::string t = res->get_header_value("Server-Timing");
    const size_t at = t.find("dur=");
    if (at != std::string::npos) server.push_back(std::stod(t.substr(at + 4)));
    bytes = res->body.size();
    entries = 0;
    withheld = 0;
    for (size_t p = res->body.find("<tr class=\"govuk-table__row\">"); p != std::string::npos;
         p = res->body.find("<tr class=\"govuk-table__row\">", p + 1))
      ++entries;
    for (size_t p = res->body.find("[redacted:"); p != std::string::npos;
         p = res->body.find("[redacted:", p + 1))
      ++withheld;
  }
  std::printf(
      "RESULT what=chronology requests=%zu failed=%d entries=%zu markers=%zu bytes=%zu "
      "server_p50_ms=%.1f server_p99_ms=%.1f server_max_ms=%.1f\n",
      server.size(), failed, entries > 0 ? entries - 1 : 0, withheld, bytes, percentile(server, 50),
      percentile(server, 99), percentile(server, 100));
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args a = mash::bench::parse_args(
        argc, argv, "usage: mash_bench_chronology seed|load [--option value]…");
    if (a.mode == "seed") return seed(a);
    if (a.mode == "load") return load(a);
    throw std::invalid_argument("unknown mode " + a.mode);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mash_bench_chronology: %s\n", e.what());
    return 2;
  }
}
