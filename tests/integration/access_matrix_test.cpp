// The access matrix (issue 5): every route of `mash routes` × every actor × the contact's relation
// to the actor (own or other agency) × restricted or not, tried over real HTTP against the
// expectations written by hand in tests/integration/access_matrix.tsv. Fails on any unexpected
// allow or deny, on a server error, on a denied answer that names the contact, and on any route
// without its rows, so that a new route cannot land without them.
//
// Each request is one that changes nothing but the asker's own draft or notifications if it is
// let in: a page's form with only its CSRF token, or "{}" to the API, so that an actor let in gets
// a validation answer (400, 422 or the form again) and one kept out gets 401, 403, 404 or the
// sign-in page. The few routes that need more say so in probe_for().
//
// "{id}" is a contact's id, except under /requests/ and /api/v1/requests/, where it is an
// information request's: each contact tried is in a MASH enquiry with one request, addressed to
// the contact's own agency, so that "own" for a request means one addressed to the actor's
// agency. "{subject}" is a subject of the contact.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "harness.h"

#ifndef MASH_SOURCE_DIR
#error "tests/CMakeLists.txt defines MASH_SOURCE_DIR, the repository's folder"
#endif

namespace mash::it {
namespace {

const char* const kMatrixFile = MASH_SOURCE_DIR "/tests/integration/access_matrix.tsv";

// Whether there are restricted contacts to try (issue 5). With them, records() makes one per
// agency too, and every route about a contact needs its rows with restricted "yes".
constexpr bool kRestrictedContacts = true;

// --- the route table and the expectations --------------------------------------------------------

struct RouteEntry {
  std::string method;
  std::string path;
  std::string kind;
};

bool about_a_contact(const std::string& path) { return path.find("{id}") != std::string::npos; }

// A route whose "{id}" is an information request's (the page's and the API's).
bool about_a_request(const std::string& path) {
  return path.rfind("/requests/", 0) == 0 || path.rfind("/api/v1/requests/", 0) == 0;
}

std::vector<RouteEntry> route_table() {
  auto r = run_mash({"routes", "--json"});
  EXPECT_EQ(r.exit_code, 0) << "mash routes --json failed:\n" << r.err;
  std::vector<RouteEntry> out;
  const json doc = json::parse(r.out, nullptr, false);
  if (doc.is_discarded() || !doc.contains("routes")) {
    ADD_FAILURE() << "mash routes --json printed no {\"routes\": […]}:\n" << r.out;
    return out;
  }
  for (const json& e : doc["routes"]) out.push_back({e["method"], e["path"], e["kind"]});
  return out;
}

enum class Expect { allow, deny, open };  // open: public by design

struct Row {
  std::string method, path, relation, restricted;
  std::vector<Expect> cells;  // one per actor column
  int line = 0;
};

struct Matrix {
  std::vector<std::string> actors;  // column names: "web:RA", …, "api:police", "none"
  std::vector<Row> rows;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, '\t')) out.push_back(cell);
  return out;
}

Matrix read_matrix() {
  Matrix m;
  std::ifstream in(kMatrixFile);
  EXPECT_TRUE(in) << "cannot read " << kMatrixFile;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells = split_tabs(line);
    if (m.actors.empty()) {
      EXPECT_GE(cells.size(), 5u) << kMatrixFile << ":" << n << ": the header names no actors";
      m.actors.assign(cells.begin() + std::min<size_t>(4, cells.size()), cells.end());
      continue;
    }
    if (cells.size() != 4 + m.actors.size()) {
      ADD_FAILURE() << kMatrixFile << ":" << n << ": " << cells.size() << " columns, not "
                    << 4 + m.actors.size();
      continue;
    }
    Row row{cells[0], cells[1], cells[2], cells[3], {}, n};
    for (size_t i = 4; i < cells.size(); ++i) {
      if (cells[i] == "allow")
        row.cells.push_back(Expect::allow);
      else if (cells[i] == "deny")
        row.cells.push_back(Expect::deny);
      else if (cells[i] == "public")
        row.cells.push_back(Expect::open);
      else
        ADD_FAILURE() << kMatrixFile << ":" << n << ": \"" << cells[i]
                      << "\" is not allow, deny or public";
    }
    m.rows.push_back(std::move(row));
  }
  return m;
}

// --- who asks ------------------------------------------------------------------------------------

const std::vector<std::pair<std::string, std::string>> kRoles = {{"RA", "referral_administrator"},
                                                                 {"IO", "information_officer"},
                                                                 {"SW", "social_worker"},
                                                                 {"DM", "decision_maker"},
                                                                 {"HM", "hub_manager"},
                                                                 {"AP", "agency_practitioner"},
                                                                 {"AN", "analyst"},
                                                                 {"AU", "auditor"},
                                                                 {"SA", "system_administrator"}};

struct Actor {
  std::string name;                  // the matrix's column: "web:SW"
  std::string agency;                // "" for no credentials
  std::unique_ptr<Browser> browser;  // signed in, for web:XX
  std::string token;                 // for api:XX and api:police
};

// A user of each role (agency practitioners in the police, everyone else in children's social
// care), signed in with a browser and holding an API token; the police's agency-system token;
// and no credentials at all.
std::vector<Actor> make_actors() {
  std::vector<Actor> web, api;
  for (const auto& [abbreviation, role] : kRoles) {
    const std::string agency = role == "agency_practitioner" ? "police" : "childrens_social_care";
    const std::string username = unique_ref("am." + abbreviation);
    auto added = run_mash({"user", "add", "--db", world().db_url, "--username", username, "--role",
                           role, "--agency", agency, "--name", "Access matrix " + abbreviation},
                          password_of(username) + "\n");
    EXPECT_EQ(added.exit_code, 0) << added.err;
    Actor w{"web:" + abbreviation, agency, std::make_unique<Browser>(), ""};
    auto signed_in = w.browser->sign_in(username, password_of(username));
    EXPECT_TRUE(signed_in && signed_in->status == 303) << "signing in as " << username;
    // Any page with the layout carries the session's CSRF token (the sign-out form).
    auto page = w.browser->get("/notifications");
    EXPECT_TRUE(page && page->status == 200 && !w.browser->csrf().empty())
        << "no CSRF token for " << username;
    web.push_back(std::move(w));
    auto token = run_mash({"token", "create", "--db", world().db_url, "--user", username});
    EXPECT_EQ(token.exit_code, 0) << token.err;
    std::string t = token.out;
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
    api.push_back(Actor{"api:" + abbreviation, agency, nullptr, t.substr(t.rfind('\n') + 1)});
  }
  std::vector<Actor> out;
  for (auto& a : web) out.push_back(std::move(a));
  for (auto& a : api) out.push_back(std::move(a));
  out.push_back(Actor{"api:police", "police", nullptr, world().police_token});
  out.push_back(Actor{"none", "", nullptr, ""});
  return out;
}

// --- what they ask about -------------------------------------------------------------------------

// A contact the matrix is tried on: sent by `agency`; `family_name` is in it and in no other, so
// that a denied answer can be searched for it. It is in a MASH enquiry, with its one information
// request addressed to `agency`, and `subject_id` is its subject.
struct Record {
  std::string agency;
  bool restricted = false;
  int64_t contact_id = 0;
  std::string family_name;
  int64_t request_id = 0;
  int64_t subject_id = 0;
};

const Actor& actor_named(const std::vector<Actor>& actors, const std::string& name) {
  for (const Actor& a : actors)
    if (a.name == name) return a;
  ADD_FAILURE() << "no actor " << name;
  return actors.front();
}

// The id of the request about the contact whose subject is `family_name`, from the queue of the
// agency it is addressed to, as its user sees it (the row naming the subject links to it).
int64_t request_in_queue(const Actor& reader, const std::string& family_name) {
  auto queue = reader.browser->get("/requests");
  EXPECT_TRUE(queue && queue->status == 200) << "GET /requests as " << reader.name;
  if (!queue || queue->status != 200) return 0;
  const std::string html = unescaped(queue->body);
  const std::string row_start = "<tr";
  for (size_t at = html.find(row_start); at != std::string::npos;) {
    const size_t next = html.find(row_start, at + 1);
    const std::string row = html.substr(at, next == std::string::npos ? next : next - at);
    at = next;
    if (!contains_ci(row, family_name)) continue;
    const std::string link = "href=\"/requests/";
    const size_t href = row.find(link);
    if (href == std::string::npos) continue;
    return std::atoll(row.c_str() + href + link.size());
  }
  ADD_FAILURE() << "no request about " << family_name << " in the queue of " << reader.name;
  return 0;
}

// A contact made ready for the matrix, as the hub would: sent, rated and progressed to a MASH
// enquiry through the API by a decision maker, then the basis for sharing recorded and its
// agency asked through the pages; the request's id read from that agency's queue and the
// subject's from the contact's JSON.
Record prepare(const std::vector<Actor>& actors, const std::string& agency, bool restricted,
               const std::string& token, int n) {
  Record r{agency, restricted, 0, "Matrix" + std::to_string(n) + "Hidden", 0, 0};
  auto sent = post_contact(valid_contact(unique_ref("matrix"), r.family_name), token);
  EXPECT_TRUE(sent && sent->status == 201) << (sent ? sent->body : "no answer");
  if (!sent || sent->status != 201) return r;
  r.contact_id = json::parse(sent->body)["id"].get<int64_t>();
  const std::string contact = "/api/v1/contacts/" + std::to_string(r.contact_id);
  const Actor& dm = actor_named(actors, "api:DM");
  auto rated = client().Post(
      (contact + "/rating").c_str(), bearer(dm.token),
      json{{"rating", "amber"}, {"rationale", "The matrix's enquiry"}}.dump(), "application/json");
  EXPECT_TRUE(rated && rated->status == 201) << (rated ? rated->body : "no answer");
  auto decided = client().Post(
      (contact + "/decision").c_str(), bearer(dm.token),
      json{{"route", "mash_enquiry"}, {"threshold", 3}, {"rationale", "Partners to research"}}
          .dump(),
      "application/json");
  EXPECT_TRUE(decided && decided->status == 201) << (decided ? decided->body : "no answer");

  Browser& browser = *actor_named(actors, "web:DM").browser;
  const std::string research = "/contacts/" + std::to_string(r.contact_id) + "/research";
  auto page = browser.get(research);
  EXPECT_TRUE(page && page->status == 200) << "GET " << research;
  auto basis = browser.post_form(research + "/basis",
                                 {{browser.csrf_field(), browser.csrf()},
                                  {"consent", "not_sought"},
                                  {"lawful_basis", "dpa_sch1_para18"},
                                  {"reason", "Seeking consent would place the child at risk"}});
  EXPECT_TRUE(basis && basis->status == 303) << (basis ? basis->body : "no answer");
  auto asked = browser.post_form(research + "/requests",
                                 {{browser.csrf_field(), browser.csrf()},
                                  {"agencies", agency},
                                  {"question", "What does your agency know of the family?"}});
  EXPECT_TRUE(asked && asked->status == 303) << (asked ? asked->body : "no answer");

  r.request_id = request_in_queue(actor_named(actors, agency == "police" ? "web:AP" : "web:IO"),
                                  r.family_name);
  auto read = client().Get(contact.c_str(), bearer(actor_named(actors, "api:RA").token));
  EXPECT_TRUE(read && read->status == 200) << (read ? read->body : "no answer");
  if (read && read->status == 200) {
    const json c = json::parse(read->body);
    if (c.contains("subjects") && !c["subjects"].empty())
      r.subject_id = c["subjects"][0]["id"].get<int64_t>();
  }
  EXPECT_GT(r.subject_id, 0) << "the subject of contact " << r.contact_id;
  return r;
}

// One contact from each agency an actor is in: children's social care (recorded by a hub user
// through the API) and the police (sent by its agency system); and one more of each, restricted
// at the command line (`mash contact restrict`) to a user who is none of the matrix's actors.
std::vector<Record> records(const std::vector<Actor>& actors) {
  std::vector<Record> out;
  const Actor& hub_user = actor_named(actors, "api:RA");
  const std::string granted = unique_ref("am.granted");
  auto added = run_mash(
      {"user", "add", "--db", world().db_url, "--username", granted, "--role", "decision_maker",
       "--agency", "childrens_social_care", "--name", "Access matrix granted"},
      password_of(granted) + "\n");
  EXPECT_EQ(added.exit_code, 0) << added.err;
  for (bool restricted : {false, true})
    for (const auto& [agency, token] :
         {std::pair<std::string, std::string>{"childrens_social_care", hub_user.token},
          {"police", world().police_token}}) {
      Record r = prepare(actors, agency, restricted, token, static_cast<int>(out.size()) + 1);
      if (restricted && r.contact_id > 0) {
        auto done =
            run_mash({"contact", "restrict", std::to_string(r.contact_id), "--db", world().db_url,
                      "--grant", granted, "--reason", "The access matrix's restricted contact"});
        EXPECT_EQ(done.exit_code, 0) << done.err;
      }
      out.push_back(r);
    }
  return out;
}

// The record a cell is tried on: the actor's own agency's or another's. With no credentials
// there is no agency: "own" tries the first agency's contact and "other" the second's.
const Record* record_for(const std::vector<Record>& all, const Actor& actor,
                         const std::string& relation, bool restricted) {
  std::vector<const Record*> kind;
  for (const Record& r : all)
    if (r.restricted == restricted) kind.push_back(&r);
  if (kind.size() < 2) return nullptr;
  if (actor.agency.empty()) return relation == "own" ? kind[0] : kind[1];
  for (const Record* r : kind)
    if ((r->agency == actor.agency) == (relation == "own")) return r;
  return nullptr;
}

// --- asking --------------------------------------------------------------------------------------

struct Probe {
  std::string path;                                       // concrete, with its query
  std::vector<std::pair<std::string, std::string>> form;  // for a page's POST (CSRF added)
  bool with_csrf = true;                                  // a page's POST carries the token
  std::string json = "{}";                                // an API POST's body
  std::string before;  // a page's form to POST first, with its CSRF token only
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, from.size(), to);
  return s;
}

Probe probe_for(const RouteEntry& route, const Record* record) {
  Probe p;
  p.path = route.path;
  if (record) {
    p.path = replace_all(
        p.path, "{id}",
        std::to_string(about_a_request(route.path) ? record->request_id : record->contact_id));
    p.path = replace_all(p.path, "{subject}", std::to_string(record->subject_id));
  }
  p.path = replace_all(replace_all(p.path, "{link}", "1"), "{n}", "1");
  if (route.kind == "asset") p.path = replace_all(p.path, "*", "mash.css");
  // Signing out with the token would end the session the other rows need: without it, a signed-in
  // user is told the form has expired, which is still an answer to them.
  if (route.method == "POST" && route.path == "/sign-out") p.with_csrf = false;
  // Dismisses the actor's own notifications (a user made for this test): "all" is the one id that
  // is never "not found".
  if (route.method == "POST" && route.path == "/notifications/dismiss") p.form = {{"id", "all"}};
  // The first person of the actor's own unfinished contact form: one is added first.
  if (route.method == "POST" && route.path == "/contacts/new/subject/{n}/remove")
    p.before = "/contacts/new/subject/1";
  // A live board let in would stay open: a filter it refuses ends it at once.
  if (route.path == "/tracker/events") p.path += "?status=none-such";
  // An answer with an item of no kind: refused whole (422), nothing saved, for the agency asked.
  if (route.method == "POST" && route.path == "/requests/{id}/response")
    p.form = {{"item-count", "1"}, {"item-0-kind", "nonsense"}, {"item-0-text", "probe"}};
  if (route.method == "POST" && route.path == "/api/v1/requests/{id}/response")
    p.json = R"({"items": [{"kind": "nonsense"}]})";
  return p;
}

httplib::Result ask(Actor& actor, const RouteEntry& route, const Probe& p) {
  httplib::Headers headers;
  if (actor.browser) headers.emplace("Cookie", actor.browser->cookie_header());
  if (!actor.token.empty()) headers.emplace("Authorization", "Bearer " + actor.token);
  auto c = client();
  if (route.method == "GET") return c.Get(p.path.c_str(), headers);
  if (route.kind == "api") return c.Post(p.path.c_str(), headers, p.json, "application/json");
  auto form = [&](const std::vector<std::pair<std::string, std::string>>& fields, bool csrf) {
    std::string body;
    if (csrf && actor.browser) body = actor.browser->csrf_field() + "=" + actor.browser->csrf();
    for (const auto& [k, v] : fields)
      body += (body.empty() ? "" : "&") + k + "=" + httplib::detail::encode_query_param(v);
    return body;
  };
  if (!p.before.empty())
    c.Post(p.before.c_str(), headers, form({}, true), "application/x-www-form-urlencoded");
  return c.Post(p.path.c_str(), headers, form(p.form, p.with_csrf),
                "application/x-www-form-urlencoded");
}

enum class Outcome { allow, deny, error };

// Kept out: 401, 403, 404, or sent to sign in. Anything else below 500 was let in (a 400 or 422
// too: the handler looked at the input).
Outcome classify(const httplib::Result& r) {
  if (!r || r->status >= 500) return Outcome::error;
  if (r->status == 401 || r->status == 403 || r->status == 404) return Outcome::deny;
  if (r->status == 303 && r->get_header_value("Location").rfind("/sign-in", 0) == 0)
    return Outcome::deny;
  return Outcome::allow;
}

std::string describe(const httplib::Result& r) {
  if (!r) return "no answer (" + httplib::to_string(r.error()) + ")";
  std::string s = std::to_string(r->status);
  if (r->has_header("Location")) s += " -> " + r->get_header_value("Location");
  return s;
}

// --- the tests -----------------------------------------------------------------------------------

TEST(AccessMatrix, EveryRouteHasItsRowsAndEveryRowItsRoute) {
  const std::vector<RouteEntry> routes = route_table();
  const Matrix m = read_matrix();
  ASSERT_FALSE(routes.empty());
  ASSERT_FALSE(m.rows.empty());
  std::set<std::string> expected_actors;
  for (const auto& [abbreviation, role] : kRoles) {
    expected_actors.insert("web:" + abbreviation);
    expected_actors.insert("api:" + abbreviation);
  }
  expected_actors.insert("api:police");
  expected_actors.insert("none");
  EXPECT_EQ(std::set<std::string>(m.actors.begin(), m.actors.end()), expected_actors)
      << "the matrix's actor columns";

  std::set<std::string> routes_seen, rows_seen;
  for (const RouteEntry& r : routes)
    EXPECT_TRUE(routes_seen.insert(r.method + " " + r.path).second)
        << "mash routes lists " << r.method << " " << r.path << " twice";
  for (const Row& row : m.rows) {
    const std::string key = row.method + " " + row.path;
    EXPECT_TRUE(routes_seen.count(key))
        << kMatrixFile << ":" << row.line << ": " << key << " is not a route (mash routes)";
    EXPECT_TRUE(rows_seen.insert(key + " " + row.relation + " " + row.restricted).second)
        << kMatrixFile << ":" << row.line << ": a second row for " << key << " " << row.relation
        << " restricted " << row.restricted;
    const auto open = std::count(row.cells.begin(), row.cells.end(), Expect::open);
    EXPECT_TRUE(open == 0 || open == static_cast<std::ptrdiff_t>(row.cells.size()))
        << kMatrixFile << ":" << row.line << ": a public route is public to every actor";
    if (about_a_contact(row.path)) {
      EXPECT_TRUE(row.relation == "own" || row.relation == "other")
          << kMatrixFile << ":" << row.line << ": relation is own or other";
      EXPECT_TRUE(row.restricted == "no" || (row.restricted == "yes" && kRestrictedContacts))
          << kMatrixFile << ":" << row.line << ": restricted is no"
          << (kRestrictedContacts ? " or yes" : " (there are no restricted contacts yet)");
    } else {
      EXPECT_TRUE(row.relation == "-" && row.restricted == "-")
          << kMatrixFile << ":" << row.line << ": a route about no one contact has - and -";
    }
  }
  for (const RouteEntry& r : routes) {
    const std::string key = r.method + " " + r.path;
    std::vector<std::string> needed = {"- -"};
    if (about_a_contact(r.path)) needed = {"own no", "other no"};
    if (about_a_contact(r.path) && kRestrictedContacts)
      needed.insert(needed.end(), {"own yes", "other yes"});
    for (const std::string& cell : needed)
      EXPECT_TRUE(rows_seen.count(key + " " + cell))
          << key << " (" << cell << ") has no row in " << kMatrixFile
          << ": write who may use it there, from the policy";
  }
}

TEST(AccessMatrix, EveryActorGetsWhatThePolicySaysOnEveryRoute) {
  const std::vector<RouteEntry> routes = route_table();
  const Matrix m = read_matrix();
  ASSERT_FALSE(routes.empty());
  std::map<std::string, RouteEntry> by_key;
  for (const RouteEntry& r : routes) by_key[r.method + " " + r.path] = r;

  std::vector<Actor> actors = make_actors();
  std::map<std::string, Actor*> by_name;
  for (Actor& a : actors) by_name[a.name] = &a;
  const std::vector<Record> all = records(actors);
  for (const Record& r : all) {
    ASSERT_GT(r.contact_id, 0) << "a contact to try the matrix on";
    ASSERT_GT(r.request_id, 0) << "contact " << r.contact_id << "'s information request";
    ASSERT_GT(r.subject_id, 0) << "contact " << r.contact_id << "'s subject";
  }

  // What the probes could have changed, had a let-in actor's input been taken: nothing is.
  const std::vector<std::string> kept = {
      "contacts",
      "contact_ratings",
      "contact_decisions",
      "dash_assessments",
      "person_links",
      "enquiry_bases",
      "information_requests",
      "response_items",
      "redactions",
      "contact_grants",
      "contact_exclusions",
      "outcome_summaries",
      "mail_outbox",
      "break_glass",
      "break_glass WHERE reviewed_epoch IS NOT NULL",
      "information_requests WHERE status <> 'requested' OR saved_by <> ''"};
  std::map<std::string, int64_t> before;
  for (const std::string& table : kept) before[table] = count_rows(table);

  size_t cells = 0;
  std::vector<std::string> failures;
  for (const Row& row : m.rows) {
    auto route = by_key.find(row.method + " " + row.path);
    if (route == by_key.end()) continue;  // reported by the coverage test
    for (size_t i = 0; i < row.cells.size() && i < m.actors.size(); ++i) {
      auto found = by_name.find(m.actors[i]);
      if (found == by_name.end()) continue;  // reported by the coverage test
      Actor& actor = *found->second;
      const Record* record = nullptr;
      if (about_a_contact(row.path)) {
        record = record_for(all, actor, row.relation, row.restricted == "yes");
        if (!record) {
          failures.push_back(row.method + " " + row.path + " " + actor.name + " " + row.relation +
                             ": no contact to try it on");
          continue;
        }
      }
      const Probe probe = probe_for(route->second, record);
      const httplib::Result res = ask(actor, route->second, probe);
      ++cells;
      const Outcome got = classify(res);
      const Expect want = row.cells[i];
      std::string problem;
      if (got == Outcome::error)
        problem = "server error or no answer";
      else if (want == Expect::deny && got == Outcome::allow)
        problem = "UNEXPECTED ALLOW";
      else if (want == Expect::allow && got == Outcome::deny)
        problem = "unexpected deny";
      else if (got == Outcome::deny && record && contains_ci(res->body, record->family_name))
        problem = "denied, but the answer names the contact's subject";
      if (!problem.empty())
        failures.push_back(problem + ": " + row.method + " " + probe.path + " (" + row.path +
                           ") actor " + actor.name + " relation " + row.relation + " restricted " +
                           row.restricted + ": " + describe(res));
    }
  }
  std::printf("[ matrix     ] %zu routes, %zu rows, %zu cells tried\n", routes.size(),
              m.rows.size(), cells);
  EXPECT_EQ(cells, m.rows.size() * m.actors.size()) << "every cell is tried";
  for (const std::string& table : kept)
    EXPECT_EQ(count_rows(table), before[table]) << "a probe changed " << table;
  std::string report;
  for (const std::string& f : failures) report += "  " + f + "\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " cells of the access matrix (" << kMatrixFile
                                << ") disagree:\n"
                                << report;
}

}  // namespace
}  // namespace mash::it
