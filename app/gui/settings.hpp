// The GUI's settings: what they are, their defaults and ranges, and their file
// ($XDG_CONFIG_HOME/gemba/settings.json). Read field by field: a missing or bad field keeps its
// default and is reported, the others are kept, unknown fields are kept as they are. A file that
// cannot be read at all is never overwritten: it is moved aside, and the user is told where.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gemba::gui {

struct AppState;

enum class Theme { light, dark };

inline constexpr float kMinUiScale = 0.5f;
inline constexpr float kMaxUiScale = 3.0f;
inline constexpr float kUiScaleStep = 0.1f;  // one Ctrl+= or Ctrl+-
inline constexpr std::size_t kMaxRecentFiles = 10;

struct UiSettings {
    float ui_scale = 1.0f;  // on top of the monitor's content scale; kMinUiScale to kMaxUiScale
    Theme theme = Theme::light;
    std::vector<std::string> recent_files;  // absolute paths, most recent first, at most kMaxRecentFiles

    bool operator==(const UiSettings&) const = default;
};

// What reading a settings file gave.
struct SettingsRead {
    UiSettings settings;  // the defaults where the file had nothing usable
    // Fields of a newer (or another) version, name and JSON text, written back unchanged.
    std::vector<std::pair<std::string, std::string>> unknown_fields;
    std::vector<std::string> problems;   // one per field that kept its default: "theme: ..."
    std::optional<std::string> unreadable;  // why the file as a whole cannot be used; nothing was read
};

// Reads `file`. A file that does not exist gives the defaults and no problem.
SettingsRead read_settings_file(const std::filesystem::path& file);
// The file's text for `settings` (and the unknown fields, after ours).
std::string settings_json(const UiSettings& settings,
                          const std::vector<std::pair<std::string, std::string>>& unknown_fields = {});

// The settings file of a running app and what it knows about it.
struct SettingsStore {
    bool loaded = false;    // load_ui_settings ran: nothing is written before
    bool writable = false;  // false when an unreadable file could not be moved aside
    UiSettings on_disk;     // what the file holds, so that unchanged settings are not rewritten
    std::vector<std::pair<std::string, std::string>> unknown_fields;
    std::optional<std::string> notice;  // a lasting note for the start screen: the file moved aside
};

// The file: app.paths.config_dir / "settings.json".
std::filesystem::path settings_file(const AppState& app);
// Loads app.settings from the file; problems go to the status line (and, for a file moved aside,
// to app.settings_store.notice). An unreadable file is renamed to "settings.json.unreadable" (or
// ".unreadable-2" ... if that exists), so that the next save does not overwrite it.
void load_ui_settings(AppState& app);
// Writes app.settings when loaded, writable and changed since the file was read or last written.
void save_ui_settings(AppState& app);
// Puts `path` first in the recent files (absolute, once, at most kMaxRecentFiles) and saves.
void remember_recent(AppState& app, const std::filesystem::path& path);
// Ctrl+= / Ctrl+-: `step` added to the UI scale, kept in range; fonts are rebuilt next frame.
void change_ui_scale(AppState& app, float step);

}  // namespace gemba::gui
