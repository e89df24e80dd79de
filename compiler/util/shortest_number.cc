#include "compiler/util/shortest_number.h"

#include <charconv>

namespace verdict {

std::string shortest_number(double x) {
  char buf[32];  // the shortest form of any double needs at most 24 characters
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, ec == std::errc() ? end : buf);
}

}  // namespace verdict
