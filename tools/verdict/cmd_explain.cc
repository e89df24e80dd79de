// `verdict explain LOG... --id SEQ`: one logged decision explained, as text
// or as a self-contained HTML page (docs/explain.md).
#include <fstream>
#include <iostream>

#include "compiler/source/diagnostic_text.h"
#include "runtime/audit/log_key.h"
#include "runtime/report/explain_report.h"
#include "tools/verdict/commands.h"

namespace verdict::cli {
namespace {

struct ExplainOptions {
  std::vector<std::string> logs;  // a rotated log's files, oldest first
  uint64_t id = 0;
  std::string store, key_file, key_env, html;
};

int fail(const Diagnostic& diagnostic, const std::string& where) {
  std::cerr << render_all({diagnostic}, nullptr, where);
  return 1;
}

// Writes the page; false, with the reason printed (E010 cannot open, E011
// the write failed part-way), when it could not.
bool write_page(const std::string& path, const std::string& page) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    fail(Diagnostic::unlocated(code::E010, "cannot write `" + path + "`"), path);
    return false;
  }
  if (!(out << page).flush()) {
    fail(Diagnostic::unlocated(code::E011, "writing `" + path + "` failed (disk full?)"), path);
    return false;
  }
  return true;
}

// The findings that make the report untrustworthy, on stderr: the report is
// still printed (under its banner), but the command exits 1.
int findings(const ExplainReport& report) {
  int status = 0;
  if (!report.record.verified()) {
    const LogCheck& log = report.record.log;
    std::string where = log.line ? log.file + ":" + std::to_string(log.line) : log.file;
    status = fail(Diagnostic::unlocated(
                      code::L003, "record `" + std::to_string(report.record.seq) + "` is not verified: " + log.message),
                  where);
  }
  for (const VersionEntry& v : report.versions.entries) {
    if (v.state == StoreState::Failed) status = fail(Diagnostic::unlocated(code::L006, v.detail), report.store_dir);
  }
  return status;
}

int explain(const ExplainOptions& opt) {
  ExplainRequest request{opt.logs, opt.id, "", opt.store};
  std::string error;
  if (!read_log_key(opt.key_file, opt.key_env, request.key, error)) {
    return fail(Diagnostic::unlocated(code::L005, error), opt.logs.front());
  }
  Diagnostic problem;
  std::optional<ExplainReport> report = read_explain_report(request, problem);
  if (!report) return fail(problem, opt.logs.back());
  if (!opt.html.empty()) {
    if (!write_page(opt.html, explain_report_html(*report))) return 1;
  } else {
    std::cout << explain_report_text(*report);
  }
  return findings(*report);
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand("explain", "Explain one logged decision: its record, chain, versions and trace");
  cmd->add_option("log", opt->logs, "Decision log ([trace] log); a rotated log's files oldest first: LOG.* LOG")
      ->required();
  cmd->add_option("--id", opt->id, "The record's `seq`")->required();
  cmd->add_option("--store", opt->store, "The version store ([trace] store): check the versions, show rule source");
  auto* file = cmd->add_option("--key-file", opt->key_file, "The HMAC key of a keyed log ([trace] key_file)");
  cmd->add_option("--key-env", opt->key_env, "The environment variable holding the key ([trace] key_env)")
      ->excludes(file);
  cmd->add_option("--html", opt->html, "Write the report as one self-contained HTML page to FILE instead");
  cmd->callback([opt, &exit_code] { exit_code = explain(*opt); });
}

}  // namespace verdict::cli
