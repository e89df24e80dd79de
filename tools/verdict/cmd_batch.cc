// `verdict batch`: a whole file of requests on all cores. Every input row
// ends up in exactly one place: the decisions file or the rejects file.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "runtime/api/batch_runner.h"
#include "runtime/audit/decision_log.h"
#include "runtime/wire/value_json.h"
#include "tools/verdict/commands.h"
#include "tools/verdict/decide_loop.h"
#include "tools/verdict/diagnostic_output.h"
#include "tools/verdict/request_reader.h"
#include "tools/verdict/ruleset_loader.h"

namespace verdict::cli {
namespace {

constexpr size_t kBlock = 4096;  // items decided together, then written in order

struct BatchOptions {
  std::string config, in, out, rejects;
  std::string input_format = "auto";
  std::vector<std::string> ignore_columns;
  std::optional<std::string> trace;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  bool quiet = false;
  BackendKind backend = BackendKind::Jit;
};

struct Tally {
  size_t rows = 0, decided = 0, rejected = 0;
  std::map<std::string, size_t> outcomes;
};

// Splits the input into items; for CSV the first non-blank line is the header.
std::vector<BatchItem> read_items(const std::string& content, bool csv, BatchItem& header) {
  std::vector<BatchItem> items;
  for (RequestText& r : non_blank_lines(content)) {
    if (csv && header.line == 0)
      header = {r.line, std::move(r.text)};
    else
      items.push_back({r.line, std::move(r.text)});
  }
  return items;
}

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

std::string reject_line(const BatchItem& item, const BatchResult& r, const std::string& where) {
  nlohmann::ordered_json line = {
      {"request", item.line},
      {"rejected", diagnostics_json(r.errors, nullptr, where + ":" + std::to_string(item.line))},
      {"input", item.text}};
  return json_text(line);
}

void print_summary(const Tally& t, const BatchOptions& opt, double seconds) {
  std::string outcomes;
  for (const auto& [name, n] : t.outcomes) outcomes += (outcomes.empty() ? "" : ", ") + name + " " + std::to_string(n);
  std::fprintf(stderr, "batch: %zu rows, %zu decided, %zu rejected%s; outcomes: %s; %.2f s, %.0f rows/s\n", t.rows,
               t.decided, t.rejected, t.rejected ? (" (see " + opt.rejects + ")").c_str() : "",
               outcomes.empty() ? "none" : outcomes.c_str(), seconds, static_cast<double>(t.rows) / seconds);
}

int run_batch(BatchOptions opt) {
  LoadReport report;
  auto deployment = Deployment::open(opt.config, report, opt.backend);
  if (!deployment) {
    print_report(report, opt.config);
    return 1;
  }
  std::string content;
  if (!read_input(opt.in, content)) {
    std::cerr << opt.in << ": error[E000]: cannot read `" << opt.in << "`\n";
    return 1;
  }
  if (opt.rejects.empty()) opt.rejects = opt.out + ".rejects.jsonl";
  bool csv = opt.input_format == "csv" || (opt.input_format == "auto" && opt.in.ends_with(".csv"));
  BatchItem header;
  std::vector<BatchItem> items = read_items(content, csv, header);
  std::optional<CsvRequests> columns;
  if (csv) {
    std::vector<Diagnostic> errors;
    if (header.line > 0)
      columns = CsvRequests::from_header(deployment->program(), header.text, opt.ignore_columns, errors);
    if (!columns) {
      if (header.line == 0)
        errors.push_back({"R008", Severity::Error, "the CSV input has no header row", {}, {}, false});
      std::cerr << render_all(errors, nullptr, opt.in + ":" + std::to_string(std::max<uint32_t>(1, header.line)));
      return 1;  // no row can be read without its columns; nothing was written
    }
  }
  std::ofstream out(opt.out, std::ios::binary), rejects(opt.rejects, std::ios::binary);
  if (!out || !rejects) {
    std::cerr << (out ? opt.rejects : opt.out) << ": error[E000]: cannot write the file\n";
    return 1;
  }
  std::unique_ptr<DecisionLog> log;
  if (const std::string& path = deployment->config()->trace_log; !path.empty()) {
    std::string error;
    log = DecisionLog::open(path, error);
    if (!log) {
      std::cerr << opt.config << ": error[L002]: " << error << "\n";
      return 1;
    }
  }
  TraceLevel level = deployment->trace_level();
  if (opt.trace) parse_trace_level(*opt.trace, level);
  BatchRunner runner(deployment, std::move(columns), level, opt.threads);
  Progress progress(!opt.quiet && ::isatty(STDERR_FILENO));
  Tally tally;
  std::vector<BatchResult> results;
  for (size_t begin = 0; begin < items.size(); begin += kBlock) {
    std::vector<BatchItem> block(items.begin() + begin, items.begin() + std::min(items.size(), begin + kBlock));
    runner.decide(block, results);
    for (size_t i = 0; i < block.size(); ++i) {
      ++tally.rows;
      std::string log_error;
      if (results[i].decided && log && !log->append(nlohmann::ordered_json::parse(results[i].json), log_error)) {
        results[i].decided = false;  // not logged, so not written either
        results[i].errors.push_back(
            {"L001", Severity::Error, "the decision could not be logged: " + log_error, {}, {}, false});
      }
      if (results[i].decided) {
        out << results[i].json << '\n';
        ++tally.decided;
        ++tally.outcomes[deployment->program().outcomes[results[i].outcome]];
      } else {
        rejects << reject_line(block[i], results[i], opt.in) << '\n';
        ++tally.rejected;
      }
    }
    progress.show(tally.rows, items.size());
  }
  out.flush();
  rejects.flush();
  if (!out || !rejects) {
    std::cerr << opt.out << ": error[E000]: writing the output failed (disk full?)\n";
    return 1;
  }
  if (!opt.quiet) print_summary(tally, opt, progress.seconds());
  return tally.rejected ? 1 : 0;
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
