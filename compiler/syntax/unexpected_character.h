#pragma once
#include <string>
#include <string_view>

namespace verdict::syntax {

// The E002 message for `text`, one character that no token starts with (the
// lexer's UNKNOWN_CHAR, or a lone `"` that opens a string never closed),
// with a hint for the common slips: C operators, other quote marks, letters
// outside ascii. PRECONDITION: `text` is valid UTF-8.
std::string unexpected_character(std::string_view text);

}  // namespace verdict::syntax
