#include "runtime/c_api/c_error.h"

#include <memory>

namespace verdict::c_api {
namespace {

verdict_error oom_error{{{"A003", "out of memory"}}, "error[A003]: out of memory"};

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
  if (error->items.empty()) error->items.push_back({"A002", "internal error: the deployment failed to load"});
  error->rendered = report.render();
  strip_newline(error->rendered);
  if (error->rendered.empty()) error->rendered = "error[" + error->items[0].code + "]: " + error->items[0].message;
  return error.release();
}

verdict_error* from_request(const std::vector<Diagnostic>& errors) {
  auto error = std::make_unique<verdict_error>();
  for (const Diagnostic& d : errors) {
    error->items.push_back({d.code, d.message});
    if (!error->rendered.empty()) error->rendered += '\n';
    error->rendered += std::string(severity_name(d.severity)) + "[" + d.code + "]: " + d.message;
  }
  if (error->items.empty()) return api_error("A002", "internal error: the request was neither decided nor refused");
  return error.release();
}

verdict_error* api_error(std::string code, std::string message) {
  auto error = std::make_unique<verdict_error>();
  error->rendered = "error[" + code + "]: " + message;
  error->items.push_back({std::move(code), std::move(message)});
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
    report(err, api_error("A001", std::string("argument `") + name + "` is null"));
  } catch (...) {
    report(err, out_of_memory());
  }
}

}  // namespace verdict::c_api
