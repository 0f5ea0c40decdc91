// UTF-8 validation, for the text of files and for texts before they are written.
#pragma once

#include <string_view>

namespace gemba::detail {

// True for well-formed UTF-8 (no overlong forms, surrogates or code points beyond U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace gemba::detail
