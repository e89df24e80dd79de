#pragma once
#include <toml++/toml.h>

#include <algorithm>

#include "compiler/source/source_file.h"
#include "compiler/source/span.h"

namespace verdict {

// The span of a parsed TOML node in its file, at least one byte wide (a
// caret needs something to point at). Shared by every reader of deployment
// config tables.
inline Span toml_span(const toml::node& node, const SourceFile& source) {
  const toml::source_region& r = node.source();
  uint32_t begin = source.offset_of({r.begin.line, r.begin.column});
  uint32_t end = source.offset_of({r.end.line, r.end.column});
  return {begin, std::max(end, begin + 1)};
}

}  // namespace verdict
