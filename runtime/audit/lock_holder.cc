#include "runtime/audit/lock_holder.h"

#include <sys/sysmacros.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace verdict {

// A line of /proc/locks: "1: FLOCK  ADVISORY  WRITE 3954 fe:00:10952944 0 EOF"
// (the device's major and minor in hex, the inode in decimal).
std::optional<pid_t> flock_holder(dev_t device, ino_t inode) {
  std::ifstream locks("/proc/locks");
  char wanted[64];
  std::snprintf(wanted, sizeof wanted, "%02x:%02x:%llu", major(device), minor(device),
                static_cast<unsigned long long>(inode));
  for (std::string line; std::getline(locks, line);) {
    std::istringstream fields(line);
    std::string number, kind, mode, access, pid, file;
    fields >> number >> kind;
    if (kind == "->") fields >> kind;  // a waiter, listed under the holder
    fields >> mode >> access >> pid >> file;
    if (kind == "FLOCK" && file == wanted) return static_cast<pid_t>(std::stol(pid));
  }
  return std::nullopt;
}

}  // namespace verdict
