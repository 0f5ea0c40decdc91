#include "core/file/problem_text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <system_error>

namespace gemba::detail {

std::string double_text(double value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string out(buffer, ec == std::errc() ? end : buffer);
    if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
    return out;
}

std::string printable(std::string_view text, std::size_t max_characters) {
    std::string out;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80 && ++characters > max_characters) return out + "...";
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c));
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string quote_text(std::string_view text) { return "\"" + printable(text) + "\""; }

std::string escape_pointer_segment(std::string_view segment) {
    std::string out;
    for (char c : segment) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string range_text(std::int64_t min, std::int64_t max, const std::string& found, bool below) {
    if (!below) return "must be at most " + std::to_string(max) + ", found " + found;
    if (min == 0) return "must not be negative, found " + found;
    return "must be at least " + std::to_string(min) + ", found " + found;
}

std::string line_and_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;  // count characters, not UTF-8 continuation bytes
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace gemba::detail
