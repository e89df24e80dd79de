#pragma once
#include <memory>
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"

namespace verdict {

// What went wrong (or was warned about) while opening a deployment, grouped
// by the file each diagnostic points into: the config, the rules file.
struct LoadReport {
  struct File {
    std::string path;
    std::shared_ptr<const SourceFile> source;  // null when the file could not be read
    std::vector<Diagnostic> diagnostics;       // sorted
  };
  std::vector<File> files;

  // Adds `diags` (sorted) under `path`; nothing when there are none.
  void add(std::string path, std::shared_ptr<const SourceFile> source, const Diagnostics& diags);
  bool has_errors() const;
  // Every diagnostic rendered clang style (file:line:col, source line, caret).
  std::string render() const;
};

}  // namespace verdict
