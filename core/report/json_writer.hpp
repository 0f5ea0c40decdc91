// A small JSON writer for the summary: 2-space indented, in the layout RapidJSON's PrettyWriter
// gives (so the summary's text stays what it was), with doubles in the shortest form that reads
// back to the same double (std::to_chars), where RapidJSON's Grisu2 sometimes writes a digit more
// (0.25529252766250079 for 0.2552925276625008).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/file/json_text.hpp"  // json_string: strings are escaped as in the session file

namespace gemba {

// The shortest text that reads back to `value`, with ".0" on integral values ("95.0", as RapidJSON
// writes them, so a reader still sees a double); "null" for infinity and NaN, which JSON lacks.
std::string json_number(double value);

class JsonWriter {
public:
    JsonWriter() = default;
    // Hands the text to `sink` as it goes, a block at a time, instead of holding all of it (the
    // summary of a plan of a million steps is most of a gigabyte of text); flush() at the end.
    explicit JsonWriter(std::ostream& sink) : sink_(&sink) {}
    // Writes what is held to the sink, if there is one.
    void flush();

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    // The name of the next member; every value inside an object needs one.
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    // An empty optional is null.
    template <class T>
    JsonWriter& value(const std::optional<T>& v) { return v ? value(*v) : null(); }

    // The text written so far (without a sink); complete once every object and array is closed.
    const std::string& str() const { return out_; }

private:
    void before_value();
    void indent();
    JsonWriter& raw(std::string_view json);  // a value already in JSON
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);

    std::string out_;
    std::ostream* sink_ = nullptr;
    std::vector<std::size_t> levels_;  // per open object or array: the keys or items written in it
    bool after_key_ = false;
};

}  // namespace gemba
