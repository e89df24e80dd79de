#pragma once
// Random, well-typed rulesets (as source text) and random frames for them,
// for the differential test (tests/differential_test.cc). Everything is
// deterministic from the seed: the same seed gives the same text and frames
// on every machine (std::mt19937_64, no std::*_distribution whose output the
// standard leaves to the library).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "compiler/eval/frame.h"
#include "compiler/ir/program.h"

namespace verdict::testing {

// How big a generated ruleset may get. The generator draws the actual sizes
// at random below these limits (most rulesets are much smaller).
struct RulesetShape {
  int max_fields = 12;
  int max_derived = 14;  // lets and segments together
  int max_rules = 200;
  int max_outputs = 4;
  int max_depth = 7;  // expression nesting (operators), before leaves
};

// A generated ruleset: its text, and the literals it compares against, which
// the frame generator hits exactly (and just beside) to probe edges.
struct RandomRuleset {
  uint64_t seed = 0;
  std::string text;
  std::vector<double> numbers;       // every number literal (as written, non-negative)
  std::vector<std::string> strings;  // every string literal's value
};

// A ruleset that must compile without errors (warnings are fine).
RandomRuleset random_ruleset(uint64_t seed, const RulesetShape& shape = {});

// A frame for `program` that is also a valid request: only optional fields
// are ever missing (NaN is stored as missing there too). Numbers include
// ±inf, ±1e308, 5e-324, -0.0 and the literals of `rules` and their
// neighbours; enums favour the first and last member; strings include "",
// unicode and strings sharing prefixes with the literals.
Frame random_frame(const ir::Program& program, const RandomRuleset& rules, std::mt19937_64& rng);

// The frame as a request (a JSON object; ±inf as the strings "inf"/"-inf",
// missing as null) that frame_from_json reads back with allow_nonfinite.
nlohmann::ordered_json frame_json(const ir::Program& program, const Frame& frame);

// The frame as a TOML inline table, ready for a `.cases.toml` `input = ...`.
std::string frame_toml(const ir::Program& program, const Frame& frame);

}  // namespace verdict::testing
