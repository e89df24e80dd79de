// The parser and checker never crash or hang, whatever the input: mutated
// corpus files (byte flips, truncations, token shuffles, duplicated lines),
// hostile shapes (deep nesting, long chains, huge lists, long names, NUL
// bytes, bad utf-8) and degenerate files. Only the invariants every result
// keeps are asserted: it returns, a program comes back exactly when there is
// no error, and every diagnostic has a code, a printable message and spans
// inside the file. Deterministic: fixed seeds, no distribution objects.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <random>

#include "compiler/check/checker.h"
#include "compiler/source/diagnostic_text.h"
#include "compiler/source/utf8.h"
#include "compiler/syntax/parser.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

// Uses every construct of the language; it must check without errors.
constexpr const char* kValidRuleset = R"(# a complete ruleset
ruleset robust
version "2026.1"
outcomes approve, review, decline, refer
points base 50 scale 0..100
input application {
  seniority: number "years with current employer"
  home: enum(rent, owner, parents, other)?
  records: bool
  income: number? "monthly income"
  debt: number?
  amount: number
  price: number
  country: string
  customer_id: string @pii "masked"
}
output offer: enum(none, gold, silver) = none
output limit: number = 0
let loan_to_price = amount / price
let debt_ratio = (debt ?? 0) / max(income ?? 1, 1)
let score = clamp(round(log(amount + 1) * 10), 0, 100) + abs(-exp(0))
segment thin_file when seniority < 1 or income is missing
segment foreign when country not in ["ES", "PT"] and not starts_with(country, "E")
model risk = xgboost "models/risk.json"
  predicts bad
  features (seniority, home, records, income, debt, amount, price, loan_to_price)
  reason income "M01" "income too low"
rule over_price "Loan larger than the price"
  when loan_to_price > 1.0
  then decline reason "P02" "amount exceeds price"
rule arrears when records then points -30, reason "H02" "arrears", tag "watchlist"
rule owner when home == owner and seniority >= 5 then points +20 offer = gold priority 2
rule renter when home in [rent, "parents"] then offer = silver, limit = amount * 2
rule heavy when debt_ratio > 0.4 and score > 10 then points -25
rule odd when thin_file or foreign or ends_with(customer_id, "x") or contains(country, "Z")
  then refer
decide
  approve when final >= 0.70 and human > 0.5
  review when final >= 0.50
  decline otherwise
)";

// Empty when every invariant holds, else what broke.
std::string check_invariants(const std::string& text) {
  SourceFile source("robust.rules", text);
  Diagnostics diags;
  auto program = compile_rules(source, diags);
  if (program.has_value() == diags.has_errors()) {
    return program ? "a program despite errors" : "no program and no error";
  }
  auto bad_span = [&](Span s) { return s.begin > s.end || s.end > text.size(); };
  for (const Diagnostic& d : diags.sorted()) {
    std::string what = d.code + " `" + d.message + "`";
    if (d.code.empty()) return "a diagnostic without a code: " + what;
    if (d.message.empty()) return "a diagnostic without a message: " + what;
    if (bad_span(d.span)) return "a span outside the file: " + what;
    for (const DiagnosticNote& n : d.notes) {
      if (n.message.empty() || bad_span(n.span)) return "a bad note on " + what;
    }
    if (std::any_of(d.message.begin(), d.message.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      return "a control character in the message of " + d.code;
    }
    if (find_invalid_utf8(render_diagnostic(d, source))) return "invalid utf-8 in " + what;
  }
  return "";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Checks `text`; a failure names `label` and shows the input when it is short.
void expect_robust(const std::string& label, const std::string& text, double limit_s = 30) {
  auto start = std::chrono::steady_clock::now();
  std::string broken = check_invariants(text);
  double took = seconds_since(start);
  INFO(label << " (" << text.size() << " bytes, " << took << " s)");
  INFO((text.size() <= 2000 ? "input:\n" + text : std::string("input too long to show")));
  CHECK(broken == "");
  CHECK(took < limit_s);
}

// ---------------------------------------------------------------- mutations

using Rng = std::mt19937;

size_t pick(Rng& rng, size_t n) { return n == 0 ? 0 : rng() % n; }

// Bytes that matter to the lexer, and a few that are plain wrong.
constexpr char kInteresting[] = {'"',  '\\', '(',  ')',    '[',    ']',    '{',    '}',    '#',   '\n',
                                 '\r', '\t', ',',  '?',    '=',    '<',    '.',    '-',    '@',   ':',
                                 '0',  'e',  '\0', '\x7f', '\xc3', '\xa9', '\xe2', '\xff', '\xef'};

std::string flip_bytes(std::string text, Rng& rng) {
  size_t count = 1 + pick(rng, 4);
  for (size_t k = 0; k < count && !text.empty(); ++k) {
    size_t at = pick(rng, text.size());
    text[at] = rng() % 2 ? kInteresting[pick(rng, sizeof kInteresting)] : static_cast<char>(rng() & 0xFF);
  }
  return text;
}

std::string truncate(const std::string& text, Rng& rng) { return text.substr(0, pick(rng, text.size() + 1)); }

// Words, strings, numbers and single characters, with the blanks between them.
std::vector<std::string> tokens(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    size_t j = i + 1;
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
    auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
    if (word(text[i])) {
      while (j < text.size() && word(text[j])) ++j;
    } else if (blank(text[i])) {
      while (j < text.size() && blank(text[j])) ++j;
    } else if (text[i] == '"') {
      while (j < text.size() && text[j] != '"' && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
      j = std::min(text.size(), j + 1);
    }
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

constexpr const char* kTokens[] = {
    "when",   "then",     "and",      "or",       "not",    "in",     "is",    "missing",  "otherwise",
    "decide", "rule",     "let",      "segment",  "model",  "output", "input", "outcomes", "points",
    "=",      "==",       "??",       "(",        ")",      "[",      "]",     "{",        "}",
    ",",      "\"x\"",    "1e999",    "-",        "final",  "human",  "min",   "enum",     "number?",
    "@pii",   "priority", "features", "predicts", "reason", "..",     "true"};

std::string shuffle_tokens(const std::string& text, Rng& rng) {
  std::vector<std::string> t = tokens(text);
  if (t.empty()) return text;
  size_t edits = 1 + pick(rng, 3);
  for (size_t k = 0; k < edits && !t.empty(); ++k) {
    size_t a = pick(rng, t.size()), b = pick(rng, t.size());
    switch (rng() % 4) {
      case 0: std::swap(t[a], t[b]); break;
      case 1: t.erase(t.begin() + a); break;
      case 2: t.insert(t.begin() + a, t[b]); break;
      default: t[a] = kTokens[pick(rng, std::size(kTokens))]; break;
    }
  }
  std::string out;
  for (const std::string& s : t) out += s;
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      out.push_back(text.substr(start, i - start + (i < text.size() ? 1 : 0)));
      start = i + 1;
    }
  }
  return out;
}

std::string duplicate_lines(const std::string& text, Rng& rng) {
  std::vector<std::string> l = lines(text);
  size_t count = 1 + pick(rng, 3);
  for (size_t k = 0; k < count; ++k) {
    std::string copy = l[pick(rng, l.size())];
    l.insert(l.begin() + pick(rng, l.size() + 1), copy);
  }
  std::string out;
  for (const std::string& s : l) out += s;
  return out;
}

// Every kind of mutation, `rounds` times each, with a seed per input.
void mutate_and_check(const std::string& label, const std::string& text, uint32_t seed, int rounds) {
  Rng rng(seed);
  for (int round = 0; round < rounds; ++round) {
    std::string r = std::to_string(round);
    expect_robust(label + " flip " + r, flip_bytes(text, rng));
    expect_robust(label + " truncate " + r, truncate(text, rng));
    expect_robust(label + " shuffle " + r, shuffle_tokens(text, rng));
    expect_robust(label + " duplicate " + r, duplicate_lines(text, rng));
  }
}

std::vector<fs::path> corpus_rules() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(testing::source_path("tests/diagnostics"))) {
    if (entry.path().extension() == ".rules") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A ruleset around one let, so that expression shapes reach the checker.
std::string with_let(const std::string& expr) {
  return "ruleset t\noutcomes yes\ninput i { a: number b: number? }\nlet x = " + expr +
         "\nrule r when x > 0 and b > 0 then yes\ndecide yes otherwise\n";
}

}  // namespace

TEST_CASE("robustness: the valid ruleset checks cleanly", "[robustness]") {
  SourceFile source("robust.rules", kValidRuleset);
  Diagnostics diags;
  auto program = compile_rules(source, diags);
  for (const Diagnostic& d : diags.sorted()) UNSCOPED_INFO(render_diagnostic(d, source));
  CHECK(program.has_value());
  CHECK(diags.size() == 0);
}

TEST_CASE("robustness: mutations of a valid ruleset", "[robustness]") {
  mutate_and_check("valid ruleset", kValidRuleset, 20261125, 150);
}

TEST_CASE("robustness: mutations of the diagnostics corpus", "[robustness]") {
  std::vector<fs::path> files = corpus_rules();
  REQUIRE(files.size() >= 40);
  uint32_t seed = 1;
  for (const fs::path& path : files) {
    std::string text = testing::read_file(path.string());
    if (text.size() > 20000) continue;  // the long chain: mutated below by shape instead
    mutate_and_check(path.filename().string(), text, seed++, 6);
  }
}

TEST_CASE("robustness: degenerate files", "[robustness]") {
  expect_robust("empty", "");
  expect_robust("only a newline", "\n");
  expect_robust("only comments", "# one\n# two\n   # three");
  expect_robust("only blanks", "  \t \r\n\r\n   ");
  expect_robust("a byte order mark", "\xEF\xBB\xBF");
  expect_robust("two byte order marks", "\xEF\xBB\xBF\xEF\xBB\xBFruleset t");
  expect_robust("only the header", "ruleset t");
  expect_robust("NUL bytes", std::string("ruleset t\0\0\noutcomes a\0", 23));
  expect_robust("NUL in a string", std::string("ruleset t\nversion \"a\0b\"\n", 24));
  expect_robust("NUL in a comment", std::string("ruleset t # \0\n", 14));
  expect_robust("control characters", "ruleset t\x01\x02\x1b[31m\x7f");
  expect_robust("carriage returns only", "ruleset t\routcomes a\rdecide a otherwise\r");
  expect_robust("invalid utf-8 lead", "ruleset t\n# \xff\xfe\n");
  expect_robust("truncated utf-8", "ruleset t\n# \xe2\x82");
  expect_robust("overlong utf-8", "ruleset t\n# \xc0\x80 \xe0\x80\x80");
  expect_robust("surrogate", "ruleset t\n# \xed\xa0\x80");
  expect_robust("above U+10FFFF", "ruleset t\n# \xf4\x90\x80\x80");
  expect_robust("non-ascii outside strings", "ruleset t\u00e9\noutcomes \u201ca\u201d");
  expect_robust("unclosed string", "ruleset t\nversion \"abc");
  expect_robust("backslash at the end", "ruleset t\nversion \"abc\\");
  expect_robust("string escapes", with_let("\"\\q\\x\\u00e9\\\u00e9\\\"\" ?? \"\""));
  expect_robust("enum value written with control characters",
                "ruleset t\noutcomes y\ninput i { h: enum(a) }\nrule r when h == \"\x01\x02\" "
                "then y\ndecide y otherwise\n");
}

TEST_CASE("robustness: hostile shapes", "[robustness]") {
  SECTION("10,000 nested parentheses") {
    expect_robust("parens", with_let(repeat("(", 10000) + "a" + repeat(")", 10000)));
    expect_robust("unclosed parens", with_let(repeat("(", 10000) + "a"));
    expect_robust("closing parens", with_let("a" + repeat(")", 10000)));
    expect_robust("brackets", with_let("a in " + repeat("[", 10000)));
    expect_robust("calls", with_let(repeat("min(a, ", 10000) + "a" + repeat(")", 10000)));
  }
  SECTION("100,000-term chains") {
    expect_robust("a + a", with_let("a" + repeat(" + a", 99999)));
    expect_robust("and", "ruleset t\noutcomes y\ninput i { a: bool }\nrule r when a" + repeat(" and a", 99999) +
                             " then y\ndecide y otherwise\n");
    expect_robust("??", with_let("b" + repeat(" ?? b", 99999)));
    expect_robust("unary minus", with_let(repeat("-", 100000) + "a"));
    expect_robust("not", with_let(repeat("not ", 100000) + "a"));
    expect_robust("comparisons", with_let("a" + repeat(" < a", 99999)));
  }
  SECTION("just under the nesting limits") {
    expect_robust("199 parens", with_let(repeat("(", 199) + "a" + repeat(")", 199)));
    expect_robust("796 additions", with_let("a" + repeat(" + a", 796)));
    expect_robust("796 unary minus", with_let(repeat("- ", 796) + "a"));
    expect_robust("796 coalesce", with_let("b" + repeat(" ?? b", 796)));
    expect_robust("796 not", "ruleset t\noutcomes y\ninput i { a: bool }\nrule r when " + repeat("not ", 796) +
                                 "a then y\ndecide y otherwise\n");
  }
  SECTION("long names, strings and numbers") {
    std::string name(1 << 20, 'n');
    expect_robust("1 MiB name", "ruleset " + name + "\noutcomes " + name + "\ndecide " + name +
                                    " otherwise\nrule r when " + name + "x then points 1\n");
    std::string field(1 << 16, 'f');
    expect_robust("a 64 KiB name mistyped", "ruleset t\noutcomes y\ninput i { " + field + "a: number }\nrule r when " +
                                                field + "b > 1 then y\ndecide y otherwise\n");
    expect_robust("1 MiB string", "ruleset t\nversion \"" + std::string(1 << 20, 's') + "\"\n");
    expect_robust("1 MiB number", with_let(std::string(1 << 20, '9')));
    expect_robust("1 MiB comment", "ruleset t\n#" + std::string(1 << 20, 'c'));
  }
  SECTION("huge lists") {
    expect_robust("50,000 list elements", with_let("a in [" + repeat("1, ", 49999) + "1]"));
    expect_robust("50,000 enum values", "ruleset t\noutcomes y\ninput i { h: enum(" + repeat("v, ", 49999) +
                                            "w) }\nrule r when h == nope then y\ndecide y otherwise\n");
    expect_robust("50,000 outcomes", "ruleset t\noutcomes " + repeat("o, ", 49999) + "o\ndecide nope otherwise\n");
    expect_robust("50,000 features",
                  "ruleset t\noutcomes y\ninput i { a: number }\nmodel m = "
                  "xgboost \"f\" predicts p features (" +
                      repeat("a, ", 49999) + "zz)\ndecide y otherwise\n");
  }
}

// Many declarations and many errors at once: every pass must stay close to
// linear, and so must rendering when the whole file is one line.
TEST_CASE("robustness: large files", "[robustness]") {
  const size_t n = 10000;
  auto numbered = [&](const std::string& before, const std::string& after) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += before + std::to_string(i) + after;
    return out;
  };
  std::string header = "ruleset t\noutcomes y\n";
  SECTION("a cycle through 100,000 lets") {  // the ordering walk goes 100,000 deep
    const size_t lets = 100000;
    std::string text = header + "input i { a: number }\nlet l0 = a + l" + std::to_string(lets - 1) + "\n";
    for (size_t i = 1; i < lets; ++i) {
      text += "let l" + std::to_string(i) + " = l" + std::to_string(i - 1) + " + 1\n";
    }
    expect_robust("a 100,000-let cycle", text + "rule r when l5 > 0 then y\ndecide y otherwise\n");
  }
  SECTION("many fields, many unknown names") {
    std::string text = header + "input i {\n" + numbered("  field_", ": number\n") + "}\n" +
                       numbered("rule r", " when fieldx_0 > 1 then y\n") + "decide y otherwise\n";
    expect_robust("10,000 unknown names among 10,000 fields", text);
  }
  SECTION("many rules reading a long chain of lets") {
    std::string text = header + "input i {\n" + numbered("  f", ": number\n") + "}\nlet l0 = f0\n";
    for (size_t i = 1; i < n; ++i) {
      text += "let l" + std::to_string(i) + " = l" + std::to_string(i - 1) + " + f" + std::to_string(i) + "\n";
    }
    text += numbered("rule r", " when l100 > 0 then points 1\n") + "decide y otherwise\n";
    expect_robust("10,000 rules over 10,000 lets", text);
  }
  SECTION("many distinct strings") {
    std::string text = header + "input i { s: string }\n" + numbered("rule r", " when s == \"v\" then points 1\n");
    for (size_t i = 0; i < n; ++i) {
      text += "rule q" + std::to_string(i) + " when contains(s, \"" + std::to_string(i) + "\") then y\n";
    }
    expect_robust("20,000 string constants", text + "decide y otherwise\n");
  }
  SECTION("one line, many errors") {
    std::string text = "ruleset t outcomes y input i { a: number } " + numbered("rule r", " when b > 1 then y ") +
                       "decide y otherwise";
    SourceFile source("one_line.rules", text);
    Diagnostics diags;
    auto start = std::chrono::steady_clock::now();
    compile_rules(source, diags);
    size_t rendered = 0;
    for (const Diagnostic& d : diags.sorted()) rendered += render_diagnostic(d, source).size();
    CHECK(diags.error_count() == n);
    CHECK(rendered < n * 1000);  // a window of the line, not the whole line each time
    CHECK(seconds_since(start) < 30);
  }
}

}  // namespace verdict
