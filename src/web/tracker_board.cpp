#include "web/tracker_board.h"

#include <cctype>

#include "domain/agency.h"
#include "domain/london_time.h"
#include "web/contact_rating.h"

namespace mash::web {

namespace {

// Unrated contacts come after every rated one: no due time is this far off.
constexpr int64_t kUnratedOrder = 100'000'000'000;

void open_cell(std::string& out, const char* extra = "") {
  out += "<td class=\"govuk-table__cell";
  out += extra;
  out += "\">";
}

void escape_into(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

void line(std::string& out, std::string_view text) {
  out += "<span class=\"mash-line\">";
  escape_into(out, text);
  out += "</span>";
}

void subject_line(std::string& out, const app::TrackerSubject& s) {
  out += "<span class=\"mash-line\">";
  escape_into(out, s.name);
  std::string age;
  if (s.unborn)
    age = "unborn";
  else if (s.age)
    age = *s.age == 0 ? "under 1" : "age " + std::to_string(*s.age);
  if (s.name.empty())
    out += age.empty() ? "Age not known" : age;
  else if (!age.empty())
    out += " (" + age + ")";
  out += "</span>";
}

std::string remaining_words(const app::TrackerItem& i) {
  if (!i.due_at) return "Not rated yet";
  const std::string left = duration_words(i.seconds_remaining);
  return i.overdue ? "Overdue by " + left : left + " left";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  escape_into(out, text);
  return out;
}

Board board_of(Site& site, bool wall) {
  Board b;
  b.wall = wall;
  const HubConfig& config = site.hub.config();
  b.subjects = !wall || config.wall.shows_names || config.wall.shows_ages;
  for (const Agency& a : built_in_agencies()) b.agency_names[a.code] = a.name;
  for (const Agency& a : site.hub.agencies()) b.agency_names[a.code] = a.name;
  return b;
}

std::string tracker_head_html(const Board& b) {
  std::string out = "<tr class=\"govuk-table__row\">";
  auto th = [&](const char* text) {
    out += "<th scope=\"col\" class=\"govuk-table__header\">";
    out += text;
    out += "</th>";
  };
  th("Contact");
  th("Rating");
  if (b.subjects) th(b.wall ? "Subjects" : "Subjects and ages");
  if (!b.wall) {
    th("Received");
    th("Due");
  }
  th("Time remaining");
  if (!b.wall) th("Status");
  th("Worker");
  th("Agencies involved");
  if (!b.wall) th("Replies");
  return out + "</tr>";
}

void append_tracker_row(std::string& out, const app::TrackerItem& i, const Board& b) {
  const std::string id = std::to_string(i.contact_id);
  const int64_t order =
      i.due_at ? i.due_at->epoch_seconds : kUnratedOrder + i.received_at.epoch_seconds;
  out += "<tr class=\"govuk-table__row mash-tracker__row";
  if (i.overdue) out += " mash-tracker__row--overdue";
  out += "\" id=\"contact-";
  out += id;
  out += "\" data-contact=\"";
  out += id;
  out += "\" data-order=\"";
  out += std::to_string(order);
  out +=
      "\"><th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\" "
      "href=\"/contacts/";
  out += id;
  out += "\">";
  out += contact_reference(i.contact_id);
  out += "</a></th>";
  open_cell(out);
  if (i.rating.empty()) {
    out += "<strong class=\"govuk-tag govuk-tag--grey\">Not rated</strong>";
  } else {
    out += "<strong class=\"govuk-tag ";
    out += rating_tag_class(i.rating);
    out += "\">";
    escape_into(out, i.rating_name);
    out += "</strong>";
  }
  // A MARAC referral due after a DASH checklist: said in words, beside the rating.
  if (i.marac) out += " <strong class=\"govuk-tag govuk-tag--purple\">MARAC referral</strong>";
  out += "</td>";
  if (b.subjects) {
    open_cell(out);
    for (const app::TrackerSubject& s : i.subjects) subject_line(out, s);
    if (i.subjects.empty()) line(out, "None named");
    out += "</td>";
  }
  if (!b.wall) {
    open_cell(out, " mash-nowrap");
    out += format_london(i.received_at);
    out += "</td>";
    open_cell(out, " mash-nowrap");
    out += i.due_at ? due_words(*i.due_at) : std::string("Not rated yet");
    out += "</td>";
  }
  open_cell(out);
  out += "<span class=\"mash-tracker__left\"";
  if (i.due_at) {
    out += " data-due=\"";
    out += std::to_string(i.due_at->epoch_seconds);
    out += '"';
  }
  out += '>';
  out += remaining_words(i);
  out += "</span></td>";
  if (!b.wall) {
    open_cell(out);
    out += "<strong class=\"govuk-tag ";
    out += status_tag_class(i.status);
    out += "\">";
    out += label_of(i.status);
    out += "</strong></td>";
  }
  open_cell(out);
  if (i.worker.empty())
    out += "Not allocated";
  else
    escape_into(out, i.worker);
  out += "</td>";
  open_cell(out);
  for (const std::string& code : i.agencies) {
    auto it = b.agency_names.find(code);
    line(out, it == b.agency_names.end() ? code : it->second);
  }
  out += "</td>";
  // Each agency asked, and where its reply is: a tag with words, never colour alone.
  if (!b.wall) {
    out += "<td class=\"govuk-table__cell\">";
    if (i.replies.empty()) out += "No requests yet";
    for (const app::TrackerItem::Reply& r : i.replies) {
      auto it = b.agency_names.find(r.agency);
      out += "<span class=\"mash-line\">";
      escape_into(out, it == b.agency_names.end() ? r.agency : it->second);
      const bool answered = r.status == RequestStatus::answered;
      out += answered && r.overdue ? " <strong class=\"govuk-tag govuk-tag--yellow\">Answered late"
             : answered            ? " <strong class=\"govuk-tag govuk-tag--green\">Answered"
             : r.overdue           ? " <strong class=\"govuk-tag govuk-tag--red\">Overdue"
                                   : " <strong class=\"govuk-tag govuk-tag--grey\">Requested";
      out += "</strong></span>";
    }
    out += "</td>";
  }
  out += "</tr>";
}

std::string tracker_row_html(const app::TrackerItem& item, const Board& board) {
  std::string out;
  out.reserve(1200);
  append_tracker_row(out, item, board);
  return out;
}

std::string tracker_announcement(const app::TrackerItem& i) {
  std::string out = "Contact " + contact_reference(i.contact_id) + " changed: ";
  out += i.rating.empty() ? "not rated" : i.rating_name;
  std::string left = remaining_words(i);
  if (!left.empty()) left[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(left[0])));
  out += ", " + left;
  out += ", " + std::string(label_of(i.status));
  if (i.marac) out += ", MARAC referral";
  return out + ".";
}

}  // namespace mash::web
