#include "tools/verdict/commands.h"
#include "tools/verdict/decide_loop.h"
#include "tools/verdict/ruleset_loader.h"

namespace verdict::cli {
namespace {

struct RunOptions {
  std::string rules;
  BackendKind backend = BackendKind::Jit;
  DecideOptions decide;
};

int run(const RunOptions& opt) {
  LoadReport report;
  auto deployment = Deployment::from_rules(opt.rules, report, opt.backend);
  if (!deployment) {
    print_report(report, opt.rules);
    return 1;
  }
  return decide_requests(*deployment, opt.decide);
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Decide requests with a rules file alone (its model is scored; weights human 1, model 0)");
  cmd->add_option("--rules", opt->rules, "Rules file")->required();
  add_decide_options(*cmd, opt->decide);
  cmd->get_option("--input")->required();
  add_backend_option(*cmd, opt->backend);
  cmd->callback([opt, &exit_code] { exit_code = run(*opt); });
}

}  // namespace verdict::cli
