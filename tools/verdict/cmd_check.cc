#include <iostream>

#include "compiler/check/checker.h"
#include "compiler/ir/ir_printer.h"
#include "compiler/jit/jit_code.h"
#include "compiler/source/diagnostic_json.h"
#include "compiler/source/diagnostic_text.h"
#include "compiler/source/file_diagnostic.h"
#include "compiler/syntax/ast_printer.h"
#include "compiler/syntax/parser.h"
#include "runtime/core/model_binding.h"
#include "runtime/deploy/deployment.h"
#include "runtime/deploy/ruleset.h"
#include "runtime/serve/server_config.h"
#include "runtime/wire/value_json.h"
#include "tools/verdict/commands.h"

namespace verdict::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::vector<std::string> configs;
  std::string format = "text";
  std::string emit;
  std::string opt = "O2";
  bool warnings_as_errors = false;
};

// Prints one stage of a successfully checked file to stdout.
void emit_stage(const CheckOptions& opt, const SourceFile& source) {
  Diagnostics ignored;
  auto file = parse_rules(source, ignored);
  if (!file) return;
  if (opt.emit == "ast") {
    std::cout << ast::print_ast(*file);
    return;
  }
  auto program = check_rules(*file, source, ignored);
  if (!program) return;
  if (opt.emit == "ir") std::cout << ir::print_program(*program);
  if (opt.emit == "llvm") {
    std::cout << jit::emit_llvm_ir(*program, opt.opt == "O0" ? jit::OptLevel::O0 : jit::OptLevel::O2);
  }
}

// Checks one file; returns its diagnostics, sorted, and sets `source` when
// the file could be read.
std::vector<Diagnostic> check_file(const std::string& path, std::unique_ptr<SourceFile>& source) {
  Diagnostics diags;
  std::string text;
  if (FileRead read = read_rules_file(path, text); !read) {
    diags.report_unlocated(file_read_code(read, code::E000, code::E006), read.message);
    return diags.sorted();
  }
  source = std::make_unique<SourceFile>(path, std::move(text));
  auto program = compile_rules(*source, diags);
  // The model file is checked too, once the ruleset itself is sound.
  std::unique_ptr<BoundModel> model;
  if (program) load_declared_model(*program, path, "", ModelKernel::Native, diags, model);
  return diags.sorted();
}

// The config's text as a source for [server] diagnostics. PRECONDITION: the
// deployment opened, so the file was readable a moment ago.
std::shared_ptr<const SourceFile> config_source(const std::string& path) {
  std::string text;
  read_bounded_file(path, kConfigFileLimit, text);
  return std::make_shared<const SourceFile>(path, std::move(text));
}

// A deployment config is checked by opening it: the config, its ruleset,
// the model file and the binding between them (nothing is decided).
bool check_config(const std::string& path, nlohmann::ordered_json& all, const CheckOptions& opt) {
  LoadReport report;
  bool opened = Deployment::open(path, report, BackendKind::Interpreter) != nullptr;
  if (opened) {  // and the [server] table `verdict serve` would read (S001-S005)
    std::shared_ptr<const SourceFile> config = config_source(path);
    Diagnostics server_diags;
    opened = serve::parse_server_config(*config, server_diags).has_value();
    report.add(path, config, server_diags);
  }
  bool failed = !opened;
  for (const LoadReport::File& f : report.files) {
    for (const Diagnostic& d : f.diagnostics)
      failed = failed || opt.warnings_as_errors || d.severity == Severity::Error;
    if (opt.format == "json") {
      for (auto& entry : diagnostics_json(f.diagnostics, f.source.get(), f.path)) all.push_back(entry);
    } else {
      std::cerr << render_all(f.diagnostics, f.source.get(), f.path);
      if (!f.diagnostics.empty()) std::cerr << f.path << ": " << summary(f.diagnostics) << "\n";
    }
  }
  return failed;
}

int run_check(const CheckOptions& opt) {
  bool failed = false;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const std::string& path : opt.files) {
    std::unique_ptr<SourceFile> source;
    std::vector<Diagnostic> diags = check_file(path, source);
    bool has_errors = false;
    for (const Diagnostic& d : diags) {
      has_errors = has_errors || d.severity == Severity::Error;
      failed = failed || d.severity == Severity::Error || opt.warnings_as_errors;
    }
    if (!opt.emit.empty() && !has_errors && source) emit_stage(opt, *source);
    if (opt.format == "json") {
      for (auto& entry : diagnostics_json(diags, source.get(), path)) all.push_back(entry);
      continue;
    }
    std::cerr << render_all(diags, source.get(), path);
    if (!diags.empty()) std::cerr << path << ": " << summary(diags) << "\n";
  }
  for (const std::string& config : opt.configs) failed = check_config(config, all, opt) || failed;
  if (opt.format == "json") std::cout << json_text(all, 2) << "\n";
  return failed ? 1 : 0;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Check rules files: syntax, names, types, lints");
  cmd->add_option("files", opt->files, "Rules files");
  cmd->add_option("--config", opt->configs, "Deployment configs: the config, its ruleset and model together");
  cmd->add_option("--format", opt->format, "Diagnostics as `text` (stderr) or `json` (stdout)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--emit", opt->emit, "Also print a stage to stdout: ast, ir or llvm")
      ->check(CLI::IsMember({"ast", "ir", "llvm"}));
  cmd->add_option("--opt", opt->opt, "Optimisation for --emit=llvm: O0 or O2")->check(CLI::IsMember({"O0", "O2"}));
  cmd->add_flag("--warnings-as-errors,-W", opt->warnings_as_errors, "Exit 1 on warnings too");
  cmd->callback([opt, &exit_code] {
    if (opt->files.empty() && opt->configs.empty()) throw CLI::RequiredError("files or --config");
    exit_code = run_check(*opt);
  });
}

}  // namespace verdict::cli
