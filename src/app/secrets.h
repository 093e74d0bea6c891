// Random tokens and one-way hashes for sessions, API tokens and passwords (libsodium).
#pragma once

#include <string>

namespace mash::app {

// 32 random bytes, URL-safe base64 without padding, with a prefix ("mash_" for API tokens).
std::string random_token(const std::string& prefix = "");
// Hex BLAKE2b-256 of a token: what the store keeps instead of the token.
std::string token_hash(const std::string& token);
// Argon2id, as a self-describing string; throws std::runtime_error when out of memory.
std::string hash_password(const std::string& password, unsigned long long opslimit,
                          size_t memlimit);
bool verify_password(const std::string& password, const std::string& hash);
// Constant-time comparison of two strings of any length.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace mash::app
