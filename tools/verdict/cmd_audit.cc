// `verdict audit --log FILE`: proves a decision log is whole and unaltered.
#include <iostream>

#include "runtime/audit/decision_log.h"
#include "runtime/deploy/ruleset.h"
#include "tools/verdict/commands.h"

namespace verdict::cli {
namespace {

int audit(const std::string& path) {
  std::string bytes;
  if (!read_text_file(path, bytes)) {
    std::cerr << path << ": error[E000]: cannot read `" << path << "`\n";
    return 1;
  }
  LogCheck check = verify_decision_log(bytes);
  if (!check.ok) {
    std::cerr << path << ":" << check.line << ": error[L003]: " << check.message << " (" << check.records
              << " records verified before it)\n";
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
