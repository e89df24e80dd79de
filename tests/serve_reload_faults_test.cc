// A reload of a bad model or a bad config over HTTP, while decisions keep
// coming: `verdict serve` (the binary, in a child process) refuses each
// reload with its diagnostic, stays alive, and every decision before, during
// and after comes from the version that was serving (the same provenance).
// Before the model header was checked, the first of these reloads aborted
// the server (std::length_error on the reload thread, exit 134).
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/bad_models.h"
#include "tests/support/golden.h"
#include "tests/support/serve_fixture.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kToken = "7f1c9a4e2b8d6f3051e9c7a2d4b6f8e0";

// The credit deployment in a temporary folder, its model a copy that the
// test replaces (by rename, so the server never reads half a file).
struct ReloadDeploy {
  fs::path dir = fs::temp_directory_path() / ("verdict-reload-faults-" + std::to_string(::getpid()));
  fs::path config = dir / "deploy.toml";
  std::string config_text;

  ReloadDeploy() {
    fs::create_directories(dir);
    fs::copy_file(testing::source_path("rules/credit_approval.rules"), dir / "credit_approval.rules",
                  fs::copy_options::overwrite_existing);
    replace("model.json", testing::read_file(testing::source_path("models/credit_default.json")));
    config_text =
        "ruleset = \"credit_approval.rules\"\n[models.default_risk]\nfile = \"model.json\"\n"
        "[blend]\nhuman = 0.4\nmodel = 0.6\n[trace]\nlevel = \"rules\"\n"
        "[server]\nthreads = 4\nreload_token = \"" +
        kToken + "\"\n";
    replace("deploy.toml", config_text);
  }
  ~ReloadDeploy() { fs::remove_all(dir); }

  void replace(const std::string& name, const std::string& text) {
    fs::path next = dir / (name + ".next");
    std::ofstream(next) << text;
    fs::rename(next, dir / name);
  }
};

using testing::first_request;

// Decides the same request in a loop until stopped; counts the decisions
// whose provenance is `expected` and keeps the first answer that is not.
struct DecideLoop {
  std::atomic<bool> stop{false};
  std::atomic<int> same{0};
  std::mutex mutex;
  std::string first_wrong;
  std::thread thread;

  DecideLoop(int port, json expected) {
    thread = std::thread([this, port, expected] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(30, 0);
      while (!stop) {
        auto r = client.Post("/v1/decide", first_request(), "application/json");
        bool ok = r && r->status == 200 && json::parse(r->body)["provenance"] == expected;
        if (ok) {
          ++same;
          continue;
        }
        std::lock_guard lock(mutex);
        if (first_wrong.empty()) first_wrong = r ? std::to_string(r->status) + " " + r->body : "no answer";
      }
    });
  }
  void finish() {
    stop = true;
    thread.join();
  }
};

int config_lines(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

httplib::Result reload(httplib::Client& client) {
  return client.Post("/v1/reload", httplib::Headers{{"Authorization", "Bearer " + kToken}}, "", "text/plain");
}

// The reload is refused (422, the old generation serving) with `messages` in its diagnostics.
void check_refused(httplib::Client& client, testing::ServeProcess& serve, const std::vector<std::string>& messages) {
  auto r = reload(client);
  REQUIRE(r);
  INFO(r->body);
  CHECK(r->status == 422);
  json body = json::parse(r->body);
  CHECK(body["error"]["code"] == "reload_failed");
  CHECK(body["error"]["generation"] == 1);
  for (const std::string& message : messages) {
    CHECK(body["error"]["rendered"].get<std::string>().find(message) != std::string::npos);
  }
  CHECK(r->body.find("Stack trace") == std::string::npos);
  CHECK(serve.alive());
  auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
}

TEST_CASE("serve: reloads of bad models and a TOML bomb are refused under load, the old version serving on",
          "[serve][reload][faults]") {
  ReloadDeploy deploy;
  testing::ServeProcess serve(deploy.config.string());
  httplib::Client client("127.0.0.1", serve.port);
  client.set_read_timeout(60, 0);
  auto first = client.Post("/v1/decide", first_request(), "application/json");
  REQUIRE(first);
  REQUIRE(first->status == 200);
  json provenance = json::parse(first->body)["provenance"];
  DecideLoop loop(serve.port, provenance);

  for (const testing::BadModel& bad : testing::bad_models()) {
    INFO(bad.name);
    deploy.replace("model.json", bad.text);
    check_refused(client, serve, {"error[E510]: cannot load model `default_risk`: model file `", bad.message});
  }
  std::string bomb = "[";
  for (int i = 0; i < 49999; ++i) bomb += "a.";
  deploy.replace("deploy.toml", deploy.config_text + bomb + "a]\n");
  check_refused(client, serve,
                {"deploy.toml:" + std::to_string(config_lines(deploy.config_text) + 1) +
                 ":1: error[C001]: invalid TOML: `[a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a...` nests"});

  loop.finish();
  INFO(loop.first_wrong);
  CHECK(loop.first_wrong.empty());
  CHECK(loop.same > 0);
  CHECK(serve.alive());
}

}  // namespace
}  // namespace verdict
