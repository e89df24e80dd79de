#include "runtime/serve/http_server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <thread>

#include "runtime/serve/bounded_pool.h"
#include "runtime/serve/connection_stream.h"
#include "runtime/serve/error_body.h"

namespace verdict::serve {
namespace {

// The library listens with a backlog of 5 (compiled in); a burst of clients
// connecting at once needs more. Linux lets listen() raise it in place.
constexpr int kListenBacklog = 1024;
// How long a request may take to arrive once it has begun (the library's default).
constexpr int kReadTimeoutMs = 5000;

struct Route {
  const char* path;
  const char* method;  // the one method it answers; others get 405
};
constexpr std::array<Route, 6> kRoutes = {{{"/v1/decide", "POST"},
                                           {"/v1/decide:batch", "POST"},
                                           {"/v1/ruleset", "GET"},
                                           {"/v1/reload", "POST"},
                                           {"/healthz", "GET"},
                                           {"/metrics", "GET"}}};

}  // namespace

// Subclassed for the listening socket (to raise the backlog).
class HttpServer::Impl : public httplib::Server {
 public:
  Impl(Service& service, const ServerConfig& config) : service_(service), config_(config) {}

  void setup() {
    new_task_queue = [this] { return new BoundedPool(config_.threads, config_.max_queue); };
    set_payload_max_length(config_.max_request_bytes);
    set_keep_alive_max_count(config_.keep_alive_requests);
    set_keep_alive_timeout(config_.keep_alive_seconds);
    set_tcp_nodelay(true);
    // The library's default also sets SO_REUSEPORT, with which a second
    // server on a port in use would share it silently instead of failing.
    set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return pre_route(req, res); });
    routes();
    set_error_handler([this](const httplib::Request& req, httplib::Response& res) { on_error(req, res); });
    set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "internal error";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what += ": " + std::string(e.what());
      } catch (...) {
      }
      write_reply(service_.error(500, "internal", what), res);
    });
  }

  void raise_backlog() { ::listen(svr_sock_, kListenBacklog); }

  // One connection, for as long as it is kept alive: the library's loop,
  // with ConnectionStream's fewer system calls. After stop() the request
  // being answered is finished; an idle connection is closed within 50 ms.
  bool process_and_close_socket(socket_t sock) override {
    ConnectionStream stream(sock, kReadTimeoutMs);
    auto stopping = [this] { return svr_sock_ == INVALID_SOCKET; };
    // The overflow thread answers one request per connection (503) and
    // waits at most a second for it, so that a silent client cannot hold it.
    bool overflow = BoundedPool::on_overflow_thread();
    size_t requests = overflow ? 1 : config_.keep_alive_requests;
    int wait_ms = overflow ? 1000 : config_.keep_alive_seconds * 1000;
    bool ok = false;
    for (size_t left = requests; left > 0 && !stopping(); --left) {
      if (!stream.wait_readable(wait_ms, stopping)) break;
      bool closed = false;
      ok = process_request(stream, left == 1, closed, nullptr);
      if (!stream.flush() || !ok || closed) break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
  }
  const ServerConfig& config() const { return config_; }

 private:
  void routes() {
    Post("/v1/decide",
         [this](const httplib::Request& req, httplib::Response& res) { write_reply(service_.decide(req.body), res); });
    Post("/v1/decide:batch", [this](const httplib::Request& req, httplib::Response& res) {
      write_reply(service_.decide_batch(req.body), res);
    });
    Get("/v1/ruleset",
        [this](const httplib::Request&, httplib::Response& res) { write_reply(service_.ruleset(), res); });
    Post("/v1/reload", [this](const httplib::Request& req, httplib::Response& res) {
      write_reply(service_.reload(req.get_header_value("Authorization")), res);
    });
    Get("/healthz", [this](const httplib::Request&, httplib::Response& res) { write_reply(service_.healthz(), res); });
    Get("/metrics", [this](const httplib::Request&, httplib::Response& res) { write_reply(service_.metrics(), res); });
  }

  // Before the body is read: a connection over the limit is refused (and
  // closed, as its body stays unread); a known path with the wrong method is 405.
  HandlerResponse pre_route(const httplib::Request& req, httplib::Response& res) {
    if (BoundedPool::on_overflow_thread()) {
      Reply r =
          service_.error(503, "overloaded",
                         "the server is at its limit of " + std::to_string(config_.threads) +
                             " connections served and " + std::to_string(config_.max_queue) + " waiting; retry later");
      r.headers.emplace_back("Retry-After", "1");
      r.headers.emplace_back("Connection", "close");
      write_reply(std::move(r), res);
      return HandlerResponse::Handled;
    }
    for (const Route& route : kRoutes) {
      if (req.path != route.path || req.method == route.method) continue;
      Reply r = service_.error(405, "method_not_allowed",
                               "`" + req.path + "` answers " + route.method + ", not " + req.method);
      r.headers.emplace_back("Allow", route.method);
      r.headers.emplace_back("Connection", "close");
      write_reply(std::move(r), res);
      return HandlerResponse::Handled;
    }
    // A POST without Content-Length or Transfer-Encoding has an empty body
    // (RFC 9112 6.3); the library would wait for the connection to close
    // instead (`curl -X POST .../v1/reload` sends such a request).
    if (req.method == "POST" && !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
      if (req.path == "/v1/reload") {
        write_reply(service_.reload(req.get_header_value("Authorization")), res);
      } else if (req.path == "/v1/decide") {
        write_reply(service_.decide(""), res);
      } else if (req.path == "/v1/decide:batch") {
        write_reply(service_.decide_batch(""), res);
      } else {
        write_reply(service_.error(404, "not_found", "no endpoint at `" + req.path + "`"), res);
      }
      return HandlerResponse::Handled;
    }
    return HandlerResponse::Unhandled;
  }

  // Errors the library raised itself (no route, body too large, a request it
  // could not parse) get the standard body; ours already have one.
  void on_error(const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    Reply r;
    switch (res.status) {
      case 404: r = service_.error(404, "not_found", "no endpoint at `" + req.path + "`"); break;
      case 413:
        r = service_.error(413, "payload_too_large",
                           "the body is larger than " + std::to_string(config_.max_request_bytes) +
                               " bytes (`server.max_request_bytes`)");
        break;
      case 400: r = service_.error(400, "bad_request", "the HTTP request could not be parsed"); break;
      default:
        r = service_.error(res.status, "http_" + std::to_string(res.status),
                           "the HTTP request was refused with status " + std::to_string(res.status));
    }
    write_reply(std::move(r), res);
  }

  // Every answer goes through here, counted before it is sent. Moves the
  // body in (set_content() would copy it).
  void write_reply(Reply&& reply, httplib::Response& res) {
    service_.counters().count_response(reply.status);
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);
    res.body = std::move(reply.body);
    res.set_header("Content-Type", reply.content_type);
  }

  Service& service_;
  const ServerConfig config_;
};

HttpServer::HttpServer(Service& service, const ServerConfig& config) : impl_(std::make_unique<Impl>(service, config)) {
  impl_->setup();
}

HttpServer::~HttpServer() = default;

bool HttpServer::bind(Diagnostics& diags) {
  const ServerConfig& c = impl_->config();
  if (c.port == 0) {
    port_ = impl_->bind_to_any_port(c.bind);
  } else {
    port_ = impl_->bind_to_port(c.bind, c.port) ? c.port : -1;
  }
  if (port_ <= 0) {
    diags.report_unlocated(code::S006,
                           "cannot listen on `" + c.bind + ":" + std::to_string(c.port) + "`: " + std::strerror(errno));
    return false;
  }
  impl_->raise_backlog();
  return true;
}

bool HttpServer::run() {
  run_state_ = RunState::Running;
  bool ok = stop_requested_ || impl_->listen_after_bind();
  run_state_ = RunState::Done;
  return ok;
}

// The library's stop() does nothing before its listen loop has begun, so a
// stop() racing a run() that is starting waits for the loop to begin (or
// for run() to see the request and return).
void HttpServer::stop() {
  stop_requested_ = true;
  while (run_state_ == RunState::Running && !impl_->is_running()) std::this_thread::yield();
  impl_->stop();
}

}  // namespace verdict::serve
