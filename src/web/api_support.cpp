// The JSON API's shared handling: errors in one shape, bearer tokens, JSON bodies.
#include "web/api_support.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "app/hub.h"

namespace mash::web {

using nlohmann::json;

void send_api_error(httplib::Response& res, int status, const std::string& code,
                    const std::string& message, const std::vector<FieldError>& fields) {
  send_api_error(res, status, code, message, fields, json::object());
}

void send_api_error(httplib::Response& res, int status, const std::string& code,
                    const std::string& message, const std::vector<FieldError>& fields,
                    const json& extra) {
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

namespace {

void no_such_contact(httplib::Response& res) {
  send_api_error(res, 404, "not_found", "There is no contact with that id.");
}

}  // namespace

int64_t contact_id_in(const httplib::Request& req, httplib::Response& res) {
  const int64_t id = parse_id(req.matches[1]);
  if (id <= 0) no_such_contact(res);
  return id > 0 ? id : 0;
}

bool permitted(Site& site, const policy::Actor& actor, policy::Action action,
               httplib::Response& res, int64_t contact_id) {
  const Status permit = site.hub.permit(actor, action, contact_id);
  if (!permit.ok()) send_use_case_error(res, permit.error());
  return permit.ok();
}

// `what` names the thing with problems: "The contact", "The rating".
void send_use_case_error(httplib::Response& res, const Error& e, const std::string& what) {
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
      return no_such_contact(res);
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

namespace {

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

}  // namespace

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

}  // namespace mash::web
