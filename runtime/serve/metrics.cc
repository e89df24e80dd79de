#include "runtime/serve/metrics.h"

namespace verdict::serve {
namespace {

// A label value as the text format wants it: \\, \" and \n escaped.
std::string label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void sample(std::string& out, const char* name, const std::string& labels, uint64_t value) {
  out += name;
  if (!labels.empty()) out += "{" + labels + "}";
  out += ' ' + std::to_string(value) + '\n';
}

}  // namespace

Metrics::Counter* Metrics::counter(std::map<Key, std::unique_ptr<Counter>>& in, const std::string& ruleset,
                                   const std::string& name) {
  std::unique_ptr<Counter>& slot = in[{ruleset, name}];
  if (!slot) slot = std::make_unique<Counter>(0);
  return slot.get();
}

// INVARIANT: a binding whose weak pointer has not expired describes the
// deployment at `raw`; an expired one is never matched, so a new deployment
// allocated at a freed one's address gets its own binding.
std::shared_ptr<const Metrics::Binding> Metrics::bind(const std::shared_ptr<const Deployment>& deployment) {
  std::shared_ptr<const Binding> current = binding_.load();
  if (current && current->raw == deployment.get() && !current->deployment.expired()) return current;
  std::lock_guard<std::mutex> lock(mutex_);
  auto next = std::make_shared<Binding>();
  next->deployment = deployment;
  next->raw = deployment.get();
  const ir::Program& p = deployment->program();
  for (const std::string& o : p.outcomes) next->outcomes.push_back(counter(outcomes_, p.name, o));
  for (const ir::Rule& r : p.rules) next->rules.push_back(counter(rules_, p.name, r.name));
  binding_.store(next);
  return next;
}

void Metrics::count_decision(const std::shared_ptr<const Deployment>& deployment, uint32_t outcome,
                             const std::vector<uint32_t>& fired_rules) {
  std::shared_ptr<const Binding> b = bind(deployment);
  if (outcome < b->outcomes.size()) b->outcomes[outcome]->fetch_add(1, std::memory_order_relaxed);
  for (uint32_t r : fired_rules) {
    if (r < b->rules.size()) b->rules[r]->fetch_add(1, std::memory_order_relaxed);
  }
}

void Metrics::count_error(std::string_view code) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++errors_[std::string(code)];
}

void Metrics::count_request_errors(const std::vector<Diagnostic>& errors) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const Diagnostic& d : errors) ++request_errors_[d.code];
}

void Metrics::count_response(int status) {
  if (status >= 0 && static_cast<size_t>(status) < responses_.size()) {
    responses_[status].fetch_add(1, std::memory_order_relaxed);
  }
}

std::string Metrics::render(uint64_t generation, int64_t in_flight) const {
  std::string out;
  std::lock_guard<std::mutex> lock(mutex_);
  header(out, "verdict_decisions_total", "counter", "Requests decided, by ruleset and outcome.");
  for (const auto& [key, n] : outcomes_) {
    sample(out, "verdict_decisions_total", "ruleset=\"" + label(key.first) + "\",outcome=\"" + label(key.second) + "\"",
           n->load(std::memory_order_relaxed));
  }
  header(out, "verdict_rule_fired_total", "counter", "Decisions in which the rule fired.");
  for (const auto& [key, n] : rules_) {
    sample(out, "verdict_rule_fired_total", "ruleset=\"" + label(key.first) + "\",rule=\"" + label(key.second) + "\"",
           n->load(std::memory_order_relaxed));
  }
  header(out, "verdict_decide_duration_seconds", "histogram",
         "Time to answer POST /v1/decide and /v1/decide:batch, from the request read to the "
         "response built.");
  out += latency_.render("verdict_decide_duration_seconds");
  header(out, "verdict_reloads_total", "counter", "Reloads through POST /v1/reload, by result.");
  sample(out, "verdict_reloads_total", "result=\"ok\"", reloads_ok_.load(std::memory_order_relaxed));
  sample(out, "verdict_reloads_total", "result=\"failed\"", reloads_failed_.load(std::memory_order_relaxed));
  header(out, "verdict_errors_total", "counter", "Error responses, by the code in their error body.");
  for (const auto& [code, n] : errors_) sample(out, "verdict_errors_total", "code=\"" + label(code) + "\"", n);
  header(out, "verdict_request_errors_total", "counter", "Problems found in refused requests, by diagnostic code.");
  for (const auto& [code, n] : request_errors_) {
    sample(out, "verdict_request_errors_total", "code=\"" + label(code) + "\"", n);
  }
  header(out, "verdict_http_responses_total", "counter", "HTTP responses, by status code.");
  for (size_t s = 0; s < responses_.size(); ++s) {
    uint64_t n = responses_[s].load(std::memory_order_relaxed);
    if (n) sample(out, "verdict_http_responses_total", "status=\"" + std::to_string(s) + "\"", n);
  }
  header(out, "verdict_ruleset_generation", "gauge", "Versions swapped in since start: 1, plus one per reload.");
  sample(out, "verdict_ruleset_generation", "", generation);
  header(out, "verdict_requests_in_flight", "gauge", "Decide requests being answered now.");
  sample(out, "verdict_requests_in_flight", "", static_cast<uint64_t>(in_flight < 0 ? 0 : in_flight));
  return out;
}

}  // namespace verdict::serve
