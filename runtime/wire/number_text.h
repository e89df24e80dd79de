#pragma once
#include <string_view>

// The texts of doubles the decision writer prints, memoised per thread.
// A stream of decisions repeats a few numbers over and over (the blend
// weights, rule points, human scores that are points over a fixed scale),
// and formatting one costs more than the rest of writing it; a cached text
// is the one its formatter gives, so a cache hit changes no byte.
//
// Contract: the view is valid until the calling thread's next call of the
// same function; callers copy it at once.
namespace verdict {

// As nlohmann writes a double (JsonOut::number): `60.0`, `0.1`, `1e-05`.
// `x` must be finite.
std::string_view json_number_text(double x);

// A float as the decision writes it: its shortest decimal (`0.013891962`,
// not the double's `0.013891961686313152`) read back as a double and
// written as json_number_text writes that. `x` must be finite.
std::string_view float_json_text(float x);

// The shortest round-trip form (std::to_chars): `60`, `0.1`, `1e-05`;
// what the score formula prints. Empty if `x` has no such form (never for
// a double; kept for std::to_chars's error code).
std::string_view shortest_number_text(double x);

}  // namespace verdict
