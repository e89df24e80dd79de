#pragma once
#include <string>

namespace verdict {

// The shortest text that reads back as `x`: 1.1, 0.5, 1e-10 (for messages
// that quote a number from a config file).
std::string number_text(double x);

}  // namespace verdict
