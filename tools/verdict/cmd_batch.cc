// `verdict batch`: a whole file of requests on all cores. Every input row
// ends up in exactly one place: the decisions file or the rejects file.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "compiler/source/diagnostic_json.h"
#include "compiler/source/diagnostic_text.h"
#include "compiler/source/file_diagnostic.h"
#include "runtime/api/batch_runner.h"
#include "runtime/wire/masked_request.h"
#include "runtime/wire/request_source.h"
#include "runtime/wire/value_json.h"
#include "tools/verdict/commands.h"
#include "tools/verdict/decide_output.h"
#include "tools/verdict/ruleset_loader.h"

namespace verdict::cli {
namespace {

struct BatchOptions {
  std::string config, in, out, rejects;
  std::string input_format = "auto";
  std::vector<std::string> ignore_columns;
  std::optional<std::string> trace;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  bool quiet = false;
  BackendKind backend = BackendKind::Jit;
};

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void show(size_t done, size_t total) const {
    if (!enabled_ || total == 0) return;
    int width = 30, filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r[%s%s] %3zu%% %zu/%zu rows, %.0f rows/s", std::string(filled, '=').c_str(),
                 std::string(width - filled, ' ').c_str(), done * 100 / total, done, total,
                 static_cast<double>(done) / seconds());
    if (done == total) std::fputc('\n', stderr);
  }
  double seconds() const {
    return std::max(1e-9, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

// The two files of a batch: each decision as a JSON line in the decisions
// file, each rejected row with its reasons and its input text in the
// rejects file; and the tally of both for the summary line.
class BatchFiles : public DecisionSink {
 public:
  BatchFiles(const BatchOptions& opt, const ir::Program& program, const RequestSource& source, bool progress)
      : opt_(opt),
        program_(program),
        source_(source),
        out_(opt.out, std::ios::binary),
        rejects_(opt.rejects, std::ios::binary),
        progress_(progress) {}

  // The file that could not be opened for writing; null when both were.
  const std::string* unopened() const { return !out_ ? &opt_.out : !rejects_ ? &opt_.rejects : nullptr; }

  void write(const RequestText& request, const DecideResult& r) override {
    ++rows_;
    if (r.decided) {
      out_ << r.json << '\n';
      ++decided_;
      ++outcomes_[program_.outcomes[r.outcome]];
      return;
    }
    std::string where = opt_.in + ":" + std::to_string(request.line);
    nlohmann::ordered_json line = {{"request", request.line},
                                   {"rejected", diagnostics_json(r.errors, nullptr, where)},
                                   {"input", masked_request(program_, source_, request)}};
    rejects_ << json_text(line) << '\n';
    ++rejected_;
  }

  void progress(size_t done, size_t total) override { progress_.show(done, total); }

  void log_not_synced(const Diagnostic& problem) override {
    log_unsynced_ = true;
    std::cerr << render_all({problem}, nullptr, opt_.config);
  }

  // Flushes both files; the one whose write failed (disk full), or null.
  const std::string* close() {
    out_.flush();
    rejects_.flush();
    return !out_ ? &opt_.out : !rejects_ ? &opt_.rejects : nullptr;
  }

  void print_summary() const {
    std::string outcomes;
    for (const auto& [name, n] : outcomes_) outcomes += (outcomes.empty() ? "" : ", ") + name + " " + std::to_string(n);
    double seconds = progress_.seconds();
    std::fprintf(stderr, "batch: %zu rows, %zu decided, %zu rejected%s; outcomes: %s; %.2f s, %.0f rows/s\n", rows_,
                 decided_, rejected_, rejected_ ? (" (see " + opt_.rejects + ")").c_str() : "",
                 outcomes.empty() ? "none" : outcomes.c_str(), seconds, static_cast<double>(rows_) / seconds);
  }

  // Exit 1 when a row was rejected or the log could not be synced.
  bool failed() const { return rejected_ > 0 || log_unsynced_; }

 private:
  const BatchOptions& opt_;
  const ir::Program& program_;
  const RequestSource& source_;
  std::ofstream out_, rejects_;
  Progress progress_;
  size_t rows_ = 0, decided_ = 0, rejected_ = 0;
  bool log_unsynced_ = false;
  std::map<std::string, size_t> outcomes_;
};

// Maps a CSV source's header; false after printing why no row can be read.
// An input without a header (empty, or blank lines only) holds no request:
// it is not an error, as for `verdict decide`; the batch writes empty files.
bool columns_ready(RequestSource& source, const BatchOptions& opt, const ir::Program& program) {
  if (source.format() != RequestFormat::Csv || !source.header()) return true;
  std::vector<Diagnostic> errors;
  if (source.map_columns(program, opt.ignore_columns, errors)) return true;
  uint32_t line = source.header() ? source.header()->line : 1;
  std::cerr << render_all(errors, nullptr, opt.in + ":" + std::to_string(line));
  return false;
}

int run_batch(BatchOptions opt) {
  LoadReport report;
  EngineOptions engine_options;
  engine_options.backend = opt.backend;
  auto engine = Engine::open(opt.config, report, engine_options);
  if (!engine) {
    print_report(report, opt.config);
    return 1;
  }
  std::string content;
  if (FileRead read = read_input(opt.in, content); !read) {
    std::cerr << render_all({file_read_diagnostic(read)}, nullptr, opt.in);
    return 1;
  }
  if (opt.rejects.empty()) opt.rejects = opt.out + ".rejects.jsonl";
  for (const std::string* path : {&opt.out, &opt.rejects}) {
    if (!engine->logs_to(*path)) continue;  // checked before opening: opening would truncate it
    std::cerr << render_all({Diagnostic::unlocated(code::E010, "`" + *path + "` is the decision log of `" + opt.config +
                                                                   "`; write the decisions or rejects elsewhere")},
                            nullptr, *path);
    return 1;
  }
  BatchSettings settings;
  settings.trace = trace_option(opt.trace);
  settings.threads = opt.threads;
  BatchRunner runner(*engine, settings);
  RequestSource source(content, request_format(opt.input_format, opt.in, RequestFormat::JsonLines));
  if (!columns_ready(source, opt, runner.deployment().program())) return 1;  // nothing was written
  BatchFiles files(opt, runner.deployment().program(), source, !opt.quiet && ::isatty(STDERR_FILENO));
  if (const std::string* path = files.unopened()) {
    std::cerr << render_all({Diagnostic::unlocated(code::E010, "cannot write `" + *path + "`")}, nullptr, *path);
    return 1;
  }
  runner.run(source, files);
  if (const std::string* path = files.close()) {
    std::cerr << render_all({Diagnostic::unlocated(code::E011, "writing `" + *path + "` failed (disk full?)")}, nullptr,
                            *path);
    return 1;
  }
  if (!opt.quiet) files.print_summary();
  return files.failed() ? 1 : 0;
}

}  // namespace

void add_batch_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<BatchOptions>();
  CLI::App* cmd = app.add_subcommand("batch", "Decide a file of requests on all cores; rejects to their own file");
  cmd->add_option("--config", opt->config, "Deployment config (TOML)")->required();
  cmd->add_option("--in", opt->in, "Requests: JSON Lines, or CSV with a header (`.csv` or --input-format csv)")
      ->required();
  cmd->add_option("--out", opt->out, "Decisions, one JSON line per decided row, in input order")->required();
  cmd->add_option("--rejects", opt->rejects,
                  "Rows that could not be decided, with the reasons (default OUT.rejects.jsonl)");
  cmd->add_option("--input-format", opt->input_format, "auto, json or csv")
      ->check(CLI::IsMember({"auto", "json", "csv"}));
  cmd->add_option("--ignore-columns", opt->ignore_columns, "CSV columns that are not input fields")->delimiter(',');
  cmd->add_option("--trace", opt->trace, "Trace detail: off, rules or full (default: the config's)")
      ->check(CLI::IsMember({"off", "rules", "full"}));
  cmd->add_option("--threads", opt->threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  cmd->add_flag("--quiet,-q", opt->quiet, "No progress bar and no summary");
  add_backend_option(*cmd, opt->backend);
  cmd->callback([opt, &exit_code] { exit_code = run_batch(*opt); });
}

}  // namespace verdict::cli
