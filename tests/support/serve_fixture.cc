#include "tests/support/serve_fixture.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>

#include "tests/support/golden.h"

namespace verdict::testing {
namespace {

namespace fs = std::filesystem;

int& deploy_counter() {
  static int n = 0;
  return n;
}

}  // namespace

Deploy::Deploy(const std::string& server_table) {
  dir = fs::temp_directory_path() /
        ("verdict-serve-" + std::to_string(::getpid()) + "-" + std::to_string(deploy_counter()++));
  fs::create_directories(dir);
  rules = dir / "credit_approval.rules";
  config = dir / "deploy.toml";
  fs::copy_file(source_path("rules/credit_approval.rules"), rules, fs::copy_options::overwrite_existing);
  std::ofstream(config) << "ruleset = \"credit_approval.rules\"\n"
                        << "[models.default_risk]\nfile = \"" << source_path("models/credit_default.json")
                        << "\"\n[blend]\nhuman = 0.4\nmodel = 0.6\n[trace]\nlevel = \"rules\"\n"
                        << server_table;
}

Deploy::~Deploy() { fs::remove_all(dir); }

void Deploy::edit_rules(const std::string& from, const std::string& to) {
  std::string text = read_file(rules.string());
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(rules) << text;
}

TestServer::TestServer(const Deploy& deploy) {
  LoadReport report;
  engine = Engine::open(deploy.config.string(), report);
  INFO(report.render());
  REQUIRE(engine);
  SourceFile source(deploy.config.string(), read_file(deploy.config.string()));
  Diagnostics diags;
  auto config = serve::parse_server_config(source, diags);
  REQUIRE(config);
  config->port = 0;
  service = std::make_unique<serve::Service>(*engine, *config);
  http = std::make_unique<serve::HttpServer>(*service, *config);
  Diagnostics bind_diags;
  REQUIRE(http->bind(bind_diags));
  thread = std::thread([this] { http->run(); });
}

TestServer::~TestServer() {
  http->stop();
  thread.join();
}

httplib::Client TestServer::client() const {
  httplib::Client c("127.0.0.1", http->port());
  c.set_read_timeout(10, 0);
  return c;
}

ServeProcess::ServeProcess(const std::string& config) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 2);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execl(VERDICT_CLI, "verdict", "serve", "--config", config.c_str(), "--port", "0", nullptr);
    ::_exit(127);
  }
  ::close(fds[1]);
  err = ::fdopen(fds[0], "r");
  std::string first = line();
  size_t at = first.find("http://127.0.0.1:");
  INFO(first);
  REQUIRE(at != std::string::npos);
  port = std::stoi(first.substr(at + 17));
}

ServeProcess::~ServeProcess() {
  if (pid > 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  if (err) ::fclose(err);
}

std::string ServeProcess::line() {
  char buffer[1024];
  return std::fgets(buffer, sizeof buffer, err) ? buffer : "";
}

int ServeProcess::wait() {
  int status = 0;
  ::waitpid(pid, &status, 0);
  pid = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::optional<int> ServeProcess::wait_for(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;  // the destructor kills it
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pid = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool ServeProcess::alive() {
  if (pid <= 0) return false;
  int status = 0;
  return ::waitpid(pid, &status, WNOHANG) == 0;
}

std::string first_request() {
  std::string lines = read_file(source_path("rules/examples/credit_requests.jsonl"));
  return lines.substr(0, lines.find('\n'));
}

nlohmann::json body_of(const httplib::Result& r) {
  REQUIRE(r);
  return nlohmann::json::parse(r->body);
}

double sample(const std::string& metrics, const std::string& series) {
  size_t at = metrics.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(metrics.substr(at + series.size() + 2));
}

}  // namespace verdict::testing
