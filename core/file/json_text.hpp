// JSON string literals, written one way for every JSON Gemba writes: the session file's events, the
// journal and the summary JSON. The escapes are RapidJSON's writer's, so that the plan (written by
// cereal) and the events read alike.
#pragma once

#include <string>
#include <string_view>

namespace gemba {

// Appends text as a JSON string literal: quotes, backslash and control characters escaped (\n, \t,
// ... and \u00XX), everything else, UTF-8 included, as it is.
void append_json_string(std::string& out, std::string_view text);
// The same literal as a string of its own.
std::string json_string(std::string_view text);

}  // namespace gemba
