#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verdict {

// The `time` of a decision log record: UTC to the millisecond,
// `2026-12-01T09:30:00.123Z`.
std::string log_time_now();

// Milliseconds since the epoch: now, and of a record's `time` (nullopt when
// `text` is not written that way).
int64_t log_time_ms_now();
std::optional<int64_t> parse_log_time(std::string_view text);

}  // namespace verdict
