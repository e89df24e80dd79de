#include "runtime/deploy/trace_level.h"

#include <array>
#include <utility>

namespace verdict {
namespace {

constexpr std::array<std::pair<std::string_view, TraceLevel>, 3> kNames = {{
    {"off", TraceLevel::Off},
    {"rules", TraceLevel::Rules},
    {"full", TraceLevel::Full},
}};

}  // namespace

bool parse_trace_level(std::string_view name, TraceLevel& out) {
  for (const auto& [text, level] : kNames) {
    if (text == name) {
      out = level;
      return true;
    }
  }
  return false;
}

std::string_view trace_level_name(TraceLevel level) {
  for (const auto& [text, each] : kNames) {
    if (each == level) return text;
  }
  return "full";  // unreachable: kNames names every level
}

}  // namespace verdict
