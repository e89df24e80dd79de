#pragma once
#include <string>
#include <string_view>

namespace verdict {

// How one record of the decision log seals the one before it: record N+1's
// `prev` is link(line N), the first record's is genesis().
//
// Unkeyed, a link is the SHA-256 of the line and the genesis 64 zeros:
// anyone can recompute them, so the chain finds accidents and edits by
// whoever cannot also rewrite every later record. Keyed, a link is the
// HMAC-SHA256 of the line under a secret key and the genesis the HMAC of
// kKeyedGenesisText: without the key no record can be changed, added or
// removed (nor a fresh log started) without `verdict audit --key-*` seeing
// it. Neither proves that records were not cut from the end: that needs a
// head kept elsewhere (`--expect-head`), docs/audit.md.
class LogChain {
 public:
  LogChain() = default;  // unkeyed
  // Keyed by `key`; an empty key is unkeyed.
  explicit LogChain(std::string key) : key_(std::move(key)) {}

  bool keyed() const { return !key_.empty(); }
  std::string link(std::string_view line) const;
  std::string genesis() const;
  // "SHA-256" or "HMAC-SHA256", as messages name the link.
  const char* link_name() const { return keyed() ? "HMAC-SHA256" : "SHA-256"; }
  bool same_key(const LogChain& other) const { return key_ == other.key_; }

 private:
  std::string key_;
};

inline constexpr const char* kLogGenesis = "0000000000000000000000000000000000000000000000000000000000000000";
inline constexpr const char* kKeyedGenesisText = "verdict decision log";
// The smallest key a keyed chain accepts: 32 bytes, the size of the digest.
inline constexpr size_t kMinLogKeyBytes = 32;

}  // namespace verdict
