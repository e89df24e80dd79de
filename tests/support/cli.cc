#include "tests/support/cli.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/support/golden.h"

namespace verdict::testing {

CliResult run_cli(const std::string& args, const std::string& stdin_text) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("verdict-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path in = dir / "stdin", out = dir / "stdout", err = dir / "stderr";
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string command = "cd '" + std::string(VERDICT_SOURCE_DIR) + "' && '" + VERDICT_CLI + "' " + args + " <'" +
                        in.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(command.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out.string());
  r.err = read_file(err.string());
  return r;
}

}  // namespace verdict::testing
