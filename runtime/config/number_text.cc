#include "runtime/config/number_text.h"

#include <charconv>

namespace verdict {

std::string number_text(double x) {
  char buf[32];  // to_chars's shortest form of a double needs at most 24
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(x);
}

}  // namespace verdict
