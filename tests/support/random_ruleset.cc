#include "tests/support/random_ruleset.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <set>

#include "compiler/util/shortest_number.h"

namespace verdict::testing {
namespace {

// ---------------------------------------------------------------- randomness

// Library-independent draws: std::uniform_int_distribution and friends may
// give different sequences with different standard libraries.
class Random {
 public:
  explicit Random(uint64_t seed) : rng_(seed) {}
  std::mt19937_64& engine() { return rng_; }

  uint64_t below(uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1))); }
  double unit() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  std::mt19937_64 rng_;
};

// ---------------------------------------------------------------- text helpers

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// Operator levels from the grammar, tightest first.
enum Level { kPrimary = 0, kNeg, kMul, kAdd, kCoalesce, kCompare, kIn, kMissing, kNot, kAnd, kOr };

struct Expr {
  int level = kPrimary;
  std::string text;
};

Expr paren(const Expr& e) { return {kPrimary, "(" + e.text + ")"}; }

enum class Base { Number, Bool, String, Enum };

struct Ty {
  Base base = Base::Number;
  int enum_id = -1;
  bool operator==(const Ty&) const = default;
};

struct Sym {
  std::string name;
  Ty type;
};

// Literals the rules compare against; frames hit them exactly.
// clang-format off
const std::vector<double> kNumberPool = {
    0, 1, 2, 3, 0.5, 0.1, 0.25, 10, 18, 21, 42, 100, 250, 1000, 1e6, 3.14159,
    0.30000000000000004, 1e-9, 1e15, 9007199254740993.0, 1e308, 1.7976931348623157e308,
    2.2250738585072014e-308, 5e-324, 709.782712893384, 710, 0.49999999999999994, 2.5, 1.5,
    744.44, 1e-300, 123456.789, 99.99, 7};
// clang-format on

const std::vector<std::string> kStringPool = {
    "",      "a",      "ab",     "abc",       "A",           "ABC",           "gold",        "gold_plus",
    "go",    "silver", "x y",    "tab\there", "line\nbreak", "quote\"inside", "back\\slash", "é",
    "Ωmega", "日本",   "日本語", "😀",         "ça va",       "pre_",          "_suf",        "pre_mid_suf",
    "000",   "-1",     "NULL",   " "};

const std::vector<std::string> kMemberPool = {
    "low",     "mid",  "high",  "rent",  "own",  "other", "none",   "gold", "silver",   "bronze",   "red",
    "green",   "blue", "north", "south", "east", "west",  "alpha",  "beta", "gamma",    "yes",      "no",
    "unknown", "a",    "b",     "c",     "x_1",  "Z",     "tier_0", "tag",  "priority", "features", "predicts"};

const std::vector<std::string> kOutcomePool = {"approve", "decline", "review", "refer", "hold", "escalate"};
const std::vector<std::string> kTagPool = {"watchlist", "vip",       "new customer", "manual check",
                                           "é",         "high risk", "promo"};
// Soft keywords are names too; fields and lets use them now and then (and
// enum members use the others: a value and a member of the same name would
// be ambiguous).
const std::vector<std::string> kSoftKeywords = {"base", "scale", "xgboost", "version", "outcomes"};

// ---------------------------------------------------------------- the generator

class Generator {
 public:
  Generator(uint64_t seed, const RulesetShape& shape, RandomRuleset& out)
      : r_(seed * 0x9E3779B97F4A7C15ull + 0x5DEECE66Dull), shape_(shape), out_(out) {}

  std::string run() {
    choose_literals();
    declare_outcomes();
    declare_fields();
    declare_outputs();
    declare_derived();
    declare_rules();
    declare_decide();
    return assemble();
  }

 private:
  // ---------------------------------------------------------------- declarations

  void choose_literals() {
    int n = r_.range(4, 10);
    for (int i = 0; i < n; ++i) numbers_.push_back(r_.pick(kNumberPool));
    for (int i = 0; i < 2; ++i) {  // a couple of arbitrary ones
      double x = std::round(r_.unit() * 100000) / 100;
      numbers_.push_back(x);
    }
    int s = r_.range(3, 8);
    for (int i = 0; i < s; ++i) strings_.push_back(r_.pick(kStringPool));
  }

  void declare_outcomes() {
    std::vector<std::string> pool = kOutcomePool;
    r_.shuffle(pool);
    outcomes_.assign(pool.begin(), pool.begin() + r_.range(2, 4));
  }

  std::string fresh_name(const std::string& prefix, size_t index) {
    if (r_.chance(0.04)) {
      std::string kw = r_.pick(kSoftKeywords);
      if (!used_names_.count(kw)) {
        used_names_.insert(kw);
        return kw;
      }
    }
    std::string name = prefix + std::to_string(index);
    used_names_.insert(name);
    return name;
  }

  std::string type_text(const Ty& t) {
    switch (t.base) {
      case Base::Number: return "number";
      case Base::Bool: return "bool";
      case Base::String: return "string";
      case Base::Enum: break;
    }
    std::string s = "enum(";
    const auto& members = enums_[t.enum_id];
    for (size_t i = 0; i < members.size(); ++i) s += (i ? ", " : "") + members[i];
    return s + ")";
  }

  int new_enum() {
    std::vector<std::string> pool = kMemberPool;
    r_.shuffle(pool);
    int n = r_.chance(0.1) ? 1 : r_.range(2, 6);
    enums_.emplace_back(pool.begin(), pool.begin() + n);
    return static_cast<int>(enums_.size() - 1);
  }

  Ty random_type(bool allow_enum_new) {
    uint64_t k = r_.below(100);
    if (k < 40) return {Base::Number};
    if (k < 55) return {Base::Bool};
    if (k < 75) return {Base::String};
    if (allow_enum_new) return {Base::Enum, new_enum()};
    return {Base::Number};
  }

  void declare_fields() {
    // Now and then no input at all, or an empty one.
    uint64_t shape = r_.below(100);
    int n = shape < 4 ? 0 : r_.range(1, shape_.max_fields);
    if (shape < 2) return;
    std::string text = "input request {\n";
    for (int i = 0; i < n; ++i) {
      Sym f{fresh_name("f", static_cast<size_t>(i)), random_type(true)};
      bool optional = r_.chance(0.5);
      fields_.push_back(f);
      text += "  " + f.name + ": " + type_text(f.type) + (optional ? "?" : "");
      if (r_.chance(0.1)) text += " @pii";
      if (r_.chance(0.2)) text += " " + quote("field " + std::to_string(i) + " ünïcode");
      text += "\n";
    }
    items_.push_back({Item::Input, text + "}\n"});
  }

  void declare_outputs() {
    int n = static_cast<int>(r_.below(static_cast<uint64_t>(shape_.max_outputs) + 1));
    for (int i = 0; i < n; ++i) {
      Sym o{"o" + std::to_string(i), random_type(true)};
      outputs_.push_back(o);
      // Defaults: mostly constants, sometimes read inputs.
      Expr value = r_.chance(0.7) ? constant(o.type) : of_type(o.type, 2, true);
      items_.push_back({Item::Output, "output " + o.name + ": " + type_text(o.type) + " = " + value.text + "\n"});
    }
  }

  void declare_derived() {
    int n = static_cast<int>(r_.below(static_cast<uint64_t>(shape_.max_derived) + 1));
    for (int i = 0; i < n; ++i) {
      visible_derived_ = derived_.size();  // a derived value reads earlier ones: no cycles
      bool segment = r_.chance(0.25);
      int depth = r_.range(1, std::max(1, shape_.max_depth - 2));
      if (segment) {
        Sym s{fresh_name("seg", static_cast<size_t>(i)), {Base::Bool}};
        Expr cond = boolean(depth);
        derived_.push_back(s);
        items_.push_back({Item::Derived, "segment " + s.name + " when " + cond.text + "\n"});
        continue;
      }
      Ty t = random_type(false);
      if (r_.chance(0.2)) {  // an enum let, from an enum field
        std::vector<int> ids = enum_field_ids();
        if (!ids.empty()) t = {Base::Enum, r_.pick(ids)};
      }
      Expr value = of_type(t, depth);
      Sym l{fresh_name("l", static_cast<size_t>(i)), t};
      derived_.push_back(l);
      items_.push_back({Item::Derived, "let " + l.name + " = " + value.text + "\n"});
    }
    visible_derived_ = derived_.size();
  }

  std::vector<int> enum_field_ids() const {
    std::vector<int> ids;
    for (const Sym& f : fields_) {
      if (f.type.base == Base::Enum) ids.push_back(f.type.enum_id);
    }
    return ids;
  }

  int rule_count() {
    uint64_t k = r_.below(100);
    int cap = shape_.max_rules;
    if (k < 60) return r_.range(1, std::min(cap, 20));
    if (k < 90) return r_.range(1, std::min(cap, 60));
    return r_.range(1, cap);
  }

  std::string signed_number(const std::vector<double>& magnitudes) {
    double x = r_.pick(magnitudes);
    uint64_t s = r_.below(3);
    return std::string(s == 0 ? "" : s == 1 ? "+" : "-") + shortest_number(x);
  }

  void declare_rules() {
    static const std::vector<double> kPoints = {0,  1,  2,  3,  5,   5,    10,  10,  15,
                                                20, 25, 40, 50, 0.5, 2.25, 0.1, 100, 1000};
    static const std::vector<double> kPriorities = {0, 1, 1, 2, 3, 10, 0.5, 100};
    int n = rule_count();
    for (int i = 0; i < n; ++i) {
      std::string text = "rule r" + std::to_string(i);
      if (r_.chance(0.5)) text += " " + quote("rule number " + std::to_string(i));
      Expr cond = r_.chance(0.01) ? long_condition() : boolean(r_.range(1, shape_.max_depth));
      text += (r_.chance(0.3) ? "\n  when " : " when ") + cond.text;
      std::vector<std::string> actions;
      if (r_.chance(0.6)) {
        actions.push_back("points " + (r_.chance(0.01) ? signed_number({1e308}) : signed_number(kPoints)));
      }
      for (int k = static_cast<int>(r_.below(3)); k > 0; --k) actions.push_back("tag " + quote(r_.pick(kTagPool)));
      for (int k = static_cast<int>(r_.below(3)); k > 0; --k) {
        actions.push_back("reason " + quote("R" + std::to_string(r_.below(20))) + " " +
                          quote("because of rule " + std::to_string(i)));
      }
      if (r_.chance(0.1)) actions.push_back(r_.pick(outcomes_));
      if (!outputs_.empty()) {
        for (int k = static_cast<int>(r_.below(3)); k > 0; --k) {
          const Sym& o = r_.pick(outputs_);
          std::string a = o.name + " = " + output_value(o.type).text;
          if (r_.chance(0.5)) a += " priority " + signed_number(kPriorities);
          actions.push_back(a);
        }
      }
      if (actions.empty()) actions.push_back("tag " + quote(r_.pick(kTagPool)));
      r_.shuffle(actions);
      text += r_.chance(0.3) ? "\n  then " : " then ";
      for (size_t k = 0; k < actions.size(); ++k) {
        if (k > 0) text += r_.chance(0.7) ? ", " : (r_.chance(0.5) ? " " : "\n    ");
        text += actions[k];
      }
      items_.push_back({Item::Rule, text + "\n"});
    }
  }

  void declare_decide() {
    allow_scores_ = true;
    std::string text = "decide\n";
    int n = static_cast<int>(r_.below(4));
    for (int i = 0; i < n; ++i) {
      Expr cond = r_.chance(0.5) ? score_condition() : boolean(r_.range(1, 4));
      text += "  " + r_.pick(outcomes_) + " when " + cond.text + "\n";
    }
    text += "  " + r_.pick(outcomes_) + " otherwise\n";
    items_.push_back({Item::Decide, text});
    allow_scores_ = false;
  }

  // Now and then a condition far bigger than the others: a left-nested
  // arithmetic chain 60-140 brackets deep, or a flat and/or chain of up to
  // 200 atoms (both stay below the parser's nesting limit of 200).
  Expr long_condition() {
    if (r_.chance(0.5)) {
      int n = r_.range(60, 140);
      std::string text(static_cast<size_t>(n), '(');
      text += number(0).text;
      static const std::vector<std::string> ops = {" + ", " - ", " * ", " / ", " ?? "};
      for (int i = 0; i < n; ++i) text += r_.pick(ops) + number(0).text + ")";
      return binary({kPrimary, text}, r_.chance(0.5) ? ">" : "<=", number_literal(), kCompare);
    }
    Expr e = boolean(1);
    for (int n = r_.range(20, 150); n > 0; --n) {
      e = binary(e, r_.chance(0.5) ? "and" : "or", boolean(1), kOr);  // flat: `and` binds tighter
    }
    return e;
  }

  Expr score_condition() {
    static const std::vector<double> kCuts = {0, 0.2, 0.25, 0.5, 0.75, 0.8, 1, 0.3333333333333333};
    std::string score = r_.chance(0.5) ? "final" : "human";
    static const std::vector<std::string> ops = {"<", "<=", ">", ">=", "==", "!="};
    Expr cmp{kCompare, score + " " + r_.pick(ops) + " " + shortest_number(r_.pick(kCuts))};
    if (r_.chance(0.3)) return binary(cmp, r_.chance(0.5) ? "and" : "or", boolean(2), kAnd);
    return cmp;
  }

  std::string assemble() {
    std::string head = "# generated by tests/support/random_ruleset.cc, seed " + std::to_string(out_.seed) +
                       "\nruleset random_" + std::to_string(out_.seed) + "\n";
    std::vector<std::string> lines;
    if (r_.chance(0.5)) lines.push_back("version " + quote("v" + std::to_string(r_.below(10))) + "\n");
    std::string outcomes = "outcomes ";
    for (size_t i = 0; i < outcomes_.size(); ++i) outcomes += (i ? ", " : "") + outcomes_[i];
    lines.push_back(outcomes + "\n");
    if (r_.chance(0.5)) {
      static const std::vector<double> kBase = {0, 0, 10, 50, 0.5, 5};
      // The last scale is so wide that MAX - MIN overflows: human is NaN
      // there, which `decide` must read as missing.
      static const std::vector<std::pair<double, double>> kScales = {
          {0, 100},  {-50, 50}, {0, 1},    {-100, 0}, {0, 10},  {10, 20},      {-1000, 1000},  {0, 100},
          {-50, 50}, {0, 1},    {-100, 0}, {0, 10},   {10, 20}, {-1000, 1000}, {-1e308, 1e308}};
      auto [lo, hi] = r_.pick(kScales);
      auto sn = [](double x) { return (x < 0 ? "-" : "") + shortest_number(std::fabs(x)); };
      lines.push_back("points base " + std::string(r_.chance(0.3) ? "-" : "") + sn(r_.pick(kBase)) + " scale " +
                      sn(lo) + ".." + sn(hi) + "\n");
    }
    // Declarations mostly before rules, in random order among themselves;
    // now and then a let or segment among the rules, or everything shuffled
    // (items may come in any order).
    std::vector<Item> all;
    for (Item& it : items_) {
      if (it.kind != Item::Rule) all.push_back(it);
    }
    r_.shuffle(all);
    for (Item& it : items_) {
      if (it.kind == Item::Rule) all.push_back(it);
    }
    if (r_.chance(0.25)) {
      r_.shuffle(all);
    } else {
      for (int k = static_cast<int>(r_.below(3)); k > 0; --k) {
        size_t from = r_.below(all.size());
        if (all[from].kind != Item::Derived) continue;
        Item moved = all[from];
        all.erase(all.begin() + static_cast<long>(from));
        all.insert(all.begin() + static_cast<long>(r_.below(all.size() + 1)), moved);
      }
    }
    std::string text = head;
    for (auto& l : lines) text += l;
    for (const Item& it : all) {
      if (r_.chance(0.05)) text += "# a comment\n";
      text += r_.chance(0.3) ? "\n" : "";
      text += it.text;
    }
    return text;
  }

  // ---------------------------------------------------------------- expressions

  Expr binary(Expr a, const std::string& op, Expr b, int level, bool right_assoc = false) {
    if (right_assoc ? a.level >= level : a.level > level) a = paren(a);
    if (right_assoc ? b.level > level : b.level >= level) b = paren(b);
    bool symbol = !std::isalpha(static_cast<unsigned char>(op[0]));
    std::string sep = symbol && r_.chance(0.15) ? "" : " ";
    return maybe_paren({level, a.text + sep + op + sep + b.text});
  }

  Expr prefix(const std::string& op, Expr a, int level) {
    if (a.level > level) a = paren(a);
    return maybe_paren({level, op + a.text});
  }

  Expr suffix(Expr a, const std::string& rest, int level) {
    if (a.level > level) a = paren(a);
    return maybe_paren({level, a.text + rest});
  }

  Expr call(const std::string& fn, const std::vector<Expr>& args) {
    std::string s = fn + "(";
    for (size_t i = 0; i < args.size(); ++i) s += (i ? ", " : "") + args[i].text;
    return {kPrimary, s + ")"};
  }

  Expr maybe_paren(const Expr& e) { return r_.chance(0.04) ? paren(e) : e; }

  bool leaf(int depth) { return depth <= 0 || r_.chance(0.12 + 0.5 / (depth + 1)); }

  Expr number_literal() {
    double x = r_.pick(numbers_);
    out_.numbers.push_back(x);
    return {kPrimary, shortest_number(x)};
  }

  Expr string_literal() {
    std::string s = r_.pick(strings_);
    out_.strings.push_back(s);
    return {kPrimary, quote(s)};
  }

  // A reference to a field or visible derived value of type `t`, if any.
  // Fields are favoured, so that most expressions depend on the frame.
  std::optional<Expr> reference(const Ty& t) {
    std::vector<const Sym*> fields, derived;
    for (const Sym& f : fields_) {
      if (f.type == t) fields.push_back(&f);
    }
    for (size_t i = 0; i < visible_derived_; ++i) {
      if (derived_[i].type == t) derived.push_back(&derived_[i]);
    }
    if (fields.empty() && derived.empty()) return std::nullopt;
    bool field = derived.empty() || (!fields.empty() && r_.chance(0.65));
    return Expr{kPrimary, r_.pick(field ? fields : derived)->name};
  }

  Expr member(int enum_id) {
    const std::string& m = r_.pick(enums_[enum_id]);
    return {kPrimary, r_.chance(0.15) ? quote(m) : m};
  }

  // A constant of type `t` for an output default or assignment.
  Expr constant(const Ty& t) {
    switch (t.base) {
      case Base::Number: return r_.chance(0.3) ? prefix("-", number_literal(), kNeg) : number_literal();
      case Base::Bool: return {kPrimary, r_.chance(0.5) ? "true" : "false"};
      case Base::String: return string_literal();
      case Base::Enum: return member(t.enum_id);
    }
    return {};
  }

  Expr output_value(const Ty& t) {
    if (t.base == Base::Enum || r_.chance(0.4)) return constant(t);
    return of_type(t, r_.range(0, 3));
  }

  Expr of_type(const Ty& t, int depth, bool allow_member = false) {
    switch (t.base) {
      case Base::Number: return number(depth);
      case Base::Bool: return boolean(depth);
      case Base::String: return string_expr(depth);
      case Base::Enum:
        if (allow_member) return member(t.enum_id);
        return enum_expr(t.enum_id, depth);
    }
    return {};
  }

  // The side of `==`, `in [...]` or `??` whose type comes from the other
  // side: a bare or quoted enum member is allowed there.
  Expr hinted(const Ty& t, int depth) {
    if (t.base == Base::Enum && r_.chance(0.7)) return member(t.enum_id);
    if (t.base == Base::Number && r_.chance(0.6)) return number_literal();
    if (t.base == Base::String && r_.chance(0.6)) return string_literal();
    return of_type(t, depth);
  }

  Expr number(int depth) {
    if (leaf(depth)) {
      if (allow_scores_ && r_.chance(0.25)) return {kPrimary, r_.chance(0.5) ? "final" : "human"};
      if (r_.chance(0.75)) {
        if (auto ref = reference({Base::Number})) return *ref;
      }
      return number_literal();
    }
    int d = depth - 1;
    switch (r_.below(16)) {
      case 0:
      case 1: return prefix("-", number(d), kNeg);
      case 2:
      case 3: return binary(number(d), "+", number(d), kAdd);
      case 4: return binary(number(d), "-", number(d), kAdd);
      case 5:
      case 6: return binary(number(d), "*", number(d), kMul);
      case 7:
      case 8: return binary(number(d), "/", number(d), kMul);
      case 9: {
        std::vector<Expr> args;
        for (int k = r_.range(2, 4); k > 0; --k) args.push_back(number(d));
        return call(r_.chance(0.5) ? "min" : "max", args);
      }
      case 10: return call("abs", {number(d)});
      case 11: return call("clamp", {number(d), number(d), number(d)});
      case 12: return call("log", {number(d)});
      case 13: return call("exp", {number(d)});
      case 14: return call("round", {number(d)});
      default: return binary(number(d), "??", number(d), kCoalesce, true);
    }
  }

  Expr string_expr(int depth) {
    if (leaf(depth) || r_.chance(0.5)) {
      if (r_.chance(0.6)) {
        if (auto ref = reference({Base::String})) return *ref;
      }
      return string_literal();
    }
    return binary(string_expr(depth - 1), "??", hinted({Base::String}, depth - 1), kCoalesce, true);
  }

  Expr enum_expr(int enum_id, int depth) {
    std::optional<Expr> ref = reference({Base::Enum, enum_id});
    if (!ref) return {kPrimary, "?"};  // INVARIANT: callers only ask for enums of fields
    if (leaf(depth)) return *ref;
    Expr lhs = enum_expr(enum_id, depth - 1);
    Expr rhs = hinted({Base::Enum, enum_id}, depth - 1);
    return binary(lhs, "??", rhs, kCoalesce, true);
  }

  // An enum type some field has (so expressions of it can be built), or -1.
  int some_field_enum() {
    std::vector<int> ids = enum_field_ids();
    return ids.empty() ? -1 : r_.pick(ids);
  }

  // A type other than number for `==`, `in` and `is missing`.
  Ty comparable_type() {
    uint64_t k = r_.below(4);
    if (k == 0) return {Base::Bool};
    if (k == 1) return {Base::String};
    if (k == 2) {
      int e = some_field_enum();
      if (e >= 0) return {Base::Enum, e};
    }
    return {Base::Number};
  }

  Expr compare_numbers(int d) {
    static const std::vector<std::string> ops = {"<", "<=", ">", ">=", "==", "!="};
    Expr lhs = number(d);
    Expr rhs = r_.chance(0.6) ? (r_.chance(0.2) ? prefix("-", number_literal(), kNeg) : number_literal()) : number(d);
    if (r_.chance(0.2)) std::swap(lhs, rhs);
    return binary(lhs, r_.pick(ops), rhs, kCompare);
  }

  Expr boolean(int depth) {
    if (leaf(depth)) {
      uint64_t k = r_.below(100);
      if (k < 3) return {kPrimary, r_.chance(0.5) ? "true" : "false"};
      if (k < 50) {
        if (auto ref = reference({Base::Bool})) return *ref;
      }
      if (k < 60) {
        if (auto ref = any_reference())
          return suffix(*ref, r_.chance(0.5) ? " is missing" : " is not missing", kMissing);
      }
      return compare_numbers(0);
    }
    int d = depth - 1;
    switch (r_.below(20)) {
      case 0:
      case 1:
      case 2: return compare_numbers(d);
      case 3:
      case 4: {
        Ty t = comparable_type();
        Expr lhs = of_type(t, d);
        Expr rhs = hinted(t, d);
        if (r_.chance(0.3)) std::swap(lhs, rhs);  // the checker swaps back for the hint
        return binary(lhs, r_.chance(0.6) ? "==" : "!=", rhs, kCompare);
      }
      case 5:
      case 6:
      case 7: return binary(boolean(d), "and", boolean(d), kAnd);
      case 8:
      case 9:
      case 10: return binary(boolean(d), "or", boolean(d), kOr);
      case 11:
      case 12: return prefix("not ", boolean(d), kNot);
      case 13:
      case 14: {
        Ty t = r_.chance(0.5) ? Ty{Base::Number} : comparable_type();
        Expr lhs = of_type(t, d);
        std::string list;
        for (int k = r_.range(1, 5); k > 0; --k) {
          list += (list.empty() ? "" : ", ") + hinted(t, d - 1).text;
        }
        return suffix(lhs, std::string(r_.chance(0.4) ? " not in [" : " in [") + list + "]", kIn);
      }
      case 15: {
        Ty t = r_.chance(0.5) ? Ty{Base::Number} : comparable_type();
        return suffix(of_type(t, d), r_.chance(0.5) ? " is missing" : " is not missing", kMissing);
      }
      case 16:
        return binary(boolean(d), "??", r_.chance(0.5) ? Expr{kPrimary, r_.chance(0.5) ? "true" : "false"} : boolean(d),
                      kCoalesce, true);
      case 17:
      case 18: {
        static const std::vector<std::string> fns = {"starts_with", "ends_with", "contains"};
        Expr s = string_expr(d);
        Expr part = r_.chance(0.7) ? string_literal() : string_expr(d);
        return call(r_.pick(fns), {s, part});
      }
      default:
        if (allow_scores_) return score_condition();
        return compare_numbers(d);
    }
  }

  // Any field or visible derived value.
  std::optional<Expr> any_reference() {
    size_t n = fields_.size() + visible_derived_;
    if (n == 0) return std::nullopt;
    size_t i = r_.below(n);
    return Expr{kPrimary, i < fields_.size() ? fields_[i].name : derived_[i - fields_.size()].name};
  }

  struct Item {
    enum Kind { Input, Output, Derived, Rule, Decide } kind;
    std::string text;
  };

  Random r_;
  RulesetShape shape_;
  RandomRuleset& out_;
  std::vector<double> numbers_;
  std::vector<std::string> strings_;
  std::vector<std::string> outcomes_;
  std::vector<std::vector<std::string>> enums_;
  std::vector<Sym> fields_, outputs_, derived_;
  size_t visible_derived_ = 0;
  bool allow_scores_ = false;
  std::set<std::string> used_names_;
  std::vector<Item> items_;
};

// ---------------------------------------------------------------- frames

const std::vector<std::string> kUnicode = {
    "é", "日本語", "😀", "Ω≈ç", "\xE2\x80\x8B", "ﬁ", "e\xCC\x81", std::string("a\0b", 3), "\t", "\n", "\"", "\\"};

// Byte offsets of the code point boundaries of a valid UTF-8 string.
std::vector<size_t> boundaries(const std::string& s) {
  std::vector<size_t> out;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  }
  return out;
}

double random_number(Random& r, const RandomRuleset& rules) {
  // clang-format off
  static const std::vector<double> kSpecial = {
      0.0, -0.0, INFINITY, -INFINITY, 1e308, -1e308, 5e-324, -5e-324,
      std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
      std::numeric_limits<double>::min(), 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994,
      709.782712893384, 710, -745.2, 1e-320};
  // clang-format on
  uint64_t k = r.below(100);
  if (k < 30 && !rules.numbers.empty()) {
    double x = r.pick(rules.numbers);
    return r.chance(0.3) ? -x : x;
  }
  if (k < 40 && !rules.numbers.empty()) {
    double x = r.pick(rules.numbers);
    return std::nextafter(x, r.chance(0.5) ? INFINITY : -INFINITY);
  }
  if (k < 62) return r.pick(kSpecial);
  if (k < 80) return static_cast<double>(r.range(-10, 100));
  if (k < 92) return std::round((r.unit() * 2000 - 1000) * 100) / 100;
  for (;;) {  // any bit pattern but NaN
    double x = std::bit_cast<double>(r.engine()());
    if (!std::isnan(x)) return x;
  }
}

std::string random_string(Random& r, const RandomRuleset& rules) {
  uint64_t k = r.below(100);
  if (rules.strings.empty() && k < 55) k = 55;
  if (k < 30) return r.pick(rules.strings);
  if (k < 42) {  // a prefix of a literal
    const std::string& s = r.pick(rules.strings);
    auto b = boundaries(s);
    return s.substr(0, r.pick(b));
  }
  if (k < 50) {  // a literal with something before or after
    const std::string& s = r.pick(rules.strings);
    std::string extra = r.chance(0.5) ? "x" : r.pick(kUnicode);
    return r.chance(0.5) ? s + extra : extra + s;
  }
  if (k < 55) {  // a suffix of a literal
    const std::string& s = r.pick(rules.strings);
    auto b = boundaries(s);
    return s.substr(r.pick(b));
  }
  if (k < 70) return "";
  if (k < 85) return r.pick(kUnicode);
  std::string s;
  static const std::string alphabet = "abcxyzAB_ 01-";
  for (int n = r.range(1, 6); n > 0; --n) s += alphabet[r.below(alphabet.size())];
  return s;
}

}  // namespace

RandomRuleset random_ruleset(uint64_t seed, const RulesetShape& shape) {
  RandomRuleset out;
  out.seed = seed;
  out.text = Generator(seed, shape, out).run();
  std::sort(out.numbers.begin(), out.numbers.end());
  out.numbers.erase(std::unique(out.numbers.begin(), out.numbers.end()), out.numbers.end());
  std::sort(out.strings.begin(), out.strings.end());
  out.strings.erase(std::unique(out.strings.begin(), out.strings.end()), out.strings.end());
  return out;
}

Frame random_frame(const ir::Program& program, const RandomRuleset& rules, std::mt19937_64& rng) {
  Random r(rng());
  Frame frame(program.fields.size());
  for (uint32_t f = 0; f < program.fields.size(); ++f) {
    const ir::Type& t = program.fields[f].type;
    if (t.optional && r.chance(0.2)) {
      if (t.base == ir::BaseType::Number && r.chance(0.3))
        frame.set_number(f, NAN);
      else
        frame.set_missing(f);
      continue;
    }
    switch (t.base) {
      case ir::BaseType::Number: frame.set_number(f, random_number(r, rules)); break;
      case ir::BaseType::Bool: frame.set_bool(f, r.chance(0.5)); break;
      case ir::BaseType::String: frame.set_string(f, random_string(r, rules)); break;
      case ir::BaseType::Enum: {
        int32_t n = static_cast<int32_t>(program.enums[t.enum_id].members.size());
        uint64_t k = r.below(10);
        frame.set_enum(f, k < 4 ? 0 : k < 8 ? n - 1 : static_cast<int32_t>(r.below(static_cast<uint64_t>(n))));
        break;
      }
    }
  }
  return frame;
}

nlohmann::ordered_json frame_json(const ir::Program& program, const Frame& frame) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (uint32_t f = 0; f < program.fields.size(); ++f) {
    const ir::Field& field = program.fields[f];
    if (!frame.present[f]) {
      out[field.name] = nullptr;
      continue;
    }
    switch (field.type.base) {
      case ir::BaseType::Number: {
        double x = frame.numbers[f];
        if (std::isinf(x))
          out[field.name] = x > 0 ? "inf" : "-inf";
        else
          out[field.name] = x;
        break;
      }
      case ir::BaseType::Bool: out[field.name] = frame.codes[f] != 0; break;
      case ir::BaseType::String: out[field.name] = frame.strings[f]; break;
      case ir::BaseType::Enum: out[field.name] = program.enums[field.type.enum_id].members[frame.codes[f]]; break;
    }
  }
  return out;
}

std::string frame_toml(const ir::Program& program, const Frame& frame) {
  auto toml_string = [](const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"')
        out += "\\\"";
      else if (c == '\\')
        out += "\\\\";
      else if (c == '\n')
        out += "\\n";
      else if (c == '\t')
        out += "\\t";
      else if (c < 0x20 || c == 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04X", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  };
  std::string out = "{ ";
  bool first = true;
  for (uint32_t f = 0; f < program.fields.size(); ++f) {
    if (!frame.present[f]) continue;  // absent = missing
    const ir::Field& field = program.fields[f];
    out += (first ? "" : ", ") + field.name + " = ";
    first = false;
    switch (field.type.base) {
      case ir::BaseType::Number: {
        double x = frame.numbers[f];
        if (std::isinf(x)) {
          out += x > 0 ? "inf" : "-inf";
        } else {
          std::string s = shortest_number(x);
          if (s.find_first_of(".e") == std::string::npos) s += ".0";
          out += s;
        }
        break;
      }
      case ir::BaseType::Bool: out += frame.codes[f] ? "true" : "false"; break;
      case ir::BaseType::String: out += toml_string(frame.strings[f]); break;
      case ir::BaseType::Enum: out += toml_string(program.enums[field.type.enum_id].members[frame.codes[f]]); break;
    }
  }
  return out + (first ? "}" : " }");
}

}  // namespace verdict::testing
