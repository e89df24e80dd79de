// `verdict serve` under slow and hostile clients (issue 10, items 6-9):
// requests no HTTP library would send, over raw sockets. The time bounds
// here are liveness bounds (how long a test waits before it calls a server
// stuck), never measurements.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/raw_http.h"
#include "tests/support/serve_fixture.h"

namespace verdict::serve {
namespace {

using nlohmann::json;
using testing::Deploy;
using testing::first_request;
using testing::RawConnection;
using testing::TestServer;
using testing::Trickler;

// A request whose headers never end: one more byte of a header value each time.
const std::string kSlowStart = "POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";

std::string decide_request() {
  std::string body = first_request();
  return "POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

// The status code of the first response in `raw`; 0 when there is none.
int status_of(const std::string& raw) {
  return raw.rfind("HTTP/1.1 ", 0) == 0 && raw.size() >= 12 ? std::stoi(raw.substr(9, 3)) : 0;
}

// The `error.code` of the first response's JSON body.
std::string error_code_of(const std::string& raw) {
  size_t body = raw.find("\r\n\r\n");
  if (body == std::string::npos) return "";
  json parsed = json::parse(raw.substr(body + 4), nullptr, false);
  return parsed.is_discarded() ? "" : parsed["error"]["code"].get<std::string>();
}

size_t responses_in(const std::string& raw) {
  size_t n = 0;
  for (size_t at = raw.find("HTTP/1.1 "); at != std::string::npos; at = raw.find("HTTP/1.1 ", at + 1)) ++n;
  return n;
}

// Sends `request` (all of it, at once) and reads until the server closes.
struct Exchange {
  std::string answer;
  bool closed = false;
};
Exchange exchange(int port, const std::string& request) {
  RawConnection connection(port);
  connection.send(request);  // the server may close before it has all of it
  Exchange out;
  out.answer = connection.read_until_close(5000, out.closed);
  return out;
}

TEST_CASE("slow clients on more connections than workers do not stop health checks or decisions", "[serve][hostile]") {
  Deploy deploy("[server]\nthreads = 2\n");
  TestServer server(deploy);
  int port = server.http->port();
  std::vector<std::unique_ptr<Trickler>> slow;
  for (int i = 0; i < 3; ++i) slow.push_back(std::make_unique<Trickler>(port, kSlowStart, "a", 200));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // each has begun its request

  RawConnection health(port);
  REQUIRE(health.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  std::string answer = health.read_response(5000);
  CHECK(status_of(answer) == 200);
  RawConnection decide(port);
  REQUIRE(decide.send(decide_request()));
  std::string decided = decide.read_response(5000);
  CHECK(status_of(decided) == 200);
  CHECK(decided.find("\"outcome\"") != std::string::npos);
  for (const auto& s : slow) CHECK_FALSE(s->closed());  // the attack was still on
}

// Idle connections hold no worker, but each holds a descriptor: past
// max_connections a new one gets a 503 at once instead of hanging, and once
// one closes the server takes new ones again.
TEST_CASE("past max_connections a new connection is answered 503 and closed, not left hanging", "[serve][hostile]") {
  Deploy deploy("[server]\nthreads = 2\nmax_connections = 3\n");
  TestServer server(deploy);
  int port = server.http->port();
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 3; ++i) idle.push_back(std::make_unique<RawConnection>(port));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // all three accepted

  Exchange refused = exchange(port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
  CHECK(refused.closed);
  CHECK(status_of(refused.answer) == 503);
  CHECK(refused.answer.find("Retry-After: 1") != std::string::npos);
  CHECK(refused.answer.find("\"too_many_connections\"") != std::string::npos);

  idle.pop_back();  // one closes: there is room again
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  RawConnection health(port);
  REQUIRE(health.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  CHECK(status_of(health.read_response(5000)) == 200);
  REQUIRE(health.send("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n"));  // the same connection, kept alive
  std::string metrics = health.read_response(5000);
  CHECK(metrics.find("verdict_errors_total{code=\"too_many_connections\"} 1") != std::string::npos);
}

TEST_CASE("a request trickled byte by byte is closed at its deadline, not kept alive by each byte",
          "[serve][hostile]") {
  Deploy deploy("[server]\nthreads = 2\nrequest_deadline_ms = 1000\n");
  TestServer server(deploy);
  Trickler slow(server.http->port(), kSlowStart, "a", 100);
  auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(1000 + 2000);
  while (!slow.closed() && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(slow.closed());
}

TEST_CASE("a chunked body over max_request_bytes is 413 and its connection closed", "[serve][hostile]") {
  Deploy deploy("[server]\nthreads = 2\nmax_request_bytes = 4096\n");
  TestServer server(deploy);
  std::string request = "POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 10; ++i) request += "3e8\r\n" + std::string(1000, ' ') + "\r\n";
  request += "0\r\n\r\n";
  Exchange r = exchange(server.http->port(), request);
  CHECK(status_of(r.answer) == 413);
  CHECK(error_code_of(r.answer) == "payload_too_large");
  CHECK(r.closed);
}

TEST_CASE("too many header fields or too large headers are 431", "[serve][hostile]") {
  Deploy deploy("[server]\nthreads = 2\nmax_header_count = 50\nmax_header_bytes = 8192\n");
  TestServer server(deploy);
  std::string many = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n";
  for (int i = 0; i < 60; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  Exchange counted = exchange(server.http->port(), many + "\r\n");
  CHECK(status_of(counted.answer) == 431);
  CHECK(error_code_of(counted.answer) == "headers_too_large");
  CHECK(counted.answer.find("`server.max_header_count`") != std::string::npos);
  CHECK(counted.closed);

  std::string large = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + std::string(10000, 'b') + "\r\n\r\n";
  Exchange sized = exchange(server.http->port(), large);
  CHECK(status_of(sized.answer) == 431);
  CHECK(sized.answer.find("`server.max_header_bytes`") != std::string::npos);
  CHECK(sized.closed);

  std::string fine = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
  for (int i = 0; i < 40; ++i) fine += "X-" + std::to_string(i) + ": v\r\n";
  CHECK(status_of(exchange(server.http->port(), fine + "\r\n").answer) == 200);
}

// After each of these the next bytes on the connection (a request that
// would be answered 200) must not be read as a request: one answer, then close.
TEST_CASE("framing a proxy could read differently is 400 and ends the connection", "[serve][hostile]") {
  Deploy deploy("[server]\nthreads = 2\n");
  TestServer server(deploy);
  const std::string next = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
  std::string body = "{}";
  struct Case {
    const char* name;
    std::string request;
  };
  std::vector<Case> cases = {
      {"two different Content-Length values",
       "POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x"},
      {"Content-Length with Transfer-Encoding: chunked",
       "POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nContent-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
       "2\r\n{}\r\n0\r\n\r\n"},
      {"Transfer-Encoding: chunked with Content-Length after it",
       "POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Length: 7\r\n\r\n"
       "2\r\n{}\r\n0\r\n\r\n"},
      {"a Transfer-Encoding that is not chunked",
       "POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n"},
      {"a garbage request line", "GARBAGE\r\n\r\n"},
      {"a bad chunk size", "POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    Exchange r = exchange(server.http->port(), c.request + next);
    CHECK(status_of(r.answer) == 400);
    CHECK(error_code_of(r.answer) == "bad_request");
    CHECK(responses_in(r.answer) == 1);
    CHECK(r.closed);
  }
}

TEST_CASE("keep-alive, pipelining and `Expect: 100-continue` still work", "[serve][hostile]") {
  Deploy deploy("[server]\nthreads = 2\n");
  TestServer server(deploy);
  RawConnection connection(server.http->port());
  const std::string health = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
  REQUIRE(connection.send(health + decide_request()));
  CHECK(status_of(connection.read_response(5000)) == 200);
  CHECK(status_of(connection.read_response(5000)) == 200);

  std::string body = first_request();
  REQUIRE(connection.send("POST /v1/decide HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n"));
  CHECK(connection.read_response(5000).rfind("HTTP/1.1 100 Continue\r\n", 0) == 0);
  REQUIRE(connection.send(body));
  CHECK(status_of(connection.read_response(5000)) == 200);
}

TEST_CASE("SIGTERM with a client trickling a request exits 0 within the drain deadline", "[serve][hostile]") {
  Deploy deploy("[server]\nthreads = 2\nrequest_deadline_ms = 60000\ndrain_deadline_ms = 1000\n");
  testing::ServeProcess serve(deploy.config.string());
  Trickler slow(serve.port, kSlowStart, "a", 100);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(serve.pid, SIGTERM);
  std::optional<int> status = serve.wait_for(1000 + 4000);
  REQUIRE(status);
  CHECK(*status == 0);
  CHECK(serve.line() == "verdict serve: SIGTERM: finishing the requests in flight\n");
  CHECK(serve.line() == "verdict serve: stopped\n");
}

}  // namespace
}  // namespace verdict::serve
