// `verdict batch`: every input row ends in exactly one place, the decisions
// file or the rejects file, in input order, with the reason for each reject.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/cli.h"
#include "tests/support/csv.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

using nlohmann::json;

std::vector<json> read_lines(const std::string& path) {
  std::vector<json> out;
  std::string text = testing::read_file(path);
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    out.push_back(json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

std::string temp_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("verdict-batch-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

TEST_CASE("batch: the credit data with broken rows: one output or reject line per input row", "[batch][cli]") {
  std::string csv = testing::read_file(testing::source_path("tests/data/credit_data.csv"));
  // Break rows 10, 2000 and the last one (lines 11, 2001, 4455), in three ways.
  std::vector<std::string> lines;
  for (size_t start = 0; start < csv.size();) {
    size_t end = csv.find('\n', start);
    lines.push_back(csv.substr(start, end - start));
    start = end + 1;
  }
  REQUIRE(lines.size() == 4455);
  lines[10] = "\"good\",nine,\"rent\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,800,846";
  lines[2000] = "\"good\",9,\"rent\"";
  lines[4454] = "\"bad\",9,\"castle\",60,30,\"married\",\"no\",\"freelance\",73,129,0,0,800,846";
  std::string broken;
  for (const std::string& l : lines) broken += l + "\n";
  std::string in = temp_path("broken.csv"), out = temp_path("decisions.jsonl"), rejects = temp_path("rejects.jsonl");
  {
    std::FILE* f = std::fopen(in.c_str(), "wb");
    REQUIRE(f);
    std::fwrite(broken.data(), 1, broken.size(), f);
    std::fclose(f);
  }
  auto r = testing::run_cli("batch --config rules/credit_approval.deploy.toml --in " + in + " --out " + out +
                            " --rejects " + rejects + " --ignore-columns Status --trace rules --threads 3");
  CHECK(r.exit_code == 1);  // some rows were rejected
  std::vector<json> decided = read_lines(out), refused = read_lines(rejects);
  CHECK(decided.size() == 4451);
  REQUIRE(refused.size() == 3);
  CHECK(decided.size() + refused.size() == 4454);
  // In input order, every line accounted for once.
  std::vector<int> seen;
  for (const json& d : decided) seen.push_back(d["request"]);
  for (size_t i = 1; i < seen.size(); ++i) REQUIRE(seen[i - 1] < seen[i]);
  CHECK(refused[0]["request"] == 11);
  CHECK(refused[0]["rejected"][0]["code"] == "R003");
  CHECK(refused[0]["input"] == lines[10]);
  CHECK(refused[1]["request"] == 2001);
  CHECK(refused[1]["rejected"][0]["code"] == "R008");
  CHECK(refused[2]["request"] == 4455);
  CHECK(refused[2]["rejected"][0]["code"] == "R004");
  CHECK(r.err.find("batch: 4454 rows, 4451 decided, 3 rejected") != std::string::npos);
  CHECK(r.err.find("outcomes: approve ") != std::string::npos);
}

TEST_CASE("batch: decisions equal `verdict decide`'s, in the same order, on any number of threads", "[batch][cli]") {
  std::string out1 = temp_path("one.jsonl"), out4 = temp_path("four.jsonl");
  std::string common =
      "batch --config rules/retention_offer.deploy.toml --in tests/data/mlc_churn.csv "
      "--ignore-columns churn --trace rules -q ";
  auto one = testing::run_cli(common + "--threads 1 --out " + out1);
  auto four = testing::run_cli(common + "--threads 4 --out " + out4);
  CHECK(one.exit_code == 0);
  CHECK(four.exit_code == 0);
  CHECK(one.err.empty());  // --quiet
  std::string a = testing::read_file(out1);
  CHECK(a == testing::read_file(out4));
  auto decide = testing::run_cli(
      "decide --config rules/retention_offer.deploy.toml --input tests/data/mlc_churn.csv "
      "--ignore-columns churn --trace rules");
  CHECK(decide.out == a);
  CHECK(std::count(a.begin(), a.end(), '\n') == 5000);
}

TEST_CASE("batch: a CSV without usable columns writes nothing and says why", "[batch][cli]") {
  std::string out = temp_path("none.jsonl");
  std::filesystem::remove(out);
  auto r =
      testing::run_cli("batch --config rules/credit_approval.deploy.toml --in tests/data/credit_data.csv --out " + out);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error[R010]: column `Status` is not a field of `credit_approval`") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("batch: a decisions or rejects file the disk refuses is an error, not a silent success", "[batch][cli]") {
  std::string rejects = temp_path("full.rejects.jsonl");
  auto r = testing::run_cli(
      "batch --config rules/credit_approval.deploy.toml --in tests/data/credit_data.csv"
      " --ignore-columns Status --out /dev/full --rejects " +
      rejects);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("/dev/full: error[E011]: writing `/dev/full` failed (disk full?)") != std::string::npos);
  CHECK(r.err.find("batch: ") == std::string::npos);  // no summary that reads like success

  // The rejects file is checked the same way: one row is refused.
  std::string in = temp_path("one_bad.jsonl"), out = temp_path("one_bad.out.jsonl");
  {
    std::FILE* f = std::fopen(in.c_str(), "wb");
    REQUIRE(f);
    std::fputs("{\"amount\": \"lots\"}\n", f);
    std::fclose(f);
  }
  r = testing::run_cli("batch --config rules/credit_approval.deploy.toml --in " + in + " --out " + out +
                       " --rejects /dev/full");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error[E011]: writing `/dev/full` failed") != std::string::npos);

  r = testing::run_cli("batch --config rules/credit_approval.deploy.toml --in " + in + " --out /no/such/dir/out.jsonl");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error[E010]: cannot write `/no/such/dir/out.jsonl`") != std::string::npos);
}

// The rejects file is outside the decision log but holds the same people's
// data: @pii values (customer_id in the credit rules) never reach it in clear.
TEST_CASE("batch: a rejected row's @pii fields are masked in the rejects file, or the row is withheld",
          "[batch][cli]") {
  std::string in = temp_path("pii.jsonl"), out = temp_path("pii.out.jsonl"), rejects = temp_path("pii.rejects.jsonl");
  {
    std::FILE* f = std::fopen(in.c_str(), "wb");
    REQUIRE(f);
    std::fputs("{\"customer_id\": \"CR-SECRET-1\", \"amount\": \"lots\"}\n", f);
    std::fputs("{\"customer_id\": \"CR-SECRET-2\", \"amount\": 1,\n", f);  // not JSON
    std::fclose(f);
  }
  auto r = testing::run_cli("batch --config rules/credit_approval.deploy.toml --in " + in + " --out " + out +
                            " --rejects " + rejects);
  CHECK(r.exit_code == 1);
  std::string kept = testing::read_file(rejects);
  CHECK(kept.find("CR-SECRET") == std::string::npos);
  std::vector<json> lines = read_lines(rejects);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["input"] == R"({"customer_id":"***","amount":"lots"})");
  CHECK(lines[1]["input"]["withheld"].get<std::string>().starts_with("the request is not a JSON object"));
  CHECK(lines[1]["input"]["bytes"] == 43);

  std::string csv = temp_path("pii.csv");
  {
    std::FILE* f = std::fopen(csv.c_str(), "wb");
    REQUIRE(f);
    std::fputs("Customer_ID,seniority,home,time,age,marital,records,job,expenses,income,assets,debt,amount,price\n", f);
    std::fputs("\"CR, SECRET-3\",9,castle,60,30,married,no,freelance,73,129,0,0,800,846\n", f);
    std::fclose(f);
  }
  r = testing::run_cli("batch --config rules/credit_approval.deploy.toml --in " + csv + " --out " + out +
                       " --rejects " + rejects);
  CHECK(r.exit_code == 1);
  lines = read_lines(rejects);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["input"] == "***,9,castle,60,30,married,no,freelance,73,129,0,0,800,846");
}

}  // namespace
}  // namespace verdict
