#pragma once
#include <cstddef>

#include "compiler/source/source_file.h"
#include "runtime/config/toml_document.h"

namespace verdict {

// What a TOML text may hold before it reaches toml++, which recurses (and
// overflows the stack) on deep structures and allocates per key: a 50,000
// part table header `[a.a.a...]` crashes it. Every TOML reader (deployment,
// [server], training, cases) is held to these through TomlDocument::parse.
struct TomlLimits {
  static constexpr size_t kMaxBytes = size_t{4} << 20;  // 4 MiB
  // Levels of tables and arrays around any value: the parts of its table
  // header, of its dotted key, and the inline tables and arrays it is in.
  static constexpr int kMaxDepth = 32;
  // Keys (table headers included) and array items, together.
  static constexpr size_t kMaxEntries = 100000;
};

// Scans `source` for a breach of TomlLimits, reading strings and comments as
// TOML does. False with `error` ("invalid TOML: ..." naming the limit, at
// the first byte that breaches it) when one is exceeded. The scan does not
// check syntax: a text it cannot follow is left to toml++, and the scan
// continues at the next line, so that no breach is skipped.
bool check_toml_bounds(const SourceFile& source, TomlSyntaxError& error);

}  // namespace verdict
