// The JSON API for agency systems, /api/v1: bearer tokens, contacts in and out, health and the
// OpenAPI document. Errors are {"error": {"code", "message", "fields"?}} with the HTTP status.
#include <algorithm>
#include <cctype>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/hub.h"
#include "web/contact_json.h"
#include "web/http.h"
#include "web/openapi.h"
#include "web/tracker_board.h"

namespace mash::web {

namespace {

using nlohmann::json;

constexpr const char* kDefaultPurpose = "agency system read-back";

void send_api_error(httplib::Response& res, int status, const std::string& code,
                    const std::string& message, const std::vector<FieldError>& fields = {},
                    json extra = json::object()) {
  json error = {{"code", code}, {"message", message}};
  if (!fields.empty()) {
    json list = json::array();
    for (const auto& f : fields) list.push_back({{"field", f.field}, {"message", f.message}});
    error["fields"] = list;
  }
  for (auto it = extra.begin(); it != extra.end(); ++it) error[it.key()] = it.value();
  // The message may quote the body (a JSON parse error does), which need not be UTF-8.
  send_json(res, status,
            json{{"error", error}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

// `what` names the thing with problems: "The contact", "The rating".
void send_use_case_error(httplib::Response& res, const Error& e,
                         const std::string& what = "The contact") {
  switch (e.kind) {
    case Error::Kind::invalid: {
      std::string message = e.fields.empty()
                                ? e.message
                                : what + " has " + std::to_string(e.fields.size()) +
                                      (e.fields.size() == 1 ? " problem: " : " problems: ");
      if (!e.fields.empty()) {
        for (size_t i = 0; i < e.fields.size(); ++i)
          message += (i ? "; " : "") + (e.fields[i].field.empty() ? "" : e.fields[i].field + ": ") +
                     e.fields[i].message;
      }
      return send_api_error(res, 422, "invalid", message, e.fields);
    }
    case Error::Kind::not_found:
      return send_api_error(res, 404, "not_found", "There is no contact with that id.");
    case Error::Kind::forbidden:
      return send_api_error(res, 403, "forbidden",
                            "This token is not allowed to do that. Ask the hub to check its "
                            "permissions.");
    case Error::Kind::unauthenticated:
      res.set_header("WWW-Authenticate", "Bearer realm=\"mash\", error=\"invalid_token\"");
      return send_api_error(res, 401, "unauthenticated", "The bearer token is not valid.");
    case Error::Kind::conflict:
      return send_api_error(res, 409, "conflict", e.message);
    case Error::Kind::too_many:
      return send_api_error(res, 429, "too_many", e.message);
    case Error::Kind::internal:
      break;
  }
  spdlog::error("{}: {}", current_route() ? current_route() : "-", e.message);
  send_api_error(res, 500, "internal", "Something went wrong in the hub. Try again later.");
}

// The actor for the request's bearer token; otherwise answers 401 and returns nullopt.
std::optional<policy::Actor> authenticate(Site& site, const httplib::Request& req,
                                          httplib::Response& res) {
  std::string header = req.get_header_value("Authorization");
  std::string scheme = header.substr(0, std::min<size_t>(header.size(), 7));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "bearer ") {
    res.set_header("WWW-Authenticate", "Bearer realm=\"mash\"");
    send_api_error(res, 401, "unauthenticated",
                   "Send your API token in the Authorization header: Authorization: Bearer TOKEN");
    return std::nullopt;
  }
  std::string token = header.substr(7);
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.pop_back();
  auto actor = token.empty() || token.size() > 512
                   ? Result<policy::Actor>(Error{Error::Kind::unauthenticated, "", {}})
                   : site.hub.authenticate_token(token);
  if (!actor.ok()) {
    if (actor.error().kind != Error::Kind::unauthenticated) {
      send_use_case_error(res, actor.error());
      return std::nullopt;
    }
    res.set_header("WWW-Authenticate", "Bearer realm=\"mash\", error=\"invalid_token\"");
    send_api_error(res, 401, "unauthenticated",
                   "The bearer token is not known or has been revoked. Ask the hub for a new one.");
    return std::nullopt;
  }
  return std::move(actor).value();
}

bool is_json_content_type(const std::string& value) {
  std::string v = value.substr(0, value.find(';'));
  while (!v.empty() && v.back() == ' ') v.pop_back();
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return v == "application/json";
}

// Line and column (both from 1) of a byte offset in the body.
std::pair<size_t, size_t> line_and_column(const std::string& body, size_t byte) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < byte && i < body.size(); ++i) {
    if (body[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// The request's JSON body, or nullopt after answering 415, 413 or 400 (with where the JSON
// breaks). `what` names the body in messages: "the contact".
std::optional<json> read_json_body(Site& site, const httplib::Request& req, httplib::Response& res,
                                   const std::string& what) {
  if (!is_json_content_type(req.get_header_value("Content-Type"))) {
    send_api_error(res, 415, "unsupported_media_type",
                   "Send " + what + " as JSON, with the header Content-Type: application/json.");
    return std::nullopt;
  }
  if (req.body.size() > site.options.max_body_bytes) {
    send_api_error(res, 413, "payload_too_large",
                   "The request body is larger than the hub accepts (" +
                       std::to_string(site.options.max_body_bytes) + " bytes).");
    return std::nullopt;
  }
  try {
    return json::parse(req.body);
  } catch (const json::parse_error& e) {
    size_t byte = e.byte == 0 ? 0 : e.byte - 1;
    auto [line, column] = line_and_column(req.body, byte);
    std::string reason = e.what();
    if (auto at = reason.find(": "); at != std::string::npos) reason = reason.substr(at + 2);
    send_api_error(res, 400, "malformed_json",
                   "The body is not valid JSON: error at line " + std::to_string(line) +
                       ", column " + std::to_string(column) + " (byte " + std::to_string(e.byte) +
                       "): " + reason,
                   {}, {{"line", line}, {"column", column}, {"position", e.byte}});
    return std::nullopt;
  }
}

void post_contact(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  auto parsed = read_json_body(site, req, res, "the contact");
  if (!parsed) return;
  const json& body = *parsed;

  std::vector<FieldError> errors;
  Contact contact = contact_from_json(body, site.hub.clock().now(), errors);
  if (!errors.empty()) return send_use_case_error(res, Error::invalid(std::move(errors)));
  contact.channel = Channel::api;
  contact.agency = actor->agency;
  contact.recorded_by = actor->username;

  auto recorded = site.hub.record_contact(*actor, std::move(contact));
  if (!recorded.ok()) return send_use_case_error(res, recorded.error());
  res.set_header("Location", "/api/v1/contacts/" + std::to_string(recorded->contact.id));
  send_json(res, recorded->created ? 201 : 200, contact_to_json(recorded->contact));
}

void get_contact(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  int64_t id = parse_id(req.matches[1]);
  if (id <= 0) return send_api_error(res, 404, "not_found", "There is no contact with that id.");
  std::string purpose = req.get_header_value("X-MASH-Purpose");
  if (purpose.empty()) purpose = kDefaultPurpose;
  if (purpose.size() > 200)
    return send_api_error(res, 400, "bad_request",
                          "X-MASH-Purpose is too long: say why you need the record in at most "
                          "200 characters.");
  if (clean_text(purpose) != purpose)
    return send_api_error(res, 400, "bad_request",
                          "X-MASH-Purpose must be UTF-8 text without control characters.");
  auto found = site.hub.view_contact(*actor, id, purpose);
  if (!found.ok()) return send_use_case_error(res, found.error());
  send_json(res, 200, contact_to_json(*found));
}

json rating_to_json(const app::ContactRating& r) {
  return {{"rating", r.rating},
          {"name", r.name},
          {"rationale", r.rationale},
          {"rated_by", r.rated_by},
          {"rated_at", to_rfc3339(r.rated_at)},
          {"due_at", to_rfc3339(r.due_at)}};
}

json clock_to_json(const app::ContactClock& c) {
  json history = json::array();
  for (const auto& r : c.ratings) history.push_back(rating_to_json(r));
  json out = {{"contact_id", c.contact_id},
              {"received_at", to_rfc3339(c.received_at)},
              {"rating", c.ratings.empty() ? json(nullptr) : rating_to_json(c.ratings.back())},
              {"due_at", c.due_at ? json(to_rfc3339(*c.due_at)) : json(nullptr)},
              {"seconds_remaining", c.due_at ? json(c.seconds_remaining) : json(nullptr)},
              {"overdue", c.overdue},
              {"history", history}};
  return out;
}

void get_rating(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  int64_t id = parse_id(req.matches[1]);
  if (id <= 0) return send_api_error(res, 404, "not_found", "There is no contact with that id.");
  auto clock = site.hub.contact_clock(*actor, id);
  if (!clock.ok()) return send_use_case_error(res, clock.error());
  send_json(res, 200, clock_to_json(*clock).dump());
}

// {"rating": "amber", "rationale": "…"}: rates the contact; 201 with its clock.
void post_rating(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  int64_t id = parse_id(req.matches[1]);
  if (id <= 0) return send_api_error(res, 404, "not_found", "There is no contact with that id.");
  auto parsed = read_json_body(site, req, res, "the rating");
  if (!parsed) return;
  std::vector<FieldError> errors;
  if (!parsed->is_object()) {
    errors.push_back({"",
                      "The body must be a JSON object: {\"rating\": \"amber\", "
                      "\"rationale\": \"…\"}"});
    return send_use_case_error(res, Error::invalid(std::move(errors)), "The rating");
  }
  std::string rating, rationale;
  for (auto it = parsed->begin(); it != parsed->end(); ++it) {
    if (it.key() == "rating" || it.key() == "rationale") {
      if (!it.value().is_string()) {
        errors.push_back({it.key(), "must be a string"});
        continue;
      }
      (it.key() == "rating" ? rating : rationale) = it.value().get<std::string>();
    } else {
      errors.push_back({it.key(), "is not a field of a rating (rating, rationale)"});
    }
  }
  if (!errors.empty())
    return send_use_case_error(res, Error::invalid(std::move(errors)), "The rating");
  auto clock = site.hub.rate_contact(*actor, id, rating, rationale);
  if (!clock.ok()) return send_use_case_error(res, clock.error(), "The rating");
  res.set_header("Location", "/api/v1/contacts/" + std::to_string(id) + "/rating");
  send_json(res, 201, clock_to_json(*clock).dump());
}

// GET /api/v1/tracker?rating=red&status=screening&worker=sw.jones&overdue=true: the case tracker
// as JSON. A filter that is not valid is a bad request (400), naming each field.
void get_tracker(Site& site, const httplib::Request& req, httplib::Response& res) {
  auto actor = authenticate(site, req, res);
  if (!actor) return;
  app::TrackerFilter filter;
  std::vector<FieldError> errors;
  if (req.has_param("rating")) filter.rating = req.get_param_value("rating");
  if (req.has_param("worker")) filter.worker = req.get_param_value("worker");
  if (req.has_param("status")) {
    const std::string status = req.get_param_value("status");
    if (auto s = from_code<ContactStatus>(status))
      filter.status = *s;
    else
      errors.push_back(
          {"status", "unknown status \"" + status + "\"; use new, screening or enquiry"});
  }
  if (req.has_param("overdue")) {
    const std::string overdue = req.get_param_value("overdue");
    if (overdue == "true" || overdue == "false")
      filter.overdue_only = overdue == "true";
    else
      errors.push_back({"overdue", "overdue must be true or false"});
  }
  auto items = errors.empty() ? site.hub.tracker(*actor, filter)
                              : Result<std::vector<app::TrackerItem>>(Error::invalid(errors));
  if (!items.ok() && items.error().kind == Error::Kind::invalid) {
    std::string message = "The query has problems:";
    for (const FieldError& f : items.error().fields)
      message += " " + f.field + ": " + f.message + ";";
    message.back() = '.';
    return send_api_error(res, 400, "invalid", message, items.error().fields);
  }
  if (!items.ok()) return send_use_case_error(res, items.error(), "The query");
  send_large(res, 200, tracker_json(*items, in_london_offset(site.hub.clock().now())),
             "application/json; charset=utf-8");
}

}  // namespace

void add_api_routes(httplib::Server& server, Site& site) {
  server.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
    set_route("/api/v1/health");
    send_json(res, 200, json{{"status", "ok"}, {"version", kApiVersion}}.dump());
  });
  server.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    set_route("/api/v1/openapi.json");
    static const std::string document = openapi_document();
    send_json(res, 200, document);
  });
  server.Post("/api/v1/contacts", [&site](const httplib::Request& req, httplib::Response& res) {
    set_route("/api/v1/contacts");
    post_contact(site, req, res);
  });
  server.Get("/api/v1/tracker", [&site](const httplib::Request& req, httplib::Response& res) {
    set_route("/api/v1/tracker");
    get_tracker(site, req, res);
  });
  server.Get(R"(/api/v1/contacts/([^/]+)/rating)",
             [&site](const httplib::Request& req, httplib::Response& res) {
               set_route("/api/v1/contacts/{id}/rating");
               get_rating(site, req, res);
             });
  server.Post(R"(/api/v1/contacts/([^/]+)/rating)",
              [&site](const httplib::Request& req, httplib::Response& res) {
                set_route("/api/v1/contacts/{id}/rating");
                post_rating(site, req, res);
              });
  server.Get(R"(/api/v1/contacts/([^/]+))",
             [&site](const httplib::Request& req, httplib::Response& res) {
               set_route("/api/v1/contacts/{id}");
               get_contact(site, req, res);
             });
}

}  // namespace mash::web
