#include "runtime/deploy/load_report.h"

#include "compiler/source/diagnostic_text.h"

namespace verdict {

void LoadReport::add(std::string path, std::shared_ptr<const SourceFile> source, const Diagnostics& diags) {
  if (diags.size() == 0) return;
  files.push_back({std::move(path), std::move(source), diags.sorted()});
}

bool LoadReport::has_errors() const {
  for (const File& f : files) {
    for (const Diagnostic& d : f.diagnostics) {
      if (d.severity == Severity::Error) return true;
    }
  }
  return false;
}

std::string LoadReport::render() const {
  std::string out;
  for (const File& f : files) out += render_all(f.diagnostics, f.source.get(), f.path);
  return out;
}

}  // namespace verdict
