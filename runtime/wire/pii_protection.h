#pragma once
#include <string>
#include <string_view>

namespace verdict {

// How the decision log keeps the @pii values of a request for replay
// (docs/audit.md#pii-in-the-log). Never in clear:
//  - Sealed: encrypted with AES-256-GCM under a key from `[trace]
//    pii_key_file` / `pii_key_env`; whoever holds the key can replay.
//  - Hashed: without a PII key but with the log's HMAC key, each value
//    replaced by its HMAC-SHA256 (a holder of the log key can tell whether
//    a record is about a given value); the record cannot be replayed.
//  - Withheld: without any key, the values are left out; not replayable.
struct PiiProtection {
  enum class Kind { Withheld, Hashed, Sealed };
  Kind kind = Kind::Withheld;
  std::string key;     // Sealed: the AES-256 key; Hashed: the HMAC key
  std::string key_id;  // Sealed: names the key in every record it sealed

  // From a key file's bytes (any length; kMinLogKeyBytes at least is the
  // caller's check): the AES key and the key id, both derived from them
  // with HMAC-SHA256, so the id says which key without revealing it.
  static PiiProtection sealed_with(std::string_view key_material);
  static PiiProtection hashed_with(std::string key) { return {Kind::Hashed, std::move(key), ""}; }
};

}  // namespace verdict
