#include "tests/support/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace verdict::testing {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// Reads what is there within `timeout_ms` into `out`: -1 closed or reset,
// 0 nothing came, 1 bytes read.
int read_some(int fd, int timeout_ms, std::string& out) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return 0;
  char buffer[8192];
  ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
  if (n <= 0) return -1;
  out.append(buffer, static_cast<size_t>(n));
  return 1;
}

// The length of the first whole response in `text`, or 0.
size_t response_length(const std::string& text) {
  size_t end = text.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  size_t length = 0;
  size_t at = text.find("Content-Length: ");
  if (at != std::string::npos && at < end) length = std::stoul(text.substr(at + 16));
  return text.size() >= end + 4 + length ? end + 4 + length : 0;
}

}  // namespace

RawConnection::RawConnection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
}

RawConnection::~RawConnection() { ::close(fd_); }

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string RawConnection::read_until_close(int timeout_ms, bool& closed) {
  std::string out = std::move(pending_);
  pending_.clear();
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  closed = false;
  while (!closed && remaining_ms(deadline) > 0) closed = read_some(fd_, remaining_ms(deadline), out) < 0;
  return out;
}

std::string RawConnection::read_response(int timeout_ms) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (response_length(pending_) == 0 && remaining_ms(deadline) > 0) {
    if (read_some(fd_, remaining_ms(deadline), pending_) < 0) break;
  }
  size_t length = response_length(pending_);
  std::string out = pending_.substr(0, length);
  pending_.erase(0, length);
  return out;
}

std::string raw_http(int port, const std::string& request) {
  RawConnection connection(port);
  bool closed = false;
  if (!connection.send(request)) return "";
  return connection.read_until_close(3000, closed);
}

Trickler::Trickler(int port, std::string start, std::string trickle, int interval_ms)
    : connection_(port), thread_([this, start, trickle, interval_ms] { run(start, trickle, interval_ms); }) {}

Trickler::~Trickler() {
  stop_ = true;
  thread_.join();
}

std::string Trickler::answer() const { return closed_ ? answer_ : ""; }

void Trickler::run(std::string start, std::string trickle, int interval_ms) {
  std::string received;
  bool open = connection_.send(start);
  for (size_t i = 0; open && !stop_; ++i) {
    int got = read_some(connection_.fd(), interval_ms, received);
    if (got < 0) break;
    if (got == 0) open = connection_.send(trickle.substr(i % trickle.size(), 1));
  }
  if (stop_) return;
  answer_ = received;
  closed_ = true;
}

}  // namespace verdict::testing
