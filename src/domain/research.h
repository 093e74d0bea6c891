// Multi-agency research (issue 5): what an agency is asked in a MASH enquiry, what it answers, how
// sensitive each piece of its answer is, and the lawful basis on which the hub shares. Codes are
// what the store, the API and the audit log say; labels are what pages show.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace mash {

// A mark on an item an agency shares, saying who beyond the need to know must not read it.
enum class Sensitivity {
  none,
  health_confidential,   // clinical information: the health practitioner and decision makers
  police_intelligence,   // carries the police's handling code
  third_party,           // about someone other than the subjects
  subject_unaware,       // the subject does not know it is held
  confidential_address,  // where someone lives who must not be found
};

// Where an information request is: asked, part-answered (saved, not sent), answered.
enum class RequestStatus { requested, in_progress, answered };

// Whether an agency knows a subject: not yet said, known, or not known to it.
enum class Known { unanswered, known, not_known };

// What an item of a response is: the agency's summary, a structured risk indicator, or a dated
// chronology entry from its own systems.
enum class ItemKind { summary, risk, chronology };

// A structured risk indicator an agency can report, with its words.
struct RiskIndicator {
  std::string_view code;
  std::string_view label;
};

std::string_view code_of(Sensitivity s);
std::string_view label_of(Sensitivity s);  // "Health-confidential", …
std::optional<Sensitivity> parse_sensitivity(std::string_view code);
std::span<const Sensitivity> all_sensitivities();

std::string_view code_of(RequestStatus s);
std::string_view label_of(RequestStatus s);  // "Requested", "Being answered", "Answered"
std::optional<RequestStatus> parse_request_status(std::string_view code);

std::string_view code_of(Known k);  // "", "known", "not_known"
std::string_view label_of(Known k);
std::optional<Known> parse_known(std::string_view code);  // "" is unanswered

std::string_view code_of(ItemKind k);
std::optional<ItemKind> parse_item_kind(std::string_view code);

// Domestic abuse, weapons, violence, substance misuse, mental health, missing episodes, child
// exploitation, previous child protection, offending, housing instability, non-engagement.
std::span<const RiskIndicator> risk_indicators();
const RiskIndicator* risk_indicator(std::string_view code);

// A police intelligence handling code (the 3x5x2 model): P, lawful sharing permitted; C, lawful
// sharing permitted with conditions. Required on police intelligence and nothing else.
bool valid_handling_code(std::string_view code);

// A legal gateway for sharing without consent, as the hub's configuration lists them.
struct LawfulBasis {
  std::string code;  // "dpa_sch1_para18"
  std::string name;  // "UK GDPR Art 6(1)(e) and 9(2)(g); DPA 2018 Sch 1 para 18 …"
  bool operator==(const LawfulBasis&) const = default;
};

// UK GDPR Art 6(1)(e) with Art 9(2)(g) and DPA 2018 Schedule 1 paragraph 18; Children Act 1989
// s47 and s17; Care Act 2014 s42; Crime and Disorder Act 1998 s115.
std::vector<LawfulBasis> standard_lawful_bases();

// A span of text withheld from some readers: [begin, end) in bytes of the UTF-8 text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  std::string marker;  // "[redacted: third-party information]"
};

// `text` with each span replaced by its marker. Spans may overlap and come in any order; an
// overlap is withheld whole under the first span's marker. Spans past the end are clipped.
std::string redact(std::string_view text, std::vector<Span> spans);

// Every place `passage` occurs in `text` (not overlapping), for a reader who names the words to
// withhold rather than selecting them: letters A-Z match either case, and any run of spacing
// (spaces, tabs, line breaks) matches any other, so a passage retyped or copied across a line
// break is still found. Other characters match exactly. Empty when it does not occur, or is
// empty or only spacing.
std::vector<std::pair<size_t, size_t>> find_passage(std::string_view text,
                                                    std::string_view passage);

// "[redacted: health-confidential]", "[redacted: third-party information]": what a reader sees in
// place of what is withheld for this reason.
std::string redaction_marker(Sensitivity reason);

}  // namespace mash
