#include "domain/user.h"

namespace mash {

namespace {

bool is_username_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

std::vector<FieldError> validate_user(const User& u) {
  std::vector<FieldError> errors;
  if (u.username.empty()) {
    errors.push_back({"username", "Enter a username, for example priya.shah"});
  } else if (u.username.size() < 3 || u.username.size() > 64) {
    errors.push_back({"username", "Username must be between 3 and 64 characters"});
  } else {
    for (char c : u.username) {
      if (!is_username_char(c)) {
        errors.push_back({"username",
                          "Username must only include letters, digits, full stops, hyphens and "
                          "underscores"});
        break;
      }
    }
  }
  if (is_blank(u.display_name))
    errors.push_back({"display_name", "Enter the person's name, for example Priya Shah"});
  else if (u.display_name.size() > 100)
    errors.push_back({"display_name", "Name must be 100 characters or fewer"});
  if (code_of(u.role).empty()) errors.push_back({"role", "Select a role"});
  if (u.agency.empty()) errors.push_back({"agency", "Select the person's agency"});
  return errors;
}

std::vector<FieldError> validate_password(const std::string& password) {
  std::vector<FieldError> errors;
  if (password.empty())
    errors.push_back({"password", "Enter a password"});
  else if (password.size() < 12)
    errors.push_back({"password", "Password must be 12 characters or more"});
  else if (password.size() > 1024)
    errors.push_back({"password", "Password must be 1,024 characters or fewer"});
  return errors;
}

bool is_hub_role(Role r) {
  switch (r) {
    case Role::referral_administrator:
    case Role::information_officer:
    case Role::social_worker:
    case Role::decision_maker:
    case Role::hub_manager:
      return true;
    case Role::agency_practitioner:
    case Role::analyst:
    case Role::auditor:
    case Role::system_administrator:
      return false;
  }
  return false;
}

}  // namespace mash
