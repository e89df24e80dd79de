// CSV input on the credit ruleset: the header maps onto fields or is
// refused with errors; every row is a request or has errors.
#include "runtime/wire/request.h"
#include "runtime/wire/request_source.h"
#include "tests/fuzz/credit_program.h"

using namespace verdict;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ir::Program& program = fuzz::credit_program();
  RequestSource source(std::string(fuzz::as_text(data, size)), RequestFormat::Csv);
  std::vector<Diagnostic> errors;
  if (!source.map_columns(program, {"Status"}, errors)) {
    fuzz::require(!errors.empty(), "a header that cannot be mapped says why");
    return 0;
  }
  for (const RequestText& row : source.requests()) {
    std::vector<Diagnostic> row_errors;
    nlohmann::json request = source.request(row, row_errors);
    if (request.is_null()) {
      fuzz::require(!row_errors.empty(), "a row that is not a request says why");
      continue;
    }
    std::optional<Frame> frame = frame_from_json(program, request, row_errors);
    fuzz::require(frame.has_value() || !row_errors.empty(), "a row's request is a frame or has errors");
  }
  return 0;
}
