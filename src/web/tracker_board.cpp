#include "web/tracker_board.h"

#include <cctype>

#include "domain/agency.h"
#include "domain/london_time.h"
#include "web/contact_rating.h"

namespace mash::web {

namespace {

// Unrated contacts come after every rated one: no due time is this far off.
constexpr int64_t kUnratedOrder = 100'000'000'000;

const char* status_tag_class(ContactStatus s) {
  switch (s) {
    case ContactStatus::new_contact:
      return "govuk-tag--blue";
    case ContactStatus::screening:
      return "govuk-tag--yellow";
    case ContactStatus::enquiry:
      return "govuk-tag--purple";
    default:
      return "govuk-tag--grey";
  }
}

void cell(std::string& out, const std::string& html, const char* extra = "") {
  out += "<td class=\"govuk-table__cell";
  out += extra;
  out += "\">";
  out += html;
  out += "</td>";
}

std::string line(const std::string& text) {
  return "<span class=\"mash-line\">" + html_escape(text) + "</span>";
}

std::string subject_words(const app::TrackerSubject& s) {
  std::string age;
  if (s.unborn)
    age = "unborn";
  else if (s.age)
    age = *s.age == 0 ? "under 1" : "age " + std::to_string(*s.age);
  if (s.name.empty()) return age.empty() ? "Age not known" : age;
  return age.empty() ? s.name : s.name + " (" + age + ")";
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

std::string tracker_row_html(const app::TrackerItem& i, const Board& b) {
  const std::string id = std::to_string(i.contact_id);
  const int64_t order = i.due_at ? i.due_at->epoch_seconds : kUnratedOrder + i.received_at.epoch_seconds;
  std::string out;
  out.reserve(900);
  out += "<tr class=\"govuk-table__row mash-tracker__row";
  if (i.overdue) out += " mash-tracker__row--overdue";
  out += "\" id=\"contact-" + id + "\" data-contact=\"" + id + "\" data-order=\"" +
         std::to_string(order) + "\">";
  out += "<th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\" href=\"/contacts/" +
         id + "\">" + contact_reference(i.contact_id) + "</a></th>";
  if (i.rating.empty())
    cell(out, "<strong class=\"govuk-tag govuk-tag--grey\">Not rated</strong>");
  else
    cell(out, "<strong class=\"govuk-tag " + rating_tag_class(i.rating) + "\">" +
                  html_escape(i.rating_name) + "</strong>");
  if (b.subjects) {
    std::string names;
    for (const app::TrackerSubject& s : i.subjects) names += line(subject_words(s));
    cell(out, names.empty() ? line("None named") : names);
  }
  if (!b.wall) {
    cell(out, html_escape(format_london(i.received_at)), " mash-nowrap");
    cell(out, i.due_at ? html_escape(due_words(*i.due_at)) : std::string("Not rated yet"),
         " mash-nowrap");
  }
  std::string left = "<span class=\"mash-tracker__left\"";
  if (i.due_at) left += " data-due=\"" + std::to_string(i.due_at->epoch_seconds) + "\"";
  left += ">" + html_escape(remaining_words(i)) + "</span>";
  cell(out, left);
  if (!b.wall)
    cell(out, std::string("<strong class=\"govuk-tag ") + status_tag_class(i.status) + "\">" +
                  std::string(label_of(i.status)) + "</strong>");
  cell(out, i.worker.empty() ? std::string("Not allocated") : html_escape(i.worker));
  std::string agencies;
  for (const std::string& code : i.agencies) {
    auto it = b.agency_names.find(code);
    agencies += line(it == b.agency_names.end() ? code : it->second);
  }
  cell(out, agencies);
  // Each agency's reply status comes with information requests (issue 5).
  if (!b.wall) cell(out, "No requests yet");
  return out + "</tr>";
}

std::string tracker_announcement(const app::TrackerItem& i) {
  std::string out = "Contact " + contact_reference(i.contact_id) + " changed: ";
  out += i.rating.empty() ? "not rated" : i.rating_name;
  std::string left = remaining_words(i);
  if (!left.empty()) left[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(left[0])));
  out += ", " + left;
  out += ", " + std::string(label_of(i.status));
  return out + ".";
}

}  // namespace mash::web
