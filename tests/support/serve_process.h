#pragma once
#include <sys/types.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace verdict::testing {

// `verdict serve --config CONFIG --port 0` (the binary built with the tests)
// as a child process. The constructor returns once the server says where it
// listens; from then on a thread keeps reading its standard error, so that
// the server never blocks on a full pipe. The destructor kills it (SIGKILL).
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& config);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // True while the process has not exited (nor been killed by a signal).
  bool alive();
  // Everything it has written to standard error so far.
  std::string err();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int err_fd_ = -1;
  std::mutex mutex_;
  std::string err_;
  std::thread reader_;
};

}  // namespace verdict::testing
