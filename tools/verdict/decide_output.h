#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "runtime/api/engine.h"

namespace verdict::cli {

// What `verdict run` and `verdict decide` share: where requests come from,
// how decisions are written.
struct DecideOptions {
  std::string input = "-";                  // a file, or `-` for standard input
  std::string input_format = "auto";        // auto | json | csv (auto: by extension, `.csv` is CSV)
  std::vector<std::string> ignore_columns;  // CSV columns that are not fields
  std::string format = "json";              // json (one decision per line) | text
  std::optional<std::string> trace;         // off | rules | full; default: the deployment's
  bool pretty = false;
  bool number_requests = false;  // `"request": N` first in every decision
};

// Decides every request of the input with `engine` (a BatchRunner on one
// thread) and writes one line (or, as text, one block) per request to
// stdout, decisions and rejections alike, in input order: no request is
// dropped. Problems go to stderr as `input:line: ...`. Returns 0 when every
// request was decided, 1 otherwise.
int decide_requests(const Engine& engine, const DecideOptions& options);

// Adds --input, --input-format, --ignore-columns, --format, --trace, --pretty.
void add_decide_options(CLI::App& cmd, DecideOptions& options);

// The trace level a `--trace` value names; nullopt (the deployment's) when not given.
std::optional<TraceLevel> trace_option(const std::optional<std::string>& trace);

// Prints a load report to stderr with its summary line.
void print_report(const LoadReport& report, const std::string& what);

}  // namespace verdict::cli
