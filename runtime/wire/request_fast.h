#pragma once
#include <optional>
#include <string_view>

#include "compiler/eval/frame.h"
#include "compiler/ir/program.h"

namespace verdict {

// The frame of a request that is plainly right, read with simdjson's DOM
// parser (SIMD kernels picked at run time; no allocation per value once the
// thread's parser has grown) straight into the frame: a JSON object, no byte
// order mark, whose every key is a field of `program` given once, each
// value of the field's type or null for an optional field, every number
// an integer or a normal double, every required field present.
//
// CONTRACT: when it returns a frame, frame_from_text() on the same text
// builds the same frame (the same bits, -0 included). Anything else (bad
// JSON, a wrong type, an unknown or repeated key, a number out of range or
// a floating-point zero, a big integer) gives nullopt, and the
// caller takes the checked path, which says what is wrong. No size limit
// here: the caller applies it first. Thread-safe (one parser per thread).
std::optional<Frame> frame_from_plain_json(const ir::Program& program, std::string_view text);
// The same into `frame` (its storage reused): false, `frame` unspecified,
// where the optional above is empty.
bool frame_from_plain_json(const ir::Program& program, std::string_view text, Frame& frame);

}  // namespace verdict
