// The "Subjects" list and "Check your answers" pages of the new-contact form, and recording the
// contact: Hub::record_contact validates it in full and its errors are shown here, each linking
// to the page and field that answers it, and on that page too.
#include "domain/contact.h"
#include "domain/london_time.h"
#include "web/new_contact.h"

namespace mash::web {

namespace {

template <class E>
std::string label_for(const std::string& code) {
  auto v = from_code<E>(code);
  return v ? std::string(label_of(*v)) : std::string{};
}

mstch::map row(const std::string& key, std::vector<std::string> lines, const std::string& href,
               const std::string& hidden) {
  mstch::array ls;
  bool any = false;
  for (auto& l : lines)
    if (!l.empty()) {
      ls.push_back(std::move(l));
      any = true;
    }
  if (!any) ls.push_back(std::string("Not given"));
  return mstch::map{{"key", key}, {"lines", ls}, {"href", href}, {"hidden", hidden}};
}

std::string typed_date(const std::string& d, const std::string& m, const std::string& y) {
  if (d.empty() && m.empty() && y.empty()) return {};
  int day = std::atoi(d.c_str()), month = std::atoi(m.c_str()), year = std::atoi(y.c_str());
  Date date{year, month, day};
  if (is_valid(date)) return format_date(date);
  return d + " " + m + " " + y;
}

mstch::map section(const std::string& title, mstch::array rows, const std::string& extra_href = "",
                   const std::string& extra_text = "") {
  return mstch::map{
      {"title", title}, {"rows", rows}, {"extra_href", extra_href}, {"extra_text", extra_text}};
}

}  // namespace

void show_subjects(Site&, const app::Session& session, const ContactAnswers& a,
                   const std::vector<FieldError>& errors, bool to_check, httplib::Response& res) {
  mstch::array subjects;
  for (size_t i = 0; i < a.subjects.size(); ++i) {
    const auto& s = a.subjects[i];
    std::string n = std::to_string(i + 1);
    std::string dob = typed_date(s.dob_day, s.dob_month, s.dob_year);
    if (!dob.empty()) dob = "Born " + dob;
    if (s.dob_kind == "expected" && !dob.empty()) dob = "Expected " + dob.substr(5);
    subjects.push_back(mstch::map{
        {"name", subject_name(s, i)},
        {"role", label_for<SubjectRole>(s.role)},
        {"dob", dob},
        {"change_href", "/contacts/new/subject/" + n + (to_check ? "?return=check" : "")},
        {"remove_action",
         "/contacts/new/subject/" + n + "/remove" + (to_check ? "?return=check" : "")},
    });
  }
  auto by_input = errors_by_input(errors);
  Layout layout;
  layout.title = "Who is the contact about?";
  layout.session = &session;
  layout.nav = "new";
  layout.errors = error_links(errors, false);
  layout.back_href = to_check ? "/contacts/new/check" : "/contacts/new/referrer";
  std::string subjects_error = by_input.count("add-subject") ? by_input["add-subject"] : "";
  // Errors on one subject are shown against it in the list too, linking to its page.
  mstch::array subject_errors;
  for (const auto& e : errors) {
    FieldPlace place = place_of(e.field);
    if (place.page.rfind("subject/", 0) == 0) subject_errors.push_back(e.message);
  }
  bool can_add = a.subjects.size() < kMaxSubjectsPerContact;
  send_html(res, errors.empty() ? 200 : 422,
            render_page("new_subjects",
                        mstch::map{{"has_subjects", !a.subjects.empty()},
                                   {"subjects", subjects},
                                   {"subjects_error", subjects_error},
                                   {"can_add", can_add},
                                   {"add_href", "/contacts/new/subject/" +
                                                    std::to_string(a.subjects.size() + 1) +
                                                    (to_check ? "?return=check" : "")},
                                   {"action", std::string("/contacts/new/subjects") +
                                                  (to_check ? "?return=check" : "")}},
                        layout));
}

void show_check(Site&, const app::Session& session, const ContactAnswers& a,
                const std::vector<FieldError>& errors, httplib::Response& res) {
  const std::string back = "?return=check";
  mstch::array sections;

  std::string received = typed_date(a.received_day, a.received_month, a.received_year);
  if (!received.empty()) received += " at " + a.received_time;
  sections.push_back(section(
      "The contact",
      mstch::array{row("Received", {received}, "/contacts/new/received" + back, "when received"),
                   row("Source", {label_for<ReferralSource>(a.source)},
                       "/contacts/new/received" + back, "source")}));

  mstch::array referrer;
  const std::string referrer_href = "/contacts/new/referrer" + back;
  if (a.referrer_anonymous == "yes") {
    referrer.push_back(row("Anonymous", {"Yes"}, referrer_href, "whether anonymous"));
  } else {
    referrer.push_back(row("Name", {a.referrer_name}, referrer_href, "referrer's name"));
    referrer.push_back(
        row("Organisation", {a.referrer_organisation}, referrer_href, "referrer's organisation"));
    referrer.push_back(row("Role", {a.referrer_role}, referrer_href, "referrer's role"));
    referrer.push_back(
        row("Phone number", {a.referrer_phone}, referrer_href, "referrer's phone number"));
    referrer.push_back(
        row("Email address", {a.referrer_email}, referrer_href, "referrer's email address"));
  }
  sections.push_back(section("Referrer", referrer));

  for (size_t i = 0; i < a.subjects.size(); ++i) {
    const auto& s = a.subjects[i];
    const std::string href = "/contacts/new/subject/" + std::to_string(i + 1) + back;
    const std::string who = subject_name(s, i);
    std::string dob = typed_date(s.dob_day, s.dob_month, s.dob_year);
    if (!dob.empty() && !s.dob_kind.empty() && s.dob_kind != "known")
      dob += " (" + label_for<DobKind>(s.dob_kind) + ")";
    sections.push_back(section(
        "Subject " + std::to_string(i + 1) + ": " + who,
        mstch::array{
            row("Name", {who}, href, "name of " + who),
            row("Other names", {s.other_names}, href, "other names of " + who),
            row("Date of birth", {dob}, href, "date of birth of " + who),
            row("Sex", {label_for<Sex>(s.sex)}, href, "sex of " + who),
            row("Part in the contact", {label_for<SubjectRole>(s.role)}, href, "part of " + who),
            row("Address",
                {s.line1, s.line2, s.town,
                 is_valid_uk_postcode(s.postcode) ? normalise_postcode(s.postcode) : s.postcode},
                href, "address of " + who),
            row("NHS number", {s.nhs_number}, href, "NHS number of " + who),
            row("Unique pupil number", {s.upn}, href, "unique pupil number of " + who),
        }));
  }
  if (a.subjects.empty())
    sections.push_back(
        section("Subjects", mstch::array{row("Subjects", {"None added"},
                                             "/contacts/new/subjects" + back, "subjects")}));

  std::vector<std::string> issues;
  for (const auto& code : a.presenting_issues) issues.push_back(label_for<PresentingIssue>(code));
  const std::string concerns_href = "/contacts/new/concerns" + back;
  sections.push_back(
      section("The concern",
              mstch::array{row("Presenting issues", issues, concerns_href, "presenting issues"),
                           row("What happened", {a.narrative}, concerns_href, "what happened")}));

  const std::string consent_href = "/contacts/new/consent" + back;
  mstch::array consent{
      row("Consent", {label_for<ConsentStatus>(a.consent_status)}, consent_href, "consent")};
  if (a.consent_status == "not_sought")
    consent.push_back(
        row("Why not sought", {a.consent_reason}, consent_href, "why consent was not sought"));
  sections.push_back(section("Consent", consent));

  Layout layout;
  layout.title = "Check your answers before recording the contact";
  layout.session = &session;
  layout.nav = "new";
  layout.errors = error_links(errors, true);
  layout.back_href = "/contacts/new/consent";
  send_html(res, errors.empty() ? 200 : 422,
            render_page("new_check",
                        mstch::map{{"sections", sections},
                                   {"subjects_href", "/contacts/new/subjects" + back}},
                        layout));
}

void submit_contact(Site& site, const app::Session& session, httplib::Response& res) {
  ContactAnswers answers = load_answers(site, session);
  std::vector<FieldError> problems;
  Contact contact = to_contact(answers, problems);
  if (!problems.empty()) {
    answers.submit_errors = problems;
    save_answers(site, session, answers);
    return show_check(site, session, answers, problems, res);
  }
  contact.agency = session.user.agency;
  contact.recorded_by = session.user.username;
  auto recorded = site.hub.record_contact(session.actor(), std::move(contact));
  if (recorded.ok()) {
    site.hub.discard_draft(session.actor(), kDraftKind);
    redirect(res, "/contacts/" + std::to_string(recorded->contact.id) + "?recorded=1");
    return;
  }
  const Error& e = recorded.error();
  if (e.kind == Error::Kind::invalid) {
    answers.submit_errors = e.fields;
    if (answers.submit_errors.empty()) answers.submit_errors.push_back({"", e.message});
    save_answers(site, session, answers);
    return show_check(site, session, answers, answers.submit_errors, res);
  }
  send_error_page(res, e, &session);
}

}  // namespace mash::web
