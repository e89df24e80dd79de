// The C API's error object and the exception boundary every entry point
// runs inside. Internal to libverdict: not installed, not for callers.
#pragma once
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "runtime/c_api/verdict.h"
#include "runtime/deploy/load_report.h"

struct verdict_error {
  struct Item {
    std::string code;
    std::string message;  // one line, without file or position
  };
  std::vector<Item> items;  // the errors, at least one
  std::string rendered;     // every diagnostic, lines joined by '\n', no trailing newline
};

namespace verdict::c_api {

// The error handed out when memory ran out; static, so it needs no memory.
// verdict_error_free ignores it.
verdict_error* out_of_memory();

// Errors from opening or reloading a deployment (the report's errors; its
// warnings appear in the rendered text only).
verdict_error* from_report(const LoadReport& report);
// Errors that kept a request from being decided.
verdict_error* from_request(const std::vector<Diagnostic>& errors);
// One error of the C API itself (A001-A003).
verdict_error* api_error(const DiagnosticCode& code, std::string message);

// Stores `error` in *err, or frees it when the caller passed no `err`.
void report(verdict_error** err, verdict_error* error) noexcept;
// Reports A001 for the NULL argument `name`.
void null_argument(verdict_error** err, const char* name) noexcept;

// Runs `body` (which reports its own failures through `err`) with *err
// cleared first; any exception becomes A002 (A003 for bad_alloc) and the
// result `on_failure`. Nothing escapes.
template <class R, class Body>
R boundary(verdict_error** err, R on_failure, Body&& body) noexcept {
  if (err) *err = nullptr;
  try {
    return body();
  } catch (const std::bad_alloc&) {
    report(err, out_of_memory());
  } catch (const std::exception& e) {
    try {
      report(err, api_error(code::A002, std::string("internal error: ") + e.what()));
    } catch (...) {
      report(err, out_of_memory());
    }
  } catch (...) {
    try {
      report(err, api_error(code::A002, "internal error"));
    } catch (...) {
      report(err, out_of_memory());
    }
  }
  return on_failure;
}

}  // namespace verdict::c_api
