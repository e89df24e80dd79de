// ChallengerComparison::text: the report for a reader, from report().
#include <cstdio>
#include <sstream>

#include "runtime/replay/challenger_comparison.h"

namespace verdict {
namespace {

using Json = nlohmann::ordered_json;

std::string padded(const std::string& s, size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

std::string fixed(double x, const char* format = "%.4f") {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, x);
  return buffer;
}

std::string percent(double share) { return fixed(100 * share, "%.1f%%"); }

void transition_table(const Json& r, std::ostringstream& out) {
  const Json& outcomes = r["outcomes"];
  out << "outcome transitions (rows: champion, columns: challenger)\n" << padded("", 12);
  for (const Json& o : outcomes) out << padded(o.get<std::string>(), 10);
  out << padded("total", 10) << "rate\n";
  for (const Json& a : outcomes) {
    std::string from = a.get<std::string>();
    uint64_t row = 0;
    out << "  " << padded(from, 10);
    for (const Json& b : outcomes) {
      uint64_t n = r["transitions"][from][b.get<std::string>()].get<uint64_t>();
      row += n;
      out << padded(std::to_string(n), 10);
    }
    out << padded(std::to_string(row), 10) << percent(r["rates"]["champion"][from].get<double>()) << "\n";
  }
  out << "  " << padded("rate", 10);
  for (const Json& b : outcomes)
    out << padded(percent(r["rates"]["challenger"][b.get<std::string>()].get<double>()), 10);
  out << "\n\n";
}

void segments_and_drivers(const Json& r, std::ostringstream& out) {
  out << "changed by segment (the champion's)\n";
  for (const Json& s : r["by_segment"]) {
    double share = s["decisions"].get<double>() ? s["changed"].get<double>() / s["decisions"].get<double>() : 0;
    out << "  " << padded(s["segment"].get<std::string>(), 16) << s["decisions"] << " decisions, " << s["changed"]
        << " changed (" << percent(share) << ")\n";
  }
  const Json& d = r["drivers"];
  out << "\nwhat drives the " << r["changed"] << " changed decisions\n";
  for (const Json& rule : d["rules"]) {
    out << "  rule " << padded(rule["rule"].get<std::string>(), 24) << "fired for the champion only "
        << rule["fired_champion_only"] << ", for the challenger only " << rule["fired_challenger_only"] << "\n";
  }
  for (const Json& w : d["weights"]) {
    out << "  blend weights (human/model) " << w["weights"].get<std::string>() << ": " << w["decisions"] << "\n";
  }
  for (const Json& by : d["decided_by"])
    out << "  decided by " << by["decided_by"].get<std::string>() << ": " << by["decisions"] << "\n";
  out << "  mean |human score shift| " << fixed(d["mean_abs_human_shift"].get<double>())
      << ", mean |model score shift| " << fixed(d["mean_abs_model_shift"].get<double>()) << "\n";
  for (const Json& f : d["features"]) {
    out << "  feature " << padded(f["feature"].get<std::string>(), 16) << "mean |effect shift| "
        << fixed(f["mean_abs_effect_shift"].get<double>()) << " over " << f["decisions"] << " decisions\n";
  }
}

void final_shift(const Json& r, std::ostringstream& out) {
  const Json& s = r["final_shift"];
  out << "\nfinal score shift (challenger - champion) over " << s["decisions"] << " decisions";
  if (s["decisions"].get<uint64_t>() == 0) {
    out << "\n";
    return;
  }
  out << ": mean " << fixed(s["mean"].get<double>()) << ", min " << fixed(s["min"].get<double>()) << ", p05 "
      << fixed(s["p05"].get<double>()) << ", median " << fixed(s["p50"].get<double>()) << ", p95 "
      << fixed(s["p95"].get<double>()) << ", max " << fixed(s["max"].get<double>()) << "\n";
}

}  // namespace

std::string ChallengerComparison::text() const {
  Json r = report();
  std::ostringstream out;
  double changed = r["compared"].get<double>() ? r["changed"].get<double>() / r["compared"].get<double>() : 0;
  out << "champion/challenger: " << r["compared"] << " decisions compared, " << r["changed"] << " changed ("
      << percent(changed) << "), " << r["not_compared"] << " not compared\n\n";
  transition_table(r, out);
  segments_and_drivers(r, out);
  final_shift(r, out);
  for (const Json& s : r["not_compared_why"])
    out << "not compared: " << s["records"] << " records: " << s["why"].get<std::string>() << "\n";
  return out.str();
}

}  // namespace verdict
