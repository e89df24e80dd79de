#include "runtime/config/toml_value.h"

#include <algorithm>
#include <sstream>

#include "runtime/config/toml_node.h"

namespace verdict {

Span toml_span(const toml::source_region& region, const SourceFile& source) {
  uint32_t begin = source.offset_of({region.begin.line, region.begin.column});
  uint32_t end = source.offset_of({region.end.line, region.end.column});
  return {begin, std::max(end, begin + 1)};
}

LineCol toml_position(const toml::source_region& region) { return {region.begin.line, region.begin.column}; }

TomlValue::Type TomlValue::type() const {
  switch (toml_node(node_).type()) {
    case toml::node_type::table: return Type::Table;
    case toml::node_type::array: return Type::Array;
    case toml::node_type::string: return Type::String;
    case toml::node_type::integer: return Type::Integer;
    case toml::node_type::floating_point: return Type::Float;
    case toml::node_type::boolean: return Type::Boolean;
    case toml::node_type::date: return Type::Date;
    case toml::node_type::time: return Type::Time;
    default: return Type::DateTime;  // toml++ has no other kind of node in a parsed document
  }
}

std::string TomlValue::type_name() const {
  std::ostringstream out;
  out << toml_node(node_).type();
  return out.str();
}

Span TomlValue::span() const { return toml_span(toml_node(node_).source(), *source_); }

LineCol TomlValue::position() const { return toml_position(toml_node(node_).source()); }

std::optional<std::string> TomlValue::string() const {
  if (const toml::value<std::string>* s = toml_node(node_).as_string()) return s->get();
  return std::nullopt;
}

std::optional<int64_t> TomlValue::integer() const {
  if (const toml::value<int64_t>* i = toml_node(node_).as_integer()) return i->get();
  return std::nullopt;
}

std::optional<double> TomlValue::number() const {
  const toml::node& node = toml_node(node_);
  return node.is_number() ? node.value<double>() : std::nullopt;
}

std::optional<bool> TomlValue::boolean() const {
  if (const toml::value<bool>* b = toml_node(node_).as_boolean()) return b->get();
  return std::nullopt;
}

std::optional<TomlTable> TomlValue::table() const {
  if (!toml_node(node_).is_table()) return std::nullopt;
  return TomlTable(node_, source_);
}

std::optional<TomlArray> TomlValue::array() const {
  if (!toml_node(node_).is_array()) return std::nullopt;
  return TomlArray(node_, source_);
}

std::optional<TomlValue> TomlTable::get(std::string_view key) const {
  const toml::node* value = toml_node(node_).as_table()->get(key);
  if (!value) return std::nullopt;
  return TomlValue(toml_handle(value), source_);
}

std::vector<TomlEntry> TomlTable::entries() const {
  std::vector<TomlEntry> out;
  for (const auto& [key, value] : *toml_node(node_).as_table()) {
    out.push_back({std::string(key.str()), toml_span(key.source(), *source_), toml_position(key.source()),
                   TomlValue(toml_handle(&value), source_)});
  }
  return out;
}

size_t TomlArray::size() const { return toml_node(node_).as_array()->size(); }

TomlValue TomlArray::operator[](size_t i) const {
  return TomlValue(toml_handle(toml_node(node_).as_array()->get(i)), source_);
}

std::vector<TomlValue> TomlArray::items() const {
  std::vector<TomlValue> out;
  for (const toml::node& item : *toml_node(node_).as_array()) out.push_back(TomlValue(toml_handle(&item), source_));
  return out;
}

}  // namespace verdict
