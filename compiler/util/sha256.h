#pragma once
#include <string>
#include <string_view>

namespace verdict {

// Lowercase hex SHA-256 of `data` (OpenSSL). Used to key compiled code by
// content and, later, to fingerprint rulesets, models and configs.
std::string sha256_hex(std::string_view data);

// Lowercase hex HMAC-SHA256 of `data` under `key` (OpenSSL): a digest only
// a holder of the key can compute, for the keyed decision log chain.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace verdict
