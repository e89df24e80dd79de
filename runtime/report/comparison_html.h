#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace verdict {

// What a champion/challenger page names at its top: the log compared and
// the two deployments (plain text).
struct ComparisonTitle {
  std::string log, champion, challenger;
};

// The champion/challenger comparison (`verdict replay --against --html`)
// as one self-contained page (HtmlPage): the transition matrix, the
// outcome rates of both sides as bars, changes by segment, the drivers of
// the changes, and the histogram of final-score shifts. `report` is
// ChallengerComparison::report() (runtime/replay); a part it lacks is left
// out of the page, never invented.
std::string comparison_html(const nlohmann::ordered_json& report, const ComparisonTitle& title);

}  // namespace verdict
