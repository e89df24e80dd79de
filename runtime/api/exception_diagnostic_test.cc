// What an exception that would have left a reload or a worker thread (and
// so called std::terminate) becomes instead.
#include "runtime/api/exception_diagnostic.h"

#include <catch2/catch.hpp>
#include <new>
#include <stdexcept>

namespace verdict {
namespace {

template <typename Throw>
Diagnostic caught(Throw raise) {
  try {
    raise();
  } catch (...) {
    return current_exception_diagnostic("reloading");
  }
  FAIL("nothing was thrown");
  return {};
}

TEST_CASE("an exception becomes E900, or A003 when out of memory", "[api][faults]") {
  Diagnostic memory = caught([] { throw std::bad_alloc(); });
  CHECK(memory.code == "A003");
  CHECK(memory.message == "out of memory while reloading");
  Diagnostic length = caught([] { throw std::length_error("cannot create std::vector larger than max_size()"); });
  CHECK(length.code == "E900");
  CHECK(length.message == "internal error while reloading: cannot create std::vector larger than max_size()");
  Diagnostic odd = caught([] { throw 42; });
  CHECK(odd.code == "E900");
  CHECK(odd.message == "internal error while reloading: an exception of unknown type");
  CHECK_FALSE(odd.located);
}

}  // namespace
}  // namespace verdict
