#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verdict {

// The candidate closest to `word` by edit distance, if it is close enough to
// be a plausible typo (distance <= max(1, len/3)). Ties go to the earlier
// candidate, so suggestions are deterministic.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// "; did you mean `x`?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "`a`, `b` or `c`"
std::string quoted_list(const std::vector<std::string>& items);

}  // namespace verdict
