#include "runtime/report/version_check.h"

#include <unistd.h>

namespace verdict {
namespace {

using nlohmann::ordered_json;

std::string string_at(const ordered_json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void look_up(VersionEntry& entry, const VersionStore& store, std::optional<std::string>* bytes_out) {
  if (::access(store.object_path(entry.sha256).c_str(), F_OK) != 0) {
    entry.state = StoreState::Absent;
    return;
  }
  std::string error;
  std::optional<std::string> bytes = store.get(entry.sha256, error);
  entry.state = bytes ? StoreState::Verified : StoreState::Failed;
  entry.detail = error;
  if (bytes && bytes_out) *bytes_out = std::move(bytes);
}

}  // namespace

DecisionVersions check_versions(const ordered_json& provenance, const VersionStore* store) {
  DecisionVersions out;
  if (!provenance.is_object()) return out;
  out.engine = string_at(provenance, "engine");
  for (const char* what : {"ruleset", "model", "config"}) {
    auto it = provenance.find(what);
    if (it == provenance.end() || !it->is_object()) continue;
    VersionEntry entry;
    entry.what = what;
    entry.file = string_at(*it, "file");
    entry.sha256 = string_at(*it, "sha256");
    if (store && !entry.sha256.empty()) {
      look_up(entry, *store, entry.what == "ruleset" ? &out.ruleset_text : nullptr);
    }
    out.entries.push_back(std::move(entry));
  }
  return out;
}

std::string store_state_text(const VersionEntry& entry) {
  switch (entry.state) {
    case StoreState::NotChecked: return "store not checked";
    case StoreState::Verified: return "in the store, verified";
    case StoreState::Absent: return "not in the store";
    case StoreState::Failed: return "in the store but unusable: " + entry.detail;
  }
  return "";
}

}  // namespace verdict
