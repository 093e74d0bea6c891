// The new-contact form, one question group per page as GOV.UK forms are, with the answers kept
// in a draft after every page (even one with errors) so nothing typed is ever lost:
//   /contacts/new -> received -> referrer -> subjects (-> subject/N ...) -> concerns -> consent
//   -> check -> POST: Hub::record_contact -> /contacts/{id}
// "Change" links from the check page add ?return=check so the page goes back there.
#include <set>

#include "domain/contact.h"
#include "domain/london_time.h"
#include "web/new_contact.h"

namespace mash::web {

namespace {

const char* kCaption = "New contact";

struct PageSpec {
  std::string page;     // "received", "subject/2", …
  std::string heading;  // h1
  std::string intro;
  std::string button = "Continue";
};

bool returning(const httplib::Request& req) { return req.get_param_value("return") == "check"; }

std::string action_for(const std::string& page, bool to_check) {
  return "/contacts/new/" + page + (to_check ? "?return=check" : "");
}

// Renders one form page: heading, the fields' HTML in order, and a button.
void send_form_page(httplib::Response& res, const app::Session& session, const PageSpec& spec,
                    const std::vector<std::string>& fields, const std::vector<FieldError>& errors,
                    bool to_check, const std::string& back) {
  mstch::array field_html;
  for (const auto& f : fields) field_html.push_back(mstch::map{{"html", f}});
  Layout layout;
  layout.title = spec.heading;
  layout.session = &session;
  layout.nav = "new";
  layout.errors = error_links(errors, false);
  layout.back_href = to_check ? "/contacts/new/check" : back;
  send_html(res, errors.empty() ? 200 : 422,
            render_page("new_contact_page",
                        mstch::map{{"action", action_for(spec.page, to_check)},
                                   {"caption", std::string(kCaption)},
                                   {"heading", spec.heading},
                                   {"intro", spec.intro},
                                   {"fields", field_html},
                                   {"button", spec.button}},
                        layout));
}

std::string err(const std::map<std::string, std::string>& by_input, const std::string& id) {
  auto it = by_input.find(id);
  return it == by_input.end() ? std::string{} : it->second;
}

Field field(const std::string& id, const std::string& label, const std::string& value,
            const std::map<std::string, std::string>& errors, const std::string& classes = "",
            const std::string& hint = "") {
  Field f;
  f.id = id;
  f.label = label;
  f.value = value;
  f.error = err(errors, id);
  f.classes = classes;
  f.hint = hint;
  return f;
}

// After a page is answered: keep the answers, drop the last submission's errors for this page
// (the page has just been answered again), and either show the page's errors or move on.
bool save_page(Site& site, const app::Session& session, ContactAnswers& answers,
               const std::string& page, std::vector<FieldError>& errors) {
  std::vector<FieldError> kept;
  for (auto& e : answers.submit_errors)
    if (place_of(e.field).page != page) kept.push_back(std::move(e));
  answers.submit_errors = std::move(kept);
  errors = page_errors(site, answers, page, true);
  save_answers(site, session, answers);
  return errors.empty();
}

// --- received ------------------------------------------------------------------------------

void show_received(Site& site, const app::Session& session, ContactAnswers a,
                   const std::vector<FieldError>& errors, bool to_check, httplib::Response& res) {
  if (a.received_day.empty() && a.received_month.empty() && a.received_year.empty() &&
      a.received_time.empty()) {
    LondonTime now = to_london(site.hub.clock().now());
    a.received_day = std::to_string(now.date.day);
    a.received_month = std::to_string(now.date.month);
    a.received_year = std::to_string(now.date.year);
    char hm[8];
    std::snprintf(hm, sizeof hm, "%02d:%02d", now.hour, now.minute);
    a.received_time = hm;
  }
  auto by_input = errors_by_input(errors);
  Field date = field("received", "Date received", "", by_input, "", "For example, 20 11 2026");
  date.error = err(by_input, "received-day");
  Field time = field("received-time", "Time received", a.received_time, by_input,
                     "govuk-input--width-5", "UK time, 24-hour clock, for example 14:30");
  std::vector<Choice> sources{{"", "Select where the contact came from", ""}};
  for (const auto& c : choices_of<ReferralSource>()) sources.push_back(c);
  Field source = field("source", "Source of the contact", a.source, by_input, "",
                       "The CIN census source of referral");
  PageSpec spec{"received", "When was the contact received and who made it?", "", "Continue"};
  send_form_page(res, session, spec,
                 {render_partial("field_date", date_field(date, a.received_day, a.received_month,
                                                          a.received_year)),
                  render_partial("field_input", input_field(time)),
                  render_partial("field_select", select_field(source, sources))},
                 errors, to_check, "/contacts");
}

// --- referrer ------------------------------------------------------------------------------

void show_referrer(const app::Session& session, const ContactAnswers& a,
                   const std::vector<FieldError>& errors, bool to_check, httplib::Response& res) {
  auto by_input = errors_by_input(errors);
  auto text = [&](const char* id, const char* label, const std::string& value, const char* classes,
                  const char* type = "text") {
    Field f = field(id, label, value, by_input, classes);
    f.autocomplete = "off";
    f.type = type;
    return render_partial("field_input", input_field(f));
  };
  // Not a conditional reveal: GOV.UK Frontend marks revealing radios aria-expanded, which ARIA
  // does not allow on a radio (axe: critical). The details simply follow the question.
  Field anonymous = field("referrer-anonymous", "Does the referrer want to stay anonymous?",
                          a.referrer_anonymous, by_input);
  anonymous.hint = "An anonymous referrer's name and details are not recorded.";
  std::vector<Choice> choices{{"yes", "Yes", ""}, {"no", "No", ""}};
  PageSpec spec{"referrer", "Who told the hub?", "", "Continue"};
  send_form_page(
      res, session, spec,
      {render_partial("field_radios", radios_field(anonymous, choices)),
       "<h2 class=\"govuk-heading-m\">The referrer's details</h2>"
       "<p class=\"govuk-body\">Leave these empty if the referrer wants to stay anonymous.</p>",
       text("referrer-name", "Name", a.referrer_name, ""),
       text("referrer-organisation", "Organisation", a.referrer_organisation, ""),
       text("referrer-role", "Role", a.referrer_role, ""),
       text("referrer-phone", "Phone number", a.referrer_phone, "govuk-input--width-20", "tel"),
       text("referrer-email", "Email address", a.referrer_email, "", "email")},
      errors, to_check, "/contacts/new/received");
}

// --- subject/N -----------------------------------------------------------------------------

void show_subject(const app::Session& session, size_t n, const SubjectAnswers& s,
                  const std::vector<FieldError>& errors, bool to_check, httplib::Response& res) {
  auto by_input = errors_by_input(errors);
  auto text = [&](const char* id, const char* label, const std::string& value,
                  const char* classes = "", const char* hint = "") {
    Field f = field(id, label, value, by_input, classes, hint);
    f.autocomplete = "off";
    return render_partial("field_input", input_field(f));
  };
  Field dob = field("dob", "Date of birth", "", by_input, "",
                    "For example, 27 3 2014. Leave empty if not known.");
  dob.error = err(by_input, "dob-day");
  Field dob_kind = field("dob-kind", "Is the date of birth known?", s.dob_kind, by_input);
  std::vector<Choice> kinds = choices_of<DobKind>();
  for (auto& k : kinds)
    if (k.value == "expected") k.hint = "For an unborn child: the expected date of delivery";
  Field sex = field("sex", "Sex", s.sex, by_input);
  Field role = field("role", "Their part in the contact", s.role, by_input);

  PageSpec spec{"subject/" + std::to_string(n), "Subject " + std::to_string(n),
                "A child, an adult at risk, or someone else the contact is about.", "Save subject"};
  send_form_page(
      res, session, spec,
      {text("given-name", "Given name", s.given_name),
       text("family-name", "Family name", s.family_name),
       text("other-names", "Other names (optional)", s.other_names, "",
            "Aliases or previous names"),
       render_partial("field_date", date_field(dob, s.dob_day, s.dob_month, s.dob_year)),
       render_partial("field_radios", radios_field(dob_kind, kinds, true)),
       render_partial("field_radios", radios_field(sex, choices_of<Sex>(), true)),
       render_partial("field_radios", radios_field(role, choices_of<SubjectRole>(), true)),
       text("address-line1", "Address line 1", s.line1),
       text("address-line2", "Address line 2 (optional)", s.line2),
       text("address-town", "Town or city", s.town, "govuk-!-width-two-thirds"),
       text("address-postcode", "Postcode", s.postcode, "govuk-input--width-10"),
       text("nhs-number", "NHS number (optional)", s.nhs_number, "govuk-input--width-10",
            "10 digits, for example 943 476 5919"),
       text("upn", "Unique pupil number (optional)", s.upn, "govuk-input--width-20",
            "13 characters, for example A123456789012")},
      errors, to_check, "/contacts/new/subjects");
}

SubjectAnswers subject_from_form(const Form& f) {
  SubjectAnswers s;
  s.given_name = form_value(f, "given-name");
  s.family_name = form_value(f, "family-name");
  s.other_names = form_value(f, "other-names");
  s.dob_day = form_value(f, "dob-day");
  s.dob_month = form_value(f, "dob-month");
  s.dob_year = form_value(f, "dob-year");
  s.dob_kind = form_value(f, "dob-kind");
  s.sex = form_value(f, "sex");
  s.role = form_value(f, "role");
  s.line1 = form_value(f, "address-line1");
  s.line2 = form_value(f, "address-line2");
  s.town = form_value(f, "address-town");
  s.postcode = form_value(f, "address-postcode");
  s.nhs_number = form_value(f, "nhs-number");
  s.upn = form_value(f, "upn");
  return s;
}

// --- concerns ------------------------------------------------------------------------------

void show_concerns(const app::Session& session, const ContactAnswers& a,
                   const std::vector<FieldError>& errors, bool to_check, httplib::Response& res) {
  auto by_input = errors_by_input(errors);
  Field issues =
      field("presenting-issues", "Presenting issues", "", by_input, "", "Select all that apply");
  Field narrative = field("narrative", "What happened?", a.narrative, by_input, "",
                          "What the referrer told the hub, in their words where you can: what "
                          "happened, when, and who was there");
  PageSpec spec{"concerns", "What is the concern?", "", "Continue"};
  send_form_page(
      res, session, spec,
      {render_partial("field_checkboxes",
                      checkboxes_field(issues, choices_of<PresentingIssue>(), a.presenting_issues)),
       render_partial("field_textarea", textarea_field(narrative, 10))},
      errors, to_check, "/contacts/new/subjects");
}

// --- consent -------------------------------------------------------------------------------

void show_consent(const app::Session& session, const ContactAnswers& a,
                  const std::vector<FieldError>& errors, bool to_check, httplib::Response& res) {
  auto by_input = errors_by_input(errors);
  Field status =
      field("consent-status", "Did the family consent to the referral and to information sharing?",
            a.consent_status, by_input);
  // Not a conditional reveal, for the reason given in show_referrer.
  Field reason = field("consent-reason", "If consent was not sought, why not?", a.consent_reason,
                       by_input, "", "For example, seeking consent would place the child at risk");
  PageSpec spec{"consent", "Consent", "", "Continue"};
  send_form_page(res, session, spec,
                 {render_partial("field_radios", radios_field(status, choices_of<ConsentStatus>())),
                  render_partial("field_textarea", textarea_field(reason, 3))},
                 errors, to_check, "/contacts/new/concerns");
}

// Reads the subject number from "/contacts/new/subject/N": 1-based, at most one past the last.
size_t subject_number(const httplib::Request& req, const ContactAnswers& a) {
  int64_t n = parse_id(req.matches[1]);
  if (n < 1 || static_cast<size_t>(n) > a.subjects.size() + 1 ||
      static_cast<size_t>(n) > kMaxSubjectsPerContact)
    return 0;
  return static_cast<size_t>(n);
}

}  // namespace

// --- shared by the form's pages ------------------------------------------------------------

ContactAnswers load_answers(Site& site, const app::Session& session) {
  auto draft = site.hub.load_draft(session.actor(), kDraftKind);
  return draft ? answers_from_json(*draft) : ContactAnswers{};
}

void save_answers(Site& site, const app::Session& session, const ContactAnswers& answers) {
  site.hub.save_draft(session.actor(), kDraftKind, to_json(answers));
}

std::vector<FieldError> page_errors(Site& site, const ContactAnswers& answers,
                                    const std::string& page, bool validate) {
  std::vector<FieldError> out;
  std::set<std::string> inputs;
  auto add = [&](const FieldError& e) {
    FieldPlace place = place_of(e.field);
    if (place.page != page || !inputs.insert(place.input_id).second) return;
    out.push_back(e);
  };
  for (const auto& e : answers.submit_errors) add(e);
  if (validate) {
    std::vector<FieldError> problems;
    Contact contact = to_contact(answers, problems);
    if (page == "subjects" && answers.subjects.empty())
      problems.push_back({"subjects", "Add at least one subject"});
    for (const auto& e : problems) add(e);
    normalise_contact(contact);
    for (const auto& e : validate_contact(contact, site.hub.clock().now())) add(e);
  }
  return out;
}

std::map<std::string, std::string> errors_by_input(const std::vector<FieldError>& errors) {
  std::map<std::string, std::string> out;
  for (const auto& e : errors) out.emplace(place_of(e.field).input_id, e.message);
  return out;
}

std::vector<ErrorLink> error_links(const std::vector<FieldError>& errors, bool with_page) {
  std::vector<ErrorLink> out;
  for (const auto& e : errors) {
    FieldPlace place = place_of(e.field);
    std::string href;
    if (with_page && place.page != "check")
      href = "/contacts/new/" + place.page + "?return=check#" + place.input_id;
    else
      href = place.input_id.empty() ? "#main-content" : "#" + place.input_id;
    out.push_back({href, e.message});
  }
  return out;
}

std::string subject_name(const SubjectAnswers& s, size_t index) {
  std::string name = s.given_name;
  if (!s.family_name.empty()) {
    std::string family = s.family_name;
    for (auto& ch : family) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    name += (name.empty() ? "" : " ") + family;
  }
  return name.empty() ? "Subject " + std::to_string(index + 1) : name;
}

// Someone who may not record contacts is told so before filling in the form, not after.
bool may_record(Site& site, const app::Session& session, httplib::Response& res) {
  if (site.hub.may(session.actor(), policy::Action::contact_create)) return true;
  send_error_page(res, Error::forbidden("You cannot record contacts"), &session);
  return false;
}

void add_new_contact_routes(Routes& routes) {
  // Every handler: the signed-in session, the draft, and for a POST the CSRF check.
  auto get = [&routes](std::string path, std::string description, auto show) {
    routes.get(RouteKind::page, std::move(path), std::move(description),
               [show](Site& site, const httplib::Request& req, httplib::Response& res) {
                 auto session = require_session(site, req, res);
                 if (!session || !may_record(site, *session, res)) return;
                 show(site, *session, load_answers(site, *session), req, res);
               });
  };
  auto post = [&routes](std::string path, std::string description, auto handle) {
    routes.post(RouteKind::page, std::move(path), std::move(description),
                [handle](Site& site, const httplib::Request& req, httplib::Response& res) {
                  auto session = require_session(site, req, res);
                  if (!session || !may_record(site, *session, res)) return;
                  Form form = parse_form(req.body);
                  if (!check_csrf(*session, form, res)) return;
                  ContactAnswers answers = load_answers(site, *session);
                  handle(site, *session, answers, form, req, res);
                });
  };

  get("/contacts/new", "Starts recording a contact: goes to its first page",
      [](Site&, const app::Session&, const ContactAnswers&, const httplib::Request&,
         httplib::Response& res) { redirect(res, "/contacts/new/received"); });

  get("/contacts/new/received", "New contact: when it was received and where from",
      [](Site& site, const app::Session& s, const ContactAnswers& a, const httplib::Request& req,
         httplib::Response& res) {
        show_received(site, s, a, page_errors(site, a, "received", false), returning(req), res);
      });
  post("/contacts/new/received", "New contact: saves when it was received and where from",
       [](Site& site, const app::Session& s, ContactAnswers& a, const Form& f,
          const httplib::Request& req, httplib::Response& res) {
         a.received_day = form_value(f, "received-day");
         a.received_month = form_value(f, "received-month");
         a.received_year = form_value(f, "received-year");
         a.received_time = form_value(f, "received-time");
         a.source = form_value(f, "source");
         std::vector<FieldError> errors;
         if (!save_page(site, s, a, "received", errors))
           return show_received(site, s, a, errors, returning(req), res);
         redirect(res, returning(req) ? "/contacts/new/check" : "/contacts/new/referrer");
       });

  get("/contacts/new/referrer", "New contact: who made the referral",
      [](Site& site, const app::Session& s, const ContactAnswers& a, const httplib::Request& req,
         httplib::Response& res) {
        show_referrer(s, a, page_errors(site, a, "referrer", false), returning(req), res);
      });
  post("/contacts/new/referrer", "New contact: saves who made the referral",
       [](Site& site, const app::Session& s, ContactAnswers& a, const Form& f,
          const httplib::Request& req, httplib::Response& res) {
         a.referrer_anonymous = form_value(f, "referrer-anonymous");
         a.referrer_name = form_value(f, "referrer-name");
         a.referrer_organisation = form_value(f, "referrer-organisation");
         a.referrer_role = form_value(f, "referrer-role");
         a.referrer_phone = form_value(f, "referrer-phone");
         a.referrer_email = form_value(f, "referrer-email");
         std::vector<FieldError> errors;
         if (!save_page(site, s, a, "referrer", errors))
           return show_referrer(s, a, errors, returning(req), res);
         redirect(res, returning(req) ? "/contacts/new/check" : "/contacts/new/subjects");
       });

  get("/contacts/new/subjects", "New contact: the people it is about",
      [](Site& site, const app::Session& s, const ContactAnswers& a, const httplib::Request& req,
         httplib::Response& res) {
        show_subjects(site, s, a, page_errors(site, a, "subjects", false), returning(req), res);
      });
  post("/contacts/new/subjects", "New contact: done adding people",
       [](Site& site, const app::Session& s, ContactAnswers& a, const Form&,
          const httplib::Request& req, httplib::Response& res) {
         std::vector<FieldError> errors;
         if (!save_page(site, s, a, "subjects", errors))
           return show_subjects(site, s, a, errors, returning(req), res);
         redirect(res, returning(req) ? "/contacts/new/check" : "/contacts/new/concerns");
       });

  get("/contacts/new/subject/{n}", "New contact: one person it is about",
      [](Site& site, const app::Session& s, const ContactAnswers& a, const httplib::Request& req,
         httplib::Response& res) {
        size_t n = subject_number(req, a);
        if (n == 0) return send_html(res, 404, status_page(404, &s));
        SubjectAnswers subject = n <= a.subjects.size() ? a.subjects[n - 1] : SubjectAnswers{};
        show_subject(s, n, subject, page_errors(site, a, "subject/" + std::to_string(n), false),
                     returning(req), res);
      });
  post("/contacts/new/subject/{n}", "New contact: saves one person it is about",
       [](Site& site, const app::Session& s, ContactAnswers& a, const Form& f,
          const httplib::Request& req, httplib::Response& res) {
         size_t n = subject_number(req, a);
         if (n == 0) return send_html(res, 404, status_page(404, &s));
         if (n > a.subjects.size()) a.subjects.emplace_back();
         a.subjects[n - 1] = subject_from_form(f);
         std::vector<FieldError> errors;
         if (!save_page(site, s, a, "subject/" + std::to_string(n), errors))
           return show_subject(s, n, a.subjects[n - 1], errors, returning(req), res);
         redirect(res, returning(req) ? "/contacts/new/check" : "/contacts/new/subjects");
       });
  post("/contacts/new/subject/{n}/remove", "New contact: removes one person",
       [](Site& site, const app::Session& s, ContactAnswers& a, const Form&,
          const httplib::Request& req, httplib::Response& res) {
         size_t n = subject_number(req, a);
         if (n == 0 || n > a.subjects.size()) return send_html(res, 404, status_page(404, &s));
         a.subjects.erase(a.subjects.begin() + static_cast<std::ptrdiff_t>(n - 1));
         a.submit_errors.clear();  // their subject numbers no longer match
         save_answers(site, s, a);
         redirect(res, returning(req) ? "/contacts/new/subjects?return=check"
                                      : "/contacts/new/subjects");
       });

  get("/contacts/new/concerns", "New contact: the presenting issues and what happened",
      [](Site& site, const app::Session& s, const ContactAnswers& a, const httplib::Request& req,
         httplib::Response& res) {
        show_concerns(s, a, page_errors(site, a, "concerns", false), returning(req), res);
      });
  post("/contacts/new/concerns", "New contact: saves the presenting issues and what happened",
       [](Site& site, const app::Session& s, ContactAnswers& a, const Form& f,
          const httplib::Request& req, httplib::Response& res) {
         a.presenting_issues = form_values(f, "presenting-issues");
         a.narrative = form_value(f, "narrative");
         std::vector<FieldError> errors;
         if (!save_page(site, s, a, "concerns", errors))
           return show_concerns(s, a, errors, returning(req), res);
         redirect(res, returning(req) ? "/contacts/new/check" : "/contacts/new/consent");
       });

  get("/contacts/new/consent", "New contact: consent",
      [](Site& site, const app::Session& s, const ContactAnswers& a, const httplib::Request& req,
         httplib::Response& res) {
        show_consent(s, a, page_errors(site, a, "consent", false), returning(req), res);
      });
  post("/contacts/new/consent", "New contact: saves consent",
       [](Site& site, const app::Session& s, ContactAnswers& a, const Form& f,
          const httplib::Request& req, httplib::Response& res) {
         a.consent_status = form_value(f, "consent-status");
         a.consent_reason = form_value(f, "consent-reason");
         std::vector<FieldError> errors;
         if (!save_page(site, s, a, "consent", errors))
           return show_consent(s, a, errors, returning(req), res);
         redirect(res, "/contacts/new/check");
       });

  get("/contacts/new/check", "New contact: check the answers",
      [](Site& site, const app::Session& s, const ContactAnswers& a, const httplib::Request&,
         httplib::Response& res) { show_check(site, s, a, a.submit_errors, res); });
  post("/contacts/new/check", "New contact: records the contact",
       [](Site& site, const app::Session& s, ContactAnswers&, const Form&, const httplib::Request&,
          httplib::Response& res) { submit_contact(site, s, res); });

  post("/contacts/new/discard", "New contact: discards the unfinished form",
       [](Site& site, const app::Session& s, ContactAnswers&, const Form&, const httplib::Request&,
          httplib::Response& res) {
         site.hub.discard_draft(s.actor(), kDraftKind);
         redirect(res, "/contacts");
       });
}

}  // namespace mash::web
