#include "compiler/util/aes_gcm.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

namespace verdict {
namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

// A context set up for AES-256-GCM under `key` and `nonce` with `aad` fed,
// for encrypting (`encrypt`) or decrypting; null if OpenSSL refuses.
CipherContext started(bool encrypt, std::string_view key, std::string_view nonce, std::string_view aad) {
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int ignored = 0;
  if (!ctx || key.size() != kAesKeyBytes || nonce.size() != kGcmNonceBytes ||
      EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce), encrypt ? 1 : 0) != 1 ||
      EVP_CipherUpdate(ctx.get(), nullptr, &ignored, bytes(aad), static_cast<int>(aad.size())) != 1) {
    return CipherContext(nullptr, &EVP_CIPHER_CTX_free);
  }
  return ctx;
}

}  // namespace

std::string aes256gcm_seal(std::string_view key, std::string_view nonce, std::string_view aad,
                           std::string_view plaintext) {
  CipherContext ctx = started(true, key, nonce, aad);
  std::string out(plaintext.size() + kGcmTagBytes, '\0');
  int n = 0, tail = 0;
  if (!ctx || EVP_CipherUpdate(ctx.get(), bytes(out), &n, bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), bytes(out) + n, &tail) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, bytes(out) + n + tail) != 1) {
    throw std::runtime_error("AES-256-GCM encryption failed");
  }
  return out;
}

std::optional<std::string> aes256gcm_open(std::string_view key, std::string_view nonce, std::string_view aad,
                                          std::string_view sealed) {
  if (sealed.size() < kGcmTagBytes) return std::nullopt;
  CipherContext ctx = started(false, key, nonce, aad);
  std::string_view ciphertext = sealed.substr(0, sealed.size() - kGcmTagBytes);
  std::string tag(sealed.substr(ciphertext.size()));
  std::string out(ciphertext.size(), '\0');
  int n = 0, tail = 0;
  if (!ctx ||
      EVP_CipherUpdate(ctx.get(), bytes(out), &n, bytes(ciphertext), static_cast<int>(ciphertext.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag.data()) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), bytes(out) + n, &tail) != 1) {
    return std::nullopt;  // the tag did not verify
  }
  out.resize(static_cast<size_t>(n + tail));
  return out;
}

std::string random_bytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(bytes(out), static_cast<int>(n)) != 1) throw std::runtime_error("the CSPRNG failed");
  return out;
}

}  // namespace verdict
