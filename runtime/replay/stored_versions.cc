#include "runtime/replay/stored_versions.h"

#include <unistd.h>

#include "compiler/util/bounded_file.h"
#include "compiler/util/sha256.h"

namespace verdict {
namespace {

using Json = nlohmann::ordered_json;

constexpr FileLimit kVersionFileLimit{"version file", kModelFileLimit.max_bytes};

std::string string_at(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// The versions a decision names, as one key: its hashes and the backend.
std::string versions_key(const Json& provenance, BackendKind backend) {
  std::string key(backend_kind_name(backend));
  for (const char* what : {"ruleset", "model", "config"}) {
    if (provenance.contains(what)) key += "/" + string_at(provenance[what], "sha256");
  }
  return key;
}

// Whether the deployment opened has the hashes the decision names.
bool same_hashes(const Deployment& deployment, const Json& provenance, std::string& why) {
  for (const VersionSource& v : deployment.versions()) {
    const char* what = v.what == "model file" ? "model" : v.what == "ruleset" ? "ruleset" : "config";
    std::string named = provenance.contains(what) ? string_at(provenance[what], "sha256") : "";
    if (named != v.sha256) {
      why = "the " + std::string(v.what) + " opened from the stored versions hashes to `" + v.sha256 + "`, not the `" +
            named + "` the decision names";
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> StoredVersions::bytes_of(const char* what, const Json& version, std::string& why) const {
  std::string sha = string_at(version, "sha256"), file = string_at(version, "file"), error;
  if (store_) {
    if (std::optional<std::string> bytes = store_->get(sha, error)) return bytes;
    if (::access(store_->object_path(sha).c_str(), F_OK) == 0) {  // there, but altered: never fall back
      why = "the " + std::string(what) + " `" + file + "` (" + sha + "): " + error;
      return std::nullopt;
    }
  }
  std::string bytes;
  if (FileRead read = read_bounded_file(file, kVersionFileLimit, bytes); !read) {
    why = "the " + std::string(what) + " `" + file + "` (" + sha + ") is not in the version store" +
          (store_ ? "" : " (none given: --store)") + " and its file cannot be read: " + read.message;
    return std::nullopt;
  }
  if (sha256_hex(bytes) != sha) {
    why = "the " + std::string(what) + " `" + file + "` is not in the version store and the file now hashes to `" +
          sha256_hex(bytes) + "`, not the `" + sha + "` the decision was made with";
    return std::nullopt;
  }
  return bytes;
}

std::unique_ptr<Engine> StoredVersions::open(const Json& provenance, const Json& decision, BackendKind backend,
                                             std::string& why) const {
  if (!provenance.contains("config") || !provenance.contains("ruleset")) {
    why = "the decision names no deployment config (it was made from a rules file alone)";
    return nullptr;
  }
  DeploymentSources sources;
  sources.config_path = string_at(provenance["config"], "file");
  std::optional<std::string> config = bytes_of("config", provenance["config"], why);
  std::optional<std::string> rules = config ? bytes_of("ruleset", provenance["ruleset"], why) : std::nullopt;
  if (!rules) return nullptr;
  sources.config_text = std::move(*config);
  sources.rules_text = std::move(*rules);
  if (provenance.contains("model") && decision.contains("model")) {
    std::optional<std::string> model = bytes_of("model file", provenance["model"], why);
    if (!model) return nullptr;
    sources.model_bytes[string_at(decision["model"], "name")] = std::move(*model);
  }
  LoadReport report;
  auto engine = Engine::open(sources, report, EngineOptions{.backend = backend, .log_decisions = false});
  if (!engine) {
    why = "the stored versions do not open: " + report.render();
    return nullptr;
  }
  return same_hashes(*engine->current(), provenance, why) ? std::move(engine) : nullptr;
}

const Engine* StoredVersions::engine_for(const Json& decision, BackendKind backend, std::string& why) {
  const Json provenance = decision.contains("provenance") ? decision["provenance"] : Json::object();
  std::string key = versions_key(provenance, backend);
  if (auto it = engines_.find(key); it != engines_.end()) return it->second.get();
  if (auto it = refused_.find(key); it != refused_.end()) {
    why = it->second;
    return nullptr;
  }
  std::unique_ptr<Engine> engine = open(provenance, decision, backend, why);
  if (!engine) {
    refused_[key] = why;
    return nullptr;
  }
  return (engines_[key] = std::move(engine)).get();
}

}  // namespace verdict
