// `verdict decide` as an engineer runs it: every row of both shipped data
// sets, as CSV, through the shipped deployments, on the native kernel and on
// the XGBoost C API; every decision's model probability equals the C API's
// prediction for the row as training encoded it. Broken rows are reported
// by line and field and lose no other row.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/model/model_support.h"
#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

using nlohmann::json;

std::vector<json> json_lines(const std::string& out) {
  std::vector<json> lines;
  for (size_t start = 0; start < out.size();) {
    size_t end = out.find('\n', start);
    lines.push_back(json::parse(out.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

struct Shipped {
  const char* config;          // native kernel, the shipped deployment
  const char* xgboost_config;  // the same on the C API
  const char* csv;
  const char* label;
  const char* model;
  size_t rows;
};

// The C API's probability for every row, encoded as `verdict train` encodes
// its training data (by CSV column), independent of the ruleset's binding.
std::vector<float> reference_probabilities(const Shipped& s) {
  auto m = testing::load_model(testing::source_path(s.model));
  model::Dataset data = testing::encode_csv(s.csv, m->features());
  REQUIRE(data.rows() == s.rows);
  std::string error;
  const model::Booster* booster = m->reference(error);
  REQUIRE(booster);
  std::vector<float> p(data.rows());
  REQUIRE(
      booster->predict(data.values.data(), data.rows(), data.cols, model::PredictKind::Probability, p.data(), error));
  return p;
}

void decide_every_row(const Shipped& s) {
  std::vector<float> reference = reference_probabilities(s);
  for (const char* config : {s.config, s.xgboost_config}) {
    auto r = testing::run_cli(std::string("decide --config ") + config + " --input " + s.csv + " --ignore-columns " +
                              s.label + " --trace off");
    INFO(config << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    std::vector<json> decisions = json_lines(r.out);
    REQUIRE(decisions.size() == s.rows);
    size_t equal = 0;
    for (size_t i = 0; i < decisions.size(); ++i) {
      const json& d = decisions[i];
      REQUIRE(d["request"] == i + 2);  // CSV line: the header is line 1
      REQUIRE(d.contains("outcome"));
      float p = d["model"]["probability"].get<float>();
      if (p == reference[i])
        ++equal;
      else
        INFO("row " << i + 1 << ": " << p << " vs C API " << reference[i]);
    }
    CHECK(equal == s.rows);
  }
}

TEST_CASE("decide: every credit row, both kernels, model probability equals the C API's", "[decide][data]") {
  decide_every_row({"rules/credit_approval.deploy.toml", "tests/deploy/credit_xgboost.toml",
                    "tests/data/credit_data.csv", "Status", "models/credit_default.json", 4454});
}

TEST_CASE("decide: every churn row, both kernels, model probability equals the C API's", "[decide][data]") {
  decide_every_row({"rules/retention_offer.deploy.toml", "tests/deploy/churn_xgboost.toml", "tests/data/mlc_churn.csv",
                    "churn", "models/churn.json", 5000});
}

TEST_CASE("decide: the demo requests' decisions match their golden", "[decide][golden]") {
  auto r = testing::run_cli(
      "decide --config rules/credit_approval.deploy.toml --input rules/examples/credit_requests.jsonl");
  REQUIRE(r.exit_code == 0);
  std::string diff = testing::check_golden(testing::source_path("tests/golden/credit_requests.deploy.jsonl"), r.out);
  INFO(diff);
  CHECK(diff.empty());
  auto text = testing::run_cli(
      "decide --config rules/credit_approval.deploy.toml --input rules/examples/credit_requests.jsonl --format text");
  REQUIRE(text.exit_code == 0);
  diff = testing::check_golden(testing::source_path("tests/golden/credit_requests.deploy.txt"), text.out);
  INFO(diff);
  CHECK(diff.empty());
}

const char* kCreditHeader =
    "\"Status\",\"Seniority\",\"Home\",\"Time\",\"Age\",\"Marital\",\"Records\",\"Job\",\"Expenses\","
    "\"Income\",\"Assets\",\"Debt\",\"Amount\",\"Price\"\n";
const char* kGoodRow = "\"good\",9,\"rent\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,800,846\n";

TEST_CASE("decide: broken CSV rows are named by line and field; every other row is decided", "[decide][cli]") {
  std::string csv = std::string(kCreditHeader) + kGoodRow +
                    "\"good\",nine,\"rent\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,800,846\n" +  // 3
                    "\"good\",9,\"castle\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,800,846\n" +   // 4
                    "\"good\",9,\"rent\",60\n" +                                                            // 5
                    "\"good\",9,\"rent\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,,846\n" +        // 6
                    "\"good\",9,\"rent\",60,30,\"married\",\"maybe\",\"freelance\",73,129,0,0,800,846\n" +  // 7
                    "\"good,9,\"rent\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,800,846\n" +       // 8
                    "\"good\",9,\"rent\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,1e999,846\n" +   // 9
                    kGoodRow;                                                                               // 10
  auto r = testing::run_cli(
      "decide --config rules/credit_approval.deploy.toml --input - --input-format csv "
      "--ignore-columns Status --trace off",
      csv);
  CHECK(r.exit_code == 1);
  std::vector<json> lines = json_lines(r.out);
  REQUIRE(lines.size() == 9);  // one line per data row, in order
  std::vector<std::pair<int, std::string>> expected = {{3, "R003"}, {4, "R004"}, {5, "R008"}, {6, "R001"},
                                                       {7, "R003"}, {8, "R009"}, {9, "R005"}};
  CHECK(lines.front()["request"] == 2);
  CHECK(lines.front().contains("outcome"));
  CHECK(lines.back()["request"] == 10);
  CHECK(lines.back().contains("outcome"));
  for (size_t i = 0; i < expected.size(); ++i) {
    const json& line = lines[i + 1];
    INFO(line.dump());
    CHECK(line["request"] == expected[i].first);
    REQUIRE(line.contains("rejected"));
    CHECK(line["rejected"][0]["code"] == expected[i].second);
  }
  // The messages name the field and the stderr lines name the input line.
  CHECK(r.err.find("<stdin>:3: error[R003]: field `seniority` expects a number, got the string \"nine\"") !=
        std::string::npos);
  CHECK(r.err.find("<stdin>:4: error[R004]: field `home` has value `castle`") != std::string::npos);
  CHECK(r.err.find("<stdin>:6: error[R001]: required field `amount` is missing") != std::string::npos);
  CHECK(r.err.find("<stdin>:9: error[R005]: field `amount` is `1e999`, which is out of range") != std::string::npos);
}

TEST_CASE("decide: bytes that are not UTF-8 are refused by field, never crash the trace", "[decide][cli]") {
  std::string csv = std::string(kCreditHeader) +
                    "\"good\",\xff"
                    "9,\"rent\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,800,846\n" +
                    kGoodRow;
  auto r = testing::run_cli(
      "decide --config rules/credit_approval.deploy.toml --input - --input-format csv "
      "--ignore-columns Status",
      csv);
  CHECK(r.exit_code == 1);
  std::vector<json> lines = json_lines(r.out);  // every line is valid JSON
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["rejected"][0]["code"] == "R003");
  CHECK(lines[1].contains("outcome"));

  std::string churn = testing::read_file(testing::source_path("tests/data/mlc_churn.csv"));
  std::string header = churn.substr(0, churn.find('\n') + 1);
  auto bad = testing::run_cli(
      "decide --config rules/retention_offer.deploy.toml --input - --input-format csv "
      "--ignore-columns churn",
      header +
          "\"K\xffS\",128,\"area_code_415\",\"no\",\"yes\",25,265.1,110,45.07,197.4,99,"
          "16.78,244.7,91,11.01,10,3,2.7,1,\"no\"\n");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err == "<stdin>:2: error[R011]: field `state` is not valid UTF-8 (byte 2 of `K\\xffS`)\n");
  CHECK(json_lines(bad.out)[0]["rejected"][0]["code"] == "R011");
}

TEST_CASE("decide: a CSV column that is not a field stops the run before any row", "[decide][cli]") {
  auto r = testing::run_cli("decide --config rules/credit_approval.deploy.toml --input - --input-format csv",
                            std::string(kCreditHeader) + kGoodRow);
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "<stdin>:1: error[R010]: column `Status` is not a field of `credit_approval` "
        "(`--ignore-columns Status` skips it)\n");
}

TEST_CASE("decide: config errors are reported with the config's line and caret", "[decide][cli]") {
  auto r = testing::run_cli("decide --config tests/config/weights.toml --input -", "{}");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("tests/config/weights.toml:") != std::string::npos);
  CHECK(r.err.find("error[C00") != std::string::npos);
  CHECK(r.out.empty());
}

}  // namespace
}  // namespace verdict
