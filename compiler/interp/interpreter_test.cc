#include "compiler/interp/interpreter.h"

#include <catch2/catch.hpp>

#include "compiler/check/checker.h"

namespace verdict {
namespace {

// One let per operator over two optional bools, evaluated on every
// combination of true, false and missing.
const char* kLogic = R"(ruleset logic
outcomes done
input i {
  a: bool?
  b: bool?
}
let both = a and b
let either = a or b
let neither = not a
rule r when both or either or neither then points 1
decide
  done otherwise
)";

enum Tri { F, T, U };

Value tri(Tri t) { return t == U ? Value::missing() : Value::of_bool(t == T); }

Tri as_tri(const Value& v) { return v.is_missing() ? U : v.boolean ? T : F; }

TEST_CASE("and/or/not follow three-valued (Kleene) logic", "[interp]") {
  SourceFile source("logic.rules", kLogic);
  Diagnostics diags;
  auto program = compile_rules(source, diags);
  REQUIRE(program);
  Interpreter interp(*program);
  // expected[a][b] for `and`, `or`; not a
  const Tri kAnd[3][3] = {{F, F, F}, {F, T, U}, {F, U, U}};
  const Tri kOr[3][3] = {{F, T, U}, {T, T, T}, {U, T, U}};
  const Tri kNot[3] = {T, F, U};
  for (Tri a : {F, T, U}) {
    for (Tri b : {F, T, U}) {
      Frame frame(2);
      if (a != U) frame.set_bool(0, a == T);
      if (b != U) frame.set_bool(1, b == T);
      Evaluation ev;
      ev.reset(*program);
      interp.evaluate_rules(frame, ev);
      INFO("a=" << a << " b=" << b);
      CHECK(as_tri(ev.derived[0]) == kAnd[a][b]);
      CHECK(as_tri(ev.derived[1]) == kOr[a][b]);
      CHECK(as_tri(ev.derived[2]) == kNot[a]);
      CHECK(tri(kNot[a]).same_as(ev.derived[2]));
    }
  }
}

TEST_CASE("division by zero is missing and recorded as an event", "[interp]") {
  SourceFile source("div.rules", R"(ruleset div
outcomes done
input i {
  x: number
  y: number
}
let q = x / y
rule r when q > 1 then points 1
decide
  done otherwise
)");
  Diagnostics diags;
  auto program = compile_rules(source, diags);
  REQUIRE(program);
  Interpreter interp(*program);
  Frame frame(2);
  frame.set_number(0, 1);
  frame.set_number(1, 0);
  Evaluation ev;
  ev.reset(*program);
  interp.evaluate_rules(frame, ev);
  CHECK(ev.derived[0].is_missing());
  CHECK(ev.rules[0] == RuleStatus::Unknown);
  REQUIRE(ev.events.size() == 1);
  CHECK(ev.events[0] == EventKind::DivisionByZero);
}

TEST_CASE("a NaN number is stored as missing", "[interp]") {
  Frame frame(1);
  frame.set_number(0, std::nan(""));
  CHECK(frame.present[0] == 0);
  CHECK(Value::of_number(std::nan("")).is_missing());
}

}  // namespace
}  // namespace verdict
