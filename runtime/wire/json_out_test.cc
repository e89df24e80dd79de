// JsonOut against nlohmann's dump, the writer it replaced: every scalar and
// structure byte for byte, over strings with every kind of byte and doubles
// of every magnitude.
#include "runtime/wire/json_out.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "runtime/wire/value_json.h"

namespace verdict {
namespace {

using nlohmann::ordered_json;

std::string streamed_string(const std::string& s) {
  JsonOut out;
  out.string(s);
  return out.take();
}

std::string streamed_number(double x) {
  JsonOut out;
  out.number(x);
  return out.take();
}

// Random bytes drawn to hit every path: ASCII, control characters, quotes
// and backslashes, valid 2-4 byte sequences, stray continuation bytes,
// overlong forms, surrogates, truncated sequences.
std::string random_bytes(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {"a",
                                                  "Z",
                                                  " ",
                                                  "\"",
                                                  "\\",
                                                  "/",
                                                  "\x7f",
                                                  "\x01",
                                                  "\x1b",
                                                  "\x1f",
                                                  "\n",
                                                  "\t",
                                                  "\b",
                                                  "\f",
                                                  "\r",
                                                  std::string(1, '\0'),
                                                  "\xc3\xa9",
                                                  "\xe2\x82\xac",
                                                  "\xf0\x9f\x98\x80",
                                                  "\x80",
                                                  "\xbf",
                                                  "\xc0\xaf",
                                                  "\xc3",
                                                  "\xed\xa0\x80",
                                                  "\xf4\x90\x80\x80",
                                                  "\xe2\x82",
                                                  "\xff",
                                                  "\xef\xbf\xbd"};
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1), length(0, 12);
  std::string s;
  for (size_t n = length(rng); n > 0; --n) s += pieces[pick(rng)];
  return s;
}

}  // namespace

TEST_CASE("json out: strings are written as nlohmann writes them", "[wire][json_out]") {
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string s = random_bytes(rng);
    INFO("bytes " << ordered_json(s).dump(-1, ' ', true, ordered_json::error_handler_t::replace));
    REQUIRE(streamed_string(s) == json_text(ordered_json(s)));
  }
}

TEST_CASE("json out: each string takes the writer that writes it as nlohmann does", "[wire][json_out]") {
  CHECK(json_string_kind("credit approval \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") == JsonStringKind::Verbatim);
  CHECK(json_string_kind("say \"no\" \\") == JsonStringKind::Escaped);
  CHECK(json_string_kind("tab\there") == JsonStringKind::Other);
  CHECK(json_string_kind("\xc0\xaf") == JsonStringKind::Other);
  CHECK(json_string_kind("\xed\xa0\x80") == JsonStringKind::Other);
  CHECK(json_string_kind("\xe2\x82") == JsonStringKind::Other);
  CHECK(streamed_string("say \"no\" \\") == R"("say \"no\" \\")");
  CHECK(streamed_string("\x1b[0m") == "\"\\u001b[0m\"");
  CHECK(streamed_string("bad \xff byte") == "\"bad \xef\xbf\xbd byte\"");
}

TEST_CASE("json out: doubles are written as nlohmann writes them", "[wire][json_out]") {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 200000; ++i) {
    uint64_t bits = rng();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    REQUIRE(streamed_number(x) == ordered_json(x).dump());
  }
  for (double x : {0.0, -0.0, 1.0, 60.0, 0.1, 1e-5, 1e-4, 1e15, 1e16, 1e21, 1e300, 5e-324, 0.9861080376431346,
                   std::numeric_limits<double>::max(), -std::numeric_limits<double>::min()}) {
    CHECK(streamed_number(x) == ordered_json(x).dump());
  }
  CHECK(streamed_number(std::nan("")) == "null");
  CHECK(streamed_number(-std::numeric_limits<double>::infinity()) == "null");
}

TEST_CASE("json out: structure, keys, integers and raw values", "[wire][json_out]") {
  ordered_json want = {{"request", 3u},
                       {"a", {1, -2, true, nullptr}},
                       {"b", ordered_json::object()},
                       {"c", ordered_json::array()},
                       {"raw", {{"x", 1}}},
                       {"tab\tkey", "v"}};
  JsonOut out;
  out.begin_object();
  out.key("request"), out.unsigned_integer(3);
  out.key("a"), out.begin_array();
  out.integer(1), out.integer(-2), out.boolean(true), out.null();
  out.end_array();
  out.key("b"), out.begin_object(), out.end_object();
  out.key("c"), out.begin_array(), out.end_array();
  out.key("raw"), out.raw(R"({"x":1})");
  out.key("tab\tkey"), out.string("v");
  out.end_object();
  CHECK(out.take() == want.dump());
}

TEST_CASE("json out: rendered keys and strings equal the ones key() and string() write", "[wire][json_out]") {
  for (std::string name : {"income", "say \"no\"", "tab\there", "bad \xc0\xaf byte", "caf\xc3\xa9", ""}) {
    INFO("name `" << name << "`");
    JsonOut direct, rendered;
    direct.begin_object(), direct.key("a"), direct.integer(1);
    direct.key(name), direct.string(name), direct.end_object();
    rendered.begin_object(), rendered.rendered_key(JsonOut::key_text("a")), rendered.integer(1);
    rendered.rendered_key(JsonOut::key_text(name)), rendered.raw(JsonOut::string_text(name)), rendered.end_object();
    CHECK(rendered.text() == direct.text());
  }
}

TEST_CASE("json out: a captured value is repeated byte for byte, also after the buffer grows", "[wire][json_out]") {
  JsonOut out;
  out.begin_array();
  JsonOut::Span first = out.capture([&] { out.number(19.444444444444443); });
  CHECK(!first.empty());
  JsonOut::Span in_object;
  out.begin_object();
  out.key("k");
  in_object = out.capture([&] { out.string("x\"y"); });
  out.end_object();
  const std::string filler(100000, 'a');  // several growths: the captured text moves with the buffer
  out.string(filler);
  out.repeat(first);
  out.begin_object(), out.key("again"), out.repeat(in_object), out.end_object();
  out.end_array();
  ordered_json want = ordered_json::array({19.444444444444443, {{"k", "x\"y"}}, filler, 19.444444444444443});
  want.push_back({{"again", "x\"y"}});
  CHECK(out.text() == want.dump());
}

TEST_CASE("json out: floats as their shortest decimal, non-finite ones as the decision writes them",
          "[wire][json_out]") {
  const auto written = [](float x) {
    JsonOut out;
    write_float(out, x);
    return out.take();
  };
  CHECK(written(0.013891962f) == "0.013891962");
  CHECK(written(12.0f) == "12.0");
  CHECK(written(std::numeric_limits<float>::quiet_NaN()) == "null");
  CHECK(written(std::numeric_limits<float>::infinity()) == "\"inf\"");
  CHECK(written(-std::numeric_limits<float>::infinity()) == "\"-inf\"");
}

}  // namespace verdict
