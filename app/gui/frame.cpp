// The frame: top bar, the current screen, the dialogs and the status line.
#include <imgui.h>
#include <imgui_internal.h>  // GetActiveID (whether the note's field has the keyboard), ImTextCharToUtf8
#include <imgui_stdlib.h>

#include <algorithm>
#include <optional>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/rounds_clock.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "app/gui/walk_note.hpp"
#include "core/report/event_text.hpp"

namespace gemba::gui {
namespace {

// How long a message stays in the status line, in milliseconds.
constexpr std::int64_t kMessageMs = 6000;

// The top bar's controls are big touch targets; they wrap onto a second row rather than run off a
// small window.
void screen_tab(AppState& app, const char* label, Screen screen, bool enabled) {
    const bool current = app.screen == screen;
    ImGui::BeginDisabled(!enabled);
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
    const float width = kTabWidthsEm[static_cast<int>(screen)] * em();
    if (ImGui::Button(label, ImVec2(width, kTopBarHeightEm * em()))) app.screen = screen;
    if (current) ImGui::PopStyleColor();
    ImGui::EndDisabled();
    ImGui::SameLine();
}

// Stays on the current row when `width` fits there, or starts the next row.
void fit_on_row(float width) {
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

// A top-bar button's width for its label.
float bar_button_width(const std::string& label) {
    return ImGui::CalcTextSize(label.c_str()).x + 2.0f * ImGui::GetStyle().FramePadding.x + 0.6f * em();
}

// A top-bar button, its key in the label when there is room (`show_key`) and always in a tooltip.
bool bar_button(const char* label, KeyAction action, bool show_key) {
    const std::string hinted = with_key_hint(label, action);
    const std::string shown = show_key ? hinted : label;
    const float width = bar_button_width(shown);
    fit_on_row(width);
    const bool pressed = ImGui::Button(shown.c_str(), ImVec2(width, kTopBarHeightEm * em()));
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", hinted.c_str());
    ImGui::SameLine();
    return pressed;
}

void draw_top_bar(AppState& app) {
    const bool has_session = app.doc.has_walk();
    screen_tab(app, "Start", Screen::start, true);
    screen_tab(app, "Setup", Screen::setup, has_session);
    // A work sampling study's walk is its rounds.
    const bool sampling = has_session && app.doc.session().study == StudyKind::work_sampling;
    screen_tab(app, sampling ? "Rounds" : "Walk", Screen::walk, has_session);
    screen_tab(app, "Review", Screen::review, has_session);
    screen_tab(app, "Summary", Screen::summary, has_session);
    screen_tab(app, "Map", Screen::map, has_session);
    screen_tab(app, "Improve", Screen::improve, has_session);
    if (has_session) {
        ImGui::Dummy(ImVec2(0.5f * em(), 0));  // the file's controls apart from the screens
        ImGui::SameLine();
        // The keys on the buttons teach them; on a small window the buttons keep one row instead.
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const bool show_keys = ImGui::GetContentRegionAvail().x >= bar_button_width(with_key_hint("Save", KeyAction::save)) +
                                                                       bar_button_width(with_key_hint("Export", KeyAction::export_csv)) +
                                                                       spacing;
        ImGui::BeginDisabled(!app.dirty() && !app.doc.file().empty());
        if (bar_button("Save", KeyAction::save, show_keys)) save(app);
        ImGui::EndDisabled();
        if (bar_button("Export", KeyAction::export_csv, show_keys)) export_csv_files(app);
    }
    // The title in what is left of the row, or on a row of its own when too little is left; the
    // whole path when pointed at.
    const std::string title = has_session ? (app.doc.session().title.empty() ? "(untitled)" : app.doc.session().title) : "Gemba";
    const std::string file = has_session ? " — " + app.doc.file().filename().string() : "";
    fit_on_row(8.0f * em());
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    fitted_text((app.dirty() ? "● " : "") + title + file, ImGui::GetContentRegionAvail().x);
    ImGui::PopStyleColor();
    if (has_session && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s%s", app.doc.file().string().c_str(), app.dirty() ? "\n● changes not saved yet" : "");
    ImGui::Separator();
}

// The walk note's bar at the foot of the walk screen: not a modal dialog, so the clock, the walk's
// buttons and their taps go on while it is typed. Keys are the note's (process_keys hands them to
// note_key), and the field takes the keyboard back after a tap on a button.
float note_bar_height(const AppState& app) {
    if (!note_being_typed(app)) return 0.0f;
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFrameHeightWithSpacing() + 2.4f * em() + 2.0f * style.ItemSpacing.y;
}

bool status_line_shown(const AppState& app) {
    return app.message && app.clock.now_ms() - app.message->shown_at_ms <= kMessageMs;
}

// The status line's height: the whole message, wrapped to the window (a file's problem can be long).
// Once the message is gone its first line's room stays, so that the screen above does not move
// under a finger.
float status_line_height(const AppState& app) {
    if (!app.message) return 0.0f;
    if (!status_line_shown(app)) return 2.0f * em();
    const float wrap = ImGui::GetContentRegionAvail().x;
    const float text = ImGui::CalcTextSize(app.message->text.c_str(), nullptr, false, wrap).y;
    // At most half the window: a longer message scrolls in its own region.
    return std::min(text + 2.0f * ImGui::GetStyle().ItemSpacing.y + 2.0f, 0.5f * ImGui::GetContentRegionAvail().y);
}

void draw_status_line(AppState& app) {
    if (!status_line_shown(app)) return;
    const ImVec4 colour = app.message->error ? ImVec4(0.80f, 0.10f, 0.10f, 1.0f) : ImGui::GetStyle().Colors[ImGuiCol_Text];
    ImGui::Separator();
    // Down to the note's bar, not over it: a child window would take the bar's clicks.
    ImGui::BeginChild("status", ImVec2(0, -note_bar_height(app)), false);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", app.message->text.c_str());
    ImGui::PopStyleColor();
    ImGui::EndChild();
}

struct NoteFieldInput {
    int new_lines_allowed = 0;
    bool cursor_to_end = false;
};

// New lines come only from Shift+Enter in the app's key queue (counted in the user data): ImGui's
// own Enter, which it may miss or see, types none. Characters the bar took while the field was
// away went on the end of the text: the cursor goes there too.
int note_field_callback(ImGuiInputTextCallbackData* data) {
    NoteFieldInput& input = *static_cast<NoteFieldInput*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways) {
        if (input.cursor_to_end) data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
        input.cursor_to_end = false;
        return 0;
    }
    if (data->EventChar != '\n') return 0;
    if (input.new_lines_allowed == 0) return 1;
    --input.new_lines_allowed;
    return 0;
}

// Characters typed while the field does not have the keyboard (the frame after N, a tap on the
// walk's buttons), on the end of the text: ImGui would drop them. Those of the frame that opened the
// note are the N's.
bool take_typed_characters(AppState& app, bool field_has_keyboard) {
    ImVector<ImWchar>& typed = ImGui::GetIO().InputQueueCharacters;
    // A walk count field being typed in has them (app.counting.typing: the walk screen's last frame).
    const bool take = !field_has_keyboard && !app.note.opened && !app.counting.typing && !typed.empty();
    if (take) {
        for (const ImWchar typed_char : typed) {
            const unsigned c = typed_char;
            if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) continue;  // control keys, half characters
            char utf8[5];
            app.note.text += ImTextCharToUtf8(utf8, c);
        }
    }
    if (take || app.note.opened) typed.resize(0);
    app.note.opened = false;
    return take;
}

void draw_note_bar(AppState& app) {
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Note on");
    const std::string event_text = note_event_text(app);
    if (!event_text.empty()) {
        ImGui::SameLine();
        // A long step name on a narrow window: the event's words shortened to the room left (its
        // cycle and time kept), whole in the tooltip.
        const ImGuiStyle& style = ImGui::GetStyle();
        const float radio = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
        const float room = ImGui::GetContentRegionAvail().x - 2.0f * radio - style.ItemSpacing.x -
                           ImGui::CalcTextSize("the session").x;
        std::string shown = event_text;
        if (ImGui::CalcTextSize(shown.c_str()).x > room) {
            const std::size_t tail_at = event_text.find(" · cycle ");
            std::string what = event_text.substr(0, tail_at);
            const std::string tail = tail_at == std::string::npos ? "" : event_text.substr(tail_at);
            while (!what.empty() && ImGui::CalcTextSize((what + "…" + tail).c_str()).x > room) {
                // One character off the end: its UTF-8 continuation bytes, then its first byte.
                while ((static_cast<unsigned char>(what.back()) & 0xC0) == 0x80 && what.size() > 1) what.pop_back();
                what.pop_back();
            }
            shown = what + "…" + tail;
        }
        if (ImGui::RadioButton(shown.c_str(), !app.note.on_session)) app.note.on_session = false;
        if (shown != event_text && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", event_text.c_str());
    }
    ImGui::SameLine();
    if (ImGui::RadioButton("the session", app.note.on_session)) app.note.on_session = true;

    const ImVec2 button(7.5f * em(), 2.4f * em());
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // Back to the field once nothing is held: after a tap on the walk's buttons a typed 3 must be
    // text, not Waiting.
    if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    static NoteFieldInput input;  // the callback's: new lines of this frame, a cursor to move
    const bool field_has_keyboard = ImGui::GetActiveID() == ImGui::GetID("##note");
    input.cursor_to_end = take_typed_characters(app, field_has_keyboard) || input.cursor_to_end;
    input.new_lines_allowed = app.note.new_lines;
    for (; app.note.new_lines > 0; --app.note.new_lines) ImGui::GetIO().AddInputCharacter('\n');
    ImGui::InputTextMultiline("##note", &app.note.text,
                              ImVec2(ImGui::GetContentRegionAvail().x - 2.0f * (button.x + spacing), button.y),
                              ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_CallbackAlways,
                              note_field_callback, &input);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Enter saves, Shift+Enter starts a new line, Esc cancels");
    ImGui::SameLine();
    const bool save_clicked = ImGui::Button("Save [Enter]", button);
    ImGui::SameLine();
    if (ImGui::Button("Cancel [Esc]", button)) {
        cancel_note(app);
        return;
    }
    if (app.note.save_requested || save_clicked) save_note(app);
}

// Drawn at the foot of the window but submitted before the screen: a press on the walk's buttons
// (submitted later in the frame) then takes the pointer from the field, never the other way round.
void draw_note_dialog(AppState& app) {
    if (!note_being_typed(app)) return;
    const ImVec2 resume = ImGui::GetCursorPos();
    ImGui::SetCursorPosY(ImGui::GetWindowContentRegionMax().y - note_bar_height(app));
    draw_note_bar(app);
    ImGui::SetCursorPos(resume);
}

// The dangerous choice of a dialog (replace a file, give up changes) in red; Esc is never it.
bool dangerous_button(const char* label, const ImVec2& size) {
    return coloured_button(label, size, ImVec4(0.8f, 0.15f, 0.1f, 1.0f));
}

bool escape_pressed() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)); }

// A dialog's width: 34 em, or the window's less a margin when that is narrower.
float dialog_width() { return std::min(34.0f * em(), ImGui::GetMainViewport()->WorkSize.x - 3.0f * em()); }

void draw_save_as_dialog(AppState& app) {
    static std::string path;
    static std::optional<std::string> replaces;  // what the file to be replaced holds: asking
    if (app.save_as_requested && app.doc.has_walk()) {
        ImGui::OpenPopup("Save as");
        path = (app.doc.file().empty() ? app.paths.data_dir / file_name_for(app.doc.session().title) : app.doc.file()).string();
        replaces.reset();
        app.save_as_requested = false;
    }
    ImGui::SetNextWindowSize(ImVec2(dialog_width() + 2.0f * ImGui::GetStyle().WindowPadding.x, 0));
    if (!ImGui::BeginPopupModal("Save as", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const ImVec2 size(9.0f * em(), 2.2f * em());
    if (replaces) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + dialog_width());
        ImGui::TextWrapped("%s already exists: %s.", path.c_str(), replaces->c_str());
        ImGui::TextWrapped("Replace it with this walk? What it holds now is lost.");
        ImGui::PopTextWrapPos();
        if (dangerous_button("Replace it", ImVec2(10.0f * em(), 2.2f * em()))) {
            replaces.reset();
            if (save_as(app, path)) ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel [Esc]", ImVec2(10.0f * em(), 2.2f * em())) || escape_pressed()) replaces.reset();
        ImGui::EndPopup();
        return;
    }
    ImGui::TextUnformatted("Save the session to:");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(dialog_width());
    const bool entered = ImGui::InputText("##path", &path, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button("Save", size) || entered) {
        replaces = save_as_would_replace(app, path);
        if (!replaces && save_as(app, path)) ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel [Esc]", size) || escape_pressed()) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void draw_recovery_dialog(AppState& app) {
    static bool confirm_discard = false;
    if (app.doc.pending_recovery() && !ImGui::IsPopupOpen("Unsaved work found")) {
        ImGui::OpenPopup("Unsaved work found");
        confirm_discard = false;
    }
    if (!ImGui::BeginPopupModal("Unsaved work found", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (!app.doc.pending_recovery()) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const Recovery& r = *app.doc.pending_recovery();
    ImGui::Text("%s was not saved after its last taps (the app was closed by a crash or a power cut).",
                app.doc.recovery_file().filename().string().c_str());
    ImGui::Text("Recovering gives back %zu event(s) recorded since the last save%s.", r.recovered_events,
                r.plan_changed ? " and the latest changes to the plan" : "");
    if (r.already_saved > 0) ImGui::Text("%zu event(s) of the journal are already in the file.", r.already_saved);
    for (const std::string& notice : r.notices) ImGui::TextWrapped("• %s", notice.c_str());
    if (r.leaves_something_out()) {
        ImGui::TextWrapped("What cannot be recovered is not deleted: Recover keeps the whole journal, as it is, beside "
                           "the file, named");
        ImGui::Text("    %s.journal.unrecovered-<date and time>", app.doc.recovery_file().filename().string().c_str());
    }
    const ImVec2 size(12.0f * em(), 2.4f * em());
    if (ImGui::Button("Recover", size)) {
        accept_recovery(app);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (!confirm_discard) {
        if (ImGui::Button("Discard them…", size)) confirm_discard = true;
    } else if (coloured_button("Really discard", size, ImVec4(0.8f, 0.15f, 0.1f, 1.0f))) {
        discard_recovery(app);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Not now", size)) {
        app.doc.dismiss_recovery();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// One dialog for "the current walk has unsaved changes: what then?" whatever comes next: quitting,
// starting a new walk or opening a file (app.after_unsaved).
void draw_unsaved_dialog(AppState& app) {
    if (app.confirm_close) {
        app.confirm_close = false;
        request_quit(app);
    }
    if (app.after_unsaved && !ImGui::IsPopupOpen("Unsaved changes")) {
        finish_plan_edit(app);  // the app may be killed while the dialog is open
        ImGui::OpenPopup("Unsaved changes");
    }
    if (!ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (!app.after_unsaved || !app.doc.has_walk()) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const PendingAction& next = *app.after_unsaved;
    const std::string& title = app.doc.session().title;
    const char* then = "";
    const char* save_label = "Save and quit";
    const char* discard_label = "Quit without saving";
    switch (next.kind) {
        case PendingAction::Kind::quit: break;
        case PendingAction::Kind::start:
            then = "A new walk is to start. ";
            save_label = "Save, then start";
            discard_label = "Discard, then start";
            break;
        case PendingAction::Kind::open:
            then = "Another file is to open. ";
            save_label = "Save, then open";
            discard_label = "Discard, then open";
            break;
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + dialog_width());
    ImGui::TextWrapped("The walk “%s” has changes that are not saved. %sSave them first?", title.empty() ? "untitled" : title.c_str(), then);
    if (next.kind == PendingAction::Kind::open) ImGui::TextDisabled("%s", next.file.string().c_str());
    ImGui::PopTextWrapPos();
    const ImVec2 size(std::max(10.0f * em(), (dialog_width() - 2.0f * ImGui::GetStyle().ItemSpacing.x) / 3.0f), 2.4f * em());
    if (ImGui::Button(save_label, size)) {
        ImGui::CloseCurrentPopup();
        answer_unsaved(app, UnsavedChoice::save);
    }
    ImGui::SameLine();
    if (dangerous_button(discard_label, size)) {
        ImGui::CloseCurrentPopup();
        answer_unsaved(app, UnsavedChoice::discard);
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep working [Esc]", size) || escape_pressed()) {
        ImGui::CloseCurrentPopup();
        answer_unsaved(app, UnsavedChoice::cancel);
    }
    ImGui::EndPopup();
}

}  // namespace

void draw_frame(AppState& app) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("Gemba", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus |
                     // The platform shell clears to the window colour: painting it again would cost
                     // a whole-window fill per frame, most of a frame in software rendering.
                     ImGuiWindowFlags_NoBackground);
    // Before the top bar: a plan journaled after a pause may rename a new walk's file, and the main
    // loop draws no second frame for it.
    show(app, app.doc.tick());
    tick_rounds(app);
    draw_top_bar(app);
    draw_round_banner(app);
    // The screen, then the status line, then the note's bar at the foot.
    const float status_height = status_line_height(app) + note_bar_height(app);
    draw_note_dialog(app);
    ImGui::BeginChild("screen", ImVec2(0, -status_height), false);
    switch (app.screen) {
        case Screen::start: draw_start(app); break;
        case Screen::setup: draw_setup(app); break;
        case Screen::walk: draw_walk(app); break;
        case Screen::review: draw_review(app); break;
        case Screen::summary: draw_summary(app); break;
        case Screen::map: draw_map(app); break;
        case Screen::improve: draw_improve(app); break;
    }
    ImGui::EndChild();
    // Typing in a plan field is journaled once the field lets go of the keyboard, or after a pause.
    if (app.doc.plan_edit_pending() && !ImGui::IsAnyItemActive()) finish_plan_edit(app);
    draw_status_line(app);
    draw_save_as_dialog(app);
    draw_recovery_dialog(app);
    draw_unsaved_dialog(app);
    app.dialog_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    ImGui::End();
}

}  // namespace gemba::gui
