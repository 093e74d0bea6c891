#include "app/demo.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "app/research.h"
#include "store/accounts.h"
#include "synth/agency_records.h"
#include "synth/generator.h"

namespace mash::app {

namespace {

// The agency whose system would send a contact from this source.
std::string sending_agency(ReferralSource s) {
  switch (s) {
    case ReferralSource::police:
      return "police";
    case ReferralSource::schools:
    case ReferralSource::education_services:
      return "education";
    case ReferralSource::gp:
    case ReferralSource::health_visitor:
    case ReferralSource::school_nurse:
    case ReferralSource::other_primary_health:
    case ReferralSource::a_and_e:
    case ReferralSource::other_health:
      return "health";
    case ReferralSource::housing:
      return "housing";
    case ReferralSource::other_legal_agency:
      return "probation";
    default:
      return "";
  }
}

// Health, education and police indexes about the people the demo contacts name, each written
// the agency's way, so that the contact pages show real likely and possible matches.
int seed_agency_indexes(Hub& hub, const std::vector<Contact>& contacts, uint64_t seed) {
  std::vector<Subject> people;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const Contact& c : contacts)
    for (const Subject& s : c.subjects)
      if (seen.emplace(s.given_name, s.family_name, s.date_of_birth ? to_iso(*s.date_of_birth) : "")
              .second)
        people.push_back(s);
  std::map<std::string, std::vector<SourceRecordRow>> by_agency;
  for (const SourceRecord& r : synth::agency_records(people, local_date(hub.clock().now()), seed))
    by_agency[r.agency].push_back(
        source_record_row(r.source_id, r.person, by_agency[r.agency].size() + 2));
  int imported = 0;
  for (const auto& [agency, rows] : by_agency) {
    auto report = hub.import_source_records(command_line_actor(), agency, rows);
    if (!report)
      throw std::runtime_error("Cannot seed the demo " + agency +
                               " index: " + report.error().message);
    imported += static_cast<int>(report->imported);
  }
  return imported;
}

// A clock the demo sets to moments in the past, so that screening is seeded as it happened.
class SeedClock : public Clock {
 public:
  Timestamp now() const override { return t; }
  Timestamp t;
};

// Screening as a hub would have done it: contacts older than a week rated within the hour
// and decided in good time (some after a MASH enquiry), so the demo's board and notifications
// hold only what is live; newer ones left new, rated, or in enquiry, some of which will pass
// their due time as the demo runs.
// A MASH enquiry's research as it would have gone: the basis for sharing recorded, the agencies
// the configuration suggests asked ten minutes later, and, where time has allowed, some of them
// answered (health with a health-confidential item, the police with intelligence under handling
// code C), so that the research page shows items withheld from those not entitled to them.
void seed_research(Hub& past, SeedClock& at, const Contact& c, const Actor& worker, uint64_t roll,
                   int64_t now, const std::map<std::string, Actor>& answerers) {
  Research research(past);
  at.t = Timestamp{c.received_at.epoch_seconds + 65 * 60, 0};
  if (!research.record_basis(worker, c.id,
                             {"not_sought", "dpa_sch1_para18",
                              "Demo: seeking consent could place the child at risk of harm"}))
    return;
  at.t = Timestamp{c.received_at.epoch_seconds + 75 * 60, 0};
  auto asked = research.raise_requests(
      worker, c.id,
      {past.config().agencies_to_ask(c.presenting_issues),
       "Demo: what does your agency know of the family, and of any risk to the children?",
       "",
       {},
       ""});
  if (!asked) return;
  for (const InformationRequest& r : *asked) {
    auto who = answerers.find(r.agency);
    if (who == answerers.end() || roll % 2 == 1) continue;
    const int64_t answer_at = r.requested_at.epoch_seconds + 2 * 3600;
    if (answer_at > now) continue;
    at.t = Timestamp{answer_at, 0};
    // Events some weeks before the answer, whenever the demo runs.
    const std::string weeks_ago = to_iso(local_date(Timestamp{answer_at - 70 * 86400, 0}));
    const std::string months_ago = to_iso(local_date(Timestamp{answer_at - 113 * 86400, 0}));
    ResponseDraft d;
    for (const auto& s : r.subjects)
      d.known[s.subject_id] = s.role == SubjectRole::child ? "known" : "not_known";
    d.send = true;
    if (r.agency == "health") {
      d.items = {{"summary", "", "", "", "",
                  "Demo: the children are registered with the GP and "
                  "up to date with immunisations.",
                  "", ""},
                 {"risk", "", "mental_health", "", "",
                  "Demo: a parent is under the community "
                  "mental health team.",
                  "health_confidential", ""},
                 {"chronology", "", "", weeks_ago, "SystmOne",
                  "Demo: missed health visitor appointment.", "", ""}};
    } else if (r.agency == "police") {
      d.items = {{"summary", "", "", "", "",
                  "Demo: two domestic incidents at the address this "
                  "year.",
                  "", ""},
                 {"risk", "", "violence", "", "",
                  "Demo: intelligence of threats to a former "
                  "partner.",
                  "police_intelligence", "C"},
                 {"chronology", "", "", months_ago, "Niche",
                  "Demo: domestic incident, "
                  "no arrest.",
                  "", ""}};
    } else {
      d.items = {{"summary", "", "", "", "",
                  "Demo: attendance 91% this term; no concerns "
                  "recorded.",
                  "", ""}};
    }
    (void)research.respond(who->second, r.id, d);
  }
}

int seed_screening(Hub& hub, store::Database& db, const std::vector<Contact>& contacts,
                   const Actor& screener, const Actor& decider, uint64_t seed,
                   const std::map<std::string, Actor>& answerers) {
  SeedClock at;
  HubOptions options = administration_options();
  options.config = hub.config();
  Hub past(db, at, options);
  const int64_t now = hub.clock().now().epoch_seconds;
  auto moment = [](const Contact& c, int minutes) {
    return Timestamp{c.received_at.epoch_seconds + 60 * minutes, 0};
  };
  int screened = 0;
  for (const Contact& c : contacts) {
    const uint64_t roll = (static_cast<uint64_t>(c.id) * 2654435761u + seed) % 100;
    const bool recent = now - c.received_at.epoch_seconds < 7 * 86400;
    if (recent && roll < 30) continue;  // not screened yet
    const char* rating = roll % 10 == 0  ? "red"
                         : roll % 10 < 4 ? "amber"
                         : roll % 10 < 9 ? "green"
                                         : "blue";
    at.t = moment(c, 30);
    if (!past.rate_contact(screener, c.id, rating, "Demo: rated on the information in the contact"))
      continue;
    ++screened;
    const bool blue = std::string(rating) == "blue";
    if (recent) {
      if (roll >= 70 && !blue) {
        at.t = moment(c, 60);
        if (past.decide_contact(decider, c.id,
                                {"mash_enquiry", 3, screener.username,
                                 "Demo: the partners' information is needed", ""}))
          seed_research(past, at, c, screener, roll, now, answerers);
      }
      continue;
    }
    at.t = moment(c, 90);
    if (!blue && roll % 3 == 0) {
      (void)past.decide_contact(
          decider, c.id,
          {"mash_enquiry", 3, screener.username, "Demo: the partners' information is needed", ""});
      at.t = moment(c, 150);
      const bool cp = roll % 2 == 0;
      (void)past.decide_contact(
          decider, c.id,
          {cp ? "allocated_worker" : "advice_signpost", cp ? 4 : 2, cp ? screener.username : "",
           cp ? "Demo: child protection enquiries by the worker"
              : "Demo: early help through the school",
           ""});
    } else {
      const bool nfa = roll % 2 == 1;
      (void)past.decide_contact(decider, c.id,
                                {nfa ? "no_further_action" : "advice_signpost", nfa ? 1 : 2, "",
                                 nfa ? "Demo: no safeguarding concern" : "Demo: signposted", ""});
    }
  }
  return screened;
}

}  // namespace

SourceRecordRow source_record_row(const std::string& source_id, const Person& p, size_t line) {
  SourceRecordRow row;
  row.line = line;
  row.source_id = source_id;
  row.given_name = p.given_name;
  row.family_name = p.family_name;
  if (p.date_of_birth) row.date_of_birth = to_iso(*p.date_of_birth);
  row.sex = std::string(code_of(p.sex));
  row.address_line1 = p.address.line1;
  row.address_line2 = p.address.line2;
  row.town = p.address.town;
  row.postcode = p.address.postcode;
  row.nhs_number = p.nhs_number;
  row.upn = p.upn;
  return row;
}

DemoSeed seed_demo(Hub& hub, store::Database& db, uint64_t seed, int contacts) {
  DemoSeed out;
  int64_t users = 0;
  db.read([&](store::Tx& tx) { users = store::count_users(tx); });
  if (users > 0) return out;
  out.seeded = true;
  out.password = "demo-password-2026";
  const Actor admin = command_line_actor();
  const std::vector<DemoAccount> accounts = {
      {"ra.demo", Role::referral_administrator, "childrens_social_care"},
      {"io.demo", Role::information_officer, "childrens_social_care"},
      {"sw.demo", Role::social_worker, "childrens_social_care"},
      {"dm.demo", Role::decision_maker, "childrens_social_care"},
      {"hm.demo", Role::hub_manager, "childrens_social_care"},
      {"police.demo", Role::agency_practitioner, "police"},
      {"health.demo", Role::agency_practitioner, "health"},
      {"education.demo", Role::agency_practitioner, "education"},
      {"analyst.demo", Role::analyst, "childrens_social_care"},
      {"dpo.demo", Role::auditor, "childrens_social_care"},
      {"admin.demo", Role::system_administrator, "childrens_social_care"},
  };
  std::optional<Actor> front_door;
  std::map<Role, Actor> by_role;
  std::map<std::string, Actor> answerers;  // an agency's practitioner, who answers its requests
  for (const DemoAccount& a : accounts) {
    User u;
    u.username = a.username;
    u.display_name = std::string(label_of(a.role)) + " (demo)";
    u.role = a.role;
    u.agency = a.agency;
    auto added = hub.add_user(admin, u, out.password);
    if (!added)
      throw std::runtime_error("Cannot add demo user " + a.username + ": " + added.error().message);
    by_role[a.role] =
        Actor{Actor::Kind::user, added->id, added->username, added->role, added->agency};
    if (a.role == Role::agency_practitioner) answerers[a.agency] = by_role[a.role];
    if (a.role == Role::referral_administrator) front_door = by_role[a.role];
    out.accounts.push_back(a);
  }
  auto token = hub.create_agency_token(admin, "police", "Demo police PPN feed");
  if (token) out.police_token = token->token;

  synth::Generator generator(seed);
  std::vector<Contact> generated = generator.contacts(contacts, hub.clock().now(), 120);
  out.source_records = seed_agency_indexes(hub, generated, seed);
  std::vector<Contact> recorded;
  for (Contact& c : generated) {
    const std::string agency = sending_agency(c.source);
    Actor actor = *front_door;
    if (!agency.empty()) {
      actor =
          Actor{Actor::Kind::agency_system, 0, "Demo " + agency + " system", std::nullopt, agency};
      c.external_ref = "DEMO-" + std::to_string(out.contacts + 1);
    }
    if (auto r = hub.record_contact(actor, std::move(c))) {
      ++out.contacts;
      recorded.push_back(r->contact);
    }
  }
  out.screened = seed_screening(hub, db, recorded, by_role.at(Role::social_worker),
                                by_role.at(Role::decision_maker), seed, answerers);
  // A restricted contact (a hub employee's relative, say): the newest, open to the decision
  // maker only, so that the others can try break-glass on it.
  const auto newest = std::max_element(
      recorded.begin(), recorded.end(),
      [](const Contact& a, const Contact& b) { return a.received_at < b.received_at; });
  if (newest != recorded.end() &&
      hub.restrict_contact(admin, newest->id, {"dm.demo"},
                           "Demo: the subject is a relative of a member of the hub's staff")
          .ok())
    out.restricted_contact = newest->id;
  return out;
}

}  // namespace mash::app
