#include "core/file/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace gemba {

std::size_t utf8_length(std::string_view text) {
    // Every byte but a continuation byte (10xxxxxx) starts a character.
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace gemba

namespace gemba::detail {

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        // Runs of ASCII eight bytes at a time: session files are mostly ASCII.
        while (i + 8 <= text.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + i, 8);
            if (word & 0x8080808080808080u) break;
            i += 8;
        }
        if (i >= text.size()) break;
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        const unsigned char c = byte(i);
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            length = 2, code = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3, code = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4, code = c & 0x07u;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80) return false;
            code = (code << 6) | (byte(i + k) & 0x3Fu);
        }
        if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) || code > 0x10FFFF ||
            (code >= 0xD800 && code <= 0xDFFF))
            return false;  // overlong, beyond Unicode, or a UTF-16 surrogate
        i += length;
    }
    return true;
}

}  // namespace gemba::detail
