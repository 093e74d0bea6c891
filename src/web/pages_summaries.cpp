// Outcome summaries (issue 5): the form on a decided contact's research page that sends one to
// the receiving team's worker, and the page where a user reads those sent to them or by them.
// The hub decides what each says and records the disclosures; these handlers show and translate.
#include "domain/london_time.h"
#include "web/research_view.h"
#include "web/routes.h"
#include "web/session.h"

namespace mash::web {

namespace {

// A field whose id is "summary-<name>" and whose name is `name`: the research page has other
// forms with a purpose and a note.
mstch::map named(mstch::map view, const std::string& name) {
  view["name"] = name;
  return view;
}

}  // namespace

mstch::map summaries_section(const app::ContactResearch& r, const std::string& csrf,
                             const Form* form, const std::vector<FieldError>* errors) {
  mstch::array sent;
  for (const app::OutcomeSummary& s : r.summaries)
    sent.push_back(mstch::map{{"when", format_london(s.sent_at)},
                              {"to", s.to_username},
                              {"by", s.sent_by},
                              {"purpose", s.purpose}});
  mstch::node form_view = false;
  if (r.may_summarise) {
    auto value = [&](const std::string& name, const std::string& otherwise) {
      return form ? form_value(*form, name) : otherwise;
    };
    Field to;
    to.id = "summary-to";
    to.label = "Username of the worker on the receiving team";
    to.hint =
        "They receive what policy lets them read of the agencies' answers, withheld parts as "
        "markers.";
    to.value = value("to", r.receiving_worker);
    to.error = field_error(errors, "to");
    to.classes = "govuk-input--width-20";
    to.autocomplete = "off";
    Field purpose;
    purpose.id = "summary-purpose";
    purpose.label = "What the summary is for";
    purpose.hint = "Recorded with each disclosure it makes. Up to 200 characters.";
    purpose.value = value("purpose", "The receiving team's assessment after the MASH enquiry");
    purpose.error = field_error(errors, "purpose");
    Field note;
    note.id = "summary-note";
    note.label = "A note to the receiving team (optional)";
    note.value = value("note", "");
    note.error = field_error(errors, "note");
    form_view = mstch::map{{"action", research_href(r.contact_id) + "/summaries"},
                           {"csrf", csrf},
                           {"to", named(input_field(to), "to")},
                           {"purpose", named(input_field(purpose), "purpose")},
                           {"note", named(textarea_field(note, 3), "note")}};
  }
  return mstch::map{{"has_sent", !sent.empty()}, {"sent", sent}, {"form", form_view}};
}

void add_summary_routes(Routes& routes) {
  routes.post(RouteKind::page, "/contacts/{id}/research/summaries",
              "Sends a decided contact's outcome summary to the receiving team's worker",
              [](Site& site, const httplib::Request& req, httplib::Response& res) {
                auto post = read_contact_post(site, req, res);
                if (!post) return;
                app::Research research(site.hub);
                auto done = research.send_summary(
                    post->session.actor(), post->contact_id,
                    {form_value(post->form, "to"), form_value(post->form, "purpose"),
                     form_value(post->form, "note")});
                if (done.ok())
                  return redirect(res, research_href(post->contact_id) + "?done=summary");
                if (done.error().kind != Error::Kind::invalid)
                  return send_error_page(res, done.error(), &post->session);
                show_research(site, post->session, post->contact_id,
                              {"summary", &post->form, &done.error().fields, 0, ""}, res);
              });

  routes.get(RouteKind::page, "/summaries",
             "The outcome summaries sent to the signed-in user, and those they sent",
             [](Site& site, const httplib::Request& req, httplib::Response& res) {
               auto session = require_session(site, req, res);
               if (!session) return;
               app::Research research(site.hub);
               auto list = research.summaries(session->actor());
               if (!list.ok()) return send_error_page(res, list.error(), &*session);
               mstch::array received, sent;
               for (const app::OutcomeSummary& s : *list) {
                 const bool to_me = s.to_username == session->user.username;
                 mstch::map view{{"id", std::to_string(s.id)},
                                 {"contact", contact_reference(s.contact_id)},
                                 {"href", "/contacts/" + std::to_string(s.contact_id)},
                                 {"when", format_london(s.sent_at)},
                                 {"to", s.to_username},
                                 {"by", s.sent_by},
                                 {"purpose", s.purpose},
                                 {"note", s.note},
                                 {"body", s.body}};
                 (to_me ? received : sent).push_back(view);
               }
               Layout layout;
               layout.title = "Outcome summaries";
               layout.session = &*session;
               layout.back_href = "/notifications";
               send_html(res, 200,
                         render_page("summaries",
                                     mstch::map{{"received", received},
                                                {"has_received", !received.empty()},
                                                {"sent", sent},
                                                {"has_sent", !sent.empty()}},
                                     layout));
             });
}

}  // namespace mash::web
