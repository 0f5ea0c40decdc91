// cereal's JSON header must come before any RapidJSON header: it makes RapidJSON's assertions throw.
#include <cereal/archives/json.hpp>

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/session_io.hpp"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <streambuf>
#include <system_error>
#include <vector>

#include "core/log_state.hpp"

namespace gemba {
namespace {

constexpr unsigned kMaxDepth = 32;  // the format nests 3 levels; anything deeper is not a session
constexpr std::int64_t kMaxTimeMs = 10'000'000'000'000;

// --------------------------------------------------------------------------------------------------
// First pass: RapidJSON's SAX reader finds broken JSON with its offset, invalid UTF-8 and absurd
// nesting, and picks out format_version, before cereal sees the text.
// --------------------------------------------------------------------------------------------------

struct PrecheckHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, PrecheckHandler> {
    unsigned depth = 0;
    bool too_deep = false;
    bool root_is_object = false;
    bool saw_root = false;
    bool next_is_version = false;
    std::optional<std::int64_t> format_version;
    bool version_not_integer = false;

    bool Default() {
        if (!saw_root) saw_root = true;
        if (next_is_version) {
            version_not_integer = true;
            next_is_version = false;
        }
        return true;
    }
    bool Int(int i) { return version(i); }
    bool Uint(unsigned u) { return version(u); }
    bool Int64(std::int64_t i) { return version(i); }
    bool Uint64(std::uint64_t) { return Default(); }  // beyond int64: no version can be that
    bool version(std::int64_t value) {
        saw_root = true;
        if (next_is_version) {
            format_version = value;
            next_is_version = false;
        }
        return true;
    }
    bool Key(const char* name, rapidjson::SizeType length, bool) {
        next_is_version = depth == 1 && std::string_view(name, length) == "format_version";
        return true;
    }
    bool StartObject() { return start(true); }
    bool StartArray() { return start(false); }
    bool start(bool object) {
        if (!saw_root) root_is_object = object;
        Default();
        if (++depth > kMaxDepth) {
            too_deep = true;
            return false;
        }
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return --depth, true; }
    bool EndArray(rapidjson::SizeType) { return --depth, true; }
};

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

struct Problem {
    std::string where;
    std::string what;
};

std::optional<Problem> precheck(std::string_view json, std::optional<std::int64_t>& version) {
    rapidjson::MemoryStream memory(json.data(), json.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(memory);
    rapidjson::Reader reader;
    PrecheckHandler handler;
    const rapidjson::ParseResult result =
        reader.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(input, handler);
    if (handler.too_deep)
        return Problem{line_and_column(json, result.Offset()),
                       "nested more than " + std::to_string(kMaxDepth) + " levels deep; this is not a session file"};
    if (result.IsError()) {
        if (result.Code() == rapidjson::kParseErrorDocumentEmpty)
            return Problem{"", "the file is empty"};
        std::string what = rapidjson::GetParseError_En(result.Code());
        if (!what.empty() && what.back() == '.') what.pop_back();
        return Problem{line_and_column(json, result.Offset()), "not valid JSON: " + what};
    }
    if (!handler.root_is_object) return Problem{"", "expected a JSON object ({ ... }) holding a session"};
    if (handler.version_not_integer) return Problem{"/format_version", "expected a whole number"};
    version = handler.format_version;
    return std::nullopt;
}

// --------------------------------------------------------------------------------------------------
// Second pass: cereal loads the session, with the place of every value tracked for messages.
// --------------------------------------------------------------------------------------------------

struct LoadFailure {
    Problem problem;
};

std::string escape_pointer_segment(std::string_view segment) {
    std::string out;
    for (char c : segment) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

class Reader {
public:
    explicit Reader(cereal::JSONInputArchive& archive) : ar_(archive) {}

    std::string pointer() const {
        std::string out;
        for (const std::string& segment : path_) out += "/" + escape_pointer_segment(segment);
        return out;
    }
    [[noreturn]] void fail(std::string what) const { throw LoadFailure{Problem{pointer(), std::move(what)}}; }

    // Visits the members of the object at the current position; on_member(name) must read the
    // member's value (or fail). Unknown and repeated members are errors.
    template <class OnMember>
    void object(OnMember&& on_member) {
        try {
            ar_.startNode();
        } catch (const cereal::Exception&) {
            fail("expected an object ({ ... })");
        }
        if (!ar_.getNodeName()) check_not_a_list();
        std::set<std::string, std::less<>> seen;
        while (const char* raw_name = ar_.getNodeName()) {
            const std::string name = raw_name;
            path_.push_back(name);
            if (!seen.insert(name).second) fail("the field appears twice");
            on_member(std::string_view(name));
            path_.pop_back();
        }
        ar_.finishNode();
    }

    // Visits the elements of the list at the current position; on_element(index) reads one.
    template <class OnElement>
    void list(OnElement&& on_element) {
        cereal::size_type size = 0;
        try {
            ar_.startNode();
            ar_.loadSize(size);
        } catch (const cereal::Exception&) {
            fail("expected a list ([ ... ])");
        }
        for (cereal::size_type i = 0; i < size; ++i) {
            path_.push_back(std::to_string(i));
            on_element(static_cast<std::size_t>(i));
            path_.pop_back();
        }
        ar_.finishNode();
    }

    std::int64_t integer(std::int64_t min, std::int64_t max) {
        std::int64_t value = 0;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            fail("expected a whole number");
        }
        if (value < min || value > max)
            fail(std::to_string(value) + " is out of range (" + std::to_string(min) + " to " + std::to_string(max) + ")");
        return value;
    }
    std::int64_t time_ms() { return integer(0, kMaxTimeMs); }

    double number(double min, double max, bool min_inclusive = true, bool max_inclusive = true) {
        double value = 0;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            fail("expected a number");
        }
        const bool above = min_inclusive ? value >= min : value > min;
        const bool below = max_inclusive ? value <= max : value < max;
        if (!std::isfinite(value) || !above || !below) {
            std::ostringstream range;
            range << value << " is out of range (" << (min_inclusive ? "from " : "above ") << min
                  << (max_inclusive ? " to " : " and below ") << max << ")";
            fail(range.str());
        }
        return value;
    }

    std::string text() {
        std::string value;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            fail("expected a text string");
        }
        return value;
    }

    bool boolean() {
        bool value = false;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            fail("expected true or false");
        }
        return value;
    }

    template <class E>
    E enumeration(std::optional<E> (*parse)(std::string_view), std::string (*spellings)(), const char* what) {
        const std::string spelled = text();
        if (auto value = parse(spelled)) return *value;
        fail("unknown " + std::string(what) + " '" + spelled + "' (expected one of: " + spellings() + ")");
    }

    [[noreturn]] void unknown(std::string_view name) { fail("unknown field '" + std::string(name) + "'"); }

    void push(std::string segment) { path_.push_back(std::move(segment)); }
    void pop() { path_.pop_back(); }

private:
    // An object with no members may really be a list: loadSize succeeds only on lists.
    void check_not_a_list() {
        cereal::size_type size = 0;
        try {
            ar_.loadSize(size);
        } catch (const cereal::Exception&) {
            return;
        }
        fail("expected an object ({ ... }), found a list");
    }

    cereal::JSONInputArchive& ar_;
    std::vector<std::string> path_;
};

// Which fields each event kind has, besides id, t_ms and kind.
enum Field : unsigned {
    f_step = 1u << 0,
    f_ended_step = 1u << 1,
    f_new_cycle = 1u << 2,
    f_waste = 1u << 3,
    f_target = 1u << 4,
    f_text = 1u << 5,
    f_note = 1u << 6,
    f_reason = 1u << 7,
    f_start_ms = 1u << 8,
    f_end_ms = 1u << 9,
    f_at_ms = 1u << 10,
    f_cycle = 1u << 11,
};

struct FieldName {
    Field field;
    const char* name;
};
constexpr FieldName kFieldNames[] = {
    {f_step, "step"},       {f_ended_step, "ended_step"}, {f_new_cycle, "new_cycle"}, {f_waste, "waste"},
    {f_target, "target"},   {f_text, "text"},             {f_note, "note"},           {f_reason, "reason"},
    {f_start_ms, "start_ms"}, {f_end_ms, "end_ms"},       {f_at_ms, "at_ms"},         {f_cycle, "cycle"},
};

struct KindFields {
    unsigned required;
    unsigned optional;
};

KindFields fields_of(EventKind kind) {
    switch (kind) {
        case EventKind::step_start: return {f_step, f_new_cycle};
        case EventKind::step_end: return {f_step, 0};
        case EventKind::lap: return {f_ended_step | f_step, f_new_cycle};
        case EventKind::cycle: return {0, 0};
        case EventKind::waste_tag:
        case EventKind::waste_start: return {f_waste, f_step | f_note};
        case EventKind::waste_end: return {f_target, 0};
        case EventKind::note: return {f_text, f_target};
        case EventKind::pause:
        case EventKind::resume: return {0, 0};
        case EventKind::exclude: return {f_target | f_reason, 0};
        case EventKind::include: return {f_target, 0};
        case EventKind::set_start: return {f_target | f_start_ms, 0};
        case EventKind::set_end: return {f_target | f_end_ms, 0};
        case EventKind::split: return {f_target | f_at_ms, 0};
        case EventKind::insert_reading: return {f_step | f_cycle | f_start_ms | f_end_ms, 0};
        case EventKind::remove:
        case EventKind::restore: return {f_target, 0};
        case EventKind::retag: return {f_target | f_waste, f_step};
        case EventKind::edit_note: return {f_target | f_text, 0};
        case EventKind::undo:
        case EventKind::redo: return {f_target, 0};
    }
    return {0, 0};
}

constexpr std::int64_t kMaxId = 1'000'000'000'000'000;

Event read_event(Reader& in) {
    Event e;
    unsigned seen = 0;
    bool has_id = false, has_t = false, has_kind = false;
    const auto mark = [&](Field f) { seen |= f; };
    in.object([&](std::string_view name) {
        if (name == "id") e.id = in.integer(1, kMaxId), has_id = true;
        else if (name == "t_ms") e.t_ms = in.time_ms(), has_t = true;
        else if (name == "kind")
            e.kind = in.enumeration(parse_event_kind, spellings_of_event_kind, "event kind"), has_kind = true;
        else if (name == "step") e.step = in.integer(1, kMaxId), mark(f_step);
        else if (name == "ended_step") e.ended_step = in.integer(1, kMaxId), mark(f_ended_step);
        else if (name == "new_cycle") e.new_cycle = in.boolean(), mark(f_new_cycle);
        else if (name == "waste") e.waste = in.enumeration(parse_waste, spellings_of_waste, "waste"), mark(f_waste);
        else if (name == "target") e.target = in.integer(1, kMaxId), mark(f_target);
        else if (name == "text") e.text = in.text(), mark(f_text);
        else if (name == "note") e.text = in.text(), mark(f_note);
        else if (name == "reason") e.text = in.text(), mark(f_reason);
        else if (name == "start_ms") e.start_ms = in.time_ms(), mark(f_start_ms);
        else if (name == "end_ms") e.end_ms = in.time_ms(), mark(f_end_ms);
        else if (name == "at_ms") e.at_ms = in.time_ms(), mark(f_at_ms);
        else if (name == "cycle") e.cycle = in.integer(1, kMaxId), mark(f_cycle);
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_t) in.fail("missing field 't_ms'");
    if (!has_kind) in.fail("missing field 'kind'");
    const KindFields allowed = fields_of(e.kind);
    for (const FieldName& f : kFieldNames) {
        if ((allowed.required & f.field) && !(seen & f.field))
            in.fail("missing field '" + std::string(f.name) + "' of a " + std::string(to_string(e.kind)) + " event");
        if ((seen & f.field) && !((allowed.required | allowed.optional) & f.field))
            in.fail("field '" + std::string(f.name) + "' does not belong to a " + std::string(to_string(e.kind)) +
                    " event");
    }
    return e;
}

Step read_step(Reader& in) {
    Step s;
    bool has_id = false, has_name = false, has_class = false;
    in.object([&](std::string_view name) {
        if (name == "id") s.id = in.integer(1, kMaxId), has_id = true;
        else if (name == "name") s.name = in.text(), has_name = true;
        else if (name == "value_class")
            s.value_class = in.enumeration(parse_value_class, spellings_of_value_class, "value class"), has_class = true;
        else if (name == "rating_pct") s.rating_pct = in.number(0, 300, false, true);
        else if (name == "allowance_pct") s.allowance_pct = in.number(0, 100, true, false);
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_name) in.fail("missing field 'name'");
    if (!has_class) in.fail("missing field 'value_class'");
    if (s.name.empty()) in.fail("the step's name is empty");
    return s;
}

StudySettings read_settings(Reader& in) {
    StudySettings s;
    in.object([&](std::string_view name) {
        if (name == "timing_mode") s.timing_mode = in.enumeration(parse_timing_mode, spellings_of_timing_mode, "timing mode");
        else if (name == "allowance_convention")
            s.allowance_convention = in.enumeration(parse_allowance_convention, spellings_of_allowance_convention,
                                                    "allowance convention");
        else if (name == "confidence_pct") s.confidence_pct = in.number(0, 100, false, false);
        else if (name == "z_convention") s.z_convention = in.enumeration(parse_z_convention, spellings_of_z_convention, "z convention");
        else if (name == "z") s.z = in.number(0, 10, false, true);
        else if (name == "accuracy_pct") s.accuracy_pct = in.number(0, 100, false, true);
        else if (name == "outlier_rule") s.outlier_rule = in.enumeration(parse_outlier_rule, spellings_of_outlier_rule, "outlier rule");
        else if (name == "takt_available_ms") s.takt_available_ms = in.time_ms();
        else if (name == "takt_demand_units") s.takt_demand_units = in.number(0, 1e12);
        else if (name == "debounce_ms") s.debounce_ms = in.integer(0, 5000);
        else in.unknown(name);
    });
    return s;
}

// Rules across fields that no single value shows: unique ids, and the log itself.
std::optional<Problem> check_semantics(const Session& session) {
    if (!session.started_at.empty() && !is_iso8601_datetime(session.started_at))
        return Problem{"/started_at", "'" + session.started_at + "' is not a date and time like 2026-11-27T08:30:00Z"};
    std::set<StepId> step_ids;
    for (std::size_t i = 0; i < session.steps.size(); ++i)
        if (!step_ids.insert(session.steps[i].id).second)
            return Problem{"/steps/" + std::to_string(i) + "/id",
                           "step id " + std::to_string(session.steps[i].id) + " is used twice"};
    std::optional<LogError> error;
    LogState::replay(session, &error);
    if (error)
        return Problem{"/events/" + std::to_string(error->event_index),
                       "event " + std::to_string(error->event_id) + ": " + error->message};
    return std::nullopt;
}

class MemoryBuffer : public std::streambuf {
public:
    explicit MemoryBuffer(std::string_view text) {
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

LoadResult failed(const std::string& name, Problem problem) {
    LoadResult result;
    result.problem = FileProblem{name, std::move(problem.where), std::move(problem.what)};
    return result;
}

// --------------------------------------------------------------------------------------------------
// Writing
// --------------------------------------------------------------------------------------------------

void write_event(cereal::JSONOutputArchive& ar, const Event& e) {
    using cereal::make_nvp;
    ar.startNode();
    ar(make_nvp("id", e.id), make_nvp("t_ms", e.t_ms), make_nvp("kind", std::string(to_string(e.kind))));
    const KindFields fields = fields_of(e.kind);
    const unsigned present = fields.required | fields.optional;
    const auto has = [&](Field f) {
        if (!(present & f)) return false;
        if (fields.required & f) return true;
        // Optional fields are written only when they say something.
        switch (f) {
            case f_step: return e.step != kNoStep;
            case f_new_cycle: return e.new_cycle;
            case f_note:
            case f_text: return !e.text.empty();
            case f_target: return e.target != kNoEvent;
            default: return true;
        }
    };
    if (has(f_ended_step)) ar(make_nvp("ended_step", e.ended_step));
    if (has(f_step)) ar(make_nvp("step", e.step));
    if (has(f_new_cycle)) ar(make_nvp("new_cycle", e.new_cycle));
    if (has(f_waste)) ar(make_nvp("waste", std::string(to_string(e.waste))));
    if (has(f_target)) ar(make_nvp("target", e.target));
    if (has(f_cycle)) ar(make_nvp("cycle", e.cycle));
    if (has(f_start_ms)) ar(make_nvp("start_ms", e.start_ms));
    if (has(f_end_ms)) ar(make_nvp("end_ms", e.end_ms));
    if (has(f_at_ms)) ar(make_nvp("at_ms", e.at_ms));
    if (has(f_text)) ar(make_nvp("text", e.text));
    if (has(f_note)) ar(make_nvp("note", e.text));
    if (has(f_reason)) ar(make_nvp("reason", e.text));
    ar.finishNode();
}

void write_session(cereal::JSONOutputArchive& ar, const Session& s) {
    using cereal::make_nvp;
    ar(make_nvp("format_version", kFormatVersion), make_nvp("title", s.title), make_nvp("process", s.process),
       make_nvp("area", s.area), make_nvp("observer", s.observer), make_nvp("notes", s.notes),
       make_nvp("started_at", s.started_at));

    const StudySettings& st = s.settings;
    ar.setNextName("settings");
    ar.startNode();
    ar(make_nvp("timing_mode", std::string(to_string(st.timing_mode))),
       make_nvp("allowance_convention", std::string(to_string(st.allowance_convention))),
       make_nvp("confidence_pct", st.confidence_pct),
       make_nvp("z_convention", std::string(to_string(st.z_convention))));
    if (st.z) ar(make_nvp("z", *st.z));
    ar(make_nvp("accuracy_pct", st.accuracy_pct),
       make_nvp("outlier_rule", std::string(to_string(st.outlier_rule))));
    if (st.takt_available_ms) ar(make_nvp("takt_available_ms", *st.takt_available_ms));
    if (st.takt_demand_units) ar(make_nvp("takt_demand_units", *st.takt_demand_units));
    ar(make_nvp("debounce_ms", st.debounce_ms));
    ar.finishNode();

    ar.setNextName("steps");
    ar.startNode();
    ar.makeArray();
    for (const Step& step : s.steps) {
        ar.startNode();
        ar(make_nvp("id", step.id), make_nvp("name", step.name),
           make_nvp("value_class", std::string(to_string(step.value_class))), make_nvp("rating_pct", step.rating_pct),
           make_nvp("allowance_pct", step.allowance_pct));
        ar.finishNode();
    }
    ar.finishNode();

    ar.setNextName("events");
    ar.startNode();
    ar.makeArray();
    for (const Event& e : s.events) write_event(ar, e);
    ar.finishNode();
}

}  // namespace

std::string FileProblem::message() const {
    std::string out = file + ": ";
    if (!where.empty()) out += where + ": ";
    return out + what;
}

LoadResult parse_session(std::string_view json, const std::string& name) {
    std::optional<std::int64_t> version;
    if (auto problem = precheck(json, version)) return failed(name, std::move(*problem));
    if (!version) return failed(name, Problem{"", "missing field 'format_version'; is this a Gemba session file?"});
    if (*version > kFormatVersion)
        return failed(name, Problem{"/format_version", "format version " + std::to_string(*version) +
                                                           " is newer than this Gemba reads (up to " +
                                                           std::to_string(kFormatVersion) + "); open it with a newer Gemba"});
    if (*version < 1)
        return failed(name, Problem{"/format_version", "format version " + std::to_string(*version) + " does not exist"});

    Session session;
    try {
        MemoryBuffer buffer(json);
        std::istream stream(&buffer);
        cereal::JSONInputArchive archive(stream);
        Reader in(archive);
        bool has_title = false, has_steps = false;
        while (const char* raw_name = archive.getNodeName()) {
            const std::string name_here = raw_name;
            in.push(name_here);
            if (name_here == "format_version") in.integer(1, kFormatVersion);
            else if (name_here == "title") session.title = in.text(), has_title = true;
            else if (name_here == "process") session.process = in.text();
            else if (name_here == "area") session.area = in.text();
            else if (name_here == "observer") session.observer = in.text();
            else if (name_here == "notes") session.notes = in.text();
            else if (name_here == "started_at") session.started_at = in.text();
            else if (name_here == "settings") session.settings = read_settings(in);
            else if (name_here == "steps") {
                in.list([&](std::size_t) { session.steps.push_back(read_step(in)); });
                has_steps = true;
            } else if (name_here == "events") {
                in.list([&](std::size_t) { session.events.push_back(read_event(in)); });
            } else {
                in.unknown(name_here);
            }
            in.pop();
        }
        if (!has_title) return failed(name, Problem{"", "missing field 'title'"});
        if (!has_steps) return failed(name, Problem{"", "missing field 'steps'"});
    } catch (const LoadFailure& failure) {
        return failed(name, failure.problem);
    } catch (const cereal::Exception& e) {
        // Every read above is guarded; this is a last line so no cereal message ever leaks raw.
        return failed(name, Problem{"", std::string("could not be read as a session (") + e.what() + ")"});
    }
    if (auto problem = check_semantics(session)) return failed(name, std::move(*problem));
    LoadResult result;
    result.session = std::move(session);
    return result;
}

LoadResult load_session(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return failed(name, Problem{"", "is a folder, not a session file"});
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return failed(name, Problem{"", "cannot be opened: " + ec.message()});
    if (size > kMaxSessionFileBytes)
        return failed(name, Problem{"", "is " + std::to_string(size / (1024 * 1024)) + " MiB, larger than the " +
                                            std::to_string(kMaxSessionFileBytes / (1024 * 1024)) +
                                            " MiB a session file can be"});
    std::ifstream file(path, std::ios::binary);
    if (!file) return failed(name, Problem{"", "cannot be opened: " + std::generic_category().message(errno)});
    std::string text(static_cast<std::size_t>(size), '\0');
    file.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(file.gcount()) != size)
        return failed(name, Problem{"", "could not be read to the end"});
    return parse_session(text, name);
}

std::string session_to_json(const Session& session) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options(
                                                   rapidjson::Writer<rapidjson::StringBuffer>::kDefaultMaxDecimalPlaces,
                                                   cereal::JSONOutputArchive::Options::IndentChar::space, 2));
        write_session(archive, session);
    }
    out << '\n';
    return out.str();
}

std::optional<FileProblem> check_session(const Session& session, const std::string& name) {
    LoadResult reloaded = parse_session(session_to_json(session), name);
    return reloaded.problem;
}

SaveResult save_session(const std::filesystem::path& path, const Session& session, FileSystem& fs) {
    const std::string json = session_to_json(session);
    // Never write what could not be opened again.
    if (LoadResult check = parse_session(json, path.string()); !check.ok())
        return SaveResult{false, "not saved, the session is not valid: " + check.problem->message()};
    const WriteOutcome written = write_file_atomically(path, json, fs);
    return SaveResult{written.ok, written.error};
}

}  // namespace gemba
