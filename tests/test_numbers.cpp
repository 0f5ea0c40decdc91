// Numbers as a person reads them (core/report/numbers) and as JSON writes them
// (core/report/json_writer). Expected strings are worked out by hand.
#include <doctest/doctest.h>

#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <cstdio>
#include <locale>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/report/json_writer.hpp"
#include "core/report/numbers.hpp"

using gemba::format_duration;
using gemba::format_fixed;
using gemba::format_percent;
using gemba::format_seconds;
using gemba::format_plain_number;
using gemba::format_small_percent;

TEST_CASE("format_duration: seconds with tenths below a minute") {
    CHECK(format_duration(0) == "0.0 s");
    CHECK(format_duration(40) == "0.0 s");   // 0.04 s rounds to 0.0
    CHECK(format_duration(50) == "0.1 s");   // 0.05 s: half a tenth rounds up
    CHECK(format_duration(800) == "0.8 s");
    CHECK(format_duration(12345) == "12.3 s");
    CHECK(format_duration(12350.5) == "12.4 s");
    CHECK(format_duration(59940) == "59.9 s");
}

TEST_CASE("format_duration: rounding to tenths carries into minutes and hours") {
    // 59.95 s and 59.96 s are 600 tenths: one minute, never "0:60.0" or "60.0 s".
    CHECK(format_duration(59950) == "1:00.0");
    CHECK(format_duration(59960) == "1:00.0");
    CHECK(format_duration(60000) == "1:00.0");
    CHECK(format_duration(125400) == "2:05.4");
    CHECK(format_duration(600000) == "10:00.0");
    // 59:59.94 → 35 999 tenths → still minutes; 59:59.95 → 36 000 tenths → one hour.
    CHECK(format_duration(3599940) == "59:59.9");
    CHECK(format_duration(3599950) == "1:00:00");
    CHECK(format_duration(3600000) == "1:00:00");
}

TEST_CASE("format_duration: hours show whole seconds, rounded") {
    // 3 725.4 s = 1 h 2 min 5.4 s → "1:02:05"; 3 725.6 s rounds to 3 726 s → "1:02:06".
    CHECK(format_duration(3725400) == "1:02:05");
    CHECK(format_duration(3725600) == "1:02:06");
    // 7 199.9 s rounds to 7 200 s = 2 h (it used to be truncated to "1:59:59").
    CHECK(format_duration(7199900) == "2:00:00");
    // 10 h 0 min 59.5 s → 36 060 s → "10:01:00".
    CHECK(format_duration(36059500) == "10:01:00");
}

TEST_CASE("format_duration: negative durations get a sign, except when they round to zero") {
    CHECK(format_duration(-12345) == "-12.3 s");
    CHECK(format_duration(-125400) == "-2:05.4");
    CHECK(format_duration(-3725600) == "-1:02:06");
    CHECK(format_duration(-40) == "0.0 s");
}

TEST_CASE("format_fixed and format_seconds: fixed decimals, '.' always") {
    CHECK(format_fixed(1.5, 1) == "1.5");
    CHECK(format_fixed(1234.5678, 2) == "1234.57");
    CHECK(format_fixed(2.0, 0) == "2");
    CHECK(format_fixed(0.0, 3) == "0.000");
    CHECK(format_fixed(-1.5, 1) == "-1.5");
    // Negative values that round to zero show no sign: -0.004 → "0.00", not "-0.00".
    CHECK(format_fixed(-0.004, 2) == "0.00");
    CHECK(format_fixed(-0.4, 0) == "0");
    CHECK(format_fixed(-0.0, 1) == "0.0");
    // seconds: milliseconds ÷ 1000. 1234.5678 ms = 1.2345678 s.
    CHECK(format_seconds(1234.5678) == "1.235");
    CHECK(format_seconds(1234.5678, 1) == "1.2");
    CHECK(format_seconds(-2500) == "-2.500");
    CHECK(format_seconds(86400000) == "86400.000");
}

TEST_CASE("format_fixed: numbers too long for a small buffer are still written in full") {
    // 1e300 has 301 digits before the point; with 2 decimals that is 304 characters. (A 64-byte
    // buffer used to make to_chars fail and leave garbage.)
    const std::string big = format_fixed(1e300, 2);
    REQUIRE(big.size() == 304);
    CHECK(big.front() == '1');
    CHECK(big.substr(big.size() - 3) == ".00");
    CHECK(big.find_first_not_of("0123456789.") == std::string::npos);
    CHECK(format_fixed(-1e300, 0).size() == 302);
}

TEST_CASE("format_percent") {
    CHECK(format_percent(0.4567) == "45.7 %");
    CHECK(format_percent(0.4567, 2) == "45.67 %");
    CHECK(format_percent(1.0) == "100.0 %");
    CHECK(format_percent(0.0) == "0.0 %");
    CHECK(format_percent(1.25, 0) == "125 %");
    CHECK(format_percent(-0.0001) == "0.0 %");  // -0.01 % rounds to zero: no sign
}

TEST_CASE("format_plain_number: a count or demand as typed, up to two decimals") {
    CHECK(format_plain_number(920) == "920");
    CHECK(format_plain_number(12.5) == "12.5");
    CHECK(format_plain_number(2695.0) == "2695");
    CHECK(format_plain_number(0.126) == "0.13");  // two decimals at most
    CHECK(format_plain_number(100.10) == "100.1");
}

TEST_CASE("format_small_percent: two significant digits below 1 %, as format_percent above") {
    CHECK(format_small_percent(6000.0 / 437'408'000.0) == "0.0014 %");  // 0.001371…%
    CHECK(format_small_percent(0.00024) == "0.024 %");
    CHECK(format_small_percent(0.0273723) == "2.7 %");
    CHECK(format_small_percent(0.005) == "0.50 %");
    CHECK(format_small_percent(0.0) == "0.0 %");
}

TEST_CASE("format_*: a German locale does not turn the point into a comma") {
    // The numbers go to CSV files and the command line; a comma would break both. The check needs a
    // de_DE locale: when none is installed, the locale part is skipped silently and the same
    // strings are checked in the current locale only.
    const char* installed = nullptr;
    for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "de_DE"}) {
        if (std::setlocale(LC_ALL, name)) {
            installed = name;
            break;
        }
    }
    std::optional<std::locale> previous_global;
    if (installed) {
        try {
            previous_global = std::locale::global(std::locale(installed));
        } catch (const std::runtime_error&) {
            // The C library knows the locale but the C++ library cannot build it: C locale only.
        }
        // The locale is in force: printf itself now writes a comma.
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%.1f", 1.5);
        CHECK(std::string(buffer) == "1,5");
    }
    CHECK(format_fixed(1234.5, 1) == "1234.5");
    CHECK(format_seconds(12345.0) == "12.345");
    CHECK(format_percent(0.4567) == "45.7 %");
    CHECK(format_duration(12345) == "12.3 s");
    CHECK(format_duration(125400) == "2:05.4");
    if (previous_global) std::locale::global(*previous_global);
    std::setlocale(LC_ALL, "C");
}

// ---------------------------------------------------------------------------------------------
// JSON (core/report/json_writer): the summary's numbers in the shortest form that reads back.

TEST_CASE("json_number: the shortest text that reads back to the same double") {
    using gemba::json_number;
    const auto reads_back = [](const std::string& text) { return std::strtod(text.c_str(), nullptr); };
    // 0.1 + 0.2 is the double just above 0.3: 17 digits tell it from 0.3.
    CHECK(json_number(0.1 + 0.2) == "0.30000000000000004");
    CHECK(json_number(0.3) == "0.3");
    // A subnormal keeps its exponent (a fixed 6-decimal form made it 0).
    CHECK(json_number(1e-320) == "1e-320");
    CHECK(reads_back(json_number(1e-320)) == 1e-320);
    // 95500 / 11 = 8681.818181..., 16 significant digits are enough for this double.
    const double mean = 95500.0 / 11.0;
    CHECK(json_number(mean) == "8681.818181818182");
    CHECK(reads_back(json_number(mean)) == mean);
    // Grisu2 wrote 0.25529252766250079 for this double: one digit more than needed.
    CHECK(json_number(0.2552925276625008) == "0.2552925276625008");
    // Integral values keep ".0" so that readers still see a double; no infinity or NaN in JSON.
    CHECK(json_number(95.0) == "95.0");
    CHECK(json_number(-2.0) == "-2.0");
    CHECK(json_number(1e300) == "1e+300");
    CHECK(json_number(std::numeric_limits<double>::infinity()) == "null");
    CHECK(json_number(std::nan("")) == "null");
}

TEST_CASE("json_string: quotes, backslash and control characters escaped, UTF-8 kept") {
    using gemba::json_string;
    CHECK(json_string("a\"b\\c") == R"("a\"b\\c")");
    CHECK(json_string("tab\tnew\nline\r") == R"("tab\tnew\nline\r")");
    CHECK(json_string(std::string("\x01\x1f", 2)) == R"("\u0001\u001F")");
    CHECK(json_string("Ölwechsel 検査 🙂/") == "\"Ölwechsel 検査 🙂/\"");
}

TEST_CASE("JsonWriter: 2-space indented, one member or item a line, empty arrays as []") {
    gemba::JsonWriter w;
    w.begin_object();
    w.key("n").value(std::int64_t{1});
    w.key("list").begin_array().value(0.5).null().end_array();
    w.key("empty").begin_array().end_array();
    w.key("objects").begin_array().begin_object().key("ok").value(true).end_object().end_array();
    w.key("none").value(std::optional<double>());
    w.end_object();
    CHECK(w.str() == "{\n"
                     "  \"n\": 1,\n"
                     "  \"list\": [\n"
                     "    0.5,\n"
                     "    null\n"
                     "  ],\n"
                     "  \"empty\": [],\n"
                     "  \"objects\": [\n"
                     "    {\n"
                     "      \"ok\": true\n"
                     "    }\n"
                     "  ],\n"
                     "  \"none\": null\n"
                     "}");
}
