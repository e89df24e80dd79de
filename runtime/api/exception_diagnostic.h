#pragma once
#include <string_view>

#include "compiler/source/diagnostic.h"

namespace verdict {

// The exception being handled as a diagnostic. Call only inside a catch
// block. No exception may leave a thread the engine starts (a reload, a
// batch worker) or a load: std::terminate would take the process down.
// std::bad_alloc is A003 ("out of memory while DURING"); anything else is
// E900 ("internal error while DURING: WHAT"), a bug in Verdict.
Diagnostic current_exception_diagnostic(std::string_view during);

}  // namespace verdict
