#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"

namespace verdict::serve {

// The shortest reload token accepted: 16 random bytes written in hex.
inline constexpr size_t kMinReloadTokenChars = 32;

// The `[server]` table of a deployment config: how `verdict serve` listens.
// Read once at start; a reload re-reads the rest of the config, not this.
struct ServerConfig {
  std::string bind = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port
  // Worker threads: each decides (or reloads) one request at a time. The
  // connections themselves are served by one I/O thread and hold no worker.
  int threads = 8;
  // Requests waiting for a worker; one more is answered 503.
  size_t max_queue = 64;
  // A /v1/decide body shorter than this is decided on the I/O thread itself,
  // without the hand-off to a worker and back; 0: every decision on a worker.
  // The I/O thread is one, so while it decides no other request is read:
  // the bound keeps that to one small decision's time (docs/serving.md).
  size_t inline_decide_bytes = 16384;
  size_t max_request_bytes = 1 << 20;  // a larger body (chunked or not) is answered 413
  // A request must arrive whole (request line, headers and body) within
  // this many milliseconds of its first byte, or its connection is closed.
  int request_deadline_ms = 10000;
  // Request line and headers together: larger is answered 431.
  size_t max_header_bytes = 16384;
  size_t max_header_count = 100;  // more header fields are answered 431
  // After SIGTERM: how long requests already begun may take to finish
  // before every connection is closed.
  int drain_deadline_ms = 10000;
  // Connections open at once. One more is answered 503
  // `too_many_connections` and closed at once, so a flood of idle
  // connections can neither exhaust the descriptors nor hang new clients.
  size_t max_connections = 10000;
  size_t max_batch = 1000;             // requests in one /v1/decide:batch
  int keep_alive_seconds = 5;          // an idle connection is closed after this
  size_t keep_alive_requests = 10000;  // requests on one connection before it is closed
  // Bearer token for POST /v1/reload; empty: reload is disabled. From
  // `reload_token`, or from the environment variable `reload_token_env` names.
  std::string reload_token;
  // Failed reload attempts allowed per minute; past them every attempt,
  // right or wrong, is answered 429 until the minute is over.
  int max_failed_reloads_per_minute = 5;
};

// Reads `[server]` from the deployment config text (codes S001-S005 with the
// TOML's line and column; defaults when there is no table). Nullopt when
// there were errors. `getenv` is consulted for `reload_token_env`.
std::optional<ServerConfig> parse_server_config(const SourceFile& config, Diagnostics& diags);

}  // namespace verdict::serve
