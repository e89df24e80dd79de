#include "compiler/syntax/operators.h"

#include <catch2/catch.hpp>
#include <string>

#include "compiler/syntax/ast_printer.h"
#include "compiler/syntax/parser.h"

namespace verdict::ast {
namespace {

constexpr BinaryOp kAll[] = {BinaryOp::Mul, BinaryOp::Div, BinaryOp::Add, BinaryOp::Sub, BinaryOp::Coalesce,
                             BinaryOp::Lt,  BinaryOp::Le,  BinaryOp::Gt,  BinaryOp::Ge,  BinaryOp::Eq,
                             BinaryOp::Ne,  BinaryOp::And, BinaryOp::Or};

// The s-expression of `let v = TEXT`, or the first diagnostic's message.
std::string let_tree(const std::string& text) {
  Diagnostics diags;
  auto file = parse_rules(SourceFile("t.rules", "ruleset t\nlet v = " + text + "\n"), diags);
  if (!file) return diags.sorted().at(0).message;
  return print_sexpr(*std::get<LetDecl>(file->items.at(0)).value);
}

}  // namespace

TEST_CASE("operators: every binary operator is spelled once and read back", "[syntax][operators]") {
  for (BinaryOp op : kAll) {
    INFO(spelling(op));
    CHECK(binary_op_info(op).op == op);
    CHECK(binary_op_spelled(spelling(op)) == op);
  }
  for (const char* text : {"", "=", "not", "in", "is", "&&", "=>", "AND"}) {
    CHECK_FALSE(binary_op_spelled(text).has_value());
  }
}

TEST_CASE("operators: the table's precedence and associativity are the grammar's", "[syntax][operators]") {
  // `a X b Y c` groups to the left when X binds at least as tightly as Y,
  // except that two right-associative operators of one level group right.
  for (BinaryOp x : kAll) {
    for (BinaryOp y : kAll) {
      std::string sx(spelling(x)), sy(spelling(y));
      bool right = precedence(x) < precedence(y) ||
                   (precedence(x) == precedence(y) && binary_op_info(x).associativity == Associativity::Right);
      std::string want = right ? "(" + sx + " a (" + sy + " b c))" : "(" + sy + " (" + sx + " a b) c)";
      CHECK(let_tree("a " + sx + " b " + sy + " c") == want);
    }
  }
}

TEST_CASE("operators: unary forms bind as their precedence says", "[syntax][operators]") {
  CHECK(precedence(BinaryOp::Mul) < Precedence::Neg);
  CHECK(let_tree("-a * b") == "(* (neg a) b)");
  CHECK(precedence(BinaryOp::And) < Precedence::Not);
  CHECK(precedence(BinaryOp::Eq) > Precedence::Not);
  CHECK(let_tree("not a and b") == "(and (not a) b)");
  CHECK(let_tree("not a == b") == "(not (== a b))");
  CHECK(let_tree("a == b in [c]") == "(in (== a b) c)");
  CHECK(let_tree("a in [b] is missing") == "(is-missing (in a b))");
}

}  // namespace verdict::ast
