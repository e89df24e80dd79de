#include "runtime/wire/number_range.h"

#include <cfloat>
#include <cmath>

namespace verdict {

std::string number_out_of_range(std::string_view text, double value) {
  if (std::isfinite(value) && (value == 0 || std::fabs(value) >= DBL_MIN)) {
    if (value != 0) return {};
    // 0 is in range only when it was written as zero (`0`, `-0.0`, `0e5`).
    size_t mantissa_end = text.find_first_of("eE");
    if (text.substr(0, mantissa_end).find_first_of("123456789") == std::string_view::npos) return {};
  }
  if (std::isinf(value) || std::fabs(value) >= 1) return "it is too large (the largest is about 1.8e308)";
  return "it is too close to zero (the smallest is about 2.2e-308)";
}

std::string field_out_of_range(std::string_view field, std::string_view text, const std::string& why) {
  return "field `" + std::string(field) + "` is `" + std::string(text) + "`, which is out of range: " + why;
}

}  // namespace verdict
