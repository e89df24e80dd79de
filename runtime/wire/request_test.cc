#include "runtime/wire/request.h"

#include <catch2/catch.hpp>

#include "tests/support/request_schema.h"

namespace verdict {
namespace {

std::vector<Diagnostic> errors_for(const std::string& text, RequestOptions options = {}) {
  ir::Program p = testing::request_schema();
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
  ir::Program p = testing::request_schema();
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
        "R005 field `amount` is `1e999`, which is out of range: it is too large (the largest is about 1.8e308)");
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
  CHECK(errors[0].message == "the request nests arrays and objects deeper than 64 levels (at byte 65)");
}

TEST_CASE("nesting is limited to 64 levels, counted outside strings", "[request]") {
  // 63 levels inside the request object: refused as the wrong type, not as too deep.
  std::string value = std::string(63, '[') + "\"[[[{\"" + std::string(63, ']');
  auto errors = errors_for(R"({"amount": 1, "homeowner": true, "name": )" + value + "}");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R003");
  std::string deeper = R"({"amount": 1, "homeowner": true, "name": [)" + value + "]}";
  CHECK(only_error(deeper) == "R006 the request nests arrays and objects deeper than 64 levels (at byte 105)");
}

TEST_CASE("a field given twice is refused, naming it, not decided on the last value", "[request]") {
  CHECK(only_error(R"({"amount": 700, "homeowner": true, "amount": 99999999})") ==
        "R012 field `amount` is given twice; a request names each field once");
  // The same key however it is escaped; each repeated key once.
  auto errors = errors_for(R"({"amount": 1, "homeowner": true, "\u0061mount": 2, "amount": 3, "homeowner": false})");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].message == "field `amount` is given twice; a request names each field once");
  CHECK(errors[1].message == "field `homeowner` is given twice; a request names each field once");
  // Keys of a nested object are not fields (the value is refused as an object).
  CHECK(only_error(R"({"amount": 1, "homeowner": true, "name": {"a": 1, "a": 2}})").starts_with("R003 "));
}

TEST_CASE("a number that underflows or overflows a double is refused, naming the field", "[request]") {
  CHECK(only_error(R"({"amount": 1e-400, "homeowner": true})") ==
        "R005 field `amount` is `1e-400`, which is out of range: it is too close to zero (the smallest is about "
        "2.2e-308)");
  CHECK(only_error(R"({"amount": -4e-320, "homeowner": true})").starts_with("R005 field `amount` is `-4e-320`"));
  CHECK(only_error(R"({"amount": 1, "income": -1e400, "homeowner": true})") ==
        "R005 field `income` is `-1e400`, which is out of range: it is too large (the largest is about 1.8e308)");
  // Zero written as zero, and the smallest normal double, are numbers like any other.
  CHECK(errors_for(R"({"amount": 0e-400, "income": -0.0, "homeowner": true})").empty());
  CHECK(errors_for(R"({"amount": 2.3e-308, "homeowner": true})").empty());
}

TEST_CASE("a UTF-8 byte order mark before a JSON request is skipped", "[request]") {
  CHECK(errors_for("\xEF\xBB\xBF{\"amount\": 1, \"homeowner\": true}").empty());
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
