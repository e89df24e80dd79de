#pragma once
#include <cstdint>
#include <string>

namespace verdict {

// What one kind of file Verdict reads may be: how large, and whether a
// stream (standard input as `-`, a pipe such as `<(cmd)`) is accepted.
// Everything else that is not a regular file (a directory, `/dev/zero`, a
// socket) is refused before a byte is read.
struct FileLimit {
  const char* kind;    // names the file in messages: "rules file", "model file"
  uint64_t max_bytes;  // a file, or a stream, over this is refused
  bool streams = false;
};

inline constexpr uint64_t kMiB = uint64_t{1} << 20;

// The limits per kind of file (docs/deployment.md#files-verdict-reads).
inline constexpr FileLimit kRulesFileLimit{"rules file", 4 * kMiB};  // the parser's own limit (E006)
inline constexpr FileLimit kConfigFileLimit{"config file", 16 * kMiB};
inline constexpr FileLimit kCasesFileLimit{"cases file", 64 * kMiB};
inline constexpr FileLimit kModelFileLimit{"model file", 1024 * kMiB};
inline constexpr FileLimit kDataFileLimit{"data file", 1024 * kMiB};
inline constexpr FileLimit kInputFileLimit{"input", 1024 * kMiB, /*streams=*/true};

// Why a read failed. `Unreadable`: the file does not exist, may not be read,
// or reading it failed (errno's reason in the message). `NotRegular` and
// `TooLarge`: Verdict refused to read it (a directory or device; over the
// kind's limit).
enum class FileProblem { None, Unreadable, NotRegular, TooLarge };

struct FileRead {
  FileProblem problem = FileProblem::None;
  std::string message;  // lowercase, names the path in backticks; empty when ok
  explicit operator bool() const { return problem == FileProblem::None; }
};

// Reads the whole file at `path` (standard input for "-" when the limit
// allows streams) into `out`. The type and the size are checked before
// anything is read, and the read stops at `limit.max_bytes` + 1 bytes, so a
// file that grows while it is read, or an endless stream, is refused too.
// `out` is cleared on failure.
FileRead read_bounded_file(const std::string& path, const FileLimit& limit, std::string& out);

}  // namespace verdict
