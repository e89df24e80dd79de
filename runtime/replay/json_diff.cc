#include "runtime/replay/json_diff.h"

namespace verdict {
namespace {

using Json = nlohmann::ordered_json;

std::string text_of(const Json* j) { return j ? j->dump(-1, ' ', false, Json::error_handler_t::replace) : ""; }

class Differ {
 public:
  explicit Differ(size_t limit) : limit_(limit) {}

  void compare(const std::string& path, const Json* before, const Json* after) {
    if (before && after && before->is_object() && after->is_object()) return objects(path, *before, *after);
    if (before && after && before->is_array() && after->is_array()) return arrays(path, *before, *after);
    if (before && after && *before == *after) return;
    if (++out_.count <= limit_)
      out_.fields.push_back({path.empty() ? "(the whole)" : path, text_of(before), text_of(after)});
  }

  JsonDiff take() { return std::move(out_); }

 private:
  void objects(const std::string& path, const Json& before, const Json& after) {
    std::string prefix = path.empty() ? "" : path + ".";
    for (const auto& [key, value] : before.items()) {
      auto other = after.find(key);
      compare(prefix + key, &value, other == after.end() ? nullptr : &*other);
    }
    for (const auto& [key, value] : after.items()) {
      if (!before.contains(key)) compare(prefix + key, nullptr, &value);
    }
  }

  void arrays(const std::string& path, const Json& before, const Json& after) {
    for (size_t i = 0; i < std::max(before.size(), after.size()); ++i) {
      compare(path + "[" + std::to_string(i) + "]", i < before.size() ? &before[i] : nullptr,
              i < after.size() ? &after[i] : nullptr);
    }
  }

  size_t limit_;
  JsonDiff out_;
};

}  // namespace

JsonDiff diff_json(const nlohmann::ordered_json& before, const nlohmann::ordered_json& after, size_t limit) {
  Differ differ(limit);
  differ.compare("", &before, &after);
  return differ.take();
}

}  // namespace verdict
