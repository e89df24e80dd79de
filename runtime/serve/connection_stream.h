#pragma once
#include <httplib.h>

#include <functional>
#include <string>

namespace verdict::serve {

// One accepted connection as the HTTP library's Stream, with fewer system
// calls than the library's own: a response is sent with one send() at
// flush() (the library writes the headers and the body separately, two TCP
// segments on a TCP_NODELAY socket), reads come from a buffer that one
// recv() refills, and the peer's addresses are looked up once.
class ConnectionStream : public httplib::Stream {
 public:
  ConnectionStream(socket_t sock, int read_timeout_ms);

  bool is_readable() const override;
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

  // Sends what was written since the last flush; false when it failed.
  bool flush();
  // Waits up to `timeout_ms` for the next request (or the peer closing):
  // true when there is something to read. Gives up early, false, once
  // `stopping` says so (checked every 50 ms).
  bool wait_readable(int timeout_ms, const std::function<bool()>& stopping) const;

 private:
  bool poll_in(int timeout_ms) const;

  socket_t sock_;
  int read_timeout_ms_;
  std::string in_;
  size_t in_pos_ = 0;
  std::string out_;
  std::string remote_ip_, local_ip_;
  int remote_port_ = -1, local_port_ = -1;
};

}  // namespace verdict::serve
