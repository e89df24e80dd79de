#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/source_file.h"
#include "compiler/source/span.h"

namespace verdict {

class TomlArray;
class TomlTable;
struct TomlNode;  // toml++'s node; only runtime/config/*.cc sees it

// A read-only view of one value of a parsed TOML document (toml_document.h),
// valid while the document lives. The readers of every TOML file see values
// through these views only, so toml++ stays behind runtime/config.
class TomlValue {
 public:
  enum class Type { Table, Array, String, Integer, Float, Boolean, Date, Time, DateTime };

  Type type() const;
  // toml++'s name of the type: "string", "date-time", ...
  std::string type_name() const;
  // The value's text in its file, at least one byte wide (a caret needs
  // something to point at).
  Span span() const;
  // Where the value begins, as the TOML parser counts (1-based line and column).
  LineCol position() const;

  std::optional<std::string> string() const;
  // An integer only: 1, not 1.0.
  std::optional<int64_t> integer() const;
  // An integer or a float, as a double.
  std::optional<double> number() const;
  std::optional<bool> boolean() const;
  std::optional<TomlTable> table() const;
  std::optional<TomlArray> array() const;

 protected:
  TomlValue(const TomlNode* node, const SourceFile* source) : node_(node), source_(source) {}
  friend class TomlArray;
  friend class TomlDocument;
  friend class TomlTable;

  const TomlNode* node_;
  const SourceFile* source_;
};

// One key of a table: the key as written and its value.
struct TomlEntry;

class TomlTable : public TomlValue {
 public:
  std::optional<TomlValue> get(std::string_view key) const;
  // Every key, in key order (toml++ keeps tables sorted).
  std::vector<TomlEntry> entries() const;

 private:
  using TomlValue::TomlValue;
  friend class TomlDocument;
  friend class TomlValue;
};

struct TomlEntry {
  std::string key;
  Span key_span;         // the key's text in its file, at least one byte wide
  LineCol key_position;  // where the key begins, as the TOML parser counts
  TomlValue value;
};

class TomlArray : public TomlValue {
 public:
  size_t size() const;
  bool empty() const { return size() == 0; }
  TomlValue operator[](size_t i) const;
  std::vector<TomlValue> items() const;

 private:
  using TomlValue::TomlValue;
  friend class TomlValue;
};

}  // namespace verdict
