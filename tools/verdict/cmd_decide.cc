#include "tools/verdict/commands.h"
#include "tools/verdict/decide_loop.h"
#include "tools/verdict/ruleset_loader.h"

namespace verdict::cli {
namespace {

struct DecideCommandOptions {
  std::string config;
  BackendKind backend = BackendKind::Jit;
  DecideOptions decide;
};

int decide(const DecideCommandOptions& opt) {
  LoadReport report;
  auto deployment = Deployment::open(opt.config, report, opt.backend);
  if (!deployment) {
    print_report(report, opt.config);
    return 1;
  }
  return decide_requests(*deployment, opt.decide);
}

}  // namespace

void add_decide_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<DecideCommandOptions>();
  opt->decide.number_requests = true;
  CLI::App* cmd = app.add_subcommand(
      "decide", "Decide requests with a deployment: ruleset, model, blend weights (TOML config)");
  cmd->add_option("--config", opt->config, "Deployment config (TOML)")->required();
  add_decide_options(*cmd, opt->decide);
  add_backend_option(*cmd, opt->backend);
  cmd->callback([opt, &exit_code] { exit_code = decide(*opt); });
}

}  // namespace verdict::cli
