#pragma once
#include <string>

namespace verdict {

// The shortest text that reads back as exactly `x` (std::to_chars):
// `100`, `0.1`, `1e-10`, `1.7976931348623157e+308`, `inf`, `-inf`, `nan`.
// The one number formatter of every message, dump and config echo; the
// decision JSON writes numbers through it too (runtime/wire/value_json.h).
std::string shortest_number(double x);

}  // namespace verdict
