#include "runtime/serve/http_server.h"

#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/serve/bounded_pool.h"
#include "runtime/serve/error_body.h"
#include "runtime/serve/http_session.h"

namespace verdict::serve {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using ErrorCode = boost::system::error_code;

constexpr int kListenBacklog = 1024;  // a burst of clients connecting at once
// After a failed accept (out of file descriptors): wait before the next, not spin.
constexpr std::chrono::milliseconds kAcceptRetry{50};

}  // namespace

// Every member but stop() runs on the I/O thread (the one in run()).
class HttpServer::Impl final : public SessionHost {
 public:
  Impl(Service& service, const ServerConfig& config)
      : service_(service),
        config_(config),
        acceptor_(io_),
        retry_timer_(io_),
        drain_timer_(io_),
        pool_(static_cast<size_t>(config.threads), config.max_queue) {}

  Service& service() override { return service_; }
  const ServerConfig& config() const override { return config_; }
  net::io_context& io() override { return io_; }
  bool submit(std::function<void()> job) override { return pool_.try_submit(std::move(job)); }
  bool draining() const override { return draining_; }
  void forget(const HttpSession& session) override {
    sessions_.erase(&session);
    if (draining_ && sessions_.empty()) drain_timer_.cancel();
  }

  // The port bound, or -1 with `error` set. Raises the process's soft limit
  // of open files to its hard limit first: each connection is a descriptor,
  // and the default 1024 is soon held by slow clients.
  int bind(ErrorCode& error) {
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
      files.rlim_cur = files.rlim_max;
      ::setrlimit(RLIMIT_NOFILE, &files);
    }
    tcp::resolver resolver(io_);
    auto found = resolver.resolve(config_.bind, std::to_string(config_.port), tcp::resolver::passive, error);
    if (error) return -1;
    tcp::endpoint endpoint = found.begin()->endpoint();
    // SO_REUSEADDR, not SO_REUSEPORT: a second server on a port in use fails.
    if (!acceptor_.open(endpoint.protocol(), error) &&
        !acceptor_.set_option(tcp::acceptor::reuse_address(true), error) && !acceptor_.bind(endpoint, error) &&
        !acceptor_.listen(kListenBacklog, error)) {
      return acceptor_.local_endpoint().port();
    }
    return -1;
  }

  bool run() {
    accept();
    // Until drained: no acceptor, no session, no job on a worker. A handler
    // that throws (out of memory) costs its connection, not the server: the
    // loop goes on; that connection is left without a pending operation and
    // is closed at the drain.
    for (;;) {
      try {
        io_.run();
        break;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "verdict serve: internal error on the I/O thread: %s\n", e.what());
      }
    }
    pool_.shutdown();
    return true;
  }

  void stop() {
    net::post(io_, [this] { begin_drain(); });
  }

 private:
  void accept() {
    acceptor_.async_accept([this](const ErrorCode& error, tcp::socket socket) { on_accept(error, std::move(socket)); });
  }

  void on_accept(const ErrorCode& error, tcp::socket socket) {
    if (draining_ || error == net::error::operation_aborted) return;
    if (error) {
      retry_timer_.expires_after(kAcceptRetry);
      retry_timer_.async_wait([this](const ErrorCode& e) {
        if (!e && !draining_) accept();
      });
      return;
    }
    if (sessions_.size() >= config_.max_connections) {
      refuse(std::move(socket));
      accept();
      return;
    }
    auto session = std::make_shared<HttpSession>(std::move(socket), *this);
    sessions_.emplace(session.get(), session);
    session->start();
    accept();
  }

  // Answers a connection past max_connections 503 and closes it. The answer
  // is written without waiting: a new socket's send buffer is empty, so the
  // few hundred bytes go out whole, and a client that is gone costs nothing.
  void refuse(tcp::socket socket) {
    std::string body = error_body("too_many_connections", "the server has " + std::to_string(sessions_.size()) +
                                                              " connections open, its `max_connections`; try again");
    std::string response =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
        "Connection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    ErrorCode ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(net::buffer(response), ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    service_.counters().count_error("too_many_connections");
    service_.counters().count_response(503);
  }

  std::vector<std::shared_ptr<HttpSession>> snapshot() const {
    std::vector<std::shared_ptr<HttpSession>> out;
    out.reserve(sessions_.size());
    for (const auto& [key, session] : sessions_) out.push_back(session);
    return out;
  }

  void begin_drain() {
    if (draining_) return;
    draining_ = true;
    ErrorCode ignored;
    acceptor_.close(ignored);
    retry_timer_.cancel();
    for (const auto& session : snapshot()) session->drain();
    if (sessions_.empty()) return;
    drain_timer_.expires_after(std::chrono::milliseconds(config_.drain_deadline_ms));
    drain_timer_.async_wait([this](const ErrorCode& error) {
      if (error) return;  // cancelled: every connection closed in time
      for (const auto& session : snapshot()) session->close();
    });
  }

  Service& service_;
  const ServerConfig config_;
  // Declared first, destroyed last: the sockets, timers and the pool's
  // jobs (their work guards) refer to it.
  net::io_context io_{1};
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_, drain_timer_;
  bool draining_ = false;
  // The open connections, each owned here until it closes (forget()).
  std::unordered_map<const HttpSession*, std::shared_ptr<HttpSession>> sessions_;
  BoundedPool pool_;
};

HttpServer::HttpServer(Service& service, const ServerConfig& config) : impl_(std::make_unique<Impl>(service, config)) {}

HttpServer::~HttpServer() = default;

bool HttpServer::bind(Diagnostics& diags) {
  ErrorCode error;
  port_ = impl_->bind(error);
  if (port_ > 0) return true;
  const ServerConfig& c = impl_->config();
  diags.report_unlocated(code::S006,
                         "cannot listen on `" + c.bind + ":" + std::to_string(c.port) + "`: " + error.message());
  return false;
}

bool HttpServer::run() { return impl_->run(); }

void HttpServer::stop() { impl_->stop(); }

}  // namespace verdict::serve
