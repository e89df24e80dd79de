// The pre-scan that keeps what toml++ cannot survive (it recursed past the
// stack on a 50,000 part `[a.a.a...]`) from reaching it, and lets through
// every TOML that is within the limits, whatever its strings and comments say.
#include "runtime/config/toml_bounds.h"

#include <catch2/catch.hpp>

#include "tests/support/golden.h"

namespace verdict {
namespace {

std::string repeat(std::string_view piece, size_t n) {
  std::string out;
  out.reserve(piece.size() * n);
  for (size_t i = 0; i < n; ++i) out += piece;
  return out;
}

// The error for `text`, or "" when it is within the limits.
std::string breach(const std::string& text, LineCol* where = nullptr) {
  SourceFile source("t.toml", text);
  TomlSyntaxError error;
  if (check_toml_bounds(source, error)) return "";
  if (where) *where = error.position;
  return error.message;
}

const std::string kTooDeep =
    "nests tables and arrays deeper than 32 levels (the limit for table header parts, dotted key parts, inline tables "
    "and arrays together)";

TEST_CASE("toml bounds: deep headers, dotted keys, arrays and inline tables are refused at their line",
          "[config][toml][faults]") {
  LineCol at;
  CHECK(breach("# one\n\n[" + repeat("a.", 49999) + "a]\n", &at) ==
        "invalid TOML: `[a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a...` " + kTooDeep);
  CHECK(at.line == 3);
  CHECK(breach("x = 1\n" + repeat("a.", 49999) + "a = 1\n", &at).starts_with("invalid TOML: `a.a.a.a"));
  CHECK(at.line == 2);
  CHECK(breach("[[" + repeat("b.", 40) + "b]]\n").ends_with(kTooDeep));
  CHECK(breach("x = " + repeat("[", 50000) + repeat("]", 50000) + "\n").ends_with(kTooDeep));
  CHECK(breach("x = " + repeat("{a = ", 50000) + "1" + repeat("}", 50000) + "\n").ends_with(kTooDeep));
  CHECK(breach("x = [\n  1,\n  " + repeat("[", 40) + "\n").ends_with(kTooDeep));
  // Depth adds up: header parts, then dotted key parts, then nesting.
  CHECK(breach("[" + repeat("a.", 15) + "a]\n" + repeat("b.", 15) + "b = 1\n") == "");
  CHECK(breach("[" + repeat("a.", 15) + "a]\n" + repeat("b.", 16) + "b = 1\n").ends_with(kTooDeep));
  CHECK(breach("[" + repeat("a.", 15) + "a]\n" + repeat("b.", 14) + "b = [[1]]\n").ends_with(kTooDeep));
}

TEST_CASE("toml bounds: more than 100000 keys and items, or more than 4 MiB, are refused", "[config][toml][faults]") {
  std::string keys;
  for (int i = 0; i < 100001; ++i) keys += "k" + std::to_string(i) + " = 1\n";
  LineCol at;
  CHECK(breach(keys, &at) == "invalid TOML: more than 100000 keys and array items; that is the limit for one file");
  CHECK(at.line == 100001);
  CHECK(breach("x = [" + repeat("1,", 100001) + "]\n").starts_with("invalid TOML: more than 100000 keys"));
  CHECK(breach("x = [" + repeat("1,", 99999) + "]\n") == "");
  CHECK(breach("# " + std::string(TomlLimits::kMaxBytes, 'x') + "\n") == "invalid TOML: the file is " +
                                                                             std::to_string(TomlLimits::kMaxBytes + 3) +
                                                                             " bytes; the limit is 4194304 (4 MiB)");
}

TEST_CASE("toml bounds: brackets, dots and quotes inside strings and comments do not count", "[config][toml]") {
  std::string deep = repeat("[", 100) + repeat(".", 100) + repeat("{", 100);
  CHECK(breach("a = \"" + deep + "\"\n") == "");
  CHECK(breach("a = '" + deep + "'\n") == "");
  CHECK(breach("a = \"\"\"\n" + deep + "\n\\\"\"\" still inside\n\"\"\"\n") == "");
  CHECK(breach("a = '''\n" + deep + "\n'''\n") == "");
  CHECK(breach("a = \"\\\"" + deep + "\"\n") == "");
  CHECK(breach("# " + deep + "\n") == "");
  CHECK(breach("\"" + deep + "\" = 1\n") == "");
  CHECK(breach("[\"" + deep + "\".x]\n") == "");
  CHECK(breach("a = [ # " + deep + "\n 1, 2,\n]\n") == "");
  CHECK(breach("when = 1979-05-27 07:32:00Z\nt = { x = 1, y.z = [1, {w = 2}] }\n") == "");
}

TEST_CASE("toml bounds: every TOML file shipped is within the limits", "[config][toml]") {
  for (const char* path :
       {"rules/credit_approval.deploy.toml", "rules/retention_offer.deploy.toml", "rules/credit_approval.cases.toml",
        "rules/retention_offer.cases.toml", "rules/credit_approval.deploy.cases.toml", "models/credit_default.toml",
        "models/churn.toml"}) {
    INFO(path);
    CHECK(breach(testing::read_file(testing::source_path(path))) == "");
  }
}

}  // namespace
}  // namespace verdict
