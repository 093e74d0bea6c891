// DASH (issue 4): recording a contact's DASH risk identification checklist and reading its
// history, and the hub's configuration for the admin page. The scoring and the routes to MARAC
// are domain/dash.h's; this file checks the input, asks policy, stores and audits.
#include <algorithm>
#include <charconv>

#include "app/hub.h"
#include "app/hub_impl.h"
#include "audit/audit.h"
#include "domain/london_time.h"
#include "store/contacts.h"
#include "store/dash.h"

namespace mash::app {

using policy::Action;

namespace {

constexpr size_t kMaxReason = 2000;
constexpr int kMaxIncidents = 1000;

std::optional<int> whole_number(const std::string& text) {
  int n = 0;
  const char* end = text.data() + text.size();
  auto [at, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc{} || at != end) return std::nullopt;
  return n;
}

std::string question_words(int n) {
  return "question " + std::to_string(n) + " (" + std::string(dash_topic(n)) + ")";
}

// The checklist the input describes, or every problem with it, each naming its field. The
// subject is checked against the contact later, in the transaction.
Result<DashChecklist> checklist_of(const Hub::DashInput& in, const Date& today) {
  std::vector<FieldError> errors;
  DashChecklist c;
  for (const auto& [key, value] : in.answers) {
    const auto n = whole_number(key);
    if (!n || *n < 1 || *n > kDashQuestions)
      errors.push_back({"answers." + key, "There is no question " + key +
                                              ": the checklist's questions are numbered 1 to 24"});
  }
  for (int n = 1; n <= kDashQuestions; ++n) {
    const auto found = in.answers.find(std::to_string(n));
    const std::string field = "answers." + std::to_string(n);
    if (found == in.answers.end() || found->second.empty()) {
      errors.push_back({field, "Answer " + question_words(n) + ": yes, no or not known"});
      continue;
    }
    const auto a = parse_dash_answer(found->second);
    if (!a || *a == DashAnswer::not_asked)
      errors.push_back({field, "Answer " + question_words(n) + " with yes, no or not known"});
    else
      c.answers[static_cast<size_t>(n - 1)] = *a;
  }
  if (!in.judgement.empty()) {
    c.judgement = parse_risk_level(in.judgement);
    if (!c.judgement)
      errors.push_back({"judgement", "Professional judgement must be standard, medium or high"});
  }
  if (c.judgement) c.judgement_reason = trimmed(in.judgement_reason);
  if (c.judgement_reason.size() > kMaxReason)
    errors.push_back({"judgement_reason", "The reason must be 2,000 characters or fewer"});
  const std::string incidents = trimmed(in.incidents_last_12_months);
  if (incidents.empty()) {
    errors.push_back({"incidents_last_12_months",
                      "Enter the number of domestic abuse incidents in the last 12 months, 0 if "
                      "there were none"});
  } else if (const auto n = whole_number(incidents); !n) {
    errors.push_back({"incidents_last_12_months",
                      "The number of incidents must be a whole number, for example 2"});
  } else if (*n > kMaxIncidents) {
    errors.push_back(
        {"incidents_last_12_months", "The number of incidents must be 1,000 or fewer"});
  } else {
    c.incidents_last_12_months = *n;
  }
  if (const std::string date = trimmed(in.previous_marac_referral); !date.empty()) {
    c.previous_marac_referral = parse_iso_date(date);
    if (!c.previous_marac_referral)
      errors.push_back({"previous_marac_referral",
                        "The date of the last MARAC referral must be a real date, for example "
                        "2026-03-27"});
  }
  // The domain's own rules: a judgement needs its reason, no negative count, no future date.
  if (const Status s = validate(c, today); !s.ok())
    for (const FieldError& f : s.error().fields)
      if (std::none_of(errors.begin(), errors.end(),
                       [&](const FieldError& e) { return e.field == f.field; }))
        errors.push_back(f);
  if (!errors.empty()) return Error::invalid(std::move(errors), "The checklist has not been saved");
  return c;
}

std::string routes_text(const std::vector<MaracRoute>& routes) {
  std::string out;
  for (MaracRoute r : routes) out += (out.empty() ? "" : ",") + std::string(code_of(r));
  return out;
}

store::DashRow row_of(const Hub::DashAssessment& a) {
  store::DashRow r;
  r.contact_id = a.contact_id;
  r.subject_id = a.subject_id;
  for (size_t i = 0; i < r.answers.size(); ++i)
    r.answers[i] = std::string(code_of(a.checklist.answers[i]));
  r.judgement = a.checklist.judgement ? std::string(code_of(*a.checklist.judgement)) : "";
  r.judgement_reason = a.checklist.judgement_reason;
  r.incidents = a.checklist.incidents_last_12_months;
  r.previous_marac =
      a.checklist.previous_marac_referral ? to_iso(*a.checklist.previous_marac_referral) : "";
  r.score = a.outcome.score;
  r.answered = a.outcome.answered;
  r.high_risk_score = a.high_risk_score;
  r.level = std::string(code_of(a.outcome.level));
  r.marac_referral = a.outcome.refer_to_marac();
  r.marac_routes = routes_text(a.outcome.routes);
  r.assessed_by = a.assessed_by;
  r.assessed_at = to_rfc3339(a.assessed_at);
  r.assessed_epoch = a.assessed_at.epoch_seconds;
  return r;
}

// As recorded: the outcome is read back, not assessed again, so a later change to the hub's
// rules does not rewrite what was decided then.
Hub::DashAssessment assessment_of(const store::DashRow& r) {
  Hub::DashAssessment a;
  a.id = r.id;
  a.contact_id = r.contact_id;
  a.subject_id = r.subject_id;
  for (size_t i = 0; i < r.answers.size(); ++i)
    a.checklist.answers[i] = parse_dash_answer(r.answers[i]).value_or(DashAnswer::not_asked);
  a.checklist.judgement = parse_risk_level(r.judgement);
  a.checklist.judgement_reason = r.judgement_reason;
  a.checklist.incidents_last_12_months = static_cast<int>(r.incidents);
  a.checklist.previous_marac_referral = parse_iso_date(r.previous_marac);
  a.outcome.score = static_cast<int>(r.score);
  a.outcome.answered = static_cast<int>(r.answered);
  a.outcome.level = parse_risk_level(r.level).value_or(RiskLevel::standard);
  for (size_t at = 0; at < r.marac_routes.size();) {
    size_t comma = r.marac_routes.find(',', at);
    if (comma == std::string::npos) comma = r.marac_routes.size();
    if (auto route = parse_marac_route(r.marac_routes.substr(at, comma - at)))
      a.outcome.routes.push_back(*route);
    at = comma + 1;
  }
  a.high_risk_score = static_cast<int>(r.high_risk_score);
  a.assessed_by = r.assessed_by;
  a.assessed_at = parse_rfc3339(r.assessed_at).value_or(Timestamp{r.assessed_epoch, 0});
  return a;
}

}  // namespace

Result<Hub::DashAssessment> Hub::record_dash(const Actor& actor, int64_t contact_id,
                                             const DashInput& input) {
  const std::string id = std::to_string(contact_id);
  const std::string purpose = "screening: DASH risk identification checklist";
  const HubConfig& config = impl_->options.config;
  // Someone the configuration does not let record one is refused before their input is checked.
  if (auto d = could_ever(actor, Action::dash_record, config); !d.allowed)
    return impl_->refuse(actor, Action::dash_record, kContactRecord, id, purpose, d);

  const Timestamp now = impl_->clock.now();
  auto checklist = checklist_of(input, to_london(now).date);

  DashAssessment out;
  out.contact_id = contact_id;
  out.subject_id = input.subject_id;
  out.high_risk_score = config.dash.high_risk_score;
  out.assessed_by = actor.username;
  out.assessed_at = in_london_offset(now);

  bool found = false;
  std::optional<policy::Decision> refused;
  std::optional<Error> invalid;
  impl_->db.transact([&](store::Tx& tx) {
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    found = true;
    policy::Resource resource = impl_->resource_of(tx, *contact);
    resource.configured_roles = configured_roles(config, Action::dash_record);
    const policy::Decision d = policy::decide(actor, Action::dash_record, resource);
    if (!d.allowed) {
      audit::append(tx, impl_->event(actor, policy::action_name(Action::dash_record),
                                     kContactRecord, id, purpose, false, d.reason));
      refused = d;
      return;
    }
    // The checklist is judged only for those who may record one for this contact (a restricted
    // one is not theirs to be told about).
    if (!checklist.ok()) {
      invalid = checklist.error();
      return;
    }
    out.checklist = std::move(checklist).value();
    out.outcome = assess(out.checklist, to_london(now).date, config.dash);
    if (input.subject_id != 0 &&
        std::none_of(contact->subjects.begin(), contact->subjects.end(),
                     [&](const Subject& s) { return s.id == input.subject_id; })) {
      invalid = Error::invalid({{"subject_id", "Choose one of the contact's subjects"}},
                               "The checklist has not been saved");
      return;
    }
    store::DashRow row = row_of(out);
    store::insert_dash(tx, row);
    out.id = row.id;
    const DashOutcome& o = out.outcome;
    audit::append(
        tx, impl_->event(
                actor, policy::action_name(Action::dash_record), kContactRecord, id, purpose, true,
                "score " + std::to_string(o.score) + " of " + std::to_string(kDashQuestions) +
                    "; level " + std::string(code_of(o.level)) + "; MARAC referral: " +
                    (o.refer_to_marac() ? "yes (" + row.marac_routes + ")" : "no")));
  });
  if (refused) return Error::forbidden(refused->reason);
  if (!found) return Error::not_found("There is no contact " + id);
  if (invalid) return *invalid;
  impl_->changes.publish(contact_id);
  return out;
}

Result<std::vector<Hub::DashAssessment>> Hub::dash_of(const Actor& actor, int64_t contact_id) {
  const std::string id = std::to_string(contact_id);
  const std::string purpose = "screening: the contact's DASH checklists";
  if (auto d = could_ever(actor, Action::dash_view); !d.allowed)
    return impl_->refuse(actor, Action::dash_view, kContactRecord, id, purpose, d);
  std::optional<std::vector<DashAssessment>> out;
  std::optional<policy::Decision> refused;
  impl_->db.transact([&](store::Tx& tx) {
    auto contact = store::find_contact(tx, contact_id);
    if (!contact) return;
    const policy::Decision d =
        policy::decide(actor, Action::dash_view, impl_->resource_of(tx, *contact));
    if (!d.allowed) {
      audit::append(tx, impl_->event(actor, policy::action_name(Action::dash_view), kContactRecord,
                                     id, purpose, false, d.reason));
      refused = d;
      return;
    }
    out.emplace();
    for (const store::DashRow& r : store::dash_of(tx, contact_id)) out->push_back(assessment_of(r));
    // A contact without a checklist discloses nothing: only a read that shows one is audited
    // (the contact page asks on every view of a domestic-abuse contact).
    if (!out->empty())
      audit::append(
          tx,
          impl_->event(actor, policy::action_name(Action::dash_view), kContactRecord, id, purpose,
                       true, allowed_detail(d, std::to_string(out->size()) + " checklists shown")));
  });
  if (refused) return Error::forbidden(refused->reason);
  if (!out) return Error::not_found("There is no contact " + id);
  return std::move(*out);
}

Result<HubConfig> Hub::configuration(const Actor& actor) const {
  const policy::Decision d = policy::decide(actor, Action::configuration_view);
  if (!d.allowed)
    return impl_->refuse(actor, Action::configuration_view, "configuration", "",
                         "the hub's configuration", d);
  return impl_->options.config;
}

}  // namespace mash::app
