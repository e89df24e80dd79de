#pragma once
#include <string_view>

namespace verdict {

// How much of the trace a decision carries. `rules`: per-rule status only;
// `full`: also the values each rule saw, missing inputs, arithmetic events,
// the input (PII masked), derived values, the model's features and
// contributions, outputs and decide branches.
enum class TraceLevel { Off, Rules, Full };

// "off", "rules", "full"; false for anything else.
bool parse_trace_level(std::string_view name, TraceLevel& out);

}  // namespace verdict
