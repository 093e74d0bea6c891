// Break-glass pages (issue 5): the offer on a restricted contact's page, the form that opens it,
// and the review page where hub managers and the data-protection officer sign accesses off.
#include "app/break_glass.h"
#include "domain/london_time.h"
#include "domain/user.h"
#include "web/contact_matches.h"
#include "web/routes.h"
#include "web/session.h"
#include "web/view.h"

namespace mash::web {

namespace {

std::string glass_href(int64_t contact_id) {
  return "/contacts/" + std::to_string(contact_id) + "/break-glass";
}

}  // namespace

void show_break_glass_offer(Site& site, const app::Session& session, int64_t contact_id,
                            const std::string& typed, const std::vector<FieldError>* errors,
                            httplib::Response& res) {
  Field reason;
  reason.id = "reason";
  reason.label = "Why do you need to open it now?";
  reason.hint =
      "Say what has happened and why it cannot wait for someone named on the contact. Do not "
      "name the people in it.";
  reason.value = typed;
  if (errors && !errors->empty()) reason.error = errors->front().message;
  Layout layout;
  layout.title = "Restricted contact " + contact_reference(contact_id);
  layout.session = &session;
  layout.nav = "queue";
  layout.back_href = "/contacts";
  if (errors)
    for (const FieldError& e : *errors) layout.errors.push_back({"#reason", e.message});
  send_html(res, errors ? 422 : 403,
            render_page("break_glass_offer",
                        mstch::map{{"reference", contact_reference(contact_id)},
                                   {"action", glass_href(contact_id)},
                                   {"csrf", session.csrf_token},
                                   {"minutes", std::to_string(app::BreakGlass(site.hub).minutes())},
                                   {"reason", textarea_field(reason, 4)}},
                        layout));
}

mstch::node break_glass_banner(Site& site, const app::Session& session, int64_t contact_id,
                               bool* is_live) {
  const auto live = app::BreakGlass(site.hub).live(session.actor(), contact_id);
  if (is_live) *is_live = live.has_value();
  if (!live) return false;
  return mstch::map{{"until", format_london(live->expires_at)}, {"reason", live->reason}};
}

namespace {

void show_review(Site& site, const app::Session& session, const std::string& banner,
                 int64_t failed_id, const std::string& typed, const std::vector<FieldError>* errors,
                 httplib::Response& res) {
  auto review = app::BreakGlass(site.hub).review(session.actor());
  if (!review.ok()) return send_error_page(res, review.error(), &session);
  const auto agencies = site.hub.agencies();
  auto agency = [&](const std::string& code) {
    for (const Agency& a : agencies)
      if (a.code == code) return a.name;
    return code;
  };
  Layout layout;
  layout.title = "Break-glass reviews";
  layout.session = &session;
  layout.nav = "break-glass";
  // A sign-off naming no access: the summary points at the list.
  if (errors && failed_id == 0)
    for (const FieldError& e : *errors) layout.errors.push_back({"#to-review", e.message});
  mstch::array items;
  for (const app::BreakGlassAccess& a : review->to_review) {
    mstch::array events;
    for (const app::BreakGlassEvent& e : a.events)
      events.push_back(mstch::map{
          {"when", format_london(e.at)},
          {"about", e.request_agency.empty() ? std::string("The contact")
                                             : "Its request to " + agency(e.request_agency)},
          {"action", action_label(e.action)},
          {"purpose", e.purpose},
          {"outcome", std::string(e.allowed ? "Allowed" : "Denied")}});
    mstch::node form = false;
    if (a.username != session.user.username) {
      Field note;
      note.id = "note-" + std::to_string(a.id);
      note.label = "What you checked and found";
      note.hint = "For example, who you spoke to and whether the access was justified.";
      if (a.id == failed_id) {
        note.value = typed;
        if (errors && !errors->empty()) note.error = errors->front().message;
        if (errors)
          for (const FieldError& e : *errors) layout.errors.push_back({"#" + note.id, e.message});
      }
      mstch::map field = textarea_field(note, 3);
      field["name"] = std::string("note");
      form = mstch::map{{"csrf", session.csrf_token}, {"note", field}};
    }
    items.push_back(mstch::map{{"id", std::to_string(a.id)},
                               {"reference", contact_reference(a.contact_id)},
                               {"username", a.username},
                               {"role", role_label(a.role)},
                               {"agency", agency(a.agency)},
                               {"opened", format_london(a.opened_at)},
                               {"expires", format_london(a.expires_at)},
                               {"live", a.live},
                               {"reason", a.reason},
                               {"has_events", !events.empty()},
                               {"events", events},
                               {"form", form}});
  }
  mstch::array signed_off;
  for (const app::BreakGlassAccess& a : review->signed_off)
    signed_off.push_back(
        mstch::map{{"reference", contact_reference(a.contact_id)},
                   {"username", a.username},
                   {"opened", format_london(a.opened_at)},
                   {"reason", a.reason},
                   {"reviewed_by", a.reviewed_by},
                   {"reviewed", a.reviewed_at ? format_london(*a.reviewed_at) : std::string()},
                   {"note", a.review_note}});
  send_html(res, errors ? 422 : 200,
            render_page("break_glass_review",
                        mstch::map{{"banner", banner},
                                   {"count", std::to_string(review->to_review.size())},
                                   {"has_items", !items.empty()},
                                   {"items", items},
                                   {"has_signed_off", !signed_off.empty()},
                                   {"signed_off", signed_off}},
                        layout));
}

}  // namespace

void add_break_glass_routes(Routes& routes) {
  routes.post(RouteKind::page, "/contacts/{id}/break-glass",
              "Opens a restricted contact by break-glass, with the reason why",
              [](Site& site, const httplib::Request& req, httplib::Response& res) {
                auto post = read_contact_post(site, req, res);
                if (!post) return;
                const std::string reason = form_value(post->form, "reason");
                auto opened =
                    app::BreakGlass(site.hub).open(post->session.actor(), post->contact_id, reason);
                if (opened.ok())
                  return redirect(res, "/contacts/" + std::to_string(post->contact_id));
                if (opened.error().kind != Error::Kind::invalid)
                  return send_error_page(res, opened.error(), &post->session);
                show_break_glass_offer(site, post->session, post->contact_id, reason,
                                       &opened.error().fields, res);
              });
  routes.get(RouteKind::page, "/break-glass",
             "Break-glass accesses to review, with what each user did, and those signed off",
             [](Site& site, const httplib::Request& req, httplib::Response& res) {
               auto session = require_session(site, req, res);
               if (!session) return;
               show_review(
                   site, *session,
                   req.get_param_value("done") == "signed" ? "Break-glass access signed off." : "",
                   0, "", nullptr, res);
             });
  routes.post(
      RouteKind::page, "/break-glass/sign-off",
      "Signs a break-glass access off, with what the reviewer checked",
      [](Site& site, const httplib::Request& req, httplib::Response& res) {
        auto session = require_session(site, req, res);
        if (!session) return;
        Form form = parse_form(req.body);
        if (!check_csrf(*session, form, res)) return;
        // Refused before the form is read, for those who do not review (audited).
        if (auto allowed = site.hub.permit(session->actor(), policy::Action::break_glass_review);
            !allowed.ok())
          return send_error_page(res, allowed.error(), &*session);
        const int64_t id = parse_id(form_value(form, "id"));
        if (id <= 0) {
          const std::vector<FieldError> fields = {
              {"id", "Choose the break-glass access to sign off"}};
          return show_review(site, *session, "", 0, "", &fields, res);
        }
        const std::string note = form_value(form, "note");
        auto done = app::BreakGlass(site.hub).sign_off(session->actor(), id, note);
        if (done.ok()) return redirect(res, "/break-glass?done=signed");
        if (done.error().kind != Error::Kind::invalid)
          return send_error_page(res, done.error(), &*session);
        show_review(site, *session, "", id, note, &done.error().fields, res);
      });
}

}  // namespace mash::web
