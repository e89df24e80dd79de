// `verdict train CONFIG.toml`: trains an XGBoost model and writes it with
// its model card (runtime/training/trainer.h does the work).
#include <cstdio>
#include <iostream>

#include "runtime/training/train_config.h"
#include "runtime/training/trainer.h"
#include "tools/verdict/commands.h"

namespace verdict::cli {
namespace {

struct TrainOptions {
  std::string config;
  std::string output;
  bool quiet = false;
};

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void print_summary(const model::TrainConfig& config, const model::TrainResult& r) {
  std::cout << "trained `" << config.name << "`: " << r.trees << " trees, depth " << r.depth << ", on " << r.train_rows
            << " rows\n"
            << "validation (" << r.validation_rows << " rows): AUC " << fixed(r.validation.auc, 4) << ", log-loss "
            << fixed(r.validation.log_loss, 4) << "\n"
            << "wrote " << r.model_path << " (sha256 " << r.model_sha256.substr(0, 12) << "...)\n"
            << "wrote " << r.card_path << "\n";
}

int run_train(const TrainOptions& opt) {
  std::vector<std::string> errors;
  model::TrainConfig config;
  model::TrainResult result;
  if (!opt.output.empty() && !opt.output.ends_with(".json")) {
    errors.push_back("--output must name a `.json` file");
  } else if (model::load_train_config(opt.config, config, errors)) {
    model::train_model(config, model::TrainOptions{opt.output}, result, errors);
  }
  for (const std::string& e : errors) std::cerr << "error: " << e << "\n";
  if (!errors.empty()) return 1;
  if (!opt.quiet) print_summary(config, result);
  return 0;
}

}  // namespace

void add_train_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<TrainOptions>();
  CLI::App* cmd = app.add_subcommand("train", "Train an XGBoost model from a TOML configuration");
  cmd->add_option("config", opt->config, "Training configuration (TOML)")->required();
  cmd->add_option("--output", opt->output, "Write the model here instead (the card goes beside it)");
  cmd->add_flag("--quiet", opt->quiet, "Print nothing on success");
  cmd->callback([opt, &exit_code] { exit_code = run_train(*opt); });
}

}  // namespace verdict::cli
