#pragma once
#include <string>
#include <string_view>

namespace verdict {

// Why a request's number, written as `text` and read as `value`, cannot be
// taken: "too large ..." when it overflows a double, "too close to zero ..."
// when it underflows (to 0 or a subnormal; the rules' number literals, E003,
// have the same bounds); empty when it is in range. A value is never
// silently read as 0 or infinity.
std::string number_out_of_range(std::string_view text, double value);

// The message for a field whose number is out of range (R005).
std::string field_out_of_range(std::string_view field, std::string_view text, const std::string& why);

}  // namespace verdict
