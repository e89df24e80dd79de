#include "runtime/audit/log_key.h"

#include <cstdlib>
#include <fstream>

namespace verdict {
namespace {

constexpr size_t kMaxKeyBytes = 4096;

bool read_key_file(const std::string& file, std::string& key, std::string& error, const std::string& what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = "cannot read the " + what + " file `" + file + "`";
    return false;
  }
  key.resize(kMaxKeyBytes + 1);  // one byte more than allowed tells a file that is too long
  in.read(key.data(), static_cast<std::streamsize>(key.size()));
  key.resize(static_cast<size_t>(in.gcount()));
  if (key.size() > kMaxKeyBytes) {
    error = "the " + what + " file `" + file + "` holds more than " + std::to_string(kMaxKeyBytes) + " bytes";
    return false;
  }
  return true;
}

}  // namespace

bool read_log_key(const std::string& file, const std::string& env, std::string& key, std::string& error,
                  std::string_view what_key) {
  const std::string what(what_key);
  key.clear();
  std::string source;
  if (!file.empty()) {
    if (!read_key_file(file, key, error, what)) return false;
    source = "the " + what + " file `" + file + "`";
  } else if (!env.empty()) {
    const char* value = std::getenv(env.c_str());
    if (value == nullptr) {
      error = "the environment variable `" + env + "` that should hold the " + what + " is not set";
      return false;
    }
    key = value;
    source = "the environment variable `" + env + "`";
  } else {
    return true;
  }
  if (key.ends_with('\n')) key.pop_back();
  if (key.ends_with('\r')) key.pop_back();
  if (key.size() < kMinLogKeyBytes) {
    error = source + " holds a key of " + std::to_string(key.size()) + " bytes; a " + what + " needs at least " +
            std::to_string(kMinLogKeyBytes) + " (make one with `openssl rand -hex 32`)";
    return false;
  }
  return true;
}

bool decision_log_options(const DecisionLogConfig& config, DecisionLogOptions& out, std::string& error) {
  std::string key;
  if (!read_log_key(config.key_file, config.key_env, key, error)) return false;
  out = DecisionLogOptions{.sync = config.sync,
                           .sync_interval_ms = config.sync_interval_ms,
                           .chain = LogChain(std::move(key)),
                           .rotate_bytes = config.rotate_bytes,
                           .rotate_seconds = config.rotate_seconds};
  return true;
}

}  // namespace verdict
