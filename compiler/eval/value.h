#pragma once
#include <cmath>
#include <cstdint>
#include <string_view>

namespace verdict {

// One value during evaluation. Numbers are never NaN: constructing a number
// from NaN gives a missing value. `text` views storage owned by the Frame or
// the Program and lives as long as they do.
struct Value {
  enum class Kind : uint8_t { Missing, Number, Bool, String, Enum };

  Kind kind = Kind::Missing;
  bool boolean = false;
  int32_t code = 0;
  double number = 0;
  std::string_view text;

  static Value missing() { return {}; }
  static Value of_number(double x) {
    Value v;
    if (std::isnan(x)) return v;
    v.kind = Kind::Number;
    v.number = x;
    return v;
  }
  static Value of_bool(bool b) {
    Value v;
    v.kind = Kind::Bool;
    v.boolean = b;
    return v;
  }
  static Value of_enum(int32_t code) {
    Value v;
    v.kind = Kind::Enum;
    v.code = code;
    return v;
  }
  static Value of_string(std::string_view s) {
    Value v;
    v.kind = Kind::String;
    v.text = s;
    return v;
  }

  bool is_missing() const { return kind == Kind::Missing; }
  bool is_true() const { return kind == Kind::Bool && boolean; }
  bool is_false() const { return kind == Kind::Bool && !boolean; }

  // Identity, not IEEE equality: numbers compare by bit pattern, so -0 and +0
  // differ. This is what "bit-identical across backends" means.
  bool same_as(const Value& other) const;
};

}  // namespace verdict
