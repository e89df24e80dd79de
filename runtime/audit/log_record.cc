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

}  // namespace

std::string log_record_line(const LogRecord& record, std::string_view time, std::string_view body_json) {
  std::string line = "{\"seq\":" + std::to_string(record.seq) + ",\"time\":\"";
  line.append(time);
  line += "\",\"prev\":\"" + record.prev + "\",";
  if (record.keyed) line += "\"chain\":\"hmac-sha256\",";
  line += record.kind == LogRecordKind::Decision ? "\"decision\":" : "\"recovery\":";
  line.append(body_json);
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

}  // namespace verdict
