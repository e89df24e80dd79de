#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"

namespace verdict::serve {

// The `[server]` table of a deployment config: how `verdict serve` listens.
// Read once at start; a reload re-reads the rest of the config, not this.
struct ServerConfig {
  std::string bind = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port
  // Worker threads. Each serves one connection at a time, for as long as it
  // is kept alive: at most `threads` connections are served at once.
  int threads = 8;
  // Accepted connections waiting for a worker; one more is answered 503.
  size_t max_queue = 64;
  size_t max_request_bytes = 1 << 20;  // a larger body is answered 413
  size_t max_batch = 1000;             // requests in one /v1/decide:batch
  int keep_alive_seconds = 5;          // an idle connection is closed after this
  size_t keep_alive_requests = 10000;  // requests on one connection before it is closed
  // Bearer token for POST /v1/reload; empty: reload is disabled. From
  // `reload_token`, or from the environment variable `reload_token_env` names.
  std::string reload_token;
};

// Reads `[server]` from the deployment config text (codes S001-S005 with the
// TOML's line and column; defaults when there is no table). Nullopt when
// there were errors. `getenv` is consulted for `reload_token_env`.
std::optional<ServerConfig> parse_server_config(const SourceFile& config, Diagnostics& diags);

}  // namespace verdict::serve
