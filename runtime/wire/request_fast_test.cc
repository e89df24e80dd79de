// The simdjson fast path against the checked nlohmann path: whenever the fast
// path gives a frame, the checked path gives the same frame bit for bit; on
// the clean requests both shipped data sets become, the fast path is taken.
#include "runtime/wire/request_fast.h"

#include <catch2/catch.hpp>
#include <cstring>

#include "runtime/deploy/ruleset.h"
#include "runtime/wire/request.h"
#include "tests/support/csv.h"
#include "tests/support/golden.h"
#include "tests/support/request_schema.h"

namespace verdict {
namespace {

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

bool same_frame(const Frame& a, const Frame& b) {
  return same_bits(a.numbers, b.numbers) && a.codes == b.codes && a.strings == b.strings && a.present == b.present;
}

// Whether the fast path took `text`; when it did, the checked path must
// agree exactly.
bool fast_path_agrees(const ir::Program& program, const std::string& text) {
  auto fast = frame_from_plain_json(program, text);
  if (!fast) return false;
  std::vector<Diagnostic> errors;
  auto checked = frame_from_text(program, text, errors);
  INFO(text);
  REQUIRE(errors.empty());
  REQUIRE(checked);
  CHECK(same_frame(*fast, *checked));
  return true;
}

TEST_CASE("clean requests take the fast path and build the checked path's frame", "[request][fast]") {
  ir::Program p = testing::request_schema();
  const char* clean[] = {
      R"({"amount": 5, "homeowner": true})",
      R"({"amount": -0, "homeowner": false, "income": null, "home": null, "name": null})",
      R"({"amount": -0.0, "homeowner": true, "income": 0.0})",
      R"({"amount": 12345678901234567890, "homeowner": true, "income": -9223372036854775808})",
      R"({"amount": 0.1, "income": 1.7976931348623157e308, "homeowner": true})",
      R"({"amount": 2.2250738585072014e-308, "homeowner": true})",
      R"({"name": "tab\tand \"quote\" \u00e9 \ud83d\ude00", "amount": 1, "homeowner": true, "home": "rent"})",
      " \n\t{\"amount\" : 1 , \"homeowner\" : true }\r\n",
  };
  for (const char* text : clean) {
    INFO(text);
    CHECK(fast_path_agrees(p, text));
  }
}

TEST_CASE("keys in any order, changing from request to request and between programs, give the same frames",
          "[request][fast]") {
  // The fast path guesses each key's field from the previous request's
  // order (KeyOrder); a wrong guess must cost a search, never a wrong field.
  ir::Program p = testing::request_schema(), q = testing::request_schema();
  const char* orders[] = {
      R"({"amount": 1, "income": 2, "homeowner": true, "home": "rent", "name": "a"})",
      R"({"name": "b", "home": "owner", "homeowner": false, "income": 3, "amount": 4})",
      R"({"income": 5, "amount": 6, "homeowner": true})",
      R"({"amount": 7, "income": 8, "homeowner": true, "home": "rent", "name": "c"})",
      R"({"homeowner": true, "amount": 9})",
  };
  for (int round = 0; round < 3; ++round) {
    for (const char* text : orders) {
      CHECK(fast_path_agrees(p, text));
      CHECK(fast_path_agrees(round % 2 ? q : p, text));
    }
  }
  // A key the previous request had at this position, now given twice.
  CHECK_FALSE(frame_from_plain_json(p, R"({"amount": 1, "amount": 2, "homeowner": true})").has_value());
}

TEST_CASE("requests that are not plainly right are left to the checked path", "[request][fast]") {
  ir::Program p = testing::request_schema();
  const char* refused[] = {
      "\xEF\xBB\xBF{\"amount\": 1, \"homeowner\": true}",           // byte order mark
      R"({"amount": 1, "homeowner": true, "amount": 2})",           // repeated key
      R"({"amount": 1, "homeowner": true, "extra": 2})",            // unknown key
      R"({"amount": 1})",                                           // required field missing
      R"({"amount": null, "homeowner": true})",                     // null for a required field
      R"({"amount": "1", "homeowner": true})",                      // wrong type
      R"({"amount": 1, "homeowner": 1})",                           // number for a bool
      R"({"amount": 1, "homeowner": true, "home": "castle"})",      // not an enum member
      R"({"amount": 1e400, "homeowner": true})",                    // overflow
      R"({"amount": 1e-400, "homeowner": true})",                   // underflow to zero
      R"({"amount": 1e-310, "homeowner": true})",                   // subnormal
      R"({"amount": 0, "homeowner": true, "income": 1e-400})",      // a zero beside an underflow
      R"({"amount": 1, "homeowner": true} x)",                      // trailing garbage
      R"({"amount": [1], "homeowner": true})",                      // nested value
      R"({"amount": 1, "homeowner": true, "name": "\ud800"})",      // lone surrogate
      "{\"amount\": 1, \"homeowner\": true, \"name\": \"a\x01\"}",  // raw control character
      R"([{"amount": 1, "homeowner": true}])",                      // not an object
      R"({"amount": NaN, "homeowner": true})",                      // not JSON
      "",
  };
  for (const char* text : refused) {
    INFO(text);
    CHECK_FALSE(frame_from_plain_json(p, text).has_value());
  }
}

TEST_CASE("a zero is taken only when no number of the request may have underflowed", "[request][fast]") {
  ir::Program p = testing::request_schema();
  std::string zeros(320, '0');
  CHECK_FALSE(frame_from_plain_json(p, R"({"amount": 0.)" + zeros + R"(1, "homeowner": true})"));
  CHECK(fast_path_agrees(p, R"({"amount": 0.0, "homeowner": true, "name": "1e-400"})"));  // inside a string
  CHECK(fast_path_agrees(p, R"({"amount": 1e5, "homeowner": true})"));                    // an exponent, but not a zero
}

void every_row_takes_the_fast_path(const char* rules, const char* csv_path, const std::vector<std::string>& bools,
                                   const std::vector<std::string>& labels) {
  Diagnostics diags;
  auto ruleset = CompiledRuleset::load(testing::source_path(rules), diags, BackendKind::Interpreter);
  REQUIRE(ruleset);
  testing::Csv csv = testing::read_csv(testing::source_path(csv_path));
  size_t fast = 0;
  for (size_t row = 0; row < csv.rows.size(); ++row) {
    std::string text = testing::row_request(csv, row, bools, labels).dump();
    if (fast_path_agrees(ruleset->program(), text)) ++fast;
  }
  CHECK(fast == csv.rows.size());
}

TEST_CASE("every row of both shipped data sets takes the fast path to the same frame", "[request][fast][data]") {
  every_row_takes_the_fast_path("rules/credit_approval.rules", "tests/data/credit_data.csv", {"records"}, {"status"});
  every_row_takes_the_fast_path("rules/retention_offer.rules", "tests/data/mlc_churn.csv",
                                {"international_plan", "voice_mail_plan"}, {"churn"});
}

}  // namespace
}  // namespace verdict
