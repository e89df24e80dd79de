#pragma once
#include <atomic>
#include <memory>
#include <string>

#include "runtime/serve/server_config.h"
#include "runtime/serve/service.h"

namespace verdict::serve {

// The HTTP front of `verdict serve` (cpp-httplib): routes the endpoints to
// a Service, answers 404/405/413/503 with the standard error body, and runs
// the bounded worker pool (bounded_pool.h).
//
// Lifecycle: bind(), then run() on one thread; stop() from any other
// thread makes run() return once the requests in flight are answered
// (graceful shutdown). Not restartable.
class HttpServer {
 public:
  HttpServer(Service& service, const ServerConfig& config);
  ~HttpServer();

  // Binds `config.bind`:`config.port` (port 0: a free one). False with S006
  // in `diags` when it cannot.
  bool bind(Diagnostics& diags);
  // The bound port (after bind()).
  int port() const { return port_; }
  // Serves until stop(); false when the server failed.
  bool run();
  // Stops accepting connections. A request being answered is finished and
  // its response sent; idle keep-alive connections are closed within 50 ms;
  // accepted connections not yet served are closed.
  void stop();

 private:
  enum class RunState { NotStarted, Running, Done };
  class Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::atomic<bool> stop_requested_{false};
  std::atomic<RunState> run_state_{RunState::NotStarted};
};

}  // namespace verdict::serve
