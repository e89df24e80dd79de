#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace verdict {

// Champion/challenger on history: each logged (champion) decision beside
// the challenger's decision of the same request, summed up as what a
// model-risk review asks for (SR 11-7 "outcomes analysis"):
//  - the outcome transition matrix (champion row, challenger column) and
//    each side's outcome rates;
//  - changed decisions by the champion's segment;
//  - what drives the changes: among decisions whose outcome changed, the
//    rules whose firing differs (and in which direction), the knock-outs,
//    the shift of the human and of the model score, and the model
//    features whose weighted contributions (`effect`, when both sides
//    computed SHAP) moved most;
//  - the distribution of final-score shifts (challenger - champion).
// Decisions are read as docs/decision.md writes them; a field either side
// lacks (no trace, no SHAP) is left out of what needs it, never guessed.
class ChallengerComparison {
 public:
  // The outcomes in the order the matrix lists them (the ruleset's); any
  // other outcome seen is added after them.
  explicit ChallengerComparison(std::vector<std::string> outcomes = {}) : outcome_order_(std::move(outcomes)) {}
  void add(const nlohmann::ordered_json& champion, const nlohmann::ordered_json& challenger);
  // A record that could not be compared (not replayable): counted, with why.
  void skip(const std::string& why) { ++not_compared_[why]; }

  // One object: records, compared, transitions, rates, by_segment, drivers,
  // final_shift (docs/audit.md#champion-and-challenger documents it).
  nlohmann::ordered_json report() const;
  // The same for a reader: the matrix as a table, then the rest.
  std::string text() const;

 private:
  struct RuleShift {
    uint64_t champion_only = 0, challenger_only = 0;
  };
  struct Segment {
    uint64_t records = 0, changed = 0;
  };
  void add_drivers(const nlohmann::ordered_json& champion, const nlohmann::ordered_json& challenger);
  nlohmann::ordered_json drivers_json() const;
  nlohmann::ordered_json shift_json() const;
  std::vector<std::string> outcomes() const;

  std::vector<std::string> outcome_order_;  // as first seen
  std::map<std::string, std::map<std::string, uint64_t>> transitions_;
  std::map<std::string, Segment> segments_;
  std::map<std::string, RuleShift> rules_;
  std::map<std::string, uint64_t> knockouts_;  // "A -> B" of decided_by, among changed decisions
  std::map<std::string, uint64_t> weights_;    // "0.4/0.6 -> 0.5/0.5" (human/model), among changed decisions
  std::map<std::string, std::pair<double, uint64_t>> feature_shift_;  // sum |d effect|, n
  std::vector<double> final_shifts_;
  double human_shift_ = 0, model_shift_ = 0;  // sums of |d|, over changed decisions
  uint64_t compared_ = 0, changed_ = 0;
  std::map<std::string, uint64_t> not_compared_;
};

}  // namespace verdict
