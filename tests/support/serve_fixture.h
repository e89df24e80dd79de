#pragma once
// The fixtures of the `verdict serve` tests: a deployment in a temporary
// folder, the server in this process on a free port, and the binary in a
// child process.
#include <httplib.h>
#include <sys/types.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "runtime/api/engine.h"
#include "runtime/serve/http_server.h"
#include "runtime/serve/service.h"

namespace verdict::testing {

// A copy of the credit deployment in a temporary folder, with `server_table`
// appended to its config, so that a test can change its ruleset and reload it.
struct Deploy {
  std::filesystem::path dir;
  std::filesystem::path config;
  std::filesystem::path rules;

  explicit Deploy(const std::string& server_table);
  ~Deploy();
  void edit_rules(const std::string& from, const std::string& to);
};

// The engine, the service and the HTTP front, serving on a thread.
struct TestServer {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<serve::Service> service;
  std::unique_ptr<serve::HttpServer> http;
  std::thread thread;

  explicit TestServer(const Deploy& deploy);
  ~TestServer();
  httplib::Client client() const;
};

// The `verdict serve` binary on a free port, its standard error read through a pipe.
struct ServeProcess {
  pid_t pid = -1;
  FILE* err = nullptr;
  int port = 0;

  explicit ServeProcess(const std::string& config);
  ~ServeProcess();
  std::string line();
  // The exit status (-1 when killed by a signal).
  int wait();
  // The exit status, or nullopt (and the process killed) when it has not
  // exited within `timeout_ms`.
  std::optional<int> wait_for(int timeout_ms);
  // True while it has not exited (nor been killed by a signal).
  bool alive();
};

// The first request of rules/examples/credit_requests.jsonl.
std::string first_request();
nlohmann::json body_of(const httplib::Result& r);
// The value of one sample line (`name{labels} value`) of the metrics text; -1 when absent.
double sample(const std::string& metrics, const std::string& series);

}  // namespace verdict::testing
