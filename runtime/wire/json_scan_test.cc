#include "runtime/wire/json_scan.h"

#include <catch2/catch.hpp>
#include <string>

namespace verdict {
namespace {

std::vector<std::string> texts(const std::vector<JsonElement>& elements) {
  std::vector<std::string> out;
  for (const JsonElement& e : elements) out.emplace_back(e.text);
  return out;
}

}  // namespace

TEST_CASE("json scan: depth counts brackets outside strings", "[wire][json_scan]") {
  CHECK_FALSE(json_too_deep_at(R"({"a": [[1]]})", 3));
  CHECK(json_too_deep_at(R"({"a": [[[1]]]})", 3) == 8u);
  CHECK_FALSE(json_too_deep_at(R"({"a": "[[[[\"[[[["})", 1));
  CHECK_FALSE(json_too_deep_at(std::string(64, '[') + std::string(64, ']'), kMaxJsonDepth));
  CHECK(json_too_deep_at(std::string(200000, '['), kMaxJsonDepth) == 64u);
}

TEST_CASE("json scan: an array is split into its elements without parsing them", "[wire][json_scan]") {
  std::vector<JsonElement> elements;
  CHECK(json_shape(" [ {\"a\": [1, 2]} ,\n{\"b\": \"x,]\"}, 3 ]\n", elements) == JsonShape::Array);
  CHECK(texts(elements) == std::vector<std::string>{"{\"a\": [1, 2]}", "{\"b\": \"x,]\"}", "3"});
  CHECK(elements[0].offset == 3);
  elements.clear();
  CHECK(json_shape("[]", elements) == JsonShape::Array);
  CHECK(elements.empty());
  CHECK(json_shape("[1,]", elements) == JsonShape::Array);
  CHECK(texts(elements) == std::vector<std::string>{"1", ""});
}

TEST_CASE("json scan: one object, or else not one document", "[wire][json_scan]") {
  std::vector<JsonElement> elements;
  CHECK(json_shape("{\"a\":\n 1}\n", elements) == JsonShape::Object);
  CHECK(json_shape("{\"a\": 1}\n{\"a\": 2}\n", elements) == JsonShape::Other);  // JSON Lines
  CHECK(json_shape("[1]\n[2]", elements) == JsonShape::Other);
  CHECK(json_shape("[[[[", elements) == JsonShape::Other);
  CHECK(json_shape("[\"]", elements) == JsonShape::Other);
  CHECK(json_shape("", elements) == JsonShape::Other);
  CHECK(json_shape("5", elements) == JsonShape::Other);
  CHECK(elements.empty());
}

}  // namespace verdict
