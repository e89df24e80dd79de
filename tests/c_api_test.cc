// The C API (runtime/c_api/verdict.h): opening, deciding, refusing, batches,
// reloading (also while other threads decide) and NULL arguments.
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "runtime/c_api/verdict.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

struct EngineFree {
  void operator()(verdict_engine* e) const { verdict_engine_free(e); }
};
struct DecisionFree {
  void operator()(verdict_decision* d) const { verdict_decision_free(d); }
};
struct ErrorFree {
  void operator()(verdict_error* e) const { verdict_error_free(e); }
};
using EnginePtr = std::unique_ptr<verdict_engine, EngineFree>;
using DecisionPtr = std::unique_ptr<verdict_decision, DecisionFree>;
using ErrorPtr = std::unique_ptr<verdict_error, ErrorFree>;

const std::string kConfig = testing::source_path("rules/credit_approval.deploy.toml");

std::string first_request() {
  std::ifstream in(testing::source_path("rules/examples/credit_requests.jsonl"));
  std::string line;
  std::getline(in, line);
  return line;
}

// The first shipped request with `field` set to `value` (or removed, for null).
std::string request_with(const std::string& field, const nlohmann::json& value) {
  nlohmann::json r = nlohmann::json::parse(first_request());
  if (value.is_null()) {
    r.erase(field);
  } else {
    r[field] = value;
  }
  return r.dump();
}

EnginePtr open_shipped() {
  verdict_error* err = nullptr;
  EnginePtr engine(verdict_engine_open(kConfig.c_str(), &err));
  ErrorPtr guard(err);
  INFO(verdict_error_message(err));
  REQUIRE(engine);
  REQUIRE(err == nullptr);
  return engine;
}

struct Decided {
  DecisionPtr decision;
  ErrorPtr error;
};

Decided decide(const verdict_engine* engine, const std::string& request) {
  verdict_error* err = nullptr;
  DecisionPtr decision(verdict_decide(engine, request.data(), request.size(), &err));
  return {std::move(decision), ErrorPtr(err)};
}

std::string ruleset_version(const verdict_decision* d) {
  return nlohmann::json::parse(verdict_decision_json(d))["ruleset"]["version"].get<std::string>();
}

// A temporary deployment: the credit ruleset under a version of our choosing.
class TempDeployment {
 public:
  TempDeployment() : dir_(fs::temp_directory_path() / ("verdict-c-api-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
    rules_ = testing::read_file(testing::source_path("rules/credit_approval.rules"));
    std::ofstream(config_path()) << config_text();
  }
  ~TempDeployment() { fs::remove_all(dir_); }

  std::string config_path() const { return (dir_ / "deploy.toml").string(); }
  std::string rules_path() const { return (dir_ / "credit.rules").string(); }
  std::string config_text() const {
    return "ruleset = \"credit.rules\"\n[models.default_risk]\nfile = \"" +
           testing::source_path("models/credit_default.json") + "\"\n[blend]\nhuman = 0.4\nmodel = 0.6\n";
  }
  // The shipped rules with `version "V"`.
  std::string rules(const std::string& version) const {
    std::string text = rules_;
    size_t at = text.find("version \"2026.11.1\"");
    REQUIRE(at != std::string::npos);
    return text.replace(at, 19, "version \"" + version + "\"");
  }
  // A ruleset that does not compile: a typo in a name (E201).
  std::string broken_rules() const {
    std::string text = rules_;
    size_t at = text.find("let burden = instalment / income");
    REQUIRE(at != std::string::npos);
    return text.replace(at, 32, "let burden = instalment / incme");
  }
  void write_rules(const std::string& text) const { std::ofstream(rules_path(), std::ios::trunc) << text; }

 private:
  fs::path dir_;
  std::string rules_;
};

TEST_CASE("C API: opening a missing config names it", "[c_api]") {
  verdict_error* err = nullptr;
  verdict_engine* engine = verdict_engine_open("no/such/deploy.toml", &err);
  ErrorPtr guard(err);
  CHECK(engine == nullptr);
  REQUIRE(err != nullptr);
  CHECK_THAT(verdict_error_message(err), Catch::Contains("no/such/deploy.toml"));
  CHECK(std::string(verdict_error_code(err)).size() == 4);
  CHECK(verdict_error_count(err) >= 1);
  CHECK(std::string(verdict_error_code_at(err, 0)) == verdict_error_code(err));
  CHECK(verdict_error_code_at(err, verdict_error_count(err)) == nullptr);
  CHECK(std::string(verdict_error_message(err)).back() != '\n');
}

TEST_CASE("C API: a request is decided", "[c_api]") {
  EnginePtr engine = open_shipped();
  CHECK(verdict_engine_generation(engine.get()) == 1);
  CHECK(std::string(verdict_version()) == VERDICT_VERSION);
  Decided r = decide(engine.get(), first_request());
  REQUIRE(r.decision);
  CHECK(r.error == nullptr);
  nlohmann::json json = nlohmann::json::parse(verdict_decision_json(r.decision.get()));
  CHECK(json["outcome"] == verdict_decision_outcome(r.decision.get()));
  CHECK(json["score"]["final"].get<double>() == verdict_decision_final_score(r.decision.get()));
  CHECK(json["ruleset"]["name"] == "credit_approval");
  double score = verdict_decision_final_score(r.decision.get());
  CHECK((score >= 0 && score <= 1));
}

TEST_CASE("C API: a decision outlives its engine", "[c_api]") {
  DecisionPtr decision;
  {
    EnginePtr engine = open_shipped();
    decision = decide(engine.get(), first_request()).decision;
  }
  REQUIRE(decision);
  CHECK(nlohmann::json::parse(verdict_decision_json(decision.get()))["outcome"] ==
        verdict_decision_outcome(decision.get()));
}

TEST_CASE("C API: request errors name the field", "[c_api]") {
  EnginePtr engine = open_shipped();
  SECTION("wrong type") {
    Decided r = decide(engine.get(), request_with("amount", "1000"));
    CHECK(r.decision == nullptr);
    REQUIRE(r.error);
    CHECK(std::string(verdict_error_code(r.error.get())) == "R003");
    CHECK_THAT(verdict_error_message(r.error.get()), Catch::StartsWith("error[R003]: field `amount`"));
  }
  SECTION("unknown field, and a missing one: both reported") {
    nlohmann::json bad = nlohmann::json::parse(request_with("amount", nullptr));
    bad["incme"] = 5;
    Decided r = decide(engine.get(), bad.dump());
    REQUIRE(r.error);
    REQUIRE(verdict_error_count(r.error.get()) == 2);
    std::string all = verdict_error_message(r.error.get());
    CHECK_THAT(all, Catch::Contains("`amount`") && Catch::Contains("`incme`"));
    CHECK_THAT(all, Catch::Contains("error[R001]") && Catch::Contains("error[R002]"));
    CHECK(std::string(verdict_error_message_at(r.error.get(), 0)).find("error[") == std::string::npos);
  }
  SECTION("invalid JSON") {
    Decided r = decide(engine.get(), "{\"amount\": 1,");
    REQUIRE(r.error);
    CHECK(std::string(verdict_error_code(r.error.get())) == "R006");
  }
  SECTION("a field given twice, a number that underflows, nesting too deep: refused, never decided") {
    std::string request = first_request();
    request.insert(request.rfind('}'), ", \"amount\": 99999999");
    Decided twice = decide(engine.get(), request);
    REQUIRE(twice.error);
    CHECK(std::string(verdict_error_message(twice.error.get())) ==
          "error[R012]: field `amount` is given twice; a request names each field once");
    std::string underflow = first_request();
    underflow.replace(underflow.find("\"amount\": 700"), 13, "\"amount\": 1e-400");
    Decided zero = decide(engine.get(), underflow);
    REQUIRE(zero.error);
    CHECK(std::string(verdict_error_code(zero.error.get())) == "R005");
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    Decided nested = decide(engine.get(), deep);
    REQUIRE(nested.error);
    CHECK(std::string(verdict_error_message(nested.error.get())) ==
          "error[R006]: the request nests arrays and objects deeper than 64 levels (at byte 65)");
  }
  SECTION("the length bounds the text: no NUL needed") {
    std::string text = first_request() + "garbage";
    verdict_error* err = nullptr;
    DecisionPtr d(verdict_decide(engine.get(), text.data(), text.size() - 7, &err));
    ErrorPtr guard(err);
    CHECK(d);
  }
}

TEST_CASE("C API: an oversize request is refused", "[c_api]") {
  EnginePtr engine = open_shipped();
  std::string huge = request_with("customer_id", std::string(2 << 20, 'x'));
  Decided r = decide(engine.get(), huge);
  CHECK(r.decision == nullptr);
  REQUIRE(r.error);
  CHECK(std::string(verdict_error_code(r.error.get())) == "R007");
  CHECK_THAT(verdict_error_message(r.error.get()), Catch::Contains("the limit is 1048576"));
}

TEST_CASE("C API: a batch decides what it can and refuses the rest", "[c_api]") {
  EnginePtr engine = open_shipped();
  std::vector<std::string> texts = {first_request(), request_with("records", "yes"), std::string((1 << 20) + 1, ' '),
                                    "[1, 2]"};
  std::vector<const char*> requests;
  std::vector<size_t> lens;
  for (const std::string& t : texts) requests.push_back(t.data()), lens.push_back(t.size());
  requests.push_back(nullptr), lens.push_back(0);
  const size_t n = requests.size();
  std::vector<verdict_decision*> decisions(n, reinterpret_cast<verdict_decision*>(1));
  std::vector<verdict_error*> errors(n, reinterpret_cast<verdict_error*>(1));
  verdict_error* err = nullptr;
  int64_t decided =
      verdict_decide_batch(engine.get(), requests.data(), lens.data(), n, decisions.data(), errors.data(), &err);
  CHECK(err == nullptr);
  CHECK(decided == 1);
  CHECK(decisions[0] != nullptr);
  CHECK(errors[0] == nullptr);
  const char* codes[] = {nullptr, "R003", "R007", "R006", "A001"};
  for (size_t i = 1; i < n; ++i) {
    CHECK(decisions[i] == nullptr);
    REQUIRE(errors[i] != nullptr);
    CHECK(std::string(verdict_error_code(errors[i])) == codes[i]);
  }
  for (size_t i = 0; i < n; ++i) verdict_decision_free(decisions[i]), verdict_error_free(errors[i]);

  SECTION("without an errors array, refused slots are just null") {
    int64_t again =
        verdict_decide_batch(engine.get(), requests.data(), lens.data(), n, decisions.data(), nullptr, nullptr);
    CHECK(again == 1);
    CHECK(decisions[1] == nullptr);
    for (size_t i = 0; i < n; ++i) verdict_decision_free(decisions[i]);
  }
}

TEST_CASE("C API: reload swaps in a new version, and a broken one keeps the old one serving", "[c_api][reload]") {
  TempDeployment dep;
  dep.write_rules(dep.rules("v1"));
  verdict_error* err = nullptr;
  EnginePtr engine(verdict_engine_open(dep.config_path().c_str(), &err));
  ErrorPtr open_error(err);
  INFO(verdict_error_message(err));
  REQUIRE(engine);
  CHECK(ruleset_version(decide(engine.get(), first_request()).decision.get()) == "v1");

  dep.write_rules(dep.rules("v2"));
  CHECK(verdict_engine_reload(engine.get(), &err) == 0);
  CHECK(err == nullptr);
  CHECK(verdict_engine_generation(engine.get()) == 2);
  CHECK(ruleset_version(decide(engine.get(), first_request()).decision.get()) == "v2");

  dep.write_rules(dep.broken_rules());
  CHECK(verdict_engine_reload(engine.get(), &err) == -1);
  ErrorPtr reload_error(err);
  REQUIRE(err != nullptr);
  CHECK(std::string(verdict_error_code(err)) == "E201");
  CHECK_THAT(verdict_error_message(err), Catch::Contains("credit.rules:") && Catch::Contains("`incme`"));
  CHECK(verdict_engine_generation(engine.get()) == 2);
  Decided still = decide(engine.get(), first_request());
  REQUIRE(still.decision);
  CHECK(ruleset_version(still.decision.get()) == "v2");
}

TEST_CASE("C API: an engine from sources reloads from sources", "[c_api][reload]") {
  TempDeployment dep;
  std::string path = dep.config_path(), config = dep.config_text();
  std::string v1 = dep.rules("s1"), v2 = dep.rules("s2"), broken = dep.broken_rules();
  verdict_error* err = nullptr;
  EnginePtr engine(verdict_engine_open_sources(path.c_str(), config.c_str(), v1.c_str(), &err));
  ErrorPtr open_error(err);
  INFO(verdict_error_message(err));
  REQUIRE(engine);
  CHECK(ruleset_version(decide(engine.get(), first_request()).decision.get()) == "s1");

  CHECK(verdict_engine_reload_sources(engine.get(), path.c_str(), config.c_str(), v2.c_str(), &err) == 0);
  CHECK(ruleset_version(decide(engine.get(), first_request()).decision.get()) == "s2");

  CHECK(verdict_engine_reload_sources(engine.get(), path.c_str(), config.c_str(), broken.c_str(), &err) == -1);
  ErrorPtr broken_error(err);
  CHECK(std::string(verdict_error_code(err)) == "E201");
  CHECK(ruleset_version(decide(engine.get(), first_request()).decision.get()) == "s2");

  CHECK(verdict_engine_reload(engine.get(), &err) == -1);  // no file to re-read
  ErrorPtr file_error(err);
  CHECK(std::string(verdict_error_code(err)) == "A004");
}

TEST_CASE("C API: decisions from many threads while another reloads", "[c_api][reload][concurrency]") {
  TempDeployment dep;
  dep.write_rules(dep.rules("t1"));
  EnginePtr engine(verdict_engine_open(dep.config_path().c_str(), nullptr));
  REQUIRE(engine);
  const std::string request = first_request();
  std::atomic<bool> done{false};
  std::atomic<int> failed{0}, other{0}, decided{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      while (!done.load()) {
        verdict_decision* d = verdict_decide(engine.get(), request.data(), request.size(), nullptr);
        if (!d) {
          ++failed;
          continue;
        }
        std::string v = ruleset_version(d);
        if (v != "t1" && v != "t2") ++other;
        ++decided;
        verdict_decision_free(d);
      }
    });
  }
  for (int i = 0; i < 6; ++i) {
    dep.write_rules(dep.rules(i % 2 ? "t1" : "t2"));
    CHECK(verdict_engine_reload(engine.get(), nullptr) == 0);
  }
  done = true;
  for (auto& th : threads) th.join();
  CHECK(failed.load() == 0);
  CHECK(other.load() == 0);
  CHECK(decided.load() > 0);
  CHECK(verdict_engine_generation(engine.get()) == 7);
}

TEST_CASE("C API: NULL arguments are errors, not crashes", "[c_api]") {
  verdict_error* err = nullptr;
  CHECK(verdict_engine_open(nullptr, &err) == nullptr);
  CHECK(std::string(verdict_error_code(err)) == "A001");
  CHECK_THAT(verdict_error_message(err), Catch::Contains("`config_path`"));
  verdict_error_free(err);

  CHECK(verdict_engine_open_sources("x.toml", nullptr, nullptr, &err) == nullptr);
  CHECK_THAT(verdict_error_message(err), Catch::Contains("`config_text`"));
  verdict_error_free(err);

  CHECK(verdict_decide(nullptr, "{}", 2, &err) == nullptr);
  CHECK_THAT(verdict_error_message(err), Catch::Contains("`engine`"));
  verdict_error_free(err);

  EnginePtr engine = open_shipped();
  CHECK(verdict_decide(engine.get(), nullptr, 0, &err) == nullptr);
  CHECK_THAT(verdict_error_message(err), Catch::Contains("`request_json`"));
  verdict_error_free(err);

  CHECK(verdict_engine_reload(nullptr, &err) == -1);
  verdict_error_free(err);
  CHECK(verdict_engine_reload_sources(engine.get(), nullptr, "", nullptr, &err) == -1);
  verdict_error_free(err);
  CHECK(verdict_decide_batch(engine.get(), nullptr, nullptr, 3, nullptr, nullptr, &err) == -1);
  CHECK(std::string(verdict_error_code(err)) == "A001");
  verdict_error_free(err);
  CHECK(verdict_decide_batch(engine.get(), nullptr, nullptr, 0, nullptr, nullptr, &err) == 0);
  CHECK(err == nullptr);

  // No `err`: the failure is still reported by the result.
  CHECK(verdict_engine_open(nullptr, nullptr) == nullptr);
  CHECK(verdict_engine_open("no/such.toml", nullptr) == nullptr);
  CHECK(verdict_decide(engine.get(), "[", 1, nullptr) == nullptr);

  CHECK(std::string(verdict_decision_json(nullptr)).empty());
  CHECK(std::string(verdict_decision_outcome(nullptr)).empty());
  CHECK(std::isnan(verdict_decision_final_score(nullptr)));
  CHECK(std::string(verdict_error_message(nullptr)).empty());
  CHECK(std::string(verdict_error_code(nullptr)).empty());
  CHECK(verdict_error_count(nullptr) == 0);
  CHECK(verdict_error_code_at(nullptr, 0) == nullptr);
  CHECK(verdict_engine_generation(nullptr) == 0);
  verdict_decision_free(nullptr);
  verdict_error_free(nullptr);
  verdict_engine_free(nullptr);
}

}  // namespace
}  // namespace verdict
