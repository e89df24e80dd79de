#include "runtime/wire/request.h"

#include <catch2/catch.hpp>

#include "compiler/check/checker.h"

namespace verdict {
namespace {

ir::Program schema() {
  SourceFile source("schema.rules", R"(ruleset schema
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
  Diagnostics diags;
  auto program = compile_rules(source, diags);
  REQUIRE(program);
  return std::move(*program);
}

std::vector<Diagnostic> errors_for(const std::string& text, RequestOptions options = {}) {
  ir::Program p = schema();
  std::vector<Diagnostic> errors;
  auto frame = frame_from_text(p, text, errors, options);
  CHECK(frame.has_value() == errors.empty());
  return errors;
}

std::string only_error(const std::string& text) {
  auto errors = errors_for(text);
  REQUIRE(errors.size() == 1);
  return errors[0].code + " " + errors[0].message;
}

TEST_CASE("a valid request builds a frame with missing optional fields", "[request]") {
  ir::Program p = schema();
  std::vector<Diagnostic> errors;
  auto frame = frame_from_text(p, R"({"amount": 5, "homeowner": true, "home": "owner", "income": null})", errors);
  REQUIRE(frame);
  CHECK(frame->value(p, 0).number == 5);
  CHECK(frame->value(p, 1).is_missing());
  CHECK(frame->value(p, 2).boolean);
  CHECK(frame->value(p, 3).code == 1);
  CHECK(frame->value(p, 4).is_missing());
}

TEST_CASE("request errors name the field and the problem", "[request]") {
  CHECK(only_error(R"({"homeowner": true})") == "R001 required field `amount` is missing");
  CHECK(only_error(R"({"amount": null, "homeowner": true})") == "R001 required field `amount` is null");
  CHECK(only_error(R"({"amount": 1, "homeowner": true, "incme": 3})") ==
        "R002 unknown field `incme`; did you mean `income`?");
  CHECK(only_error(R"({"amount": "1", "homeowner": true})") ==
        "R003 field `amount` expects a number, got the string \"1\"");
  CHECK(only_error(R"({"amount": 1, "homeowner": "yes"})") ==
        "R003 field `homeowner` expects true or false, got the string \"yes\"");
  CHECK(only_error(R"({"amount": 1, "homeowner": true, "home": "rnt"})") ==
        "R004 field `home` has value `rnt`, expected `rent` or `owner`; did you mean `rent`?");
  CHECK(only_error(R"({"amount": 1e999, "homeowner": true})") ==
        "R005 a number in the request is out of range for a double");
  CHECK(only_error(R"([1, 2])") == "R006 a request must be a JSON object of field values, not an array");
  CHECK(only_error(R"({"amount": 1,)").starts_with("R006 invalid JSON at byte"));
}

TEST_CASE("every problem in one request is reported, not just the first", "[request]") {
  auto errors = errors_for(R"({"amount": "x", "homeowner": 1, "zzz": 0})");
  CHECK(errors.size() == 3);
}

TEST_CASE("oversize requests are refused before parsing", "[request]") {
  std::string big = R"({"amount": 1, "homeowner": true, "name": ")" + std::string(kMaxRequestBytes, 'a') + "\"}";
  auto errors = errors_for(big);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R007");
}

TEST_CASE("deeply nested JSON is an error, not a crash", "[request]") {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto errors = errors_for(deep);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R006");
}

TEST_CASE("non-finite numbers only where allowed", "[request]") {
  RequestOptions lenient;
  lenient.allow_nonfinite = true;
  CHECK(errors_for(R"({"amount": "inf", "homeowner": true, "income": "nan"})", lenient).empty());
  CHECK(errors_for(R"({"amount": "nan", "homeowner": true})", lenient)[0].code == "R005");
  CHECK(errors_for(R"({"amount": "inf", "homeowner": true})")[0].code == "R003");
}

}  // namespace
}  // namespace verdict
