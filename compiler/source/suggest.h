#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verdict {

// The candidate closest to `word` by edit distance (a swap of two adjacent
// characters counts as one edit), if it is close enough to be a plausible
// typo (distance <= max(1, len/3)). Ties go to the earlier candidate, so
// suggestions are deterministic. Names over 64 bytes are not compared.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean `x`?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "`a`, `b` or `c`" (`last_joiner` "and" gives "`a`, `b` and `c`"). Past
// `limit` items the rest are counted, not listed: "`a`, `b`, ... (40 more)".
std::string quoted_list(const std::vector<std::string>& items, std::string_view last_joiner = "or",
                        size_t limit = SIZE_MAX);

}  // namespace verdict
