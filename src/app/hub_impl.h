// Internals shared by the Hub's use-case files. Not part of app/'s face.
#pragma once

#include <string>
#include <string_view>

#include "app/hub.h"
#include "audit/audit.h"
#include "store/database.h"

namespace mash::app {

struct Hub::Impl {
  store::Database& db;
  const Clock& clock;
  HubOptions options;

  // The audit event for `actor` doing `action` ("contact.view", "session.sign_in", …).
  audit::Event event(const Actor& actor, std::string_view action, const std::string& record_type,
                     const std::string& record_id, const std::string& purpose, bool allowed,
                     const std::string& detail = "") const;
  // Records a refusal in its own transaction and returns the forbidden error to give back.
  Error refuse(const Actor& actor, policy::Action action, const std::string& record_type,
               const std::string& record_id, const std::string& purpose,
               const policy::Decision& decision);
};

std::string actor_kind_name(const Actor& actor);
std::string role_name(const Actor& actor);

}  // namespace mash::app
