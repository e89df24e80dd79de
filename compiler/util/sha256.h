#pragma once
#include <string>
#include <string_view>

namespace verdict {

// Lowercase hex SHA-256 of `data` (OpenSSL). Used to key compiled code by
// content and, later, to fingerprint rulesets, models and configs.
std::string sha256_hex(std::string_view data);

}  // namespace verdict
