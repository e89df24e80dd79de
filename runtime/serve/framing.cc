#include "runtime/serve/framing.h"

#include <boost/beast/http/error.hpp>
#include <iterator>
#include <string>

namespace verdict::serve {
namespace {

namespace http = boost::beast::http;

Reply too_large(Service& service, const ServerConfig& config) {
  return service.error(
      413, "payload_too_large",
      "the body is larger than " + std::to_string(config.max_request_bytes) + " bytes (`server.max_request_bytes`)");
}

Reply bad_request(Service& service, const std::string& why) {
  return service.error(400, "bad_request", "the HTTP request could not be parsed: " + why);
}

}  // namespace

std::optional<Reply> read_error_reply(Service& service, const ServerConfig& config,
                                      const boost::system::error_code& error) {
  if (error.category() != http::make_error_code(http::error::bad_method).category()) return std::nullopt;
  switch (static_cast<http::error>(error.value())) {
    case http::error::end_of_stream:
    case http::error::partial_message: return std::nullopt;  // the client went away
    case http::error::header_limit:
    case http::error::buffer_overflow:
      return service.error(431, "headers_too_large",
                           "the request line and headers are larger than " + std::to_string(config.max_header_bytes) +
                               " bytes (`server.max_header_bytes`)");
    case http::error::body_limit: return too_large(service, config);
    default: return bad_request(service, error.message());
  }
}

std::optional<Reply> header_refusal(Service& service, const ServerConfig& config, const RequestParser& parser) {
  const auto& request = parser.get();
  size_t fields = static_cast<size_t>(std::distance(request.begin(), request.end()));
  if (fields > config.max_header_count) {
    return service.error(431, "headers_too_large",
                         "the request has " + std::to_string(fields) + " header fields, more than " +
                             std::to_string(config.max_header_count) + " (`server.max_header_count`)");
  }
  if (request.count(http::field::transfer_encoding) > 0 && !parser.chunked()) {
    return bad_request(service, "a Transfer-Encoding that does not end in `chunked`");
  }
  if (parser.content_length().value_or(0) > config.max_request_bytes) return too_large(service, config);
  return std::nullopt;
}

}  // namespace verdict::serve
