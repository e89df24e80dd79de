#pragma once
#include <string>

#include "runtime/replay/challenger_comparison.h"

namespace verdict::cli {

// How a champion/challenger comparison is written (`verdict replay
// --against`, `verdict compare`): `format` "text" or "json" to stdout, and
// with `html` a self-contained page to that file; `source` (the log or the
// input), `champion` and `challenger` name what was compared.
struct ComparisonOutput {
  std::string format = "text", html, source, champion, challenger;
};

// Writes the comparison; false (the problem on stderr) when the page could
// not be written.
bool write_comparison(const ChallengerComparison& comparison, const ComparisonOutput& output);

}  // namespace verdict::cli
