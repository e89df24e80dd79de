#include "runtime/c_api/c_error.h"

#include <memory>

#include "compiler/source/diagnostic_text.h"

namespace verdict::c_api {
namespace {

const Diagnostic kOutOfMemory = Diagnostic::unlocated(code::A003, "out of memory");
verdict_error oom_error{{{kOutOfMemory.code, kOutOfMemory.message}}, diagnostic_headline(kOutOfMemory)};

void strip_newline(std::string& text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
}

}  // namespace

verdict_error* out_of_memory() { return &oom_error; }

verdict_error* from_report(const LoadReport& report) {
  auto error = std::make_unique<verdict_error>();
  for (const LoadReport::File& f : report.files) {
    for (const Diagnostic& d : f.diagnostics) {
      if (d.severity == Severity::Error) error->items.push_back({d.code, d.message});
    }
  }
  Diagnostic unexplained = Diagnostic::unlocated(code::A002, "internal error: the deployment failed to load");
  if (error->items.empty()) error->items.push_back({unexplained.code, unexplained.message});
  error->rendered = report.render();
  strip_newline(error->rendered);
  if (error->rendered.empty()) error->rendered = diagnostic_headline(unexplained);
  return error.release();
}

verdict_error* from_request(const std::vector<Diagnostic>& errors) {
  auto error = std::make_unique<verdict_error>();
  for (const Diagnostic& d : errors) {
    error->items.push_back({d.code, d.message});
    if (!error->rendered.empty()) error->rendered += '\n';
    error->rendered += diagnostic_headline(d);
  }
  if (error->items.empty()) return api_error(code::A002, "internal error: the request was neither decided nor refused");
  return error.release();
}

verdict_error* api_error(const DiagnosticCode& code, std::string message) {
  auto error = std::make_unique<verdict_error>();
  Diagnostic diag = Diagnostic::unlocated(code, std::move(message));
  error->rendered = diagnostic_headline(diag);
  error->items.push_back({std::move(diag.code), std::move(diag.message)});
  return error.release();
}

void report(verdict_error** err, verdict_error* error) noexcept {
  if (err) {
    *err = error;
  } else if (error != out_of_memory()) {
    delete error;
  }
}

void null_argument(verdict_error** err, const char* name) noexcept {
  if (!err) return;
  try {
    report(err, api_error(code::A001, std::string("argument `") + name + "` is null"));
  } catch (...) {
    report(err, out_of_memory());
  }
}

}  // namespace verdict::c_api
