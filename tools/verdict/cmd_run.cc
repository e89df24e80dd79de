#include <iostream>

#include "runtime/decision_json.h"
#include "runtime/explain_text.h"
#include "runtime/request.h"
#include "tools/verdict/commands.h"
#include "tools/verdict/diagnostic_output.h"
#include "tools/verdict/request_reader.h"
#include "tools/verdict/ruleset_loader.h"

namespace verdict::cli {
namespace {

struct RunOptions {
  std::string rules;
  std::string input;
  std::string format = "json";
  std::string trace = "full";
  bool pretty = false;
  BackendKind backend = BackendKind::Jit;
};

TraceLevel trace_level(const std::string& s) {
  if (s == "off") return TraceLevel::Off;
  if (s == "rules") return TraceLevel::Rules;
  return TraceLevel::Full;
}

void report_rejected(const RunOptions& opt, const RequestText& req,
                     const std::vector<Diagnostic>& errors) {
  std::string where = (opt.input == "-" ? "<stdin>" : opt.input) + ":" + std::to_string(req.line);
  std::cerr << render_all(errors, nullptr, where);
  nlohmann::ordered_json out = {{"request", req.line}, {"rejected", diagnostics_json(errors, nullptr, where)}};
  if (opt.format == "json") std::cout << out.dump(opt.pretty ? 2 : -1) << "\n";
  else std::cout << "request " << req.line << ": rejected\n";
}

int run(const RunOptions& opt) {
  auto ruleset = load_or_report(opt.rules, opt.backend);
  if (!ruleset) return 1;
  std::string content;
  if (!read_input(opt.input, content)) {
    std::cerr << opt.input << ": error[E000]: cannot read `" << opt.input << "`\n";
    return 1;
  }
  bool rejected = false;
  for (const RequestText& req : split_requests(content)) {
    std::vector<Diagnostic> errors;
    auto frame = frame_from_text(ruleset->program(), req.text, errors);
    if (!frame) {
      report_rejected(opt, req, errors);
      rejected = true;
      continue;
    }
    Decision d = ruleset->decide(*frame);
    if (opt.format == "text") {
      auto json = decision_json(*ruleset, *frame, d, TraceLevel::Full);
      std::cout << "request " << req.line << ": " << explain_text(json) << "\n";
    } else {
      auto json = decision_json(*ruleset, *frame, d, trace_level(opt.trace));
      std::cout << json.dump(opt.pretty ? 2 : -1) << "\n";
    }
  }
  return rejected ? 1 : 0;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Decide requests with a ruleset and explain each decision");
  cmd->add_option("--rules", opt->rules, "Rules file")->required();
  cmd->add_option("--input", opt->input, "Requests: a JSON object, an array, or JSON Lines; `-` for stdin")
      ->required();
  cmd->add_option("--format", opt->format, "`json` (one decision per line) or `text`")
      ->check(CLI::IsMember({"json", "text"}));
  cmd->add_option("--trace", opt->trace, "Trace detail in JSON: off, rules or full")
      ->check(CLI::IsMember({"off", "rules", "full"}));
  cmd->add_flag("--pretty", opt->pretty, "Indent the JSON");
  add_backend_option(*cmd, opt->backend);
  cmd->callback([opt, &exit_code] { exit_code = run(*opt); });
}

}  // namespace verdict::cli
