#include "runtime/audit/log_chain.h"

#include "compiler/util/sha256.h"

namespace verdict {

std::string LogChain::link(std::string_view line) const {
  return keyed() ? hmac_sha256_hex(key_, line) : sha256_hex(line);
}

std::string LogChain::genesis() const { return keyed() ? hmac_sha256_hex(key_, kKeyedGenesisText) : kLogGenesis; }

}  // namespace verdict
