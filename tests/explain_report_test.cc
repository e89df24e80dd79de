// `verdict explain LOG --id SEQ` (docs/explain.md): one logged decision
// explained from a real log and version store written by `verdict decide`:
// the text report against golden files, the HTML page (escaped, no external
// resource), and the refusals and findings: an unknown or non-decision
// record (L008), a tampered line (not verified, L003), an altered store
// object (L006). tests/browser/render_report.py renders the page.
#include "runtime/report/explain_report.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include "runtime/audit/decision_log.h"
#include "runtime/report/decision_shape.h"
#include "runtime/report/html_escape.h"
#include "runtime/report/html_page.h"
#include "runtime/report/score_waterfall.h"
#include "runtime/report/source_excerpt.h"
#include "runtime/report/svg_waterfall.h"
#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_cli;
using testing::source_path;

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("verdict-explain-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The credit deployment copied into a fresh folder (ruleset and model too,
// so that every path and hash in its decisions is the same on any machine),
// logging to decisions.jsonl with a version store, and the eight requests of
// rules/examples/credit_requests.jsonl decided once through the CLI.
struct LoggedDeployment {
  fs::path dir;
  std::string log, store;

  explicit LoggedDeployment(const std::string& name, const std::string& trace_extra = "",
                            const std::string& reason_text = "") {
    dir = fresh_dir(name);
    std::string rules = read_file(source_path("rules/credit_approval.rules"));
    rules = replaced(rules, "\"../models/credit_default.json\"", "\"credit_default.json\"");
    if (!reason_text.empty()) rules = replaced(rules, "\"amount above the automatic approval limit\"", reason_text);
    std::ofstream(dir / "credit_approval.rules") << rules;
    fs::copy_file(source_path("models/credit_default.json"), dir / "credit_default.json");
    std::ofstream(dir / "deploy.toml") << "ruleset = \"credit_approval.rules\"\n"
                                       << "[blend]\nhuman = 0.4\nmodel = 0.6\n"
                                       << "[trace]\nlevel = \"full\"\nshap = [\"decline\", \"review\"]\n"
                                       << "log = \"decisions.jsonl\"\nstore = \"versions\"\n"
                                       << trace_extra;
    log = (dir / "decisions.jsonl").string();
    store = (dir / "versions").string();
    auto decide =
        run_cli("decide --config " + (dir / "deploy.toml").string() + " --input rules/examples/credit_requests.jsonl");
    INFO(decide.err);
    REQUIRE(decide.exit_code == 0);
  }

  std::string explain(const std::string& args) const { return log + " " + args + " --store " + store; }
};

// The text report with what differs between runs replaced: the folder,
// the times, and the log's head (a hash over the times).
std::string normalized(const std::string& text, const LoggedDeployment& d) {
  std::string out = replaced(text, d.dir.string(), "<dir>");
  out = std::regex_replace(out, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)"), "<time>");
  return std::regex_replace(out, std::regex("(last sha256|head) [0-9a-f]{64}"), "$1 <head>");
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

TEST_CASE("explain: a declined and an approved record as text, against golden files", "[explain][cli]") {
  LoggedDeployment d("text");
  auto declined = run_cli("explain " + d.explain("--id 7"));
  INFO(declined.err);
  CHECK(declined.exit_code == 0);
  CHECK(testing::check_golden(source_path("tests/golden/explain_declined.txt"), normalized(declined.out, d)) == "");
  auto approved = run_cli("explain " + d.explain("--id 1"));
  INFO(approved.err);
  CHECK(approved.exit_code == 0);
  CHECK(testing::check_golden(source_path("tests/golden/explain_approved.txt"), normalized(approved.out, d)) == "");
  // The last record is sealed only by the head, which the report names.
  auto last = run_cli("explain " + d.explain("--id 8"));
  CHECK(last.exit_code == 0);
  CHECK(last.out.find("this is the last record, so its own bytes are sealed only by the head") != std::string::npos);
  // A rotated log is its files oldest first: the chain runs on across them.
  std::vector<std::string> lines = lines_of(d.log);
  write_lines(d.log + ".000000000001", {lines.begin(), lines.begin() + 4});
  write_lines((d.dir / "rest.jsonl").string(), {lines.begin() + 4, lines.end()});
  auto rotated = run_cli("explain " + d.log + ".000000000001 " + (d.dir / "rest.jsonl").string() + " --id 6");
  CHECK(rotated.exit_code == 0);
  CHECK(rotated.out.find("record 6 at " + (d.dir / "rest.jsonl").string() + ":2, logged") == 0);
  CHECK(rotated.out.find("chain: verified: records 1 to 6 link") != std::string::npos);
  // Without a store the versions are named but not checked.
  auto bare = run_cli("explain " + d.log + " --id 7");
  CHECK(bare.exit_code == 0);
  CHECK(bare.out.find("(no --store given)") != std::string::npos);
}

TEST_CASE("explain: the page shows the decision, every text from the log escaped", "[explain][cli]") {
  LoggedDeployment d("html", "", R"("<script>alert(\"x\")</script> & 'quoted'")");
  std::string page_path = (d.dir / "report.html").string();
  auto cli = run_cli("explain " + d.explain("--id 5 --html " + page_path));
  INFO(cli.err);
  REQUIRE(cli.exit_code == 0);
  CHECK(cli.out.empty());
  std::string page = read_file(page_path);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;") != std::string::npos);
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);
  for (const char* part :
       {"id=\"outcome\"", "id=\"score\"", "svg class=\"chart waterfall\"", "id=\"knockouts\"", "table class=\"rules\"",
        "table class=\"features\"", "table class=\"versions\"", "Chain verified up to this record",
        "decided the outcome", "rule job_irregular (-5 points)"}) {
    INFO(part);
    CHECK(page.find(part) != std::string::npos);
  }
  // The rule's source, read from the store by the ruleset's hash.
  CHECK(
      page.find("<pre>rule above_authority &quot;Large loans go to an underwriter&quot;\n  when amount &gt;= 3000\n") !=
      std::string::npos);
  // Without a store the page says why the source is missing.
  auto bare = run_cli("explain " + d.log + " --id 5 --html " + page_path);
  REQUIRE(bare.exit_code == 0);
  CHECK(read_file(page_path).find("No version store was given (--store)") != std::string::npos);
}

TEST_CASE("explain: an unknown, a recovery or a non-decision record is refused with L008", "[explain][cli]") {
  LoggedDeployment d("refused");
  auto unknown = run_cli("explain " + d.explain("--id 99"));
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("error[L008]: the log holds no record with `seq` `99` (it holds records 1 to 8)") !=
        std::string::npos);
  CHECK(unknown.out.empty());

  std::string path = (d.dir / "other.jsonl").string(), error;
  {
    auto log = DecisionLog::open(path, error);
    REQUIRE(log);
    REQUIRE(log->append(R"({"n":1})", error));
  }
  std::ofstream(path, std::ios::app) << R"({"seq":2,"time":"cut)";
  REQUIRE(DecisionLog::open(path, error));  // moves the cut-off record into recovery record 2
  auto recovery = run_cli("explain " + path + " --id 2");
  CHECK(recovery.exit_code == 1);
  CHECK(recovery.err.find("error[L008]: record `2` is a recovery record") != std::string::npos);
  auto not_decision = run_cli("explain " + path + " --id 1");
  CHECK(not_decision.exit_code == 1);
  CHECK(not_decision.err.find("error[L008]: record `1` holds no Verdict decision") != std::string::npos);
  auto missing = run_cli("explain " + (d.dir / "absent.jsonl").string() + " --id 1");
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("error[E000]: cannot read") != std::string::npos);
}

TEST_CASE("explain: a tampered line is shown under a not-verified banner, and exits 1", "[explain][cli]") {
  LoggedDeployment d("tampered");
  std::vector<std::string> lines = lines_of(d.log);
  REQUIRE(lines.size() == 8);
  lines[6] = replaced(lines[6], "\"outcome\":\"decline\"", "\"outcome\":\"approve\"");
  write_lines(d.log, lines);
  auto edited = run_cli("explain " + d.explain("--id 7"));
  CHECK(edited.exit_code == 1);
  CHECK(edited.out.rfind("WARNING: THIS RECORD IS NOT VERIFIED BY THE LOG'S CHAIN", 0) == 0);
  CHECK(edited.out.find("chain: NOT VERIFIED: records 1 to 7 link from the start of the log, but the chain breaks "
                        "right after this record, at " +
                        d.log + ":8") != std::string::npos);
  CHECK(edited.err.find("decisions.jsonl:8: error[L003]: record `7` is not verified") != std::string::npos);
  auto after = run_cli("explain " + d.explain("--id 8"));
  CHECK(after.exit_code == 1);
  CHECK(after.out.find("chain: NOT VERIFIED: the chain breaks before this record") != std::string::npos);
  // A record before the break is still verified; the log's break is reported.
  auto before = run_cli("explain " + d.explain("--id 3"));
  CHECK(before.exit_code == 0);
  CHECK(before.out.find("chain: verified: records 1 to 3 link") != std::string::npos);
  CHECK(before.out.find("log: broken at " + d.log + ":8") != std::string::npos);
  std::string page_path = (d.dir / "report.html").string();
  CHECK(run_cli("explain " + d.explain("--id 7 --html " + page_path)).exit_code == 1);
  CHECK(read_file(page_path).find("<div class=\"banner alarm\" role=\"alert\">NOT VERIFIED: ") != std::string::npos);
}

TEST_CASE("explain: a keyed log is verified with its key only", "[explain][cli]") {
  fs::path dir = fresh_dir("key-file");
  std::ofstream(dir / "log.key") << std::string(64, 'a');
  LoggedDeployment d("keyed", "key_file = \"" + (dir / "log.key").string() + "\"\n");
  auto keyed = run_cli("explain " + d.explain("--id 2 --key-file " + (dir / "log.key").string()));
  CHECK(keyed.exit_code == 0);
  CHECK(keyed.out.find("(HMAC-SHA256)") != std::string::npos);
  auto unkeyed = run_cli("explain " + d.explain("--id 2"));
  CHECK(unkeyed.exit_code == 1);
  CHECK(unkeyed.out.find("NOT VERIFIED: the chain breaks before this record, at " + d.log + ":1 (the log is keyed") !=
        std::string::npos);
}

TEST_CASE("explain: an altered store object is reported by its hash", "[explain][cli]") {
  LoggedDeployment d("altered");
  auto first = run_cli("explain " + d.explain("--id 6"));
  REQUIRE(first.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(first.out, m, std::regex("ruleset  sha256 ([0-9a-f]{64})")));
  fs::path object = fs::path(d.store) / m[1].str();
  fs::permissions(object, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(object, std::ios::app) << "# appended\n";
  auto altered = run_cli("explain " + d.explain("--id 6"));
  CHECK(altered.exit_code == 1);
  CHECK(altered.out.find("(in the store but unusable: version store `" + d.store + "`: the object `" + m[1].str() +
                         "` was altered: its bytes hash to `") != std::string::npos);
  CHECK(altered.err.find("error[L006]") != std::string::npos);
  std::string page_path = (d.dir / "report.html").string();
  CHECK(run_cli("explain " + d.explain("--id 6 --html " + page_path)).exit_code == 1);
  std::string page = read_file(page_path);
  CHECK(page.find("The version store does not hold the ruleset " + m[1].str() + " intact") != std::string::npos);
  CHECK(page.find("banner alarm") != std::string::npos);
  fs::remove(object);
  auto absent = run_cli("explain " + d.explain("--id 6"));
  CHECK(absent.exit_code == 0);
  CHECK(absent.out.find("(not in the store)") != std::string::npos);
}

TEST_CASE("explain: html_escape leaves no markup and no quote", "[explain][report]") {
  CHECK(html_escape("<script>alert(\"x\" + 'y')</script> & café") ==
        "&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;)&lt;/script&gt; &amp; café");
  HtmlPage page("a <b> title");
  page.banner(BannerKind::Alarm, "\"loud\"");
  page.section("s", "<h>", "<p>ok</p>");
  std::string html = page.render();
  CHECK(html.find("<title>a &lt;b&gt; title</title>") != std::string::npos);
  CHECK(html.find("&quot;loud&quot;") != std::string::npos);
  CHECK(html.find("<h2>&lt;h&gt;</h2>\n<p>ok</p>") != std::string::npos);
}

TEST_CASE("explain: the waterfall's bars add up from 0 to final for every shipped decision", "[explain][report]") {
  std::ifstream in(source_path("tests/golden/credit_requests.deploy.jsonl"));
  size_t decisions = 0;
  for (std::string line; std::getline(in, line); ++decisions) {
    nlohmann::ordered_json d = nlohmann::ordered_json::parse(line);
    WaterfallChart chart = score_waterfall(d);
    REQUIRE(chart.bars.size() >= 3);
    double sum = 0;
    for (size_t i = 0; i + 1 < chart.bars.size(); ++i) sum += chart.bars[i].value;
    INFO("request " << d["request"]);
    CHECK(chart.bars.back().kind == BarKind::Total);
    CHECK(std::fabs(sum - d["score"]["final"].get<double>()) < 1e-9);
    CHECK(chart.bars.front().label == "rules: base 60 points");
  }
  CHECK(decisions == 8);
  CHECK(nice_tick_step(1.0, 6) == Approx(0.2));
  CHECK(nice_tick_step(0.07, 6) == Approx(0.02));
  std::string svg = svg_waterfall(WaterfallChart{"t", "x", 2, {{"<a> & \"b\"", 0.5, BarKind::Base}}});
  CHECK(svg.find("&lt;a&gt; &amp; &quot;b&quot;") != std::string::npos);
}

TEST_CASE("explain: a decision is explained only in the shape Verdict writes it", "[explain][report]") {
  for (const char* golden :
       {"tests/golden/credit_requests.deploy.jsonl", "tests/golden/credit_requests.decisions.jsonl"}) {
    std::ifstream in(source_path(golden));
    for (std::string line; std::getline(in, line);) {
      INFO(golden << ": " << line.substr(0, 40));
      CHECK(explainable_decision(nlohmann::ordered_json::parse(line)));
    }
  }
  std::ifstream first(source_path("tests/golden/credit_requests.deploy.jsonl"));
  std::string line;
  std::getline(first, line);
  const nlohmann::ordered_json good = nlohmann::ordered_json::parse(line);
  auto broken = [&](const char* pointer, nlohmann::ordered_json value) {
    nlohmann::ordered_json d = good;
    d[nlohmann::ordered_json::json_pointer(pointer)] = std::move(value);
    return !explainable_decision(d);
  };
  CHECK(broken("/outcome", 1));
  CHECK(broken("/decided_by/branch", "0"));
  CHECK(broken("/score/weights/from", nullptr));
  CHECK(broken("/reasons/0", {{"text", "no code"}, {"rule", "r"}}));
  CHECK(broken("/trace/rules/0/status", nlohmann::ordered_json::array()));
  CHECK(broken("/model/shap", {{"state", "failed"}}));
  CHECK(broken("/tags/0", 3));
}

TEST_CASE("explain: a rule's source is its head line and the indented lines under it", "[explain][report]") {
  std::string source = "ruleset r\n\nrule a \"x\"\n  when b > 1\n  then points 2\n\nrule c\n  when d\n";
  std::optional<SourceExcerpt> a = declaration_excerpt(source, line_of_location("r.rules:3:6"));
  REQUIRE(a);
  CHECK(a->text == "rule a \"x\"\n  when b > 1\n  then points 2\n");
  CHECK(declaration_excerpt(source, 7)->text == "rule c\n  when d\n");
  CHECK_FALSE(declaration_excerpt(source, 40));
  CHECK(line_of_location("C:/dir/r.rules:12:3") == 12);
  CHECK(line_of_location("r.rules") == 0);
}

}  // namespace
}  // namespace verdict
