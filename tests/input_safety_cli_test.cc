// Hostile and careless inputs on the command line (issue 10, items 3, 4, 10
// and 19): nesting that would blow the stack, files that never end or are
// not files, a field given twice, a byte order mark, numbers that silently
// became 0, empty inputs and `--ignore-columns` mistakes. Each is a clear
// diagnostic, at once; none is a crash or a silently wrong decision.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

const char* kDeploy = "decide --config rules/credit_approval.deploy.toml";

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("verdict-inputs-" + std::to_string(::getpid()));
  Scratch() { fs::create_directories(dir / "a_directory"); }
  ~Scratch() { fs::remove_all(dir); }
  std::string file(const std::string& name, const std::string& content) const {
    std::string p = (dir / name).string();
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  // A file that says it is 2 GB and takes no disk: reading it would take 2 GB of memory.
  std::string sparse(const std::string& name) const {
    std::string p = file(name, "");
    fs::resize_file(p, uint64_t{2} << 30);
    return p;
  }
};

// The first shipped request with `amount` replaced by `amount_text`.
std::string request_with_amount(const std::string& amount_text) {
  std::string line = testing::read_file(testing::source_path("rules/examples/credit_requests.jsonl"));
  line = line.substr(0, line.find('\n'));
  size_t at = line.find("\"amount\": 700");
  REQUIRE(at != std::string::npos);
  return line.replace(at, 13, "\"amount\": " + amount_text) + "\n";
}

// The header and first `rows` rows of the shipped credit data.
std::string credit_csv(size_t rows) {
  std::string all = testing::read_file(testing::source_path("tests/data/credit_data.csv"));
  size_t end = 0;
  for (size_t i = 0; i <= rows; ++i) end = all.find('\n', end) + 1;
  return all.substr(0, end);
}

}  // namespace

TEST_CASE("cli: a deeply nested input is refused with R006 naming the byte, not a crash", "[cli][inputs]") {
  std::string nested = std::string(100000, '[') + std::string(100000, ']');
  auto r = testing::run_cli(kDeploy, nested);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "<stdin>:1: error[R006]: the request nests arrays and objects deeper than 64 levels (at byte 65)\n");
  Scratch s;
  std::string unclosed = s.file("unclosed.json", std::string(200000, '['));
  r = testing::run_cli("run --rules rules/credit_approval.rules --input " + unclosed);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error[R006]: the request nests arrays and objects deeper than 64 levels") != std::string::npos);
}

TEST_CASE("cli: a directory, /dev/zero or a 2 GB sparse file is refused at once, as any file", "[cli][inputs]") {
  Scratch s;
  std::string dir = (s.dir / "a_directory").string(), big = s.sparse("big");
  std::string cases_dir = (s.dir / "x.cases.toml").string();
  fs::create_directories(cases_dir);
  struct Case {
    std::string args, message;
  };
  std::vector<Case> cases = {
      {"run --rules /dev/zero --input -",
       "/dev/zero: error[E012]: rules file `/dev/zero` is a character device, not a regular file"},
      {"run --rules " + dir + " --input -", "error[E012]: rules file `" + dir + "` is a directory"},
      {"run --rules " + big + " --input -",
       "error[E006]: rules file `" + big +
           "` is 2147483648 bytes; the limit for a rules file is 4194304 bytes (4 MiB)"},
      {"check " + big, "error[E006]: rules file `" + big + "` is 2147483648 bytes"},
      {"fmt " + big, "error[E006]: rules file `" + big + "` is 2147483648 bytes"},
      {"decide --config /dev/zero", "error[E012]: config file `/dev/zero` is a character device"},
      {"decide --config " + dir, "error[E012]: config file `" + dir + "` is a directory"},
      {"decide --config " + big, "error[E012]: config file `" + big + "` is 2147483648 bytes"},
      {"check --config " + big, "error[E012]: config file `" + big + "` is 2147483648 bytes"},
      {std::string(kDeploy) + " --input /dev/zero", "error[E012]: input `/dev/zero` is a character device"},
      {std::string(kDeploy) + " --input " + dir, "error[E012]: input `" + dir + "` is a directory"},
      {std::string(kDeploy) + " --input " + big,
       "error[E012]: input `" + big + "` is 2147483648 bytes; the limit for an input is 1073741824 bytes (1024 MiB)"},
      {"test " + cases_dir, "error[E012]: cases file `" + cases_dir + "` is a directory"},
      {"train " + big, "config file `" + big + "` is 2147483648 bytes"},
  };
  for (const std::string& model : {std::string("/dev/zero"), dir, big}) {
    std::string config = s.file("model.toml", "ruleset = \"" + testing::source_path("rules/credit_approval.rules") +
                                                  "\"\n[models.default_risk]\nfile = \"" + model + "\"\n");
    auto r = testing::run_cli("decide --config " + config + " --input rules/examples/credit_requests.jsonl");
    INFO(model << ": " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("error[E510]: cannot load model `default_risk`: model file `" + model + "` is ") !=
          std::string::npos);
  }
  for (const Case& c : cases) {
    auto r = testing::run_cli(c.args);
    INFO(c.args << ": " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(c.message) != std::string::npos);
  }
}

TEST_CASE("cli: fmt on a file its layout would grow past the 4 MiB limit says so", "[cli][inputs]") {
  // Under the limit as written; each comment line in the block gains two
  // spaces of indentation, which takes the formatted text over it.
  std::string body, tail = "  a: number\n}\ndecide\n  yes otherwise\n";
  for (int i = 0; i < 60000; ++i) body += "#\n";
  std::string head = "ruleset g\n#", middle = "\noutcomes yes\ninput req {\n";
  std::string pad(4150000 - head.size() - middle.size() - body.size() - tail.size(), 'x');
  Scratch s;
  std::string path = s.file("grows.rules", head + pad + middle + body + tail);
  auto r = testing::run_cli("fmt " + path);
  CHECK(r.exit_code == 1);
  CHECK(r.err == path +
                     ": error[E006]: formatted, the file would be 4270002 bytes; the limit is 4194304; file left "
                     "unchanged\n");
}

TEST_CASE("cli: a field given twice in a request is refused, not decided on the last value", "[cli][inputs]") {
  std::string twice = request_with_amount("700, \"amount\": 99999999");
  auto r = testing::run_cli(kDeploy, twice);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "<stdin>:1: error[R012]: field `amount` is given twice; a request names each field once\n");
  CHECK(r.out.find("\"outcome\"") == std::string::npos);
}

TEST_CASE("cli: a number that underflows is refused with R005 naming the field, not read as 0", "[cli][inputs]") {
  auto r = testing::run_cli(kDeploy, request_with_amount("1e-400"));
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "<stdin>:1: error[R005]: field `amount` is `1e-400`, which is out of range: it is too close to zero (the "
        "smallest is about 2.2e-308)\n");
  Scratch s;
  std::string csv = credit_csv(1);
  csv.replace(csv.rfind(",800,"), 5, ",1e-400,");
  r = testing::run_cli(std::string(kDeploy) + " --ignore-columns Status --input " + s.file("tiny.csv", csv));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(":2: error[R005]: field `amount` is `1e-400`, which is out of range") != std::string::npos);
}

TEST_CASE("cli: a CSV with a UTF-8 byte order mark is read like one without", "[cli][inputs]") {
  Scratch s;
  std::string path = s.file("bom.csv", "\xEF\xBB\xBF" + credit_csv(2));
  auto r = testing::run_cli(std::string(kDeploy) + " --ignore-columns Status --trace off --input " + path);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
}

TEST_CASE("cli: an empty input decides nothing and exits 0, from decide and from batch alike", "[cli][inputs]") {
  Scratch s;
  for (std::string name : {"empty.csv", "empty.jsonl", "blank.csv"}) {
    std::string in = s.file(name, name == std::string("blank.csv") ? "\n \n" : "");
    auto decided = testing::run_cli(std::string(kDeploy) + " --input " + in);
    INFO(name << ": " << decided.err);
    CHECK(decided.exit_code == 0);
    CHECK(decided.out.empty());
    std::string out = (s.dir / (name + ".out")).string();
    auto batch = testing::run_cli("batch --config rules/credit_approval.deploy.toml -q --in " + in + " --out " + out);
    INFO(batch.err);
    CHECK(batch.exit_code == 0);
    CHECK(batch.err.empty());
    CHECK(fs::exists(out));
    CHECK(fs::file_size(out) == 0);
  }
}

TEST_CASE("cli: --ignore-columns ignores case, and refuses names not in the header or that are fields",
          "[cli][inputs]") {
  Scratch s;
  std::string in = s.file("rows.csv", credit_csv(2));
  auto r = testing::run_cli(std::string(kDeploy) + " --trace off --ignore-columns status --input " + in);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  r = testing::run_cli(std::string(kDeploy) + " --ignore-columns Status,Stauts --input " + in);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(":1: error[R013]: `--ignore-columns Stauts` names no column of the header; did you mean "
                   "`Status`?") != std::string::npos);
  CHECK(r.out.find("\"outcome\"") == std::string::npos);
  std::string out = (s.dir / "out.jsonl").string();
  r = testing::run_cli("batch --config rules/credit_approval.deploy.toml -q --ignore-columns Status,Amount --in " + in +
                       " --out " + out);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error[R013]: `--ignore-columns Amount` names field `amount` of `credit_approval`; only columns "
                   "that are not fields can be ignored") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

}  // namespace verdict
