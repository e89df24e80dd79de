// The memoised number texts against their formatters: every text equals the
// one formatting gives, whatever was cached in its slot before, on every
// thread.
#include "runtime/wire/number_text.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include <vector>

namespace verdict {
namespace {

std::string nlohmann_text(double x) { return nlohmann::json(x).dump(); }

std::string shortest_text(double x) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

std::string float_text(float x) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  double shortest = x;
  std::from_chars(buf, end, shortest);
  return nlohmann_text(shortest);
}

// Doubles of every magnitude and sign, repeated in a shuffled order so that
// entries are both hit and evicted (20,000 values over 256 slots).
std::vector<double> mixed_doubles(uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) {
    uint64_t bits = random();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    values.push_back(std::isfinite(x) ? x : 0.5);
    values.push_back(std::ldexp(static_cast<double>(random() % 1000), -static_cast<int>(random() % 20)));
  }
  for (double x : {0.0, -0.0, 0.4, 0.6, 92.0, 1e-5, 1e21, 5e-324, 1.7976931348623157e308}) {
    for (int k = 0; k < 50; ++k) values.push_back(x);
  }
  std::shuffle(values.begin(), values.end(), random);
  return values;
}

TEST_CASE("number texts: every cached text is the formatter's, hit or evicted", "[wire][number_text]") {
  size_t wrong = 0;
  for (double x : mixed_doubles(7)) {
    if (std::string(json_number_text(x)) != nlohmann_text(x)) ++wrong;
    if (std::string(shortest_number_text(x)) != shortest_text(x)) ++wrong;
    const float f = static_cast<float>(x);
    if (std::isfinite(f) && std::string(float_json_text(f)) != float_text(f)) ++wrong;
  }
  CHECK(wrong == 0);
  CHECK(json_number_text(-0.0) == "-0.0");
  CHECK(json_number_text(0.0) == "0.0");  // +0 has the bits of an empty entry
  CHECK(shortest_number_text(60.0) == "60");
  CHECK(float_json_text(0.013891962f) == "0.013891962");
}

TEST_CASE("number texts: threads keep caches of their own", "[wire][number_text]") {
  std::vector<size_t> wrong(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([t, &wrong] {
      for (double x : mixed_doubles(100 + t)) {
        if (std::string(json_number_text(x)) != nlohmann_text(x)) ++wrong[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (size_t w : wrong) CHECK(w == 0);
}

}  // namespace
}  // namespace verdict
