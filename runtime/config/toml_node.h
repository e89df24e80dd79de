#pragma once
// Private to runtime/config: the one header that names toml++'s types for
// the views of toml_value.h. Readers include toml_document.h and
// table_reader.h, never this.
#include <toml++/toml.h>

#include "compiler/source/source_file.h"
#include "runtime/config/toml_value.h"

namespace verdict {

// A TomlNode* is a toml::node* under another name (toml_value.h cannot
// name toml++'s types); these two convert between them.
inline const toml::node& toml_node(const TomlNode* node) { return *reinterpret_cast<const toml::node*>(node); }
inline const TomlNode* toml_handle(const toml::node* node) { return reinterpret_cast<const TomlNode*>(node); }

// The span of a parsed region in its file, at least one byte wide.
Span toml_span(const toml::source_region& region, const SourceFile& source);
// Where a region begins, as toml++ counts.
LineCol toml_position(const toml::source_region& region);

}  // namespace verdict
