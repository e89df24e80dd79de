#pragma once
#include <memory>
#include <optional>
#include <string>

#include "compiler/source/source_file.h"
#include "compiler/source/span.h"
#include "runtime/config/toml_value.h"

namespace verdict {

// Why a text is not TOML: toml++'s description, and where it stopped.
struct TomlSyntaxError {
  std::string message;  // "invalid TOML: ..."
  LineCol position;     // as the TOML parser counts
  Span span;            // one byte at `position`
};

// A parsed TOML file. Every reader of a TOML file (deployment, [server],
// training, cases) parses through TomlDocument::parse, the one place where
// TOML text reaches toml++: limits on what may reach it belong there.
class TomlDocument {
 public:
  // Parses `source`, which must outlive the document (values point into it
  // for their spans). Nullopt, with `error` set, when it is not TOML.
  static std::optional<TomlDocument> parse(const SourceFile& source, TomlSyntaxError& error);

  TomlDocument(TomlDocument&&) noexcept;
  TomlDocument& operator=(TomlDocument&&) noexcept;
  ~TomlDocument();

  TomlTable root() const;

 private:
  struct Parsed;
  TomlDocument(std::unique_ptr<Parsed> parsed, const SourceFile& source);

  std::unique_ptr<Parsed> parsed_;  // never null
  const SourceFile* source_;
};

}  // namespace verdict
