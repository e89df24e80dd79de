// One pipeline for every front end: the CLI (`decide`, `run`, `batch`), the
// server and the C API reach decisions through the Engine and its
// BatchRunner, so they decide, write and log a request the same way.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "runtime/api/batch_runner.h"
#include "runtime/api/engine.h"
#include "runtime/audit/decision_log.h"
#include "runtime/audit/log_verify.h"
#include "runtime/c_api/verdict.h"
#include "runtime/serve/service.h"
#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

const char* kRequest =
    R"({"seniority": 3, "home": "owner", "time": 36, "age": 30, "records": false, "job": "fixed", "expenses": 50, )"
    R"("income": 200, "amount": 900, "price": 1200})";

std::string fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("verdict-pipeline-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// The credit ruleset deployed with blend weights and the given [trace] table.
std::string write_config(const std::string& dir, const std::string& trace) {
  std::string path = dir + "/deploy.toml";
  std::ofstream(path) << "ruleset = \"" << testing::source_path("rules/credit_approval.rules") << "\"\n"
                      << "[blend]\nhuman = 0.4\nmodel = 0.6\n[trace]\n"
                      << trace;
  return path;
}

// While it lives, no file of this process or its children may grow past
// the decision log's current size: the next record cannot be written (the
// write fails whole, with EFBIG) while smaller files (the CLI's output)
// are still written.
class FullDisk {
 public:
  explicit FullDisk(const std::string& log_path) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    previous_ = ::signal(SIGXFSZ, SIG_IGN);
    rlimit cap = saved_;
    cap.rlim_cur = static_cast<rlim_t>(fs::file_size(log_path));
    ::setrlimit(RLIMIT_FSIZE, &cap);
  }
  ~FullDisk() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    ::signal(SIGXFSZ, previous_);
  }

 private:
  rlimit saved_{};
  sighandler_t previous_;
};

TEST_CASE("pipeline: a decision that cannot be logged is refused with L001 by every front end", "[pipeline][log]") {
  std::string dir = fresh_dir("full");
  std::string log_path = dir + "/decisions.jsonl";
  std::string config = write_config(dir, "level = \"rules\"\nshap = \"off\"\nlog = \"decisions.jsonl\"\n");
  {
    std::string error;
    auto log = DecisionLog::open(log_path, error);
    REQUIRE(log);
    REQUIRE(log->append(R"({"pad":")" + std::string(256 * 1024, 'x') + "\"}", error));  // room for the CLI's output
  }
  // One writer holds a log at a time, so each front end opens it in turn.
  {
    LoadReport report;
    auto engine = Engine::open(config, report);
    INFO(report.render());
    REQUIRE(engine);
    serve::Service service(*engine, serve::ServerConfig{});
    FullDisk full(log_path);
    DecideResult r = engine->decide(std::string_view(kRequest));
    CHECK_FALSE(r.decided);
    CHECK(r.json.empty());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "L001");
    std::vector<DecideResult> batch = engine->decide_batch({nlohmann::json::parse(kRequest)});
    CHECK(batch[0].errors.at(0).code == "L001");

    serve::Reply reply = service.decide(kRequest);
    CHECK(reply.status == 503);
    CHECK(reply.body.find("not_logged") != std::string::npos);
  }
  {
    verdict_error* err = nullptr;
    verdict_engine* c_engine = verdict_engine_open(config.c_str(), &err);
    REQUIRE(c_engine);
    {
      FullDisk full(log_path);
      CHECK_FALSE(verdict_decide(c_engine, kRequest, std::strlen(kRequest), &err));
      CHECK(std::string(verdict_error_code(err)) == "L001");
      verdict_engine_free(c_engine);  // before the cap is lifted: nothing is left to flush
    }
    verdict_error_free(err);
  }
  {
    FullDisk full(log_path);
    auto decide = testing::run_cli("decide --config " + config + " --input -", kRequest);
    CHECK(decide.exit_code == 1);
    CHECK(decide.err.find("<stdin>:1: error[L001]: the decision was not returned because it could not be logged") !=
          std::string::npos);
    CHECK(decide.out.find(R"({"request":1,"rejected":[{)") == 0);

    std::ofstream(dir + "/in.jsonl") << kRequest << "\n";
    auto batch_cli =
        testing::run_cli("batch --config " + config + " --in " + dir + "/in.jsonl -q --out " + dir + "/out.jsonl");
    CHECK(batch_cli.exit_code == 1);
    CHECK(testing::read_file(dir + "/out.jsonl").empty());
    CHECK(testing::read_file(dir + "/out.jsonl.rejects.jsonl").find(R"("code":"L001")") != std::string::npos);
  }
  // Nothing reached the log: it still verifies, with its one record.
  LogCheck check = verify_decision_log(testing::read_file(log_path));
  CHECK(check.ok);
  CHECK(check.records == 1);
}

// Collects what a sink is given, one line per request.
class Lines : public DecisionSink {
 public:
  void write(const RequestText& request, const DecideResult& r) override {
    lines.push_back(r.decided ? r.json : "rejected " + std::to_string(request.line) + " " + r.errors.at(0).code);
    explanations.push_back(r.explanation);
  }
  void log_not_synced(const Diagnostic& problem) override { lines.push_back("not synced " + problem.message); }
  std::vector<std::string> lines, explanations;
};

TEST_CASE("pipeline: a batch on 4 threads decides every row as Engine::decide does, in input order",
          "[pipeline][batch]") {
  std::string dir = fresh_dir("batch");
  LoadReport report;
  auto engine = Engine::open(write_config(dir, "level = \"rules\"\nshap = \"off\"\n"), report);
  REQUIRE(engine);
  std::string csv = testing::read_file(testing::source_path("tests/data/credit_data.csv"));
  csv += "\"good\",nine,\"rent\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,800,846\n";
  RequestSource source(csv, RequestFormat::Csv);
  std::vector<Diagnostic> errors;
  BatchSettings settings;
  settings.threads = 4;
  BatchRunner runner(*engine, settings);
  REQUIRE(source.map_columns(runner.deployment().program(), {"Status"}, errors));
  Lines sink;
  runner.run(source, sink);
  REQUIRE(sink.lines.size() == source.requests().size());
  CHECK(sink.lines.back() == "rejected 4456 R003");
  for (size_t i = 0; i + 1 < source.requests().size(); ++i) {
    const RequestText& r = source.requests()[i];
    DecideSettings one;
    one.request_line = r.line;
    DecideResult decided = engine->decide(source.request(r, errors), one);
    REQUIRE(decided.decided);
    REQUIRE(sink.lines[i] == decided.json);
  }
}

TEST_CASE("pipeline: the text explanation is the same at every trace level", "[pipeline][text]") {
  LoadReport report;
  auto engine = Engine::open_rules(testing::source_path("rules/credit_approval.rules"), report);
  REQUIRE(engine);
  nlohmann::json request = nlohmann::json::parse(kRequest);
  DecideSettings full, off;
  full.explain = off.explain = true;
  off.trace = TraceLevel::Off;
  DecideResult with_trace = engine->decide(request, full), without = engine->decide(request, off);
  REQUIRE(with_trace.decided);
  CHECK(with_trace.explanation.find("decided by:") != std::string::npos);
  CHECK(with_trace.explanation == without.explanation);
  CHECK_FALSE(without.decision().contains("trace"));
  // A rules-only engine reloads from its rules file.
  CHECK(engine->reload(report));
  CHECK(engine->generation() == 2);
}

}  // namespace
}  // namespace verdict
