#include "runtime/audit/log_record.h"

#include <nlohmann/json.hpp>

#include "compiler/util/base64.h"
#include "compiler/util/sha256.h"

namespace verdict {
namespace {

using nlohmann::json;

bool has_string(const json& object, const char* key) { return object.contains(key) && object[key].is_string(); }

// A recovery object keeps the cut-off bytes whole: its size and digest must
// agree with them.
bool recovery_consistent(const json& recovery, uint64_t& cut_bytes, std::string& why) {
  if (!recovery.is_object() || !recovery.contains("cut_bytes") || !recovery["cut_bytes"].is_number_unsigned() ||
      !has_string(recovery, "cut_sha256") || !has_string(recovery, "cut_base64")) {
    why = "a recovery record without `cut_bytes`, `cut_sha256` and `cut_base64`";
    return false;
  }
  std::optional<std::string> cut = base64_decode(recovery["cut_base64"].get<std::string>());
  cut_bytes = recovery["cut_bytes"].get<uint64_t>();
  if (!cut || cut->size() != cut_bytes || sha256_hex(*cut) != recovery["cut_sha256"].get<std::string>()) {
    why = "a recovery record whose kept bytes do not match its `cut_bytes` and `cut_sha256`";
    return false;
  }
  return true;
}

// The end of the JSON object or array that starts at `text[at]` (one past
// its closing bracket), for valid JSON; npos when it does not close.
size_t end_of_value(std::string_view text, size_t at) {
  int depth = 0;
  for (size_t i = at; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) i += text[i] == '\\';
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The object after `"key":` at `at` in `line`, or empty when it is not there.
std::string_view object_at(std::string_view line, size_t at, std::string_view key) {
  std::string head = "\"" + std::string(key) + "\":{";
  if (line.substr(at, head.size()) != head) return {};
  size_t start = at + head.size() - 1, end = end_of_value(line, start);
  return end == std::string_view::npos ? std::string_view{} : line.substr(start, end - start);
}

}  // namespace

std::string log_record_line(const LogRecord& record, std::string_view time, std::string_view body_json,
                            std::string_view replay_json) {
  std::string line = "{\"seq\":" + std::to_string(record.seq) + ",\"time\":\"";
  line.append(time);
  line += "\",\"prev\":\"" + record.prev + "\",";
  if (record.keyed) line += "\"chain\":\"hmac-sha256\",";
  line += record.kind == LogRecordKind::Decision ? "\"decision\":" : "\"recovery\":";
  line.append(body_json);
  if (!replay_json.empty()) {
    line += ",\"replay\":";
    line.append(replay_json);
  }
  line += '}';
  return line;
}

std::string recovery_body(std::string_view cut) {
  json body = {{"cut_bytes", cut.size()},
               {"cut_sha256", sha256_hex(cut)},
               {"cut_base64", base64_encode(cut)},
               {"reason",
                "the log's last record was cut off (its writer stopped part-way through it); it was "
                "never returned, and its bytes are kept here"}};
  return body.dump();
}

std::optional<LogRecord> parse_log_record(std::string_view line, std::string& why) {
  json record = json::parse(line, nullptr, false);
  why = "not a decision log record";
  if (record.is_discarded() || !record.is_object() || !record.contains("seq") || !record["seq"].is_number_unsigned() ||
      !has_string(record, "prev")) {
    return std::nullopt;
  }
  LogRecord out;
  out.seq = record["seq"].get<uint64_t>();
  out.prev = record["prev"].get<std::string>();
  if (has_string(record, "time")) out.time = record["time"].get<std::string>();
  if (record.contains("chain")) {
    if (record["chain"] != "hmac-sha256") return std::nullopt;
    out.keyed = true;
  }
  if (record.contains("recovery")) {
    out.kind = LogRecordKind::Recovery;
    if (!recovery_consistent(record["recovery"], out.cut_bytes, why)) return std::nullopt;
  } else if (!record.contains("decision")) {
    return std::nullopt;
  }
  return out;
}

// The header keys (seq, time, prev, chain) hold no braces, so the decision
// starts at the first `"decision":{` and, as written, `replay` follows it.
std::optional<LogRecordBody> log_record_body(std::string_view line) {
  size_t at = line.find("\"decision\":{");
  if (at == std::string_view::npos) return std::nullopt;
  LogRecordBody body;
  body.decision = object_at(line, at, "decision");
  if (body.decision.empty()) return std::nullopt;
  size_t next = at + std::string_view("\"decision\":").size() + body.decision.size();
  if (next < line.size() && line[next] == ',') body.replay = object_at(line, next + 1, "replay");
  return body;
}

}  // namespace verdict
