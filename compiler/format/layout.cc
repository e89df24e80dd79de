#include "compiler/format/layout.h"

#include <algorithm>

namespace verdict::formatting {
namespace {

using CommentList = std::vector<const ast::Comment*>;

// Where the comments of one line were found, relative to its range.
struct Found {
  CommentList before;  // whole-line comments between the previous line and this one
  CommentList inside;  // within the range: a comment in a multi-line expression
  CommentList after;   // trailing comments after the range
};

// What is printed with one line.
struct Placed {
  CommentList leading;     // whole-line comments printed before the line
  size_t from_before = 0;  // leading[0, from_before) were whole-line comments already
  const ast::Comment* trailing = nullptr;
};

struct LineRef {
  size_t block = 0;
  size_t line = 0;
};

// Finds, for every comment, the line it belongs to (see render() in layout.h).
class CommentPlacer {
 public:
  explicit CommentPlacer(const std::vector<Block>& blocks) : blocks_(blocks) {
    for (size_t b = 0; b < blocks.size(); ++b) {
      found_.emplace_back(blocks[b].lines.size());
      for (size_t l = 0; l < blocks[b].lines.size(); ++l) order_.push_back({b, l});
    }
    std::stable_sort(order_.begin(), order_.end(),
                     [&](const LineRef& x, const LineRef& y) { return line(x).range.begin < line(y).range.begin; });
  }

  void place(const ast::Comment& c) {
    // INVARIANT: order_ is sorted by range.begin; no line starts inside a comment.
    auto next = std::upper_bound(order_.begin(), order_.end(), c.span.begin,
                                 [&](uint32_t at, const LineRef& r) { return at < line(r).range.begin; });
    if (next != order_.begin()) {
      const LineRef& prev = *(next - 1);
      if (c.span.begin < line(prev).range.end) {
        found(prev).inside.push_back(&c);
        return;
      }
      if (c.trailing) {
        found(prev).after.push_back(&c);
        return;
      }
    }
    if (next == order_.end()) {
      end_of_file_.push_back(&c);
    } else {
      found(*next).before.push_back(&c);
    }
  }

  Placed placed(size_t block, size_t line) const {
    const Found& f = found_[block][line];
    Placed out{f.before, f.before.size(), nullptr};
    CommentList moved = f.inside;
    if (!f.after.empty()) {
      out.trailing = f.after.back();
      moved.insert(moved.end(), f.after.begin(), f.after.end() - 1);
    } else if (!moved.empty() && moved.back()->trailing) {
      out.trailing = moved.back();
      moved.pop_back();
    }
    out.leading.insert(out.leading.end(), moved.begin(), moved.end());
    return out;
  }

  const CommentList& end_of_file() const { return end_of_file_; }

 private:
  const Line& line(const LineRef& r) const { return blocks_[r.block].lines[r.line]; }
  Found& found(const LineRef& r) { return found_[r.block][r.line]; }

  const std::vector<Block>& blocks_;
  std::vector<LineRef> order_;
  std::vector<std::vector<Found>> found_;
  CommentList end_of_file_;
};

std::string comment_text(const ast::Comment& c) {
  std::string text = c.text;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

// Renders the blocks with their comments and blank lines.
class Renderer {
 public:
  Renderer(const CommentPlacer& placer, std::string_view source) : placer_(placer), source_(source) {}

  std::string run(const std::vector<Block>& blocks) {
    for (size_t b = 0; b < blocks.size(); ++b) block(blocks, b);
    end_of_file(blocks.empty() ? 0 : blocks.back().span.end);
    return std::move(out_);
  }

 private:
  void block(const std::vector<Block>& blocks, size_t b) {
    const Block& current = blocks[b];
    for (size_t l = 0; l < current.lines.size(); ++l) {
      Placed p = placer_.placed(b, l);
      if (l == 0 && b > 0 && separated(blocks[b - 1], current, p)) out_ += "\n";
      leading(current.lines[l], p, l == 0);
      emit(current.lines[l].indent, current.lines[l].text, p.trailing);
    }
  }

  // Consecutive one-line items of one kind stay together unless the source
  // separated them; everything else gets one blank line.
  bool separated(const Block& prev, const Block& next, const Placed& p) const {
    bool grouped = prev.group == next.group && next.group != Group::Block;
    uint32_t start = p.leading.empty() ? next.span.begin : std::min(next.span.begin, p.leading[0]->span.begin);
    return !grouped || has_blank_line(source_, prev.span.end, start);
  }

  // Whole-line comments before a line. Before an item, a blank line that
  // separated such comments from each other or from the item is kept.
  void leading(const Line& line, const Placed& p, bool item_start) {
    for (size_t i = 0; i < p.leading.size(); ++i) {
      emit(line.comment_indent, comment_text(*p.leading[i]), nullptr);
      if (!item_start || i >= p.from_before) continue;
      uint32_t next = i + 1 < p.from_before ? p.leading[i + 1]->span.begin : line.range.begin;
      if (has_blank_line(source_, p.leading[i]->span.end, next)) out_ += "\n";
    }
  }

  void end_of_file(uint32_t last_end) {
    const CommentList& rest = placer_.end_of_file();
    for (size_t i = 0; i < rest.size(); ++i) {
      uint32_t prev_end = i == 0 ? last_end : rest[i - 1]->span.end;
      if (!out_.empty() && has_blank_line(source_, prev_end, rest[i]->span.begin)) out_ += "\n";
      emit(0, comment_text(*rest[i]), nullptr);
    }
  }

  void emit(int indent, const std::string& text, const ast::Comment* trailing) {
    out_.append(static_cast<size_t>(indent), ' ');
    out_ += text;
    if (trailing != nullptr) out_ += " " + comment_text(*trailing);
    out_ += "\n";
  }

  const CommentPlacer& placer_;
  std::string_view source_;
  std::string out_;
};

}  // namespace

bool has_blank_line(std::string_view source, uint32_t from, uint32_t to) {
  size_t end = std::min<size_t>(to, source.size());
  bool line_empty = false;  // true after a newline while only blanks followed it
  for (size_t i = from; i < end; ++i) {
    char c = source[i];
    if (c == '\n') {
      if (line_empty) return true;
      line_empty = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      line_empty = false;
    }
  }
  return false;
}

std::string render(const std::vector<Block>& blocks, const std::vector<ast::Comment>& comments,
                   std::string_view source) {
  CommentPlacer placer(blocks);
  for (const ast::Comment& c : comments) placer.place(c);
  return Renderer(placer, source).run(blocks);
}

}  // namespace verdict::formatting
