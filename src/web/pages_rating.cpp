// Rating a contact on its page (issue 4): the rating as a tag with its name (never colour
// alone), when the decision is due and how long is left, the history of ratings, and the form
// that rates it. The hub rates and computes the clock; these handlers only show and translate.
#include <cctype>
#include <cstdlib>

#include "domain/london_time.h"
#include "domain/working_time.h"
#include "web/contact_matches.h"
#include "web/contact_rating.h"

namespace mash::web {

namespace {

constexpr int kMaxRationale = 2000;

std::string contact_href(int64_t id) { return "/contacts/" + std::to_string(id); }

std::string plural(int64_t n, const char* unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

mstch::map history_row(const app::ContactRating& r) {
  return mstch::map{{"when", format_london(r.rated_at)},
                    {"who", r.rated_by},
                    {"name", r.name},
                    {"tag_class", rating_tag_class(r.rating)},
                    {"rationale", r.rationale},
                    {"due", due_words(r.due_at)}};
}

mstch::map form_view(const HubConfig& config, int64_t contact_id, const std::string& csrf,
                     bool rated, const RatingForm* form) {
  std::vector<Choice> choices;
  for (const Rating& r : config.ratings)
    choices.push_back(
        {r.code, r.name, r.description + ". Decision due within " + describe(r.timescale) + "."});
  Field rating;
  rating.id = "rating";
  rating.label =
      rated ? "What should the rating be now?" : "What rating are you giving this contact?";
  if (form && config.rating(form->rating)) rating.value = config.rating(form->rating)->code;
  if (form) rating.error = form->rating_error;
  const bool error = form && !form->rationale_error.empty();
  return mstch::map{
      {"action", contact_href(contact_id) + "/rating"},
      {"csrf", csrf},
      {"rated", rated},
      {"open", form != nullptr && !form->rated},
      {"rating_field", radios_field(rating, choices)},
      {"rationale", form ? form->rationale : std::string{}},
      {"rationale_error", error ? form->rationale_error : std::string{}},
      {"has_rationale_error", error},
      {"maxlength", std::to_string(kMaxRationale)},
      {"button", std::string(rated ? "Change rating" : "Rate contact")},
  };
}

}  // namespace

std::string rating_tag_class(const std::string& code) {
  if (code == "red") return "govuk-tag--red";
  if (code == "amber") return "govuk-tag--orange";
  if (code == "green") return "govuk-tag--green";
  if (code == "blue") return "govuk-tag--blue";
  return "govuk-tag--grey";
}

std::string duration_words(int64_t seconds) {
  const int64_t minutes = std::llabs(seconds) / 60;
  if (minutes == 0) return "less than a minute";
  const int64_t days = minutes / 1440, hours = minutes % 1440 / 60, mins = minutes % 60;
  if (days > 0) return plural(days, "day") + (hours ? " " + plural(hours, "hour") : "");
  if (hours > 0) return plural(hours, "hour") + (mins ? " " + plural(mins, "minute") : "");
  return plural(mins, "minute");
}

std::string due_words(const Timestamp& t) {
  std::string day(weekday_name(weekday_index(to_london(t).date)).substr(0, 3));
  if (!day.empty()) day[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(day[0])));
  return day + " " + format_london(t);
}

RatingView rating_view(Site& site, const app::Session& session, int64_t contact_id,
                       const app::ContactClock& rating_clock, const RatingForm* form) {
  RatingView out;
  const app::ContactClock* clock = &rating_clock;
  out.shown = true;
  const HubConfig& config = site.hub.config();
  const bool rated = !clock->ratings.empty();

  mstch::map current{{"rated", rated}};
  if (rated) {
    const app::ContactRating& latest = clock->ratings.back();
    const Rating* known = config.rating(latest.rating);
    const std::string due = due_words(latest.due_at);
    const std::string left = duration_words(clock->seconds_remaining);
    current = mstch::map{
        {"rated", true},
        {"name", latest.name},
        {"tag_class", rating_tag_class(latest.rating)},
        {"description", known ? known->description : std::string{}},
        {"due", due},
        {"overdue", clock->overdue},
        {"remaining", clock->overdue ? "Overdue by " + left : left + " left"},
        {"rationale", latest.rationale},
        {"rated_by", latest.rated_by + " on " + format_london(latest.rated_at)},
    };
    if (form && form->rated) out.banner = "Rated " + latest.name + ": decision due by " + due;
  }

  mstch::array history;
  for (auto it = clock->ratings.rbegin(); it != clock->ratings.rend(); ++it)
    history.push_back(history_row(*it));
  const size_t n = history.size();

  const bool may_rate = site.hub.may(session.actor(), policy::Action::contact_rate);
  if (form && !form->rating_error.empty()) out.errors.push_back({"#rating", form->rating_error});
  if (form && !form->rationale_error.empty())
    out.errors.push_back({"#rationale", form->rationale_error});

  out.section = mstch::map{
      {"current", current},
      {"history", history},
      {"has_history", n > 0},
      {"history_summary", n == 1 ? std::string("Rating history (1 rating)")
                                 : "Rating history (" + std::to_string(n) + " ratings)"},
      {"may_rate", may_rate},
      {"form",
       may_rate ? form_view(config, contact_id, session.csrf_token, rated, form) : mstch::map{}},
  };
  return out;
}

void add_rating_routes(Routes& routes) {
  auto rate = [](Site& site, const httplib::Request& req, httplib::Response& res) {
    auto post = read_contact_post(site, req, res);
    if (!post) return;
    const app::Session* session = &post->session;
    const Form& form = post->form;
    const int64_t id = post->contact_id;
    RatingForm sent;
    sent.rating = clean_text(form_value(form, "rating"));
    sent.rationale = clean_text(form_value(form, "rationale"));
    auto done = site.hub.rate_contact(session->actor(), id, sent.rating, sent.rationale);
    if (done.ok()) return redirect(res, contact_href(id) + "?rated=1#contact-rating");
    const Error& e = done.error();
    if (e.kind != Error::Kind::invalid) return send_error_page(res, e, &*session);
    for (const auto& f : e.fields) {
      // A rating the page did not offer can only come from an altered form: ask for one of its.
      if (f.field == "rating") sent.rating_error = "Choose a rating";
      if (f.field == "rationale") sent.rationale_error = f.message;
    }
    if (sent.rating_error.empty() && sent.rationale_error.empty()) sent.rationale_error = e.message;
    show_contact_page(site, *session, id, res, "", nullptr, nullptr, &sent);
    res.status = 422;
  };
  routes.post(RouteKind::page, "/contacts/{id}/rating", "Rates the contact (BRAG) and says why",
              rate);
}

}  // namespace mash::web
