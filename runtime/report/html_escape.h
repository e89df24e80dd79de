#pragma once
#include <string>
#include <string_view>

namespace verdict {

// `text` made safe as HTML text and as a quoted attribute value: & < > " '
// become character references, everything else (UTF-8 included) is kept.
// Every piece of user data a report shows (names, values, rule source,
// messages from the log) goes through it; only markup the report itself
// builds does not.
std::string html_escape(std::string_view text);

}  // namespace verdict
