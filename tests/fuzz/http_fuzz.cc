// The HTTP request path of `verdict serve` on any bytes, without a socket:
// the bytes go through the Beast parser with the server's limits, then the
// same steps a connection takes (runtime/serve/http_session.cc): framing
// errors, header refusals, routing, and the answer of the route, deciding
// with the shipped credit deployment. Every request read whole is answered
// with a status and a JSON body; a framing error always has an answer.
#include <boost/asio/buffer.hpp>

#include "runtime/api/engine.h"
#include "runtime/serve/framing.h"
#include "runtime/serve/routes.h"
#include "tests/fuzz/fuzz_target.h"

using namespace verdict;
using namespace verdict::serve;

namespace {

struct Server {
  std::unique_ptr<Engine> engine;
  ServerConfig config;
  std::unique_ptr<Service> service;
};

// Never destroyed: XGBoost's own globals may be gone by the time statics
// are destroyed at exit, and the booster's destructor needs them.
Server& server() {
  static Server& s = *[] {
    auto* out_ptr = new Server;
    Server& out = *out_ptr;
    LoadReport report;
    out.engine = Engine::open(fuzz::source_path("rules/credit_approval.deploy.toml"), report);
    fuzz::require(out.engine != nullptr, "the shipped deployment opens");
    out.config.max_request_bytes = 64 << 10;
    out.service = std::make_unique<Service>(*out.engine, out.config);
    return out_ptr;
  }();
  return s;
}

void check_reply(const Reply& reply) {
  fuzz::require(reply.status >= 200 && reply.status < 600, "a reply has an HTTP status");
  fuzz::require(!reply.body.empty() && (reply.body[0] == '{' || reply.body[0] == '['), "a reply body is JSON");
}

// Feeds `bytes` to `parser` as a connection would deliver them, then the end.
boost::system::error_code parse(RequestParser& parser, std::string_view bytes) {
  boost::system::error_code error;
  while (!bytes.empty() && !parser.is_done()) {
    size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), error);
    if (error == boost::beast::http::error::need_more) break;
    if (error) return error;
    bytes.remove_prefix(used);
    if (used == 0) break;
  }
  if (!parser.is_done()) parser.put_eof(error);
  return error;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Server& s = server();
  RequestParser parser;
  parser.eager(true);
  parser.header_limit(static_cast<std::uint32_t>(s.config.max_header_bytes));
  parser.body_limit(s.config.max_request_bytes);
  boost::system::error_code error = parse(parser, fuzz::as_text(data, size));
  if (error) {
    std::optional<Reply> reply = read_error_reply(*s.service, s.config, error);
    if (reply) check_reply(*reply);
    return 0;
  }
  if (std::optional<Reply> refused = header_refusal(*s.service, s.config, parser)) return check_reply(*refused), 0;
  const auto& request = parser.get();
  std::string_view path = path_of(request.target());
  const Route* route = find_route(path);
  if (std::optional<Reply> refused = refuse_route(*s.service, route, request.method_string(), path)) {
    return check_reply(*refused), 0;
  }
  check_reply(answer_route(*s.service, *route,
                           {request.body(), std::string(request[boost::beast::http::field::authorization])}));
  return 0;
}
