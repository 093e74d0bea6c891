// What policy withholds from a reader of multi-agency research (issue 5) reaches no response of the
// API they can fetch: a passage redacted for their agency, and an item whose sensitivity mark is
// withheld from their role — not in the bytes, not JSON-escaped, not in any string once parsed.
#include <gtest/gtest.h>

#include "research_flow.h"

namespace mash::it {
namespace {

const json* to(const json& requests, const std::string& agency) {
  for (const json& r : requests)
    if (r.at("agency") == agency) return &r;
  return nullptr;
}

// Every string of a JSON document, keys too, as the reader's program sees them (unescaped).
void strings_of(const json& j, std::string& out) {
  if (j.is_string()) {
    out += j.get<std::string>() + "\n";
  } else if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      out += key + "\n";
      strings_of(value, out);
    }
  } else if (j.is_array()) {
    for (const json& v : j) strings_of(v, out);
  }
}

// `secret` is nowhere in the response: not in its raw bytes, not JSON-escaped, not in any of its
// strings once unescaped.
void expect_nowhere(const std::string& secret, const std::string& what,
                    const httplib::Result& res) {
  ASSERT_TRUE(res) << what;
  const std::string escaped = json(secret).dump();
  const bool raw = res->body.find(secret) != std::string::npos;
  const bool as_json = res->body.find(escaped.substr(1, escaped.size() - 2)) != std::string::npos;
  std::string all;
  json parsed = json::parse(res->body, nullptr, false);
  if (!parsed.is_discarded()) strings_of(parsed, all);
  const bool unescaped = all.find(secret) != std::string::npos;
  EXPECT_FALSE(raw || as_json || unescaped)
      << what << " has \"" << secret << "\"" << (raw ? " in its bytes" : "")
      << (as_json ? " JSON-escaped" : "") << (unescaped ? " in a string" : "") << ": " << res->body;
}

TEST(ApiResearch, WhatIsWithheldReachesNoResponseTheRecipientCanFetch) {
  const ResearchPeople& p = research_people();
  Enquiry e = enquiry_asking({"health", "police"});
  const int64_t health = e.request_id("health"), police = e.request_id("police");
  // A passage with characters JSON escapes (") and does not (’), so escaping cannot hide it.
  const std::string secret = "her neighbour \"Nan\" O’Other at 3 Hidden Row";
  const std::string confidential = "Father's methadone prescription";
  const json sent = body_of(
      api_post(request_path(health, "response"),
               answer(e, "health",
                      json::array({summary("Concerns were raised by " + secret + " in October."),
                                   {{"kind", "risk"},
                                    {"indicator", "substance_misuse"},
                                    {"text", confidential},
                                    {"sensitivity", "health_confidential"}}})),
               p.nurse.token),
      200);
  body_of(api_post(request_path(police, "response"),
                   answer(e, "police", json::array({summary("No trace of the family.")})),
                   p.researcher.token),
          200);
  auto made = api_post(request_path(health, "redactions"),
                       {{"item_id", sent.at("items")[0].at("id")},
                        {"passage", secret},
                        {"recipients", json::array({"childrens_social_care"})},
                        {"reason", "third_party"},
                        {"note", "The neighbour's identity"}},
                       p.nurse.token);
  const json redactions = body_of(made, 201);
  EXPECT_EQ(made->get_header_value("Location"), request_path(health));
  ASSERT_EQ(redactions.at("redactions").size(), 1u);
  EXPECT_EQ(redactions.at("redactions")[0].at("passage"), secret);
  EXPECT_EQ(redactions.at("redactions")[0].at("recipients"),
            json::array({"childrens_social_care"}));

  const json read = body_of(api_get(contact_path(e.contact, "research"), p.officer.token), 200);
  EXPECT_EQ(to(read.at("requests"), "health")->at("items")[0].at("text"),
            "Concerns were raised by [redacted: third-party information] in October.");
  EXPECT_EQ(to(read.at("requests"), "health")->at("items")[0].at("passages_withheld"), 1);
  // The agency that answered still reads its own words, and its redaction.
  const json own = body_of(api_get(request_path(health), p.nurse.token), 200);
  EXPECT_NE(own.at("items")[0].at("text").get<std::string>().find(secret), std::string::npos);
  EXPECT_EQ(own.at("redactions").size(), 1u);

  // Every GET of the API the recipient can reach about this contact and its requests: neither the
  // passage withheld from their agency nor (for the information officer) the health-confidential
  // item is in any of them. The decision maker reads the item, but not the passage.
  const std::string id = std::to_string(e.contact);
  const std::vector<std::string> paths = {
      "/api/v1/contacts/" + id + "/research",
      "/api/v1/contacts/" + id + "/research?purpose=Strategy%20discussion",
      "/api/v1/contacts/" + id + "/disclosures",
      "/api/v1/contacts/" + id,
      "/api/v1/contacts/" + id + "/rating",
      "/api/v1/contacts/" + id + "/decision",
      "/api/v1/contacts/" + id + "/dash",
      "/api/v1/requests",
      "/api/v1/requests?answered=true",
      request_path(health),
      request_path(police),
      "/api/v1/tracker",
      "/api/v1/notifications"};
  for (const ApiUser* reader : {&p.officer, &p.dm}) {
    int fetched = 0;
    for (const std::string& path : paths) {
      auto res = api_get(path, reader->token);
      ASSERT_TRUE(res) << path;
      EXPECT_LT(res->status, 500) << path << ": " << res->body;
      if (res->status == 200) ++fetched;
      expect_nowhere(secret, reader->username + " GET " + path, res);
      expect_nowhere("O’Other", reader->username + " GET " + path, res);
      if (reader == &p.officer) expect_nowhere(confidential, "GET " + path, res);
    }
    EXPECT_GE(fetched, 8) << reader->username << " could fetch too little for this to mean much";
  }
  const json dm = body_of(api_get(contact_path(e.contact, "research"), p.dm.token), 200);
  EXPECT_EQ(to(dm.at("requests"), "health")->at("items")[1].at("text"), confidential);
}

}  // namespace
}  // namespace mash::it
