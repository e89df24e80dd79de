#pragma once
#include <string_view>

namespace verdict {

// How much of the trace a decision carries. `rules`: per-rule status only;
// `full`: also the values each rule saw, missing inputs, arithmetic events,
// the input (PII masked), derived values, the model's features and
// contributions, outputs and decide branches.
enum class TraceLevel { Off, Rules, Full };

// "off", "rules", "full"; false for anything else. The one place that reads
// a trace level's name: the config reader and `--trace` go through it.
bool parse_trace_level(std::string_view name, TraceLevel& out);

// The name parse_trace_level reads: "off", "rules" or "full".
std::string_view trace_level_name(TraceLevel level);

}  // namespace verdict
