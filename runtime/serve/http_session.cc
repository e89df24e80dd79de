#include "runtime/serve/http_session.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <string_view>

namespace verdict::serve {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using std::chrono::milliseconds;

constexpr size_t kReadChunk = 16384;
// After the last answer on a connection the server stops sending and reads
// (and drops) what the client still sends, for at most this long, before it
// closes: closing with unread input would reset the connection and could
// destroy the answer before the client has read it.
constexpr milliseconds kLinger{1000};
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket socket, SessionHost& host)
    : host_(host), stream_(std::move(socket)), buffer_(host.config().max_header_bytes + kReadChunk) {
  ErrorCode ignored;
  stream_.socket().set_option(net::ip::tcp::no_delay(true), ignored);
}

void HttpSession::start() { await_request(); }

void HttpSession::drain() {
  if (state_ == State::Idle) close();
}

void HttpSession::close() {
  if (state_ == State::Closed) return;
  state_ = State::Closed;
  ErrorCode ignored;
  stream_.socket().shutdown(net::socket_base::shutdown_both, ignored);
  stream_.close();
  host_.forget(*this);  // last: it may drop the last reference but one
}

// Between requests: the first byte of the next one must come within
// `keep_alive_seconds`; bytes already buffered (a pipelined request) are read at once.
void HttpSession::await_request() {
  state_ = State::Idle;
  if (host_.draining()) return linger_close();
  if (buffer_.size() > 0) return read_header();
  stream_.expires_after(std::chrono::seconds(host_.config().keep_alive_seconds));
  stream_.async_read_some(buffer_.prepare(kReadChunk), [self = shared_from_this()](const ErrorCode& error, size_t n) {
    if (error) return self->close();
    self->buffer_.commit(n);
    self->read_header();
  });
}

// The request deadline is set once, here, for the request line, the headers
// and the body together: a client trickling bytes does not extend it.
void HttpSession::read_header() {
  if (state_ == State::Closed) return;
  state_ = State::Reading;
  const ServerConfig& config = host_.config();
  stream_.expires_after(milliseconds(config.request_deadline_ms));
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(config.max_header_bytes));
  parser_->body_limit(config.max_request_bytes);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](const ErrorCode& error, size_t) { self->on_header(error); });
}

void HttpSession::on_header(const ErrorCode& error) {
  if (error) return refuse(error);
  Service& service = host_.service();
  if (std::optional<Reply> refused = header_refusal(service, host_.config(), *parser_)) {
    return send(std::move(*refused), false);
  }
  const auto& request = parser_->get();
  std::string_view path = path_of(request.target());
  route_ = find_route(path);
  // A body this server does not read ends the connection after the answer.
  bool has_body = parser_->chunked() || parser_->content_length().value_or(0) > 0;
  bool may_keep = !has_body && request.keep_alive();
  if (std::optional<Reply> refused = refuse_route(service, route_, request.method_string(), path)) {
    return send(std::move(*refused), may_keep);
  }
  if (!route_->reads_body) return send(answer_route(service, *route_, {}), may_keep);
  if (!beast::iequals(request[http::field::expect], "100-continue")) return read_body();
  net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                   [self = shared_from_this()](const ErrorCode& e, size_t) {
                     if (e) return self->close();
                     self->read_body();
                   });
}

void HttpSession::read_body() {
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](const ErrorCode& error, size_t) { self->on_body(error); });
}

void HttpSession::on_body(const ErrorCode& error) {
  if (error) return refuse(error);
  auto& request = parser_->get();
  RouteRequest answer{std::move(request.body()), std::string(request[http::field::authorization])};
  if (route_->inline_when_small && answer.body.size() < host_.config().inline_decide_bytes) {
    return send(answer_route(host_.service(), *route_, answer), request.keep_alive());
  }
  answer_on_worker(std::move(answer));
}

// The worker answers; the reply comes back to the I/O thread to be sent.
// The work guard keeps the I/O loop running until it has.
void HttpSession::answer_on_worker(RouteRequest request) {
  state_ = State::Answering;
  bool keep = parser_->get().keep_alive();
  auto job = [self = shared_from_this(), route = route_, request = std::move(request), keep,
              guard = net::make_work_guard(host_.io())] {
    Reply reply = answer_route(self->host_.service(), *route, request);
    net::post(guard.get_executor(),
              [self, keep, reply = std::move(reply)]() mutable { self->send(std::move(reply), keep); });
  };
  if (!host_.submit(std::move(job))) send(overloaded(host_.service(), host_.config()), false);
}

void HttpSession::refuse(const ErrorCode& error) {
  std::optional<Reply> reply = read_error_reply(host_.service(), host_.config(), error);
  if (!reply) return close();
  send(std::move(*reply), false);
}

void HttpSession::send(Reply&& reply, bool may_keep) {
  if (state_ == State::Closed) return;
  state_ = State::Answering;
  host_.service().counters().count_response(reply.status);
  const ServerConfig& config = host_.config();
  bool keep = may_keep && ++served_ < config.keep_alive_requests && !host_.draining();
  response_ = {};
  response_.version(11);
  response_.result(static_cast<unsigned>(reply.status));
  for (const auto& [name, value] : reply.headers) {
    if (beast::iequals(name, "Connection")) {
      keep = keep && !beast::iequals(value, "close");
    } else {
      response_.set(name, value);
    }
  }
  response_.set(http::field::content_type, reply.content_type);
  response_.body() = std::move(reply.body);
  response_.keep_alive(keep);
  response_.prepare_payload();
  stream_.expires_after(milliseconds(config.request_deadline_ms));  // a client that does not read
  http::async_write(stream_, response_,
                    [self = shared_from_this(), keep](const ErrorCode& error, size_t) { self->on_sent(error, keep); });
}

void HttpSession::on_sent(const ErrorCode& error, bool keep_alive) {
  if (error) return close();
  if (!keep_alive) return linger_close();
  await_request();
}

void HttpSession::linger_close() {
  if (state_ == State::Closed) return;
  state_ = State::Closing;
  ErrorCode ignored;
  stream_.socket().shutdown(net::socket_base::shutdown_send, ignored);
  stream_.expires_after(kLinger);
  discard_input();
}

void HttpSession::discard_input() {
  stream_.async_read_some(net::buffer(discard_), [self = shared_from_this()](const ErrorCode& error, size_t) {
    if (error) return self->close();
    self->discard_input();
  });
}

}  // namespace verdict::serve
