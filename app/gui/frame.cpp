// The frame: top bar, the current screen, the dialogs and the status line.
#include <imgui.h>
#include <imgui_internal.h>  // GetActiveID: whether the note's field has the keyboard
#include <imgui_stdlib.h>

#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "app/gui/walk_note.hpp"
#include "core/report/event_text.hpp"

namespace gemba::gui {
namespace {

// How long a message stays in the status line, in milliseconds.
constexpr std::int64_t kMessageMs = 6000;

void screen_tab(AppState& app, const char* label, Screen screen, bool enabled) {
    const bool current = app.screen == screen;
    ImGui::BeginDisabled(!enabled);
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
    if (ImGui::Button(label, ImVec2(6.5f * em(), 2.2f * em()))) app.screen = screen;
    if (current) ImGui::PopStyleColor();
    ImGui::EndDisabled();
    ImGui::SameLine();
}

void draw_top_bar(AppState& app) {
    const bool has_session = app.doc.has_walk();
    screen_tab(app, "Start", Screen::start, true);
    screen_tab(app, "Setup", Screen::setup, has_session);
    screen_tab(app, "Walk", Screen::walk, has_session);
    screen_tab(app, "Review", Screen::review, has_session);
    screen_tab(app, "Summary", Screen::summary, has_session);
    if (has_session) {
        ImGui::BeginDisabled(!app.dirty() && !app.doc.file().empty());
        if (ImGui::Button(with_key_hint("Save", KeyAction::save).c_str(), ImVec2(0, 2.2f * em()))) save(app);
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(with_key_hint("Export CSV", KeyAction::export_csv).c_str(), ImVec2(0, 2.2f * em())))
            export_csv_files(app);
        ImGui::SameLine();
    }
    const std::string title = has_session ? (app.doc.session().title.empty() ? "(untitled)" : app.doc.session().title) : "Gemba";
    const std::string file = app.doc.file().empty() ? "not saved yet" : app.doc.file().filename().string();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s%s — %s", app.dirty() ? "● " : "", title.c_str(), file.c_str());
    ImGui::Separator();
}

void draw_status_line(AppState& app) {
    if (!app.message || app.clock.now_ms() - app.message->shown_at_ms > kMessageMs) return;
    const ImVec4 colour = app.message->error ? ImVec4(0.80f, 0.10f, 0.10f, 1.0f) : ImGui::GetStyle().Colors[ImGuiCol_Text];
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", app.message->text.c_str());
    ImGui::PopStyleColor();
}

// The walk note's bar at the foot of the walk screen: not a modal dialog, so the clock, the walk's
// buttons and their taps go on while it is typed. Keys are the note's (process_keys hands them to
// note_key), and the field takes the keyboard back after a tap on a button.
float note_bar_height(const AppState& app) {
    if (!note_being_typed(app)) return 0.0f;
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFrameHeightWithSpacing() + 2.4f * em() + 2.0f * style.ItemSpacing.y;
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
    const bool take = !field_has_keyboard && !app.note.opened && !typed.empty();
    if (take) {
        for (const ImWchar typed_char : typed) {
            const unsigned c = typed_char;
            if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) continue;  // control keys, half characters
            std::string& text = app.note.text;
            if (c < 0x80) {
                text += static_cast<char>(c);
            } else if (c < 0x800) {
                text += static_cast<char>(0xC0 | c >> 6);
                text += static_cast<char>(0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                text += static_cast<char>(0xE0 | c >> 12);
                text += static_cast<char>(0x80 | (c >> 6 & 0x3F));
                text += static_cast<char>(0x80 | (c & 0x3F));
            } else {
                text += static_cast<char>(0xF0 | c >> 18);
                text += static_cast<char>(0x80 | (c >> 12 & 0x3F));
                text += static_cast<char>(0x80 | (c >> 6 & 0x3F));
                text += static_cast<char>(0x80 | (c & 0x3F));
            }
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

void draw_save_as_dialog(AppState& app) {
    static std::string path;
    if (app.save_as_requested && app.doc.has_walk()) {
        ImGui::OpenPopup("Save as");
        path = (app.doc.file().empty() ? app.paths.data_dir / file_name_for(app.doc.session().title) : app.doc.file()).string();
        app.save_as_requested = false;
    }
    if (!ImGui::BeginPopupModal("Save as", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted("Save the session to:");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(34.0f * em());
    const bool entered = ImGui::InputText("##path", &path, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button("Save", ImVec2(8.0f * em(), 2.2f * em())) || entered) {
        if (save_as(app, path)) ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(8.0f * em(), 2.2f * em()))) ImGui::CloseCurrentPopup();
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

void draw_close_dialog(AppState& app) {
    if (app.confirm_close) {
        finish_plan_edit(app);  // the app may be killed while the dialog is open
        ImGui::OpenPopup("Unsaved changes");
        app.confirm_close = false;
    }
    if (!ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted("This session has changes that are not saved.");
    const ImVec2 size(9.0f * em(), 2.2f * em());
    if (ImGui::Button("Save and quit", size)) {
        if (save(app)) app.quit_requested = true;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Quit without saving", ImVec2(12.0f * em(), 2.2f * em()))) {
        discard_journal(app);
        app.quit_requested = true;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep working", size)) ImGui::CloseCurrentPopup();
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
    draw_top_bar(app);
    const float status_height = (app.message ? 2.0f * em() : 0.0f) + note_bar_height(app);
    draw_note_dialog(app);
    ImGui::BeginChild("screen", ImVec2(0, -status_height), false);
    switch (app.screen) {
        case Screen::start: draw_start(app); break;
        case Screen::setup: draw_setup(app); break;
        case Screen::walk: draw_walk(app); break;
        case Screen::review: draw_review(app); break;
        case Screen::summary: draw_summary(app); break;
    }
    ImGui::EndChild();
    // Typing in a plan field is journaled once the field lets go of the keyboard, or after a pause.
    if (app.doc.plan_edit_pending() && !ImGui::IsAnyItemActive()) finish_plan_edit(app);
    show(app, app.doc.tick());
    draw_status_line(app);
    draw_save_as_dialog(app);
    draw_recovery_dialog(app);
    draw_close_dialog(app);
    ImGui::End();
}

}  // namespace gemba::gui
