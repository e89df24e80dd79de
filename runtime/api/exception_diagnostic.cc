#include "runtime/api/exception_diagnostic.h"

#include <exception>
#include <new>
#include <string>

namespace verdict {

Diagnostic current_exception_diagnostic(std::string_view during) {
  const std::string while_text = " while " + std::string(during);
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return Diagnostic::unlocated(code::A003, "out of memory" + while_text);
  } catch (const std::exception& e) {
    return Diagnostic::unlocated(code::E900, "internal error" + while_text + ": " + e.what());
  } catch (...) {
    return Diagnostic::unlocated(code::E900, "internal error" + while_text + ": an exception of unknown type");
  }
}

}  // namespace verdict
