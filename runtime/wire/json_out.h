#pragma once
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace verdict {

// JSON text written as it is produced, no DOM: RapidJSON's Writer keeps the
// commas and brackets, and every scalar comes out byte for byte as
// nlohmann's dump(-1, ' ', false, error_handler_t::replace) writes it, so
// decisions written here equal the ones the DOM wrote (goldens, log hashes
// and replays depend on it):
//  - a double as nlohmann's Grisu2 text (`60.0`, `0.1`, `1e-05`), a
//    non-finite one as null;
//  - a string whose bytes are valid UTF-8 without control characters by
//    RapidJSON (the same escapes: `\"`, `\\`), any other by nlohmann itself
//    (`\u001b`, bad bytes as U+FFFD).
// Calls must form one JSON value (objects take key() before each value).
class JsonOut {
 public:
  // Room for a full-trace decision (about 8 KB) before the first growth.
  JsonOut() : buffer_(nullptr, 16384), writer_(buffer_) {}

  void begin_object() { writer_.StartObject(); }
  void end_object() { writer_.EndObject(); }
  void begin_array() { writer_.StartArray(); }
  void end_array() { writer_.EndArray(); }
  // A key of the following value. Keys are names of the ruleset or fixed
  // words: when one needs escaping it is written like a string value.
  void key(std::string_view k);

  void string(std::string_view s);
  void number(double x);
  void integer(int64_t x) { writer_.Int64(x); }
  void unsigned_integer(uint64_t x) { writer_.Uint64(x); }
  void boolean(bool b) { writer_.Bool(b); }
  void null() { writer_.Null(); }
  // A whole value already written as JSON text (rendered once, reused).
  void raw(std::string_view json) { writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType); }

  // The text so far; complete once the outermost value is closed.
  std::string_view text() const { return {buffer_.GetString(), buffer_.GetSize()}; }
  std::string take() const { return std::string(text()); }

 private:
  // RapidJSON's Writer with one more value: a string that needs no escape,
  // copied in one piece (Writer::String escapes byte by byte).
  class Writer : public rapidjson::Writer<rapidjson::StringBuffer> {
   public:
    using rapidjson::Writer<rapidjson::StringBuffer>::Writer;
    void verbatim_string(std::string_view s);
  };
  void string_or_key(std::string_view s);

  rapidjson::StringBuffer buffer_;
  Writer writer_;
};

// How a string is written: as it is between quotes (valid UTF-8, no byte
// below 0x20, no `"` or `\`), by RapidJSON (the same, with `"` or `\`,
// which both libraries escape alike), or by nlohmann (anything else).
enum class JsonStringKind { Verbatim, Escaped, Other };
JsonStringKind json_string_kind(std::string_view s);

}  // namespace verdict
