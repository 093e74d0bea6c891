// The case tracker (issue 4): GET /tracker, the board of every open contact with filters (a GET
// form: it works without JavaScript, and then the page reloads itself every 30 seconds); wall
// mode (?wall=1) for a large screen across the room; and GET /tracker/events, the Server-Sent
// Events stream that keeps an open board live. Each event is a row rendered as the page renders
// it (web/tracker_board.h), read through the hub (policy asked, the read audited) for the
// signed-in user, with the board's filters.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/change_feed.h"
#include "domain/london_time.h"
#include "web/session.h"
#include "web/tracker_board.h"
#include "web/view.h"

namespace mash::web {

namespace {

using nlohmann::json;

constexpr int kRefreshSeconds = 30;
constexpr auto kKeepAlive = std::chrono::seconds(15);
constexpr const char* kScript = "/assets/tracker.js?v=0.1.0";

// The board's filters as they came in the query, kept to write back into the form and links.
struct FilterText {
  std::string rating, status, worker;
  bool overdue = false;
  bool wall = false;
  std::string reload;  // the board's own address marked as reloaded by itself (auto=1)
};

bool flag_value(const std::string& v, bool& out) {
  if (v.empty() || v == "no" || v == "false" || v == "0") return out = false, true;
  if (v == "yes" || v == "true" || v == "1") return out = true, true;
  return false;
}

// Reads the query; problems it can see (a status or a yes/no that is not one) go to `errors`,
// and the hub checks the rest (a rating the hub has, a worker's username).
FilterText read_filter(const httplib::Request& req, app::TrackerFilter& filter,
                       std::vector<FieldError>& errors) {
  FilterText t;
  t.rating = clean_text(req.get_param_value("rating"));
  t.status = clean_text(req.get_param_value("status"));
  t.worker = clean_text(req.get_param_value("worker"));
  t.worker.erase(0, t.worker.find_first_not_of(' '));
  t.worker.erase(t.worker.find_last_not_of(' ') + 1);
  filter.rating = t.rating;
  filter.worker = t.worker;
  if (!t.status.empty()) {
    if (auto s = from_code<ContactStatus>(t.status))
      filter.status = *s;
    else
      errors.push_back({"status", "Choose a status from the list: new, screening or enquiry"});
  }
  // The form's checkbox sends overdue=yes; a link may say true or 1.
  if (!flag_value(req.get_param_value("overdue"), t.overdue))
    errors.push_back({"overdue", "Overdue must be yes or no"});
  if (!flag_value(req.get_param_value("wall"), t.wall))
    errors.push_back({"wall", "Wall must be 1 or 0"});
  filter.overdue_only = t.overdue;
  filter.wall = t.wall;
  t.reload = req.path;
  for (const auto& [name, value] : req.params)
    if (name != "auto")
      t.reload += (t.reload == req.path ? "?" : "&") + url_encode(name) + "=" + url_encode(value);
  t.reload += (t.reload == req.path ? "?" : "&") + std::string("auto=1");
  return t;
}

std::string query_of(const FilterText& t, bool wall) {
  std::string q;
  if (!t.rating.empty()) q += "&rating=" + url_encode(t.rating);
  if (!t.status.empty()) q += "&status=" + url_encode(t.status);
  if (!t.worker.empty()) q += "&worker=" + url_encode(t.worker);
  if (t.overdue) q += "&overdue=yes";
  if (wall) q += "&wall=1";
  return q.empty() ? "" : "?" + q.substr(1);
}

bool filtered(const FilterText& t) {
  return !t.rating.empty() || !t.status.empty() || !t.worker.empty() || t.overdue;
}

// Where the rows go in the rendered page. A board's rows can run to 10 MB: Mustache would copy
// them several times over, so the page is rendered around this marker and the rows put in once.
constexpr std::string_view kRowsMarker = "<!--mash:tracker-rows-->";

std::string with_rows(const std::string& page, const std::vector<app::TrackerItem>& items,
                      const Board& board) {
  const size_t at = page.find(kRowsMarker);
  if (at == std::string::npos) return page;
  std::string out;
  out.reserve(page.size() + items.size() * 1100);
  out.append(page, 0, at);
  for (const app::TrackerItem& i : items) append_tracker_row(out, i, board);
  out.append(page, at + kRowsMarker.size());
  return out;
}

void show_board(Site& site, const app::Session& session, const FilterText& text,
                const std::vector<FieldError>& problems, const std::vector<app::TrackerItem>& items,
                uint64_t seq, httplib::Response& res) {
  const bool wall = text.wall && problems.empty();
  const Board board = board_of(site, wall);
  const Timestamp now = site.hub.clock().now();
  const std::string count = std::to_string(items.size());
  mstch::map data{
      {"now", std::to_string(now.epoch_seconds)},
      {"seq", std::to_string(seq)},
      {"updated", format_london(now)},
      {"events_href", "/tracker/events" + query_of(text, wall)},
      {"board_href", "/tracker" + query_of(text, false)},
      {"wall_href", "/tracker" + query_of(text, true)},
      {"filtered", filtered(text)},
      {"count", count},
      {"has_rows", !items.empty()},
      {"head", tracker_head_html(board)},
      {"rows", std::string(kRowsMarker)},
  };
  if (wall) {
    data["page_title"] = std::string("Case tracker: wall – MASH");
    const auto& templates = embedded_templates();
    return send_large(
        res, 200,
        with_rows(mstch::render(templates.at("tracker_wall"), data, templates), items, board),
        "text/html; charset=utf-8");
  }
  // Each problem beside its field and in the summary, in the form's order.
  const char* fields[] = {"rating", "status", "worker", "overdue"};
  std::string field_error[std::size(fields)];
  auto place = [&](const FieldError& e) {
    return static_cast<size_t>(std::find(std::begin(fields), std::end(fields), e.field) -
                               std::begin(fields));
  };
  std::vector<FieldError> in_order = problems;
  std::stable_sort(in_order.begin(), in_order.end(),
                   [&](const FieldError& a, const FieldError& b) { return place(a) < place(b); });
  Layout layout;
  for (const FieldError& e : in_order) {
    const size_t k = place(e);
    if (k < std::size(fields) && field_error[k].empty()) field_error[k] = e.message;
    layout.errors.push_back({"#" + std::string(fields[k < std::size(fields) ? k : 0]), e.message});
  }
  std::vector<Choice> ratings{{"", "Any rating", ""}};
  for (const Rating& r : site.hub.config().ratings) ratings.push_back({r.code, r.name, ""});
  std::vector<Choice> statuses{{"", "Any open status", ""}};
  for (ContactStatus s :
       {ContactStatus::new_contact, ContactStatus::screening, ContactStatus::enquiry})
    statuses.push_back({std::string(code_of(s)), std::string(label_of(s)), ""});
  auto field = [&](const char* id, const char* label, const std::string& value, size_t k) {
    Field f;
    f.id = id;
    f.label = label;
    f.value = value;
    f.error = field_error[k];
    return f;
  };
  Field rating = field("rating", "Rating", text.rating, 0);
  if (const Rating* r = site.hub.config().rating(text.rating)) rating.value = r->code;
  Field status = field("status", "Status", text.status, 1);
  Field worker = field("worker", "Worker", text.worker, 2);
  worker.hint = "Their username, such as sw.jones";
  worker.classes = "govuk-input--width-10";
  worker.autocomplete = "off";
  Field overdue = field("overdue", "Overdue", "", 3);
  data["rating_field"] = select_field(rating, ratings);
  data["status_field"] = select_field(status, statuses);
  data["worker_field"] = input_field(worker);
  data["overdue_field"] = checkboxes_field(overdue, {{"yes", "Only overdue contacts", ""}},
                                           {text.overdue ? "yes" : ""});
  layout.title = "Case tracker";
  layout.session = &session;
  layout.nav = "tracker";
  if (problems.empty()) {
    layout.refresh_seconds = kRefreshSeconds;
    layout.refresh_url = text.reload;
    layout.script = kScript;
  }
  send_large(res, problems.empty() ? 200 : 400,
             with_rows(render_page("tracker", std::move(data), layout), items, board),
             "text/html; charset=utf-8");
}

// One open board's stream: from the change it has seen, each batch of changes the hub publishes
// becomes events; a keep-alive comment goes out when nothing has happened for 15 seconds.
struct BoardStream {
  Site& site;
  std::string token;  // the session cookie's: checked again before every push
  app::TrackerFilter filter;
  Board board;
  uint64_t seen = 0;
  bool stale = false;  // the board's page is older than this server's changes: reload it
  bool started = false;

  static std::string event(const char* name, const json& data, uint64_t id) {
    return "id: " + std::to_string(id) + "\nevent: " + name + "\ndata: " + data.dump() + "\n\n";
  }

  // The next events for the sink; false ends the stream.
  bool next(httplib::DataSink& sink) {
    app::ChangeFeed& feed = site.hub.changes();
    auto send = [&](const std::string& text) { return sink.write(text.data(), text.size()); };
    auto end = [&](const std::string& last) {
      if (!last.empty()) send(last);
      sink.done();
      return true;
    };
    if (!started) {
      started = true;
      // How long the browser waits before reconnecting after a dropped connection.
      std::string hello = "retry: 5000\n\n";
      if (stale) hello += event("reload", json::object(), seen);
      return send(hello);
    }
    const app::ChangeFeed::Batch batch =
        feed.wait_after(seen, std::chrono::duration_cast<std::chrono::milliseconds>(kKeepAlive));
    if (feed.stopping()) return end("");
    // The session may have ended (signed out, expired, the user disabled) since the last push.
    // Pushes are not the user's activity: an unattended board still reaches its idle limit.
    auto session = site.hub.resume_session(token, false);
    if (!session.ok() || !session->may_list_contacts)
      return end(event("signed-out", json::object(), seen));
    if (batch.seq <= seen) return send(": keep-alive\n\n");
    seen = batch.seq;
    if (batch.everything) return send(event("reload", json::object(), seen));
    auto items = site.hub.tracker_rows(session->actor(), filter, batch.contacts);
    if (!items.ok()) return end(event("signed-out", json::object(), seen));
    std::string out;
    for (int64_t id : batch.contacts) {
      const app::TrackerItem* found = nullptr;
      for (const app::TrackerItem& i : *items)
        if (i.contact_id == id) found = &i;
      if (found)
        out += event("row",
                     json{{"id", id},
                          {"html", tracker_row_html(*found, board)},
                          {"announce", tracker_announcement(*found)}},
                     seen);
      else
        out += event(
            "remove",
            json{{"id", id}, {"announce", "Contact " + contact_reference(id) + " left the board."}},
            seen);
    }
    return send(out);
  }
};

void stream_events(Site& site, const std::shared_ptr<std::atomic<int>>& boards,
                   const httplib::Request& req, httplib::Response& res) {
  // An EventSource cannot follow a sign-in page: 401 ends it, and the page's script reloads.
  const std::string token = cookie_value(req, kSessionCookie);
  auto session = site.hub.resume_session(token);
  if (!session.ok())
    return res.set_content("Your session has ended: sign in again.\n", "text/plain; charset=utf-8"),
           void(res.status = 401);
  if (!session->may_list_contacts)
    return res.set_content("Your role does not give you access to the case tracker.\n",
                           "text/plain; charset=utf-8"),
           void(res.status = 403);
  app::TrackerFilter filter;
  std::vector<FieldError> errors;
  const FilterText text = read_filter(req, filter, errors);
  // The filter is checked once here, with an empty read of no contacts (not audited as a view).
  if (errors.empty()) {
    auto checked = site.hub.tracker_rows(session->actor(), filter, {});
    if (!checked.ok()) errors = checked.error().fields;
  }
  if (!errors.empty()) {
    std::string message = "The tracker's filter has problems:";
    for (const FieldError& e : errors) message += " " + e.field + ": " + e.message + ";";
    message.back() = '\n';
    res.status = 400;
    return res.set_content(message, "text/plain; charset=utf-8");
  }
  // Each board holds a worker thread for as long as it is open: beyond the pool's share for
  // boards, say so and let the browser retry, rather than starve everyone else's pages.
  if (boards->fetch_add(1) >= site.options.boards) {
    boards->fetch_sub(1);
    spdlog::warn("live board refused: {} boards are open, the most this server serves",
                 site.options.boards);
    res.status = 503;
    res.set_header("Retry-After", "30");
    return res.set_content("Too many live boards are open; this board will retry.\n",
                           "text/plain; charset=utf-8");
  }
  auto stream = std::make_shared<BoardStream>(
      BoardStream{site, token, filter, board_of(site, text.wall), 0, false, false});
  const uint64_t now = site.hub.changes().seq();
  // Resume after what the board has seen: the page's own point on first connecting, the last
  // event's id on reconnecting. One from before this server started means a reload.
  std::string since = req.get_header_value("Last-Event-ID");
  if (since.empty()) since = req.get_param_value("since");
  stream->seen = now;
  if (!since.empty()) {
    const int64_t n = since == "0" ? 0 : parse_id(since);
    if (n < 0 || static_cast<uint64_t>(n) > now || (n == 0 && since != "0"))
      stream->stale = true;
    else
      stream->seen = static_cast<uint64_t>(n);
  }
  res.set_header("X-Accel-Buffering", "no");
  res.set_chunked_content_provider(
      "text/event-stream", [stream](size_t, httplib::DataSink& sink) { return stream->next(sink); },
      [boards](bool) { boards->fetch_sub(1); });
}

}  // namespace

void add_tracker_routes(Routes& routes) {
  auto board = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    // The page reloading itself without JavaScript (auto=1) is not the person's activity: an
    // unattended board still reaches the idle limit and signs out.
    const bool reloaded = req.get_param_value("auto") == "1";
    auto session = require_session(site, req, res, !reloaded);
    if (!session) return;
    app::TrackerFilter filter;
    std::vector<FieldError> problems;
    const FilterText text = read_filter(req, filter, problems);
    // Taken before the read, so that a change during it is sent again rather than missed.
    const uint64_t seq = site.hub.changes().seq();
    // Every problem at once: the hub checks the rest of the filter without reading anything.
    if (auto checked = site.hub.tracker_rows(session->actor(), filter, {}); !checked.ok()) {
      if (checked.error().kind != Error::Kind::invalid)
        return send_error_page(res, checked.error(), &*session);
      for (const FieldError& e : checked.error().fields)
        if (std::none_of(problems.begin(), problems.end(),
                         [&](const FieldError& p) { return p.field == e.field; }))
          problems.push_back(e);
    }
    std::vector<app::TrackerItem> items;
    if (problems.empty()) {
      auto read = site.hub.tracker(session->actor(), filter);
      if (!read.ok()) return send_error_page(res, read.error(), &*session);
      items = std::move(read).value();
    }
    show_board(site, *session, text, problems, items, seq, res);
  };
  routes.get(RouteKind::page, "/tracker", "The case tracker: every open contact and its clock",
             board);
  auto boards = std::make_shared<std::atomic<int>>(0);
  routes.get(RouteKind::page, "/tracker/events",
             "The case tracker's live updates (Server-Sent Events)",
             [boards](Site& site, const httplib::Request& req, httplib::Response& res) {
               stream_events(site, boards, req, res);
             });
}

}  // namespace mash::web
