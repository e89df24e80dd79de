#pragma once
#include <string>
#include <utility>
#include <vector>

namespace verdict::serve {

// One HTTP answer, independent of the HTTP library: status, body, type and
// any extra headers (`Allow`, `WWW-Authenticate`).
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace verdict::serve
