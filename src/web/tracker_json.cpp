// The case tracker as JSON (GET /api/v1/tracker), and sending a large body without copying it.
#include <cstdio>
#include <memory>

#include "web/tracker_board.h"

namespace mash::web {

namespace {

void quoted(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void field(std::string& out, const char* name) {
  out += '"';
  out += name;
  out += "\":";
}

}  // namespace

std::string tracker_json(const std::vector<app::TrackerItem>& items,
                         const Timestamp& generated_at) {
  std::string out;
  out.reserve(200 + items.size() * 500);
  out += "{\"generated_at\":";
  quoted(out, to_rfc3339(generated_at));
  out += ",\"items\":[";
  bool first = true;
  for (const app::TrackerItem& i : items) {
    out += first ? "{" : ",{";
    first = false;
    field(out, "agencies");
    out += '[';
    for (size_t k = 0; k < i.agencies.size(); ++k) {
      if (k) out += ',';
      quoted(out, i.agencies[k]);
    }
    out += "],";
    field(out, "agency");
    quoted(out, i.agency);
    out += ',';
    field(out, "contact_id");
    out += std::to_string(i.contact_id) + ",";
    field(out, "due_at");
    if (i.due_at)
      quoted(out, to_rfc3339(*i.due_at));
    else
      out += "null";
    out += ',';
    field(out, "replies");
    out += '[';
    for (size_t k = 0; k < i.replies.size(); ++k) {
      const app::TrackerItem::Reply& r = i.replies[k];
      if (k) out += ',';
      out += '{';
      field(out, "agency");
      quoted(out, r.agency);
      out += ',';
      field(out, "due_at");
      quoted(out, to_rfc3339(r.due_at));
      out += ',';
      field(out, "overdue");
      out += r.overdue ? "true," : "false,";
      field(out, "status");
      quoted(out, std::string(code_of(r.status)));
      out += '}';
    }
    out += "],";
    field(out, "marac_referral");
    out += i.marac ? "true," : "false,";
    field(out, "overdue");
    out += i.overdue ? "true," : "false,";
    field(out, "rating");
    if (i.rating.empty())
      out += "null,";
    else
      quoted(out, i.rating), out += ',';
    field(out, "rating_name");
    if (i.rating.empty())
      out += "null,";
    else
      quoted(out, i.rating_name), out += ',';
    field(out, "received_at");
    quoted(out, to_rfc3339(i.received_at));
    out += ',';
    field(out, "seconds_remaining");
    out += i.due_at ? std::to_string(i.seconds_remaining) : std::string("null");
    out += ',';
    field(out, "source");
    quoted(out, code_of(i.source));
    out += ',';
    field(out, "status");
    quoted(out, code_of(i.status));
    out += ',';
    field(out, "subjects");
    out += '[';
    for (size_t k = 0; k < i.subjects.size(); ++k) {
      const app::TrackerSubject& s = i.subjects[k];
      out += k ? ",{" : "{";
      field(out, "age");
      out += s.age ? std::to_string(*s.age) : std::string("null");
      out += ',';
      field(out, "name");
      quoted(out, s.name);
      out += ',';
      field(out, "unborn");
      out += s.unborn ? "true}" : "false}";
    }
    out += "],";
    field(out, "worker");
    if (i.worker.empty())
      out += "null";
    else
      quoted(out, i.worker);
    out += '}';
  }
  out += "]}";
  return out;
}

void send_large(httplib::Response& res, int status, std::string body, const char* content_type) {
  res.status = status;
  // The server's error handler fills an empty body for 4xx and 5xx: give those theirs directly.
  if (status >= 400) return res.set_content(body, content_type);
  auto shared = std::make_shared<const std::string>(std::move(body));
  res.set_content_provider(shared->size(), content_type,
                           [shared](size_t offset, size_t length, httplib::DataSink& sink) {
                             return sink.write(shared->data() + offset, length);
                           });
}

}  // namespace mash::web
