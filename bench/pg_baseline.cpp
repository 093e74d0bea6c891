// The in-house PostgreSQL baseline for person lookups (issue 3, Targets, last bullet; not a test).
// What an in-house IT team would write to "find the 10 most likely people" with pg_trgm and
// fuzzystrmatch and their indexes, measured on the same synthetic data as mash_bench_index.
//
//   mash_bench_pg_baseline --url URL --population FILE --queries FILE [--k 10] [--load]
//                          [--variant union|union-ids|union-swap|or] [--threshold 0.4]
//                          [--warmup 100] [--explain N] [--print-sql] [--debug]
//
// --load   drops and creates the `people` table (schema below), streams the population CSV with
//          COPY FROM STDIN, then builds the indexes one by one and runs VACUUM (ANALYZE); the COPY
//          time (load_s) and the index build time (index_s) are reported separately.
// Then, on one connection, sequentially: --warmup lookups (the first queries, not counted), then
// every query once through ONE prepared statement (the --variant), timed at the client with a
// steady clock from send to the last row received (the round trip included). Prints latency
// percentiles, recall@k and recall@1 (is the query's true_id among the returned ids), recall by
// corruption (a query counts for each name in its space-separated `corruptions` column), and a
// machine line "RESULT engine=postgresql …".
//
// --variant    how the statement is written (default union-swap; see kVariants below).
// --threshold  pg_trgm.similarity_threshold for the `%` operator (default 0.4; pg_trgm's own
//              default 0.3 is slower for almost no recall: see kDefaultThreshold).
// --print-sql  prints the schema, the indexes and the variant's statement, and exits.
// --explain N  prints EXPLAIN (ANALYZE, BUFFERS) of the statement for the first N queries, with
//              the quoted values (names, dates) cut out of the plan unless --debug.
// --debug      also prints, per query, the returned ids and scores, and full server messages:
//              synthetic personal data, never to be used on real records.
//
// Query fields with invalid UTF-8 (the generator's typo corruption can split a multi-byte
// character) have the invalid bytes dropped before sending, as PostgreSQL refuses them; the number
// of such queries is printed.
//
// Errors say what failed and where (file and line, or which statement); messages from statements
// that handle personal data (COPY, lookups) are cut before any quoted value unless --debug.
//
// Build standalone:
//   g++ -std=c++20 -O2 -Wall -Wextra -Werror bench/pg_baseline.cpp -o mash_bench_pg_baseline
//       $(pkg-config --cflags --libs libpq)    (one line)
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---------------------------------------------------------------------------------------------
// The SQL. Everything an in-house team would write, in one place (--print-sql shows it).

// Extensions and the normalisation used on both sides of every comparison: lower case without
// accents (Wiśniewski = wisniewski). unaccent() is only STABLE (it reads a dictionary), so the
// usual IMMUTABLE wrapper with the dictionary named explicitly, to be usable in stored columns.
constexpr const char* kSchema = R"SQL(
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION pnorm(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

DROP TABLE IF EXISTS people;
CREATE TABLE people (
  id            text NOT NULL,
  given_name    text,
  family_name   text,
  date_of_birth date,
  sex           text,
  postcode      text,
  address       text,
  town          text,
  nhs_number    text,
  given_norm    text GENERATED ALWAYS AS (pnorm(given_name)) STORED,
  family_norm   text GENERATED ALWAYS AS (pnorm(family_name)) STORED
);
)SQL";

constexpr const char* kCopy =
    "COPY people (id, given_name, family_name, date_of_birth, sex, postcode, address, town, "
    "nhs_number) FROM STDIN WITH (FORMAT csv, HEADER true)";

// Built after the COPY, one at a time, each timed.
struct IndexDef {
  const char* name;
  const char* sql;
};
constexpr IndexDef kIndexes[] = {
    {"primary key (id)", "ALTER TABLE people ADD PRIMARY KEY (id)"},
    {"gin trigram given_norm",
     "CREATE INDEX people_given_trgm ON people USING gin (given_norm gin_trgm_ops)"},
    {"gin trigram family_norm",
     "CREATE INDEX people_family_trgm ON people USING gin (family_norm gin_trgm_ops)"},
    {"btree date_of_birth", "CREATE INDEX people_dob ON people (date_of_birth)"},
    {"btree postcode", "CREATE INDEX people_postcode ON people (postcode)"},
    {"btree nhs_number", "CREATE INDEX people_nhs ON people (nhs_number)"},
    {"btree dmetaphone(family_norm), date_of_birth",
     "CREATE INDEX people_family_dmeta_dob ON people (dmetaphone(family_norm), date_of_birth)"},
    {"btree dmetaphone(given_norm)",
     "CREATE INDEX people_given_dmeta ON people (dmetaphone(given_norm))"},
};

// Session setting: the trigram `%` threshold for names. 0.4 rather than pg_trgm's default 0.3:
// at 0.3 the trigram rules bring more candidates (smith ~ smyth ~ smithson …) to fetch and score
// for almost no recall (measured at 1M people, 2,000 queries, variant union-swap: recall@10 0.9865
// at 0.3 vs 0.9855 at 0.4; p50 34 vs 27 ms, p99 96 vs 74 ms). --threshold changes it.
constexpr const char* kSession = "SET pg_trgm.similarity_threshold = ";
constexpr const char* kDefaultThreshold = "0.4";

// Parameters of every variant: $1 given name, $2 family name, $3 date of birth, $4 postcode,
// $5 NHS number, $6 sex, $7 k. An empty field is sent as NULL, so its conditions match nothing
// and its score terms count zero.
constexpr const char* kParamsDoc =
    "-- $1 given_name  $2 family_name  $3 date_of_birth  $4 postcode  $5 nhs_number  $6 sex  $7 k\n"
    "-- (an empty field is sent as NULL)\n";

// The candidate rules, each one backed by an index.
constexpr const char* kRuleNhs = "nhs_number = $5";
constexpr const char* kRuleFamilyTrgm = "family_norm % pnorm($2)";
constexpr const char* kRuleFamilyDmetaYear =
    "dmetaphone(family_norm) = dmetaphone(pnorm($2))\n"
    "       AND date_of_birth >= make_date(date_part('year', $3::date)::int, 1, 1)\n"
    "       AND date_of_birth <  make_date(date_part('year', $3::date)::int + 1, 1, 1)";
constexpr const char* kRuleDobGivenTrgm = "date_of_birth = $3::date AND given_norm % pnorm($1)";
constexpr const char* kRuleDobSwapped = "date_of_birth = $3::date AND family_norm % pnorm($1)";
constexpr const char* kRulePostcode = "postcode = $4";

// How a variant is written.
struct Variant {
  const char* name;
  const char* what;
  bool or_form;    // one SELECT … WHERE rule OR rule … (a BitmapOr) instead of a UNION
  bool join_back;  // the UNION collects ids only, then joins `people` again to score them
  bool swapped;    // also names given in the wrong order (rule + score)
};
constexpr Variant kVariants[] = {
    {"union", "UNION of the five rules, each branch carrying the columns the score needs", false,
     false, false},
    {"union-ids", "UNION of the five rules on ids, then joined to people again to score", false,
     true, false},
    {"union-swap", "union, plus a sixth rule and a score for names in the wrong order", false,
     false, true},
    {"or", "the five rules ORed in one WHERE (the planner's BitmapOr)", true, false, false},
};
constexpr const char* kDefaultVariant = "union-swap";

// The statement of a variant. The score, shared by all: trigram similarity of each name (0..1;
// the better of the two orders with `swapped`), date of birth (exact 1, same year 0.25), postcode
// 0.5, NHS number 3 (near-conclusive), sex 0.1; the k best, ties by id.
std::string statement_sql(const Variant& v) {
  std::vector<const char*> rules = {kRuleNhs, kRuleFamilyTrgm, kRuleFamilyDmetaYear,
                                    kRuleDobGivenTrgm};
  if (v.swapped) rules.push_back(kRuleDobSwapped);
  rules.push_back(kRulePostcode);
  const std::string columns =
      v.join_back ? "id" : "id, given_norm, family_norm, date_of_birth, postcode, nhs_number, sex";
  std::string sql = "WITH cand AS (\n";
  if (v.or_form) {
    sql += "  SELECT " + columns + " FROM people\n   WHERE ";
    for (size_t i = 0; i < rules.size(); ++i)
      sql += std::string(i ? "\n      OR " : "") + "(" + rules[i] + ")";
    sql += "\n)\n";
  } else {
    for (size_t i = 0; i < rules.size(); ++i)
      sql += std::string(i ? "  UNION\n" : "") + "    SELECT " + columns +
             " FROM people\n     WHERE " + rules[i] + "\n";
    sql += ")\n";
  }
  const std::string names =
      v.swapped ? "greatest(coalesce(similarity(c.given_norm, pnorm($1)), 0)\n"
                  "                + coalesce(similarity(c.family_norm, pnorm($2)), 0),\n"
                  "                coalesce(similarity(c.given_norm, pnorm($2)), 0)\n"
                  "                + coalesce(similarity(c.family_norm, pnorm($1)), 0))\n"
                : "coalesce(similarity(c.given_norm, pnorm($1)), 0)\n"
                  "     + coalesce(similarity(c.family_norm, pnorm($2)), 0)\n";
  sql += "SELECT c.id,\n       " + names +
         "     + CASE WHEN c.date_of_birth = $3::date THEN 1.0\n"
         "            WHEN date_part('year', c.date_of_birth) = date_part('year', $3::date)"
         " THEN 0.25\n"
         "            ELSE 0 END\n"
         "     + CASE WHEN c.postcode = $4 THEN 0.5 ELSE 0 END\n"
         "     + CASE WHEN c.nhs_number = $5 THEN 3.0 ELSE 0 END\n"
         "     + CASE WHEN c.sex = $6 THEN 0.1 ELSE 0 END AS score\n";
  sql += v.join_back ? "  FROM (SELECT p.* FROM cand JOIN people p USING (id)) c\n"
                     : "  FROM cand c\n";
  sql += " ORDER BY score DESC, c.id\n LIMIT $7";
  return sql;
}

// ---------------------------------------------------------------------------------------------
// Errors without personal data.

bool g_debug = false;

// A server message cut before its first quoted value (`…: "value"`), unless --debug.
std::string scrub(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (g_debug) return message;
  std::string out;
  size_t pos = 0;
  while (pos < message.size()) {  // line by line: keep each line up to its first quote
    size_t eol = message.find('\n', pos);
    if (eol == std::string::npos) eol = message.size();
    std::string line = message.substr(pos, eol - pos);
    const size_t quote = line.find('"');
    if (quote != std::string::npos) {
      line = line.substr(0, quote);
      while (!line.empty() && (line.back() == ' ' || line.back() == ':')) line.pop_back();
      line += " (value hidden; --debug shows it)";
    }
    if (!out.empty()) out += "\n  ";
    out += line;
    pos = eol + 1;
  }
  return out;
}

// `hide_values`: the statement handled personal data (COPY, lookups), so the message is scrubbed.
std::string result_error(const PGresult* r, bool hide_values = false) {
  std::string out;
  if (const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE))
    out += std::string("[") + state + "] ";
  if (const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)) out += primary;
  if (const char* detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL))
    out += std::string("\n") + detail;
  if (const char* context = PQresultErrorField(r, PG_DIAG_CONTEXT))
    out += std::string("\n") + context;
  if (out.empty()) out = PQresultErrorMessage(r);
  return hide_values ? scrub(out) : out;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using Conn = std::unique_ptr<PGconn, ConnDeleter>;

// Runs one or more statements (no parameters); `what` names them in an error.
void exec(PGconn* c, const std::string& sql, const std::string& what) {
  Result r(PQexec(c, sql.c_str()));
  const ExecStatusType s = PQresultStatus(r.get());
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
    throw std::runtime_error(what + " failed: " + result_error(r.get()));
}

// ---------------------------------------------------------------------------------------------
// CSV (the generator's: a header, no commas or quotes inside fields).

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

// Drops bytes that are not part of a valid UTF-8 sequence (PostgreSQL refuses them); true if any
// were dropped. The generator's typo corruption can split a multi-byte character.
bool make_valid_utf8(std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool dropped = false;
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = b[i];
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    bool ok = len > 0 && i + len <= n && !(len == 2 && c < 0xC2);
    for (size_t j = 1; ok && j < len; ++j) ok = (b[i + j] & 0xC0) == 0x80;
    if (ok && len == 3) {
      const unsigned cp = ((c & 0x0Fu) << 12) | ((b[i + 1] & 0x3Fu) << 6) | (b[i + 2] & 0x3Fu);
      ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (ok && len == 4) {
      const unsigned cp = ((c & 0x07u) << 18) | ((b[i + 1] & 0x3Fu) << 12) |
                          ((b[i + 2] & 0x3Fu) << 6) | (b[i + 3] & 0x3Fu);
      ok = cp >= 0x10000 && cp <= 0x10FFFF;
    }
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      dropped = true;
      ++i;
    }
  }
  if (dropped) s = std::move(out);
  return dropped;
}

struct Query {
  std::string id, true_id, given, family, dob, sex, postcode, nhs;
  std::vector<std::string> corruptions;
  bool repaired = false;  // invalid UTF-8 bytes were dropped from a field
};

std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open the queries file " + path);
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(path + ": empty file, no header");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::vector<std::string_view> header = split(line);
  auto column = [&](std::string_view name) -> size_t {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw std::runtime_error(path + ": line 1: no column '" + std::string(name) + "'");
  };
  const size_t c_id = column("query_id"), c_true = column("true_id"),
               c_given = column("given_name"), c_family = column("family_name"),
               c_dob = column("date_of_birth"), c_sex = column("sex"),
               c_postcode = column("postcode"), c_nhs = column("nhs_number"),
               c_corr = column("corruptions");
  std::vector<Query> out;
  size_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::vector<std::string_view> f = split(line);
    if (f.size() != header.size())
      throw std::runtime_error(path + ": line " + std::to_string(line_no) + ": " +
                               std::to_string(f.size()) + " fields, the header has " +
                               std::to_string(header.size()));
    Query q;
    q.id = f[c_id];
    q.true_id = f[c_true];
    q.given = f[c_given];
    q.family = f[c_family];
    q.dob = f[c_dob];
    q.sex = f[c_sex];
    q.postcode = f[c_postcode];
    q.nhs = f[c_nhs];
    for (std::string* field : {&q.given, &q.family, &q.postcode, &q.sex, &q.nhs, &q.dob})
      q.repaired |= make_valid_utf8(*field);
    std::string_view c = f[c_corr];
    while (!c.empty()) {
      const size_t sp = c.find(' ');
      if (sp != 0) q.corruptions.emplace_back(c.substr(0, sp));
      if (sp == std::string_view::npos) break;
      c.remove_prefix(sp + 1);
    }
    if (q.corruptions.empty()) q.corruptions.emplace_back("none");
    out.push_back(std::move(q));
  }
  if (out.empty()) throw std::runtime_error(path + ": no queries");
  return out;
}

// ---------------------------------------------------------------------------------------------
// Load.

struct LoadTimes {
  double copy_s = 0, index_s = 0, analyze_s = 0;
  long long rows = 0;
};

LoadTimes load(PGconn* c, const std::string& population) {
  LoadTimes t;
  std::FILE* f = std::fopen(population.c_str(), "rb");
  if (!f)
    throw std::runtime_error("cannot open the population file " + population + ": " +
                             std::strerror(errno));
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f, &std::fclose);
  {  // The header must be the generator's (COPY maps columns by position).
    char head[512];
    if (!std::fgets(head, sizeof head, f))
      throw std::runtime_error(population + ": empty file, no header");
    std::string h(head);
    while (!h.empty() && (h.back() == '\n' || h.back() == '\r')) h.pop_back();
    if (h != "id,given_name,family_name,date_of_birth,sex,postcode,address,town,nhs_number")
      throw std::runtime_error(population +
                               ": line 1: expected the header id,given_name,family_name,"
                               "date_of_birth,sex,postcode,address,town,nhs_number");
    std::rewind(f);
  }

  exec(c, kSchema, "creating the schema");
  std::fprintf(stderr, "loading %s with COPY …\n", population.c_str());
  const auto copy_start = Clock::now();
  {
    Result r(PQexec(c, kCopy));
    if (PQresultStatus(r.get()) != PGRES_COPY_IN)
      throw std::runtime_error("COPY people failed to start: " + result_error(r.get()));
  }
  std::vector<char> buf(1 << 20);
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    if (PQputCopyData(c, buf.data(), static_cast<int>(n)) != 1)
      throw std::runtime_error(std::string("COPY people: sending data failed: ") +
                               PQerrorMessage(c));
  }
  if (std::ferror(f)) throw std::runtime_error("reading " + population + " failed");
  if (PQputCopyEnd(c, nullptr) != 1)
    throw std::runtime_error(std::string("COPY people: ending failed: ") + PQerrorMessage(c));
  for (;;) {
    Result r(PQgetResult(c));
    if (!r) break;
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
      throw std::runtime_error("COPY people from " + population +
                               " failed: " + result_error(r.get(), true));
    t.rows = std::atoll(PQcmdTuples(r.get()));
  }
  t.copy_s = seconds_since(copy_start);
  std::printf("load: %lld rows by COPY in %.1f s (%.0f rows/s)\n", t.rows, t.copy_s,
              static_cast<double>(t.rows) / t.copy_s);
  std::fflush(stdout);

  const auto index_start = Clock::now();
  for (const IndexDef& ix : kIndexes) {
    const auto s = Clock::now();
    exec(c, ix.sql, std::string("building the index ") + ix.name);
    std::printf("  index %-46s %6.1f s\n", ix.name, seconds_since(s));
    std::fflush(stdout);
  }
  t.index_s = seconds_since(index_start);
  const auto analyze_start = Clock::now();
  exec(c, "VACUUM (ANALYZE) people", "VACUUM (ANALYZE) people");
  t.analyze_s = seconds_since(analyze_start);
  std::printf("indexes: built in %.1f s; VACUUM (ANALYZE) %.1f s\n", t.index_s, t.analyze_s);
  Result size(PQexec(c,
                     "SELECT pg_size_pretty(pg_table_size('people')), "
                     "pg_size_pretty(pg_indexes_size('people'))"));
  if (PQresultStatus(size.get()) == PGRES_TUPLES_OK && PQntuples(size.get()) == 1)
    std::printf("size: table %s, indexes %s\n", PQgetvalue(size.get(), 0, 0),
                PQgetvalue(size.get(), 0, 1));
  std::fflush(stdout);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Lookups.

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
}

struct Params {
  std::string k;
  const char* values[7];
  Params(const Query& q, const std::string& k_text) : k(k_text) {
    auto or_null = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
    values[0] = or_null(q.given);
    values[1] = or_null(q.family);
    values[2] = or_null(q.dob);
    values[3] = or_null(q.postcode);
    values[4] = or_null(q.nhs);
    values[5] = or_null(q.sex);
    values[6] = k.c_str();
  }
};

int run(int argc, char** argv) {
  std::string url, population, queries_path, variant_name = kDefaultVariant;
  std::string threshold = kDefaultThreshold;
  size_t k = 10, warmup = 100, explain = 0;
  bool do_load = false, print_sql = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    auto number = [&]() -> size_t {
      const std::string v = value();
      char* end = nullptr;
      const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0') throw std::runtime_error(a + ": not a number: " + v);
      return static_cast<size_t>(n);
    };
    if (a == "--url")
      url = value();
    else if (a == "--population")
      population = value();
    else if (a == "--queries")
      queries_path = value();
    else if (a == "--k")
      k = number();
    else if (a == "--warmup")
      warmup = number();
    else if (a == "--explain")
      explain = number();
    else if (a == "--variant")
      variant_name = value();
    else if (a == "--threshold") {
      threshold = value();
      char* end = nullptr;
      const double t = std::strtod(threshold.c_str(), &end);
      if (threshold.empty() || *end != '\0' || !(t >= 0 && t <= 1))
        throw std::runtime_error("--threshold: not a number from 0 to 1: " + threshold);
    } else if (a == "--load")
      do_load = true;
    else if (a == "--print-sql")
      print_sql = true;
    else if (a == "--debug")
      g_debug = true;
    else if (a == "--help" || a == "-h") {
      std::printf(
          "usage: mash_bench_pg_baseline --url URL --population FILE --queries FILE [--k 10]\n"
          "         [--load] [--variant union|union-ids|union-swap|or] [--threshold 0.4]\n"
          "         [--warmup 100] [--explain N] [--print-sql] [--debug]\n");
      return 0;
    } else
      throw std::runtime_error("unknown option " + a + " (--help lists them)");
  }
  const Variant* variant = nullptr;
  for (const Variant& v : kVariants)
    if (variant_name == v.name) variant = &v;
  if (!variant)
    throw std::runtime_error("--variant: unknown variant " + variant_name +
                             " (union, union-ids, union-swap or or)");
  if (k == 0) throw std::runtime_error("--k must be at least 1");
  const std::string sql = statement_sql(*variant);

  if (print_sql) {
    std::printf("-- schema (--load)%s\n%s;\n-- indexes, after the COPY\n", kSchema, kCopy);
    for (const IndexDef& ix : kIndexes) std::printf("%s;\n", ix.sql);
    std::printf(
        "VACUUM (ANALYZE) people;\n\n-- every session\n%s%s;\n\n-- lookup (variant %s: "
        "%s)\n%s%s;\n",
        kSession, threshold.c_str(), variant->name, variant->what, kParamsDoc, sql.c_str());
    return 0;
  }
  if (url.empty()) throw std::runtime_error("--url is required (postgresql://…)");
  if (queries_path.empty()) throw std::runtime_error("--queries is required");
  if (do_load && population.empty()) throw std::runtime_error("--load needs --population");

  const std::vector<Query> queries = read_queries(queries_path);
  const size_t repaired = static_cast<size_t>(
      std::count_if(queries.begin(), queries.end(), [](const Query& q) { return q.repaired; }));
  std::printf(
      "queries: %zu from %s; %zu had invalid UTF-8 bytes, dropped before sending "
      "(PostgreSQL refuses them)\n",
      queries.size(), queries_path.c_str(), repaired);

  Conn conn(PQconnectdb(url.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error("cannot connect to the server at --url: " +
                             std::string(PQerrorMessage(conn.get())));
  PGconn* c = conn.get();
  exec(c, "SET client_min_messages = warning", "setting client_min_messages");
  {
    Result v(PQexec(c,
                    "SELECT current_setting('server_version'), "
                    "current_setting('shared_buffers'), current_setting('work_mem'), "
                    "current_setting('effective_cache_size'), current_setting('jit')"));
    if (PQresultStatus(v.get()) == PGRES_TUPLES_OK && PQntuples(v.get()) == 1)
      std::printf(
          "server: PostgreSQL %s; shared_buffers %s, work_mem %s, effective_cache_size "
          "%s, jit %s\n",
          PQgetvalue(v.get(), 0, 0), PQgetvalue(v.get(), 0, 1), PQgetvalue(v.get(), 0, 2),
          PQgetvalue(v.get(), 0, 3), PQgetvalue(v.get(), 0, 4));
  }

  LoadTimes times;
  if (do_load) times = load(c, population);

  long long people = 0;
  {
    Result r(PQexec(c, "SELECT count(*) FROM people"));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
      throw std::runtime_error("counting people failed (was the table loaded? --load loads it): " +
                               result_error(r.get()));
    people = std::atoll(PQgetvalue(r.get(), 0, 0));
  }
  exec(c, kSession + threshold, "setting pg_trgm.similarity_threshold");
  {
    Result r(PQprepare(c, "lookup", sql.c_str(), 7, nullptr));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
      throw std::runtime_error(std::string("preparing the lookup statement (variant ") +
                               variant->name + ") failed: " + result_error(r.get()));
  }
  const std::string k_text = std::to_string(k);

  // EXPLAIN (ANALYZE) of the first N queries through the prepared statement's own SQL: the
  // literals are passed as parameters, so the plan text shows $n, not the values.
  for (size_t i = 0; i < std::min(explain, queries.size()); ++i) {
    const Params p(queries[i], k_text);
    const std::string ex = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql;
    Result r(PQexecParams(c, ex.c_str(), 7, nullptr, p.values, nullptr, nullptr, 0));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
      throw std::runtime_error("EXPLAIN of query " + queries[i].id +
                               " failed: " + result_error(r.get(), true));
    std::printf("EXPLAIN query %s (corruptions:", queries[i].id.c_str());
    for (const std::string& cr : queries[i].corruptions) std::printf(" %s", cr.c_str());
    std::printf(")\n");
    for (int row = 0; row < PQntuples(r.get()); ++row) {
      std::string line = PQgetvalue(r.get(), row, 0);
      if (!g_debug) {  // custom plans show the values as literals: hide them
        const size_t q = line.find('\'');
        if (q != std::string::npos) line = line.substr(0, q) + "'…'";
      }
      std::printf("  %s\n", line.c_str());
    }
  }

  auto lookup = [&](const Query& q, std::vector<std::string>* ids,
                    std::vector<std::string>* scores) {
    const Params p(q, k_text);
    Result r(PQexecPrepared(c, "lookup", 7, p.values, nullptr, nullptr, 0));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
      throw std::runtime_error("the lookup for query " + q.id +
                               " failed: " + result_error(r.get(), true));
    if (ids) {
      ids->clear();
      if (scores) scores->clear();
      for (int row = 0; row < PQntuples(r.get()); ++row) {
        ids->emplace_back(PQgetvalue(r.get(), row, 0));
        if (scores) scores->emplace_back(PQgetvalue(r.get(), row, 1));
      }
    }
  };

  const auto warm_start = Clock::now();
  for (size_t i = 0; i < std::min(warmup, queries.size()); ++i)
    lookup(queries[i], nullptr, nullptr);
  if (warmup > 0)
    std::printf("warm-up: %zu lookups in %.1f s (not counted)\n", std::min(warmup, queries.size()),
                seconds_since(warm_start));
  std::fflush(stdout);

  std::vector<double> latency_ms(queries.size());
  std::vector<int> rank(queries.size(), 0);
  std::vector<std::string> ids, scores;
  const auto lookups_start = Clock::now();
  for (size_t i = 0; i < queries.size(); ++i) {
    const auto s = Clock::now();
    lookup(queries[i], &ids, &scores);
    latency_ms[i] = seconds_since(s) * 1000;
    for (size_t r = 0; r < ids.size(); ++r)
      if (ids[r] == queries[i].true_id) {
        rank[i] = static_cast<int>(r) + 1;
        break;
      }
    if (g_debug) {
      std::printf("debug %s true %s rank %d %.1f ms:", queries[i].id.c_str(),
                  queries[i].true_id.c_str(), rank[i], latency_ms[i]);
      for (size_t r = 0; r < ids.size(); ++r)
        std::printf(" %s=%s", ids[r].c_str(), scores[r].c_str());
      std::printf("\n");
    }
    if ((i + 1) % 200 == 0) std::fprintf(stderr, "\r  %zu of %zu lookups", i + 1, queries.size());
  }
  std::fprintf(stderr, "\r  %zu of %zu lookups\n", queries.size(), queries.size());
  const double lookups_s = seconds_since(lookups_start);
  std::string plans;  // did the prepared statement run on custom or generic plans?
  {
    Result r(PQexec(c,
                    "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                    "WHERE name = 'lookup'"));
    if (PQresultStatus(r.get()) == PGRES_TUPLES_OK && PQntuples(r.get()) == 1)
      plans = std::string(PQgetvalue(r.get(), 0, 1)) + " custom, " + PQgetvalue(r.get(), 0, 0) +
              " generic";
  }

  size_t found_k = 0, found_1 = 0;
  struct Counts {
    size_t at_k = 0, at_1 = 0, total = 0;
  };
  std::map<std::string, Counts> by_corruption;
  for (size_t i = 0; i < queries.size(); ++i) {
    found_k += rank[i] > 0;
    found_1 += rank[i] == 1;
    for (const std::string& cr : queries[i].corruptions) {
      by_corruption[cr].at_k += rank[i] > 0;
      by_corruption[cr].at_1 += rank[i] == 1;
      by_corruption[cr].total += 1;
    }
  }
  const double n = static_cast<double>(queries.size());
  double mean = 0;
  for (double l : latency_ms) mean += l;
  mean /= n;
  const double p50 = percentile(latency_ms, 0.50), p95 = percentile(latency_ms, 0.95),
               p99 = percentile(latency_ms, 0.99), max = percentile(latency_ms, 1.0);
  std::printf(
      "lookups: %zu (variant %s, similarity_threshold %s) on one connection, "
      "sequentially, in %.1f s (%.1f/s)\n",
      queries.size(), variant->name, threshold.c_str(), lookups_s, n / lookups_s);
  if (!plans.empty()) std::printf("  prepared statement plans: %s\n", plans.c_str());
  std::printf("  latency ms: mean %.2f  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f\n", mean, p50, p95,
              p99, max);
  std::printf("  recall@%zu %.4f  recall@1 %.4f\n", k, static_cast<double>(found_k) / n,
              static_cast<double>(found_1) / n);
  std::printf("  by corruption (a query counts for each of its corruptions):\n");
  for (const auto& [name, counts] : by_corruption)
    std::printf("    %-22s recall@%zu %.4f  recall@1 %.4f  (%zu of %zu)\n", name.c_str(), k,
                static_cast<double>(counts.at_k) / static_cast<double>(counts.total),
                static_cast<double>(counts.at_1) / static_cast<double>(counts.total), counts.at_k,
                counts.total);
  std::printf(
      "RESULT engine=postgresql variant=%s threshold=%s people=%lld queries=%zu p50_ms=%.3f "
      "p95_ms=%.3f p99_ms=%.3f max_ms=%.3f mean_ms=%.3f recall_at_%zu=%.4f "
      "recall_at_1=%.4f load_s=%.1f index_s=%.1f analyze_s=%.1f\n",
      variant->name, threshold.c_str(), people, queries.size(), p50, p95, p99, max, mean, k,
      static_cast<double>(found_k) / n, static_cast<double>(found_1) / n, times.copy_s,
      times.index_s, times.analyze_s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "mash_bench_pg_baseline: %s\n", e.what());
    return 1;
  }
}
