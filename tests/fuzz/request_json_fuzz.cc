// JSON requests on the credit ruleset, through every JSON path a front end
// takes: one request text to a frame, and an input split into requests
// (object, array, JSON Lines). Each request is a frame or has errors, never
// both or neither; when the simdjson fast path gives a frame, the checked
// path gives the same frame, bit for bit.
#include <cstring>

#include "runtime/wire/request.h"
#include "runtime/wire/request_fast.h"
#include "runtime/wire/request_source.h"
#include "tests/fuzz/credit_program.h"

using namespace verdict;

namespace {

bool same_frame(const Frame& a, const Frame& b) {
  return a.numbers.size() == b.numbers.size() &&
         std::memcmp(a.numbers.data(), b.numbers.data(), a.numbers.size() * sizeof(double)) == 0 &&
         a.codes == b.codes && a.strings == b.strings && a.present == b.present;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(fuzz::as_text(data, size));
  const ir::Program& program = fuzz::credit_program();
  std::vector<Diagnostic> errors;
  std::optional<Frame> frame = frame_from_text(program, text, errors);
  fuzz::require(frame.has_value() != !errors.empty(), "a request is a frame or has errors, not both or neither");
  if (std::optional<Frame> fast = frame_from_plain_json(program, text)) {
    fuzz::require(frame && same_frame(*fast, *frame), "the fast path builds the checked path's frame");
  }
  for (RequestFormat format : {RequestFormat::Json, RequestFormat::JsonLines}) {
    RequestSource source(text, format);
    for (const RequestText& request : source.requests()) {
      std::vector<Diagnostic> request_errors;
      nlohmann::json parsed = source.request(request, request_errors);
      if (!request_errors.empty()) continue;
      std::optional<Frame> split_frame = frame_from_json(program, parsed, request_errors);
      fuzz::require(split_frame.has_value() != !request_errors.empty(), "a split request is a frame or has errors");
    }
  }
  return 0;
}
