#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "runtime/audit/version_store.h"

namespace verdict {

// What the version store says about one version a decision names.
enum class StoreState {
  NotChecked,  // no store was given (or the decision names no such version)
  Verified,    // the object is there and its bytes hash to its name
  Absent,      // no object of that name
  Failed,      // the object is there but cannot be used: altered, or unreadable (detail says which, by hash)
};

// One version of a decision's `provenance`: what it is, the file it was
// read from, its SHA-256 and the store's verdict on it.
struct VersionEntry {
  std::string what;  // "ruleset", "model", "config"
  std::string file, sha256;
  StoreState state = StoreState::NotChecked;
  std::string detail;  // the store's message when Failed
};

// The versions and their bytes from the store.
struct DecisionVersions {
  std::string engine;  // provenance.engine
  std::vector<VersionEntry> entries;
  std::optional<std::string> ruleset_text;  // the ruleset's bytes, when the store holds them intact
};

// Reads the ruleset, model and config of `provenance` (a decision's
// `provenance` object, docs/decision.md) and, when `store` is not null,
// looks each up in it by hash. A version the decision names as `null` is
// left out.
DecisionVersions check_versions(const nlohmann::ordered_json& provenance, const VersionStore* store);

// "in the store, verified", "not in the store", ... for a reader.
std::string store_state_text(const VersionEntry& entry);

}  // namespace verdict
