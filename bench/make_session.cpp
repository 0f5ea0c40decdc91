// make_session READINGS FILE: writes a synthetic walk of READINGS readings (make_large_session) as a
// session file, for scripts that measure the app with a large session open.
#include <charconv>
#include <iostream>
#include <string_view>

#include "bench/large_session.hpp"
#include "core/file/session_file.hpp"

int main(int argc, char** argv) {
    std::size_t readings = 0;
    const std::string_view count = argc == 3 ? argv[1] : "";
    const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), readings);
    if (argc != 3 || error != std::errc() || end != count.data() + count.size() || readings == 0) {
        std::cerr << "Usage: make_session READINGS FILE   (READINGS a positive whole number)\n";
        return 2;
    }
    const gemba::SaveResult saved = gemba::save_session(argv[2], gemba::bench::make_large_session(readings));
    if (!saved.ok) {
        std::cerr << "make_session: " << saved.error << '\n';
        return 3;
    }
    return 0;
}
