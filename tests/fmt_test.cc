// `verdict fmt`: golden files in tests/fmt (NAME.rules -> NAME.rules.formatted),
// and for every rules file in the tree: the output parses back to the same
// tree, keeps every comment, and is a fixed point of the formatter.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "compiler/format/formatter.h"
#include "compiler/source/diagnostic_text.h"
#include "compiler/syntax/parser.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

// Parses `source`; syntax errors go to the report of the next assertion
// unless `quiet`.
std::optional<ast::RulesFile> parse(const SourceFile& source, bool quiet = false) {
  Diagnostics diags;
  auto file = parse_rules(source, diags);
  if (!quiet) {
    for (const Diagnostic& d : diags.sorted()) UNSCOPED_INFO(render_diagnostic(d, source));
  }
  return file;
}

// Formats `text`; fails the test when it does not parse.
std::string format_text(const std::string& text, const std::string& path = "test.rules") {
  SourceFile source(path, text);
  auto file = parse(source);
  INFO(path);
  REQUIRE(file.has_value());
  return format_rules(*file, source);
}

// ---------------------------------------------------------------- tree dump
// The tree without spans, so two parses can be compared.

std::string dump(const ast::Expr& e) {
  std::string op = e.kind == ast::ExprKind::Binary ? std::string(ast::spelling(e.op)) : "";
  std::string out = "(" + std::to_string(static_cast<int>(e.kind)) + " " + e.text + " " + op +
                    (e.boolean ? " true" : "") + (e.negated ? " not" : "");
  for (const auto& arg : e.args) out += " " + dump(*arg);
  return out + ")";
}

std::string dump(const ast::TypeRef& t) {
  std::string out = std::to_string(static_cast<int>(t.kind));
  for (const auto& m : t.members) out += " " + m.name;
  return out;
}

std::string dump(const ast::Action& a) {
  std::string out = std::to_string(static_cast<int>(a.kind)) + " " + a.points.text + " " + a.tag.value + "|" +
                    a.code.value + "|" + a.text.value + " " + a.target.name;
  if (a.value) out += " " + dump(*a.value);
  if (a.priority) out += " priority " + a.priority->text;
  return out;
}

struct ItemDumper {
  std::string operator()(const ast::VersionDecl& d) { return "version " + d.version.value; }
  std::string operator()(const ast::OutcomesDecl& d) {
    std::string out = "outcomes";
    for (const auto& o : d.outcomes) out += " " + o.name;
    return out;
  }
  std::string operator()(const ast::PointsDecl& d) {
    return "points " + d.base.text + " " + d.scale_min.text + " " + d.scale_max.text;
  }
  std::string operator()(const ast::InputDecl& d) {
    std::string out = "input " + d.name.name;
    for (const auto& f : d.fields) {
      out += "\n  " + f.name.name + " " + dump(f.type) + (f.optional ? "?" : "");
      for (const auto& a : f.annotations) out += " @" + a.name;
      for (const auto& s : f.descriptions) out += " \"" + s.value + "\"";
    }
    return out;
  }
  std::string operator()(const ast::OutputDecl& d) {
    return "output " + d.name.name + " " + dump(d.type) + " " + dump(*d.default_value);
  }
  std::string operator()(const ast::LetDecl& d) { return "let " + d.name.name + dump(*d.value); }
  std::string operator()(const ast::SegmentDecl& d) { return "segment " + d.name.name + dump(*d.when); }
  std::string operator()(const ast::ModelDecl& d) {
    std::string out = "model " + d.name.name + " " + d.file.value + " predicts " +
                      (d.predicts ? d.predicts->name : "-") + " features";
    for (const auto& f : d.features) out += " " + f.name;
    for (const auto& r : d.reasons) {
      out += "\n  reason " + r.feature.name + " " + r.code.value + "|" + r.text.value;
    }
    return out;
  }
  std::string operator()(const ast::RuleDecl& d) {
    std::string out =
        "rule " + d.name.name + " " + (d.description ? "\"" + d.description->value + "\"" : "-") + " " + dump(*d.when);
    for (const auto& a : d.actions) out += "\n  " + dump(a);
    return out;
  }
  std::string operator()(const ast::DecideDecl& d) {
    std::string out = "decide";
    for (const auto& b : d.branches) out += "\n  " + b.outcome.name + " " + (b.when ? dump(*b.when) : "otherwise");
    return out;
  }
};

std::string dump(const ast::RulesFile& file) {
  std::string out = "ruleset " + file.ruleset.name.name + "\n";
  for (const auto& item : file.items) out += std::visit(ItemDumper{}, item) + "\n";
  return out;
}

std::vector<std::string> comment_texts(const ast::RulesFile& file) {
  std::vector<std::string> out;
  for (const auto& c : file.comments) out.push_back(c.text);
  return out;
}

// ---------------------------------------------------------------- properties

bool has_trailing_whitespace(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) return true;
  }
  return false;
}

// Everything `verdict fmt` promises about one input file that parses.
void check_format_properties(const std::string& path, const std::string& text) {
  INFO("file: " << path);
  SourceFile source(path, text);
  auto original = parse(source);
  REQUIRE(original.has_value());
  std::string once = format_rules(*original, source);

  SourceFile formatted_source(path + " (formatted)", once);
  auto reparsed = parse(formatted_source);
  INFO("formatted:\n" << once);
  REQUIRE(reparsed.has_value());
  CHECK(dump(*reparsed) == dump(*original));
  CHECK(comment_texts(*reparsed).size() == original->comments.size());
  for (const auto& c : original->comments) CHECK(once.find(c.text) != std::string::npos);
  CHECK(format_rules(*reparsed, formatted_source) == once);
  CHECK_FALSE(has_trailing_whitespace(once));
  REQUIRE(once.size() >= 2);
  CHECK(once.back() == '\n');
  CHECK(once[once.size() - 2] != '\n');
  CHECK(once.front() != '\n');
  CHECK(once.find("\n\n\n") == std::string::npos);
}

// Files under `dir` (recursively) whose name ends with `suffix`, sorted.
std::vector<fs::path> files_under(const std::string& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  fs::path root = testing::source_path(dir);
  if (!fs::is_directory(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

// ---------------------------------------------------------------- golden files

TEST_CASE("fmt: golden files in tests/fmt", "[fmt]") {
  std::vector<fs::path> inputs = files_under("tests/fmt", ".rules");
  REQUIRE(inputs.size() >= 6);
  for (const fs::path& input : inputs) {
    std::string text = testing::read_file(input.string());
    std::string formatted = format_text(text, input.string());
    INFO("input: " << input.string());
    CHECK(testing::check_golden(input.string() + ".formatted", formatted) == "");
    check_format_properties(input.string(), text);
  }
}

TEST_CASE("fmt: formatted goldens are already canonical", "[fmt]") {
  for (const fs::path& golden : files_under("tests/fmt", ".rules.formatted")) {
    std::string text = testing::read_file(golden.string());
    INFO("golden: " << golden.string());
    CHECK(format_text(text, golden.string()) == text);
  }
}

// Every rules file in the tree that parses (some tests keep broken ones on
// purpose) must survive formatting; the list grows as rules are added.
TEST_CASE("fmt: every rules file under rules/ and tests/ is stable", "[fmt]") {
  size_t checked = 0;
  for (const char* dir : {"rules", "tests"}) {
    for (const fs::path& path : files_under(dir, ".rules")) {
      std::string text = testing::read_file(path.string());
      SourceFile source(path.string(), text);
      if (!parse(source, /*quiet=*/true)) continue;
      check_format_properties(path.string(), text);
      ++checked;
    }
  }
  CHECK(checked >= 6);
}

// ---------------------------------------------------------------- comments

TEST_CASE("fmt: every comment is printed exactly once", "[fmt]") {
  for (const fs::path& input : files_under("tests/fmt", ".rules")) {
    std::string text = testing::read_file(input.string());
    SourceFile source(input.string(), text);
    auto file = parse(source);
    REQUIRE(file.has_value());
    std::string formatted = format_rules(*file, source);
    INFO("input: " << input.string() << "\nformatted:\n" << formatted);
    auto again = parse(SourceFile("formatted", formatted));
    REQUIRE(again.has_value());
    // Model clauses are reordered, so their comments may be too.
    std::vector<std::string> before = comment_texts(*file), after = comment_texts(*again);
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    CHECK(after == before);
  }
}

TEST_CASE("fmt: comments in awkward places", "[fmt]") {
  SECTION("inside a multi-line expression they move above the line") {
    CHECK(format_text("ruleset r\nlet x = 1 + # one\n  # two\n  2\n") == "ruleset r\n\n# one\n# two\nlet x = 1 + 2\n");
  }
  SECTION("the last one of a line's own comments stays trailing") {
    CHECK(format_text("ruleset r\nlet x = 1 +\n  2 # two\n") == "ruleset r\n\nlet x = 1 + 2 # two\n");
    CHECK(format_text("ruleset r\nlet x = 1 + # one\n  2\n") == "ruleset r\n\nlet x = 1 + 2 # one\n");
  }
  SECTION("at the end of the file, blank lines kept") {
    CHECK(format_text("ruleset r # a\n\n\n# b\n# c\n\n# d") == "ruleset r # a\n\n# b\n# c\n\n# d\n");
  }
  SECTION("before the first item") { CHECK(format_text("# a\n\n\n# b\nruleset r") == "# a\n\n# b\nruleset r\n"); }
  SECTION("only comments between actions split the actions") {
    CHECK(format_text("ruleset r\nrule x when a then b, # c\n points 1\n") ==
          "ruleset r\n\nrule x\n  when a\n  then b, # c\n    points 1\n");
    CHECK(format_text("ruleset r\nrule x when a then b, points # c\n 1\n") ==
          "ruleset r\n\nrule x\n  when a\n  then b, points 1 # c\n");
  }
}

namespace {

// `text` with comments and blank lines put at random blanks outside strings
// and comments: whole-line and trailing comments in every kind of position.
std::string sprinkle_comments(const std::string& text, std::mt19937& rng, int percent) {
  std::string out;
  bool in_string = false, in_comment = false, escaped = false;
  int added = 0;
  for (char c : text) {
    bool blank = c == ' ' || c == '\n';
    int roll = static_cast<int>(rng() % 100);
    if (!in_string && !in_comment && blank && roll < percent) {
      if (roll % 3 == 0) {
        out += "\n\n";
      } else if (roll % 3 == 1) {
        out += " # c" + std::to_string(++added) + "\n";
      } else {
        out += "\n\n# w" + std::to_string(++added) + "\n\n";
      }
    }
    out += c;
    if (in_comment) {
      in_comment = c != '\n';
    } else if (in_string) {
      in_string = escaped || c != '"';
      escaped = !escaped && c == '\\';
    } else {
      in_comment = c == '#';
      in_string = c == '"';
    }
  }
  return out;
}

}  // namespace

TEST_CASE("fmt: comments anywhere survive formatting", "[fmt]") {
  std::mt19937 rng(7);
  for (const fs::path& input : files_under("tests/fmt", ".rules")) {
    std::string text = testing::read_file(input.string());
    for (int round = 0; round < 20; ++round) {
      std::string messy = sprinkle_comments(text, rng, round < 10 ? 5 : 30);
      check_format_properties(input.string() + " round " + std::to_string(round), messy);
    }
  }
}

// ---------------------------------------------------------------- layout

TEST_CASE("fmt: whitespace and line endings", "[fmt]") {
  CHECK(format_text("ruleset r") == "ruleset r\n");
  CHECK(format_text("\n\n  ruleset   r  \n\n\n") == "ruleset r\n");
  CHECK(format_text("ruleset r\r\nversion \"1\" # v\r\n\r\n\r\noutcomes a\r\n") ==
        "ruleset r\nversion \"1\" # v\n\noutcomes a\n");
}

TEST_CASE("fmt: the then-line breaks past 100 columns", "[fmt]") {
  auto rule_with_tag = [](size_t tag_length) {
    return "ruleset r\nrule x when a then b, tag \"" + std::string(tag_length, 't') + "\"\n";
  };
  // "  then b, tag \"" is 15 columns, the closing quote one more.
  std::string fits = format_text(rule_with_tag(84));
  std::string over = format_text(rule_with_tag(85));
  CHECK(fits.find("  then b, tag \"" + std::string(84, 't') + "\"\n") != std::string::npos);
  CHECK(over.find("  then b,\n    tag \"" + std::string(85, 't') + "\"\n") != std::string::npos);
}

TEST_CASE("fmt: decide branches align on when/otherwise", "[fmt]") {
  CHECK(format_text("ruleset r decide approve when x review when y no otherwise") ==
        "ruleset r\n\ndecide\n  approve when x\n  review  when y\n  no      otherwise\n");
}

// ---------------------------------------------------------------- expressions

namespace {

std::string let_value(const std::string& expr) {
  std::string out = format_text("ruleset r\nlet v = " + expr + "\n");
  return out.substr(std::string("ruleset r\n\nlet v = ").size(),
                    out.size() - std::string("ruleset r\n\nlet v = ").size() - 1);
}

}  // namespace

// Found by the rules fuzz target: `-(-(...))` added a level of nesting per
// minus sign, so 200 of them formatted to text past the nesting limit.
TEST_CASE("fmt: a long chain of minus signs formats to text that parses again", "[fmt]") {
  std::string minus;
  for (int i = 0; i < 200; ++i) minus += "- ";
  std::string formatted = format_text("ruleset r\nlet v = " + minus + "a\n");
  SourceFile again("again.rules", formatted);
  CHECK(parse(again).has_value());
  CHECK(formatted.find("(") == std::string::npos);
}

TEST_CASE("fmt: parentheses only where the grammar needs them", "[fmt]") {
  CHECK(let_value("((a))") == "a");
  CHECK(let_value("(a + b) + c") == "a + b + c");
  CHECK(let_value("a + (b + c)") == "a + (b + c)");
  CHECK(let_value("a - (b - c)") == "a - (b - c)");
  CHECK(let_value("(a * b) + (c / d)") == "a * b + c / d");
  CHECK(let_value("(a + b) * c") == "(a + b) * c");
  CHECK(let_value("a ?? (b ?? c)") == "a ?? b ?? c");
  CHECK(let_value("(a ?? b) ?? c") == "(a ?? b) ?? c");
  CHECK(let_value("(a + 1) ?? 2") == "a + 1 ?? 2");
  CHECK(let_value("- (a)") == "-a");
  CHECK(let_value("-(-a)") == "- -a");
  CHECK(let_value("-(a * b)") == "-(a * b)");
  CHECK(let_value("a - -b") == "a - -b");
  CHECK(let_value("not (a and b)") == "not (a and b)");
  CHECK(let_value("(not a) and b") == "not a and b");
  CHECK(let_value("not (a == b)") == "not a == b");
  CHECK(let_value("(not a) == b") == "(not a) == b");
  CHECK(let_value("a == (not b)") == "a == (not b)");
  CHECK(let_value("not (a is missing)") == "not a is missing");
  CHECK(let_value("(not a) is missing") == "(not a) is missing");
  CHECK(let_value("(a and b) or c") == "a and b or c");
  CHECK(let_value("a and (b or c)") == "a and (b or c)");
  CHECK(let_value("(a == b) in [true]") == "a == b in [true]");
  CHECK(let_value("a == (b in [true])") == "a == (b in [true])");
  CHECK(let_value("(a in [b]) is missing") == "a in [b] is missing");
  CHECK(let_value("x not in [ (a or b) ]") == "x not in [a or b]");
  CHECK(let_value("f( (a), (b or c) )") == "f(a, b or c)");
  CHECK(let_value("0.70 + 1E3") == "0.70 + 1E3");
  CHECK(let_value("\"a\\\"b\\\\c\\nd\\te\"") == "\"a\\\"b\\\\c\\nd\\te\"");
}

namespace {

// A random expression of at most `depth` levels, built directly as a tree.
ast::ExprPtr random_expr(std::mt19937& rng, int depth) {
  using K = ast::ExprKind;
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto e = std::make_unique<ast::Expr>();
  int choice = depth <= 0 ? pick(3) : pick(13);
  using B = ast::BinaryOp;
  static const B kArithmetic[] = {B::Add, B::Sub, B::Mul, B::Div};
  static const B kCompare[] = {B::Lt, B::Le, B::Gt, B::Ge, B::Eq, B::Ne};
  auto add_args = [&](int n) {
    for (int i = 0; i < n; ++i) e->args.push_back(random_expr(rng, depth - 1));
  };
  switch (choice) {
    case 0:
      e->kind = K::Name;
      e->text = std::string(1, static_cast<char>('a' + pick(4)));
      break;
    case 1:
      e->kind = K::Number;
      e->text = std::to_string(pick(10));
      break;
    case 2:
      e->kind = K::Bool;
      e->boolean = pick(2) == 1;
      break;
    case 3:
      e->kind = K::Neg;
      add_args(1);
      break;
    case 4:
      e->kind = K::Not;
      add_args(1);
      break;
    case 5:
      e->kind = K::Binary;
      e->op = kArithmetic[pick(4)];
      add_args(2);
      break;
    case 6:
      e->kind = K::Binary;
      e->op = kCompare[pick(6)];
      add_args(2);
      break;
    case 7:
      e->kind = K::Binary;
      e->op = B::And;
      add_args(2);
      break;
    case 8:
      e->kind = K::Binary;
      e->op = B::Or;
      add_args(2);
      break;
    case 9:
      e->kind = K::Binary;
      e->op = B::Coalesce;
      add_args(2);
      break;
    case 10:
      e->kind = K::In;
      e->negated = pick(2) == 1;
      add_args(1 + 1 + pick(2));
      break;
    case 11:
      e->kind = K::IsMissing;
      e->negated = pick(2) == 1;
      add_args(1);
      break;
    default:
      e->kind = K::Call;
      e->text = "f";
      add_args(pick(3));
      break;
  }
  return e;
}

}  // namespace

TEST_CASE("fmt: random expressions print back to the same tree", "[fmt]") {
  std::mt19937 rng(20261101);
  for (int i = 0; i < 3000; ++i) {
    ast::RulesFile file;
    file.ruleset.name.name = "r";
    file.items.push_back(ast::LetDecl{{"v", {}}, random_expr(rng, 5), {}});
    std::string text = format_rules(file, SourceFile("generated", ""));
    INFO(text);
    auto parsed = parse(SourceFile("generated", text));
    REQUIRE(parsed.has_value());
    CHECK(dump(*parsed) == dump(file));
  }
}

}  // namespace verdict
