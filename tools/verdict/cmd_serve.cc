// `verdict serve --config FILE.toml`: the deployment over HTTP/JSON
// (docs/serving.md). SIGTERM or SIGINT stops it gracefully.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <optional>
#include <thread>

#include "compiler/source/diagnostic_text.h"
#include "runtime/api/engine.h"
#include "runtime/serve/http_server.h"
#include "tools/verdict/commands.h"
#include "tools/verdict/decide_output.h"
#include "tools/verdict/ruleset_loader.h"

namespace verdict::cli {
namespace {

struct ServeOptions {
  std::string config;
  std::optional<int> port;
  std::optional<std::string> bind;
  std::optional<int> threads;
  BackendKind backend = BackendKind::Jit;
};

// Waits for SIGTERM/SIGINT (blocked in every thread, so only this one takes
// them) and stops the server; wake() ends the wait when it stopped otherwise.
class StopOnSignal {
 public:
  StopOnSignal(serve::HttpServer& server, const sigset_t& signals)
      : thread_([this, &server, signals] {
          int sig = 0;
          sigwait(&signals, &sig);
          if (woken_) return;
          std::fprintf(stderr, "verdict serve: %s: finishing the requests in flight\n",
                       sig == SIGINT ? "SIGINT" : "SIGTERM");
          server.stop();
        }) {}
  ~StopOnSignal() {
    woken_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);
    thread_.join();
  }

 private:
  std::atomic<bool> woken_{false};
  std::thread thread_;
};

std::optional<serve::ServerConfig> server_config(const Deployment& deployment, const ServeOptions& opt) {
  const DeploymentConfig& config = *deployment.config();
  SourceFile source(config.path, config.text);
  Diagnostics diags;
  auto server = serve::parse_server_config(source, diags);
  if (!server) {
    std::fputs(render_all(diags.sorted(), &source, config.path).c_str(), stderr);
    return std::nullopt;
  }
  if (opt.port) server->port = *opt.port;
  if (opt.bind) server->bind = *opt.bind;
  if (opt.threads) server->threads = *opt.threads;
  return server;
}

int serve_http(const ServeOptions& opt) {
  // Before any thread starts (the engine's included), so that all inherit it.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  LoadReport report;
  auto engine = Engine::open(opt.config, report, EngineOptions{opt.backend});
  if (!engine) {
    print_report(report, opt.config);
    return 1;
  }
  auto config = server_config(*engine->current(), opt);
  if (!config) return 1;
  serve::Service service(*engine, *config);
  serve::HttpServer server(service, *config);
  Diagnostics bind_diags;
  if (!server.bind(bind_diags)) {
    std::fputs(render_all(bind_diags.sorted(), nullptr, "verdict serve").c_str(), stderr);
    return 1;
  }
  const ir::Program& p = engine->current()->program();
  std::fprintf(stderr, "verdict serve: %s %s on http://%s:%d (%d threads, reload %s)\n", p.name.c_str(),
               p.version.c_str(), config->bind.c_str(), server.port(), config->threads,
               config->reload_token.empty() ? "disabled" : "enabled");
  bool ok;
  {
    StopOnSignal stop(server, signals);
    ok = server.run();
  }
  std::fprintf(stderr, "verdict serve: stopped\n");
  return ok ? 0 : 1;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve a deployment over HTTP/JSON (docs/serving.md)");
  cmd->add_option("--config", opt->config, "Deployment config (TOML) with an optional [server] table")->required();
  cmd->add_option("--port", opt->port, "Port to listen on (0: any free port); overrides server.port")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", opt->bind, "Address to listen on; overrides server.bind (default 127.0.0.1)");
  cmd->add_option("--threads", opt->threads, "Worker threads; overrides server.threads")->check(CLI::Range(1, 1024));
  add_backend_option(*cmd, opt->backend);
  cmd->callback([opt, &exit_code] { exit_code = serve_http(*opt); });
}

}  // namespace verdict::cli
