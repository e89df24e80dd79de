#include "tests/support/request_schema.h"

#include <catch2/catch.hpp>

#include "compiler/check/checker.h"

namespace verdict::testing {

ir::Program compile_program(const std::string& rules) {
  SourceFile source("schema.rules", rules);
  Diagnostics diags;
  auto program = compile_rules(source, diags);
  REQUIRE(program);
  return std::move(*program);
}

ir::Program request_schema() {
  return compile_program(R"(ruleset schema
outcomes yes
input req {
  amount: number
  income: number?
  homeowner: bool
  home: enum(rent, owner)?
  name: string?
}
rule r when amount > 0 and income > 0 and homeowner and home == rent and name == "x" then points 1
decide
  yes otherwise
)");
}

}  // namespace verdict::testing
