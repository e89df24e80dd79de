#pragma once
#include <nlohmann/json.hpp>

#include "compiler/ir/program.h"
#include "runtime/wire/request_source.h"

namespace verdict {

// A rejected request as it may be kept outside the decision log (the
// rejects file of `verdict batch`): with the values of its @pii fields
// replaced by "***", as decisions and the log show them.
//  - A program without @pii fields: the text as it was (a JSON string).
//  - A JSON object that names one: the object as compact JSON with those
//    values masked; a CSV row whose cells match a header with such a
//    column: the row with those cells masked.
//  - A request that cannot be read far enough to find them (invalid JSON,
//    nesting over 64 levels, a CSV row with an open quote or another cell
//    count): withheld whole, as {"withheld": why, "bytes": N, "sha256": hex},
//    which still finds the row in the input.
nlohmann::ordered_json masked_request(const ir::Program& program, const RequestSource& source,
                                      const RequestText& request);

}  // namespace verdict
