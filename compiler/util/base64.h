#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace verdict {

// Standard base64 (RFC 4648, with `=` padding) of arbitrary bytes, for
// bytes that must travel inside JSON text unchanged (a cut-off log record
// kept in its recovery record).
std::string base64_encode(std::string_view bytes);

// The bytes `text` encodes; nullopt when it is not padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace verdict
