#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "runtime/serve/reply.h"
#include "runtime/serve/server_config.h"
#include "runtime/serve/service.h"

namespace verdict::serve {

// The endpoints of docs/serving.md, independent of the connection layer.
struct Route {
  const char* path;
  const char* method;  // the one method it answers; others get 405
  // Read its body (bounded by `server.max_request_bytes`) before answering.
  bool reads_body;
  // Answered on a worker of the pool (it may take long: deciding, reloading);
  // otherwise on the I/O thread, at once, even while every worker is busy.
  bool on_worker;
  // A body shorter than `server.inline_decide_bytes` is answered on the I/O
  // thread as soon as it has arrived: one small decision costs a few
  // microseconds, less than handing it to a worker and back (two thread
  // wake-ups), and its cost is bounded by its size.
  bool inline_when_small = false;
};

// The route at `path` (the request target without its query), or null.
const Route* find_route(std::string_view path);

// The request target without `?query`.
std::string_view path_of(std::string_view target);

// 404 when no route has `path`, 405 (with `Allow`) for the wrong method;
// nullopt when `route` answers `method`.
std::optional<Reply> refuse_route(Service& service, const Route* route, std::string_view method, std::string_view path);

// What one request to `route` is answered. Any thread.
struct RouteRequest {
  std::string body;
  std::string authorization;  // the `Authorization` header's value
};
Reply answer_route(Service& service, const Route& route, const RouteRequest& request);

// 503 `overloaded` (with `Retry-After: 1`): every worker busy, the queue full.
Reply overloaded(Service& service, const ServerConfig& config);

}  // namespace verdict::serve
