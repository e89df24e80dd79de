#include "tests/support/serve_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace verdict::testing {
namespace {

// One line from `fd`, without the newline; false at end of file.
bool read_line(int fd, std::string& line) {
  line.clear();
  char c = 0;
  while (::read(fd, &c, 1) == 1) {
    if (c == '\n') return true;
    line += c;
  }
  return !line.empty();
}

}  // namespace

ServeProcess::ServeProcess(const std::string& config) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_ = ::fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    ::dup2(fds[1], 2);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execl(VERDICT_CLI, "verdict", "serve", "--config", config.c_str(), "--port", "0", nullptr);
    ::_exit(127);
  }
  ::close(fds[1]);
  err_fd_ = fds[0];
  std::string line;
  while (read_line(err_fd_, line)) {
    err_ += line + "\n";
    size_t url = line.find("http://");
    if (url == std::string::npos) continue;
    size_t colon = line.find(':', url + 7);
    if (colon != std::string::npos) port_ = std::atoi(line.c_str() + colon + 1);
    break;
  }
  if (port_ <= 0) {  // the destructor will not run: stop the child here
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    ::close(err_fd_);
  }
  INFO(err_);
  REQUIRE(port_ > 0);
  reader_ = std::thread([this] {
    std::string more;
    while (read_line(err_fd_, more)) {
      std::lock_guard lock(mutex_);
      err_ += more + "\n";
    }
  });
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (reader_.joinable()) reader_.join();  // the pipe closed with the process
  if (err_fd_ >= 0) ::close(err_fd_);
}

bool ServeProcess::alive() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == 0) return true;
  pid_ = -1;
  std::lock_guard lock(mutex_);
  err_ += "[exited: " +
          (WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                               : "status " + std::to_string(WEXITSTATUS(status))) +
          "]\n";
  return false;
}

std::string ServeProcess::err() {
  std::lock_guard lock(mutex_);
  return err_;
}

}  // namespace verdict::testing
