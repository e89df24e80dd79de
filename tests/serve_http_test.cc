// `verdict serve` over HTTP: every endpoint through a real socket, with the
// server in this process on a free port (httplib's client).
#include <httplib.h>
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "runtime/serve/http_server.h"
#include "tests/support/cli.h"
#include "tests/support/golden.h"
#include "tests/support/raw_http.h"
#include "tests/support/serve_fixture.h"

namespace verdict::serve {
namespace {

using nlohmann::json;
using testing::body_of;
using testing::Deploy;
using testing::first_request;
using testing::raw_http;
using testing::sample;
using testing::ServeProcess;
using testing::TestServer;

TEST_CASE("a port another server holds is S006", "[serve]") {
  Deploy deploy("[server]\nthreads = 2\n");
  TestServer first(deploy);
  ServerConfig config;
  config.port = first.http->port();
  HttpServer second(*first.service, config);
  Diagnostics diags;
  CHECK_FALSE(second.bind(diags));
  REQUIRE(diags.size() == 1);
  Diagnostic d = diags.sorted()[0];
  CHECK(d.code == "S006");
  CHECK(d.message.starts_with("cannot listen on `127.0.0.1:" + std::to_string(config.port) + "`: "));
}

TEST_CASE("POST /v1/decide answers the engine's decision", "[serve]") {
  Deploy deploy("[server]\nthreads = 2\n");
  TestServer server(deploy);
  auto r = server.client().Post("/v1/decide", first_request(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "application/json");
  std::string request = first_request();
  DecideResult direct = server.engine->decide(std::string_view(request));
  REQUIRE(direct.decided);
  CHECK(r->body == direct.json);
  CHECK(json::parse(r->body)["trace"]["rules"].is_array());  // level = "rules"
}

TEST_CASE("request errors are answered with a status and a structured body", "[serve]") {
  Deploy deploy("[server]\nthreads = 2\nmax_request_bytes = 4096\n");
  TestServer server(deploy);
  auto client = server.client();

  auto bad = client.Post("/v1/decide", "{not json", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(body_of(bad)["error"]["code"] == "bad_json");

  json wrong = json::parse(first_request());
  wrong["seniority"] = "twelve";
  auto typed = client.Post("/v1/decide", wrong.dump(), "application/json");
  REQUIRE(typed);
  CHECK(typed->status == 422);
  json error = body_of(typed)["error"];
  CHECK(error["code"] == "request_rejected");
  REQUIRE(error["diagnostics"].size() == 1);
  CHECK(error["diagnostics"][0]["code"] == "R003");
  CHECK(error["diagnostics"][0]["message"].get<std::string>().find("`seniority`") != std::string::npos);

  auto big = client.Post("/v1/decide", std::string(5000, ' ') + first_request(), "application/json");
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(body_of(big)["error"]["code"] == "payload_too_large");

  auto missing = client.Get("/v1/nothing");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(body_of(missing)["error"]["code"] == "not_found");

  auto method = server.client().Get("/v1/decide");
  REQUIRE(method);
  CHECK(method->status == 405);
  CHECK(method->get_header_value("Allow") == "POST");
  CHECK(body_of(method)["error"]["code"] == "method_not_allowed");

  auto health = server.client().Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(body_of(health)["status"] == "ok");
}

TEST_CASE("POST /v1/decide:batch decides each request or says why not, in order", "[serve]") {
  Deploy deploy("[server]\nthreads = 2\nmax_batch = 3\n");
  TestServer server(deploy);
  auto client = server.client();
  json good = json::parse(first_request());
  json bad = good;
  bad["amount"] = true;
  json batch = json::array({good, bad, good});
  auto r = client.Post("/v1/decide:batch", batch.dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);
  json out = body_of(r);
  CHECK(out["decided"] == 2);
  CHECK(out["refused"] == 1);
  REQUIRE(out["results"].size() == 3);
  CHECK(out["results"][0]["outcome"] == out["results"][2]["outcome"]);
  CHECK(out["results"][1]["error"]["code"] == "request_rejected");
  CHECK(out["results"][1]["error"]["index"] == 1);
  CHECK(out["results"][1]["error"]["diagnostics"][0]["message"].get<std::string>().find("`amount`") !=
        std::string::npos);

  auto not_array = client.Post("/v1/decide:batch", good.dump(), "application/json");
  REQUIRE(not_array);
  CHECK(not_array->status == 422);
  CHECK(body_of(not_array)["error"]["code"] == "bad_batch");

  auto too_many = client.Post("/v1/decide:batch", json::array({good, good, good, good}).dump(), "application/json");
  REQUIRE(too_many);
  CHECK(too_many->status == 413);
  CHECK(body_of(too_many)["error"]["code"] == "batch_too_large");
}

TEST_CASE("GET /v1/ruleset names the version, its hashes and weights", "[serve]") {
  Deploy deploy("[server]\nthreads = 2\n");
  TestServer server(deploy);
  auto r = server.client().Get("/v1/ruleset");
  REQUIRE(r);
  CHECK(r->status == 200);
  json out = body_of(r);
  CHECK(out["name"] == "credit_approval");
  CHECK(out["generation"] == 1);
  CHECK(out["sha256"]["ruleset"].get<std::string>().size() == 64);
  CHECK(out["sha256"]["config"].get<std::string>().size() == 64);
  CHECK(out["sha256"]["model"].get<std::string>().size() == 64);
  CHECK(out["weights"]["human"] == 0.4);
  CHECK(out["weights"]["model"] == 0.6);
  CHECK(out["model"]["name"] == "default_risk");
}

TEST_CASE("GET /metrics counts decisions by outcome, fired rules, latency and errors", "[serve]") {
  Deploy deploy("[server]\nthreads = 2\n");
  TestServer server(deploy);
  auto client = server.client();
  auto before = client.Get("/metrics");
  REQUIRE(before);
  CHECK(before->status == 200);
  CHECK(before->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  CHECK(sample(before->body, "verdict_decide_duration_seconds_count") == 0);

  json request = json::parse(first_request());
  auto decided = client.Post("/v1/decide", request.dump(), "application/json");
  REQUIRE(decided);
  std::string outcome = body_of(decided)["outcome"];
  client.Post("/v1/decide", request.dump(), "application/json");
  client.Post("/v1/decide", "[", "application/json");

  auto after = client.Get("/metrics");
  REQUIRE(after);
  const std::string& m = after->body;
  CHECK(sample(m, "verdict_decisions_total{ruleset=\"credit_approval\",outcome=\"" + outcome + "\"}") == 2);
  CHECK(sample(m, "verdict_decide_duration_seconds_count") == 3);
  CHECK(sample(m, "verdict_decide_duration_seconds_bucket{le=\"+Inf\"}") == 3);
  CHECK(sample(m, "verdict_errors_total{code=\"bad_json\"}") == 1);
  CHECK(sample(m, "verdict_http_responses_total{status=\"200\"}") >= 3);
  CHECK(sample(m, "verdict_ruleset_generation") == 1);
  CHECK(m.find("# TYPE verdict_rule_fired_total "
               "counter\nverdict_rule_fired_total{ruleset=\"credit_approval\",rule=\"") != std::string::npos);
}

TEST_CASE("reload is refused without a configured token", "[serve][reload]") {
  Deploy deploy("[server]\nthreads = 2\n");
  TestServer server(deploy);
  auto r = server.client().Post("/v1/reload", httplib::Headers{{"Authorization", "Bearer anything"}}, "", "text/plain");
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(body_of(r)["error"]["code"] == "reload_disabled");
  CHECK(server.engine->generation() == 1);
}

TEST_CASE("reload checks the token, keeps serving on a broken ruleset, swaps in a good one", "[serve][reload]") {
  Deploy deploy("[server]\nthreads = 2\nreload_token = \"s3cret-s3cret-s3cret-s3cret-s3cret\"\n");
  TestServer server(deploy);
  auto client = server.client();
  httplib::Headers good_token{{"Authorization", "Bearer s3cret-s3cret-s3cret-s3cret-s3cret"}};

  auto none = client.Post("/v1/reload", "", "text/plain");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(none->get_header_value("WWW-Authenticate") == "Bearer");
  auto wrong = client.Post("/v1/reload", httplib::Headers{{"Authorization", "Bearer s3crez"}}, "", "text/plain");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(body_of(wrong)["error"]["code"] == "unauthorized");

  std::string version = body_of(client.Get("/v1/ruleset"))["version"];
  deploy.edit_rules("version \"" + version + "\"",
                    "version \"" + version + "\"\nrule broken when nosuchfield > 1 then points +1");
  auto broken = client.Post("/v1/reload", good_token, "", "text/plain");
  REQUIRE(broken);
  CHECK(broken->status == 422);
  json error = body_of(broken)["error"];
  CHECK(error["code"] == "reload_failed");
  CHECK(error["generation"] == 1);
  REQUIRE_FALSE(error["diagnostics"].empty());
  CHECK(error["diagnostics"][0]["file"].get<std::string>().find("credit_approval.rules") != std::string::npos);
  CHECK(error["diagnostics"][0]["line"].is_number());
  auto still = client.Post("/v1/decide", first_request(), "application/json");
  REQUIRE(still);
  CHECK(still->status == 200);
  CHECK(body_of(still)["ruleset"]["version"] == version);

  deploy.edit_rules("\nrule broken when nosuchfield > 1 then points +1", "");
  deploy.edit_rules("version \"" + version + "\"", "version \"" + version + "-next\"");
  auto ok = client.Post("/v1/reload", good_token, "", "text/plain");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(body_of(ok)["ruleset"]["generation"] == 2);
  CHECK(body_of(client.Get("/v1/ruleset"))["version"] == version + "-next");
  auto next = client.Post("/v1/decide", first_request(), "application/json");
  REQUIRE(next);
  CHECK(body_of(next)["ruleset"]["version"] == version + "-next");
  std::string m = client.Get("/metrics")->body;
  CHECK(sample(m, "verdict_reloads_total{result=\"ok\"}") == 1);
  CHECK(sample(m, "verdict_reloads_total{result=\"failed\"}") == 1);
  CHECK(sample(m, "verdict_ruleset_generation") == 2);

  // `curl -X POST` sends no Content-Length: the body is empty, not "until the connection closes".
  auto start = std::chrono::steady_clock::now();
  std::string raw = raw_http(
      server.http->port(),
      "POST /v1/reload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer s3cret-s3cret-s3cret-s3cret-s3cret\r\n"
      "Connection: close\r\n\r\n");
  CHECK(raw.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  CHECK(server.engine->generation() == 3);
}

// An online guesser gets five tries a minute, then nothing, not even the
// right token, until the oldest wrong try is a minute old.
TEST_CASE("reload: after 5 wrong tokens in a minute every reload is 429 with Retry-After", "[serve][reload]") {
  const std::string token = "0123456789abcdef0123456789abcdef";
  Deploy deploy("[server]\nthreads = 2\nreload_token = \"" + token + "\"\n");
  TestServer server(deploy);
  auto client = server.client();
  for (int i = 0; i < 5; ++i) {
    auto wrong = client.Post("/v1/reload", httplib::Headers{{"Authorization", "Bearer guess" + std::to_string(i)}}, "",
                             "text/plain");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
  }
  auto right = client.Post("/v1/reload", httplib::Headers{{"Authorization", "Bearer " + token}}, "", "text/plain");
  REQUIRE(right);
  CHECK(right->status == 429);
  CHECK(body_of(right)["error"]["code"] == "too_many_attempts");
  int wait = std::stoi(right->get_header_value("Retry-After"));
  CHECK(wait > 0);
  CHECK(wait <= 60);
  CHECK(server.engine->generation() == 1);
}

TEST_CASE("stopping lets a request in flight finish and answer", "[serve][shutdown]") {
  // The drain deadline is far longer than the batch takes, even under a sanitizer.
  Deploy deploy(
      "[server]\nthreads = 2\nmax_batch = 100000\nmax_request_bytes = 100000000\ndrain_deadline_ms = 60000\n");
  auto server = std::make_unique<TestServer>(deploy);
  json one = json::parse(first_request());
  json batch = json::array();
  for (int i = 0; i < 2000; ++i) batch.push_back(one);
  std::string body = batch.dump();
  httplib::Result result{nullptr, httplib::Error::Unknown};
  std::thread caller([&] { result = server->client().Post("/v1/decide:batch", body, "application/json"); });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (server->service->in_flight() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  REQUIRE(server->service->in_flight() == 1);
  server->http->stop();  // while the batch is being decided
  caller.join();
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(json::parse(result->body)["decided"] == 2000);
  int port = server->http->port();
  server.reset();  // run() has returned: the destructor joins at once
  CHECK_FALSE(httplib::Client("127.0.0.1", port).Get("/healthz"));
}

// A big batch being decided holds the only worker. With no queue, a decide
// that goes to the workers (`inline_decide_bytes = 0`) is refused at once;
// a small one decided on the I/O thread (the default) is answered. Health
// checks answer either way.
void hold_the_only_worker(const std::string& server_table, int small_decide_status) {
  Deploy deploy("[server]\nthreads = 1\nmax_queue = 0\nmax_batch = 100000\nmax_request_bytes = 100000000\n" +
                server_table);
  TestServer server(deploy);
  json batch = json::array();
  for (int i = 0; i < 1500; ++i) batch.push_back(json::parse(first_request()));
  std::string body = batch.dump();
  httplib::Result held{nullptr, httplib::Error::Unknown};
  std::thread caller([&] { held = server.client().Post("/v1/decide:batch", body, "application/json"); });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (server.service->in_flight() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  REQUIRE(server.service->in_flight() == 1);
  auto decided = server.client().Post("/v1/decide", first_request(), "application/json");
  auto health = server.client().Get("/healthz");
  bool still_held = server.service->in_flight() == 1;
  caller.join();
  REQUIRE(decided);
  REQUIRE(health);
  CHECK(health->status == 200);
  if (still_held) {  // the batch was still being decided when the decide came
    CHECK(decided->status == small_decide_status);
    if (small_decide_status == 503) {
      CHECK(decided->get_header_value("Retry-After") == "1");
      CHECK(body_of(decided)["error"]["code"] == "overloaded");
    }
  }
  REQUIRE(held);
  CHECK(held->status == 200);
  auto after = server.client().Post("/v1/decide", first_request(), "application/json");
  REQUIRE(after);
  CHECK(after->status == 200);
}

TEST_CASE("a request over the concurrency limit is answered 503; health checks still answer", "[serve]") {
  hold_the_only_worker("inline_decide_bytes = 0\n", 503);
}

TEST_CASE("a small decide is answered on the I/O thread while the only worker is busy", "[serve]") {
  hold_the_only_worker("", 200);
}

TEST_CASE("`verdict serve` reports [server] errors with their position and exits 1", "[serve][cli]") {
  Deploy deploy("[server]\nprot = 8080\n");
  auto r = testing::run_cli("serve --config '" + deploy.config.string() + "'");
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("deploy.toml:10:8: error[S002]: unknown key `prot` in [server]; did you mean `port`?") !=
        std::string::npos);
}

TEST_CASE("SIGTERM stops `verdict serve` after answering the request in flight", "[serve][shutdown]") {
  // The drain deadline is far longer than the batch takes, even under a sanitizer.
  Deploy deploy(
      "[server]\nthreads = 2\nmax_batch = 100000\nmax_request_bytes = 100000000\ndrain_deadline_ms = 60000\n");
  ServeProcess serve(deploy.config.string());
  json batch = json::array();
  for (int i = 0; i < 2000; ++i) batch.push_back(json::parse(first_request()));
  std::string body = batch.dump();
  httplib::Result result{nullptr, httplib::Error::Unknown};
  std::thread caller([&] {
    httplib::Client c("127.0.0.1", serve.port);
    c.set_read_timeout(10, 0);
    result = c.Post("/v1/decide:batch", body, "application/json");
  });
  httplib::Client probe("127.0.0.1", serve.port);
  bool in_flight = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!in_flight && std::chrono::steady_clock::now() < deadline) {
    auto m = probe.Get("/metrics");
    in_flight = m && sample(m->body, "verdict_requests_in_flight") == 1;
  }
  REQUIRE(in_flight);
  ::kill(serve.pid, SIGTERM);
  caller.join();
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(json::parse(result->body)["decided"] == 2000);
  CHECK(serve.wait() == 0);
  CHECK(serve.line() == "verdict serve: SIGTERM: finishing the requests in flight\n");
  CHECK(serve.line() == "verdict serve: stopped\n");
}

}  // namespace
}  // namespace verdict::serve
