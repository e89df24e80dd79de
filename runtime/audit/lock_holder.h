#pragma once
#include <sys/types.h>

#include <optional>

namespace verdict {

// The process holding a flock() on the file (`device`, `inode`), read from
// /proc/locks; nullopt when none is listed (or /proc is not mounted). For a
// message only: the holder may let go the moment after.
std::optional<pid_t> flock_holder(dev_t device, ino_t inode);

}  // namespace verdict
