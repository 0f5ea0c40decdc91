// UTF-8 validation, for the text of files and for texts before they are written; and the length
// of a text in characters, for padding it in a column.
#pragma once

#include <cstddef>
#include <string_view>

namespace gemba {

// The characters (code points) of UTF-8 text, which is its width in a terminal for the scripts Gemba
// is written in: "1 – 8" is 5 characters and 7 bytes.
std::size_t utf8_length(std::string_view text);

}  // namespace gemba

namespace gemba::detail {

// True for well-formed UTF-8 (no overlong forms, surrogates or code points beyond U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace gemba::detail
