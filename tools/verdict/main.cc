// `verdict`: the command-line front end. Thin: parses flags and calls the
// compiler and runtime libraries.
#include "tools/verdict/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"verdict: decision rules, checked, compiled and explained"};
  app.set_version_flag("--version", std::string("verdict ") + VERDICT_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  verdict::cli::add_check_command(app, exit_code);
  verdict::cli::add_fmt_command(app, exit_code);
  verdict::cli::add_run_command(app, exit_code);
  verdict::cli::add_decide_command(app, exit_code);
  verdict::cli::add_batch_command(app, exit_code);
  verdict::cli::add_audit_command(app, exit_code);
  verdict::cli::add_replay_command(app, exit_code);
  verdict::cli::add_compare_command(app, exit_code);
  verdict::cli::add_explain_command(app, exit_code);
  verdict::cli::add_serve_command(app, exit_code);
  verdict::cli::add_test_command(app, exit_code);
  verdict::cli::add_train_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}
