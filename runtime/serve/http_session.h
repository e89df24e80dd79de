#pragma once
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <memory>
#include <optional>

#include "runtime/serve/framing.h"
#include "runtime/serve/reply.h"
#include "runtime/serve/routes.h"
#include "runtime/serve/server_config.h"
#include "runtime/serve/service.h"

namespace verdict::serve {

class HttpSession;

// What a connection needs from the server that accepted it. Called on the
// I/O thread, except service() (any thread: Service is thread-safe).
class SessionHost {
 public:
  virtual Service& service() = 0;
  virtual const ServerConfig& config() const = 0;
  // The one-threaded context every session's handlers run on.
  virtual boost::asio::io_context& io() = 0;
  // Runs `job` on a worker; false when every worker is busy and the queue full.
  virtual bool submit(std::function<void()> job) = 0;
  // Stopping: no further request is read on any connection.
  virtual bool draining() const = 0;
  // `session` is closed: the host drops its reference.
  virtual void forget(const HttpSession& session) = 0;

 protected:
  ~SessionHost() = default;
};

// One accepted connection, for as long as it is kept alive. Its handlers
// all run on the I/O thread, so a slow client costs a socket and a buffer,
// never a worker: a request is read whole (line, headers, body) before it
// is given to the pool, and must arrive within `server.request_deadline_ms`
// of its first byte; the wait for the next request's first byte is
// `server.keep_alive_seconds`. Any framing error is answered (400, 413,
// 431) and the connection closed: nothing after it is read as a request.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, SessionHost& host);

  void start();
  // The server is stopping: an idle connection closes now; a request begun
  // is read, answered and its connection closed after it.
  void drain();
  // Closes at once (the drain deadline); a request on a worker is finished
  // there but not answered.
  void close();

 private:
  enum class State { Idle, Reading, Answering, Closing, Closed };
  using ErrorCode = boost::system::error_code;

  void await_request();
  void read_header();
  void on_header(const ErrorCode& error);
  void read_body();
  void on_body(const ErrorCode& error);
  void answer_on_worker(RouteRequest request);
  void refuse(const ErrorCode& error);
  // Sends `reply`; the connection stays open for the next request when
  // `may_keep` and the client, the request count and the server allow it.
  void send(Reply&& reply, bool may_keep);
  void on_sent(const ErrorCode& error, bool keep_alive);
  void linger_close();
  void discard_input();

  SessionHost& host_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  std::array<char, 4096> discard_{};
  const Route* route_ = nullptr;
  size_t served_ = 0;
  State state_ = State::Idle;
};

}  // namespace verdict::serve
