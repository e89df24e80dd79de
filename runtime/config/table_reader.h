#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/config/config_report.h"
#include "runtime/config/toml_value.h"

namespace verdict {

// What a number key accepts. Messages: "`KEY` must be MUST_BE" when it is not
// a number, and when it is out of bounds either "`KEY` is VALUE; OUT_OF_RANGE"
// or, with `out_of_range` empty, the must-be message again.
struct NumberRule {
  double min, max;
  bool open_min = false, open_max = false;  // exclusive bounds
  std::string must_be;
  std::string out_of_range = {};
};

// The same for a key that must be an integer (1, not 1.0); bounds inclusive.
struct IntegerRule {
  int64_t min, max;
  std::string must_be;
  std::string out_of_range = {};
};

// The entries of `table` whose key is not in `known`, in key order.
std::vector<TomlEntry> unknown_keys(const TomlTable& table, const std::vector<std::string>& known);

// Names other tools use for a reader's keys: {"learning_rate", "eta"}.
using KeyAliases = std::vector<std::pair<std::string, std::string>>;

// Reads the keys of one table and reports what is wrong with them to a
// ConfigReport, with the reader's codes and the span of the value (or key).
// A getter returns nullopt both when the key is absent (nothing reported)
// and when its value is wrong (reported); get() tells the two apart.
class TableReader {
 public:
  // `name` is the table's dotted name in messages: "server" gives
  // "`server.port` must be ..."; "" names keys bare.
  TableReader(TomlTable table, std::string name, ConfigReport& report)
      : table_(table), name_(std::move(name)), report_(report) {}

  const TomlTable& table() const { return table_; }
  std::optional<TomlValue> get(std::string_view key) const { return table_.get(key); }
  // "name.key", or "key" for a table without a name.
  std::string name_of(std::string_view key) const;

  // Reports each key of the table that is not in `known`: "unknown key `K`
  // in IN; did you mean `X`?" (" in IN" only when `in` is not empty); an
  // alias of a known key wins over a typo match.
  void known_keys(const std::vector<std::string>& known, std::string_view in, const KeyAliases& aliases = {});

  // Each getter reports "`KEY` must be MUST_BE" (coded wrong_type) for a
  // value of another type; the rules say the rest.
  enum class Empty { Allowed, Refused };  // Refused: "" is of the wrong type
  std::optional<std::string> string(std::string_view key, std::string_view must_be, Empty empty = Empty::Allowed);
  // An array of strings; a wrong item is reported at the item (the first one).
  std::optional<std::vector<std::string>> strings(std::string_view key, std::string_view must_be);
  std::optional<double> number(std::string_view key, const NumberRule& rule);
  std::optional<int64_t> integer(std::string_view key, const IntegerRule& rule);
  // A sub-table: "`KEY` must be a table" otherwise.
  std::optional<TomlTable> table(std::string_view key);

  // A string naming one of a fixed set of values: `parse(name)` gives the
  // value (an optional). Anything else is "`KEY` must be MUST_BE", coded
  // not_one_of.
  template <typename Parse>
  auto one_of(std::string_view key, Parse parse, std::string_view must_be) -> decltype(parse(std::string_view())) {
    std::optional<TomlValue> value = get(key);
    if (!value) return std::nullopt;
    if (std::optional<std::string> name = value->string()) {
      if (auto parsed = parse(std::string_view(*name))) return parsed;
    }
    must_be_error(report_.codes().not_one_of, *value, key, must_be);
    return std::nullopt;
  }

 private:
  // "`KEY` must be MUST_BE" at `at`.
  void must_be_error(const DiagnosticCode* code, const TomlValue& at, std::string_view key, std::string_view must_be);
  void out_of_range(const TomlValue& at, std::string_view key, const std::string& value_text,
                    const std::string& must_be, const std::string& out_of_range);

  TomlTable table_;
  std::string name_;
  ConfigReport& report_;
};

}  // namespace verdict
