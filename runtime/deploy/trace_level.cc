#include "runtime/deploy/trace_level.h"

namespace verdict {

bool parse_trace_level(std::string_view name, TraceLevel& out) {
  if (name == "off")
    out = TraceLevel::Off;
  else if (name == "rules")
    out = TraceLevel::Rules;
  else if (name == "full")
    out = TraceLevel::Full;
  else
    return false;
  return true;
}

}  // namespace verdict
