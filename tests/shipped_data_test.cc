// Every row of both shipped data sets, converted to a request, is decided by
// its shipped ruleset without error (missing cells included), every
// decision's trace has an entry for every rule, and the JIT's decision and
// trace equal the interpreter's, byte for byte.
#include <catch2/catch.hpp>

#include "runtime/wire/decision_json.h"
#include "runtime/wire/request.h"
#include "tests/support/cli.h"
#include "tests/support/csv.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

struct DataSet {
  const char* rules;
  const char* csv;
  std::vector<std::string> bools;
  std::vector<std::string> labels;
  size_t rows;
};

void decide_every_row(const DataSet& set) {
  Diagnostics diags;
  auto ruleset = CompiledRuleset::load(testing::source_path(set.rules), diags, BackendKind::Interpreter);
  auto jit = CompiledRuleset::load(testing::source_path(set.rules), diags, BackendKind::Jit);
  REQUIRE(ruleset);
  REQUIRE(jit);
  testing::Csv csv = testing::read_csv(testing::source_path(set.csv));
  REQUIRE(csv.rows.size() == set.rows);
  const size_t rule_count = ruleset->program().rules.size();
  std::map<std::string, size_t> outcomes;
  size_t with_missing = 0, with_unknown = 0;
  for (size_t row = 0; row < csv.rows.size(); ++row) {
    nlohmann::json request = testing::row_request(csv, row, set.bools, set.labels);
    std::vector<Diagnostic> errors;
    auto frame = frame_from_json(ruleset->program(), request, errors);
    INFO("row " << row + 1 << ": " << request.dump());
    REQUIRE(errors.empty());
    REQUIRE(frame);
    Decision d = ruleset->decide(*frame);
    auto json = decision_json(*ruleset, *frame, d, TraceLevel::Full);
    auto jit_json = decision_json(*jit, *frame, jit->decide(*frame), TraceLevel::Full);
    jit_json["trace"]["backend"] = "interp";
    REQUIRE(jit_json.dump() == json.dump());
    // Without the trace, the JIT skips trace-only work; the decision is the same.
    auto lean = decision_json(*jit, *frame, jit->decide(*frame, false), TraceLevel::Off);
    REQUIRE(lean.dump() == decision_json(*ruleset, *frame, d, TraceLevel::Off).dump());
    REQUIRE(json["trace"]["rules"].size() == rule_count);
    for (const auto& r : json["trace"]["rules"]) REQUIRE(r.contains("status"));
    outcomes[json["outcome"]]++;
    if (std::count(frame->present.begin(), frame->present.end(), 0) > 0) ++with_missing;
    for (auto s : d.evaluation.rules) {
      if (s == RuleStatus::Unknown) {
        ++with_unknown;
        break;
      }
    }
  }
  size_t total = 0;
  for (const auto& [_, n] : outcomes) total += n;
  CHECK(total == set.rows);
  CHECK(outcomes.size() == ruleset->program().outcomes.size());  // every outcome occurs
  if (std::string(set.csv).find("credit") != std::string::npos) {
    CHECK(with_missing > 300);  // rows with missing cells went through too
    CHECK(with_unknown > 300);  // and their rules said so
  }
}

TEST_CASE("verdict run decides every credit row, as JSON Lines through the CLI", "[data][cli]") {
  testing::Csv csv = testing::read_csv(testing::source_path("tests/data/credit_data.csv"));
  std::string requests;
  for (size_t row = 0; row < csv.rows.size(); ++row) {
    requests += testing::row_request(csv, row, {"records"}, {"status"}).dump() + "\n";
  }
  Diagnostics diags;
  auto ruleset = CompiledRuleset::load(testing::source_path("rules/credit_approval.rules"), diags);
  REQUIRE(ruleset);
  const size_t rule_count = ruleset->program().rules.size();
  auto r = testing::run_cli("run --rules rules/credit_approval.rules --trace rules --input -", requests);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  size_t lines = 0, with_trace = 0;
  for (size_t start = 0; start < r.out.size();) {
    size_t end = r.out.find('\n', start);
    auto decision = nlohmann::json::parse(r.out.substr(start, end - start));
    ++lines;
    if (decision["trace"]["rules"].size() == rule_count) ++with_trace;
    start = end + 1;
  }
  CHECK(lines == csv.rows.size());
  CHECK(with_trace == csv.rows.size());
}

TEST_CASE("every credit application in the data set is decided", "[data]") {
  decide_every_row({"rules/credit_approval.rules", "tests/data/credit_data.csv", {"records"}, {"status"}, 4454});
}

TEST_CASE("every telecom customer in the data set is decided", "[data]") {
  decide_every_row({"rules/retention_offer.rules",
                    "tests/data/mlc_churn.csv",
                    {"international_plan", "voice_mail_plan"},
                    {"churn"},
                    5000});
}

}  // namespace
}  // namespace verdict
