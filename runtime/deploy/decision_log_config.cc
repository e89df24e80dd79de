#include "runtime/deploy/decision_log_config.h"

#include <charconv>

namespace verdict {

std::optional<LogSyncChoice> parse_log_sync(std::string_view text) {
  if (text == "always") return LogSyncChoice{LogSync::Always};
  if (text == "batch") return LogSyncChoice{LogSync::Batch};
  constexpr std::string_view kInterval = "interval:";
  if (!text.starts_with(kInterval)) return std::nullopt;
  std::string_view digits = text.substr(kInterval.size());
  uint32_t ms = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), ms);
  if (ec != std::errc() || end != digits.data() + digits.size() || ms < 1 || ms > 3'600'000) return std::nullopt;
  return LogSyncChoice{LogSync::Interval, ms};
}

}  // namespace verdict
