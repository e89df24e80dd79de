#include "bench/generated_ruleset.h"

#include <random>

namespace verdict::bench {
namespace {

const char* kHeader = R"(ruleset generated
version "bench"
outcomes approve, review, decline
points base 50 scale 0..100

input application {
  seniority: number
  home: enum(rent, owner, parents, priv, other, ignore)?
  time: number
  age: number
  marital: enum(married, widow, single, separated, divorced)?
  records: bool
  job: enum(fixed, freelance, others, partime)?
  expenses: number
  income: number?
  assets: number?
  debt: number?
  amount: number
  price: number
}

let loan_to_price = amount / price
let burden = (expenses + amount / time) / income
let net_assets = (assets ?? 0) - (debt ?? 0)
)";

const char* kNumbers[] = {"seniority", "time", "age", "expenses", "amount", "price", "loan_to_price", "net_assets"};
const char* kHomes[] = {"rent", "owner", "parents", "priv", "other", "ignore"};
const char* kJobs[] = {"fixed", "freelance", "others", "partime"};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  int pick(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }
  std::string threshold(int max) { return std::to_string(pick(max)) + "." + std::to_string(pick(10)); }

  std::string range_test() {
    std::string field = kNumbers[pick(8)];
    const char* ops[] = {"<", "<=", ">", ">="};
    int max = field == std::string("loan_to_price") ? 2 : field == std::string("net_assets") ? 20000 : 100;
    return field + " " + ops[pick(4)] + " " + threshold(max);
  }

  std::string condition() {
    switch (pick(6)) {
      case 0: return range_test() + " and " + range_test();
      case 1: return range_test() + " and home == " + kHomes[pick(6)];
      case 2: return "job in [" + std::string(kJobs[pick(4)]) + ", " + kJobs[pick(4)] + "] or " + range_test();
      case 3: return "burden > 0." + std::to_string(1 + pick(9)) + " and not records";
      case 4: return "(income ?? 0) < " + threshold(300) + " or income is missing and " + range_test();
      default: return range_test();
    }
  }

  std::string rule(int i) {
    int points = pick(21) - 10;
    return "rule g" + std::to_string(i) + "\n  when " + condition() + "\n  then points " + (points < 0 ? "" : "+") +
           std::to_string(points) + ", reason \"G" + std::to_string(i) + "\" \"generated rule " + std::to_string(i) +
           "\"\n\n";
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace

std::string generated_ruleset(int rules, uint64_t seed) {
  Generator gen(seed);
  std::string text = kHeader;
  text += "\n";
  for (int i = 0; i < rules; ++i) text += gen.rule(i);
  text += "decide\n  approve when final >= 0.7\n  review when final >= 0.5\n  decline otherwise\n";
  return text;
}

}  // namespace verdict::bench
