// parse_request_json: request text to JSON, through nlohmann's SAX parser
// (which does not recurse) into a tree built here, so that the checks a
// plain parse cannot make are made while reading: the nesting limit, a key
// given twice (the last would silently win) and numbers out of a double's
// range (strtod gives 0 for `1e-400`).
#include <cmath>
#include <set>

#include "runtime/wire/json_scan.h"
#include "runtime/wire/number_range.h"
#include "runtime/wire/request.h"

namespace verdict {
namespace {

using nlohmann::json;

class RequestBuilder {
 public:
  explicit RequestBuilder(std::vector<Diagnostic>& errors) : errors_(errors) {}

  json take() { return failed_ ? json(nullptr) : std::move(root_); }
  bool too_deep() const { return too_deep_; }

  bool null() { return add(nullptr); }
  bool boolean(bool b) { return add(b); }
  bool number_integer(json::number_integer_t n) { return add(n); }
  bool number_unsigned(json::number_unsigned_t n) { return add(n); }
  bool number_float(json::number_float_t x, const json::string_t& text) {
    std::string why = number_out_of_range(text, x);
    if (!why.empty() && !out_of_range(text, why) && stack_.empty()) {
      fail(code::R005, "the number `" + text + "` is out of range: " + why);
    }
    return add(x);
  }
  bool string(json::string_t& s) { return add(std::move(s)); }
  bool binary(json::binary_t&) { return add(nullptr); }  // only binary formats have these, never JSON text
  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  // One lookup: the key is inserted, or found already there (given twice).
  bool key(json::string_t& k) {
    auto& members = stack_.back()->get_ref<json::object_t&>();
    auto [at, inserted] = members.try_emplace(std::move(k));
    bool top = stack_.size() == 1;
    if (!inserted && top && repeated_.insert(at->first).second) {
      fail(code::R012, "field `" + at->first + "` is given twice; a request names each field once");
    }
    key_ = top ? &at->first : nullptr;
    slot_ = &at->second;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) {
    if (e.id == 406) {  // out_of_range: a number too large for a double
      std::string why = number_out_of_range(token, HUGE_VAL);
      if (!out_of_range(token, why)) fail(code::R005, "the number `" + token + "` is out of range: " + why);
    } else {
      fail(code::R006, "invalid JSON at byte " + std::to_string(position));
    }
    return false;
  }

 private:
  template <typename Value>
  bool add(Value&& v) {
    if (stack_.empty()) {
      root_ = json(std::forward<Value>(v));
    } else if (stack_.back()->is_array()) {
      stack_.back()->emplace_back(std::forward<Value>(v));
    } else {
      *slot_ = json(std::forward<Value>(v));
    }
    return true;
  }

  bool open(json::value_t type) {
    if (stack_.size() >= kMaxJsonDepth) {
      too_deep_ = true;
      return false;
    }
    add(type);
    json* opened = stack_.empty() ? &root_ : stack_.back()->is_array() ? &stack_.back()->back() : slot_;
    stack_.push_back(opened);
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  // Reports a number out of range in a field's value (false elsewhere: a
  // number inside an array or object value is refused as the wrong type).
  bool out_of_range(const std::string& text, const std::string& why) {
    if (stack_.size() != 1 || stack_.back()->is_array() || key_ == nullptr) return false;
    fail(code::R005, field_out_of_range(*key_, text, why));
    return true;
  }

  void fail(const DiagnosticCode& code, std::string message) {
    errors_.push_back(Diagnostic::unlocated(code, std::move(message)));
    failed_ = true;
  }

  std::vector<Diagnostic>& errors_;
  json root_;
  std::vector<json*> stack_;          // the open arrays and objects, outermost first
  json* slot_ = nullptr;              // the value of the key just read
  const std::string* key_ = nullptr;  // that key, in the request object itself (owned by it)
  std::set<std::string> repeated_;
  bool failed_ = false;
  bool too_deep_ = false;
};

}  // namespace

json parse_request_json(std::string_view text, std::vector<Diagnostic>& errors) {
  RequestBuilder builder(errors);
  bool parsed = json::sax_parse(text, &builder);
  if (builder.too_deep()) {
    size_t at = json_too_deep_at(text, kMaxJsonDepth).value_or(0);
    errors.push_back(Diagnostic::unlocated(code::R006, "the request nests arrays and objects deeper than " +
                                                           std::to_string(kMaxJsonDepth) + " levels (at byte " +
                                                           std::to_string(at + 1) + ")"));
    return nullptr;
  }
  if (!parsed) return nullptr;
  return builder.take();
}

}  // namespace verdict
