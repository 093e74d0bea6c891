// The research pages over real HTTP (issue 5): a decision maker records the basis for sharing
// (first with problems, each linked from the error summary, what was typed kept) and asks health
// and education; a health practitioner lands on their agency's queue, opens the request (the
// subjects and the question, not the referral's account), saves an answer part-way, comes back to
// it, is told what is missing, sends it with one item marked health-confidential, then withholds a
// passage from children's social care. An information officer reads the answer with the item and
// the passage withheld, a decision maker with the item; every read is a disclosure. And the words
// withheld appear in nothing the information officer can fetch: every page and API response about
// the contact, as raw bytes and with HTML's escapes undone.
#include "research_pages.h"

namespace mash::it {
namespace {

TEST_F(ResearchPages, TheBasisAndTheRequestsShowTheirProblemsAndKeepWhatWasTyped) {
  const int64_t id = new_enquiry("Basisford", *decider_token_);
  ASSERT_GT(id, 0);
  auto page = dm_.get(research_of(id));
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_TRUE(has(page->body, "<h1 class=\"govuk-heading-l\">MASH enquiry research</h1>"));
  EXPECT_TRUE(has(page->body, "No basis recorded yet. Agencies cannot be asked until it is."));
  EXPECT_FALSE(has(page->body, "action=\"" + research_of(id) + "/requests\""))
      << "no agency can be asked before the basis is recorded";
  EXPECT_TRUE(has(page->body, "href=\"/contacts/" + std::to_string(id) + "/disclosures\""));

  // Refused consent, and neither a lawful basis nor why: each named, linked to its field.
  auto refused = dm_.post_form(research_of(id) + "/basis", {{dm_.csrf_field(), dm_.csrf()},
                                                            {"consent", "refused"},
                                                            {"lawful_basis", ""},
                                                            {"reason", ""}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_TRUE(has(refused->body, "<title>Error: "));
  EXPECT_TRUE(has(refused->body, "There is a problem"));
  EXPECT_TRUE(has(refused->body,
                  "<a href=\"#lawful_basis\">Without consent, choose the lawful "
                  "basis for sharing: dpa_sch1_para18"));
  EXPECT_TRUE(has(refused->body,
                  "<a href=\"#basis-reason\">Say why sharing without consent is "
                  "necessary and proportionate</a>"));
  EXPECT_TRUE(has(refused->body, "id=\"lawful_basis\" name=\"lawful_basis\" type=\"radio\""))
      << "the first link's target is the first radio";
  EXPECT_TRUE(has(refused->body, "id=\"basis-reason\" name=\"reason\""));
  EXPECT_TRUE(has(refused->body, "value=\"refused\" checked")) << "the consent chosen is kept";
  EXPECT_TRUE(has(refused->body, "<details class=\"govuk-details\" open>"))
      << "the form with problems is open";

  // No consent answer at all: the words typed for why are kept.
  auto unanswered =
      dm_.post_form(research_of(id) + "/basis", {{dm_.csrf_field(), dm_.csrf()},
                                                 {"lawful_basis", "children_act_s47"},
                                                 {"reason", "Typed before choosing consent"}});
  ASSERT_TRUE(unanswered);
  EXPECT_EQ(unanswered->status, 422);
  EXPECT_TRUE(has(unanswered->body, "<a href=\"#consent\">"));
  EXPECT_TRUE(has(unanswered->body, "Typed before choosing consent</textarea>"));
  EXPECT_TRUE(has(unanswered->body, "value=\"children_act_s47\" checked"));

  record_basis(id);
  auto recorded = dm_.get(research_of(id) + "?done=basis");
  ASSERT_TRUE(recorded && recorded->status == 200);
  EXPECT_TRUE(has(recorded->body, "Basis for sharing recorded."));
  EXPECT_TRUE(has(recorded->body, "DPA 2018 Schedule 1 paragraph 18"));
  EXPECT_TRUE(has(recorded->body, "Seeking consent would place the child at risk"));
  // The configuration's suggestions for domestic abuse are checked: the core agencies and the
  // domestic-abuse service; an agency not suggested is offered unchecked.
  EXPECT_TRUE(has(recorded->body, "action=\"" + research_of(id) + "/requests\""));
  for (const char* suggested : {"police", "health", "education", "domestic_abuse_service"})
    EXPECT_TRUE(has(recorded->body, std::string("value=\"") + suggested + "\" checked"))
        << suggested << " should be suggested";
  EXPECT_TRUE(has(recorded->body, "value=\"youth_justice\">") ||
              has(recorded->body, "value=\"youth_justice\" "))
      << "an agency not suggested is offered";
  EXPECT_FALSE(has(recorded->body, "value=\"youth_justice\" checked"));
  EXPECT_TRUE(has(recorded->body, "Suggested for this contact&#39;s issues") ||
              has(recorded->body, "Suggested for this contact's issues"));

  // No agency and no question: both named; nothing sent.
  const int64_t before = count_rows("information_requests");
  auto nothing = dm_.post_form(research_of(id) + "/requests",
                               {{dm_.csrf_field(), dm_.csrf()},
                                {"question", ""},
                                {"narrative_reason", "Kept reason for sharing"}});
  ASSERT_TRUE(nothing);
  EXPECT_EQ(nothing->status, 422);
  EXPECT_TRUE(has(nothing->body, "<a href=\"#agencies\">Choose at least one agency to ask</a>"));
  EXPECT_TRUE(has(nothing->body, "<a href=\"#question\">Enter what you want the agencies"));
  EXPECT_TRUE(has(nothing->body, "Kept reason for sharing</textarea>"));
  EXPECT_FALSE(has(nothing->body, "value=\"health\" checked"))
      << "what was posted (no agency) is shown, not the suggestions";
  EXPECT_EQ(count_rows("information_requests"), before);

  ask(id, {"health", "education"});
  auto asked = dm_.get(research_of(id) + "?done=requests");
  ASSERT_TRUE(asked && asked->status == 200);
  EXPECT_TRUE(has(asked->body, "Requests sent to the agencies."));
  EXPECT_TRUE(has(asked->body,
                  "<caption class=\"govuk-table__caption govuk-table__caption--s\">"
                  "Each agency&#39;s reply</caption>") ||
              has(asked->body, "Each agency's reply</caption>"));
  EXPECT_TRUE(has(asked->body, ">Health</th>"));
  EXPECT_TRUE(has(asked->body, ">Education</th>"));
  EXPECT_TRUE(has(asked->body, ">Requested</strong>"));
  EXPECT_FALSE(has(asked->body, "value=\"health\"")) << "an agency asked is not offered again";
  EXPECT_EQ(count_rows("information_requests"), before + 2);

  // A referral administrator neither records a basis nor asks; without a CSRF token nothing is.
  Browser ra;
  ASSERT_EQ(ra.sign_in(kReferralAdministrator, password_of(kReferralAdministrator))->status, 303);
  ra.get("/contacts");
  auto refused_ra = ra.post_form(
      research_of(id) + "/requests",
      {{ra.csrf_field(), ra.csrf()}, {"agencies", "police"}, {"question", "Anything?"}});
  ASSERT_TRUE(refused_ra);
  EXPECT_EQ(refused_ra->status, 403);
  auto forged = dm_.post_form(research_of(id) + "/requests",
                              {{"agencies", "police"}, {"question", "No CSRF token"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 400);
  EXPECT_EQ(count_rows("information_requests"), before + 2);
}

TEST_F(ResearchPages, AHealthPractitionerAnswersAndTheHubReadsWhatItsMarksAllow) {
  const std::string family = "Researchworth";
  const int64_t id = new_enquiry(family, *decider_token_);
  ASSERT_GT(id, 0);
  record_basis(id);
  ask(id, {"health", "education"});

  // --- the health practitioner lands on their agency's queue ---------------------------------
  Browser nurse;
  auto signed_in = nurse.sign_in(kNurse, password_of(kNurse));
  ASSERT_TRUE(signed_in && signed_in->status == 303);
  EXPECT_EQ(signed_in->get_header_value("Location"), "/");
  auto home = nurse.get("/");
  ASSERT_TRUE(home);
  ASSERT_EQ(home->status, 303);
  EXPECT_EQ(home->get_header_value("Location"), "/requests");
  auto queue = nurse.get("/requests");
  ASSERT_TRUE(queue && queue->status == 200);
  EXPECT_TRUE(has(queue->body, "<h1 class=\"govuk-heading-l\">Information requests</h1>"));
  EXPECT_TRUE(has(queue->body, "<span class=\"govuk-caption-l\">Health</span>"));
  const int64_t health = request_in_queue(queue->body, family);
  ASSERT_GT(health, 0) << "the request to health is not in health's queue";
  const int64_t education = queued(teacher_, family);
  ASSERT_GT(education, 0) << "the request to education is not in education's queue";
  EXPECT_NE(health, education);
  EXPECT_FALSE(has(queue->body, "href=\"" + request_path(education) + "\""))
      << "health's queue shows education's request";
  EXPECT_TRUE(has(queue->body, "Matt RESEARCHWORTH, Julie RESEARCHWORTH"));

  // --- the request: who to search for and the question, not the referral's account -----------
  auto request = nurse.get(request_path(health));
  ASSERT_TRUE(request && request->status == 200);
  const std::string& html = request->body;
  for (const char* want :
       {"Information request to Health", "The people to search for", "Matt RESEARCHWORTH",
        "Julie RESEARCHWORTH", "2025-10-01", "1995-04-02", "9434765919", "1 Example Street",
        "BB2 1DH", "What do you know of the family?", "Send the answer", "Save and finish later",
        "Save and add more rows"})
    EXPECT_TRUE(has(html, want)) << "the request page does not show: " << want;
  EXPECT_FALSE(has(html, "Police attended a verbal argument"))
      << "the referral's narrative was not shared with the agency";
  EXPECT_FALSE(has(html, "What was reported"));
  EXPECT_FALSE(has(html, "PC 4127 Jones")) << "nor who referred";
  // And they still cannot open the contact itself.
  EXPECT_EQ(nurse.get("/contacts/" + std::to_string(id))->status, 403);
  EXPECT_EQ(nurse.get(research_of(id))->status, 403);

  // --- save part-way, come back ------------------------------------------------------------
  const auto subjects = subjects_in(html);
  ASSERT_EQ(subjects.size(), 2u);
  const std::string sum = row_of(html, "summary"), entry = row_of(html, "chronology");
  const std::string summary =
      "Both known to health visiting. Concerns were raised by her neighbour Ottoline "
      "Varga-Pemberton in October.";
  auto saved = nurse.post_form(request_path(health) + "/response",
                               answer_form(html,
                                           {{"known-" + subjects[0], "known"},
                                            {"item-" + sum + "-text", summary},
                                            {"item-" + entry + "-date", iso_date_in_days(-40)},
                                            {"item-" + entry + "-text", "Attended A and E"}},
                                           "0"));
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_EQ(saved->get_header_value("Location"), request_path(health) + "?done=saved");
  EXPECT_EQ(count_rows("response_items WHERE request_id = " + std::to_string(health)), 2)
      << "the summary and the chronology entry are kept, not the form's empty rows";
  auto back = nurse.get(request_path(health) + "?done=saved");
  ASSERT_TRUE(back && back->status == 200);
  EXPECT_TRUE(has(back->body, "Answer saved. It is not sent until you send it."));
  EXPECT_TRUE(has(back->body, ">Being answered</strong>"));
  EXPECT_TRUE(has(back->body, summary + "</textarea>")) << "the summary saved is shown again";
  EXPECT_TRUE(has(back->body, "Attended A and E</textarea>"));
  EXPECT_TRUE(has(back->body, "value=\"" + iso_date_in_days(-40) + "\""));
  EXPECT_TRUE(has(back->body, "id=\"known-" + subjects[0] + "\" name=\"known-" + subjects[0] +
                                  "\" type=\"radio\" value=\"known\" checked"));
  EXPECT_FALSE(has(back->body, "name=\"known-" + subjects[1] +
                                   "\" type=\"radio\" value=\"known\" "
                                   "checked"));
  // The hub sees that it is in progress, not what it says.
  auto in_progress = dm_.get(research_of(id));
  EXPECT_TRUE(has(in_progress->body, ">Being answered</strong>"));
  EXPECT_FALSE(has(in_progress->body, "Varga-Pemberton"));

  // --- send with an answer missing ---------------------------------------------------------
  const std::string& again = back->body;
  const std::string entry2 = row_of(again, "chronology");
  auto incomplete =
      nurse.post_form(request_path(health) + "/response",
                      answer_form(again,
                                  {{"known-" + subjects[0], "known"},
                                   {"item-" + row_of(again, "summary") + "-text", summary},
                                   {"item-" + entry2 + "-date", iso_date_in_days(-40)},
                                   {"item-" + entry2 + "-text", "Attended A and E"}},
                                  "1"));
  ASSERT_TRUE(incomplete);
  EXPECT_EQ(incomplete->status, 422);
  EXPECT_TRUE(has(incomplete->body, "<title>Error: "));
  EXPECT_TRUE(has(incomplete->body, "There is a problem"));
  EXPECT_TRUE(has(incomplete->body, "<a href=\"#known-" + subjects[1] +
                                        "\">Say whether your agency knows each subject"));
  EXPECT_TRUE(has(incomplete->body, "<a href=\"#item-" + entry2 +
                                        "-system\">Say which of your "
                                        "agency's systems holds it"));
  EXPECT_TRUE(has(incomplete->body, "id=\"item-" + entry2 + "-system-error\""));
  EXPECT_TRUE(has(incomplete->body, summary + "</textarea>")) << "what was typed is kept";
  auto still = nurse.get(request_path(health));
  EXPECT_TRUE(has(still->body, "Send the answer")) << "nothing was sent";

  // --- send it complete, one item health-confidential --------------------------------------
  const std::string confidential = "Mother treated for postnatal depression by Dr Quillfeather";
  const std::string sent = send_answer(health, summary, confidential);
  EXPECT_TRUE(has(sent, "Answer sent to the MASH."));
  EXPECT_TRUE(has(sent, ">Answered</strong>"));
  EXPECT_FALSE(has(sent, "Send the answer")) << "a sent answer stands";
  EXPECT_TRUE(has(sent, confidential)) << "the agency sees its own answer";
  EXPECT_TRUE(has(sent, "Health-confidential") || has(sent, "health-confidential"));
  EXPECT_TRUE(has(sent, "Withhold a passage from other agencies"));

  // --- an information officer reads it: the health-confidential item is withheld -------------
  auto read = io_.get(research_of(id));
  ASSERT_TRUE(read && read->status == 200);
  EXPECT_TRUE(has(read->body, "Health&#39;s answer") || has(read->body, "Health's answer"));
  EXPECT_TRUE(has(read->body, "[redacted: health-confidential]"));
  EXPECT_FALSE(has(read->body, "postnatal depression"));
  EXPECT_FALSE(has(read->body, "Quillfeather"));
  EXPECT_TRUE(has(read->body, "1 item is withheld from you"));
  EXPECT_TRUE(has(read->body, "Ottoline Varga-Pemberton")) << "not yet withheld";
  EXPECT_FALSE(has(read->body, "Withhold a passage")) << "an information officer does not";
  // A decision maker reads the item.
  auto decider_read = dm_.get(research_of(id));
  ASSERT_TRUE(decider_read && decider_read->status == 200);
  EXPECT_TRUE(has(decider_read->body, confidential));
  EXPECT_FALSE(has(decider_read->body, "[redacted: health-confidential]"));
  EXPECT_TRUE(has(decider_read->body, ">Answered</strong>"));

  // --- the health practitioner withholds a passage from children's social care ---------------
  const std::string item = item_option(sent, "Summary: ");
  ASSERT_FALSE(item.empty()) << "the redaction form offers no summary";
  nurse_.get(request_path(health));
  auto wrong = withhold(health, item, "words that are not there", "childrens_social_care");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 422);
  EXPECT_TRUE(has(wrong->body,
                  "<a href=\"#redact-passage\">The item does not contain those "
                  "words: copy them from it (case and spacing may differ)</a>"));
  EXPECT_TRUE(has(wrong->body, "words that are not there</textarea>"));
  EXPECT_TRUE(has(wrong->body, "<details class=\"govuk-details\" open>"));
  const std::string passage = "her neighbour Ottoline Varga-Pemberton";
  auto withheld = withhold(health, item, passage, "childrens_social_care");
  ASSERT_TRUE(withheld);
  ASSERT_EQ(withheld->status, 303) << withheld->body;
  EXPECT_EQ(withheld->get_header_value("Location"), request_path(health) + "?done=redacted");
  auto own = nurse_.get(request_path(health) + "?done=redacted");
  EXPECT_TRUE(has(own->body, "Passage withheld."));
  EXPECT_TRUE(has(own->body, "“" + passage + "” withheld from Children"))
      << "the agency sees what it withheld";

  // --- the information officer reads the passage withheld --------------------------------------
  auto after = io_.get(research_of(id));
  ASSERT_TRUE(after && after->status == 200);
  EXPECT_TRUE(has(after->body,
                  "Both known to health visiting. Concerns were raised by "
                  "[redacted: third-party information] in October."));
  EXPECT_FALSE(has(after->body, "Ottoline"));
  EXPECT_FALSE(has(after->body, "Varga-Pemberton"));
  EXPECT_TRUE(has(after->body, "1 item is withheld from you; 1 passage is withheld from you"));

  // --- other agencies: education's practitioner cannot find health's request -----------------
  EXPECT_EQ(teacher_.get(request_path(health))->status, 404);
  teacher_.get(request_path(education));
  auto answer_theirs = teacher_.post_form(
      request_path(health) + "/response",
      {{teacher_.csrf_field(), teacher_.csrf()}, {"item-count", "0"}, {"send", "0"}});
  ASSERT_TRUE(answer_theirs);
  EXPECT_EQ(answer_theirs->status, 404);
  Browser housing;
  ASSERT_EQ(housing.sign_in(kHousing, password_of(kHousing))->status, 303);
  EXPECT_EQ(housing.get(request_path(health))->status, 404);
  EXPECT_EQ(request_in_queue(housing.get("/requests")->body, family), 0);
  auto education_page = teacher_.get(request_path(education));
  ASSERT_TRUE(education_page && education_page->status == 200);
  EXPECT_FALSE(has(education_page->body, "Varga-Pemberton")) << "education sees its own only";

  // --- the disclosures: each request sent and each read, with why and on what basis ---------
  auto disclosures = dm_.get("/contacts/" + std::to_string(id) + "/disclosures");
  ASSERT_TRUE(disclosures && disclosures->status == 200);
  const std::string& d = disclosures->body;
  EXPECT_TRUE(has(d, "<h1 class=\"govuk-heading-l\">Disclosures</h1>"));
  EXPECT_TRUE(has(d, "Information request " + reference_of(health) + " sent"));
  EXPECT_TRUE(has(d, "Information request " + reference_of(education) + " sent"));
  EXPECT_TRUE(has(d, "Answer to " + reference_of(health) + " read")) << "the reads are listed";
  EXPECT_TRUE(has(d, std::string(kOfficer) + " (Children")) << "to whom";
  EXPECT_TRUE(has(d, "MASH enquiry: reading the research")) << "the purpose";
  EXPECT_TRUE(has(d, "MASH enquiry: asking agencies what they know"));
  EXPECT_TRUE(has(d, "DPA 2018 Schedule 1 paragraph 18")) << "the basis";
  EXPECT_TRUE(has(d, "withheld: item:")) << "what was withheld, by id";
  EXPECT_FALSE(has(d, "Varga-Pemberton"));
  EXPECT_FALSE(has(d, "Quillfeather"));
  // Agencies do not see disclosures.
  EXPECT_EQ(nurse.get("/contacts/" + std::to_string(id) + "/disclosures")->status, 403);
}

// The words withheld from the information officer — a passage withheld from children's social
// care, and an item marked health-confidential — in every response they can fetch.
TEST_F(ResearchPages, WithheldWordsAppearInNothingTheRecipientCanFetch) {
  const std::string family = "Leakproof";
  const int64_t id = new_enquiry(family, *decider_token_);
  ASSERT_GT(id, 0);
  record_basis(id);
  ask(id, {"health", "education"});
  const int64_t health = queued(nurse_, family);
  const int64_t education = queued(teacher_, family);
  ASSERT_GT(health, 0);
  ASSERT_GT(education, 0);
  const std::string passage = "the lodger Peregrine Vantongeren-Oakhurst";
  const std::string confidential = "Father's HIV treatment at the Zephyrine clinic";
  const std::string sent = send_answer(
      health, "Known to the GP. Bruising reported by " + passage + " in May.", confidential);
  const std::string item = item_option(sent, "Summary: ");
  ASSERT_FALSE(item.empty());
  auto withheld = withhold(health, item, passage, "childrens_social_care");
  ASSERT_TRUE(withheld && withheld->status == 303) << (withheld ? withheld->body : "");
  // The officer reads the research (a disclosure and an audit event: both must carry nothing
  // withheld either), and the decision maker too.
  ASSERT_EQ(io_.get(research_of(id))->status, 200);
  ASSERT_EQ(dm_.get(research_of(id))->status, 200);

  const std::vector<std::string> secrets = {passage,      "Peregrine",     "Vantongeren",
                                            confidential, "HIV treatment", "Zephyrine"};
  // The subjects, as the contact's pages link to them.
  auto contact = io_.get("/contacts/" + std::to_string(id));
  ASSERT_TRUE(contact && contact->status == 200);
  const auto subjects = all_of(io_.get(research_of(id))->body, R"re(/subjects/(\d+)/access")re");
  ASSERT_EQ(subjects.size(), 2u);

  // Every GET route of the hub (`mash routes`) with this contact, its subjects and its requests.
  auto routes_out = run_mash({"routes", "--json"});
  ASSERT_EQ(routes_out.exit_code, 0) << routes_out.err;
  const json routes = json::parse(routes_out.out).at("routes");
  // Each placeholder filled with every value it can take here: a route about a request gets
  // both requests (health's, answered and redacted, and education's), one about a subject each
  // subject; any other {id} is the contact.
  std::vector<std::string> paths;
  const std::vector<std::string> request_ids = {std::to_string(health), std::to_string(education)};
  const std::string contact_id = std::to_string(id);
  std::function<void(const std::string&)> fill = [&](const std::string& path) {
    const size_t open = path.find('{');
    if (open == std::string::npos) return paths.push_back(path);
    const size_t close = path.find('}', open);
    const std::string name = path.substr(open, close + 1 - open);
    std::vector<std::string> values;
    if (name == "{request}" ||
        (name == "{id}" && open >= 9 && path.compare(open - 9, 9, "requests/") == 0))
      values = request_ids;
    else if (name == "{subject}")
      values = subjects;
    else if (name == "{id}")
      values = {contact_id};
    else
      ADD_FAILURE() << "GET " << path << ": the test does not know what to put for " << name
                    << ", so it cannot check what the route shows: teach it";
    for (const std::string& v : values) fill(path.substr(0, open) + v + path.substr(close + 1));
  };
  for (const json& r : routes) {
    const std::string path = r.at("path");
    // Assets and the new-contact form show nothing about anyone; the live board's stream is
    // read below.
    if (r.at("method") != "GET" || path == "/assets/*" || path == "/tracker/events" ||
        path.rfind("/contacts/new", 0) == 0)
      continue;
    fill(path);
  }
  for (const char* extra : {"/requests?answered=1", "/contacts?status=enquiry"})
    paths.push_back(extra);
  paths.push_back(research_of(id) + "?done=redacted");
  for (const char* must :
       {"/contacts/{id}", "/contacts/{id}/research", "/contacts/{id}/disclosures",
        "/contacts/{id}/subjects/{subject}/access", "/tracker", "/contacts", "/requests",
        "/requests/{id}", "/api/v1/contacts/{id}"})
    EXPECT_TRUE(std::any_of(routes.begin(), routes.end(),
                            [&](const json& r) { return r.at("path") == must; }))
        << must << " is not a route any more: the test would not fetch it";

  int fetched = 0, ok = 0;
  auto check = [&](const std::string& how, const std::string& path, const httplib::Result& res) {
    ASSERT_TRUE(res) << how << " " << path << ": no response";
    ++fetched;
    if (res->status == 200) ++ok;
    std::string all = res->body;
    for (const auto& [k, v] : res->headers) all += "\n" + k + ": " + v;
    const std::string text = unescaped(all);
    for (const std::string& secret : secrets) {
      EXPECT_EQ(all.find(secret), std::string::npos)
          << how << " GET " << path << " (" << res->status << ") contains \"" << secret << "\"";
      EXPECT_EQ(text.find(secret), std::string::npos)
          << how << " GET " << path << " (" << res->status << ") contains, unescaped, \"" << secret
          << "\"";
    }
  };
  for (const std::string& path : paths) {
    if (path.rfind("/api/", 0) == 0)
      check("the officer's token:", path, client().Get(path, bearer(*officer_token_)));
    else
      check("the officer's browser:", path, io_.get(path));
  }
  // The household's chronology exported (a POST, so not among the GET routes).
  check("the officer's export:", "/contacts/" + std::to_string(id) + "/chronology/export",
        io_.post_form("/contacts/" + std::to_string(id) + "/chronology/export",
                      {{io_.csrf_field(), io_.csrf()}, {"purpose", "Strategy discussion"}}));
  // The live board's stream, as much as it sends in a second.
  {
    std::string stream;
    auto c = client();
    c.set_read_timeout(1);
    const auto start = std::chrono::steady_clock::now();
    c.Get("/tracker/events", {{"Cookie", io_.cookie_header()}}, [&](const char* data, size_t n) {
      stream.append(data, n);
      return std::chrono::steady_clock::now() - start < std::chrono::seconds(1);
    });
    for (const std::string& secret : secrets)
      EXPECT_EQ(unescaped(stream).find(secret), std::string::npos) << "/tracker/events: " << secret;
  }
  // The pages that matter answered, rather than refusing: they were really looked at.
  std::printf("[ research   ] %d responses fetched as the information officer, %d of them 200\n",
              fetched, ok);
  EXPECT_GE(ok, 10) << fetched << " fetched";
  for (const std::string& path :
       {"/contacts/" + std::to_string(id), research_of(id),
        "/contacts/" + std::to_string(id) + "/disclosures",
        "/contacts/" + std::to_string(id) + "/subjects/" + subjects[0] + "/access",
        "/contacts/" + std::to_string(id) + "/subjects/" + subjects[1] + "/access",
        std::string("/tracker"), std::string("/contacts"), std::string("/requests"),
        request_path(health), request_path(education)})
    EXPECT_EQ(io_.get(path)->status, 200) << path;
  // And what the officer read is marked where the words were.
  auto research = io_.get(research_of(id));
  EXPECT_TRUE(
      has(research->body, "Bruising reported by [redacted: third-party information] in May."));
  EXPECT_TRUE(has(research->body, "[redacted: health-confidential]"));
  // The same pages do carry the words for those who may read them: the test would see a leak.
  EXPECT_TRUE(has(dm_.get(research_of(id))->body, confidential));
  EXPECT_TRUE(has(nurse_.get(request_path(health))->body, passage));
}

}  // namespace
}  // namespace mash::it
