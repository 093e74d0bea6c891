#include "web/view.h"

#include "app/hub.h"
#include "domain/agency.h"
#include "domain/codes.h"

namespace mash::web {

namespace {

std::string describedby(const Field& f) {
  std::string out;
  if (!f.hint.empty()) out = f.id + "-hint";
  if (!f.error.empty()) out += (out.empty() ? "" : " ") + f.id + "-error";
  return out;
}

mstch::map base(const Field& f) {
  return mstch::map{
      {"id", f.id},           {"name", f.id},
      {"label", f.label},     {"value", f.value},
      {"error", f.error},     {"hint", f.hint},
      {"classes", f.classes}, {"autocomplete", f.autocomplete},
      {"type", f.type},       {"inputmode", f.inputmode},
      {"heading", f.heading}, {"describedby", describedby(f)},
  };
}

std::string agency_name(const std::string& code) {
  for (const auto& a : built_in_agencies())
    if (a.code == code) return a.name;
  return code;
}

}  // namespace

std::string role_label(const std::string& code) {
  if (code == "agency_system") return "Agency system";
  auto r = from_code<Role>(code);
  return r ? std::string(label_of(*r)) : code;
}

std::string action_label(const std::string& action) {
  if (action == "contact.view") return "Viewed the contact";
  if (action == "contact.create") return "Recorded the contact";
  if (action == "contact.rate") return "Rated the contact";
  if (action == "contact.decide") return "Decided the route";
  if (action == "screening.view") return "Viewed the screening";
  if (action == "clock.breach") return "Recorded a missed due time";
  if (action == "dash.record") return "Recorded a DASH checklist";
  if (action == "dash.view") return "Viewed the DASH checklists";
  if (action == "contact.access_history") return "Viewed the access history";
  if (action == "contact.list") return "Listed contacts";
  if (action == "person_match.view") return "Viewed person matches";
  if (action == "person_link.confirm") return "Confirmed a person match";
  if (action == "person_link.reject") return "Rejected a person match";
  if (action == "person_link.undo") return "Undid a person match decision";
  if (action == "contact.break_glass") return "Opened the restricted contact by break-glass";
  if (action == "break_glass.sign_off") return "Signed off a break-glass access";
  if (action == "response.read") return "Read agencies' answers";
  if (action == "chronology.export") return "Exported the chronology";
  if (action == "disclosure.view") return "Viewed the disclosures";
  if (action == "request.view") return "Opened an information request";
  if (action == "request.respond") return "Answered an information request";
  if (action == "message.read") return "Read a request's messages";
  if (action == "message.send") return "Wrote a message on a request";
  return action;
}

std::string render_partial(const std::string& name, const mstch::map& data) {
  const auto& templates = embedded_templates();
  return mstch::render(templates.at(name), data, templates);
}

std::string render_page(const std::string& name, mstch::map data, const Layout& layout) {
  const auto& templates = embedded_templates();
  std::string title = layout.title + " – MASH";
  if (!layout.errors.empty()) title = "Error: " + title;
  data["page_title"] = title;
  data["back_href"] = layout.back_href;
  data["nav_queue"] = layout.nav == "queue";
  data["nav_new"] = layout.nav == "new";
  data["nav_admin"] = layout.nav == "admin";
  data["nav_tracker"] = layout.nav == "tracker";
  data["nav_requests"] = layout.nav == "requests";
  data["nav_break_glass"] = layout.nav == "break-glass";
  data["nav_performance"] = layout.nav == "performance";
  data["refresh_seconds"] =
      layout.refresh_seconds > 0 ? std::to_string(layout.refresh_seconds) : std::string{};
  data["refresh_url"] = layout.refresh_url;
  data["page_script"] = layout.script;
  mstch::array errors;
  for (const auto& e : layout.errors)
    errors.push_back(mstch::map{{"href", e.href}, {"text", e.text}});
  data["error_list"] = errors;
  data["has_errors"] = !layout.errors.empty();
  if (layout.session) {
    const auto& u = layout.session->user;
    data["signed_in"] = true;
    data["show_queue"] = layout.session->may_list_contacts;
    data["show_new"] = layout.session->may_record_contacts;
    data["show_requests"] = layout.session->may_answer_requests;
    data["show_break_glass"] = layout.session->may_review_break_glass;
    const int64_t notes = layout.session->notifications;
    data["show_notifications"] = notes > 0 || layout.nav == "notifications";
    data["nav_notifications"] = layout.nav == "notifications";
    data["notifications_label"] =
        notes > 0 ? "Notifications (" + std::to_string(notes) + ")" : std::string("Notifications");
    data["show_configuration"] =
        policy::decide(layout.session->actor(), policy::Action::configuration_view).allowed;
    data["show_performance"] =
        policy::decide(layout.session->actor(), policy::Action::performance_view).allowed;
    data["csrf"] = layout.session->csrf_token;
    data["user_name"] = u.display_name.empty() ? u.username : u.display_name;
    data["user_role"] = std::string(label_of(u.role));
    data["user_agency"] = agency_name(u.agency);
  } else {
    data["signed_in"] = false;
    if (data.find("csrf") == data.end()) data["csrf"] = std::string{};
  }
  data["content"] = mstch::render(templates.at(name), data, templates);
  return mstch::render(templates.at("layout"), data, templates);
}

std::string message_page(const std::string& title, const std::vector<std::string>& paragraphs,
                         const app::Session* session) {
  mstch::array ps;
  for (const auto& p : paragraphs) ps.push_back(p);
  Layout layout;
  layout.title = title;
  layout.session = session;
  return render_page("message", mstch::map{{"heading", title}, {"paragraphs", ps}}, layout);
}

std::string status_page(int status, const app::Session* session) {
  switch (status) {
    case 400:
      return message_page(
          "Your form has expired",
          {"Your form has expired, go back and try again.", "Nothing has been changed."}, session);
    case 403:
      return message_page("You do not have access to this page",
                          {"Your role does not give you access to this page, or the record is "
                           "restricted. A restricted record opened by break-glass can be read "
                           "but not changed.",
                           "If you think you need access, ask your hub manager."},
                          session);
    case 404:
      return message_page("Page not found",
                          {"If you typed the web address, check it is correct.",
                           "If you pasted the web address, check you copied the entire address."},
                          session);
    case 405:
      return message_page("Page not found", {"This page cannot be used in that way."}, session);
    case 413:
      return message_page("What you sent is too large",
                          {"The form you sent is larger than the service accepts. Nothing has been "
                           "saved.",
                           "Go back, shorten the longest answers and try again."},
                          session);
    case 429:
      return message_page("Too many attempts", {"Wait 15 minutes, then try again."}, session);
    default:
      return message_page("Sorry, there is a problem with the service",
                          {"Try again later.",
                           "What you entered has not been lost if you saw it saved; otherwise you "
                           "may need to enter it again."},
                          session);
  }
}

mstch::map input_field(const Field& f) { return base(f); }

mstch::map textarea_field(const Field& f, int rows) {
  auto m = base(f);
  m["rows"] = rows;
  return m;
}

mstch::map select_field(const Field& f, const std::vector<Choice>& options) {
  auto m = base(f);
  mstch::array items;
  for (const auto& o : options)
    items.push_back(mstch::map{{"option_value", o.value},
                               {"option_label", o.label},
                               {"option_selected", o.value == f.value}});
  m["options"] = items;
  return m;
}

mstch::map radios_field(const Field& f, const std::vector<Choice>& choices, bool small) {
  auto m = base(f);
  mstch::array items;
  for (size_t i = 0; i < choices.size(); ++i) {
    const auto& c = choices[i];
    std::string item_id = i == 0 ? f.id : f.id + "-" + std::to_string(i + 1);
    items.push_back(mstch::map{
        {"item_id", item_id},
        {"item_value", c.value},
        {"item_label", c.label},
        {"item_hint", c.hint},
        {"item_checked", !f.value.empty() && c.value == f.value},
    });
  }
  m["items"] = items;
  m["small"] = small;
  return m;
}

mstch::map checkboxes_field(const Field& f, const std::vector<Choice>& choices,
                            const std::vector<std::string>& checked) {
  auto m = base(f);
  mstch::array items;
  for (size_t i = 0; i < choices.size(); ++i) {
    const auto& c = choices[i];
    bool on = false;
    for (const auto& v : checked) on = on || v == c.value;
    std::string item_id = i == 0 ? f.id : f.id + "-" + std::to_string(i + 1);
    items.push_back(mstch::map{
        {"item_id", item_id},
        {"item_value", c.value},
        {"item_label", c.label},
        {"item_hint", c.hint},
        {"item_checked", on},
    });
  }
  m["items"] = items;
  return m;
}

mstch::map date_field(const Field& f, const std::string& day, const std::string& month,
                      const std::string& year) {
  auto m = base(f);
  m["day"] = day;
  m["month"] = month;
  m["year"] = year;
  return m;
}

const char* status_tag_class(ContactStatus s) {
  switch (s) {
    case ContactStatus::new_contact:
      return "govuk-tag--blue";
    case ContactStatus::screening:
      return "govuk-tag--yellow";
    case ContactStatus::enquiry:
      return "govuk-tag--purple";
    case ContactStatus::decided:
      return "govuk-tag--green";
    case ContactStatus::closed:
      return "govuk-tag--grey";
  }
  return "";
}

}  // namespace mash::web
