#include "tools/verdict/decide_loop.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "runtime/audit/decision_log.h"
#include "runtime/wire/decision_json.h"
#include "runtime/wire/explain_text.h"
#include "runtime/wire/request.h"
#include "runtime/wire/request_csv.h"
#include "runtime/wire/value_json.h"
#include "tools/verdict/diagnostic_output.h"
#include "tools/verdict/request_reader.h"

namespace verdict::cli {
namespace {

class RequestLoop {
 public:
  RequestLoop(const Deployment& deployment, const DecideOptions& options)
      : dep_(deployment), opt_(options), where_(options.input == "-" ? "<stdin>" : options.input) {
    level_ = deployment.trace_level();
    if (options.trace) parse_trace_level(*options.trace, level_);
  }

  int run(const std::string& content) {
    if (!open_log()) return 1;
    if (is_csv())
      run_csv(content);
    else
      run_json(content);
    return rejected_ ? 1 : 0;
  }

 private:
  bool is_csv() const {
    if (opt_.input_format != "auto") return opt_.input_format == "csv";
    return opt_.input.size() > 4 && opt_.input.compare(opt_.input.size() - 4, 4, ".csv") == 0;
  }

  void run_json(const std::string& content) {
    for (const RequestText& req : split_requests(content)) {
      std::vector<Diagnostic> errors;
      auto frame = frame_from_text(dep_.program(), req.text, errors);
      if (frame)
        decide(req.line, *frame);
      else
        reject(req.line, errors);
    }
  }

  // The first non-blank line is the header; without usable columns no row
  // can be read, so the header's errors end the run.
  void run_csv(const std::string& content) {
    std::vector<RequestText> lines = non_blank_lines(content);
    if (lines.empty()) return;
    std::vector<Diagnostic> errors;
    auto csv = CsvRequests::from_header(dep_.program(), lines[0].text, opt_.ignore_columns, errors);
    if (!csv) return reject(lines[0].line, errors);
    for (size_t i = 1; i < lines.size(); ++i) row(*csv, lines[i].line, lines[i].text);
  }

  void row(const CsvRequests& csv, uint32_t line, const std::string& text) {
    std::vector<Diagnostic> errors;
    nlohmann::json request;
    if (!csv.request(text, request, errors)) return reject(line, errors);
    auto frame = frame_from_json(dep_.program(), request, errors);
    if (frame)
      decide(line, *frame);
    else
      reject(line, errors);
  }

  // The deployment's decision log, when its config names one.
  bool open_log() {
    const DeploymentConfig* config = dep_.config();
    if (!config || config->trace_log.empty()) return true;
    std::string error;
    log_ = DecisionLog::open(config->trace_log, error);
    if (!log_) std::cerr << config->path << ": error[L002]: " << error << "\n";
    return log_ != nullptr;
  }

  // A decision that cannot be logged is not printed either: the log and
  // the output never disagree.
  bool logged(uint32_t line, const nlohmann::ordered_json& decision) {
    std::string error;
    if (!log_ || log_->append(decision, error)) return true;
    reject(line, {{"L001", Severity::Error, "the decision could not be logged: " + error, {}, {}, false}});
    return false;
  }

  void decide(uint32_t line, const Frame& frame) {
    dep_.decide_into(frame, decision_, level_ != TraceLevel::Off);
    auto out = decision_json(dep_, frame, decision_, level_,
                             opt_.number_requests ? std::optional<uint32_t>(line) : std::nullopt);
    if (!logged(line, out)) return;
    if (opt_.format == "text") {
      auto json = decision_json(dep_, frame, decision_, TraceLevel::Full);
      std::cout << "request " << line << ": " << explain_text(json) << "\n";
      return;
    }
    std::cout << json_text(out, opt_.pretty ? 2 : -1) << "\n";
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

  const Deployment& dep_;
  const DecideOptions& opt_;
  std::string where_;
  TraceLevel level_ = TraceLevel::Full;
  Decision decision_;
  std::unique_ptr<DecisionLog> log_;
  bool rejected_ = false;
};

}  // namespace

int decide_requests(const Deployment& deployment, const DecideOptions& options) {
  std::string content;
  if (!read_input(options.input, content)) {
    std::cerr << options.input << ": error[E000]: cannot read `" << options.input << "`\n";
    return 1;
  }
  return RequestLoop(deployment, options).run(content);
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

void print_report(const LoadReport& report, const std::string& what) {
  std::vector<Diagnostic> all;
  for (const LoadReport::File& f : report.files) all.insert(all.end(), f.diagnostics.begin(), f.diagnostics.end());
  std::cerr << report.render();
  if (report.has_errors()) std::cerr << what << ": " << summary(all) << "\n";
}

}  // namespace verdict::cli
