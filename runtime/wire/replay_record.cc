#include "runtime/wire/replay_record.h"

#include "compiler/util/aes_gcm.h"
#include "compiler/util/base64.h"
#include "compiler/util/sha256.h"
#include "runtime/wire/value_json.h"

namespace verdict {
namespace {

// The object of `frame`'s present fields whose @pii mark is `pii`.
std::string fields_object(const ir::Program& program, const Frame& frame, bool pii) {
  JsonOut out;
  out.begin_object();
  for (uint32_t f = 0; f < program.fields.size(); ++f) {
    const ir::Field& field = program.fields[f];
    Value value = frame.value(program, f);
    if (field.pii != pii || value.is_missing()) continue;
    out.key(field.name);
    write_value(out, program, field.type, value);
  }
  out.end_object();
  return out.take();
}

}  // namespace

std::string ReplayRecorder::write(const Frame& frame, TraceLevel level, std::optional<uint32_t> request_line) const {
  std::string input = fields_object(program_, frame, false);
  std::string out = "{\"backend\":\"" + std::string(backend_kind_name(backend_)) + "\",\"trace\":\"" +
                    std::string(trace_level_name(level)) + "\"";
  if (request_line) out += ",\"request_line\":" + std::to_string(*request_line);
  out += ",\"input\":" + input;
  std::string pii = pii_object(frame, input);
  if (!pii.empty()) out += ",\"pii\":" + pii;
  return out + "}";
}

// The `pii` object for the present @pii fields; "" when none is present.
std::string ReplayRecorder::pii_object(const Frame& frame, std::string_view input_text) const {
  std::string values = fields_object(program_, frame, true);
  if (values == "{}") return "";
  nlohmann::ordered_json object;
  if (pii_.kind == PiiProtection::Kind::Sealed) {
    // The AAD is `input` as nlohmann writes it, which read_replay can
    // rebuild from the parsed record whatever the writer's spelling.
    std::string aad = json_text(nlohmann::json::parse(input_text));
    std::string nonce = random_bytes(kGcmNonceBytes);
    std::string data = aes256gcm_seal(pii_.key, nonce, aad, values);
    object = {{"sealed", "aes-256-gcm"},
              {"key_id", pii_.key_id},
              {"nonce", base64_encode(nonce)},
              {"data", base64_encode(data)}};
  } else {
    nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(values);
    nlohmann::ordered_json names = nlohmann::ordered_json::array(), hashes = nlohmann::ordered_json::object();
    for (auto& [name, value] : parsed.items()) {
      names.push_back(name);
      hashes[name] = hmac_sha256_hex(pii_.key, name + '\0' + value.dump());
    }
    object = pii_.kind == PiiProtection::Kind::Hashed
                 ? nlohmann::ordered_json{{"hashed", "hmac-sha256"}, {"values", hashes}}
                 : nlohmann::ordered_json{{"withheld", names}};
  }
  return json_text(object);
}

namespace {

// `object[key]` when it is a string, else "" (never throws: the object is
// read from a log, which may hold anything).
std::string string_member(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

const PiiProtection* key_named(const std::vector<PiiProtection>& keys, const std::string& id) {
  for (const PiiProtection& k : keys) {
    if (k.kind == PiiProtection::Kind::Sealed && k.key_id == id) return &k;
  }
  return nullptr;
}

// Puts the sealed @pii values of `pii` into `out.input`, or says in
// `out.not_replayable` why they cannot be; `input_text` is the AAD (see
// ReplayRecorder::pii_object).
void unseal(const nlohmann::json& pii, std::string_view input_text, const std::vector<PiiProtection>& keys,
            ReplayRequest& out) {
  if (pii.contains("hashed") || pii.contains("withheld")) {
    out.not_replayable = "its @pii values were " + std::string(pii.contains("hashed") ? "hashed" : "withheld") +
                         ", not sealed: the deployment had no `[trace] pii_key_file` or `pii_key_env`";
    return;
  }
  std::string id = string_member(pii, "key_id");
  const PiiProtection* key = key_named(keys, id);
  if (!key) {
    out.not_replayable = "its @pii values are sealed under key `" + id + "`, which was not given (--pii-key-file)";
    return;
  }
  std::optional<std::string> nonce = base64_decode(string_member(pii, "nonce"));
  std::optional<std::string> data = base64_decode(string_member(pii, "data"));
  std::optional<std::string> plain = nonce && data ? aes256gcm_open(key->key, *nonce, input_text, *data) : std::nullopt;
  nlohmann::json values = plain ? nlohmann::json::parse(*plain, nullptr, false) : nlohmann::json();
  if (!values.is_object()) {
    out.not_replayable = "its sealed @pii values do not verify under key `" + id + "`: they or its input were altered";
    return;
  }
  for (auto& [name, value] : values.items()) out.input[name] = value;
}

}  // namespace

std::optional<ReplayRequest> read_replay(std::string_view text, const std::vector<PiiProtection>& keys,
                                         std::string& error) {
  nlohmann::json replay = nlohmann::json::parse(text, nullptr, false);
  ReplayRequest out;
  error = "not a replay object (`backend`, `trace` and an `input` object)";
  if (!replay.is_object() || !replay.contains("input") || !replay["input"].is_object() ||
      !parse_backend_kind(string_member(replay, "backend"), out.backend) ||
      !parse_trace_level(string_member(replay, "trace"), out.trace)) {
    return std::nullopt;
  }
  if (replay.contains("request_line")) {
    const nlohmann::json& line = replay["request_line"];
    if (!line.is_number_unsigned() || line.get<uint64_t>() > UINT32_MAX) return std::nullopt;
    out.request_line = replay["request_line"].get<uint32_t>();
  }
  out.input = replay["input"];
  if (replay.contains("pii")) {
    if (!replay["pii"].is_object()) return std::nullopt;
    unseal(replay["pii"], json_text(replay["input"]), keys, out);
  }
  return out;
}

}  // namespace verdict
