#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace verdict {

// Scanning JSON text for its brackets and strings only: no values are
// built and nothing recurses, so these are safe on any input however deep.
// They do not validate; a parser does that afterwards. The request readers
// and the model reader check nesting with them before their (recursive)
// parsers run.

// The offset just past the string that starts at `at` (a `"`), or the
// text's size when the string is not closed.
size_t json_string_end(std::string_view text, size_t at);

// The 0-based offset of the first `[` or `{` (outside strings) that opens
// a level deeper than `max_depth`; nullopt when the text nests no deeper.
std::optional<size_t> json_too_deep_at(std::string_view text, size_t max_depth);

}  // namespace verdict
