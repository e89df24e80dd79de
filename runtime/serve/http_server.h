#pragma once
#include <memory>

#include "compiler/source/diagnostic.h"
#include "runtime/serve/server_config.h"
#include "runtime/serve/service.h"

namespace verdict::serve {

// The HTTP front of `verdict serve` (Boost.Beast over Boost.Asio): one I/O
// thread accepts and reads every connection (http_session.h) and answers
// /healthz, /metrics, /v1/ruleset and every refusal itself; requests that
// decide or reload go to the bounded worker pool (bounded_pool.h), 503 when
// it is full. So slow clients hold no worker, and health checks answer
// while every worker is busy.
//
// Lifecycle: bind(), then run() on one thread; stop() from any thread (or
// before run()) drains: no more connections are accepted, idle ones are
// closed, requests begun are read and answered, and after
// `server.drain_deadline_ms` whatever is left is closed; then run()
// returns. Not restartable.
class HttpServer {
 public:
  HttpServer(Service& service, const ServerConfig& config);
  ~HttpServer();

  // Binds `config.bind`:`config.port` (port 0: a free one). False with S006
  // in `diags` when it cannot.
  bool bind(Diagnostics& diags);
  // The bound port (after bind()).
  int port() const { return port_; }
  // Serves until stop() has drained; false when the server failed.
  bool run();
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace verdict::serve
