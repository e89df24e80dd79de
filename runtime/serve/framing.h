#pragma once
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>
#include <optional>

#include "runtime/serve/reply.h"
#include "runtime/serve/server_config.h"
#include "runtime/serve/service.h"

namespace verdict::serve {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// The answer to a request the parser refused while reading it: 431
// `headers_too_large` (over `server.max_header_bytes`), 413
// `payload_too_large` (a body over `server.max_request_bytes`, chunked or
// not), 400 `bad_request` for any other framing error (a garbage request
// line, two different Content-Length values, Content-Length with
// Transfer-Encoding, a bad chunk). Nullopt when there is no one to answer:
// the client closed or reset the connection, or the request deadline passed
// (the socket is closed then). The connection is closed after any of them:
// the bytes after a framing error are not a request.
std::optional<Reply> read_error_reply(Service& service, const ServerConfig& config,
                                      const boost::system::error_code& error);

// What the parser lets through but the server refuses once the header is
// read: more than `server.max_header_count` fields (431), a
// Transfer-Encoding whose last coding is not `chunked` (400, RFC 9112 6.3:
// its length cannot be known), or a body announced larger than
// `server.max_request_bytes` (413). Each closes the connection.
std::optional<Reply> header_refusal(Service& service, const ServerConfig& config, const RequestParser& parser);

}  // namespace verdict::serve
