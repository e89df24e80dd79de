#include "runtime/serve/server_config.h"

#include <cstdlib>
#include <limits>
#include <vector>

#include "runtime/config/table_reader.h"
#include "runtime/config/toml_document.h"

namespace verdict::serve {
namespace {

// S001 (syntax) and S005 (the reload token) are reported here.
const ConfigCodes kCodes = {.unknown_key = &code::S002, .wrong_type = &code::S003, .out_of_range = &code::S004};

const std::vector<std::string> kKeys = {"bind",
                                        "port",
                                        "threads",
                                        "max_queue",
                                        "inline_decide_bytes",
                                        "max_request_bytes",
                                        "max_batch",
                                        "keep_alive_seconds",
                                        "keep_alive_requests",
                                        "request_deadline_ms",
                                        "max_header_bytes",
                                        "max_header_count",
                                        "drain_deadline_ms",
                                        "max_connections",
                                        "reload_token",
                                        "reload_token_env"};

class ServerReader {
 public:
  ServerReader(ServerConfig& out, ConfigReport& report) : out_(out), report_(report) {}

  void read(TableReader server) {
    server.known_keys(kKeys, "[server]");
    if (auto bind = server.string("bind", "a string")) out_.bind = *bind;
    integer(server, "port", 0, 65535, out_.port);
    integer(server, "threads", 1, 1024, out_.threads);
    integer(server, "max_queue", 0, 1 << 20, out_.max_queue);
    integer(server, "inline_decide_bytes", 0, 1 << 20, out_.inline_decide_bytes);
    integer(server, "max_request_bytes", 64, int64_t(1) << 30, out_.max_request_bytes);
    integer(server, "max_batch", 1, 1 << 20, out_.max_batch);
    integer(server, "keep_alive_seconds", 1, 3600, out_.keep_alive_seconds);
    integer(server, "keep_alive_requests", 1, std::numeric_limits<int32_t>::max(), out_.keep_alive_requests);
    integer(server, "request_deadline_ms", 100, 3600000, out_.request_deadline_ms);
    integer(server, "max_header_bytes", 1024, 1 << 20, out_.max_header_bytes);
    integer(server, "max_header_count", 8, 10000, out_.max_header_count);
    integer(server, "drain_deadline_ms", 0, 3600000, out_.drain_deadline_ms);
    integer(server, "max_connections", 1, 1 << 20, out_.max_connections);
    read_token(server);
  }

 private:
  template <typename T>
  static void integer(TableReader& server, const char* key, int64_t min, int64_t max, T& out) {
    IntegerRule rule = {min, max, "an integer",
                        "it must be between " + std::to_string(min) + " and " + std::to_string(max)};
    if (auto value = server.integer(key, rule)) out = static_cast<T>(*value);
  }

  void read_token(TableReader& server) {
    std::optional<TomlValue> token = server.get("reload_token");
    std::optional<TomlValue> env = server.get("reload_token_env");
    if (token && env) {
      report_.error(code::S005, *env, "set `server.reload_token` or `server.reload_token_env`, not both");
      return;
    }
    if (token) {
      std::optional<std::string> text = server.string("reload_token", "a string");
      if (text && text->empty()) {
        report_.error(code::S005, *token, "`server.reload_token` is empty; leave it out to disable reload");
      } else if (text) {
        accept_token(*text, *token, "`server.reload_token`");
      }
    }
    std::optional<std::string> name = env ? server.string("reload_token_env", "a string") : std::nullopt;
    if (!name) return;
    const char* value = std::getenv(name->c_str());
    if (!value || !*value) {
      report_.error(code::S005, *env, "environment variable `" + *name + "` (`server.reload_token_env`) is not set");
      return;
    }
    accept_token(value, *env, "the environment variable `" + *name + "`");
  }

  // A token short enough to guess is refused: at least kMinReloadTokenChars
  // (16 random bytes, written in hex).
  void accept_token(const std::string& token, const TomlValue& at, const std::string& from) {
    if (token.size() < kMinReloadTokenChars) {
      report_.error(code::S005, at,
                    from + " holds a reload token of " + std::to_string(token.size()) + " characters; it needs " +
                        std::to_string(kMinReloadTokenChars) + " or more (`openssl rand -hex 16`)");
      return;
    }
    out_.reload_token = token;
  }

  ServerConfig& out_;
  ConfigReport& report_;
};

}  // namespace

std::optional<ServerConfig> parse_server_config(const SourceFile& config, Diagnostics& diags) {
  TomlSyntaxError syntax;
  std::optional<TomlDocument> document = TomlDocument::parse(config, syntax);
  if (!document) {
    diags.report(code::S001, syntax.span, syntax.message);
    return std::nullopt;
  }
  ServerConfig out;
  ConfigReport report(kCodes);
  if (std::optional<TomlValue> server = document->root().get("server")) {
    if (std::optional<TomlTable> table = server->table()) {
      ServerReader(out, report).read(TableReader(*table, "server", report));
    } else {
      // One byte at the value's start (not the whole value, as the other errors).
      Span at = {server->span().begin, server->span().begin + 1};
      report.error(code::S003, at, server->position(), "`server` must be a table");
    }
  }
  report.report_to(diags);
  if (!report.empty()) return std::nullopt;
  return out;
}

}  // namespace verdict::serve
