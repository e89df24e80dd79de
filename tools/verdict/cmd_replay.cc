// `verdict replay LOG...`: re-runs logged decisions on the exact versions
// they name and reports, per record, identical / different / not replayable.
#include <sys/stat.h>
#include <unistd.h>

#include <iostream>

#include "compiler/source/diagnostic_text.h"
#include "runtime/audit/log_key.h"
#include "runtime/replay/challenger_comparison.h"
#include "runtime/replay/replayer.h"
#include "tools/verdict/commands.h"
#include "tools/verdict/comparison_output.h"

namespace verdict::cli {
namespace {

struct ReplayCliOptions {
  std::vector<std::string> logs;  // a rotated log's files, oldest first
  std::string store, key_file, key_env, format = "text";
  std::vector<std::string> pii_key_files, pii_key_envs;
  std::optional<uint64_t> id;
  std::string from, to, against, html;
  bool verbose = false;
};

int fail(const DiagnosticCode& code, std::string message, const std::string& where) {
  std::cerr << render_all({Diagnostic::unlocated(code, std::move(message))}, nullptr, where);
  return 1;
}

const char* verdict_name(ReplayVerdict v) {
  return v == ReplayVerdict::Identical ? "identical" : v == ReplayVerdict::Different ? "different" : "not_replayable";
}

void print_text(const RecordReplay& r, bool verbose) {
  if (r.verdict == ReplayVerdict::Identical && !verbose) return;
  std::cout << r.file << ":" << r.line << ": record " << r.seq << ": " << verdict_name(r.verdict);
  if (!r.why.empty()) std::cout << ": " << r.why;
  std::cout << "\n";
  for (const FieldDiff& f : r.diff.fields) {
    std::cout << "  " << f.path << ": " << (f.before.empty() ? "(absent)" : f.before) << " -> "
              << (f.after.empty() ? "(absent)" : f.after) << "\n";
  }
  if (r.diff.count > r.diff.fields.size()) {
    std::cout << "  ... and " << r.diff.count - r.diff.fields.size() << " more fields\n";
  }
}

void print_json(const RecordReplay& r) {
  nlohmann::ordered_json out = {
      {"seq", r.seq}, {"file", r.file}, {"line", r.line}, {"verdict", verdict_name(r.verdict)}};
  if (!r.why.empty()) out["why"] = r.why;
  if (r.verdict == ReplayVerdict::Different) {
    out["fields_differing"] = r.diff.count;
    for (const FieldDiff& f : r.diff.fields)
      out["diff"].push_back({{"path", f.path}, {"logged", f.before}, {"replayed", f.after}});
  }
  std::cout << out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

// The PII keys named on the command line, or false with `error`.
bool pii_keys(const ReplayCliOptions& opt, std::vector<PiiProtection>& out, std::string& error) {
  std::string key;
  for (const std::string& file : opt.pii_key_files) {
    if (!read_log_key(file, "", key, error, "PII key")) return false;
    out.push_back(PiiProtection::sealed_with(key));
  }
  for (const std::string& env : opt.pii_key_envs) {
    if (!read_log_key("", env, key, error, "PII key")) return false;
    out.push_back(PiiProtection::sealed_with(key));
  }
  return true;
}

std::unique_ptr<VersionStore> open_store(const std::string& dir, std::string& error) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    error = "the version store `" + dir + "` is not a folder";
    return nullptr;
  }
  return VersionStore::open(dir, error);
}

void print_summary(const ReplaySummary& s, const std::string& format) {
  if (format == "json") {
    std::cout << nlohmann::ordered_json{{"summary",
                                         {{"records", s.records},
                                          {"identical", s.identical},
                                          {"different", s.different},
                                          {"not_replayable", s.not_replayable},
                                          {"refused_by_hash", s.refused}}}}
                     .dump()
              << "\n";
    return;
  }
  std::cout << "replay records=" << s.records << " identical=" << s.identical << " different=" << s.different
            << " not_replayable=" << s.not_replayable << "\n";
}

// The outcome of a finished replay: 0 when every record taken was decided
// the same again, else 1 with L007 (or L003 for a broken chain).
int verdict_of(const ReplayCliOptions& opt, const LogCheck& check, const ReplaySummary& s) {
  std::string logs = opt.logs.front() + (opt.logs.size() > 1 ? " ..." : "");
  if (!check.ok) {
    std::string where = check.line ? check.file + ":" + std::to_string(check.line) : logs;
    fail(code::L003, check.message + "; no record from here on was replayed", where);
    return 1;
  }
  if (opt.id && s.records == 0) return fail(code::L007, "no decision record has seq " + std::to_string(*opt.id), logs);
  if (s.different) fail(code::L007, std::to_string(s.different) + " decisions were decided otherwise again", logs);
  if (s.refused) {
    fail(code::L007, std::to_string(s.refused) + " records name versions that fail their hashes", logs);
  }
  return s.different || s.refused ? 1 : 0;
}

// What every replay needs before the first record: readable logs, the
// keys, the store. Returns the exit status of a failure, or -1.
struct ReplaySetup {
  std::string log_key;
  std::vector<PiiProtection> pii_keys;
  std::unique_ptr<VersionStore> store;
};
int set_up(const ReplayCliOptions& opt, ReplaySetup& setup) {
  for (const std::string& log : opt.logs) {
    if (::access(log.c_str(), R_OK) != 0) return fail(code::E000, "cannot read `" + log + "`", log);
  }
  std::string error;
  if (!read_log_key(opt.key_file, opt.key_env, setup.log_key, error) || !pii_keys(opt, setup.pii_keys, error)) {
    return fail(code::L005, error, opt.logs.front());
  }
  if (opt.store.empty()) return -1;
  setup.store = open_store(opt.store, error);
  return setup.store ? -1 : fail(code::L006, error, opt.store);
}

// Verifies the logs, calling `visit` for each record the selection takes.
LogCheck for_each_record(const ReplayCliOptions& opt, std::string log_key,
                         const std::function<void(const VerifiedRecord&)>& visit) {
  ReplaySelection selection{opt.id, opt.from, opt.to};
  LogVerifier verifier(LogAuditOptions{LogChain(std::move(log_key)), ""});
  verifier.on_record([&](const VerifiedRecord& record) {
    if (selection.takes(record.record)) visit(record);
  });
  for (const std::string& log : opt.logs) {
    if (!verifier.check_file(log)) break;
  }
  return verifier.finish();
}

int replay(const ReplayCliOptions& opt, ReplaySetup& setup) {
  Replayer replayer(setup.store.get(), std::move(setup.pii_keys));
  ReplaySummary summary;
  LogCheck check = for_each_record(opt, std::move(setup.log_key), [&](const VerifiedRecord& record) {
    RecordReplay r = replayer.replay(record);
    summary.count(r);
    opt.format == "json" ? print_json(r) : print_text(r, opt.verbose);
  });
  print_summary(summary, opt.format);
  return verdict_of(opt, check, summary);
}

// `--against CONFIG`: each logged decision beside the challenger's.
int compare_against(const ReplayCliOptions& opt, ReplaySetup& setup) {
  LoadReport report;
  auto challenger = Engine::open(opt.against, report, EngineOptions{.log_decisions = false});
  if (!challenger) {
    std::cerr << report.render();
    return 1;
  }
  Replayer replayer(setup.store.get(), std::move(setup.pii_keys));
  ChallengerComparison comparison(challenger->current()->program().outcomes);
  LogCheck check = for_each_record(opt, std::move(setup.log_key), [&](const VerifiedRecord& record) {
    nlohmann::ordered_json champion, decided;
    std::string why;
    replayer.challenge(record, *challenger, champion, decided, why) ? comparison.add(champion, decided)
                                                                    : comparison.skip(why);
  });
  if (!write_comparison(comparison, {opt.format, opt.html, opt.logs.back(), "the logged decisions", opt.against})) {
    return 1;
  }
  if (check.ok) return 0;
  std::string where = check.line ? check.file + ":" + std::to_string(check.line) : opt.logs.front();
  return fail(code::L003, check.message + "; no record from here on was compared", where);
}

int run(const ReplayCliOptions& opt) {
  ReplaySetup setup;
  if (int failed = set_up(opt, setup); failed >= 0) return failed;
  return opt.against.empty() ? replay(opt, setup) : compare_against(opt, setup);
}

}  // namespace

void add_replay_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<ReplayCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "replay", "Decide logged decisions again on the exact versions they name; report any that differ");
  cmd->add_option("logs", opt->logs, "Decision log files, a rotated log's oldest first (LOG.* LOG)")->required();
  cmd->add_option("--store", opt->store, "The version store the deployment kept ([trace] store)");
  cmd->add_option("--id", opt->id, "Replay the record with this seq only");
  cmd->add_option("--from", opt->from, "Records at or after this time (2026-12-04 or 2026-12-04T09:30)");
  cmd->add_option("--to", opt->to, "Records up to this time (2026-12-04 takes all of that day)");
  auto* file = cmd->add_option("--key-file", opt->key_file, "The HMAC key of a keyed log ([trace] key_file)");
  cmd->add_option("--key-env", opt->key_env, "The variable holding the log's HMAC key")->excludes(file);
  cmd->add_option("--pii-key-file", opt->pii_key_files, "A key that sealed @pii values ([trace] pii_key_file)");
  cmd->add_option("--pii-key-env", opt->pii_key_envs, "A variable holding a key that sealed @pii values");
  cmd->add_option("--format", opt->format, "text or json (one object per record, then a summary)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--verbose", opt->verbose, "Also list the records decided identically");
  cmd->add_option("--against", opt->against,
                  "A challenger deployment config: compare each logged decision with its decision instead")
      ->check(CLI::ExistingFile);
  cmd->add_option("--html", opt->html, "With --against: also write the comparison as a self-contained HTML page")
      ->needs("--against");
  cmd->callback([opt, &exit_code] { exit_code = run(*opt); });
}

}  // namespace verdict::cli
