// `verdict audit --log FILE`: proves a decision log is whole and unaltered.
#include <iostream>

#include "compiler/source/diagnostic_text.h"
#include "runtime/audit/decision_log.h"
#include "runtime/deploy/ruleset.h"
#include "tools/verdict/commands.h"

namespace verdict::cli {
namespace {

int audit(const std::string& path) {
  std::string bytes;
  if (!read_text_file(path, bytes)) {
    std::cerr << render_all({Diagnostic::unlocated(code::E000, "cannot read `" + path + "`")}, nullptr, path);
    return 1;
  }
  LogCheck check = verify_decision_log(bytes);
  if (!check.ok) {
    std::string message = check.message + " (" + std::to_string(check.records) + " records verified before it)";
    std::cerr << render_all({Diagnostic::unlocated(code::L003, std::move(message))}, nullptr,
                            path + ":" + std::to_string(check.line));
    return 1;
  }
  std::cout << path << ": " << check.records << " records, chain intact"
            << (check.records ? ", last sha256 " + check.last_hash : "") << "\n";
  return 0;
}

}  // namespace

void add_audit_command(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("audit", "Verify a decision log: every record present, in order, unaltered");
  cmd->add_option("--log", *path, "Decision log (JSON Lines, [trace] log in the deployment config)")->required();
  cmd->callback([path, &exit_code] { exit_code = audit(*path); });
}

}  // namespace verdict::cli
