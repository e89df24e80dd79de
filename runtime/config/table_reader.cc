#include "runtime/config/table_reader.h"

#include <algorithm>

#include "compiler/source/suggest.h"
#include "compiler/util/shortest_number.h"

namespace verdict {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// "; did you mean `x`?": the known key an alias stands for, else a typo match.
std::string key_hint(const std::string& key, const std::vector<std::string>& known, const KeyAliases& aliases) {
  for (const auto& [alias, ours] : aliases) {
    if (alias == key && contains(known, ours)) return "; did you mean `" + ours + "`?";
  }
  return did_you_mean(key, known);
}

}  // namespace

std::vector<TomlEntry> unknown_keys(const TomlTable& table, const std::vector<std::string>& known) {
  std::vector<TomlEntry> out;
  for (TomlEntry& entry : table.entries()) {
    if (!contains(known, entry.key)) out.push_back(std::move(entry));
  }
  return out;
}

std::string TableReader::name_of(std::string_view key) const {
  return name_.empty() ? std::string(key) : name_ + "." + std::string(key);
}

void TableReader::known_keys(const std::vector<std::string>& known, std::string_view in, const KeyAliases& aliases) {
  const ConfigCodes& codes = report_.codes();
  for (const TomlEntry& entry : unknown_keys(table_, known)) {
    std::string message = "unknown key `" + entry.key + "`" + (in.empty() ? "" : " in " + std::string(in)) +
                          key_hint(entry.key, known, aliases);
    if (codes.unknown_key_at_key)
      report_.error(codes.unknown_key, entry.key_span, entry.key_position, std::move(message));
    else
      report_.error(codes.unknown_key, entry.value, std::move(message));
  }
}

void TableReader::must_be_error(const DiagnosticCode* code, const TomlValue& at, std::string_view key,
                                std::string_view must_be) {
  report_.error(code, at, "`" + name_of(key) + "` must be " + std::string(must_be));
}

void TableReader::out_of_range(const TomlValue& at, std::string_view key, const std::string& value_text,
                               const std::string& must_be, const std::string& out_of_range) {
  const ConfigCodes& codes = report_.codes();
  if (out_of_range.empty()) return must_be_error(codes.out_of_range, at, key, must_be);
  report_.error(codes.out_of_range, at, "`" + name_of(key) + "` is " + value_text + "; " + out_of_range);
}

std::optional<std::string> TableReader::string(std::string_view key, std::string_view must_be, Empty empty) {
  std::optional<TomlValue> value = get(key);
  if (!value) return std::nullopt;
  std::optional<std::string> text = value->string();
  if (!text || (empty == Empty::Refused && text->empty())) {
    must_be_error(report_.codes().wrong_type, *value, key, must_be);
    return std::nullopt;
  }
  return text;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key, std::string_view must_be) {
  std::optional<TomlValue> value = get(key);
  if (!value) return std::nullopt;
  std::optional<TomlArray> array = value->array();
  if (!array) {
    must_be_error(report_.codes().wrong_type, *value, key, must_be);
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const TomlValue& item : array->items()) {
    std::optional<std::string> text = item.string();
    if (!text) {
      must_be_error(report_.codes().wrong_type, item, key, must_be);
      return std::nullopt;
    }
    out.push_back(std::move(*text));
  }
  return out;
}

std::optional<double> TableReader::number(std::string_view key, const NumberRule& rule) {
  std::optional<TomlValue> value = get(key);
  if (!value) return std::nullopt;
  std::optional<double> x = value->number();
  if (!x) {
    must_be_error(report_.codes().wrong_type, *value, key, rule.must_be);
    return std::nullopt;
  }
  // Written so that NaN is out of every range.
  bool low = rule.open_min ? *x > rule.min : *x >= rule.min;
  bool high = rule.open_max ? *x < rule.max : *x <= rule.max;
  if (!low || !high) {
    out_of_range(*value, key, shortest_number(*x), rule.must_be, rule.out_of_range);
    return std::nullopt;
  }
  return x;
}

std::optional<int64_t> TableReader::integer(std::string_view key, const IntegerRule& rule) {
  std::optional<TomlValue> value = get(key);
  if (!value) return std::nullopt;
  std::optional<int64_t> n = value->integer();
  if (!n) {
    must_be_error(report_.codes().wrong_type, *value, key, rule.must_be);
    return std::nullopt;
  }
  if (*n < rule.min || *n > rule.max) {
    out_of_range(*value, key, std::to_string(*n), rule.must_be, rule.out_of_range);
    return std::nullopt;
  }
  return n;
}

std::optional<TomlTable> TableReader::table(std::string_view key) {
  std::optional<TomlValue> value = get(key);
  if (!value) return std::nullopt;
  std::optional<TomlTable> table = value->table();
  if (!table) must_be_error(report_.codes().wrong_type, *value, key, "a table");
  return table;
}

}  // namespace verdict
