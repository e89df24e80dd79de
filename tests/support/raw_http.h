#pragma once
#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <thread>

namespace verdict::testing {

// A TCP connection to 127.0.0.1:`port` that sends and reads bytes exactly
// as given, for requests no HTTP client library would send. Closed on
// destruction. Sends never raise SIGPIPE.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the bytes could not be sent (the server closed or reset).
  bool send(std::string_view bytes);
  // Reads until the server closes the connection (`closed` true) or
  // `timeout_ms` passes without it (`closed` false).
  std::string read_until_close(int timeout_ms, bool& closed);
  // Reads one response (its headers and a Content-Length body); empty when
  // none came whole within `timeout_ms`.
  std::string read_response(int timeout_ms);
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  std::string pending_;  // read past the last response
};

// Sends `request` as is and reads until the server closes (3 s at most).
std::string raw_http(int port, const std::string& request);

// A slow client: sends `start`, then one byte of `trickle` (cycled) every
// `interval_ms`, on a thread of its own, until the server closes the
// connection or the Trickler is destroyed.
class Trickler {
 public:
  Trickler(int port, std::string start, std::string trickle, int interval_ms);
  ~Trickler();

  // The server closed (or reset) the connection; what it sent before is answer().
  bool closed() const { return closed_; }
  std::string answer() const;

 private:
  void run(std::string start, std::string trickle, int interval_ms);

  RawConnection connection_;
  std::atomic<bool> closed_{false}, stop_{false};
  std::string answer_;
  std::thread thread_;
};

}  // namespace verdict::testing
