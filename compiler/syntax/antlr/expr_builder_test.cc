#include "compiler/syntax/antlr/expr_builder.h"

#include <catch2/catch.hpp>

namespace verdict::syntax {

// A node of a grammar rule that is none of its labelled alternatives can only
// come from a grammar and builders that disagree; the builders refuse it
// instead of reading it as some alternative.
TEST_CASE("expr builder: a parse-tree node it does not know is an internal error", "[syntax]") {
  CodePointIndex index("");
  Diagnostics diags;
  TreeReader reader(index, diags);
  ExprBuilder builder(reader);
  RulesParser::ExprContext bare_expr(nullptr, 0);
  CHECK_THROWS_AS(builder.expr(&bare_expr), UnknownParseTree);
  RulesParser::PrimaryExprContext bare_primary(&bare_expr);
  CHECK_THROWS_WITH(builder.expr(&bare_primary), Catch::Contains("`primary`"));
  CHECK(diags.size() == 0);
}

}  // namespace verdict::syntax
