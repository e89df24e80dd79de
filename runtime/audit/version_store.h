#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/deploy/deployment.h"

namespace verdict {

// The content-addressed store of every version a deployment decides with
// (`[trace] store`, docs/audit.md#the-version-store): the ruleset text, each
// model file and the config text (as hashed: secrets replaced), each kept as
// one file named by its SHA-256, the hash the decisions carry in
// `provenance`. Replay reads a decision's versions back from it by hash.
//
// INVARIANTS: an object is whole or absent (written to a temporary file,
// fsynced, renamed into place, the folder fsynced); an object is never
// rewritten; every read, and every put of an object already present,
// checks the bytes against their name, so an altered object is reported,
// never used. Safe for several processes (rename is atomic).
class VersionStore {
 public:
  // Opens the store folder, creating it if needed; null with `error`.
  static std::unique_ptr<VersionStore> open(const std::string& dir, std::string& error);

  // Keeps `bytes`, whose SHA-256 is `sha256` (checked). False with `error`
  // when it cannot be written, or an object of that name holds other bytes.
  bool put(std::string_view sha256, std::string_view bytes, std::string& error) const;
  // The bytes kept as `sha256`; nullopt with `error` when there is no such
  // object or its bytes no longer hash to its name.
  std::optional<std::string> get(std::string_view sha256, std::string& error) const;
  // Where the object `sha256` is kept.
  std::string object_path(std::string_view sha256) const;

 private:
  explicit VersionStore(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

// Puts every version `deployment` decides with into the store its config
// names; true when it names none. Called before the deployment decides
// anything (Engine: before it is swapped in), so each decision's versions
// are in the store before the decision is.
bool keep_versions(const Deployment& deployment, std::string& error);

}  // namespace verdict
