#include "domain/agency.h"

namespace mash {

std::span<const Agency> built_in_agencies() {
  static const Agency kAgencies[] = {
      {"police", "Police"},
      {"childrens_social_care", "Children's social care"},
      {"adult_social_care", "Adult social care"},
      {"health", "Health"},
      {"education", "Education"},
      {"probation", "Probation"},
      {"housing", "Housing"},
      {"youth_justice", "Youth justice"},
      {"domestic_abuse_service", "Domestic abuse service"},
  };
  return kAgencies;
}

namespace {

// ^[a-z][a-z0-9_]{1,39}$
bool is_agency_code(const std::string& code) {
  if (code.size() < 2 || code.size() > 40) return false;
  if (code[0] < 'a' || code[0] > 'z') return false;
  for (char c : code)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

std::vector<FieldError> validate_agency(const Agency& a) {
  std::vector<FieldError> errors;
  if (a.code.empty())
    errors.push_back({"code", "Enter a code for the agency, for example early_help"});
  else if (!is_agency_code(a.code))
    errors.push_back({"code",
                      "Agency code must be 2 to 40 lower-case letters, digits or underscores, "
                      "starting with a letter, like early_help"});
  if (is_blank(a.name))
    errors.push_back({"name", "Enter the agency's name, for example Early help"});
  else if (a.name.size() > 100)
    errors.push_back({"name", "Agency name must be 100 characters or fewer"});
  return errors;
}

}  // namespace mash
