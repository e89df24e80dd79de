// The conformance corpus (tests/conformance): one set of rulesets and cases
// that every backend must decide identically. For each topic NAME:
//   NAME.rules            the ruleset
//   NAME.cases.toml       the cases, with expectations computed by hand from
//                         the semantics contract (checked with check_case)
//   NAME.expected.jsonl   the golden: one line per case, the full decision
//                         with its trace, or the codes a rejected request got
// Each topic runs on each backend as its own section, so a failure names the
// file and the backend. VERDICT_REGENERATE=1 rewrites the goldens; review
// them by eye before committing: they are what auditors read.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "compiler/ir/node.h"
#include "compiler/source/diagnostic_text.h"
#include "runtime/cases/case_check.h"
#include "runtime/core/decide.h"
#include "runtime/deploy/ruleset.h"
#include "runtime/wire/decision_json.h"
#include "runtime/wire/request.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

constexpr size_t kMinimumCorpusCases = 60;

// ---------------------------------------------------------------- backends

// Every backend the corpus runs on, by the name Backend::name() reports.
// Both must pass the very same cases and goldens; the interpreter is the
// reference that wrote them.
std::vector<std::string> conformance_backends() { return {"interp", "jit"}; }

// Compiles a ruleset for one backend; null (with diagnostics) on errors.
std::unique_ptr<CompiledRuleset> compile_for(const std::string& backend, const std::string& path,
                                             const std::string& text, Diagnostics& diags) {
  BackendKind kind;
  if (!parse_backend_kind(backend, kind)) return nullptr;
  return CompiledRuleset::compile(path, text, diags, kind);
}

// ---------------------------------------------------------------- known engine bugs

// Cases whose hand-computed expectation (the spec) disagrees with the engine.
// Their failures are printed as warnings instead of failing the test, until
// the engine is fixed; a listed case that passes fails the test so the entry
// gets removed (then regenerate the golden: it holds today's wrong output).
struct KnownEngineBug {
  const char* topic;
  const char* case_name;
  const char* reason;
};

const KnownEngineBug kKnownEngineBugs[] = {
    {"", "", ""},  // none known; an empty entry keeps the array non-empty
};

const KnownEngineBug* known_bug(const std::string& topic, const std::string& case_name) {
  for (const KnownEngineBug& bug : kKnownEngineBugs) {
    if (topic == bug.topic && case_name == bug.case_name) return &bug;
  }
  return nullptr;
}

// ---------------------------------------------------------------- corpus files

std::string corpus_dir() { return testing::source_path("tests/conformance"); }

// Topic names (NAME of NAME.cases.toml), sorted so runs are stable.
std::vector<std::string> corpus_topics() {
  std::vector<std::string> topics;
  for (const auto& entry : fs::directory_iterator(corpus_dir())) {
    std::string file = entry.path().filename().string();
    const std::string suffix = ".cases.toml";
    if (file.size() > suffix.size() && file.ends_with(suffix)) {
      topics.push_back(file.substr(0, file.size() - suffix.size()));
    }
  }
  std::sort(topics.begin(), topics.end());
  return topics;
}

std::optional<CasesFile> load_topic(const std::string& topic, std::string& problems) {
  std::vector<Diagnostic> errors;
  uint32_t line = 0;
  std::string path = corpus_dir() + "/" + topic + ".cases.toml";
  auto cases = load_cases(path, errors, line);
  for (const Diagnostic& e : errors) {
    problems += path + ":" + std::to_string(line) + ": " + e.code + " " + e.message + "\n";
  }
  return cases;
}

// ---------------------------------------------------------------- checks beyond check_case

// A case decided on one compiled ruleset, below the Engine: the corpus also
// checks the evaluation itself (unrecorded_events), which only the Decision
// holds. `json` is what users receive at trace level full; check_case reads
// the expectations from it, as `verdict test` does.
struct DecidedCase {
  std::optional<Frame> frame;
  Decision decision;
  ordered_json json;
  std::vector<Diagnostic> errors;  // when the request was rejected
};

DecidedCase decide_case(const CompiledRuleset& ruleset, const TestCase& test) {
  DecidedCase out;
  RequestOptions options;
  options.allow_nonfinite = true;  // as run_case: TOML writes nan and inf
  out.frame = frame_from_json(ruleset.program(), test.input, out.errors, options);
  if (!out.frame) return out;
  out.decision = decide(ruleset.program(), ruleset.backend(), *out.frame, true, nullptr);
  out.json = decision_json(ruleset, *out.frame, out.decision, TraceLevel::Full);
  return out;
}

// The codes a request was rejected with, in the order they were reported.
std::vector<std::string> rejection_codes(const std::vector<Diagnostic>& errors) {
  std::vector<std::string> codes;
  for (const Diagnostic& e : errors) codes.push_back(e.code);
  return codes;
}

void collect_trace_events(const ordered_json& j, std::set<std::string>& out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      if (key == "events" && value.is_array()) {
        for (const auto& e : value) {
          if (e.is_object() && e.contains("at") && e.contains("expr")) {
            out.insert(e["at"].get<std::string>() + " " + e["expr"].get<std::string>());
          }
        }
      }
      collect_trace_events(value, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) collect_trace_events(v, out);
  }
}

// Spec: division by zero and any arithmetic whose result is NaN are missing
// "and recorded in the trace". Every event the backend recorded must show up
// in some `events` list of the full trace, wherever the expression sits.
std::vector<std::string> unrecorded_events(const CompiledRuleset& ruleset, const Decision& d,
                                           const ordered_json& decision) {
  std::set<std::string> in_trace;
  collect_trace_events(decision, in_trace);
  std::vector<std::string> missing;
  for (const ir::Node& n : ruleset.program().nodes) {
    if (!ir::is_arithmetic(n.op) || n.index < 0) continue;
    if (d.evaluation.events[n.index] == EventKind::None) continue;
    std::string key = ruleset.location(n.span) + " " + std::string(ruleset.source().slice(n.span));
    if (!in_trace.count(key)) {
      missing.push_back("undefined result of `" + std::string(ruleset.source().slice(n.span)) + "` at " +
                        ruleset.location(n.span) + " is not recorded in the trace");
    }
  }
  return missing;
}

// The golden line of a decided case. The trace names the backend that ran
// it; that is the one field allowed to differ between backends, so it is
// checked here and left out of the golden.
std::string golden_line(const std::string& name, ordered_json decision) {
  decision["trace"].erase("backend");
  ordered_json line;
  line["case"] = name;
  line["decision"] = std::move(decision);
  return line.dump();
}

std::string golden_line(const std::string& name, const std::vector<std::string>& codes) {
  ordered_json line;
  line["case"] = name;
  line["rejected"] = codes;
  return line.dump();
}

// ---------------------------------------------------------------- one topic on one backend

void run_topic(const std::string& topic, const std::string& backend) {
  std::string problems;
  auto cases = load_topic(topic, problems);
  INFO(problems);
  REQUIRE(cases.has_value());

  std::string rules_path = cases->ruleset_path;
  std::string text;
  REQUIRE(read_rules_file(rules_path, text));
  // Locations in traces name the file relative to the repository root.
  std::string display_path = fs::path(rules_path).lexically_relative(testing::source_path("")).generic_string();
  Diagnostics diags;
  auto ruleset = compile_for(backend, display_path, text, diags);
  if (!ruleset) {
    SourceFile source(display_path, text);
    std::string rendered;
    for (const Diagnostic& d : diags.sorted()) rendered += render_diagnostic(d, source);
    INFO("backend " << backend << " cannot compile " << display_path << "\n" << rendered);
    REQUIRE(ruleset != nullptr);
  }
  REQUIRE(std::string(ruleset->backend().name()) == backend);

  std::string failures, golden;
  std::set<std::string> seen;
  for (const TestCase& test : cases->cases) {
    INFO(topic << ".cases.toml:" << test.line << ": " << test.name);
    CHECK(seen.insert(test.name).second);  // names identify golden lines and skip entries
    DecidedCase decided = decide_case(*ruleset, test);
    CaseResult result = check_case(ruleset->program(), test, decided.frame ? &decided.json : nullptr, decided.errors);
    std::vector<std::string> case_failures = result.failures;
    if (decided.frame) {
      CHECK(decided.json["trace"]["backend"] == backend);
      for (std::string& m : unrecorded_events(*ruleset, decided.decision, decided.json)) {
        case_failures.push_back(std::move(m));
      }
      golden += golden_line(test.name, std::move(decided.json)) + "\n";
    } else {
      golden += golden_line(test.name, rejection_codes(decided.errors)) + "\n";
    }

    std::string where = "tests/conformance/" + topic + ".cases.toml:" + std::to_string(test.line);
    std::string report;
    for (const std::string& f : case_failures) report += "    " + f + "\n";
    if (const KnownEngineBug* bug = known_bug(topic, test.name)) {
      if (case_failures.empty()) {
        failures += where + ": `" + test.name + "` passes on " + backend +
                    " but is listed in kKnownEngineBugs: remove the entry and regenerate the golden\n";
      } else {
        WARN("KNOWN ENGINE BUG, not enforced: " << where << ": `" << test.name << "` on " << backend << ": "
                                                << bug->reason << "\n"
                                                << report);
      }
      continue;
    }
    if (!case_failures.empty()) failures += where + ": `" + test.name + "` on " + backend + ":\n" + report;
  }
  for (const KnownEngineBug& bug : kKnownEngineBugs) {
    if (topic == bug.topic && !seen.count(bug.case_name)) {
      failures += std::string("kKnownEngineBugs names `") + bug.case_name + "`, which is not a case of " + topic + "\n";
    }
  }

  std::string golden_path = corpus_dir() + "/" + topic + ".expected.jsonl";
  std::string diff = testing::check_golden(golden_path, golden);
  INFO(diff);
  CHECK(diff.empty());
  INFO(failures);
  REQUIRE(failures.empty());
}

TEST_CASE("conformance: every topic on every backend", "[conformance]") {
  std::vector<std::string> topics = corpus_topics();
  REQUIRE_FALSE(topics.empty());
  for (const std::string& backend : conformance_backends()) {
    for (const std::string& topic : topics) {
      DYNAMIC_SECTION(topic << " on " << backend) { run_topic(topic, backend); }
    }
  }
}

TEST_CASE("conformance: the corpus is complete", "[conformance]") {
  size_t total = 0;
  for (const std::string& topic : corpus_topics()) {
    std::string problems;
    auto cases = load_topic(topic, problems);
    INFO(problems);
    REQUIRE(cases.has_value());
    total += cases->cases.size();
    // Every topic brings its ruleset and its golden.
    CHECK(fs::exists(cases->ruleset_path));
    CHECK(fs::exists(corpus_dir() + "/" + topic + ".expected.jsonl"));
  }
  INFO("the corpus has " << total << " cases");
  CHECK(total >= kMinimumCorpusCases);
  // Every file in the corpus folder belongs to a topic.
  std::set<std::string> topics;
  for (const std::string& t : corpus_topics()) topics.insert(t);
  for (const auto& entry : fs::directory_iterator(corpus_dir())) {
    std::string file = entry.path().filename().string();
    std::string stem = file.substr(0, file.find('.'));
    INFO(file);
    CHECK(topics.count(stem) == 1);
  }
}

}  // namespace
}  // namespace verdict
