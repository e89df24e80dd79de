// JSON requests on the credit ruleset, through every JSON path a front end
// takes: one request text to a frame, and an input split into requests
// (object, array, JSON Lines). Each request is a frame or has errors, never
// both or neither.
#include "runtime/wire/request.h"
#include "runtime/wire/request_source.h"
#include "tests/fuzz/credit_program.h"

using namespace verdict;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(fuzz::as_text(data, size));
  const ir::Program& program = fuzz::credit_program();
  std::vector<Diagnostic> errors;
  std::optional<Frame> frame = frame_from_text(program, text, errors);
  fuzz::require(frame.has_value() != !errors.empty(), "a request is a frame or has errors, not both or neither");
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
