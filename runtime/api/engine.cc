#include "runtime/api/engine.h"

#include "runtime/api/decide_request.h"
#include "runtime/api/decision_logging.h"
#include "runtime/api/engine_state.h"
#include "runtime/api/exception_diagnostic.h"
#include "runtime/wire/request.h"
#include "runtime/wire/request_fast.h"

namespace verdict {

nlohmann::ordered_json DecideResult::decision() const {
  return decided ? nlohmann::ordered_json::parse(json) : nlohmann::ordered_json();
}

namespace {

// Swaps `next` in with the log it names; false (the current version still
// serving) when that log cannot be opened.
bool swap_in(Engine::State& state, std::shared_ptr<const Deployment> next, LoadReport& report) {
  if (!next) return false;
  try {
    std::shared_ptr<DecisionLog> log;
    // The versions are in the store before the first decision made with them.
    if (state.options.log_decisions && !versions_kept(*next, report)) return false;
    std::unique_ptr<const ReplayRecorder> replay;
    if (state.options.log_decisions && !log_for(*next, state.log.load(), log, report)) return false;
    if (state.options.log_decisions && !replay_recorder_for(*next, state.options.backend, replay, report)) return false;
    auto version = std::make_shared<const ServedVersion>(std::move(next), std::move(replay));
    state.log.store(std::move(log));
    state.current.store(std::move(version));
    return true;
  } catch (...) {
    report.files.push_back({"<engine>", nullptr, {current_exception_diagnostic("swapping the new version in")}});
    return false;
  }
}

// `open()`, or null with the exception it threw in `report`: a load never
// throws past the engine (a reload runs on a thread of its own).
template <typename Open>
std::shared_ptr<const Deployment> opened(Open open, LoadReport& report, std::string_view during) {
  try {
    return open();
  } catch (...) {
    report.files.push_back({"<engine>", nullptr, {current_exception_diagnostic(during)}});
    return nullptr;
  }
}

}  // namespace

Engine::Engine(std::unique_ptr<State> state) : state_(std::move(state)) {}
Engine::~Engine() = default;

std::unique_ptr<Engine> Engine::start(std::unique_ptr<State> state, std::shared_ptr<const Deployment> first,
                                      LoadReport& report) {
  if (!swap_in(*state, std::move(first), report)) return nullptr;
  return std::unique_ptr<Engine>(new Engine(std::move(state)));
}

std::unique_ptr<Engine> Engine::open(const std::string& config_path, LoadReport& report, EngineOptions options) {
  auto state = std::make_unique<State>();
  state->options = options;
  state->reopen = [config_path, options](LoadReport& r) { return Deployment::open(config_path, r, options.backend); };
  auto first = opened([&] { return state->reopen(report); }, report, "loading the deployment");
  return start(std::move(state), std::move(first), report);
}

std::unique_ptr<Engine> Engine::open(const DeploymentSources& sources, LoadReport& report, EngineOptions options) {
  auto state = std::make_unique<State>();
  state->options = options;
  auto first =
      opened([&] { return Deployment::open(sources, report, options.backend); }, report, "loading the deployment");
  return start(std::move(state), std::move(first), report);
}

std::unique_ptr<Engine> Engine::open_rules(const std::string& rules_path, LoadReport& report, EngineOptions options) {
  auto state = std::make_unique<State>();
  state->options = options;
  state->reopen = [rules_path, options](LoadReport& r) {
    return Deployment::from_rules(rules_path, r, options.backend);
  };
  auto first = opened([&] { return state->reopen(report); }, report, "loading the ruleset");
  return start(std::move(state), std::move(first), report);
}

std::shared_ptr<const Deployment> Engine::current() const { return state_->current.load()->deployment; }

uint64_t Engine::generation() const { return state_->generation.load(); }

bool Engine::logs_to(const std::string& path) const {
  std::shared_ptr<DecisionLog> log = state_->log.load();
  return log && log->is_file(path);
}

bool Engine::reload(LoadReport& report) {
  std::lock_guard<std::mutex> lock(state_->reload_mutex);
  if (!state_->reopen) {
    Diagnostics diags;
    diags.report_unlocated(code::A004,
                           "this engine was opened from sources, not a config file: reload it from sources");
    report.add("<sources>", nullptr, diags);
    return false;
  }
  auto next = opened([&] { return state_->reopen(report); }, report, "reloading");
  if (!swap_in(*state_, std::move(next), report)) return false;
  state_->generation.fetch_add(1);
  return true;
}

bool Engine::reload(const DeploymentSources& sources, LoadReport& report) {
  std::lock_guard<std::mutex> lock(state_->reload_mutex);
  auto next = opened([&] { return Deployment::open(sources, report, state_->options.backend); }, report, "reloading");
  if (!swap_in(*state_, std::move(next), report)) return false;
  state_->generation.fetch_add(1);
  return true;
}

namespace {

// Decides through `decide` (decide_request or decide_frame into a scratch
// Decision), then logs before the result leaves: no decision is returned
// that its log does not hold.
template <class Decide>
DecideResult logged(const Engine::State& state, const ServedVersion& version, Decide&& decide) {
  DecideResult result;
  // The thread's scratch, reused: decide_into resets it and its vectors
  // keep their storage. Nothing of it outlives the call but copies.
  thread_local Decision scratch;
  decide(scratch, result);
  log_before_returning(state.log.load().get(), result);
  result.deployment = version.deployment;
  return result;
}

DecideResult decide_logged(const Engine::State& state, std::shared_ptr<const ServedVersion> version,
                           const nlohmann::json& request, const DecideSettings& settings) {
  return logged(state, *version, [&](Decision& scratch, DecideResult& result) {
    decide_request(*version, request, settings, scratch, result);
  });
}

DecideResult decided_frame(const Engine::State& state, std::shared_ptr<const ServedVersion> version, const Frame& frame,
                           const DecideSettings& settings) {
  return logged(state, *version, [&](Decision& scratch, DecideResult& result) {
    decide_frame(*version, frame, settings, scratch, result);
  });
}

// A plainly right request goes straight from its text to its frame
// (request_fast.h); any other is parsed and checked, so a request that is
// not JSON is refused before any decision, with what is wrong.
DecideResult decide_text(const Engine::State& state, std::shared_ptr<const ServedVersion> version,
                         std::string_view text, const DecideSettings& settings) {
  size_t limit = settings.max_request_bytes.value_or(state.options.max_request_bytes);
  if (text.size() <= limit && !settings.allow_nonfinite) {
    thread_local Frame frame;  // reused as the scratch Decision is
    if (frame_from_plain_json(version->deployment->program(), text, frame)) {
      return decided_frame(state, std::move(version), frame, settings);
    }
  }
  std::vector<Diagnostic> errors;
  nlohmann::json parsed = request_from_text(text, errors, limit);
  if (errors.empty()) return decide_logged(state, std::move(version), parsed, settings);
  DecideResult result;
  result.errors = std::move(errors);
  result.not_json = true;
  result.deployment = version->deployment;
  return result;
}

}  // namespace

DecideResult Engine::decide(std::string_view request_json) const {
  return decide_text(*state_, state_->current.load(), request_json, DecideSettings{});
}

DecideResult Engine::decide(std::string_view request_json, const DecideSettings& settings) const {
  return decide_text(*state_, state_->current.load(), request_json, settings);
}

DecideResult Engine::decide(const nlohmann::json& request) const { return decide(request, DecideSettings{}); }

DecideResult Engine::decide(const nlohmann::json& request, TraceLevel level) const {
  DecideSettings settings;
  settings.trace = level;
  return decide(request, settings);
}

DecideResult Engine::decide(const nlohmann::json& request, const DecideSettings& settings) const {
  return decide_logged(*state_, state_->current.load(), request, settings);
}

std::vector<DecideResult> Engine::decide_batch(const std::vector<nlohmann::json>& requests) const {
  std::shared_ptr<const ServedVersion> version = state_->current.load();
  std::vector<DecideResult> out;
  out.reserve(requests.size());
  for (const nlohmann::json& r : requests) out.push_back(decide_logged(*state_, version, r, DecideSettings{}));
  return out;
}

std::vector<DecideResult> Engine::decide_texts(const std::vector<std::string_view>& requests) const {
  std::shared_ptr<const ServedVersion> version = state_->current.load();
  std::vector<DecideResult> out;
  out.reserve(requests.size());
  for (std::string_view r : requests) out.push_back(decide_text(*state_, version, r, DecideSettings{}));
  return out;
}

}  // namespace verdict
