#include "runtime/audit/version_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "compiler/util/bounded_file.h"
#include "compiler/util/sha256.h"
#include "compiler/util/write_all.h"

namespace verdict {
namespace {

// A store object is one of the files a deployment reads, so it is held to
// the largest of their limits.
constexpr FileLimit kStoreObjectLimit{"version store object", kModelFileLimit.max_bytes};

std::string os_error() { return std::strerror(errno); }

bool is_sha256_hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

std::unique_ptr<VersionStore> VersionStore::open(const std::string& dir, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir, ec)) {
    error = "version store `" + dir + "` cannot be created as a folder" + (ec ? " (" + ec.message() + ")" : "");
    return nullptr;
  }
  return std::unique_ptr<VersionStore>(new VersionStore(dir));
}

std::string VersionStore::object_path(std::string_view sha256) const { return dir_ + "/" + std::string(sha256); }

bool VersionStore::put(std::string_view sha256, std::string_view bytes, std::string& error) const {
  if (!is_sha256_hex(sha256) || sha256_hex(bytes) != sha256) {
    error = "version store `" + dir_ + "`: the bytes given do not hash to `" + std::string(sha256) + "`";
    return false;
  }
  std::string path = object_path(sha256);
  if (::access(path.c_str(), F_OK) == 0) return get(sha256, error).has_value();
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0444);
  bool written = fd >= 0 && write_all(fd, bytes) && ::fsync(fd) == 0;
  std::string cause = os_error();
  if (fd >= 0) ::close(fd);
  if (!written || ::rename(temp.c_str(), path.c_str()) != 0 || !sync_dir(dir_)) {
    if (written) cause = os_error();
    ::unlink(temp.c_str());
    error = "version store `" + dir_ + "`: cannot write `" + std::string(sha256) + "` (" + cause + ")";
    return false;
  }
  return true;
}

std::optional<std::string> VersionStore::get(std::string_view sha256, std::string& error) const {
  std::string bytes;
  if (!is_sha256_hex(sha256)) {
    error = "`" + std::string(sha256) + "` is not a SHA-256 in lowercase hex";
    return std::nullopt;
  }
  if (FileRead read = read_bounded_file(object_path(sha256), kStoreObjectLimit, bytes); !read) {
    error = "version store `" + dir_ + "`: " + read.message;
    return std::nullopt;
  }
  if (sha256_hex(bytes) != sha256) {
    error = "version store `" + dir_ + "`: the object `" + std::string(sha256) + "` was altered: its bytes hash to `" +
            sha256_hex(bytes) + "`";
    return std::nullopt;
  }
  return bytes;
}

bool keep_versions(const Deployment& deployment, std::string& error) {
  const DeploymentConfig* config = deployment.config();
  if (!config || config->version_store.empty()) return true;
  std::unique_ptr<VersionStore> store = VersionStore::open(config->version_store, error);
  if (!store) return false;
  for (const VersionSource& source : deployment.versions()) {
    if (!store->put(source.sha256, source.bytes, error)) {
      error += " (the " + std::string(source.what) + " `" + source.path + "`)";
      return false;
    }
  }
  return true;
}

}  // namespace verdict
