#include "compiler/syntax/code_point_index.h"

#include <catch2/catch.hpp>
#include <string>

namespace verdict::syntax {

TEST_CASE("code point index: ANTLR's code-point offsets become byte offsets", "[syntax]") {
  CodePointIndex plain("añb");
  CHECK(plain.byte_offset(0) == 0);
  CHECK(plain.byte_offset(1) == 1);
  CHECK(plain.byte_offset(2) == 3);  // `ñ` is two bytes
  CHECK(plain.byte_offset(3) == 4);
  CHECK(plain.byte_offset(99) == 4);  // past the end: the end
  CodePointIndex with_bom(std::string(kUtf8Bom) + "ab");
  CHECK(with_bom.span(0, 2) == Span{3, 5});  // ANTLR does not count the byte order mark
}

}  // namespace verdict::syntax
