// @pii fields are masked in traces, and so is anything computed from them.
#include <catch2/catch.hpp>

#include "runtime/wire/decision_json.h"
#include "runtime/wire/request.h"

namespace verdict {
namespace {

TEST_CASE("values computed from a @pii field are masked in the trace", "[trace][pii]") {
  Diagnostics diags;
  auto rs = CompiledRuleset::compile("pii.rules", R"(ruleset pii
outcomes ok, check
input r {
  customer_id: string @pii
  amount: number
}
let prefix_ok = starts_with(customer_id, "CR-")
let id_or_none = customer_id ?? "none"
let big = amount > 100
rule odd_id when not prefix_ok then check
rule named when id_or_none == "vip" and big then points 1
decide
  ok otherwise
)",
                                     diags, BackendKind::Interpreter);
  REQUIRE(rs);
  std::vector<Diagnostic> errors;
  auto frame = frame_from_text(rs->program(), R"({"customer_id": "XX-12345", "amount": 500})", errors);
  REQUIRE(frame);
  std::string json = decision_json(*rs, *frame, rs->decide(*frame), TraceLevel::Full).dump();
  CHECK(json.find("XX-12345") == std::string::npos);
  auto parsed = nlohmann::json::parse(json);
  CHECK(parsed["trace"]["input"]["customer_id"] == "***");
  CHECK(parsed["trace"]["derived"][0]["value"] == "***");  // prefix_ok
  CHECK(parsed["trace"]["derived"][1]["value"] == "***");  // id_or_none
  CHECK(parsed["trace"]["derived"][2]["value"] == true);   // big: no PII in it
  CHECK(parsed["trace"]["rules"][0]["saw"]["prefix_ok"] == "***");
  CHECK(parsed["outcome"] == "check");
}

}  // namespace
}  // namespace verdict
