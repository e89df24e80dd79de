#include "compiler/check/check_context.h"

namespace verdict::check {

std::vector<std::string> CheckContext::value_names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : values) out.push_back(name);
  return out;
}

std::vector<std::string> CheckContext::output_names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : outputs) out.push_back(name);
  return out;
}

}  // namespace verdict::check
