// The case tracker's board (issue 4): its rows as HTML, written straight into the page and sent
// as they are to live boards over Server-Sent Events, so that a row looks the same however it
// arrived. Rows are built here rather than by Mustache: a hub's board can hold 10,000 contacts
// and must be served within 50 ms. Every value is HTML-escaped. Internal to web/.
#pragma once

#include <map>
#include <string>

#include "app/hub.h"
#include "web/http.h"

namespace mash::web {

struct Board {
  bool wall = false;     // a wall screen: fewer columns, subjects as the hub configures
  bool subjects = true;  // the board has a subjects column
  std::map<std::string, std::string> agency_names;  // code -> name
};
Board board_of(Site& site, bool wall);

// One <tr> of the board, with its contact id (data-contact) and its place in the board's order
// (data-order: the due time, or after every rated contact the time received); the time left
// carries its due time (data-due, epoch seconds) for the page's script to count down.
std::string tracker_row_html(const app::TrackerItem& item, const Board& board);
void append_tracker_row(std::string& out, const app::TrackerItem& item, const Board& board);
// What a screen reader hears when a live board changes the row: the contact, its rating and
// clock, never a name.
std::string tracker_announcement(const app::TrackerItem& item);
// The <thead> row's headers, for the board's columns.
std::string tracker_head_html(const Board& board);

std::string html_escape(std::string_view text);

// GET /api/v1/tracker's body: {"generated_at", "items": [...]}, written directly (a board of
// 10,000 contacts through a JSON library's tree took 300 ms); the fields as docs/api.md says.
std::string tracker_json(const std::vector<app::TrackerItem>& items, const Timestamp& generated_at);

// A large body (a board of thousands of rows) handed to the server without another copy.
void send_large(httplib::Response& res, int status, std::string body, const char* content_type);

}  // namespace mash::web
