// Contacts and their subjects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "store/database.h"

namespace mash::store {

// Stores a contact and its subjects; returns the new id and sets contact.id and subject ids.
int64_t insert_contact(Tx& tx, Contact& contact);
std::optional<Contact> find_contact(Tx& tx, int64_t id);
void set_contact_status(Tx& tx, int64_t id, ContactStatus status);
// The id of the contact an agency sent with its own reference, if any.
std::optional<int64_t> find_contact_by_external_ref(Tx& tx, const std::string& agency,
                                                    const std::string& external_ref);

struct QueueQuery {
  std::optional<ContactStatus> status;
  std::optional<ReferralSource> source;
  int offset = 0;
  int limit = 25;
  // Restricted contacts are left out unless this user is granted them; none: every contact.
  std::optional<int64_t> visible_to;
};

// Contacts matching the query, newest received first, with their subjects.
std::vector<Contact> list_contacts(Tx& tx, const QueueQuery& q);
int64_t count_contacts(Tx& tx, const QueueQuery& q);

}  // namespace mash::store
