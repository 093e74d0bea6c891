// The research use cases' shared internals (app/research_impl.h).
#include "app/research_impl.h"

#include <algorithm>
#include <set>

#include "app/hub_impl.h"
#include "domain/london_time.h"
#include "domain/working_time.h"
#include "store/research.h"

namespace mash::app {

policy::Resource Hub::Impl::request_resource(store::Tx& tx, const Contact& c,
                                             const std::string& agency) const {
  policy::Resource r = resource_of(tx, c);
  r.addressed_to = agency;
  return r;
}

namespace research_detail {

Timestamp london(int64_t epoch) { return in_london_offset(Timestamp{epoch, 0}); }
Timestamp london(const std::string& rfc3339, int64_t fallback_epoch) {
  return parse_rfc3339(rfc3339).value_or(london(fallback_epoch));
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size() && !text.empty()) {
    size_t comma = text.find(',', at);
    if (comma == std::string::npos) comma = text.size();
    if (comma > at) out.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

std::string agency_name(const std::vector<Agency>& agencies, const std::string& code) {
  for (const Agency& a : agencies)
    if (a.code == code) return a.name;
  return code;
}

// The request as its reader sees it, without the answer's items.
InformationRequest request_of(const store::RequestRow& row, const Contact& c,
                              const std::vector<Agency>& agencies, const Timestamp& now) {
  InformationRequest out;
  out.id = row.id;
  out.contact_id = row.contact_id;
  out.agency = row.agency;
  out.agency_name = agency_name(agencies, row.agency);
  out.question = row.question;
  out.narrative_reason = row.narrative_reason;
  if (!row.narrative_reason.empty()) {
    std::vector<Span> spans;
    const std::string marker = redaction_marker(
        parse_sensitivity(row.narrative_withheld_reason).value_or(Sensitivity::third_party));
    for (const std::string& passage : row.narrative_withheld)
      for (const auto& [begin, end] : find_passage(c.narrative, passage))
        spans.push_back({begin, end, marker});
    out.narrative_passages_withheld = row.narrative_withheld.size();
    out.narrative = spans.empty() ? c.narrative : redact(c.narrative, spans);
  }
  out.presenting_issues = c.presenting_issues;
  out.status = parse_request_status(row.status).value_or(RequestStatus::requested);
  out.requested_by = row.requested_by;
  out.requested_at = london(row.requested_at, row.requested_epoch);
  out.due_at = london(row.due_epoch);
  out.overdue =
      row.answered_epoch ? *row.answered_epoch > row.due_epoch : now.epoch_seconds > row.due_epoch;
  out.chased = row.chased_epoch.has_value();
  out.saved_by = row.saved_by;
  if (!row.saved_at.empty()) out.saved_at = parse_rfc3339(row.saved_at);
  out.answered_by = row.answered_by;
  if (row.answered_epoch) out.answered_at = london(row.answered_at, *row.answered_epoch);
  for (const auto& [subject_id, known] : row.subjects) {
    auto s = std::find_if(c.subjects.begin(), c.subjects.end(),
                          [&](const Subject& x) { return x.id == subject_id; });
    if (s == c.subjects.end()) continue;
    RequestSubject rs;
    rs.subject_id = subject_id;
    rs.role = s->role;
    rs.person = static_cast<const Person&>(*s);
    rs.known = parse_known(known).value_or(Known::unanswered);
    out.subjects.push_back(std::move(rs));
  }
  return out;
}

std::string item_key(int64_t id) { return "item:" + std::to_string(id); }
std::string span_key(int64_t id) { return "span:" + std::to_string(id); }

Redaction redaction_of(const store::RedactionRow& r, const store::ItemRow* item) {
  Redaction out;
  out.id = r.id;
  out.item_id = r.item_id;
  if (item && r.end <= static_cast<int64_t>(item->body.size()) && r.begin <= r.end)
    out.passage = item->body.substr(r.begin, r.end - r.begin);
  out.recipients = split(r.recipients);
  out.reason = parse_sensitivity(r.reason).value_or(Sensitivity::third_party);
  out.note = r.note;
  out.recorded_by = r.recorded_by;
  out.recorded_at = parse_rfc3339(r.recorded_at).value_or(Timestamp{});
  return out;
}

// The answer's items as `actor` may read them, under `decision.redact` (ids of withheld items
// and passages); the redactions themselves when `show_redactions`.
void fill_items(InformationRequest& out, const std::vector<store::ItemRow>& items,
                const std::vector<store::RedactionRow>& redactions,
                const std::vector<std::string>& withheld, bool show_redactions) {
  const std::set<std::string> hidden(withheld.begin(), withheld.end());
  for (const store::ItemRow& row : items) {
    ResponseItem item;
    item.id = row.id;
    item.kind = parse_item_kind(row.kind).value_or(ItemKind::summary);
    item.subject_id = row.subject_id;
    item.indicator = row.indicator;
    item.occurred_on = row.occurred_on;
    item.source_system = row.source_system;
    item.sensitivity = parse_sensitivity(row.sensitivity).value_or(Sensitivity::none);
    item.handling_code = row.handling_code;
    if (hidden.count(item_key(row.id))) {
      // Withheld whole: the marker only, nothing of what it says (its indicator is a finding
      // too, so it goes; its date and kind stay, so a reader knows something is held).
      item.withheld = true;
      item.text = redaction_marker(item.sensitivity);
      item.indicator.clear();
      item.source_system.clear();
      ++out.withheld_items;
    } else {
      std::vector<Span> spans;
      for (const store::RedactionRow& r : redactions)
        if (r.item_id == row.id && hidden.count(span_key(r.id)))
          spans.push_back(
              {static_cast<size_t>(r.begin), static_cast<size_t>(r.end),
               redaction_marker(parse_sensitivity(r.reason).value_or(Sensitivity::third_party))});
      item.passages_withheld = spans.size();
      item.text = redact(row.body, std::move(spans));
    }
    out.items.push_back(std::move(item));
  }
  if (show_redactions)
    for (const store::RedactionRow& r : redactions) {
      auto item = std::find_if(items.begin(), items.end(),
                               [&](const store::ItemRow& i) { return i.id == r.item_id; });
      Redaction x = redaction_of(r, item == items.end() ? nullptr : &*item);
      // A decision maker of an agency a passage is withheld from is told it is, not what it says.
      if (hidden.count(span_key(r.id))) x.passage.clear();
      out.redactions.push_back(std::move(x));
    }
}

// What policy is told of an answer's items.
std::vector<policy::Item> policy_items(const std::string& agency,
                                       const std::vector<store::ItemRow>& items,
                                       const std::vector<store::RedactionRow>& redactions) {
  std::vector<policy::Item> out;
  for (const store::ItemRow& row : items) {
    policy::Item item;
    item.id = item_key(row.id);
    item.agency = agency;
    item.mark = parse_sensitivity(row.sensitivity).value_or(Sensitivity::none);
    item.handling_code = row.handling_code;
    for (const store::RedactionRow& r : redactions)
      if (r.item_id == row.id) item.spans.push_back({span_key(r.id), split(r.recipients)});
    out.push_back(std::move(item));
  }
  return out;
}

std::string basis_code(const std::optional<store::BasisRow>& b) {
  if (!b) return "none recorded";
  if (b->consent == "given") return "consent";
  return b->lawful_basis;
}

EnquiryBasis basis_of(const store::BasisRow& row, const HubConfig& config) {
  EnquiryBasis b;
  b.consent = from_code<ConsentStatus>(row.consent).value_or(ConsentStatus::not_sought);
  b.lawful_basis = row.lawful_basis;
  const LawfulBasis* known = config.lawful_basis(row.lawful_basis);
  b.lawful_basis_name = known ? known->name : row.lawful_basis;
  b.reason = row.reason;
  b.recorded_by = row.recorded_by;
  b.recorded_at = parse_rfc3339(row.recorded_at).value_or(Timestamp{});
  return b;
}

std::string record_read(store::Tx& tx, const Actor& actor, int64_t contact_id,
                        const store::RequestRow& row, const std::vector<store::ItemRow>& items,
                        const std::vector<std::string>& redact, const std::string& purpose,
                        const std::string& basis, const Timestamp& now, const char* kind) {
  std::vector<std::string> shown;
  const std::set<std::string> withheld(redact.begin(), redact.end());
  for (const auto& i : items)
    if (!withheld.count(item_key(i.id))) shown.push_back(item_key(i.id));
  store::DisclosureRow disclosure;
  disclosure.contact_id = contact_id;
  disclosure.request_id = row.id;
  disclosure.kind = kind;
  disclosure.from_agency = row.agency;
  disclosure.to_username = actor.username;
  disclosure.to_agency = actor.agency;
  disclosure.purpose = purpose;
  disclosure.basis = basis;
  disclosure.items = join(shown);
  disclosure.withheld = join(redact);
  disclosure.disclosed_at = to_rfc3339(in_london_offset(now));
  disclosure.disclosed_epoch = now.epoch_seconds;
  store::insert_disclosure(tx, disclosure);
  return row.agency + "#" + std::to_string(row.id) + " shown " + std::to_string(shown.size()) +
         " withheld " + std::to_string(redact.size());
}

}  // namespace research_detail
}  // namespace mash::app
