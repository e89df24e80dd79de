// The digests and the encoding the decision log's chain relies on, against
// published test vectors.
#include <catch2/catch.hpp>

#include "compiler/util/aes_gcm.h"
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

std::string from_hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

TEST_CASE("AES-256-GCM: the GCM specification's test case 16; a wrong key, aad or byte is refused", "[util]") {
  std::string key = from_hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  std::string nonce = from_hex("cafebabefacedbaddecaf888");
  std::string aad = from_hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  std::string plain = from_hex(
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de6"
      "57ba637b39");
  std::string sealed = aes256gcm_seal(key, nonce, aad, plain);
  CHECK(sealed == from_hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056"
                           "828838c5f61e6393ba7a0abcc9f662"
                           "76fc6ece0f4e1768cddf8853bb2d551b"));
  CHECK(aes256gcm_open(key, nonce, aad, sealed) == plain);
  std::string other_key = key;
  other_key[0] ^= 1;
  CHECK_FALSE(aes256gcm_open(other_key, nonce, aad, sealed));
  CHECK_FALSE(aes256gcm_open(key, nonce, aad + "x", sealed));
  for (size_t at : {size_t{0}, sealed.size() - 1}) {
    std::string altered = sealed;
    altered[at] ^= 0x40;
    CHECK_FALSE(aes256gcm_open(key, nonce, aad, altered));
  }
  CHECK_FALSE(aes256gcm_open(key, nonce, aad, "short"));
  CHECK(random_bytes(12).size() == 12);
  CHECK(random_bytes(16) != random_bytes(16));
}

}  // namespace verdict
