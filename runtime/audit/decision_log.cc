#include "runtime/audit/decision_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "compiler/util/sha256.h"
#include "runtime/deploy/ruleset.h"

namespace verdict {
namespace {

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];  // room for any int the format could print
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return buf;
}

// Writes all of `bytes` at the end of `fd` (opened O_APPEND): one write(2)
// for the whole record, looping only on a short write or EINTR.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

LogCheck fail(LogCheck c, uint64_t line, std::string message) {
  c.ok = false;
  c.line = line;
  c.message = std::move(message);
  return c;
}

}  // namespace

LogCheck verify_decision_log(const std::string& bytes) {
  LogCheck check;
  std::string prev = kLogGenesis;
  uint64_t line = 0;
  for (size_t start = 0; start < bytes.size();) {
    size_t end = bytes.find('\n', start);
    ++line;
    if (end == std::string::npos) return fail(check, line, "the last record has no newline: it was cut off");
    std::string text = bytes.substr(start, end - start);
    start = end + 1;
    auto record = nlohmann::json::parse(text, nullptr, false);
    if (record.is_discarded() || !record.is_object() || !record.contains("seq") || !record.contains("prev") ||
        !record.contains("decision") || !record["seq"].is_number_unsigned() || !record["prev"].is_string()) {
      return fail(check, line, "not a decision log record");
    }
    if (record["seq"].get<uint64_t>() != check.records + 1) {
      return fail(check, line,
                  "record " + std::to_string(record["seq"].get<uint64_t>()) + " where record " +
                      std::to_string(check.records + 1) + " belongs: records were removed or reordered");
    }
    if (record["prev"].get<std::string>() != prev) {
      std::string before = line == 1 ? "the start of the log" : "line " + std::to_string(line - 1);
      return fail(check, line,
                  "`prev` is not the SHA-256 of " + before + ": " +
                      (line == 1 ? "records before this one were removed" : before + " was edited"));
    }
    prev = sha256_hex(text);
    ++check.records;
    check.last_hash = prev;
  }
  return check;
}

std::unique_ptr<DecisionLog> DecisionLog::open(const std::string& path, std::string& error) {
  std::unique_ptr<DecisionLog> log(new DecisionLog());
  log->path_ = path;
  log->prev_ = kLogGenesis;
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    error = "decision log `" + path + "` is not a regular file";
    return nullptr;
  }
  log->fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (log->fd_ < 0) {
    error = "cannot open the decision log `" + path + "` for appending";
    return nullptr;
  }
  // One writer per log for the log's lifetime: a second process appending
  // would interleave lines and duplicate sequence numbers.
  if (::flock(log->fd_, LOCK_EX | LOCK_NB) != 0) {
    error = "decision log `" + path +
            "` is in use by another writer (a process or engine appending to it); one log has one writer";
    return nullptr;
  }
  // Read under the lock, so that no other writer is part-way through a record.
  std::string existing;
  if (read_text_file(path, existing)) {
    LogCheck check = verify_decision_log(existing);
    if (!check.ok) {
      error = "decision log `" + path + "` line " + std::to_string(check.line) + ": " + check.message +
              "; not appending to a log that does not verify";
      return nullptr;
    }
    log->seq_ = check.records;
    if (check.records > 0) log->prev_ = check.last_hash;
  }
  return log;
}

DecisionLog::~DecisionLog() {
  if (fd_ >= 0) ::close(fd_);
}

// The record is the text json_text() writes for the object {seq, time,
// prev, decision}: compact, keys in that order, so the decision's own text
// goes in as it is and is never parsed or serialized again here.
bool DecisionLog::append(std::string_view decision_json, std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string line = "{\"seq\":" + std::to_string(seq_ + 1) + ",\"time\":\"" + utc_now() + "\",\"prev\":\"" + prev_ +
                     "\",\"decision\":";
  line.append(decision_json);
  line += '}';
  line += '\n';
  if (!write_all(fd_, line)) {
    error = "writing the decision log `" + path_ + "` failed";
    return false;
  }
  line.pop_back();  // the chain hashes the line without its newline
  ++seq_;
  prev_ = sha256_hex(line);
  return true;
}

}  // namespace verdict
