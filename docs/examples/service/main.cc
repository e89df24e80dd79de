// A service's use of the C++ embedding API: open the deployment once, then
// decide requests built from the service's own values and read the outcome
// and the reasons. Usage: credit_service CONFIG.toml
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "runtime/api/engine.h"

namespace {

struct Application {  // what the service's own code holds
  std::string id;
  double seniority, time, age, expenses, income, amount, price;
  std::string home, job;
  bool records;
};

// Optional fields the service does not know are left out (missing).
nlohmann::json to_request(const Application& a) {
  return {{"customer_id", a.id}, {"seniority", a.seniority}, {"home", a.home},  {"time", a.time},
          {"age", a.age},        {"records", a.records},     {"job", a.job},    {"expenses", a.expenses},
          {"income", a.income},  {"amount", a.amount},       {"price", a.price}};
}

void print_errors(const std::vector<verdict::Diagnostic>& errors) {
  for (const verdict::Diagnostic& e : errors) std::cout << "  error[" << e.code << "]: " << e.message << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " CONFIG.toml\n";
    return 2;
  }
  verdict::LoadReport report;
  std::unique_ptr<verdict::Engine> engine = verdict::Engine::open(argv[1], report);
  if (!engine) {
    std::cerr << report.render();
    return 1;
  }
  const verdict::Deployment& serving = *engine->current();
  std::cout << "serving " << serving.program().name << " " << serving.program().version << "\n";

  Application app{"CR-10001", 12, 36, 54, 60, 130, 700, 2100, "owner", "fixed", false};
  verdict::DecideResult result = engine->decide(to_request(app));
  if (!result.decided) {
    print_errors(result.errors);
    return 1;
  }
  const nlohmann::ordered_json d = result.decision();  // parsed from result.json
  std::cout << app.id << ": " << d["outcome"].get<std::string>() << " (final score "
            << d["score"]["final"].get<double>() << ")\n";
  for (const auto& reason : d["reasons"]) {
    std::cout << "  " << reason["code"].get<std::string>() << " " << reason["text"].get<std::string>() << "\n";
  }

  // A request the service got wrong is refused, each error naming its field.
  nlohmann::json typo = to_request(app);
  typo["amount"] = "700";
  verdict::DecideResult refused = engine->decide(typo);
  std::cout << "refused: " << (refused.decided ? "no" : "yes") << "\n";
  print_errors(refused.errors);
  return refused.decided ? 1 : 0;
}
