// A request's secure message thread (issue 5): read and written in the hub, never e-mailed.
#include "domain/london_time.h"
#include "web/research_view.h"
#include "web/routes.h"
#include "web/session.h"

namespace mash::web {

namespace {

std::string messages_href(int64_t id) { return "/requests/" + std::to_string(id) + "/messages"; }

void show_thread(Site& site, const app::Session& session, int64_t request_id,
                 const std::string& banner, const std::string& typed,
                 const std::vector<FieldError>* errors, httplib::Response& res) {
  app::Research research(site.hub);
  auto thread = research.messages(session.actor(), request_id);
  if (!thread.ok()) return send_error_page(res, thread.error(), &session);
  const auto agencies = site.hub.agencies();
  auto name = [&](const std::string& code) {
    for (const Agency& a : agencies)
      if (a.code == code) return a.name;
    return code;
  };
  mstch::array messages;
  for (const app::Message& m : thread->messages)
    messages.push_back(mstch::map{{"author", m.author},
                                  {"agency", name(m.author_agency)},
                                  {"sent", format_london(m.sent_at)},
                                  {"unread", m.unread},
                                  {"body", m.body}});
  Field body;
  body.id = "body";
  body.label = "Your message";
  body.value = typed;
  if (errors && !errors->empty()) body.error = errors->front().message;
  Layout layout;
  layout.title = "Messages – " + request_reference(request_id);
  layout.session = &session;
  layout.nav = session.may_list_contacts ? "queue" : "requests";
  layout.back_href = session.user.agency == thread->agency
                         ? "/requests/" + std::to_string(request_id)
                         : "/contacts/" + std::to_string(thread->contact_id) + "/research";
  if (errors)
    for (const FieldError& e : *errors) layout.errors.push_back({"#body", e.message});
  mstch::node form = false;
  if (thread->may_send)
    form = mstch::map{{"action", messages_href(request_id)},
                      {"csrf", session.csrf_token},
                      {"body", textarea_field(body, 5)}};
  send_html(res, errors ? 422 : 200,
            render_page("request_messages",
                        mstch::map{{"banner", banner},
                                   {"reference", request_reference(request_id)},
                                   {"agency", name(thread->agency)},
                                   {"has_messages", !messages.empty()},
                                   {"messages", messages},
                                   {"form", form}},
                        layout));
}

}  // namespace

void add_message_routes(Routes& routes) {
  routes.get(RouteKind::page, "/requests/{id}/messages",
             "A request's secure messages between the hub and the agency asked",
             [](Site& site, const httplib::Request& req, httplib::Response& res) {
               auto session = require_session(site, req, res);
               if (!session) return;
               const int64_t id = parse_id(req.matches[1]);
               if (id <= 0) return send_html(res, 404, status_page(404, &*session));
               show_thread(site, *session, id,
                           req.get_param_value("done") == "sent" ? "Message sent." : "", "",
                           nullptr, res);
             });
  routes.post(
      RouteKind::page, "/requests/{id}/messages", "Writes in a request's secure message thread",
      [](Site& site, const httplib::Request& req, httplib::Response& res) {
        auto session = require_session(site, req, res);
        if (!session) return;
        Form form = parse_form(req.body);
        if (!check_csrf(*session, form, res)) return;
        const int64_t id = parse_id(req.matches[1]);
        if (id <= 0) return send_html(res, 404, status_page(404, &*session));
        app::Research research(site.hub);
        auto sent = research.send_message(session->actor(), id, form_value(form, "body"));
        if (sent.ok()) return redirect(res, messages_href(id) + "?done=sent");
        if (sent.error().kind != Error::Kind::invalid)
          return send_error_page(res, sent.error(), &*session);
        show_thread(site, *session, id, "", form_value(form, "body"), &sent.error().fields, res);
      });
}

}  // namespace mash::web
