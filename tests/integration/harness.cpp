#include "harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef MASH_BINARY
#error "tests/CMakeLists.txt defines MASH_BINARY, the path of the mash executable"
#endif

namespace fs = std::filesystem;

namespace mash::it {

namespace {

World g_world;
std::string g_dir;       // a private temporary folder for this run
std::string g_log_path;  // the server's standard output and error
pid_t g_server = -1;
std::mutex g_personal_mutex;
std::set<std::string> g_personal;  // personal data the tests sent, which no log may contain

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

std::string last_line(const std::string& text) {
  std::string t = trim(text);
  size_t nl = t.rfind('\n');
  return trim(nl == std::string::npos ? t : t.substr(nl + 1));
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("could not find a free port");
  }
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

// fork + exec with standard input, output and error redirected to files.
pid_t spawn(const std::vector<std::string>& args, const std::string& in_path,
            const std::string& out_path, const std::string& err_path) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork() failed");
  if (pid == 0) {
    int in = ::open(in_path.c_str(), O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    int err =
        err_path == out_path ? out : ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// Waits up to `timeout` for the child; returns its wait status, or nullopt if still running.
std::optional<int> wait_for(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0) return std::nullopt;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string capture(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("popen failed: " + command);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = ::pclose(p);
  if (status != 0) throw std::runtime_error("command failed: " + command + "\n" + out);
  return out;
}

void remember_personal(const std::string& s) {
  if (s.size() < 4) return;
  std::lock_guard lock(g_personal_mutex);
  g_personal.insert(s);
}

class ServerEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    char tmpl[] = "/tmp/mash-it.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    g_dir = tmpl;
    g_log_path = g_dir + "/serve.log";

    const char* db = std::getenv("MASH_TEST_DB");
    g_world.db_url = db && *db ? db : "sqlite:" + g_dir + "/integration.db";
    std::printf("[ integration ] database: %s\n",
                g_world.db_url.rfind("sqlite:", 0) == 0 ? "SQLite" : "PostgreSQL");

    auto r = run_mash({"migrate", "--db", g_world.db_url});
    ASSERT_EQ(r.exit_code, 0) << "mash migrate failed:\n" << r.out << r.err;

    struct NewUser {
      const char* username;
      const char* role;
      const char* agency;
    };
    for (const NewUser& u :
         {NewUser{kReferralAdministrator, "referral_administrator", "childrens_social_care"},
          NewUser{kAgencyPractitioner, "agency_practitioner", "health"},
          NewUser{kSystemAdministrator, "system_administrator", "childrens_social_care"},
          NewUser{kThrottledUser, "referral_administrator", "childrens_social_care"},
          NewUser{kSignOutUser, "referral_administrator", "childrens_social_care"}}) {
      r = run_mash({"user", "add", "--db", g_world.db_url, "--username", u.username, "--role",
                    u.role, "--agency", u.agency, "--name", display_name_of(u.username)},
                   password_of(u.username) + "\n");
      ASSERT_EQ(r.exit_code, 0) << "mash user add " << u.username << " failed:\n" << r.out << r.err;
    }
    // A password shorter than 12 characters is refused.
    r = run_mash({"user", "add", "--db", g_world.db_url, "--username", "short.password", "--role",
                  "analyst", "--agency", "police"},
                 "tooshort\n");
    EXPECT_NE(r.exit_code, 0) << "mash user add accepted an 8-character password";

    auto token = [](std::vector<std::string> args) {
      args.insert(args.begin(), {"token", "create", "--db", g_world.db_url});
      auto t = run_mash(args);
      EXPECT_EQ(t.exit_code, 0) << "mash token create failed:\n" << t.out << t.err;
      return last_line(t.out);
    };
    g_world.police_token = token({"--agency", "police", "--name", "Niche PPN feed"});
    g_world.health_token = token({"--agency", "health", "--name", "Health safeguarding feed"});
    g_world.user_token = token({"--user", kReferralAdministrator});
    g_world.practitioner_token = token({"--user", kAgencyPractitioner});
    for (const auto* t : {&g_world.police_token, &g_world.health_token, &g_world.user_token,
                          &g_world.practitioner_token}) {
      ASSERT_GE(t->size(), 20u) << "a token should be long and printed alone on the last line";
      ASSERT_EQ(t->find(' '), std::string::npos) << "the token's line has more than the token";
    }
    ASSERT_NE(g_world.police_token, g_world.health_token);

    write_file(g_dir + "/empty", "");
    g_world.port = free_port();
    // The clock watch every second: a clock past its due time is recorded within the tests' wait.
    g_server = spawn({MASH_BINARY, "serve", "--db", g_world.db_url, "--host", "127.0.0.1", "--port",
                      std::to_string(g_world.port), "--clock-watch", "1"},
                     g_dir + "/empty", g_log_path, g_log_path);

    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      auto c = client();
      c.set_connection_timeout(1);
      auto res = c.Get("/api/v1/health");
      if (res && res->status == 200) break;
      int status = 0;
      if (::waitpid(g_server, &status, WNOHANG) == g_server) {
        g_server = -1;
        FAIL() << "mash serve exited before it was ready; its log:\n" << read_file(g_log_path);
      }
      if (std::chrono::steady_clock::now() > deadline) {
        FAIL() << "mash serve did not answer GET /api/v1/health with 200 within 30 s; its log:\n"
               << read_file(g_log_path);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  void TearDown() override {
    if (g_server > 0) {
      ASSERT_EQ(::kill(g_server, SIGTERM), 0);
      auto status = wait_for(g_server, std::chrono::seconds(20));
      if (!status) {
        ::kill(g_server, SIGKILL);
        ::waitpid(g_server, nullptr, 0);
        ADD_FAILURE() << "mash serve did not stop within 20 s of SIGTERM";
      } else {
        EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0)
            << "mash serve should exit 0 on SIGTERM; wait status " << *status;
      }
      g_server = -1;
    }
    // Logs never carry personal data: none of what the tests sent about people appears in the
    // server's output.
    std::string log = read_file(g_log_path);
    EXPECT_FALSE(log.empty()) << "mash serve logged nothing at all";
    for (const auto& s : g_personal) {
      EXPECT_EQ(log.find(s), std::string::npos)
          << "the server's log contains personal data sent in a contact: \"" << s << "\"";
    }
    for (const auto* t : {&g_world.police_token, &g_world.user_token}) {
      EXPECT_EQ(log.find(*t), std::string::npos) << "the server's log contains an API token";
    }
    if (!::testing::UnitTest::GetInstance()->Passed() && !log.empty()) {
      std::printf("[ integration ] last lines of the server's log:\n%s\n",
                  log.substr(log.size() > 4000 ? log.size() - 4000 : 0).c_str());
    }
    std::error_code ec;
    fs::remove_all(g_dir, ec);
  }
};

[[maybe_unused]] auto* const g_environment =
    ::testing::AddGlobalTestEnvironment(new ServerEnvironment);

}  // namespace

std::string password_of(const std::string& username) {
  return "correct horse battery staple for " + username;
}

std::string display_name_of(const std::string& username) {
  if (username == kReferralAdministrator) return "Rhiannon Adeyemi";
  if (username == kAgencyPractitioner) return "Priya Nakamura";
  if (username == kSystemAdministrator) return "Sam Okonkwo";
  return "Test User " + username;
}

const World& world() { return g_world; }

CliResult run_mash(const std::vector<std::string>& args, const std::string& input) {
  static std::atomic<int> counter{0};
  std::string base = g_dir + "/cli" + std::to_string(++counter);
  write_file(base + ".in", input);
  std::vector<std::string> argv{MASH_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = spawn(argv, base + ".in", base + ".out", base + ".err");
  CliResult r;
  auto status = wait_for(pid, std::chrono::minutes(2));
  if (!status) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    r.err = "timed out";
    return r;
  }
  r.exit_code = WIFEXITED(*status) ? WEXITSTATUS(*status) : 128 + WTERMSIG(*status);
  r.out = read_file(base + ".out");
  r.err = read_file(base + ".err");
  return r;
}

httplib::Client client() {
  httplib::Client c("127.0.0.1", g_world.port);
  c.set_connection_timeout(5);
  c.set_read_timeout(30);
  c.set_write_timeout(30);
  c.set_keep_alive(false);
  return c;
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

httplib::Result post_contact(const json& body, const std::string& token) {
  return post_raw(body.dump(), "application/json", bearer(token));
}

httplib::Result post_raw(const std::string& body, const std::string& content_type,
                         const httplib::Headers& headers) {
  return client().Post("/api/v1/contacts", headers, body, content_type.c_str());
}

json valid_contact(const std::string& external_ref, const std::string& family_name) {
  remember_personal(family_name);
  remember_personal("9434765919");
  remember_personal("oic@example.police.uk");
  return json{
      {"external_ref", external_ref},
      {"received_at", rfc3339_utc(-3600)},
      {"source", "6"},
      {"referrer",
       {{"name", "PC 4127 Jones"},
        {"organisation", "Lancashire Constabulary"},
        {"role", "Officer in the case"},
        {"phone", "01254 000000"},
        {"email", "oic@example.police.uk"}}},
      {"subjects",
       json::array(
           {{{"given_name", "Matt"},
             {"family_name", family_name},
             {"date_of_birth", "2025-10-01"},
             {"sex", "male"},
             {"role", "child"},
             {"address",
              {{"line1", "1 Example Street"}, {"town", "Blackburn"}, {"postcode", "BB2 1DH"}}},
             {"nhs_number", "9434765919"}}})},
      {"presenting_issues", json::array({"domestic_abuse"})},
      {"narrative",
       "Police attended a verbal argument between the parents; the child was present and "
       "distressed. Third notice in six months."},
      {"consent",
       {{"status", "not_sought"}, {"reason", "Seeking consent would place the child at risk"}}}};
}

std::string unique_ref(const std::string& prefix) {
  static std::atomic<int> n{0};
  return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
}

int64_t restricted_contact(const std::string& family, const std::string& granted) {
  auto sent = post_contact(valid_contact(unique_ref("GLASS"), family), world().police_token);
  EXPECT_TRUE(sent && sent->status == 201) << (sent ? sent->body : "no response");
  if (!sent || sent->status != 201) return 0;
  const int64_t id = json::parse(sent->body).at("id").get<int64_t>();
  auto done = run_mash({"contact", "restrict", std::to_string(id), "--db", world().db_url,
                        "--grant", granted, "--reason", "A hub employee's grandchild"});
  EXPECT_EQ(done.exit_code, 0) << done.err;
  return id;
}

int64_t count_rows(const std::string& table) {
  const std::string& url = g_world.db_url;
  std::string sql = "SELECT count(*) FROM " + table;
  std::string out;
  if (url.rfind("sqlite:", 0) == 0) {
    out = capture("sqlite3 " + shell_quote(url.substr(7)) + " " + shell_quote(sql) + " 2>&1");
  } else {
    out = capture("psql -X -tA -d " + shell_quote(url) + " -c " + shell_quote(sql) + " 2>&1");
  }
  return std::stoll(trim(out));
}

std::string iso_date_in_days(int days_from_today) {
  std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days_from_today) * 86400;
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string rfc3339_utc(int64_t seconds_from_now) {
  std::time_t t = std::time(nullptr) + static_cast<std::time_t>(seconds_from_now);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  return buf;
}

bool looks_internal(const std::string& body) {
  static const char* const kSigns[] = {
      "std::",       "terminate called", "what():",  "Traceback", ".cpp:",          "stack trace",
      "backtrace",   "soci::",           "sqlite3_", "SQLSTATE",  "json.exception", "0x7f",
      "Segmentation"};
  for (const char* s : kSigns)
    if (body.find(s) != std::string::npos) return true;
  return false;
}

json expect_json_error(const httplib::Result& res, int status) {
  if (!res) {
    ADD_FAILURE() << "no HTTP response: " << httplib::to_string(res.error());
    return json::object();
  }
  EXPECT_EQ(res->status, status) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/json", 0), 0u)
      << "an API error is JSON; Content-Type was " << res->get_header_value("Content-Type");
  EXPECT_FALSE(looks_internal(res->body)) << "the error shows internals: " << res->body;
  json body = json::parse(res->body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("error") ||
      !body["error"].is_object()) {
    ADD_FAILURE() << "expected {\"error\": {…}}, got: " << res->body;
    return json::object();
  }
  const json& e = body["error"];
  EXPECT_TRUE(e.contains("code") && e["code"].is_string() && !e["code"].get<std::string>().empty())
      << res->body;
  EXPECT_TRUE(e.contains("message") && e["message"].is_string() &&
              !e["message"].get<std::string>().empty())
      << res->body;
  if (e.contains("fields")) {
    EXPECT_TRUE(e["fields"].is_array()) << res->body;
    for (const auto& f : e["fields"]) {
      EXPECT_TRUE(f.contains("field") && f["field"].is_string()) << res->body;
      EXPECT_TRUE(f.contains("message") && f["message"].is_string() &&
                  !f["message"].get<std::string>().empty())
          << res->body;
    }
  }
  return e;
}

std::vector<std::string> error_fields(const json& error) {
  std::vector<std::string> out;
  if (error.contains("fields") && error["fields"].is_array())
    for (const auto& f : error["fields"])
      if (f.contains("field") && f["field"].is_string()) out.push_back(f["field"]);
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool contains_ci(const std::string& haystack, const std::string& needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

std::vector<std::string> set_cookies(const httplib::Result& res) {
  std::vector<std::string> out;
  if (!res) return out;
  auto [b, e] = res->headers.equal_range("Set-Cookie");
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

std::pair<std::string, std::string> csrf_input(const std::string& html) {
  static const std::regex input(R"re(<input\b[^>]*>)re", std::regex::icase);
  static const std::regex name(R"re(\bname\s*=\s*"([^"]*)")re", std::regex::icase);
  static const std::regex value(R"re(\bvalue\s*=\s*"([^"]*)")re", std::regex::icase);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), input);
       it != std::sregex_iterator(); ++it) {
    std::string tag = it->str();
    std::smatch m;
    if (!std::regex_search(tag, m, name) || lower(m[1]).find("csrf") == std::string::npos) continue;
    std::string field = m[1];
    if (std::regex_search(tag, m, value)) return {field, m[1]};
  }
  return {};
}

std::string csrf_in(const std::string& html) { return csrf_input(html).second; }

std::string Browser::cookie_header() const {
  std::string h;
  for (const auto& [k, v] : cookies_) {
    if (!h.empty()) h += "; ";
    h += k + "=" + v;
  }
  return h;
}

void Browser::take(const httplib::Result& res) {
  if (!res) return;
  for (const std::string& c : set_cookies(res)) {
    size_t eq = c.find('=');
    size_t semi = c.find(';');
    if (eq == std::string::npos) continue;
    std::string name = trim(c.substr(0, eq));
    std::string value =
        c.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
    std::string attrs = lower(semi == std::string::npos ? "" : c.substr(semi));
    bool expired = attrs.find("max-age=0") != std::string::npos ||
                   attrs.find("expires=thu, 01 jan 1970") != std::string::npos;
    if (expired || value.empty())
      cookies_.erase(name);
    else
      cookies_[name] = value;
  }
  if (res->get_header_value("Content-Type").find("text/html") != std::string::npos) {
    auto [field, token] = csrf_input(res->body);
    if (!token.empty()) {
      csrf_field_ = field;
      csrf_ = token;
    }
  }
}

httplib::Result Browser::get(const std::string& path) {
  httplib::Headers h;
  if (!cookies_.empty()) h.emplace("Cookie", cookie_header());
  auto res = client().Get(path.c_str(), h);
  take(res);
  return res;
}

httplib::Result Browser::post_form(const std::string& path,
                                   const std::vector<std::pair<std::string, std::string>>& fields) {
  httplib::Headers h;
  if (!cookies_.empty()) h.emplace("Cookie", cookie_header());
  std::string body;
  for (const auto& [k, v] : fields) {
    if (!body.empty()) body += '&';
    body += httplib::detail::encode_query_param(k) + "=" + httplib::detail::encode_query_param(v);
  }
  auto res = client().Post(path.c_str(), h, body, "application/x-www-form-urlencoded");
  take(res);
  return res;
}

httplib::Result Browser::sign_in(const std::string& username, const std::string& password) {
  auto page = get("/sign-in");
  if (!page || page->status != 200) return page;
  return post_form("/sign-in",
                   {{csrf_field_, csrf_}, {"username", username}, {"password", password}});
}

std::string unescaped(std::string s) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"&#39;", "'"},
                                 {"&#x2F;", "/"},
                                 {"&quot;", "\""},
                                 {"&amp;", "&"}})
    for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, from.size(), to);
  return s;
}

bool has(const std::string& html, const std::string& text) {
  return unescaped(html).find(text) != std::string::npos;
}

std::string token_for_role(const std::string& role) {
  const std::string username = unique_ref("api." + role).substr(0, 40);
  auto added = run_mash({"user", "add", "--db", world().db_url, "--username", username, "--role",
                         role, "--agency", "childrens_social_care", "--name", "API test user"},
                        "correct horse battery staple\n");
  EXPECT_EQ(added.exit_code, 0) << added.err;
  auto token = run_mash({"token", "create", "--db", world().db_url, "--user", username});
  EXPECT_EQ(token.exit_code, 0) << token.err;
  return last_line(token.out);
}

}  // namespace mash::it
