// `verdict compare --config CHAMPION --config CHALLENGER --input history.csv`:
// champion/challenger on a file of requests rather than a decision log.
#include <iostream>

#include "compiler/source/diagnostic_text.h"
#include "compiler/source/file_diagnostic.h"
#include "runtime/wire/request_source.h"
#include "tools/verdict/commands.h"
#include "tools/verdict/comparison_output.h"
#include "tools/verdict/decide_output.h"

namespace verdict::cli {
namespace {

struct CompareOptions {
  std::vector<std::string> configs;  // the champion, then the challenger
  std::string input, input_format = "auto", format = "text", html;
  std::vector<std::string> ignore_columns;
};

std::unique_ptr<Engine> open_quietly(const std::string& config) {
  LoadReport report;
  auto engine = Engine::open(config, report, EngineOptions{.log_decisions = false});
  if (!engine) print_report(report, config);
  return engine;
}

// "R004 ...; R009 ..." for a request or decision that was refused.
std::string refusal(const char* who, const std::vector<Diagnostic>& errors) {
  std::string out = std::string("refused by ") + who + ":";
  for (const Diagnostic& d : errors) out += " " + d.code + " " + d.message + ";";
  return out;
}

// Both deployments decide `request`, at the full trace so rules and
// features can be compared; a refusal on either side is a skipped row.
void compare_one(const Engine& champion, const Engine& challenger, const nlohmann::json& request,
                 ChallengerComparison& comparison) {
  DecideSettings settings;
  settings.trace = TraceLevel::Full;
  DecideResult a = champion.decide(request, settings);
  if (!a.decided) return comparison.skip(refusal("the champion", a.errors));
  DecideResult b = challenger.decide(request, settings);
  if (!b.decided) return comparison.skip(refusal("the challenger", b.errors));
  comparison.add(a.decision(), b.decision());
}

int compare(const CompareOptions& opt) {
  if (opt.configs.size() != 2) {
    std::cerr << "verdict compare: give two configs, the champion's then the challenger's (--config A --config B)\n";
    return 2;
  }
  auto champion = open_quietly(opt.configs[0]), challenger = champion ? open_quietly(opt.configs[1]) : nullptr;
  if (!challenger) return 1;
  std::string content;
  if (FileRead read = read_input(opt.input, content); !read) {
    std::cerr << render_all({file_read_diagnostic(read)}, nullptr, opt.input);
    return 1;
  }
  RequestSource source(content, request_format(opt.input_format, opt.input, RequestFormat::Json));
  std::vector<Diagnostic> errors;
  if (source.format() == RequestFormat::Csv &&
      (!source.header() || !source.map_columns(champion->current()->program(), opt.ignore_columns, errors))) {
    std::cerr << render_all(errors, nullptr, opt.input);
    return 1;
  }
  ChallengerComparison comparison(champion->current()->program().outcomes);
  for (const RequestText& r : source.requests()) {
    errors.clear();
    nlohmann::json request = source.request(r, errors);
    errors.empty() ? compare_one(*champion, *challenger, request, comparison)
                   : comparison.skip(refusal("the input", errors));
  }
  return write_comparison(comparison, {opt.format, opt.html, opt.input, opt.configs[0], opt.configs[1]}) ? 0 : 1;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Champion/challenger on a file of requests: both deployments decide each, the changes summed up");
  cmd->add_option("--config", opt->configs, "The champion's deployment config, then the challenger's")
      ->required()
      ->expected(2)
      ->check(CLI::ExistingFile);
  cmd->add_option("--input", opt->input, "Requests: JSON (an object, an array, JSON Lines) or CSV with a header")
      ->required();
  cmd->add_option("--input-format", opt->input_format, "auto (CSV for a `.csv` file), json or csv")
      ->check(CLI::IsMember({"auto", "json", "csv"}));
  cmd->add_option("--ignore-columns", opt->ignore_columns, "CSV columns that are not input fields (labels, ids)")
      ->delimiter(',');
  cmd->add_option("--format", opt->format, "text or json (one object)")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--html", opt->html, "Also write the comparison as a self-contained HTML page");
  cmd->callback([opt, &exit_code] { exit_code = compare(*opt); });
}

}  // namespace verdict::cli
