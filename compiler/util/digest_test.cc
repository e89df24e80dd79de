// The digests and the encoding the decision log's chain relies on, against
// published test vectors.
#include <catch2/catch.hpp>

#include "compiler/util/base64.h"
#include "compiler/util/sha256.h"

namespace verdict {

TEST_CASE("digests: SHA-256 and HMAC-SHA256 match their test vectors", "[util]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231, test case 2.
  CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing!") !=
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("base64: round trips any bytes, refuses what is not base64", "[util]") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");  // RFC 4648, section 10
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (size_t n = 0; n < 8; ++n) {
    std::string cut = bytes.substr(0, bytes.size() - n);
    CHECK(base64_decode(base64_encode(cut)) == cut);
  }
  CHECK_FALSE(base64_decode("Zm9").has_value());
  CHECK_FALSE(base64_decode("Zm9*").has_value());
}

}  // namespace verdict
