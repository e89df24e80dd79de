#pragma once
#include <string>

namespace verdict::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs the `verdict` binary built with the tests, from the source root, with
// `args` appended verbatim (shell syntax) and `stdin_text` on its input.
CliResult run_cli(const std::string& args, const std::string& stdin_text = "");

}  // namespace verdict::testing
