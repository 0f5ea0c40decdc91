// Problems found in a file, and the pieces their messages are made of. Internal to core/file: a
// message names the place (a JSON Pointer or a line and column) and says what is wrong in words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gemba::detail {

// A place in a file and what is wrong there.
struct Problem {
    std::string where;  // a JSON Pointer ("/events/12/t_ms"), "line 3, column 14", or "" for the file
    std::string what;
};

// A number as a person would write it in a file: 1.5, 1e+30, 100.0 (a whole double keeps its ".0").
std::string double_text(double value);
// A text from the file as it can appear in a one-line message: control characters escaped as in
// JSON, cut short after max_characters.
std::string printable(std::string_view text, std::size_t max_characters = 40);
// printable, in double quotes.
std::string quote_text(std::string_view text);
// One segment of a JSON Pointer, with '~' and '/' escaped (RFC 6901).
std::string escape_pointer_segment(std::string_view segment);
// "must not be negative, found -5", "must be at least 1, found 0", "must be at most 5000, found 5001"
std::string range_text(std::int64_t min, std::int64_t max, const std::string& found, bool below);
// "line 3, column 14" of the byte at offset; columns count characters, not bytes.
std::string line_and_column(std::string_view text, std::size_t offset);

}  // namespace gemba::detail
