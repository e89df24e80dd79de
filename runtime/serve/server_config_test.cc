#include "runtime/serve/server_config.h"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "compiler/source/diagnostic_text.h"

namespace verdict::serve {
namespace {

struct Parsed {
  std::optional<ServerConfig> config;
  std::vector<Diagnostic> diags;
  std::string rendered;
};

Parsed parse(const std::string& text) {
  SourceFile source("deploy.toml", "ruleset = \"x.rules\"\n" + text);
  Diagnostics diags;
  Parsed p;
  p.config = parse_server_config(source, diags);
  p.diags = diags.sorted();
  for (const Diagnostic& d : p.diags) p.rendered += render_diagnostic(d, source);
  return p;
}

TEST_CASE("no [server] table gives the defaults: loopback, reload disabled", "[serve][config]") {
  Parsed p = parse("");
  REQUIRE(p.config);
  CHECK(p.config->bind == "127.0.0.1");
  CHECK(p.config->port == 8080);
  CHECK(p.config->reload_token.empty());
  CHECK(p.config->inline_decide_bytes == 16384);
}

TEST_CASE("[server] keys are read", "[serve][config]") {
  Parsed p = parse(
      "[server]\nbind = \"0.0.0.0\"\nport = 0\nthreads = 3\nmax_queue = 7\ninline_decide_bytes = 0\nmax_request_bytes "
      "= "
      "4096\n"
      "max_batch = 10\nkeep_alive_seconds = 2\nkeep_alive_requests = 50\nreload_token = "
      "\"s3cret-s3cret-s3cret-s3cret-s3cret\"\n");
  REQUIRE(p.config);
  CHECK(p.config->bind == "0.0.0.0");
  CHECK(p.config->port == 0);
  CHECK(p.config->threads == 3);
  CHECK(p.config->max_queue == 7);
  CHECK(p.config->inline_decide_bytes == 0);
  CHECK(p.config->max_request_bytes == 4096);
  CHECK(p.config->max_batch == 10);
  CHECK(p.config->keep_alive_seconds == 2);
  CHECK(p.config->keep_alive_requests == 50);
  CHECK(p.config->reload_token == "s3cret-s3cret-s3cret-s3cret-s3cret");
}

TEST_CASE("[server] limits for slow and hostile clients: defaults, values, ranges", "[serve][config]") {
  Parsed defaults = parse("");
  REQUIRE(defaults.config);
  CHECK(defaults.config->request_deadline_ms == 10000);
  CHECK(defaults.config->max_header_bytes == 16384);
  CHECK(defaults.config->max_header_count == 100);
  CHECK(defaults.config->drain_deadline_ms == 10000);
  Parsed set = parse(
      "[server]\nrequest_deadline_ms = 1500\nmax_header_bytes = 2048\nmax_header_count = 20\n"
      "drain_deadline_ms = 0\n");
  REQUIRE(set.config);
  CHECK(set.config->request_deadline_ms == 1500);
  CHECK(set.config->max_header_bytes == 2048);
  CHECK(set.config->max_header_count == 20);
  CHECK(set.config->drain_deadline_ms == 0);
  Parsed bad = parse("[server]\nrequest_deadline_ms = 10\nmax_header_bytes = \"big\"\nmax_header_cuont = 5\n");
  CHECK_FALSE(bad.config);
  REQUIRE(bad.diags.size() == 3);
  CHECK(bad.diags[0].message == "`server.request_deadline_ms` is 10; it must be between 100 and 3600000");
  CHECK(bad.diags[1].message == "`server.max_header_bytes` must be an integer");
  CHECK(bad.diags[2].message == "unknown key `max_header_cuont` in [server]; did you mean `max_header_count`?");
}

TEST_CASE("[server] errors have codes, positions and say what is expected", "[serve][config]") {
  Parsed p = parse("[server]\nprot = 8080\nport = 70000\nthreads = \"four\"\n");
  CHECK_FALSE(p.config);
  REQUIRE(p.diags.size() == 3);
  CHECK(p.diags[0].code == "S002");
  CHECK(p.diags[0].message == "unknown key `prot` in [server]; did you mean `port`?");
  CHECK(p.diags[1].code == "S004");
  CHECK(p.diags[1].message == "`server.port` is 70000; it must be between 0 and 65535");
  CHECK(p.diags[2].code == "S003");
  CHECK(p.diags[2].message == "`server.threads` must be an integer");
  CHECK(p.rendered.find("deploy.toml:4:8: error[S004]") != std::string::npos);
}

// A 6-digit token fell to an offline search in under a second: short ones are refused.
TEST_CASE("a reload token shorter than 32 characters is refused, from the config or the environment",
          "[serve][config]") {
  Parsed inline_token = parse("[server]\nreload_token = \"123456\"\n");
  CHECK_FALSE(inline_token.config);
  REQUIRE(inline_token.diags.size() == 1);
  CHECK(inline_token.diags[0].code == "S005");
  CHECK(inline_token.diags[0].message ==
        "`server.reload_token` holds a reload token of 6 characters; it needs 32 or more (`openssl rand -hex 16`)");
  ::setenv("VERDICT_TEST_WEAK_TOKEN", "0123456789abcdef0123456789abcde", 1);  // 31
  Parsed env = parse("[server]\nreload_token_env = \"VERDICT_TEST_WEAK_TOKEN\"\n");
  CHECK_FALSE(env.config);
  REQUIRE(env.diags.size() == 1);
  CHECK(
      env.diags[0].message.starts_with("the environment variable `VERDICT_TEST_WEAK_TOKEN` holds a reload token of "
                                       "31 characters"));
  ::unsetenv("VERDICT_TEST_WEAK_TOKEN");
}

TEST_CASE("the reload token comes from the config or from the environment, not both", "[serve][config]") {
  Parsed both = parse("[server]\nreload_token = \"a\"\nreload_token_env = \"B\"\n");
  CHECK_FALSE(both.config);
  REQUIRE(both.diags.size() == 1);
  CHECK(both.diags[0].code == "S005");

  ::setenv("VERDICT_TEST_RELOAD_TOKEN", "from-env-from-env-from-env-from-env", 1);
  Parsed env = parse("[server]\nreload_token_env = \"VERDICT_TEST_RELOAD_TOKEN\"\n");
  REQUIRE(env.config);
  CHECK(env.config->reload_token == "from-env-from-env-from-env-from-env");

  Parsed unset = parse("[server]\nreload_token_env = \"VERDICT_TEST_NO_SUCH_VARIABLE\"\n");
  CHECK_FALSE(unset.config);
  REQUIRE(unset.diags.size() == 1);
  CHECK(unset.diags[0].message ==
        "environment variable `VERDICT_TEST_NO_SUCH_VARIABLE` (`server.reload_token_env`) is not "
        "set");
}

TEST_CASE("`server` that is not a table is an error", "[serve][config]") {
  Parsed p = parse("server = 8080\n");
  CHECK_FALSE(p.config);
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].code == "S003");
  // The caret marks where the value starts, not the whole value.
  CHECK(p.rendered == "deploy.toml:2:10: error[S003]: `server` must be a table\n  server = 8080\n           ^\n");
}

TEST_CASE("[server] strings: a token of another type, an empty token, a bad bind", "[serve][config]") {
  Parsed p = parse("[server]\nbind = 0\nreload_token = \"\"\n");
  CHECK_FALSE(p.config);
  REQUIRE(p.diags.size() == 2);
  CHECK(p.diags[0].message == "`server.bind` must be a string");
  CHECK(p.diags[1].code == "S005");
  CHECK(p.diags[1].message == "`server.reload_token` is empty; leave it out to disable reload");
  Parsed typed = parse("[server]\nreload_token = 7\nreload_token_env = 8\n");
  REQUIRE(typed.diags.size() == 1);
  CHECK(typed.diags[0].message == "set `server.reload_token` or `server.reload_token_env`, not both");
  Parsed env = parse("[server]\nreload_token_env = 8\nkeep_alive_requests = 1.5\n");
  REQUIRE(env.diags.size() == 2);
  CHECK(env.diags[0].message == "`server.reload_token_env` must be a string");
  CHECK(env.diags[1].message == "`server.keep_alive_requests` must be an integer");
}

// Read on its own (the deployment reader reports bad TOML first, as C001).
TEST_CASE("[server] in a file that is not TOML is S001", "[serve][config]") {
  Parsed p = parse("[server\n");
  CHECK_FALSE(p.config);
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].code == "S001");
}

}  // namespace
}  // namespace verdict::serve
