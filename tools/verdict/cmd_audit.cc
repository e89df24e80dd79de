// `verdict audit --log FILE...`: proves a decision log is whole and unaltered.
#include <unistd.h>

#include <iostream>

#include "compiler/source/diagnostic_text.h"
#include "runtime/audit/log_key.h"
#include "runtime/audit/log_verify.h"
#include "tools/verdict/commands.h"

namespace verdict::cli {
namespace {

struct AuditOptions {
  std::vector<std::string> logs;  // a rotated log's files, oldest first
  std::string key_file, key_env, expect_head;
};

int fail(const DiagnosticCode& code, std::string message, const std::string& where) {
  std::cerr << render_all({Diagnostic::unlocated(code, std::move(message))}, nullptr, where);
  return 1;
}

std::string files_named(const std::vector<std::string>& logs) {
  std::string out;
  for (const std::string& log : logs) out += (out.empty() ? "" : ", ") + log;
  return out;
}

void print_intact(const AuditOptions& opt, const LogCheck& check, const LogChain& chain) {
  std::cout << files_named(opt.logs) << ": " << check.records << " records, chain intact"
            << (chain.keyed() ? " (keyed, HMAC-SHA256)" : "");
  if (check.records) std::cout << ", last " << (chain.keyed() ? "hmac-sha256 " : "sha256 ") << check.last_hash;
  if (check.expected_head_seq) std::cout << ", expected head at record " << check.expected_head_seq;
  std::cout << "\n";
  for (const std::string& recovery : check.recoveries) std::cout << "  recovery: " << recovery << "\n";
}

int audit(const AuditOptions& opt) {
  for (const std::string& log : opt.logs) {
    if (::access(log.c_str(), R_OK) != 0) return fail(code::E000, "cannot read `" + log + "`", log);
  }
  std::string key, error;
  if (!read_log_key(opt.key_file, opt.key_env, key, error)) return fail(code::L005, error, opt.logs.front());
  LogChain chain(std::move(key));
  LogVerifier verifier(LogAuditOptions{chain, opt.expect_head});
  for (const std::string& log : opt.logs) {
    if (!verifier.check_file(log)) break;
  }
  LogCheck check = verifier.finish();
  if (!check.ok) {
    std::string message = check.message + " (" + std::to_string(check.records) + " records verified before it)";
    std::string where = check.line ? check.file + ":" + std::to_string(check.line) : files_named(opt.logs);
    return fail(code::L003, std::move(message), where);
  }
  print_intact(opt, check, chain);
  return 0;
}

}  // namespace

void add_audit_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "Verify a decision log: every record present, in order, unaltered");
  cmd->add_option("--log", opt->logs,
                  "Decision log (JSON Lines, [trace] log); a rotated log's files oldest first: --log LOG.* LOG")
      ->required();
  auto* file = cmd->add_option("--key-file", opt->key_file, "The HMAC key of a keyed log ([trace] key_file)");
  cmd->add_option("--key-env", opt->key_env, "The environment variable holding the key ([trace] key_env)")
      ->excludes(file);
  cmd->add_option("--expect-head", opt->expect_head,
                  "A head kept elsewhere (the `last` hash an earlier audit printed): the log must still hold it");
  cmd->callback([opt, &exit_code] { exit_code = audit(*opt); });
}

}  // namespace verdict::cli
