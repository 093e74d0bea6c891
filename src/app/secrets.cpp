#include "app/secrets.h"

#include <sodium.h>

#include <stdexcept>

namespace mash::app {

namespace {
void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

std::string random_token(const std::string& prefix) {
  init();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return prefix + out;
}

std::string token_hash(const std::string& token) {
  init();
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[2 * sizeof h + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string hash_password(const std::string& password, unsigned long long opslimit,
                          size_t memlimit) {
  init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), opslimit, memlimit) != 0)
    throw std::runtime_error("Not enough memory to hash a password");
  return out;
}

bool verify_password(const std::string& password, const std::string& hash) {
  init();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool same_secret(const std::string& a, const std::string& b) {
  init();
  const std::string ha = token_hash(a), hb = token_hash(b);
  return sodium_memcmp(ha.data(), hb.data(), ha.size()) == 0;
}

}  // namespace mash::app
