#include "compiler/util/bounded_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

namespace verdict {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("verdict-bounded-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& content) const {
    std::string p = (path / name).string();
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
};

constexpr FileLimit kTiny{"test file", 10};
constexpr FileLimit kTinyStream{"test input", 10, /*streams=*/true};

}  // namespace

TEST_CASE("bounded file: a regular file within the limit is read whole", "[util][file]") {
  TempDir dir;
  std::string out;
  FileRead read = read_bounded_file(dir.file("a", "0123456789"), kTiny, out);
  CHECK(read);
  CHECK(out == "0123456789");
}

TEST_CASE("bounded file: a file over the limit is refused, naming its size and the limit", "[util][file]") {
  TempDir dir;
  std::string path = dir.file("a", "0123456789x");
  std::string out = "stale";
  FileRead read = read_bounded_file(path, kTiny, out);
  CHECK(read.problem == FileProblem::TooLarge);
  CHECK(read.message == "test file `" + path + "` is 11 bytes; the limit for a test file is 10 bytes");
  CHECK(out.empty());
}

TEST_CASE("bounded file: a 2 GB sparse model file is refused by its size, not read", "[util][file]") {
  TempDir dir;
  std::string path = dir.file("big.json", "");
  fs::resize_file(path, uint64_t{2} << 30);  // sparse: no disk used, reading it would take 2 GB of memory
  std::string out;
  FileRead read = read_bounded_file(path, kModelFileLimit, out);
  CHECK(read.problem == FileProblem::TooLarge);
  CHECK(read.message ==
        "model file `" + path + "` is 2147483648 bytes; the limit for a model file is 1073741824 bytes (1024 MiB)");
  CHECK(out.capacity() < (1 << 20));
}

TEST_CASE("bounded file: a directory or a device is refused before it is read", "[util][file]") {
  TempDir dir;
  std::string out;
  FileRead directory = read_bounded_file(dir.path.string(), kConfigFileLimit, out);
  CHECK(directory.problem == FileProblem::NotRegular);
  CHECK(directory.message == "config file `" + dir.path.string() +
                                 "` is a directory, not a regular file; a config file must be a regular file");
  // /dev/zero never ends: only its type stops it, for files and inputs alike.
  FileRead zero = read_bounded_file("/dev/zero", kRulesFileLimit, out);
  CHECK(zero.problem == FileProblem::NotRegular);
  CHECK(zero.message.find("is a character device") != std::string::npos);
  CHECK(read_bounded_file("/dev/zero", kInputFileLimit, out).problem == FileProblem::NotRegular);
}

TEST_CASE("bounded file: standard input may be a pipe or a terminal, never a device like /dev/zero", "[util][file]") {
  int saved = ::dup(STDIN_FILENO);
  int zero = ::open("/dev/zero", O_RDONLY);
  REQUIRE(zero >= 0);
  ::dup2(zero, STDIN_FILENO);
  std::string out;
  FileRead read = read_bounded_file("-", kInputFileLimit, out);
  ::dup2(saved, STDIN_FILENO);
  ::close(zero);
  ::close(saved);
  CHECK(read.problem == FileProblem::NotRegular);
  CHECK(read.message ==
        "standard input is a character device, not a regular file; an input must be a regular file, a pipe or `-` "
        "(standard input)");
}

TEST_CASE("bounded file: a missing file is unreadable, with the system's reason", "[util][file]") {
  std::string out;
  FileRead read = read_bounded_file("no/such/file.toml", kConfigFileLimit, out);
  CHECK(read.problem == FileProblem::Unreadable);
  CHECK(read.message == "cannot read config file `no/such/file.toml`: no such file or directory");
}

TEST_CASE("bounded file: a pipe is read only where streams are allowed, and capped", "[util][file]") {
  TempDir dir;
  std::string fifo = (dir.path / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string out;
  CHECK(read_bounded_file(fifo, kTiny, out).problem == FileProblem::NotRegular);  // never opened: no writer needed
  for (std::string sent : {std::string("12345"), std::string(100, 'x')}) {
    // The writer's bytes fit the pipe's buffer, so it finishes however much is read.
    std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << sent; });
    FileRead read = read_bounded_file(fifo, kTinyStream, out);
    writer.join();
    if (sent.size() <= 10) {
      CHECK(read);
      CHECK(out == sent);
    } else {
      CHECK(read.problem == FileProblem::TooLarge);
      CHECK(read.message == "test input `" + fifo + "` is over the limit; the limit for a test input is 10 bytes");
    }
  }
}

}  // namespace verdict
