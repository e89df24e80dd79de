#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/span.h"
#include "compiler/syntax/ast.h"

// The formatter's second half: formatted lines that still know which source
// text they print, and the placement of comments and blank lines among them.
namespace verdict::formatting {

// One output line before comments are placed.
// INVARIANT: `range` covers the source text the line prints and starts at or
// after the previous line's range in the formatted output, so comments placed
// by source offset land in the same place when the output is formatted again.
struct Line {
  int indent = 0;
  std::string text;
  Span range;
  int comment_indent = 0;  // indentation of whole-line comments placed before it
};

// How top-level items group: consecutive one-line items of one kind are not
// separated by a blank line unless the source had one there.
enum class Group { Header, Let, Segment, Output, Block };

// The lines of one top-level item (the `ruleset` line is an item too).
struct Block {
  Group group = Group::Block;
  Span span;  // the item's source span
  std::vector<Line> lines;
};

// Joins the blocks into the final text and places every comment exactly once:
//  - a whole-line comment before the first line that starts after it, at that
//    line's comment indentation (or at the end of the file when none does);
//  - a trailing comment at the end of the last line that starts before it;
//  - comments inside a line's range (a multi-line expression) move before
//    that line, except that the last one becomes the line's trailing comment
//    when it was a trailing one and no trailing comment follows the line.
// Blank lines: between blocks per Group, and at most one where the source had
// one or more among the comments before a block and at the end of the file.
std::string render(const std::vector<Block>& blocks, const std::vector<ast::Comment>& comments,
                   std::string_view source);

// True when source[from, to) contains an empty (or all-blank) line.
bool has_blank_line(std::string_view source, uint32_t from, uint32_t to);

}  // namespace verdict::formatting
