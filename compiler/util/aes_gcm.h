#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace verdict {

// Authenticated encryption with AES-256-GCM (OpenSSL): what seals the @pii
// values a decision log keeps for replay (docs/audit.md#pii-in-the-log).
inline constexpr size_t kAesKeyBytes = 32;
inline constexpr size_t kGcmNonceBytes = 12;
inline constexpr size_t kGcmTagBytes = 16;

// `plaintext` encrypted under `key` (kAesKeyBytes) with `nonce`
// (kGcmNonceBytes, never used twice with one key), `aad` authenticated but
// not encrypted: the ciphertext followed by its kGcmTagBytes tag.
// PRECONDITION: the key and nonce sizes above.
std::string aes256gcm_seal(std::string_view key, std::string_view nonce, std::string_view aad,
                           std::string_view plaintext);

// The plaintext of `sealed` (as aes256gcm_seal returns it); nullopt when its
// tag does not verify: another key, another `aad`, or altered bytes.
std::optional<std::string> aes256gcm_open(std::string_view key, std::string_view nonce, std::string_view aad,
                                          std::string_view sealed);

// `n` bytes from OpenSSL's CSPRNG; throws std::runtime_error if it fails.
std::string random_bytes(size_t n);

}  // namespace verdict
