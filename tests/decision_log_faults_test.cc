// The decision log's promises under faults and attack: a record cut off by
// a kill is recovered and shown, never hidden; a write that fails part-way
// leaves no partial record; the log is never an output of `verdict batch`;
// a keyed chain finds what an attacker without the key changes; a rotated
// log audits as one chain.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "compiler/util/base64.h"
#include "compiler/util/sha256.h"
#include "runtime/audit/decision_log.h"
#include "runtime/audit/log_verify.h"
#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

std::string fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("verdict-logfault-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string decision(int n, size_t pad = 0) {
  return nlohmann::ordered_json{{"outcome", "approve"}, {"n", n}, {"pad", std::string(pad, 'x')}}.dump();
}

void append_n(DecisionLog& log, int from, int count, size_t pad = 0) {
  std::string error;
  for (int i = from; i < from + count; ++i) REQUIRE(log.append(decision(i, pad), error));
}

LogCheck audit_files(const std::vector<std::string>& files, const std::string& key = "", const std::string& head = "") {
  LogVerifier verifier(LogAuditOptions{LogChain(key), head});
  for (const std::string& f : files) {
    if (!verifier.check_file(f)) break;
  }
  return verifier.finish();
}

// Runs `body` in a child process and returns how it ended (waitpid status).
template <typename Body>
int in_child(Body body) {
  pid_t child = ::fork();
  if (child == 0) {
    body();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return status;
}

TEST_CASE("decision log faults: a record cut off part-way is recovered at the next open, kept and audited",
          "[log][faults]") {
  std::string path = fresh_dir("cut") + "/decisions.jsonl";
  std::string error;
  {
    auto log = DecisionLog::open(path, error);
    REQUIRE(log);
    append_n(*log, 1, 3);
  }
  std::string whole = testing::read_file(path);
  size_t last_start = whole.rfind('\n', whole.size() - 2) + 1;
  std::mt19937 random(7);
  size_t cut_at = last_start + 1 + random() % (whole.size() - last_start - 2);
  fs::resize_file(path, cut_at);
  std::string cut = whole.substr(last_start, cut_at - last_start);

  CHECK_FALSE(audit_files({path}).ok);  // before the writer comes back: a cut-off record
  {
    auto log = DecisionLog::open(path, error);
    INFO(error);
    REQUIRE(log);
    CHECK(log->records() == 3);  // two decisions and the recovery
    append_n(*log, 4, 1);
  }
  LogCheck check = audit_files({path});
  INFO(check.message);
  REQUIRE(check.ok);
  CHECK(check.records == 4);
  REQUIRE(check.recoveries.size() == 1);
  CHECK(check.recoveries[0] ==
        path + ":3: a cut-off record of " + std::to_string(cut.size()) + " bytes, kept in recovery record 3");
  std::ifstream in(path);
  std::string line;
  for (int i = 0; i < 3; ++i) std::getline(in, line);
  auto recovery = nlohmann::json::parse(line)["recovery"];
  CHECK(base64_decode(recovery["cut_base64"].get<std::string>()) == cut);
  CHECK(recovery["cut_sha256"] == sha256_hex(cut));

  auto shown = testing::run_cli("audit --log " + path);
  CHECK(shown.exit_code == 0);
  CHECK(shown.out.find("4 records, chain intact") != std::string::npos);
  CHECK(shown.out.find("  recovery: " + path + ":3: a cut-off record of") != std::string::npos);

  // The kept bytes are sealed like a decision: changing them is found.
  std::string text = testing::read_file(path);
  std::string b64 = recovery["cut_base64"];
  text.replace(text.find(b64), 4, b64[0] == 'A' ? "BBBB" : "AAAA");
  std::ofstream(path, std::ios::trunc) << text;
  CHECK_FALSE(audit_files({path}).ok);
}

// SIGXFSZ's default action kills a process whose write reaches its file
// size limit: the kill lands inside a record's write, deterministically.
TEST_CASE("decision log faults: a writer killed in the middle of a record restarts, and audit shows the recovery",
          "[log][faults]") {
  std::string path = fresh_dir("killed") + "/decisions.jsonl";
  std::string error;
  {
    auto log = DecisionLog::open(path, error);
    REQUIRE(log);
    append_n(*log, 1, 2, 5000);
  }
  uint64_t before = fs::file_size(path);
  int status = in_child([&] {
    ::signal(SIGXFSZ, SIG_DFL);
    rlimit limit{before + 3000, RLIM_INFINITY};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    std::string child_error;
    auto log = DecisionLog::open(path, child_error);
    if (log) log->append(decision(3, 5000), child_error);  // killed part-way through this
  });
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGXFSZ);
  CHECK(fs::file_size(path) == before + 3000);  // a cut-off record

  auto log = DecisionLog::open(path, error);
  INFO(error);
  REQUIRE(log);
  append_n(*log, 4, 1);
  log.reset();
  auto audit = testing::run_cli("audit --log " + path);
  CHECK(audit.exit_code == 0);
  CHECK(audit.out.find("4 records, chain intact") != std::string::npos);
  CHECK(audit.out.find("recovery: " + path + ":3: a cut-off record of 3000 bytes") != std::string::npos);
}

TEST_CASE("decision log faults: kill -9 at random moments, each restart continues a chain that audits",
          "[log][faults]") {
  std::string path = fresh_dir("kill9") + "/decisions.jsonl";
  std::mt19937 random(2026);
  for (int round = 0; round < 8; ++round) {
    // The child says when its first record is in, so that every round is
    // killed while appending, not while opening (which grows with the log
    // and is slow under a sanitizer).
    int appended[2];
    REQUIRE(::pipe(appended) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::close(appended[0]);
      std::string error;
      auto log = DecisionLog::open(path, error);
      if (!log) ::_exit(3);
      for (int i = 0;; ++i) {
        log->append(decision(i, 20000), error);
        if (i == 0 && ::write(appended[1], "1", 1) != 1) ::_exit(4);
      }
    }
    ::close(appended[1]);
    char byte = 0;
    const bool first_in = ::read(appended[0], &byte, 1) == 1;
    ::close(appended[0]);
    ::usleep(random() % 60000);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));  // not exit 3: every restart opened the log
    REQUIRE(first_in);
  }
  std::string error;
  REQUIRE(DecisionLog::open(path, error));
  LogCheck check = audit_files({path});
  INFO(check.message);
  CHECK(check.ok);
  CHECK(check.records >= 8);  // at least each round's first
}

TEST_CASE("decision log faults: a write that fails part-way (disk full) is cut back off; the log goes on after it",
          "[log][faults]") {
  std::string path = fresh_dir("full") + "/decisions.jsonl";
  std::string error;
  auto log = DecisionLog::open(path, error);
  REQUIRE(log);
  append_n(*log, 1, 2);
  uint64_t before = fs::file_size(path);
  int status = in_child([&] {
    // The child inherits the open log; a file size limit makes its next
    // write stop part-way, as a full disk does.
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{before + 40, RLIM_INFINITY};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    std::string child_error;
    bool appended = log->append(decision(3, 1000), child_error);
    bool says_removed = child_error.find("the partial record was removed") != std::string::npos;
    ::_exit(!appended && says_removed && fs::file_size(path) == before ? 0 : 1);
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(fs::file_size(path) == before);  // no partial record stays
  // The child's record was not appended: the parent's chain is the file's.
  append_n(*log, 3, 1);
  log.reset();
  LogCheck check = audit_files({path});
  INFO(check.message);
  CHECK(check.ok);
  CHECK(check.records == 3);
  CHECK(check.recoveries.empty());
  REQUIRE(DecisionLog::open(path, error));  // and the next start succeeds
}

TEST_CASE("decision log faults: `verdict batch` refuses an output that is the log, by any path", "[log][faults][cli]") {
  std::string dir = fresh_dir("same-file");
  {
    std::ofstream out(dir + "/deploy.toml");
    out << "ruleset = \"" << testing::source_path("rules/credit_approval.rules") << "\"\n"
        << "[blend]\nhuman = 0.4\nmodel = 0.6\n[trace]\nlevel = \"rules\"\nshap = \"off\"\nlog = \"decisions.jsonl\"\n";
  }
  auto first = testing::run_cli("decide --config " + dir + "/deploy.toml --input rules/examples/credit_requests.jsonl");
  REQUIRE(first.exit_code == 0);
  std::string log = testing::read_file(dir + "/decisions.jsonl");
  fs::create_symlink(dir + "/decisions.jsonl", dir + "/link.jsonl");
  fs::create_hard_link(dir + "/decisions.jsonl", dir + "/hard.jsonl");
  for (std::string output :
       {"--out " + dir + "/decisions.jsonl", "--out " + dir + "/x.jsonl --rejects " + dir + "/link.jsonl",
        "--out " + dir + "/hard.jsonl"}) {
    auto r = testing::run_cli("batch --config " + dir + "/deploy.toml --in rules/examples/credit_requests.jsonl -q " +
                              output);
    INFO(output);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("is the decision log of `" + dir + "/deploy.toml`") != std::string::npos);
    CHECK(testing::read_file(dir + "/decisions.jsonl") == log);
  }
}

TEST_CASE(
    "decision log faults: a keyed chain finds what someone without the key changes, and a cut end with a kept head",
    "[log][faults]") {
  std::string dir = fresh_dir("keyed");
  std::string path = dir + "/decisions.jsonl";
  const std::string key = "0123456789abcdef0123456789abcdef", other = "fedcba9876543210fedcba9876543210";
  std::string error;
  {
    auto log = DecisionLog::open(path, error, DecisionLogOptions{.chain = LogChain(key)});
    REQUIRE(log);
    append_n(*log, 1, 5);
  }
  LogCheck good = audit_files({path}, key);
  REQUIRE(good.ok);
  CHECK(good.records == 5);
  std::string head = good.last_hash;
  std::vector<std::string> lines;
  {
    std::ifstream in(path);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  CHECK(head == hmac_sha256_hex(key, lines.back()));
  CHECK(audit_files({path}).message.find("the log is keyed") != std::string::npos);
  CHECK_FALSE(audit_files({path}, other).ok);
  // Another key cannot continue it.
  CHECK_FALSE(DecisionLog::open(path, error, DecisionLogOptions{.chain = LogChain(other)}));
  CHECK(error.find("does not link to the record before it with this key") != std::string::npos);
  CHECK_FALSE(DecisionLog::open(path, error));
  CHECK(error.find("is keyed (HMAC-SHA256) but the config gives no key") != std::string::npos);

  // An attacker without the key edits record 3 and recomputes every later
  // link the only way they can, by SHA-256: found at record 4.
  std::vector<std::string> forged = lines;
  forged[2].replace(forged[2].find("approve"), 7, "decline");
  for (size_t i = 3; i < forged.size(); ++i) {
    size_t at = forged[i].find("\"prev\":\"") + 8;
    forged[i].replace(at, 64, sha256_hex(forged[i - 1]));
  }
  {
    std::ofstream out(dir + "/forged.jsonl");
    for (const std::string& l : forged) out << l << '\n';
  }
  LogCheck found = audit_files({dir + "/forged.jsonl"}, key);
  CHECK_FALSE(found.ok);
  CHECK(found.line == 4);
  // A log deleted and started afresh without the key fails at its first record.
  {
    auto fresh = DecisionLog::open(dir + "/fresh.jsonl", error);
    REQUIRE(fresh);
    append_n(*fresh, 1, 2);
  }
  CHECK_FALSE(audit_files({dir + "/fresh.jsonl"}, key).ok);
  // Cutting records off the end still leaves a valid chain, but not the kept head.
  {
    std::ofstream out(dir + "/cut.jsonl");
    for (size_t i = 0; i + 1 < lines.size(); ++i) out << lines[i] << '\n';
  }
  CHECK(audit_files({dir + "/cut.jsonl"}, key).ok);
  LogCheck cut = audit_files({dir + "/cut.jsonl"}, key, head);
  CHECK_FALSE(cut.ok);
  CHECK(cut.message.find("the expected head `" + head + "` is the link of no record") != std::string::npos);
  CHECK(audit_files({path}, key, head).expected_head_seq == 5);

  ::setenv("VERDICT_TEST_LOG_KEY", key.c_str(), 1);
  auto cli = testing::run_cli("audit --log " + path + " --key-env VERDICT_TEST_LOG_KEY --expect-head " + head);
  CHECK(cli.exit_code == 0);
  CHECK(cli.out.find("5 records, chain intact (keyed, HMAC-SHA256), last hmac-sha256 " + head +
                     ", expected head at record 5") != std::string::npos);
  ::setenv("VERDICT_TEST_LOG_KEY", "short", 1);
  auto weak = testing::run_cli("audit --log " + path + " --key-env VERDICT_TEST_LOG_KEY");
  CHECK(weak.exit_code == 1);
  CHECK(weak.err.find("error[L005]: the environment variable `VERDICT_TEST_LOG_KEY` holds a key of 5 bytes") !=
        std::string::npos);
  ::unsetenv("VERDICT_TEST_LOG_KEY");
}

TEST_CASE("decision log faults: a rotated log is one chain across its files, oldest first", "[log][faults]") {
  std::string dir = fresh_dir("rotate");
  std::string path = dir + "/decisions.jsonl";
  std::string error;
  {
    auto log = DecisionLog::open(path, error, DecisionLogOptions{.rotate_bytes = 20000});
    REQUIRE(log);
    append_n(*log, 1, 10, 5000);  // about 5.2 KB each: three records to a file
  }
  {
    auto log = DecisionLog::open(path, error, DecisionLogOptions{.rotate_bytes = 20000});  // goes on in the live file
    REQUIRE(log);
    append_n(*log, 11, 2, 5000);
  }
  CHECK(DecisionLog::open(path, error, DecisionLogOptions{.rotate_bytes = 20000})->records() == 12);
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename() != "decisions.jsonl") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 3);  // records 1-3, 4-6, 7-9; 10-12 in the live file
  CHECK(files[0] == path + ".000000000001");
  CHECK(files[2] == path + ".000000000007");
  files.push_back(path);
  LogCheck all = audit_files(files);
  INFO(all.message);
  CHECK(all.ok);
  CHECK(all.records == 12);
  LogCheck last_only = audit_files({path});
  CHECK_FALSE(last_only.ok);
  CHECK(last_only.message.find("a later file of a rotated log given without the files before it") != std::string::npos);
  std::swap(files[0], files[1]);
  CHECK_FALSE(audit_files(files).ok);
}

// The age of a file counts from its first record's time, so a restart
// does not reset it; a second is the shortest age the options allow (the
// config's `rotate_hours` is whole hours).
TEST_CASE("decision log faults: a file is rotated once its first record is old enough, across restarts",
          "[log][faults]") {
  std::string dir = fresh_dir("rotate-age");
  std::string path = dir + "/decisions.jsonl";
  std::string error;
  const DecisionLogOptions by_age{.rotate_seconds = 1};
  for (int first : {1, 3}) {  // reopened at once: the file is still young (its first record's time was read)
    auto log = DecisionLog::open(path, error, by_age);
    REQUIRE(log);
    append_n(*log, first, 2, 100);
  }
  CHECK_FALSE(fs::exists(path + ".000000000001"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  {
    auto log = DecisionLog::open(path, error, by_age);
    REQUIRE(log);
    append_n(*log, 5, 2, 100);  // record 5 finds the file old: it starts the next one
  }
  REQUIRE(fs::exists(path + ".000000000001"));
  CHECK(audit_files({path + ".000000000001"}).records == 4);
  LogCheck all = audit_files({path + ".000000000001", path});
  INFO(all.message);
  CHECK(all.ok);
  CHECK(all.records == 6);
}

}  // namespace
}  // namespace verdict
