// The decision log: every decision appended once, chained by SHA-256, so
// that an edit, a removal, a reordering or a cut-off tail is found by
// `verdict audit`; a log whose last record does not link is never appended
// to. Faults (cut-off records, a full disk, kills, keys, rotation):
// decision_log_faults_test.cc.
#include "runtime/audit/decision_log.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "runtime/api/engine.h"
#include "runtime/audit/log_verify.h"
#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

std::string fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("verdict-log-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::trunc);
  for (const std::string& l : lines) out << l << '\n';
}

TEST_CASE("decision log: appends chain, reopening continues, tampering is found", "[log]") {
  std::string path = fresh_dir("chain") + "/decisions.jsonl";
  std::string error;
  {
    auto log = DecisionLog::open(path, error);
    REQUIRE(log);
    for (int i = 0; i < 5; ++i)
      REQUIRE(log->append(nlohmann::ordered_json{{"outcome", "approve"}, {"n", i}}.dump(), error));
  }
  {
    auto log = DecisionLog::open(path, error);  // continues the same chain
    REQUIRE(log);
    REQUIRE(log->append(R"({"outcome":"décliné","text":"a \"quoted\" word"})", error));
  }
  std::vector<std::string> lines = lines_of(path);
  REQUIRE(lines.size() == 6);
  // Each record is the compact JSON of {seq, time, prev, decision}, the
  // decision's text embedded byte for byte.
  for (const std::string& line : lines) CHECK(nlohmann::ordered_json::parse(line).dump() == line);
  CHECK(lines[5].ends_with(R"("decision":{"outcome":"décliné","text":"a \"quoted\" word"}})"));
  LogCheck ok = verify_decision_log(testing::read_file(path));
  CHECK(ok.ok);
  CHECK(ok.records == 6);
  CHECK(nlohmann::json::parse(lines[5])["seq"] == 6);

  auto check = [&](std::vector<std::string> changed) {
    write_lines(path + ".t", changed);
    return verify_decision_log(testing::read_file(path + ".t"));
  };
  std::vector<std::string> edited = lines;
  edited[2].replace(edited[2].find("approve"), 7, "decline");
  LogCheck e = check(edited);
  CHECK_FALSE(e.ok);
  CHECK(e.line == 4);
  CHECK(e.message == "`prev` is not the SHA-256 of line 3: line 3 was edited");

  std::vector<std::string> removed = lines;
  removed.erase(removed.begin() + 3);
  LogCheck r = check(removed);
  CHECK_FALSE(r.ok);
  CHECK(r.line == 4);
  CHECK(r.message.find("record 5 where record 4 belongs") != std::string::npos);

  std::vector<std::string> swapped = lines;
  std::swap(swapped[1], swapped[2]);
  CHECK_FALSE(check(swapped).ok);

  std::vector<std::string> head_cut(lines.begin() + 1, lines.end());
  CHECK_FALSE(check(head_cut).ok);

  std::string bytes = testing::read_file(path);
  LogCheck cut = verify_decision_log(bytes.substr(0, bytes.size() - 10));
  CHECK_FALSE(cut.ok);
  CHECK(cut.message.starts_with("the last record has no newline: it was cut off"));

  // The writer reads only the end of the log: an edit in the middle is
  // audit's to find, but a last record that does not link to the one
  // before it, or is not a record, is never appended to.
  write_lines(path, edited);
  REQUIRE(DecisionLog::open(path, error));
  std::vector<std::string> end_edited = lines;
  end_edited[4].replace(end_edited[4].find("approve"), 7, "decline");
  write_lines(path, end_edited);
  CHECK_FALSE(DecisionLog::open(path, error));
  CHECK(error.find("the last record (ending at byte") != std::string::npos);
  CHECK(error.find("does not link to the record before it") != std::string::npos);
  std::vector<std::string> garbage_end = lines;
  garbage_end.back() = "{\"seq\": 6}";
  write_lines(path, garbage_end);
  CHECK_FALSE(DecisionLog::open(path, error));
  CHECK(error.find("is not a decision log record; not appending after it") != std::string::npos);
}

TEST_CASE("decision log: the engine logs every decision it returns, across reloads", "[log][engine]") {
  std::string dir = fresh_dir("engine");
  DeploymentSources sources;
  sources.config_path = testing::source_path("rules/credit_approval.deploy.toml");
  std::string config = testing::read_file(sources.config_path);
  sources.config_text =
      config.substr(0, config.find("[trace]")) + "[trace]\nlevel = \"rules\"\nlog = \"" + dir + "/decisions.jsonl\"\n";
  LoadReport report;
  auto engine = Engine::open(sources, report);
  INFO(report.render());
  REQUIRE(engine);
  nlohmann::json request = {{"seniority", 3}, {"home", "owner"}, {"time", 36},    {"age", 30},     {"records", false},
                            {"job", "fixed"}, {"expenses", 50},  {"income", 200}, {"amount", 900}, {"price", 1200}};
  DecideResult first = engine->decide(request);
  REQUIRE(first.decided);
  CHECK_FALSE(engine->decide(nlohmann::json{{"amount", "x"}}).decided);  // rejected: not a decision, not logged
  REQUIRE(engine->reload(sources, report));
  REQUIRE(engine->decide(request).decided);
  std::vector<std::string> lines = lines_of(dir + "/decisions.jsonl");
  REQUIRE(lines.size() == 2);
  CHECK(nlohmann::ordered_json::parse(lines[0])["decision"].dump() == first.json);
  CHECK(verify_decision_log(testing::read_file(dir + "/decisions.jsonl")).ok);
}

TEST_CASE("decision log: verdict decide and batch log, verdict audit verifies", "[log][cli]") {
  std::string dir = fresh_dir("cli");
  std::string config = dir + "/deploy.toml";
  {
    std::ofstream out(config);
    out << "ruleset = \"" << testing::source_path("rules/credit_approval.rules") << "\"\n"
        << "[blend]\nhuman = 0.4\nmodel = 0.6\n[trace]\nlevel = \"rules\"\nshap = \"off\"\nlog = \"decisions.jsonl\"\n";
  }
  auto decide = testing::run_cli("decide --config " + config + " --input rules/examples/credit_requests.jsonl");
  REQUIRE(decide.exit_code == 0);
  auto batch =
      testing::run_cli("batch --config " + config +
                       " --in tests/data/credit_data.csv --ignore-columns Status -q --out " + dir + "/out.jsonl");
  REQUIRE(batch.exit_code == 0);
  auto audit = testing::run_cli("audit --log " + dir + "/decisions.jsonl");
  CHECK(audit.exit_code == 0);
  CHECK(audit.out.find("4462 records, chain intact") != std::string::npos);
  // The log holds exactly what was printed, in order.
  std::vector<std::string> log = lines_of(dir + "/decisions.jsonl");
  CHECK(nlohmann::ordered_json::parse(log[0])["decision"].dump() + "\n" ==
        decide.out.substr(0, decide.out.find('\n') + 1));

  std::vector<std::string> tampered = log;
  tampered.erase(tampered.begin() + 100);
  write_lines(dir + "/decisions.jsonl", tampered);
  auto bad = testing::run_cli("audit --log " + dir + "/decisions.jsonl");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("decisions.jsonl:101: error[L003]: record 102 where record 101 belongs") != std::string::npos);
  // The writer does not re-verify the chain (audit does), but it refuses a
  // last record that does not link to the one before it.
  tampered = log;
  tampered[tampered.size() - 2].replace(tampered[tampered.size() - 2].find("\"seq\""), 6, "\"seq\" ");
  write_lines(dir + "/decisions.jsonl", tampered);
  auto refused = testing::run_cli("decide --config " + config + " --input rules/examples/credit_requests.jsonl");
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("error[L002]") != std::string::npos);
  CHECK(refused.out.empty());
}

// Two writers would interleave lines and repeat sequence numbers: the log is
// locked for as long as it is open, against another process and another
// engine in the same one alike, and free again once closed.
TEST_CASE("decision log: a second writer is refused while the first holds the log", "[log]") {
  std::string dir = fresh_dir("two-writers"), path = dir + "/decisions.jsonl";
  std::string error;
  auto first = DecisionLog::open(path, error);
  REQUIRE(first);
  REQUIRE(first->append(nlohmann::ordered_json{{"n", 1}}.dump(), error));

  CHECK_FALSE(DecisionLog::open(path, error));
  CHECK(error.find("decision log `" + path + "` is in use by another writer (another engine in this process, pid " +
                   std::to_string(::getpid()) + ")") != std::string::npos);

  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::string child_error;
    ::_exit(DecisionLog::open(path, child_error) ? 1 : 0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);  // the other process was refused

  // The command line, in another process, names the holder: this one.
  std::string config = dir + "/deploy.toml";
  std::ofstream(config) << "ruleset = \"" << testing::source_path("rules/credit_approval.rules") << "\"\n"
                        << "[blend]\nhuman = 0.4\nmodel = 0.6\n[trace]\nlog = \"" << path << "\"\n";
  auto cli = testing::run_cli("decide --config " + config + " --input rules/examples/credit_requests.jsonl");
  CHECK(cli.exit_code == 1);
  CHECK(cli.err.find("error[L002]: decision log `" + path + "` is in use by another writer (process " +
                     std::to_string(::getpid()) + ")") != std::string::npos);
  CHECK(cli.out.empty());

  first.reset();
  auto again = DecisionLog::open(path, error);
  REQUIRE(again);
  CHECK(again->append(nlohmann::ordered_json{{"n", 2}}.dump(), error));
  CHECK(lines_of(path).size() == 2);
}

TEST_CASE("decision log: a record's decision and replay objects read back byte for byte, verified", "[log]") {
  std::string path = fresh_dir("body") + "/decisions.jsonl";
  std::string error;
  const std::string decision =
      R"({"outcome":"review","text":"braces } and { \"quoted\" in a string","list":[{"a":1}]})";
  const std::string replay = R"({"input":{"name":"} {"},"trace":"full"})";
  {
    auto log = DecisionLog::open(path, error);
    REQUIRE(log);
    REQUIRE(log->append(decision, replay, error));
    REQUIRE(log->append(decision, error));  // no replay object
  }
  LogVerifier verifier{LogAuditOptions{}};
  std::vector<std::pair<std::string, std::string>> seen;
  verifier.on_record([&](const VerifiedRecord& r) {
    std::optional<LogRecordBody> body = log_record_body(r.text);
    REQUIRE(body);
    seen.emplace_back(std::string(body->decision), std::string(body->replay));
  });
  REQUIRE(verifier.check_file(path));
  REQUIRE(seen.size() == 2);
  CHECK(seen[0] == std::make_pair(decision, replay));
  CHECK(seen[1] == std::make_pair(decision, std::string()));
  // A record whose decision object does not close is no body.
  CHECK_FALSE(log_record_body(R"({"seq":1,"time":"t","prev":"p","decision":{"a":"}})"));
  CHECK_FALSE(log_record_body(R"({"seq":1,"time":"t","prev":"p","recovery":{}})"));
}

}  // namespace
}  // namespace verdict
