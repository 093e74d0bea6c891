#include "web/dash_json.h"

#include <nlohmann/json.hpp>

namespace mash::web {

using nlohmann::json;

app::Hub::DashInput dash_input_from_json(const json& body, std::vector<FieldError>& errors) {
  app::Hub::DashInput in;
  in.incidents_last_12_months = std::to_string(0);  // not given: none known
  if (!body.is_object()) {
    errors.push_back({"",
                      "The body must be a JSON object: {\"answers\": {\"1\": \"yes\", …}, "
                      "\"incidents_last_12_months\": 0}"});
    return in;
  }
  auto text_or_null = [&](const std::string& key, const json& v, std::string& out) {
    if (v.is_null()) return;
    if (v.is_string())
      out = v.get<std::string>();
    else
      errors.push_back({key, "must be a string or null"});
  };
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const json& v = it.value();
    if (key == "answers") {
      if (!v.is_object()) {
        errors.push_back({key,
                          "must be an object of answers by question number: {\"1\": \"yes\", "
                          "\"2\": \"no\", \"3\": \"not_known\", …}"});
        continue;
      }
      for (auto a = v.begin(); a != v.end(); ++a) {
        if (a.value().is_string())
          in.answers[a.key()] = a.value().get<std::string>();
        else
          errors.push_back({"answers." + a.key(), "must be \"yes\", \"no\" or \"not_known\""});
      }
    } else if (key == "judgement") {
      text_or_null(key, v, in.judgement);
    } else if (key == "judgement_reason") {
      text_or_null(key, v, in.judgement_reason);
    } else if (key == "previous_marac_referral") {
      text_or_null(key, v, in.previous_marac_referral);
    } else if (key == "incidents_last_12_months") {
      if (v.is_number_integer())
        in.incidents_last_12_months = std::to_string(v.get<long long>());
      else
        errors.push_back({key, "must be a whole number, 0 or more"});
    } else if (key == "subject_id") {
      if (v.is_number_integer() && v.get<long long>() > 0)
        in.subject_id = v.get<int64_t>();
      else if (!v.is_null())
        errors.push_back({key, "must be the id of one of the contact's subjects, or null"});
    } else {
      errors.push_back({key,
                        "is not a field of a DASH checklist (answers, judgement, "
                        "judgement_reason, incidents_last_12_months, "
                        "previous_marac_referral, subject_id)"});
    }
  }
  return in;
}

json dash_to_json(const app::Hub::DashAssessment& a) {
  json answers = json::object();
  for (int n = 1; n <= kDashQuestions; ++n)
    answers[std::to_string(n)] =
        std::string(code_of(a.checklist.answers[static_cast<size_t>(n - 1)]));
  json routes = json::array();
  for (MaracRoute r : a.outcome.routes) routes.push_back(std::string(code_of(r)));
  const auto& c = a.checklist;
  return json{
      {"id", a.id},
      {"contact_id", a.contact_id},
      {"subject_id", a.subject_id ? json(a.subject_id) : json(nullptr)},
      {"answers", answers},
      {"judgement", c.judgement ? json(std::string(code_of(*c.judgement))) : json(nullptr)},
      {"judgement_reason", c.judgement ? json(c.judgement_reason) : json(nullptr)},
      {"incidents_last_12_months", c.incidents_last_12_months},
      {"previous_marac_referral",
       c.previous_marac_referral ? json(to_iso(*c.previous_marac_referral)) : json(nullptr)},
      {"score", a.outcome.score},
      {"answered", a.outcome.answered},
      {"high_risk_score", a.high_risk_score},
      {"level", std::string(code_of(a.outcome.level))},
      {"marac_referral", a.outcome.refer_to_marac()},
      {"marac_routes", routes},
      {"assessed_by", a.assessed_by},
      {"assessed_at", to_rfc3339(a.assessed_at)},
  };
}

}  // namespace mash::web
