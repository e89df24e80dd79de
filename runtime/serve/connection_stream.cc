#include "runtime/serve/connection_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace verdict::serve {
namespace {

constexpr size_t kReadChunk = 16384;

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    ::inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  }
  ip = text;
}

}  // namespace

ConnectionStream::ConnectionStream(socket_t sock, int read_timeout_ms)
    : sock_(sock), read_timeout_ms_(read_timeout_ms) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    address_of(addr, remote_ip_, remote_port_);
  }
  len = sizeof addr;
  if (::getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    address_of(addr, local_ip_, local_port_);
  }
}

bool ConnectionStream::poll_in(int timeout_ms) const {
  pollfd p{sock_, POLLIN, 0};
  int n;
  do {
    n = ::poll(&p, 1, timeout_ms);
  } while (n < 0 && errno == EINTR);
  return n > 0;
}

bool ConnectionStream::is_readable() const { return in_pos_ < in_.size() || poll_in(read_timeout_ms_); }

// Serves from the buffer; when it is empty, one recv() without waiting and,
// only when nothing has arrived yet, a wait of up to the read timeout.
ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (in_pos_ == in_.size()) {
    in_.resize(kReadChunk);
    in_pos_ = 0;
    ssize_t n = ::recv(sock_, in_.data(), kReadChunk, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      n = poll_in(read_timeout_ms_) ? ::recv(sock_, in_.data(), kReadChunk, MSG_DONTWAIT) : -1;
    }
    in_.resize(n > 0 ? static_cast<size_t>(n) : 0);
    if (n <= 0) return n;
  }
  size_t take = std::min(size, in_.size() - in_pos_);
  std::memcpy(ptr, in_.data() + in_pos_, take);
  in_pos_ += take;
  return static_cast<ssize_t>(take);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  out_.append(ptr, size);
  return static_cast<ssize_t>(size);
}

bool ConnectionStream::flush() {
  size_t sent = 0;
  while (sent < out_.size()) {
    ssize_t n = ::send(sock_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      out_.clear();
      return false;
    }
    sent += static_cast<size_t>(n);
  }
  out_.clear();
  return true;
}

bool ConnectionStream::wait_readable(int timeout_ms, const std::function<bool()>& stopping) const {
  if (in_pos_ < in_.size()) return true;  // a pipelined request
  for (int waited = 0; waited < timeout_ms; waited += 50) {
    if (stopping()) return false;
    if (poll_in(std::min(50, timeout_ms - waited))) return true;
  }
  return false;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = remote_ip_;
  port = remote_port_;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = local_ip_;
  port = local_port_;
}

}  // namespace verdict::serve
