#include "tools/verdict/decide_output.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "compiler/source/diagnostic_json.h"
#include "compiler/source/diagnostic_text.h"
#include "compiler/source/file_diagnostic.h"
#include "runtime/api/batch_runner.h"
#include "runtime/wire/request_source.h"
#include "runtime/wire/value_json.h"

namespace verdict::cli {
namespace {

// Standard output of `decide` and `run`: each decision as a JSON line (or
// indented, or explained as text), each rejection in its place in the
// output and, with its reasons, on stderr.
class StdoutSink : public DecisionSink {
 public:
  explicit StdoutSink(const DecideOptions& options)
      : opt_(options), where_(options.input == "-" ? "<stdin>" : options.input) {}

  void write(const RequestText& request, const DecideResult& r) override {
    if (!r.decided) return reject(request.line, r.errors);
    if (opt_.format == "text")
      std::cout << "request " << request.line << ": " << r.explanation << "\n";
    else
      std::cout << (opt_.pretty ? json_text(r.decision(), 2) : r.json) << "\n";
  }

  void reject(uint32_t line, const std::vector<Diagnostic>& errors) {
    rejected_ = true;
    std::string where = where_ + ":" + std::to_string(line);
    std::cerr << render_all(errors, nullptr, where);
    nlohmann::ordered_json out = {{"request", line}, {"rejected", diagnostics_json(errors, nullptr, where)}};
    if (opt_.format == "json")
      std::cout << json_text(out, opt_.pretty ? 2 : -1) << "\n";
    else
      std::cout << "request " << line << ": rejected\n";
  }

  void log_not_synced(const Diagnostic& problem) override {
    rejected_ = true;  // exit 1: what was printed may not be on disk
    std::cerr << render_all({problem}, nullptr, where_);
  }

  bool rejected() const { return rejected_; }

 private:
  const DecideOptions& opt_;
  std::string where_;
  bool rejected_ = false;
};

}  // namespace

int decide_requests(const Engine& engine, const DecideOptions& options) {
  std::string content;
  if (FileRead read = read_input(options.input, content); !read) {
    std::cerr << render_all({file_read_diagnostic(read)}, nullptr, options.input);
    return 1;
  }
  BatchSettings settings;
  settings.trace = trace_option(options.trace);
  settings.number_requests = options.number_requests;
  settings.explain = options.format == "text";
  BatchRunner runner(engine, settings);
  RequestSource source(content, request_format(options.input_format, options.input, RequestFormat::Json));
  StdoutSink sink(options);
  // Without usable columns no row can be read: the header's errors end the
  // run. An input with no request (empty, or a header alone) decides nothing
  // and exits 0, as `verdict batch` does.
  std::vector<Diagnostic> errors;
  if (source.format() == RequestFormat::Csv) {
    if (!source.header()) return 0;
    if (!source.map_columns(runner.deployment().program(), options.ignore_columns, errors)) {
      sink.reject(source.header()->line, errors);
      return 1;
    }
  }
  runner.run(source, sink);
  return sink.rejected() ? 1 : 0;
}

void add_decide_options(CLI::App& cmd, DecideOptions& opt) {
  cmd.add_option("--input", opt.input,
                 "Requests: JSON (an object, an array, or JSON Lines) or CSV with a header; `-` for stdin")
      ->capture_default_str();
  cmd.add_option("--input-format", opt.input_format, "auto (CSV for a `.csv` file), json or csv")
      ->check(CLI::IsMember({"auto", "json", "csv"}));
  cmd.add_option("--ignore-columns", opt.ignore_columns, "CSV columns that are not input fields (labels, ids)")
      ->delimiter(',');
  cmd.add_option("--format", opt.format, "`json` (one decision per line) or `text`")
      ->check(CLI::IsMember({"json", "text"}));
  cmd.add_option("--trace", opt.trace, "Trace detail in JSON: off, rules or full")
      ->check(CLI::IsMember({"off", "rules", "full"}));
  cmd.add_flag("--pretty", opt.pretty, "Indent the JSON");
}

std::optional<TraceLevel> trace_option(const std::optional<std::string>& trace) {
  TraceLevel level = TraceLevel::Full;
  if (!trace || !parse_trace_level(*trace, level)) return std::nullopt;
  return level;
}

void print_report(const LoadReport& report, const std::string& what) {
  std::vector<Diagnostic> all;
  for (const LoadReport::File& f : report.files) all.insert(all.end(), f.diagnostics.begin(), f.diagnostics.end());
  std::cerr << report.render();
  if (report.has_errors()) std::cerr << what << ": " << summary(all) << "\n";
}

}  // namespace verdict::cli
