#include "runtime/serve/routes.h"

#include <array>
#include <exception>

namespace verdict::serve {
namespace {

constexpr std::array<Route, 6> kRoutes = {{{"/v1/decide", "POST", true, true, true},
                                           {"/v1/decide:batch", "POST", true, true},
                                           {"/v1/ruleset", "GET", false, false},
                                           {"/v1/reload", "POST", true, true},
                                           {"/healthz", "GET", false, false},
                                           {"/metrics", "GET", false, false}}};

}  // namespace

const Route* find_route(std::string_view path) {
  for (const Route& route : kRoutes) {
    if (path == route.path) return &route;
  }
  return nullptr;
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

std::optional<Reply> refuse_route(Service& service, const Route* route, std::string_view method,
                                  std::string_view path) {
  if (!route) return service.error(404, "not_found", "no endpoint at `" + std::string(path) + "`");
  if (method == route->method) return std::nullopt;
  Reply r = service.error(405, "method_not_allowed",
                          "`" + std::string(path) + "` answers " + route->method + ", not " + std::string(method));
  r.headers.emplace_back("Allow", route->method);
  r.headers.emplace_back("Connection", "close");
  return r;
}

namespace {

Reply answer_unguarded(Service& service, const Route& route, const RouteRequest& request) {
  std::string_view path = route.path;
  if (path == "/v1/decide") return service.decide(request.body);
  if (path == "/v1/decide:batch") return service.decide_batch(request.body);
  if (path == "/v1/reload") return service.reload(request.authorization);
  if (path == "/v1/ruleset") return service.ruleset();
  if (path == "/healthz") return service.healthz();
  return service.metrics();
}

}  // namespace

// A bug that throws is answered 500 `internal`, never a dropped connection.
Reply answer_route(Service& service, const Route& route, const RouteRequest& request) {
  try {
    return answer_unguarded(service, route, request);
  } catch (const std::exception& e) {
    return service.error(500, "internal", "internal error: " + std::string(e.what()));
  } catch (...) {
    return service.error(500, "internal", "internal error");
  }
}

Reply overloaded(Service& service, const ServerConfig& config) {
  Reply r =
      service.error(503, "overloaded",
                    "the server is at its limit of " + std::to_string(config.threads) +
                        " requests being answered and " + std::to_string(config.max_queue) + " waiting; retry later");
  r.headers.emplace_back("Retry-After", "1");
  r.headers.emplace_back("Connection", "close");
  return r;
}

}  // namespace verdict::serve
