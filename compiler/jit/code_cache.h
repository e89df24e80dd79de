#pragma once
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace verdict::jit {

// Compiled object files keyed by a content hash of the code they were built
// from (SHA-256 of the LLVM IR, the optimisation level and the target), so an
// unchanged ruleset is never compiled twice. Owned by whoever compiles
// (no global instance); thread-safe; entries are never evicted.
class CodeCache {
 public:
  std::optional<std::string> find(const std::string& key) const;
  void store(const std::string& key, std::string object);

  size_t hits() const { return hits_.load(); }
  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> objects_;
  mutable std::atomic<size_t> hits_{0};
};

}  // namespace verdict::jit
