#pragma once
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

namespace verdict {

// JSON text written as it is produced, no DOM. Every scalar comes out byte
// for byte as nlohmann's dump(-1, ' ', false, error_handler_t::replace)
// writes it, so decisions written here equal the ones the DOM wrote
// (goldens, log hashes and replays depend on it):
//  - a double as nlohmann's Grisu2 text (`60.0`, `0.1`, `1e-05`), a
//    non-finite one as null;
//  - a string whose bytes are valid UTF-8 without control characters
//    between quotes, `"` and `\` escaped; any other by nlohmann itself
//    (`\u001b`, bad bytes as U+FFFD).
// Calls must form one JSON value (objects take key() before each value);
// the writer keeps the commas, not a check of the structure.
//
// Not RapidJSON's Writer: Debian 12's RapidJSON 1.1.0 (2016, the last
// release) offsets a null pointer on the first push of its internal stack
// (undefined behaviour, found by the libFuzzer http target under UBSan,
// fixed upstream only after 1.1.0), and the comma state it kept is the one
// flag below.
class JsonOut {
 public:
  // Room for a full-trace decision (about 8 KB) before the first growth.
  // The buffer is the one the thread's previous JsonOut left (below), so a
  // thread writing decision after decision allocates it once.
  JsonOut();
  // Leaves the buffer to the thread's next JsonOut unless one is left
  // already or it grew past 1 MiB.
  ~JsonOut();
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // A key of the following value. Keys are names of the ruleset or fixed
  // words: when one needs escaping it is written like a string value.
  void key(std::string_view k);
  // A key written in the source as a literal, copied as it is when it is a
  // plain word (the check folds away once inlined: the bytes are constant).
  template <size_t N>
  __attribute__((always_inline)) void key(const char (&k)[N]) {
    for (size_t i = 0; i + 1 < N; ++i) {
      if (!plain_key_byte(k[i])) return key(std::string_view(k, N - 1));
    }
    separate();
    char* at = room(N + 2);
    at[0] = '"';
    std::memcpy(at + 1, k, N - 1);
    at[N] = '"';
    at[N + 1] = ':';
    after_value_ = false;
  }

  void string(std::string_view s);
  // A string value written in the source as a literal: copied between
  // quotes when it is printable ASCII without `"` or `\` (the check folds
  // away once inlined), else written by string().
  template <size_t N>
  __attribute__((always_inline)) void literal(const char (&s)[N]) {
    for (size_t i = 0; i + 1 < N; ++i) {
      if (s[i] < 0x20 || s[i] > 0x7e || s[i] == '"' || s[i] == '\\') return string(std::string_view(s, N - 1));
    }
    separate();
    char* at = room(N + 1);
    at[0] = '"';
    std::memcpy(at + 1, s, N - 1);
    at[N] = '"';
    after_value_ = true;
  }
  // A string made of pieces that need no escape (numbers, fixed words,
  // text built from them), written between quotes as they are.
  void plain_string(std::initializer_list<std::string_view> pieces);
  void number(double x);
  void integer(int64_t x);
  void unsigned_integer(uint64_t x);
  void boolean(bool b) { scalar(b ? "true" : "false"); }
  void null() { scalar("null"); }
  // A whole value already written as JSON text (rendered once, reused).
  void raw(std::string_view json) { scalar(json); }
  // A key already written as key() writes it, `"name":` (rendered once).
  void rendered_key(std::string_view text) {
    separate();
    put(text);
    after_value_ = false;
  }

  // Where a value's text lies in the text so far, to be written again.
  struct Span {
    uint32_t begin = 0, end = 0;  // empty: not written yet
    bool empty() const { return begin == end; }
  };
  // The value `write` writes (exactly one), and where its text lies.
  template <class Write>
  Span capture(Write&& write) {
    separate();
    after_value_ = false;
    const size_t begin = size_;
    write();
    if (size_ > UINT32_MAX) return {};  // not kept: written again in full
    return {static_cast<uint32_t>(begin), static_cast<uint32_t>(size_)};
  }
  // The value captured at `span` once more, byte for byte.
  void repeat(Span span) {
    separate();
    const size_t n = span.end - span.begin;
    char* at = room(n);  // may move the buffer: the source is taken after
    std::memcpy(at, buffer_.get() + span.begin, n);
    after_value_ = true;
  }
  // `"k":` and `"s"` as key() and string() write them.
  static std::string key_text(std::string_view k);
  static std::string string_text(std::string_view s);

  // The text so far; complete once the outermost value is closed.
  std::string_view text() const { return {buffer_.get(), size_}; }
  std::string take() const { return std::string(text()); }

 private:
  static constexpr bool plain_key_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  }
  // A comma goes before a value unless it opens its container or follows
  // its key; a closed container is a value of its parent.
  void separate() {
    if (after_value_) put(',');
  }
  void open(char bracket) {
    separate();
    put(bracket);
    after_value_ = false;
  }
  void close(char bracket) {
    put(bracket);
    after_value_ = true;
  }
  void scalar(std::string_view text) {
    separate();
    put(text);
    after_value_ = true;
  }
  // `n` bytes at the end of the text, to be filled by the caller.
  char* room(size_t n) {
    if (n > capacity_ - size_) grow(n);
    char* at = buffer_.get() + size_;
    size_ += n;
    return at;
  }
  void put(char c) { *room(1) = c; }
  void put(std::string_view s) { std::memcpy(room(s.size()), s.data(), s.size()); }
  void grow(size_t n);
  void quoted(std::string_view s);

  // Not a std::string: its growth zero-fills and each append re-terminates.
  std::unique_ptr<char[]> buffer_;
  size_t size_ = 0, capacity_ = 0;
  bool after_value_ = false;
};

// How a string is written: as it is between quotes (valid UTF-8, no byte
// below 0x20, no `"` or `\`), with `"` and `\` escaped (as nlohmann
// escapes them), or by nlohmann (anything else).
enum class JsonStringKind { Verbatim, Escaped, Other };
JsonStringKind json_string_kind(std::string_view s);

}  // namespace verdict
