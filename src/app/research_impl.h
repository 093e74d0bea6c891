// Internals shared by the research use cases' files (app/hub_research*.cpp): how a stored
// request, its items and its redactions become what a reader may see, and the disclosure a read
// records. Not part of app/'s face.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/research.h"
#include "domain/agency.h"
#include "domain/contact.h"
#include "domain/hub_config.h"
#include "store/research.h"

namespace mash::app::research_detail {

// A stored time as London shows it (the epoch when the text does not parse).
Timestamp london(int64_t epoch);
Timestamp london(const std::string& rfc3339, int64_t fallback_epoch);
std::string join(const std::vector<std::string>& parts, const char* sep = ",");
std::vector<std::string> split(const std::string& text);  // the comma-separated parts
std::string agency_name(const std::vector<Agency>& agencies, const std::string& code);
// The request as its reader sees it, without the answer's items.
InformationRequest request_of(const store::RequestRow& row, const Contact& c,
                              const std::vector<Agency>& agencies, const Timestamp& now);
std::string item_key(int64_t id);  // "item:7", as policy names an item
std::string span_key(int64_t id);  // "span:12", as policy names a passage
// A stored redaction as its agency sees it, with its passage when the item is given.
Redaction redaction_of(const store::RedactionRow& r, const store::ItemRow* item);
// The answer's items as the actor may read them, under `withheld` (ids of withheld items and
// passages); the redactions themselves when `show_redactions`.
void fill_items(InformationRequest& out, const std::vector<store::ItemRow>& items,
                const std::vector<store::RedactionRow>& redactions,
                const std::vector<std::string>& withheld, bool show_redactions);
// What policy is told of an answer's items.
std::vector<policy::Item> policy_items(const std::string& agency,
                                       const std::vector<store::ItemRow>& items,
                                       const std::vector<store::RedactionRow>& redactions);
// "consent", a lawful basis's code, or "none recorded".
std::string basis_code(const std::optional<store::BasisRow>& b);
EnquiryBasis basis_of(const store::BasisRow& row, const HubConfig& config);
// Records that `actor` read another agency's answer (a disclosure of `kind`, "response_read" or
// "export": what was shown, what withheld, why and on what basis); returns a line for the audit
// event's detail.
std::string record_read(store::Tx& tx, const Actor& actor, int64_t contact_id,
                        const store::RequestRow& row, const std::vector<store::ItemRow>& items,
                        const std::vector<std::string>& redact, const std::string& purpose,
                        const std::string& basis, const Timestamp& now,
                        const char* kind = "response_read");

// The contact's outcome summaries, newest first: who to, when and why, without what they say.
std::vector<OutcomeSummary> contact_summaries(store::Tx& tx, int64_t contact_id);

}  // namespace mash::app::research_detail
