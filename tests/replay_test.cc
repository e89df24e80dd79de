// `verdict replay`: every logged decision is decided again on the exact
// versions it names (from the version store, by hash) and must come out
// byte for byte the same; @pii values are sealed in the log (AES-256-GCM)
// and only a holder of the key can replay them; a version whose bytes no
// longer hash to its name is refused, never used.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "compiler/util/sha256.h"
#include "runtime/replay/challenger_comparison.h"
#include "runtime/report/comparison_html.h"
#include "tests/support/cli.h"
#include "tests/support/golden.h"
#include "tests/support/serve_fixture.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_cli;
using testing::source_path;

const char* kPiiKey = "6d1f0c3b8a2e4f5d9c7b1a0e3f2d4c6b8a9e1f0d2c3b4a5e6f7d8c9b0a1e2f3d\n";

// A copy of the credit deployment in a temporary folder that logs every
// decision, keeps its versions and seals @pii values (`extra` is appended
// to its [trace]); the ruleset and the model are copies a test may alter.
struct LoggingDeploy {
  fs::path dir;
  explicit LoggingDeploy(const std::string& name, const std::string& extra = "pii_key_file = \"pii.key\"\n") {
    dir = fs::temp_directory_path() / ("verdict-replay-" + std::to_string(::getpid())) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(source_path("rules/credit_approval.rules"), dir / "credit_approval.rules");
    fs::copy_file(source_path("models/credit_default.json"), dir / "model.json");
    std::ofstream(dir / "pii.key") << kPiiKey;
    std::ofstream(dir / "deploy.toml") << "ruleset = \"credit_approval.rules\"\n"
                                       << "[models.default_risk]\nfile = \"model.json\"\n"
                                       << "[blend]\nhuman = 0.4\nmodel = 0.6\n"
                                       << "[blend.segments.thin_file]\nhuman = 0.7\nmodel = 0.3\n"
                                       << "[trace]\nlevel = \"full\"\nshap = [\"decline\", \"review\"]\n"
                                       << "log = \"decisions.jsonl\"\nstore = \"versions\"\n"
                                       << extra;
  }
  std::string config() const { return (dir / "deploy.toml").string(); }
  std::string log() const { return (dir / "decisions.jsonl").string(); }
  std::string replay_args() const {
    return "replay " + log() + " --store " + (dir / "versions").string() + " --pii-key-file " +
           (dir / "pii.key").string();
  }
};

std::string summary(uint64_t n, uint64_t identical, uint64_t different, uint64_t not_replayable) {
  return "replay records=" + std::to_string(n) + " identical=" + std::to_string(identical) +
         " different=" + std::to_string(different) + " not_replayable=" + std::to_string(not_replayable) + "\n";
}

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Rewrites a log's lines through `edit` and recomputes every SHA-256 link:
// what someone who can write the disk can do to an unkeyed log. The chain
// then verifies, so only replay can tell.
void rewrite_log(const std::string& path, const std::function<void(nlohmann::ordered_json&)>& edit) {
  std::string prev(64, '0'), text;
  for (const std::string& line : lines_of(path)) {
    nlohmann::ordered_json record = nlohmann::ordered_json::parse(line);
    edit(record);
    record["prev"] = prev;
    std::string out = record.dump();
    prev = sha256_hex(out);
    text += out + "\n";
  }
  std::ofstream(path, std::ios::trunc) << text;
}

TEST_CASE("replay: decisions logged by decide, batch and serve are decided identically, @pii sealed", "[replay]") {
  LoggingDeploy deploy("three_writers");
  auto decided = run_cli("decide --config " + deploy.config() + " --input rules/examples/credit_requests.jsonl");
  REQUIRE(decided.exit_code == 0);
  decided =
      run_cli("decide --config " + deploy.config() + " --input tests/data/credit_data.csv --ignore-columns Status");
  REQUIRE(decided.exit_code == 0);
  std::string out = (deploy.dir / "batch.jsonl").string();
  auto batch = run_cli("batch --config " + deploy.config() + " --in rules/examples/credit_requests.jsonl --out " + out);
  REQUIRE(batch.exit_code == 0);
  {
    testing::ServeProcess serve(deploy.config());
    httplib::Client client("127.0.0.1", serve.port);
    std::ifstream requests(source_path("rules/examples/credit_requests.jsonl"));
    for (std::string request; std::getline(requests, request);) {
      auto r = client.Post("/v1/decide", request, "application/json");
      REQUIRE(r);
      REQUIRE(r->status == 200);
    }
  }
  std::string log = read_file(deploy.log());
  CHECK(log.find("CR-00026") == std::string::npos);  // the @pii customer ids are nowhere in clear
  CHECK(log.find("\"sealed\":\"aes-256-gcm\"") != std::string::npos);
  const uint64_t records = 8 + 4454 + 8 + 8;
  REQUIRE(lines_of(deploy.log()).size() == records);

  auto replayed = run_cli(deploy.replay_args());
  INFO(replayed.err);
  CHECK(replayed.out == summary(records, records, 0, 0));
  CHECK(replayed.exit_code == 0);
  // Without the key the sealed records cannot be decided again, and say so.
  auto keyless = run_cli("replay " + deploy.log() + " --store " + (deploy.dir / "versions").string());
  CHECK(keyless.out.ends_with(summary(records, records - 24, 0, 24)));
  CHECK(keyless.out.find("which was not given (--pii-key-file)") != std::string::npos);
  CHECK(keyless.exit_code == 0);
}

TEST_CASE("replay: a stored version altered by one byte is refused with its hash named", "[replay]") {
  LoggingDeploy deploy("altered_store");
  REQUIRE(run_cli("decide --config " + deploy.config() + " --input rules/examples/credit_requests.jsonl").exit_code ==
          0);
  std::string model_sha = sha256_hex(read_file((deploy.dir / "model.json").string()));
  fs::path object = deploy.dir / "versions" / model_sha;
  REQUIRE(fs::exists(object));
  std::string bytes = read_file(object.string());
  bytes[bytes.size() / 2] ^= 1;
  fs::permissions(object, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(object, std::ios::binary | std::ios::trunc) << bytes;

  auto replayed = run_cli(deploy.replay_args());
  CHECK(replayed.exit_code == 1);
  CHECK(replayed.out.find("the model file `" + (deploy.dir / "model.json").string() + "` (" + model_sha +
                          "): version store `") != std::string::npos);
  CHECK(replayed.out.find("was altered: its bytes hash to `" + sha256_hex(bytes) + "`") != std::string::npos);
  CHECK(replayed.out.ends_with(summary(8, 0, 0, 8)));
  CHECK(replayed.err.find("error[L007]: 8 records name versions that fail their hashes") != std::string::npos);
}

TEST_CASE("replay: without a store, the files named are used only while they hash the same", "[replay]") {
  LoggingDeploy deploy("files_only");
  REQUIRE(run_cli("decide --config " + deploy.config() + " --input rules/examples/credit_requests.jsonl").exit_code ==
          0);
  std::string key = " --pii-key-file " + (deploy.dir / "pii.key").string();
  CHECK(run_cli("replay " + deploy.log() + key).out == summary(8, 8, 0, 0));

  std::string model = read_file((deploy.dir / "model.json").string());
  std::ofstream(deploy.dir / "model.json", std::ios::trunc) << model << " ";  // retrained, redeployed, whatever
  auto replayed = run_cli("replay " + deploy.log() + key);
  CHECK(replayed.exit_code == 1);
  CHECK(replayed.out.find("is not in the version store and the file now hashes to `" + sha256_hex(model + " ") +
                          "`, not the `" + sha256_hex(model) + "` the decision was made with") != std::string::npos);
  // The store still has the version the decisions were made with.
  CHECK(run_cli(deploy.replay_args()).out == summary(8, 8, 0, 0));
}

TEST_CASE("replay: a decision that comes out otherwise is reported field by field", "[replay]") {
  LoggingDeploy deploy("different");
  REQUIRE(run_cli("decide --config " + deploy.config() + " --input rules/examples/credit_requests.jsonl").exit_code ==
          0);
  // Someone with the disk changes record 3's outcome and relinks the chain:
  // `verdict audit` cannot see it (unkeyed), replay does.
  rewrite_log(deploy.log(), [](nlohmann::ordered_json& record) {
    if (record["seq"] == 3)
      record["decision"]["outcome"] = record["decision"]["outcome"] == "approve" ? "decline" : "approve";
  });
  REQUIRE(run_cli("audit --log " + deploy.log()).exit_code == 0);
  auto replayed = run_cli(deploy.replay_args());
  CHECK(replayed.exit_code == 1);
  CHECK(std::regex_search(replayed.out, std::regex(":3: record 3: different\n  outcome: \"(approve|decline)\" -> \"")));
  CHECK(replayed.out.ends_with(summary(8, 7, 1, 0)));
  CHECK(replayed.err.find("error[L007]: 1 decisions were decided otherwise again") != std::string::npos);

  auto json = run_cli(deploy.replay_args() + " --format json --id 3");
  nlohmann::json first = nlohmann::json::parse(json.out.substr(0, json.out.find('\n')));
  CHECK(first["verdict"] == "different");
  CHECK(first["diff"][0]["path"] == "outcome");
}

TEST_CASE("replay: records are chosen by --id and --from/--to; a broken chain stops the replay", "[replay]") {
  LoggingDeploy deploy("selection");
  REQUIRE(run_cli("decide --config " + deploy.config() + " --input rules/examples/credit_requests.jsonl").exit_code ==
          0);
  CHECK(run_cli(deploy.replay_args() + " --id 5").out == summary(1, 1, 0, 0));
  auto missing = run_cli(deploy.replay_args() + " --id 99");
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("no decision record has seq 99") != std::string::npos);
  CHECK(run_cli(deploy.replay_args() + " --from 2000-01-01 --to 2999").out == summary(8, 8, 0, 0));
  CHECK(run_cli(deploy.replay_args() + " --to 2000-01-01").out == summary(0, 0, 0, 0));

  std::vector<std::string> lines = lines_of(deploy.log());
  lines[4].replace(lines[4].find("\"outcome\":\""), 11, "\"outcome\": \"");
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  std::ofstream(deploy.log(), std::ios::trunc) << text;
  auto broken = run_cli(deploy.replay_args());
  CHECK(broken.exit_code == 1);
  // Records 1-5 verified (5's own link is whole) and were replayed: 5 comes
  // out with other bytes; 6 does not link to the edited 5, so nothing after
  // it is replayed.
  CHECK(broken.out.find(":5: record 5: different: the same values written with other bytes\n") != std::string::npos);
  CHECK(broken.out.ends_with(summary(5, 4, 1, 0)));
  CHECK(broken.err.find("error[L003]") != std::string::npos);
}

TEST_CASE("replay: without a PII key @pii values are hashed with the log key, or withheld", "[replay]") {
  std::string key(64, 'k');
  LoggingDeploy keyed("hashed", "key_env = \"VERDICT_TEST_REPLAY_LOG_KEY\"\n");
  ::setenv("VERDICT_TEST_REPLAY_LOG_KEY", key.c_str(), 1);
  REQUIRE(run_cli("decide --config " + keyed.config() + " --input rules/examples/credit_requests.jsonl").exit_code ==
          0);
  std::string log = read_file(keyed.log());
  CHECK(log.find("CR-00026") == std::string::npos);
  CHECK(log.find("\"customer_id\":\"" + hmac_sha256_hex(key, std::string("customer_id") + '\0' + "\"CR-00026\"")) !=
        std::string::npos);
  auto replayed = run_cli("replay " + keyed.log() + " --key-env VERDICT_TEST_REPLAY_LOG_KEY --store " +
                          (keyed.dir / "versions").string());
  CHECK(replayed.out.ends_with(summary(8, 0, 0, 8)));
  CHECK(replayed.out.find("its @pii values were hashed, not sealed") != std::string::npos);
  CHECK(replayed.exit_code == 0);

  LoggingDeploy bare("withheld", "");
  REQUIRE(run_cli("decide --config " + bare.config() + " --input rules/examples/credit_requests.jsonl").exit_code == 0);
  CHECK(read_file(bare.log()).find("\"pii\":{\"withheld\":[\"customer_id\"]}") != std::string::npos);
  // A request without its @pii field has nothing to protect: it replays.
  REQUIRE(run_cli("decide --config " + bare.config() + " --input -", R"({"seniority": 2, "home": "owner", "time": 36,
    "age": 40, "records": false, "expenses": 50, "income": 200, "amount": 900, "price": 1000})")
              .exit_code == 0);
  CHECK(run_cli("replay " + bare.log() + " --store " + (bare.dir / "versions").string())
            .out.ends_with(summary(9, 1, 0, 8)));
}

// The outcomes of each line of a `verdict decide` output.
std::vector<std::string> outcomes_of(const std::string& jsonl) {
  std::vector<std::string> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line)["outcome"]);
  return out;
}

TEST_CASE("replay --against: the transition matrix equals an independent count of both deployments' outcomes",
          "[replay][challenger]") {
  LoggingDeploy deploy("challenger");
  const std::string data = " --input tests/data/credit_data.csv --ignore-columns Status";
  REQUIRE(run_cli("decide --config " + deploy.config() + data).exit_code == 0);
  // The challenger: even weights, and referrals from 2,500 instead of 3,000.
  std::string rules = read_file((deploy.dir / "credit_approval.rules").string());
  REQUIRE(rules.find("when amount >= 3000") != std::string::npos);
  rules.replace(rules.find("when amount >= 3000"), 19, "when amount >= 2500");
  std::ofstream(deploy.dir / "challenger.rules") << rules;
  std::ofstream(deploy.dir / "challenger.toml") << "ruleset = \"challenger.rules\"\n"
                                                << "[models.default_risk]\nfile = \"model.json\"\n"
                                                << "[blend]\nhuman = 0.5\nmodel = 0.5\n[trace]\nlevel = \"full\"\n";
  std::string challenger = (deploy.dir / "challenger.toml").string();
  auto compared = run_cli(deploy.replay_args() + " --against " + challenger + " --format json");
  INFO(compared.err);
  REQUIRE(compared.exit_code == 0);
  nlohmann::json report = nlohmann::json::parse(compared.out);
  auto text = run_cli(deploy.replay_args() + " --against " + challenger);
  CHECK(text.out.find("outcome transitions (rows: champion, columns: challenger)") != std::string::npos);

  // Independently: each deployment decides the same rows, paired by line
  // (the champion's run logs them again: the log is not read after this).
  std::vector<std::string> a = outcomes_of(run_cli("decide --config " + deploy.config() + data).out);
  std::vector<std::string> b = outcomes_of(run_cli("decide --config " + challenger + data).out);
  REQUIRE(a.size() == 4454);
  REQUIRE(b.size() == a.size());
  std::map<std::string, std::map<std::string, uint64_t>> counted;
  uint64_t changed = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    ++counted[a[i]][b[i]];
    changed += a[i] != b[i];
  }
  CHECK(report["compared"] == a.size());
  CHECK(report["changed"] == changed);
  CHECK(changed > 100);  // the challenger does change something
  CHECK(report["outcomes"] == nlohmann::json{"approve", "review", "decline"});
  for (const std::string from : {"approve", "review", "decline"}) {
    for (const std::string to : {"approve", "review", "decline"}) {
      INFO(from << " -> " << to);
      CHECK(report["transitions"][from][to] == counted[from][to]);
    }
  }
  uint64_t by_segment = 0;
  for (const auto& s : report["by_segment"]) by_segment += s["changed"].get<uint64_t>();
  CHECK(by_segment == changed);
  // The changed rule shows among the drivers, firing for the challenger only.
  CHECK(report["drivers"]["rules"][0]["rule"] == "above_authority");
  CHECK(report["drivers"]["rules"][0]["fired_champion_only"] == 0);
  CHECK(report["final_shift"]["decisions"] == a.size());
  CHECK(text.out.starts_with("champion/challenger: 4454 decisions compared, " + std::to_string(changed) + " changed"));

  // `verdict compare` on the same rows, without a log, pairs the same decisions.
  auto on_input = run_cli("compare --config " + deploy.config() + " --config " + challenger + data + " --format json");
  REQUIRE(on_input.exit_code == 0);
  nlohmann::json direct = nlohmann::json::parse(on_input.out);
  CHECK(direct["transitions"] == report["transitions"]);
  CHECK(direct["changed"] == report["changed"]);
}

TEST_CASE("replay --against --html: one self-contained page, every text from the log escaped", "[replay][challenger]") {
  ChallengerComparison comparison({"approve", "decline"});
  nlohmann::ordered_json champion = {{"outcome", "approve"},
                                     {"segment", "<script>alert(1)</script>"},
                                     {"score", {{"human", 0.5}, {"model", 0.5}, {"final", 0.5}}}};
  nlohmann::ordered_json challenger = champion;
  challenger["outcome"] = "decline";
  challenger["score"]["final"] = 0.25;
  comparison.add(champion, challenger);
  comparison.add(champion, champion);
  comparison.skip("its @pii values were \"withheld\" <b>");
  std::string page = comparison_html(comparison.report(), {"d.jsonl", "champion.toml", "<i>challenger</i>.toml"});
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("&lt;i&gt;challenger&lt;/i&gt;.toml") != std::string::npos);
  CHECK(page.find("1 of 2 decisions change outcome (50.0%); 1 records could not be compared") != std::string::npos);
  for (const char* id : {"transitions", "segments", "drivers", "shift"}) {
    CHECK(page.find("<section id=\"" + std::string(id) + "\">") != std::string::npos);
  }
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);
  nlohmann::ordered_json report = comparison.report();
  CHECK(report["transitions"]["approve"]["decline"] == 1);
  CHECK(report["final_shift"]["min"] == -0.25);
  CHECK(report["not_compared"] == 1);
}

TEST_CASE("compare: rows either side refuses are counted, never dropped", "[replay][challenger]") {
  LoggingDeploy deploy("compare_refused");
  std::string rows =
      read_file(source_path("rules/examples/credit_requests.jsonl")) + "{\"seniority\": \"many\"}\nnot json\n";
  std::ofstream(deploy.dir / "rows.jsonl") << rows;
  auto r = run_cli("compare --config " + deploy.config() + " --config " + deploy.config() + " --input " +
                   (deploy.dir / "rows.jsonl").string() + " --format json");
  REQUIRE(r.exit_code == 0);
  nlohmann::json report = nlohmann::json::parse(r.out);
  CHECK(report["compared"] == 8);
  CHECK(report["changed"] == 0);
  CHECK(report["not_compared"] == 2);
  CHECK(report["not_compared_why"].dump().find("refused by the") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(deploy.log()));  // compare logs nothing
  auto one = run_cli("compare --config " + deploy.config() + " --input x.csv");
  CHECK(one.exit_code != 0);
}

}  // namespace
}  // namespace verdict
