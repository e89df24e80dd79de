// Golden diagnostics: tests/diagnostics/NAME.rules -> NAME.diag holds exactly
// what `verdict check tests/diagnostics/NAME.rules` prints to stderr (every
// diagnostic rendered with its caret lines, then the summary line). The CLI
// is run from the source root so the paths in the goldens are relative.
// VERDICT_REGENERATE=1 rewrites the goldens.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "compiler/check/checker.h"
#include "compiler/source/diagnostic_text.h"
#include "compiler/syntax/parser.h"
#include "runtime/core/model_binding.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCorpus = "tests/diagnostics";

struct CliResult {
  int exit_code = -1;
  std::string output;
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `verdict ARGS` in `dir`; captures stderr, or stdout with `want_stdout`.
CliResult run_cli(const std::string& dir, const std::string& args, bool want_stdout = false) {
  std::string redirect = want_stdout ? " 2>/dev/null" : " 2>&1 >/dev/null";
  std::string cmd = "cd " + shell_quote(dir) + " && " + shell_quote(VERDICT_CLI) + " " + args + redirect;
  CliResult result;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The corpus inputs, sorted, as paths relative to the source root.
std::vector<std::string> corpus_inputs() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(testing::source_path(kCorpus))) {
    if (entry.path().extension() == ".rules") {
      out.push_back(std::string(kCorpus) + "/" + entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string stem_path(const std::string& rules) { return rules.substr(0, rules.size() - std::string(".rules").size()); }

// Inputs too awkward to commit are written at test time into a scratch copy
// of the corpus directory; their goldens are committed like the others.
struct GeneratedCase {
  const char* name;
  std::function<std::string()> text;
};

std::string oversized_file() {
  std::string text = "ruleset oversized\n";
  std::string line = "# " + std::string(78, '=') + "\n";
  while (text.size() <= kMaxSourceBytes) text += line;
  return text;
}

const std::vector<GeneratedCase>& generated_cases() {
  static const std::vector<GeneratedCase> cases = {
      {"e006_file_too_large", oversized_file},
  };
  return cases;
}

// A fresh scratch directory holding tests/diagnostics/ for generated inputs.
fs::path scratch_root() {
  fs::path root = fs::temp_directory_path() / ("verdict-diagnostics-" + std::to_string(getpid()));
  fs::create_directories(root / kCorpus);
  return root;
}

// Whether the summary line that ends a golden counts errors
// ("path: 2 errors" or "path: 1 error and 3 warnings", not "path: 1 warning").
bool golden_has_errors(const std::string& golden) {
  size_t line = golden.rfind('\n', golden.size() >= 2 ? golden.size() - 2 : 0);
  std::string last = golden.substr(line == std::string::npos ? 0 : line + 1);
  size_t colon = last.rfind(": ");
  if (colon == std::string::npos) return false;
  size_t digits = colon + 2, word = last.find_first_not_of("0123456789", digits);
  return word != std::string::npos && word > digits && last.compare(word, 6, " error") == 0;
}

}  // namespace

TEST_CASE("diagnostics: goldens match what `verdict check` prints", "[diagnostics]") {
  std::vector<std::string> inputs = corpus_inputs();
  REQUIRE(inputs.size() >= 40);
  for (const std::string& input : inputs) {
    CliResult run = run_cli(testing::source_path(""), "check " + input);
    INFO("input: " << input);
    CHECK(testing::check_golden(testing::source_path(stem_path(input) + ".diag"), run.output) == "");
    // Exit status: 1 with errors, 0 for a clean file or warnings alone.
    CHECK(run.exit_code == (golden_has_errors(run.output) ? 1 : 0));
  }
}

TEST_CASE("diagnostics: generated inputs (too large to commit)", "[diagnostics]") {
  fs::path root = scratch_root();
  for (const GeneratedCase& c : generated_cases()) {
    std::string input = std::string(kCorpus) + "/" + c.name + ".rules";
    std::ofstream(root / input, std::ios::binary) << c.text();
    CliResult run = run_cli(root.string(), "check " + input);
    INFO("input: " << input);
    CHECK(testing::check_golden(testing::source_path(stem_path(input) + ".diag"), run.output) == "");
    CHECK(run.exit_code == 1);
  }
  fs::remove_all(root);
}

TEST_CASE("diagnostics: every golden has an input", "[diagnostics]") {
  std::set<std::string> generated;
  for (const GeneratedCase& c : generated_cases()) generated.insert(c.name);
  for (const auto& entry : fs::directory_iterator(testing::source_path(kCorpus))) {
    if (entry.path().extension() != ".diag") continue;
    std::string stem = entry.path().stem().string();
    INFO("golden without an input: " << entry.path().string());
    CHECK((generated.count(stem) > 0 || fs::exists(entry.path().parent_path() / (stem + ".rules"))));
  }
}

// The library gives the same text as the CLI: render_diagnostic of each
// sorted diagnostic is the golden without its summary line. Also checks the
// invariants every diagnostic keeps (code, message, span inside the file).
TEST_CASE("diagnostics: the library renders what the CLI prints", "[diagnostics]") {
  for (const std::string& input : corpus_inputs()) {
    SourceFile source(input, testing::read_file(testing::source_path(input)));
    Diagnostics diags;
    auto program = compile_rules(source, diags);
    std::unique_ptr<BoundModel> model;  // `verdict check` checks the model file too
    if (program) load_declared_model(*program, input, "", ModelKernel::Native, diags, model);
    std::string rendered;
    for (const Diagnostic& d : diags.sorted()) {
      rendered += render_diagnostic(d, source);
      CHECK(!d.code.empty());
      CHECK(!d.message.empty());
      CHECK(d.span.begin <= d.span.end);
      CHECK(d.span.end <= source.text().size());
    }
    std::string golden = testing::read_file(testing::source_path(stem_path(input) + ".diag"));
    size_t summary = golden.rfind('\n', golden.size() >= 2 ? golden.size() - 2 : 0);
    std::string expected = golden.empty() ? "" : golden.substr(0, summary == std::string::npos ? 0 : summary + 1);
    INFO("input: " << input);
    CHECK(rendered == expected);
  }
}

TEST_CASE("diagnostics: `verdict check --format json`", "[diagnostics]") {
  std::string input = std::string(kCorpus) + "/e101_name_already_declared.rules";
  CliResult run = run_cli(testing::source_path(""), "check --format json " + input, true);
  CHECK(run.exit_code == 1);
  nlohmann::json json = nlohmann::json::parse(run.output);
  REQUIRE(json.is_array());
  REQUIRE(!json.empty());
  SourceFile source(input, testing::read_file(testing::source_path(input)));
  Diagnostics diags;
  compile_rules(source, diags);
  std::vector<Diagnostic> sorted = diags.sorted();
  REQUIRE(json.size() == sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    const nlohmann::json& entry = json[i];
    const Diagnostic& d = sorted[i];
    INFO("entry " << i << ": " << entry.dump());
    CHECK(entry.at("file") == input);
    CHECK(entry.at("severity") == severity_name(d.severity));
    CHECK(entry.at("code") == d.code);
    CHECK(entry.at("message") == d.message);
    LineCol begin = source.locate(d.span.begin), end = source.locate(d.span.end);
    CHECK(entry.at("line") == begin.line);
    CHECK(entry.at("column") == begin.col);
    CHECK(entry.at("end_line") == end.line);
    CHECK(entry.at("end_column") == end.col);
    if (d.notes.empty()) {
      CHECK(!entry.contains("notes"));
      continue;
    }
    REQUIRE(entry.at("notes").size() == d.notes.size());
    for (size_t k = 0; k < d.notes.size(); ++k) {
      const nlohmann::json& note = entry["notes"][k];
      CHECK(note.at("message") == d.notes[k].message);
      CHECK(note.at("line") == source.locate(d.notes[k].span.begin).line);
      CHECK(note.at("column") == source.locate(d.notes[k].span.begin).col);
    }
  }
  // A clean file gives an empty array.
  CliResult clean =
      run_cli(testing::source_path(""), "check --format json " + std::string(kCorpus) + "/clean.rules", true);
  CHECK(clean.exit_code == 0);
  CHECK(nlohmann::json::parse(clean.output) == nlohmann::json::array());
}

TEST_CASE("diagnostics: `verdict check` exit codes", "[diagnostics]") {
  std::string dir = testing::source_path(kCorpus);
  SECTION("0 for a clean file, and it prints nothing") {
    CliResult run = run_cli(dir, "check clean.rules");
    CHECK(run.exit_code == 0);
    CHECK(run.output.empty());
  }
  SECTION("0 for warnings alone, 1 with --warnings-as-errors") {
    CHECK(run_cli(dir, "check w404_unused_field.rules").exit_code == 0);
    CHECK(run_cli(dir, "check --warnings-as-errors w404_unused_field.rules").exit_code == 1);
    CHECK(run_cli(dir, "check -W w404_unused_field.rules").exit_code == 1);
  }
  SECTION("1 with errors") {
    CHECK(run_cli(dir, "check e201_unknown_name.rules").exit_code == 1);
    CHECK(run_cli(dir, "check --format json e201_unknown_name.rules", true).exit_code == 1);
  }
  SECTION("1 when any of several files has errors") {
    CHECK(run_cli(dir, "check clean.rules e201_unknown_name.rules").exit_code == 1);
    CHECK(run_cli(dir, "check clean.rules w404_unused_field.rules").exit_code == 0);
  }
  SECTION("1 for a file that cannot be read (E000, no source line)") {
    CliResult run = run_cli(dir, "check no_such_file.rules");
    CHECK(run.exit_code == 1);
    CHECK(run.output ==
          "no_such_file.rules: error[E000]: cannot read rules file `no_such_file.rules`: no such file or directory\n"
          "no_such_file.rules: 1 error\n");
  }
  SECTION("2 for a usage error") {
    CHECK(run_cli(dir, "check").exit_code == 2);
    CHECK(run_cli(dir, "check --format xml clean.rules").exit_code == 2);
  }
}

TEST_CASE("diagnostics: `verdict test` on a missing or broken cases file", "[diagnostics]") {
  SECTION("no cases file beside the ruleset (T002)") {
    CliResult run = run_cli(testing::source_path(kCorpus), "test clean.rules");
    CHECK(run.exit_code == 1);
    CHECK(run.output == "clean.rules: error[T002]: no cases file `clean.cases.toml` beside it\n");
  }
  SECTION("a cases file that is not TOML (T001, at its line)") {
    fs::path root = scratch_root();
    std::ofstream(root / "broken.cases.toml", std::ios::binary) << "ruleset = \"clean.rules\"\n[[case]\n";
    CliResult run = run_cli(root.string(), "test broken.cases.toml");
    CHECK(run.exit_code == 1);
    CHECK(run.output.starts_with("broken.cases.toml:2: error[T001]: "));
    fs::remove_all(root);
  }
}

}  // namespace verdict
