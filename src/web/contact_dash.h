// DASH on the contact page (issue 4): the latest checklist's outcome — the MARAC referral as a
// tag with its text, the level, the score — its answers and the history, and the way to the form
// (GET and POST /contacts/{id}/dash: add_dash_routes in web/http.h). Internal to web/.
#pragma once

#include "web/session.h"
#include "web/view.h"

namespace mash::web {

struct DashSection {
  bool shown = false;  // for those who may see checklists, on a domestic-abuse contact or one
                       // that has a checklist
  mstch::map section;  // the data of contact_dash
};
// Reads the contact's checklists (audited as dash.view).
DashSection dash_section(Site& site, const app::Session& session, const Contact& contact);

}  // namespace mash::web
