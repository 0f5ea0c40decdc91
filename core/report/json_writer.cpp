#include "core/report/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace gemba {

std::string json_number(double value) {
    if (!std::isfinite(value)) return "null";
    char buffer[32];  // the shortest form of a double has at most 24 characters
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (result.ec != std::errc{}) return "null";
    std::string out(buffer, result.ptr);
    if (out.find_first_of(".e") == std::string::npos) out += ".0";
    return out;
}

std::string json_string(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out = "\"";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (byte < 0x20) {
                    out += "\\u00";
                    out += kHex[byte >> 4];
                    out += kHex[byte & 0xF];
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

void JsonWriter::indent() { out_.append(2 * levels_.size(), ' '); }

// Each value of an array, and each key of an object, goes on a line of its own.
void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (levels_.empty()) return;
    if (levels_.back().values++ > 0) out_ += ',';
    out_ += '\n';
    indent();
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    out_ += json_string(name);
    out_ += ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_ += '{';
    levels_.push_back({false, 0});
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_ += '[';
    levels_.push_back({true, 0});
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    const bool empty = levels_.back().values == 0;
    levels_.pop_back();
    if (!empty) {
        out_ += '\n';
        indent();
    }
    out_ += '}';
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    const bool empty = levels_.back().values == 0;
    levels_.pop_back();
    if (!empty) {
        out_ += '\n';
        indent();
    }
    out_ += ']';
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    out_ += json_string(text);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    out_ += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    before_value();
    out_ += json_number(number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

}  // namespace gemba
