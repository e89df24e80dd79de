#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "compiler/util/json_depth.h"

namespace verdict {

// A scanner over JSON text that sees only its brackets and strings: it
// builds no values and never recurses, so it is safe on any input,
// however deep. It does not validate; the parser does that afterwards.

// The deepest nesting of arrays and objects a request may have: a request
// is one object of plain values (depth 1), so this only stops hostile input
// (docs/language.md#requests).
inline constexpr size_t kMaxJsonDepth = 64;

// Request text nests too deep at the offset json_too_deep_at(text, kMaxJsonDepth) gives.

// One element of a top-level JSON array: its text, whitespace trimmed.
struct JsonElement {
  std::string_view text;
  size_t offset = 0;  // of the element's first byte in the whole text
};

// How a whole input of JSON requests is written.
enum class JsonShape { Object, Array, Other };

// `text` is one object, or one array, when it starts (after whitespace) with
// `{` or `[` whose matching bracket is followed by whitespace only; anything
// else (JSON Lines, or text that is not JSON) is Other. For an array, its
// elements are appended to `elements` (an empty element, as in `[1,,2]`, is
// kept: it is then refused as invalid JSON).
JsonShape json_shape(std::string_view text, std::vector<JsonElement>& elements);

}  // namespace verdict
