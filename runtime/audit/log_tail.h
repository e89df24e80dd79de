#pragma once
#include <cstdint>
#include <string>

namespace verdict {

// The end of a decision log as its writer needs it to continue the chain,
// read from the file's last bytes only (opening a log costs the same at
// 1 KB and at 100 GB; verifying the whole chain is `verdict audit`'s job).
struct LogTail {
  uint64_t size = 0;         // of the file
  uint64_t records_end = 0;  // offset just past the last newline; 0 when there is none
  std::string last_line;     // the last whole line, without its newline; empty when none
  std::string line_before;   // the whole line before it; empty when none
  std::string cut;           // the bytes after the last newline: a record cut off part-way
};

// The most bytes from the end of a log read to find those lines.
inline constexpr uint64_t kMaxLogTailBytes = uint64_t{64} << 20;

// Reads the tail of the log open at `fd` (with pread: the file offset is
// left alone). False with `error` when it cannot be read, or when its last
// kMaxLogTailBytes bytes do not hold the two lines.
bool read_log_tail(int fd, LogTail& out, std::string& error);

// The first whole line of the log open at `fd` (without its newline); empty
// when it has none. False with `error` as above.
bool read_log_head_line(int fd, std::string& line, std::string& error);

}  // namespace verdict
