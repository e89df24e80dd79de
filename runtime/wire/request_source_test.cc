#include "runtime/wire/request_source.h"

#include <catch2/catch.hpp>

#include "runtime/wire/request.h"
#include "tests/support/request_schema.h"

namespace verdict {
namespace {

ir::Program schema() {
  return testing::compile_program(R"(ruleset schema
outcomes yes
input req {
  amount: number
  home: enum(rent, owner)?
}
rule r when amount > 0 then points 1
decide
  yes otherwise
)");
}

std::vector<uint32_t> lines_of(const RequestSource& source) {
  std::vector<uint32_t> out;
  for (const RequestText& r : source.requests()) out.push_back(r.line);
  return out;
}

TEST_CASE("request source: one JSON object, even over several lines, is one request", "[wire][source]") {
  RequestSource source("{\"amount\": 1,\n \"home\": \"rent\"}\n", RequestFormat::Json);
  REQUIRE(source.requests().size() == 1);
  CHECK(source.requests()[0].line == 1);
  std::vector<Diagnostic> errors;
  CHECK(source.request(source.requests()[0], errors) == nlohmann::json{{"amount", 1}, {"home", "rent"}});
  CHECK(errors.empty());
}

TEST_CASE("request source: a JSON array is one request per element, numbered from 1", "[wire][source]") {
  RequestSource source("[{\"amount\": 1},\n{\"amount\": 2},\n\n{\"amount\": 3}]", RequestFormat::Json);
  CHECK(lines_of(source) == std::vector<uint32_t>{1, 2, 3});
  CHECK(source.requests()[2].text == R"({"amount": 3})");  // as written, not re-dumped
}

TEST_CASE("request source: JSON Lines keep their line numbers, blank lines skipped", "[wire][source]") {
  std::string content = "{\"amount\": 1}\n\n  \t\n{\"amount\": 2}\r\nnot json\n";
  RequestSource json(content, RequestFormat::Json);
  RequestSource lines(content, RequestFormat::JsonLines);
  CHECK(lines_of(json) == std::vector<uint32_t>{1, 4, 5});
  CHECK(lines_of(lines) == std::vector<uint32_t>{1, 4, 5});
  std::vector<Diagnostic> errors;
  lines.request(lines.requests()[2], errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R006");
  // JSON Lines never reads the whole input as one document.
  RequestSource one_object("{\"amount\": 1,\n\"home\": \"rent\"}", RequestFormat::JsonLines);
  CHECK(lines_of(one_object) == std::vector<uint32_t>{1, 2});
}

TEST_CASE("request source: CSV has a header line, rows keep their lines", "[wire][source]") {
  ir::Program program = schema();
  RequestSource source("\nAmount,home,id\n5,rent,a\n\n7,,b\n", RequestFormat::Csv);
  REQUIRE(source.header());
  CHECK(source.header()->line == 2);
  CHECK(lines_of(source) == std::vector<uint32_t>{3, 5});
  std::vector<Diagnostic> errors;
  REQUIRE(source.map_columns(program, {"id"}, errors));
  CHECK(source.request(source.requests()[0], errors) == nlohmann::json{{"amount", 5}, {"home", "rent"}});
  CHECK(source.request(source.requests()[1], errors) == nlohmann::json{{"amount", 7}});
  CHECK(errors.empty());
}

TEST_CASE("request source: a CSV without a header, or with an unknown column, reads no row", "[wire][source]") {
  ir::Program program = schema();
  std::vector<Diagnostic> errors;
  RequestSource empty("\n\n", RequestFormat::Csv);
  CHECK_FALSE(empty.header());
  CHECK_FALSE(empty.map_columns(program, {}, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R008");
  errors.clear();
  RequestSource unknown("amount,colour\n1,red\n", RequestFormat::Csv);
  CHECK_FALSE(unknown.map_columns(program, {}, errors));
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].code == "R010");
}

TEST_CASE("request source: a deeply nested input is split without recursing, and refused", "[wire][source]") {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  RequestSource array(deep, RequestFormat::Json);
  REQUIRE(array.requests().size() == 1);
  std::vector<Diagnostic> errors;
  CHECK(array.request(array.requests()[0], errors).is_null());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R006");
  CHECK(errors[0].message == "the request nests arrays and objects deeper than 64 levels (at byte 65)");
  RequestSource unclosed(std::string(200000, '{'), RequestFormat::Json);
  REQUIRE(unclosed.requests().size() == 1);
  errors.clear();
  unclosed.request(unclosed.requests()[0], errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R006");
}

TEST_CASE("request source: an element of an array that is not JSON is refused alone", "[wire][source]") {
  RequestSource source("[{\"amount\": 1}, {amount}, {\"amount\": 3}]", RequestFormat::Json);
  REQUIRE(source.requests().size() == 3);
  std::vector<Diagnostic> errors;
  CHECK(source.request(source.requests()[0], errors) == nlohmann::json{{"amount", 1}});
  CHECK(source.request(source.requests()[1], errors).is_null());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R006");
}

TEST_CASE("request source: a byte order mark before a CSV header or JSON is skipped", "[wire][source]") {
  ir::Program program = schema();
  RequestSource csv(
      "\xEF\xBB\xBF"
      "amount,home\n5,rent\n",
      RequestFormat::Csv);
  std::vector<Diagnostic> errors;
  REQUIRE(csv.map_columns(program, {}, errors));
  CHECK(csv.request(csv.requests()[0], errors) == nlohmann::json{{"amount", 5}, {"home", "rent"}});
  RequestSource json(
      "\xEF\xBB\xBF"
      "[{\"amount\": 1}]",
      RequestFormat::Json);
  REQUIRE(json.requests().size() == 1);
  CHECK(json.request(json.requests()[0], errors) == nlohmann::json{{"amount", 1}});
  RequestSource lines(
      "\xEF\xBB\xBF"
      "{\"amount\": 1}\n{\"amount\": 2}\n",
      RequestFormat::JsonLines);
  CHECK(lines.request(lines.requests()[0], errors) == nlohmann::json{{"amount", 1}});
  CHECK(errors.empty());
}

TEST_CASE("request source: a CSV row has the size limit of a JSON request", "[wire][source]") {
  ir::Program program = schema();
  RequestSource source("amount,id\n1," + std::string(kMaxRequestBytes, 'x') + "\n2,y\n", RequestFormat::Csv);
  std::vector<Diagnostic> errors;
  REQUIRE(source.map_columns(program, {"id"}, errors));
  CHECK(source.request(source.requests()[0], errors).is_null());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R007");
  CHECK(errors[0].message == "the row is 1048578 bytes; the limit is 1048576");
  errors.clear();
  CHECK(source.request(source.requests()[1], errors) == nlohmann::json{{"amount", 2}});
}

TEST_CASE("request source: a CSV number that underflows or overflows is refused, naming the field", "[wire][source]") {
  ir::Program program = schema();
  RequestSource source("amount\n1e-400\n1e400\n0.0\n", RequestFormat::Csv);
  std::vector<Diagnostic> errors;
  REQUIRE(source.map_columns(program, {}, errors));
  CHECK(source.request(source.requests()[0], errors).is_null());
  CHECK(source.request(source.requests()[1], errors).is_null());
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].code == "R005");
  CHECK(errors[0].message ==
        "field `amount` is `1e-400`, which is out of range: it is too close to zero (the smallest is about 2.2e-308)");
  CHECK(errors[1].message ==
        "field `amount` is `1e400`, which is out of range: it is too large (the largest is about 1.8e308)");
  errors.clear();
  CHECK(source.request(source.requests()[2], errors) == nlohmann::json{{"amount", 0.0}});
}

TEST_CASE("request source: --ignore-columns matches like the header, and only names non-field columns",
          "[wire][source]") {
  ir::Program program = schema();
  RequestSource source("amount,Label\n1,good\n", RequestFormat::Csv);
  std::vector<Diagnostic> errors;
  CHECK(source.map_columns(program, {"label"}, errors));  // any case, like the fields
  CHECK(errors.empty());
  CHECK_FALSE(source.map_columns(program, {"Label", "Lable"}, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R013");
  CHECK(errors[0].message == "`--ignore-columns Lable` names no column of the header; did you mean `Label`?");
  errors.clear();
  CHECK_FALSE(source.map_columns(program, {"Label", "AMOUNT"}, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "R013");
  CHECK(errors[0].message ==
        "`--ignore-columns AMOUNT` names field `amount` of `schema`; only columns that are not fields can be ignored");
}

TEST_CASE("request source: the format an --input-format value means", "[wire][source]") {
  CHECK(request_format("auto", "data.csv", RequestFormat::Json) == RequestFormat::Csv);
  CHECK(request_format("auto", "data.jsonl", RequestFormat::JsonLines) == RequestFormat::JsonLines);
  CHECK(request_format("csv", "-", RequestFormat::Json) == RequestFormat::Csv);
  CHECK(request_format("json", "data.csv", RequestFormat::Json) == RequestFormat::Json);
}

}  // namespace
}  // namespace verdict
