#pragma once
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "compiler/check/check_context.h"

namespace verdict::check {

// Lowers one AST expression to typed IR nodes appended to ctx.program,
// reporting name and type errors. Returns the root node, or nullopt after an
// error (errors are reported once, at the innermost cause).
class ExprLowering {
 public:
  ExprLowering(CheckContext& ctx, ir::Owner owner, bool allow_scores = false)
      : ctx_(ctx), owner_(owner), allow_scores_(allow_scores) {}

  // `hint` resolves bare enum members and quoted member names.
  std::optional<uint32_t> lower(const ast::Expr& e, const ir::Type* hint = nullptr);
  // A condition must be a bool (E205); `what` names the clause in the message.
  std::optional<uint32_t> lower_condition(const ast::Expr& e, const std::string& what);

  // Fields and derived values this expression read directly, in first-use order.
  const std::vector<uint32_t>& read_fields() const { return read_fields_; }
  const std::vector<uint32_t>& read_derived() const { return read_derived_; }

 private:
  using Result = std::optional<uint32_t>;
  Result number(const ast::Expr& e);
  Result string(const ast::Expr& e, const ir::Type* hint);
  Result name(const ast::Expr& e, const ir::Type* hint);
  Result symbol(const ast::Expr& e, const Symbol& s);
  Result negate(const ast::Expr& e);
  Result binary(const ast::Expr& e);
  Result logical(const ast::Expr& e);
  Result arithmetic(const ast::Expr& e);
  Result compare(const ast::Expr& e);
  Result coalesce(const ast::Expr& e);
  Result membership(const ast::Expr& e);
  Result is_missing(const ast::Expr& e);
  Result call(const ast::Expr& e);

  // Lowers both operands of a binary node, resolving enum members on one
  // side against the type of the other.
  std::optional<std::pair<uint32_t, uint32_t>> lower_pair(const ast::Expr& a, const ast::Expr& b);
  bool needs_hint(const ast::Expr& e) const;
  bool expect(uint32_t node, ir::BaseType base, const ast::Expr& where, const std::string& role);

  uint32_t emit(ir::Op op, ir::Type type, Span span, const std::vector<uint32_t>& args = {}, int32_t index = -1,
                double number = 0);
  const ir::Type& type_of(uint32_t node) const { return ctx_.program.nodes[node].type; }
  bool any_optional(const std::vector<uint32_t>& args) const;
  std::string describe(const ir::Type& t) const;
  int32_t intern(const std::string& s);
  void note_read(std::vector<uint32_t>& list, std::unordered_set<uint32_t>& seen, uint32_t index);
  void not_a_member(const ast::Expr& e, const ir::Type& type);
  std::string unknown_name_hint(const std::string& word) const;

  CheckContext& ctx_;
  ir::Owner owner_;
  bool allow_scores_;
  std::vector<uint32_t> read_fields_, read_derived_;
  std::unordered_set<uint32_t> seen_fields_, seen_derived_;
};

}  // namespace verdict::check
