// The registry of diagnostic codes (compiler/source/diagnostic_codes.def)
// against the rest of the tree: every code the sources name is registered,
// the docs' tables of codes say what the registry says, and every code has
// a golden or a test that produces it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/source/diagnostic_codes.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool code_at(const std::string& text, size_t i) {
  if (i + 4 > text.size() || !std::isupper(static_cast<unsigned char>(text[i]))) return false;
  if (i > 0 && word_char(text[i - 1])) return false;
  if (i + 4 < text.size() && word_char(text[i + 4])) return false;
  return std::all_of(text.begin() + i + 1, text.begin() + i + 4, [](char c) { return c >= '0' && c <= '9'; });
}

// The codes `text` names as code: "E201" (a string literal, or the start of
// one: "R001 required..."), [E201] (rendered), code::E201 (the registry's
// entry). Codes in comments or prose (`E001..E006`) are not counted.
std::set<std::string> codes_named(const std::string& text) {
  std::set<std::string> out;
  for (size_t i = 1; i + 4 <= text.size(); ++i) {
    if (!code_at(text, i)) continue;
    bool quoted = text[i - 1] == '"';
    bool bracketed = text[i - 1] == '[' && i + 4 < text.size() && text[i + 4] == ']';
    bool entry = i >= 6 && text.compare(i - 6, 6, "code::") == 0;
    if (quoted || bracketed || entry) out.insert(text.substr(i, 4));
  }
  return out;
}

// C and C++ files but this one, whose checks name unregistered codes.
bool source_file(const fs::path& path) {
  std::string ext = path.extension().string();
  return (ext == ".cc" || ext == ".h" || ext == ".c") && path.filename() != "diagnostics_registry_test.cc";
}

// file -> codes it names, for every source file under `dirs`.
std::map<std::string, std::set<std::string>> codes_by_file(const std::vector<std::string>& dirs,
                                                           bool (*wanted)(const fs::path&)) {
  std::map<std::string, std::set<std::string>> out;
  for (const std::string& dir : dirs) {
    for (const auto& entry : fs::recursive_directory_iterator(testing::source_path(dir))) {
      if (!entry.is_regular_file() || !wanted(entry.path())) continue;
      std::set<std::string> found = codes_named(testing::read_file(entry.path().string()));
      if (!found.empty()) out[fs::relative(entry.path(), testing::source_path("")).string()] = std::move(found);
    }
  }
  return out;
}

struct DocsRow {
  std::string file;
  std::string title;
};

// Every `| CODE | title | ...` row of a table in docs/*.md, by code.
std::multimap<std::string, DocsRow> docs_rows() {
  std::multimap<std::string, DocsRow> out;
  for (const auto& entry : fs::directory_iterator(testing::source_path("docs"))) {
    if (entry.path().extension() != ".md") continue;
    std::string text = testing::read_file(entry.path().string());
    size_t at = 0;
    while (at < text.size()) {
      size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(at, end - at);
      at = end + 1;
      if (line.size() < 9 || line.compare(0, 2, "| ") != 0 || !code_at(line, 2) || line.compare(6, 3, " | ") != 0) {
        continue;
      }
      size_t title_end = line.find(" |", 9);
      if (title_end == std::string::npos) continue;
      out.insert({line.substr(2, 4), {entry.path().filename().string(), line.substr(9, title_end - 9)}});
    }
  }
  return out;
}

// Codes the rules corpus must show: the rules' own problems, syntax to
// model binding (what `verdict check` finds in a rules file).
bool shown_by_the_rules_corpus(const DiagnosticCode& c) {
  return c.fault == Fault::Input && (c.id[0] == 'E' || c.id[0] == 'W');
}

// Every code shown as `error[CODE]` or `warning[CODE]` in a golden of the
// rules corpus, tests/diagnostics/*.diag.
std::set<std::string> codes_in_rules_goldens() {
  std::set<std::string> codes;
  for (const auto& entry : fs::directory_iterator(testing::source_path("tests/diagnostics"))) {
    if (entry.path().extension() != ".diag") continue;
    std::string text = testing::read_file(entry.path().string());
    for (std::string severity : {"error[", "warning["}) {
      for (size_t at = text.find(severity); at != std::string::npos; at = text.find(severity, at + 1)) {
        size_t code = at + severity.size();
        if (code_at(text, code) && text.compare(code + 4, 1, "]") == 0) codes.insert(text.substr(code, 4));
      }
    }
  }
  return codes;
}

// Codes no test makes Verdict produce, each with the reason. Keep it short:
// the test below also fails when one of them becomes covered.
const std::map<std::string, std::string>& untestable() {
  static const std::map<std::string, std::string> codes = {
      {"L004", "needs a disk whose fdatasync fails (an I/O error), which no test here can make"},
      {"A002", "an exception escaping to the C API boundary is a bug in Verdict"},
  };
  return codes;
}

bool unit_test_file(const fs::path& path) { return path.filename().string().find("_test.") != std::string::npos; }

// Any file under tests/ but this one, whose list above names codes.
bool golden_or_test(const fs::path& path) { return path.filename() != "diagnostics_registry_test.cc"; }

}  // namespace

TEST_CASE("diagnostic codes: the registry is well formed", "[diagnostics]") {
  std::set<std::string_view> seen;
  for (const DiagnosticCode& c : diagnostic_codes()) {
    INFO("code " << c.id);
    CHECK(seen.insert(c.id).second);
    REQUIRE(c.id.size() == 4);
    CHECK(code_at(std::string(c.id), 0));
    CHECK((c.severity == Severity::Warning) == (c.id[0] == 'W'));
    CHECK(!c.title.empty());
    CHECK(c.title.find('\n') == std::string_view::npos);
    CHECK(c.title.back() != '.');
    CHECK(find_diagnostic_code(c.id) == &c);
  }
  CHECK(seen.size() > 80);
  CHECK(find_diagnostic_code("E999") == nullptr);
  CHECK(find_diagnostic_code("E20") == nullptr);
  CHECK(code::E201.severity == Severity::Error);
  CHECK(code::W404.severity == Severity::Warning);
  CHECK(code::L001.fault == Fault::Environment);
}

TEST_CASE("diagnostic codes: every code the sources name is registered", "[diagnostics]") {
  auto used = codes_by_file({"compiler", "runtime", "tools", "tests"}, source_file);
  REQUIRE(used.count("compiler/check/declare_names.cc") == 1);  // the scan sees code::E101
  REQUIRE(used.count("runtime/deploy/deployment_config.cc") == 1);
  for (const auto& [file, codes] : used) {
    for (const std::string& id : codes) {
      INFO(file << " names " << id << ", which compiler/source/diagnostic_codes.def does not register");
      CHECK(find_diagnostic_code(id) != nullptr);
    }
  }
}

TEST_CASE("diagnostic codes: the docs' tables say what the registry says", "[diagnostics]") {
  std::multimap<std::string, DocsRow> rows = docs_rows();
  for (const auto& [id, row] : rows) {
    const DiagnosticCode* c = find_diagnostic_code(id);
    INFO("docs/" << row.file << ": the row of " << id);
    REQUIRE(c != nullptr);
    CHECK(row.title == c->title);
  }
  for (const DiagnosticCode& c : diagnostic_codes()) {
    INFO("rows for " << c.id << " in the tables of docs/*.md (one wanted: | " << c.id << " | " << c.title << " |)");
    CHECK(rows.count(std::string(c.id)) == 1);
  }
}

// A new diagnostic code about rules cannot land without a golden that shows
// it in the rules corpus.
TEST_CASE("diagnostics: every diagnostic code has a golden", "[diagnostics]") {
  std::set<std::string> covered = codes_in_rules_goldens();
  size_t wanted = 0;
  for (const DiagnosticCode& c : diagnostic_codes()) {
    if (!shown_by_the_rules_corpus(c)) continue;
    ++wanted;
    INFO("no golden in tests/diagnostics shows " << c.id);
    CHECK(covered.count(std::string(c.id)) == 1);
  }
  CHECK(wanted > 40);
}

TEST_CASE("diagnostic codes: every other code has a golden or a test that produces it", "[diagnostics]") {
  // Goldens name codes as `error[CODE]` or "code": "CODE"; tests as "CODE".
  std::set<std::string> covered;
  for (const auto& [file, codes] : codes_by_file({"tests"}, golden_or_test)) covered.insert(codes.begin(), codes.end());
  for (const auto& [file, codes] : codes_by_file({"compiler", "runtime"}, unit_test_file)) {
    covered.insert(codes.begin(), codes.end());
  }
  for (const DiagnosticCode& c : diagnostic_codes()) {
    if (shown_by_the_rules_corpus(c)) continue;  // the test above
    std::string id(c.id);
    auto reason = untestable().find(id);
    if (reason != untestable().end()) {
      INFO(id << " is listed as untestable (" << reason->second << ") but a test names it: remove it from the list");
      CHECK(covered.count(id) == 0);
    } else {
      INFO("no golden or test under tests/ or beside the sources produces " << id);
      CHECK(covered.count(id) == 1);
    }
  }
}

}  // namespace verdict
