#include "app/gui/settings.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "app/gui/actions.hpp"
#include "app/gui/app_state.hpp"
#include "core/file/atomic_file.hpp"

namespace gemba::gui {
namespace {

namespace fs = std::filesystem;

std::string_view type_name(const rapidjson::Value& value) {
    if (value.IsNull()) return "null";
    if (value.IsBool()) return "true or false";
    if (value.IsNumber()) return "a number";
    if (value.IsString()) return "text";
    if (value.IsArray()) return "a list";
    return "an object";
}

std::string number_text(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

void read_ui_scale(const rapidjson::Value& value, SettingsRead& read) {
    const std::string fallback = " (" + number_text(read.settings.ui_scale) + " used)";
    if (!value.IsNumber()) {
        read.problems.push_back("ui_scale is " + std::string(type_name(value)) + ", not a number" + fallback);
        return;
    }
    const double scale = value.GetDouble();
    if (scale < kMinUiScale || scale > kMaxUiScale) {
        read.problems.push_back("ui_scale " + number_text(scale) + " is outside " + number_text(kMinUiScale) + " to " +
                                number_text(kMaxUiScale) + fallback);
        return;
    }
    read.settings.ui_scale = static_cast<float>(scale);
}

void read_theme(const rapidjson::Value& value, SettingsRead& read) {
    const std::string_view theme = value.IsString() ? std::string_view(value.GetString(), value.GetStringLength()) : "";
    if (theme == "light" || theme == "dark") {
        read.settings.theme = theme == "dark" ? Theme::dark : Theme::light;
        return;
    }
    const std::string found = value.IsString() ? "\"" + std::string(theme) + "\"" : std::string(type_name(value));
    read.problems.push_back("theme is " + found + ", not \"light\" or \"dark\" (light used)");
}

void read_recent_files(const rapidjson::Value& value, SettingsRead& read) {
    if (!value.IsArray()) {
        read.problems.push_back("recent_files is " + std::string(type_name(value)) + ", not a list (none used)");
        return;
    }
    // A bad entry is left out; the good ones are kept.
    std::size_t skipped = 0;
    for (const rapidjson::Value& entry : value.GetArray()) {
        if (!entry.IsString() || entry.GetStringLength() == 0) {
            ++skipped;
            continue;
        }
        if (read.settings.recent_files.size() < kMaxRecentFiles)
            read.settings.recent_files.emplace_back(entry.GetString(), entry.GetStringLength());
    }
    if (skipped > 0)
        read.problems.push_back("recent_files has " + std::to_string(skipped) + " entr" + (skipped == 1 ? "y" : "ies") +
                                " that are not file names (left out)");
}

struct Field {
    const char* name;
    void (*read)(const rapidjson::Value&, SettingsRead&);
};
constexpr Field kFields[] = {
    {"ui_scale", read_ui_scale},
    {"theme", read_theme},
    {"recent_files", read_recent_files},
};

std::string json_text(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

// The first of "settings.json.unreadable", "settings.json.unreadable-2", ... that is free.
std::optional<fs::path> free_aside_path(const fs::path& file) {
    for (int n = 1; n < 1000; ++n) {
        fs::path candidate = file;
        candidate += n == 1 ? ".unreadable" : ".unreadable-" + std::to_string(n);
        std::error_code ec;
        if (!fs::exists(candidate, ec) && !ec) return candidate;
    }
    return std::nullopt;
}

}  // namespace

SettingsRead read_settings_file(const fs::path& file) {
    SettingsRead read;
    std::error_code ec;
    const fs::file_status status = fs::status(file, ec);
    if (status.type() == fs::file_type::not_found) return read;
    if (ec) {
        read.unreadable = ec.message();
        return read;
    }
    if (!fs::is_regular_file(status)) {
        read.unreadable = "it is not a file";
        return read;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        read.unreadable = "it cannot be opened: " + std::string(std::strerror(errno));
        return read;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        read.unreadable = "it cannot be read: " + std::string(std::strerror(errno));
        return read;
    }
    rapidjson::Document document;
    document.Parse(text.data(), text.size());
    if (document.HasParseError()) {
        std::string why = rapidjson::GetParseError_En(document.GetParseError());  // "Invalid value."
        if (!why.empty() && why.back() == '.') why.pop_back();
        if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
        read.unreadable = "it is not JSON: " + why + " at byte " + std::to_string(document.GetErrorOffset());
        return read;
    }
    if (!document.IsObject()) {
        read.unreadable = "it is " + std::string(type_name(document)) + ", not a JSON object";
        return read;
    }
    for (const Field& field : kFields) {
        const auto member = document.FindMember(field.name);
        if (member == document.MemberEnd()) read.problems.push_back(std::string(field.name) + " is missing (default used)");
        else field.read(member->value, read);
    }
    for (const auto& member : document.GetObject()) {
        const std::string_view name(member.name.GetString(), member.name.GetStringLength());
        const bool known = std::any_of(std::begin(kFields), std::end(kFields), [&](const Field& f) { return name == f.name; });
        if (!known) read.unknown_fields.emplace_back(std::string(name), json_text(member.value));
    }
    return read;
}

std::string settings_json(const UiSettings& settings, const std::vector<std::pair<std::string, std::string>>& unknown_fields) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    writer.Key("ui_scale");
    // Two decimals: the scale moves in steps of 0.1, and 1.1f written in full reads 1.100000023841858.
    writer.Double(std::round(static_cast<double>(settings.ui_scale) * 100.0) / 100.0);
    writer.Key("theme");
    writer.String(settings.theme == Theme::dark ? "dark" : "light");
    writer.Key("recent_files");
    writer.StartArray();
    for (const std::string& recent : settings.recent_files)
        writer.String(recent.data(), static_cast<rapidjson::SizeType>(recent.size()));
    writer.EndArray();
    for (const auto& [name, json] : unknown_fields) {
        rapidjson::Document value;
        value.Parse(json.data(), json.size());
        if (value.HasParseError()) continue;  // cannot happen: the text was written by json_text
        writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        value.Accept(writer);
    }
    writer.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

fs::path settings_file(const AppState& app) { return app.paths.config_dir / "settings.json"; }

void load_ui_settings(AppState& app) {
    const fs::path file = settings_file(app);
    SettingsRead read = read_settings_file(file);
    SettingsStore& store = app.settings_store;
    store = SettingsStore{};
    store.loaded = true;
    store.writable = true;
    if (read.unreadable) {
        // Never overwritten: the settings it holds may be worth more to the user than the defaults.
        const std::string head = "The settings file " + file.string() + " could not be read (" + *read.unreadable + ")";
        const std::optional<fs::path> aside = free_aside_path(file);
        std::error_code ec;
        if (aside) fs::rename(file, *aside, ec);
        if (aside && !ec) {
            store.notice = head + ". It was kept as " + aside->string() + "; Gemba uses the default settings.";
        } else {
            store.writable = false;
            store.notice = head + " and could not be moved aside (" + (aside ? ec.message() : "no free name") +
                           "): it is left as it is, and settings changed now are not saved.";
        }
        // The status line has room for one line: where the file is now; the start screen says why.
        show(app, aside && !ec ? "Settings file not readable, kept as " + aside->string() : *store.notice, true);
    } else if (!read.problems.empty()) {
        std::string text = "Settings file " + file.string() + ": ";
        for (std::size_t i = 0; i < read.problems.size(); ++i) text += (i ? "; " : "") + read.problems[i];
        show(app, text + ". The other settings were read.", false);
    }
    app.settings = read.settings;
    store.on_disk = read.settings;
    store.unknown_fields = std::move(read.unknown_fields);
}

void save_ui_settings(AppState& app) {
    SettingsStore& store = app.settings_store;
    if (!store.loaded || !store.writable || app.settings == store.on_disk) return;
    std::error_code ec;
    fs::create_directories(app.paths.config_dir, ec);
    const WriteOutcome outcome = write_file_atomically(settings_file(app), settings_json(app.settings, store.unknown_fields));
    if (!outcome.ok) {
        show(app, "Settings not saved: " + outcome.error, true);
        return;
    }
    store.on_disk = app.settings;
}

void remember_recent(AppState& app, const fs::path& path) {
    std::error_code ec;
    const std::string absolute = fs::absolute(path, ec).lexically_normal().string();
    auto& recent = app.settings.recent_files;
    recent.erase(std::remove(recent.begin(), recent.end(), absolute), recent.end());
    recent.insert(recent.begin(), absolute);
    if (recent.size() > kMaxRecentFiles) recent.resize(kMaxRecentFiles);
    save_ui_settings(app);
}

void change_ui_scale(AppState& app, float step) {
    app.settings.ui_scale = std::clamp(app.settings.ui_scale + step, kMinUiScale, kMaxUiScale);
    app.fonts_dirty = true;
    save_ui_settings(app);
}

}  // namespace gemba::gui
