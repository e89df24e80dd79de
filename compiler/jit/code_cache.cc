#include "compiler/jit/code_cache.h"

namespace verdict::jit {

std::optional<std::string> CodeCache::find(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = objects_.find(key);
  if (it == objects_.end()) return std::nullopt;
  ++hits_;
  return it->second;
}

void CodeCache::store(const std::string& key, std::string object) {
  std::lock_guard<std::mutex> lock(mu_);
  objects_.emplace(key, std::move(object));
}

size_t CodeCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return objects_.size();
}

}  // namespace verdict::jit
