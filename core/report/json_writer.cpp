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

void JsonWriter::indent() { out_.append(2 * levels_.size(), ' '); }

// Each value of an array, and each key of an object, goes on a line of its own.
void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (levels_.empty()) return;
    if (levels_.back()++ > 0) out_ += ',';
    out_ += '\n';
    indent();
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_json_string(out_, name);
    out_ += ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::open(char bracket) {
    before_value();
    out_ += bracket;
    levels_.push_back(0);
    return *this;
}

// An empty object or array closes at once ({}, []), any other on a line of its own.
JsonWriter& JsonWriter::close(char bracket) {
    const bool empty = levels_.back() == 0;
    levels_.pop_back();
    if (!empty) {
        out_ += '\n';
        indent();
    }
    out_ += bracket;
    if (sink_ && out_.size() >= 64 * 1024) flush();
    return *this;
}

void JsonWriter::flush() {
    if (!sink_) return;
    sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
}

JsonWriter& JsonWriter::begin_object() { return open('{'); }
JsonWriter& JsonWriter::begin_array() { return open('['); }
JsonWriter& JsonWriter::end_object() { return close('}'); }
JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::raw(std::string_view json) {
    before_value();
    out_ += json;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    append_json_string(out_, text);
    return *this;
}
JsonWriter& JsonWriter::value(std::int64_t number) { return raw(std::to_string(number)); }
JsonWriter& JsonWriter::value(double number) { return raw(json_number(number)); }
JsonWriter& JsonWriter::value(bool flag) { return raw(flag ? "true" : "false"); }
JsonWriter& JsonWriter::null() { return raw("null"); }

}  // namespace gemba
