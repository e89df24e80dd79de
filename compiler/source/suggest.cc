#include "compiler/source/suggest.h"

#include <algorithm>

namespace verdict {
namespace {

// Edits to turn `a` into `b`: insertions, deletions, substitutions and
// swaps of two adjacent characters (`onwer` is one edit from `owner`).
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> before(b.size() + 1), above(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) above[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitute = above[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above[j] + 1, row[j - 1] + 1, substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    std::swap(before, above);
    std::swap(above, row);
  }
  return above[b.size()];
}

// Longer names are not compared: the distance costs the product of the
// lengths, and nobody mistypes a name this long by a letter or two.
constexpr size_t kMaxCompared = 64;

}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.size() > kMaxCompared) return std::nullopt;
  size_t limit = std::max<size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: skip the work.
    size_t length_gap =
        word.size() > candidate.size() ? word.size() - candidate.size() : candidate.size() - word.size();
    if (length_gap >= best_distance || candidate.size() > kMaxCompared) continue;
    size_t d = edit_distance(word, candidate);
    if (d < best_distance && d > 0) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto match = closest_match(word, candidates);
  return match ? "; did you mean `" + *match + "`?" : "";
}

std::string quoted_list(const std::vector<std::string>& items, std::string_view last_joiner, size_t limit) {
  std::string out;
  size_t shown = items.size() > limit ? limit : items.size();
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == items.size() ? " " + std::string(last_joiner) + " " : ", ";
    out += "`" + items[i] + "`";
  }
  if (shown < items.size()) out += ", ... (" + std::to_string(items.size() - shown) + " more)";
  return out;
}

}  // namespace verdict
