#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "runtime/api/engine.h"
#include "runtime/audit/version_store.h"

namespace verdict {

// The engines that re-run logged decisions, one per set of versions (the
// ruleset, model and config hashes a decision's `provenance` names) and
// backend, each opened once from the bytes behind those hashes and never
// logging anything.
//
// Where the bytes come from: the version store (`[trace] store`); for an
// object the store does not hold, the file the decision names, if its
// bytes still hash the same. Bytes that hash otherwise are never used: the
// version is refused with both hashes named (an altered store object, a
// model file changed since).
class StoredVersions {
 public:
  // `store` may be null (files only); it must outlive this.
  explicit StoredVersions(const VersionStore* store) : store_(store) {}

  // The engine for `decision`'s versions on `backend`; null with `why`
  // (naming the version, its file and hash) when they cannot be had.
  const Engine* engine_for(const nlohmann::ordered_json& decision, BackendKind backend, std::string& why);

 private:
  std::unique_ptr<Engine> open(const nlohmann::ordered_json& provenance, const nlohmann::ordered_json& decision,
                               BackendKind backend, std::string& why) const;
  std::optional<std::string> bytes_of(const char* what, const nlohmann::ordered_json& version, std::string& why) const;

  const VersionStore* store_;
  std::map<std::string, std::unique_ptr<Engine>> engines_;  // by hashes and backend
  std::map<std::string, std::string> refused_;              // why, by the same key
};

}  // namespace verdict
