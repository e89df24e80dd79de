#include "runtime/config/toml_document.h"

#include "runtime/config/toml_bounds.h"
#include "runtime/config/toml_node.h"

namespace verdict {

struct TomlDocument::Parsed {
  toml::table root;
};

TomlDocument::TomlDocument(std::unique_ptr<Parsed> parsed, const SourceFile& source)
    : parsed_(std::move(parsed)), source_(&source) {}

TomlDocument::TomlDocument(TomlDocument&&) noexcept = default;
TomlDocument& TomlDocument::operator=(TomlDocument&&) noexcept = default;
TomlDocument::~TomlDocument() = default;

std::optional<TomlDocument> TomlDocument::parse(const SourceFile& source, TomlSyntaxError& error) {
  if (!check_toml_bounds(source, error)) return std::nullopt;  // toml++ crashes on what breaches TomlLimits
  auto parsed = std::make_unique<Parsed>();
  try {
    parsed->root = toml::parse(source.text(), source.path());
  } catch (const toml::parse_error& e) {
    error.message = "invalid TOML: " + std::string(e.description());
    error.position = {e.source().begin.line, e.source().begin.column};
    uint32_t at = source.offset_of(error.position);
    error.span = {at, at + 1};
    return std::nullopt;
  }
  return TomlDocument(std::move(parsed), source);
}

TomlTable TomlDocument::root() const { return TomlTable(toml_handle(&parsed_->root), source_); }

}  // namespace verdict
