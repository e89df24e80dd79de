#include "runtime/wire/pii_protection.h"

#include "compiler/util/sha256.h"

namespace verdict {

PiiProtection PiiProtection::sealed_with(std::string_view key_material) {
  std::string hex = hmac_sha256_hex(key_material, "verdict pii seal key");
  std::string key;
  for (size_t i = 0; i < hex.size(); i += 2) key += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return {Kind::Sealed, std::move(key), hmac_sha256_hex(key_material, "verdict pii key id").substr(0, 16)};
}

}  // namespace verdict
