#include "runtime/serve/server_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <vector>

#include "compiler/source/suggest.h"
#include "runtime/config/toml_span.h"

namespace verdict::serve {
namespace {

const std::vector<std::string> kKeys = {"bind",
                                        "port",
                                        "threads",
                                        "max_queue",
                                        "max_request_bytes",
                                        "max_batch",
                                        "keep_alive_seconds",
                                        "keep_alive_requests",
                                        "reload_token",
                                        "reload_token_env"};

class ServerReader {
 public:
  ServerReader(ServerConfig& out, const SourceFile& source, Diagnostics& diags)
      : out_(out), source_(source), diags_(diags) {}

  void read(const toml::table& server) {
    for (const auto& [key, node] : server) {
      std::string name(key.str());
      if (std::find(kKeys.begin(), kKeys.end(), name) == kKeys.end()) {
        error("S002", node, "unknown key `" + name + "` in [server]" + did_you_mean(name, kKeys));
      }
    }
    if (const toml::node* n = server.get("bind")) text(*n, "bind", out_.bind);
    integer(server, "port", 0, 65535, out_.port);
    integer(server, "threads", 1, 1024, out_.threads);
    integer(server, "max_queue", 0, 1 << 20, out_.max_queue);
    integer(server, "max_request_bytes", 64, size_t(1) << 30, out_.max_request_bytes);
    integer(server, "max_batch", 1, 1 << 20, out_.max_batch);
    integer(server, "keep_alive_seconds", 1, 3600, out_.keep_alive_seconds);
    integer(server, "keep_alive_requests", 1, std::numeric_limits<int32_t>::max(), out_.keep_alive_requests);
    read_token(server);
  }

 private:
  Span span_of(const toml::node& node) const { return toml_span(node, source_); }

  void error(const char* code, const toml::node& where, std::string message) {
    diags_.error(code, span_of(where), std::move(message));
  }

  bool text(const toml::node& n, const std::string& key, std::string& out) {
    auto value = n.value_exact<std::string>();
    if (!value) {
      error("S003", n, "`server." + key + "` must be a string");
      return false;
    }
    out = *value;
    return true;
  }

  template <typename T>
  void integer(const toml::table& t, const std::string& key, int64_t min, int64_t max, T& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    auto value = n->value_exact<int64_t>();
    if (!value) {
      error("S003", *n, "`server." + key + "` must be an integer");
    } else if (*value < min || *value > max) {
      error("S004", *n,
            "`server." + key + "` is " + std::to_string(*value) + "; it must be between " + std::to_string(min) +
                " and " + std::to_string(max));
    } else {
      out = static_cast<T>(*value);
    }
  }

  void read_token(const toml::table& server) {
    const toml::node* token = server.get("reload_token");
    const toml::node* env = server.get("reload_token_env");
    if (token && env) {
      error("S005", *env, "set `server.reload_token` or `server.reload_token_env`, not both");
      return;
    }
    if (token && text(*token, "reload_token", out_.reload_token) && out_.reload_token.empty()) {
      error("S005", *token, "`server.reload_token` is empty; leave it out to disable reload");
    }
    std::string name;
    if (!env || !text(*env, "reload_token_env", name)) return;
    const char* value = std::getenv(name.c_str());
    if (!value || !*value) {
      error("S005", *env, "environment variable `" + name + "` (`server.reload_token_env`) is not set");
      return;
    }
    out_.reload_token = value;
  }

  ServerConfig& out_;
  const SourceFile& source_;
  Diagnostics& diags_;
};

}  // namespace

std::optional<ServerConfig> parse_server_config(const SourceFile& config, Diagnostics& diags) {
  size_t errors_before = diags.error_count();
  toml::table root;
  try {
    root = toml::parse(config.text(), config.path());
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    uint32_t at = config.offset_of({b.line, b.column});
    diags.error("S001", {at, at + 1}, "invalid TOML: " + std::string(e.description()));
    return std::nullopt;
  }
  ServerConfig out;
  if (const toml::node* server = root.get("server")) {
    if (const toml::table* t = server->as_table()) {
      ServerReader(out, config, diags).read(*t);
    } else {
      const toml::source_region& r = server->source();
      uint32_t at = config.offset_of({r.begin.line, r.begin.column});
      diags.error("S003", {at, at + 1}, "`server` must be a table");
    }
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  return out;
}

}  // namespace verdict::serve
