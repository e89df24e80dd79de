#include "runtime/config/toml_bounds.h"

#include <string>
#include <string_view>

namespace verdict {
namespace {

bool bare_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Follows the structure of a TOML text just far enough to measure it:
// table headers, keys and their dots, strings, comments, inline tables and
// arrays. Each member returns false to end the statement it is in: at a
// breach (reported) or where it is lost (the text is not TOML it follows;
// run() goes on at the next line and toml++ will say what is wrong).
// Recursion is one level per inline table or array, bounded by kMaxDepth.
class BoundsScanner {
 public:
  BoundsScanner(const SourceFile& source, TomlSyntaxError& error)
      : text_(source.text()), source_(source), error_(error) {}

  bool run() {
    if (text_.size() > TomlLimits::kMaxBytes) {
      return breach(TomlLimits::kMaxBytes, "the file is " + std::to_string(text_.size()) + " bytes; the limit is " +
                                               std::to_string(TomlLimits::kMaxBytes) + " (4 MiB)");
    }
    while (!done()) {
      if (!statement() && breached_) return false;
      if (lost_) skip_line();
      lost_ = false;
    }
    return true;
  }

 private:
  char peek(size_t ahead = 0) const { return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0'; }
  bool done() const { return at_ >= text_.size(); }
  bool lost() {
    lost_ = true;
    return false;
  }
  void skip_spaces() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\r') ++at_;
  }
  void skip_line() {
    while (!done() && text_[at_] != '\n') ++at_;
    if (!done()) ++at_;
  }
  // Spaces, newlines and comments (between the items of an array).
  void skip_blank() {
    for (;;) {
      skip_spaces();
      if (peek() == '#') {
        while (!done() && text_[at_] != '\n') ++at_;
      } else if (peek() == '\n') {
        ++at_;
      } else {
        return;
      }
    }
  }

  bool breach(size_t where, std::string message) {
    LineCol position = source_.locate(static_cast<uint32_t>(where));
    error_.message = "invalid TOML: " + std::move(message);
    error_.position = position;
    auto at = static_cast<uint32_t>(where);
    error_.span = {at, at + 1};
    breached_ = true;
    return false;
  }
  bool count_entry() {
    if (++entries_ <= TomlLimits::kMaxEntries) return true;
    return breach(at_, "more than " + std::to_string(TomlLimits::kMaxEntries) +
                           " keys and array items; that is the limit for one file");
  }
  // The statement's text from `from`, cut for a message.
  std::string shown(size_t from) const {
    std::string_view rest = text_.substr(from, text_.find('\n', from) - from);
    return rest.size() > 40 ? std::string(rest.substr(0, 40)) + "..." : std::string(rest);
  }
  bool within_depth(int depth, size_t from) {
    if (depth <= TomlLimits::kMaxDepth) return true;
    return breach(from, "`" + shown(from) + "` nests tables and arrays deeper than " +
                            std::to_string(TomlLimits::kMaxDepth) +
                            " levels (the limit for table header parts, dotted key parts, inline tables and "
                            "arrays together)");
  }

  bool statement();
  bool header();
  bool key(int base, int& depth);
  bool value(int depth);
  bool string();
  bool inline_table(int base);
  bool array(int depth);
  bool scalar();

  std::string_view text_;
  const SourceFile& source_;
  TomlSyntaxError& error_;
  size_t at_ = 0;
  size_t statement_start_ = 0;
  int header_depth_ = 0;
  size_t entries_ = 0;
  bool lost_ = false;
  bool breached_ = false;
};

// One line at the top level: blank, a comment, a table header or `key = value`.
bool BoundsScanner::statement() {
  skip_spaces();
  statement_start_ = at_;
  char c = peek();
  if (c == '\n') {
    ++at_;
    return true;
  }
  if (c == '#' || c == '\0') {
    skip_line();
    return true;
  }
  int depth = 0;
  if (c == '[') {
    if (!header()) return false;
  } else {
    if (!key(header_depth_, depth)) return false;
    skip_spaces();
    if (peek() != '=') return lost();
    ++at_;
    if (!count_entry() || !value(depth)) return false;
  }
  skip_spaces();
  if (peek() == '#' || peek() == '\n' || done()) {
    skip_line();
    return true;
  }
  return lost();
}

// `[a.b]` or `[[a.b]]`: the keys after it are at its depth (+1 in an array of tables).
bool BoundsScanner::header() {
  bool array_of_tables = peek(1) == '[';
  at_ += array_of_tables ? 2 : 1;
  int depth = 0;
  if (!key(0, depth)) return false;
  skip_spaces();
  if (peek() != ']' || (array_of_tables && peek(1) != ']')) return lost();
  at_ += array_of_tables ? 2 : 1;
  header_depth_ = depth + (array_of_tables ? 1 : 0);
  return within_depth(header_depth_, statement_start_) && count_entry();
}

// A dotted key, to just before `=` (or `]`); `depth` is `base` plus its parts.
bool BoundsScanner::key(int base, int& depth) {
  for (depth = base;;) {
    skip_spaces();
    char c = peek();
    if (c == '"' || c == '\'') {
      if (peek(1) == c || !string()) return lost();  // an empty or multi-line key: toml++ decides
    } else if (bare_key_char(c)) {
      while (bare_key_char(peek())) ++at_;
    } else {
      return lost();
    }
    if (!within_depth(++depth, statement_start_)) return false;
    skip_spaces();
    if (peek() != '.') return true;
    ++at_;
  }
}

bool BoundsScanner::value(int depth) {
  skip_spaces();
  char c = peek();
  if (c == '"' || c == '\'') return string();
  if (c == '{') return inline_table(depth);
  if (c == '[') return array(depth + 1);
  return scalar();
}

// A basic or literal string, on one line or (tripled quotes) several.
bool BoundsScanner::string() {
  const char quote = peek();
  const bool escapes = quote == '"';
  if (peek(1) == quote && peek(2) == quote) {
    at_ += 3;
    while (!done() && !(peek() == quote && peek(1) == quote && peek(2) == quote))
      at_ += escapes && peek() == '\\' ? 2 : 1;
    if (done()) return lost();
    at_ += 3;
    for (int extra = 0; extra < 2 && peek() == quote; ++extra) ++at_;  // `""""` ends with a quote inside
    return true;
  }
  for (++at_; !done() && peek() != '\n'; ++at_) {
    if (peek() == quote) {
      ++at_;
      return true;
    }
    if (escapes && peek() == '\\') ++at_;
  }
  return lost();
}

// `{ k = v, ... }`: its keys are at `base` plus their parts.
bool BoundsScanner::inline_table(int base) {
  ++at_;
  skip_blank();
  if (peek() == '}') {
    ++at_;
    return true;
  }
  for (;;) {
    int depth = 0;
    skip_blank();
    if (!key(base, depth)) return false;
    skip_spaces();
    if (peek() != '=') return lost();
    ++at_;
    if (!count_entry() || !value(depth)) return false;
    skip_blank();
    if (peek() == '}') {
      ++at_;
      return true;
    }
    if (peek() != ',') return lost();
    ++at_;
  }
}

// `[ v, ... ]`: its items are at `depth`.
bool BoundsScanner::array(int depth) {
  if (!within_depth(depth, at_)) return false;
  ++at_;
  for (;;) {
    skip_blank();
    if (peek() == ']') {
      ++at_;
      return true;
    }
    if (!count_entry() || !value(depth)) return false;
    skip_blank();
    if (peek() == ',') {
      ++at_;
    } else if (peek() != ']') {
      return lost();
    }
  }
}

// A number, bool or date-time: up to what ends a value.
bool BoundsScanner::scalar() {
  size_t from = at_;
  while (!done() && std::string_view(",]}\n#").find(peek()) == std::string_view::npos) ++at_;
  return at_ > from || lost();
}

}  // namespace

bool check_toml_bounds(const SourceFile& source, TomlSyntaxError& error) { return BoundsScanner(source, error).run(); }

}  // namespace verdict
