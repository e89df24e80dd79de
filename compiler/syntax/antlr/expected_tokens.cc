#include "compiler/syntax/antlr/expected_tokens.h"

#include <algorithm>

namespace verdict::syntax {
namespace {

std::string display_name(const antlr4::dfa::Vocabulary& vocab, size_t type) {
  if (type == static_cast<size_t>(antlr4::Token::EOF)) return "end of file";
  std::string literal = vocab.getLiteralName(type);
  if (literal.size() >= 2) return "`" + literal.substr(1, literal.size() - 2) + "`";
  std::string symbolic = vocab.getSymbolicName(type);
  if (symbolic == "NUMBER") return "a number";
  if (symbolic == "STRING") return "a string";
  if (symbolic == "IDENT") return "a name";
  return symbolic;
}

// Words the grammar accepts as names too (`name` in Rules.g4): when a name is
// expected they are not listed one by one.
bool soft_keyword(const std::string& display) {
  for (const char* word : {"`base`", "`scale`", "`xgboost`", "`predicts`", "`features`", "`priority`", "`version`",
                           "`outcomes`", "`tag`", "`lowers`", "`raises`"}) {
    if (display == word) return true;
  }
  return false;
}

// Replaces the starts of an expression by "an expression" and those of an
// action by "an action (...)", and drops the soft keywords when a name is
// expected anyway.
void group_starts(std::vector<std::string>& names) {
  auto has = [&](const char* n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  auto drop = [&](std::initializer_list<const char*> gone) {
    for (const char* g : gone) names.erase(std::remove(names.begin(), names.end(), g), names.end());
  };
  bool name = has("a name"), expression = name && has("a number") && has("a string") && has("`(`");
  bool action = name && has("`points`") && has("`reason`");
  if (name) names.erase(std::remove_if(names.begin(), names.end(), soft_keyword), names.end());
  if (expression) {
    drop({"a name", "a number", "a string", "`(`", "`-`", "`not`", "`true`", "`false`"});
    names.push_back("an expression");
  }
  if (action) {
    drop({"a name", "`points`", "`reason`"});
    names.push_back("an action (`points`, `tag`, `reason`, an outcome or `OUTPUT = value`)");
  }
}

}  // namespace

std::vector<std::string> expected_names(antlr4::Parser& parser) {
  antlr4::misc::IntervalSet set;
  try {
    set = parser.getExpectedTokens();
  } catch (...) {
    return {};
  }
  std::vector<std::string> names;
  for (ssize_t type : set.toList()) names.push_back(display_name(parser.getVocabulary(), type));
  group_starts(names);
  if (names.size() > 6) return {};
  return names;
}

std::string expected_list(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string out = "; expected ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace verdict::syntax
