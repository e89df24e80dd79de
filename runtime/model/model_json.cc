#include "runtime/model/model_json.h"

#include <charconv>

namespace verdict::model {

const FloatJson* json_path(const FloatJson& root, std::initializer_list<const char*> keys) {
  const FloatJson* node = &root;
  for (const char* key : keys) {
    if (!node->is_object()) return nullptr;
    auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

std::string as_written(const FloatJson& value) {
  constexpr size_t kShown = 40;
  if (value.is_array()) return "[...]";  // not dumped: dump() recurses
  if (value.is_object()) return "{...}";
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (text.size() > kShown) text = text.substr(0, kShown) + "...";
  return text;
}

bool json_integer(const FloatJson& value, int64_t min, int64_t max, int64_t& out) {
  if (value.is_number_unsigned()) {
    uint64_t u = value.get<uint64_t>();
    if (u > static_cast<uint64_t>(max)) return false;
    out = static_cast<int64_t>(u);
  } else if (value.is_number_integer()) {
    out = value.get<int64_t>();
  } else {
    return false;
  }
  return out >= min && out <= max;
}

bool whole_number(const FloatJson& value, int64_t min, int64_t max, int64_t& out) {
  if (!value.is_string()) return json_integer(value, min, max, out);
  const std::string& s = value.get_ref<const std::string&>();
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (begin != end && *begin == '+') return false;  // from_chars refuses it too; say so
  auto [stop, ec] = std::from_chars(begin, end, out);
  return ec == std::errc() && stop == end && out >= min && out <= max;
}

std::string not_whole_number(const std::string& key, const FloatJson& value, int64_t min, int64_t max) {
  return "`" + key + "` is `" + as_written(value) + "`; it must be a whole number from " + std::to_string(min) +
         " to " + std::to_string(max);
}

}  // namespace verdict::model
