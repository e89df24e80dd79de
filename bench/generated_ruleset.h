#pragma once
#include <cstdint>
#include <string>

namespace verdict::bench {

// A synthetic credit ruleset over the credit_approval input schema with
// `rules` scorecard rules of mixed shapes (ranges, enum tests, lets with
// division, `??`, `is missing`, `or`), deterministic for a seed. It stands
// in for the large rulesets of a real lender.
std::string generated_ruleset(int rules, uint64_t seed);

}  // namespace verdict::bench
