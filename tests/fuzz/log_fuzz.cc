// The decision log's reader and its writer's recovery on any bytes:
//  - `verdict audit`'s verifier never crashes, keyed or not;
//  - the readers replay uses (a record's decision and replay objects, a
//    replay object's request and sealed @pii values) never crash, and the
//    objects they find lie inside the line;
//  - a log that verifies but for a cut-off last record is opened by the
//    writer, which recovers it, and the result (with one more record)
//    verifies whole.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "runtime/audit/decision_log.h"
#include "runtime/audit/log_verify.h"
#include "runtime/wire/replay_record.h"
#include "tests/fuzz/fuzz_target.h"

using namespace verdict;

namespace {

// On /dev/shm where there is one: the writer syncs at close, and a sync of
// memory costs nothing.
const std::string& scratch_log() {
  static const std::string path = [] {
    std::filesystem::path dir = std::filesystem::is_directory("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                                          : std::filesystem::temp_directory_path();
    return (dir / ("verdict-fuzz-log-" + std::to_string(::getpid()) + ".jsonl")).string();
  }();
  return path;
}

LogCheck verify(std::string_view bytes, const std::string& key = "") {
  LogVerifier verifier(LogAuditOptions{LogChain(key), ""});
  verifier.check_bytes("fuzz.jsonl", bytes);
  return verifier.finish();
}

// Every line through the replay readers; a sealed value under the one key
// given is opened only if its tag verifies.
void read_for_replay(std::string_view bytes) {
  static const std::vector<PiiProtection> keys = {PiiProtection::sealed_with("0123456789abcdef0123456789abcdef")};
  for (size_t end = bytes.find('\n'); !bytes.empty(); end = bytes.find('\n')) {
    std::string_view line = bytes.substr(0, end);
    std::string error;
    if (std::optional<LogRecordBody> body = log_record_body(line)) {
      fuzz::require(body->decision.data() >= line.data() &&
                        body->decision.data() + body->decision.size() <= line.data() + line.size(),
                    "a record's decision object lies inside its line");
      read_replay(body->replay, keys, error);
    }
    read_replay(line, keys, error);
    if (end == std::string_view::npos) break;
    bytes.remove_prefix(end + 1);
  }
}

bool cut_off_only(const LogCheck& check) {
  return check.ok || check.message.starts_with("the last record has no newline");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes = fuzz::as_text(data, size);
  read_for_replay(bytes);
  LogCheck plain = verify(bytes);
  verify(bytes, "0123456789abcdef0123456789abcdef");
  if (!cut_off_only(plain)) return 0;
  std::ofstream(scratch_log(), std::ios::binary | std::ios::trunc).write(bytes.data(), bytes.size());
  std::string error;
  auto log = DecisionLog::open(scratch_log(), error);
  fuzz::require(log != nullptr, "the writer opens a log that verifies but for a cut-off last record");
  fuzz::require(log->append("{\"outcome\":\"approve\"}", error), "the writer appends after a recovery");
  log.reset();
  std::ifstream in(scratch_log(), std::ios::binary);
  std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fuzz::require(verify(after).ok, "a recovered log verifies whole");
  return 0;
}
