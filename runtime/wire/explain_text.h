#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace verdict {

// A human-readable explanation of one decision, rendered from its JSON form
// (decision_json with a full trace), so both views always agree.
std::string explain_text(const nlohmann::ordered_json& decision);

}  // namespace verdict
