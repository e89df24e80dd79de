// Every TOML reader on any text, the first byte choosing the reader: the
// deployment config, [server], a training config, a cases file. A config
// that is refused says why.
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/cases/test_cases.h"
#include "runtime/deploy/deployment_config.h"
#include "runtime/serve/server_config.h"
#include "runtime/training/train_config.h"
#include "tests/fuzz/fuzz_target.h"

using namespace verdict;

namespace {

// Cases files are read from a path only: the text goes through a memfd.
void read_cases(std::string_view text) {
  static int fd = ::memfd_create("fuzz.cases.toml", 0);
  ::ftruncate(fd, 0);
  ::pwrite(fd, text.data(), text.size(), 0);
  std::vector<Diagnostic> errors;
  uint32_t line = 0;
  auto cases = load_cases("/proc/self/fd/" + std::to_string(fd), errors, line);
  fuzz::require(cases.has_value() || !errors.empty(), "a cases file that is refused says why");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string text(fuzz::as_text(data + 1, size - 1));
  switch (data[0] % 4) {
    case 0: {
      Diagnostics diags;
      std::unique_ptr<SourceFile> source;
      auto config = parse_deployment_config("fuzz.deploy.toml", text, diags, source);
      fuzz::require(config.has_value() || diags.has_errors(), "a refused deployment config says why");
      break;
    }
    case 1: {
      Diagnostics diags;
      auto config = serve::parse_server_config(SourceFile("fuzz.deploy.toml", text), diags);
      fuzz::require(config.has_value() || diags.has_errors(), "a refused [server] says why");
      break;
    }
    case 2: {
      model::TrainConfig config;
      std::vector<std::string> errors;
      bool ok = model::parse_train_config(text, "fuzz.train.toml", config, errors);
      fuzz::require(ok || !errors.empty(), "a refused training config says why");
      break;
    }
    default: read_cases(text);
  }
  return 0;
}
