// The round screen of a work sampling study (the Rounds tab, in the Walk tab's place): the round taps
// go to and its state, a row per subject with a big button per category, the skip, and between
// rounds when the next one falls due. Its clock and the banner's are in rounds_clock.hpp, its work in
// round_actions.hpp.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/round_actions.hpp"
#include "app/gui/rounds_clock.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"

namespace gemba::gui {
namespace {

const ImVec4 kDueColour(0.95f, 0.55f, 0.05f, 1.0f);     // the banner's bright phase, "due now"
const ImVec4 kBannerColour(0.70f, 0.25f, 0.05f, 1.0f);  // the banner's steady colour
const ImVec4 kLateColour(0.85f, 0.35f, 0.05f, 1.0f);
const ImVec4 kMissedColour(0.80f, 0.10f, 0.10f, 1.0f);
const ImVec4 kTakenColour(0.15f, 0.60f, 0.25f, 1.0f);
const ImVec4 kChosenColour(0.15f, 0.55f, 0.25f, 1.0f);  // the category tallied for a subject

ImVec4 state_colour(const RoundsNow& now) {
    if (now.skipped) return ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
    if (now.banner) return now.now_ms - now.round_ms <= now.late_after_ms ? kDueColour : kLateColour;
    switch (now.state.status) {
        case sampling::RoundStatus::due: return kDueColour;
        case sampling::RoundStatus::late: return kLateColour;
        case sampling::RoundStatus::skipped: return kMissedColour;
        case sampling::RoundStatus::taken:
        case sampling::RoundStatus::taken_late: return kTakenColour;
        case sampling::RoundStatus::pending: break;
    }
    return ImGui::GetStyle().Colors[ImGuiCol_Text];
}

bool several_days(const AppState& app) { return app.doc.session().sampling.schedule->days.size() > 1; }

// The day of the study a moment falls on, in a study of several days; 0 (none said) in one of one day.
std::int64_t day_to_say(const AppState& app, std::int64_t ms_from_origin) {
    return several_days(app) ? study_day(*app.doc.session().sampling.schedule, ms_from_origin) : 0;
}

std::string round_of_text(std::int64_t round, std::int64_t count) {
    return "round " + std::to_string(round) + " of " + std::to_string(count);
}

// `text` cut with "…" to `width` pixels in the current font.
std::string fitted(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    std::string cut = text;
    while (!cut.empty() && ImGui::CalcTextSize((cut + "…").c_str()).x > width) {
        unsigned char last = 0;
        do {  // one whole UTF-8 character off the end
            last = static_cast<unsigned char>(cut.back());
            cut.pop_back();
        } while (!cut.empty() && (last & 0xC0) == 0x80);
    }
    return cut + "…";
}

// The round taps go to, big: "Round 12 of 46 · 10:31 · due now", and the tallies so far.
void draw_round_heading(AppState& app, const RoundsNow& now) {
    ImGui::PushFont(fonts().large);
    const std::string head = "Round " + std::to_string(now.round) + " of " + std::to_string(now.round_count) + " · " +
                             time_of_day_text(now.round_ms, day_to_say(app, now.round_ms)) + " · ";
    ImGui::TextUnformatted(head.c_str());
    ImGui::SameLine(0, 0);
    ImGui::PushStyleColor(ImGuiCol_Text, state_colour(now));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(round_state_text(now).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

// "Taken 10, skipped 1 of 46 · this round 2 of 3": short, so that "Skip round…" fits beside it.
void draw_counts(const AppState& app, const RoundsNow& now) {
    const std::size_t subjects = app.doc.session().sampling.subjects.size();
    std::string text = "Taken " + std::to_string(now.taken) + ", skipped " + std::to_string(now.skipped_count) + " of " +
                       std::to_string(now.round_count);
    if (now.round != kNoRound && !now.skipped)
        text += " · this round " + std::to_string(now.tallied) + " of " + std::to_string(subjects);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", text.c_str());
}

// Between rounds: when the next falls due, big, with a coarse countdown; or that all are done.
void draw_next_round(AppState& app, const RoundsNow& now) {
    if (now.next_round == kNoRound) {
        ImGui::PushFont(fonts().large);
        ImGui::TextWrapped("All %lld rounds are done.", static_cast<long long>(now.round_count));
        ImGui::PopFont();
        if (ImGui::Button("See the Summary", ImVec2(12.0f * em(), 2.4f * em()))) app.screen = Screen::summary;
        return;
    }
    // The huge font has digits and ':' only: the words go above and below the time.
    const std::int64_t day = day_to_say(app, now.next_round_ms);
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted(("Next round, " + round_of_text(now.next_round, now.round_count) +
                            (day > 0 ? ", day " + std::to_string(day) : std::string()) + ", at")
                               .c_str());
    ImGui::PopFont();
    ImGui::PushFont(fonts().huge);
    ImGui::TextUnformatted(time_of_day_text(now.next_round_ms).c_str());
    ImGui::PopFont();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted(countdown_text(now.next_round_ms - now.now_ms).c_str());
    ImGui::PopFont();
}

// Between rounds, what the last round found, a line per subject (Ctrl+Z still undoes the last tap).
void draw_round_found(const AppState& app, const RoundsNow& now) {
    const SamplingStudy& study = app.doc.session().sampling;
    if (now.skipped) return;
    ImGui::PushFont(fonts().large);
    for (const SamplingSubject& subject : study.subjects) {
        const SamplingCategory* found = study.find_category(tallied_category(app.doc.state(), now.round, subject.id));
        ImGui::TextUnformatted((subject.name + ": " + (found ? found->name : std::string("—"))).c_str());
    }
    ImGui::PopFont();
}

// A row per subject: its name (the chosen one marked) and a button per category, the one tallied
// for it in this round filled. When the rows do not all fit (a small window, a large scale), only the
// chosen subject's row has its buttons and the others are one line each, a tap on which chooses them.
void draw_subject_rows(AppState& app, const RoundsNow& now) {
    const SamplingStudy& study = app.doc.session().sampling;
    const LogState& state = app.doc.state();
    const SubjectId selected = selected_subject(app);
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::BeginChild("round-subjects", ImVec2(0, 0), false);
    const float avail = ImGui::GetContentRegionAvail().x;
    // As many columns as fit at 8.5 em, then evened out: 10 categories in two rows of 5, not 8 and 2.
    const int categories = std::max<int>(1, static_cast<int>(study.categories.size()));
    const int fit = std::max(1, static_cast<int>((avail + style.ItemSpacing.x) / (8.5f * em() + style.ItemSpacing.x)));
    const int rows = (categories + fit - 1) / fit;
    const int columns = (categories + rows - 1) / rows;
    const float width = (avail - static_cast<float>(columns - 1) * style.ItemSpacing.x) / static_cast<float>(columns);
    const ImVec2 button(width, 2.2f * em());
    const float name_height = fonts().large->FontSize + style.ItemSpacing.y;
    const float row_height = name_height + static_cast<float>(rows) * (button.y + style.ItemSpacing.y) + style.ItemSpacing.y;
    const bool compact = static_cast<float>(study.subjects.size()) * row_height > ImGui::GetContentRegionAvail().y;
    for (const SamplingSubject& subject : study.subjects) {
        ImGui::PushID(static_cast<int>(subject.id));
        const bool chosen = subject.id == selected;
        const CategoryId tallied = tallied_category(state, now.round, subject.id);
        if (chosen && app.rounds.reveal_selected) {
            ImGui::SetScrollHereY(0.0f);
            app.rounds.reveal_selected = false;
        }
        if (compact && !chosen) {
            const SamplingCategory* tallied_as = study.find_category(tallied);
            const std::string line = subject.name + ": " + (tallied_as ? tallied_as->name : std::string("not tallied yet"));
            ImGui::PushFont(fonts().large);
            ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
            if (ImGui::Button((fitted(line, avail - 2.0f * style.FramePadding.x) + "##choose").c_str(), ImVec2(avail, 0)))
                app.rounds.selected = subject.id;
            ImGui::PopStyleVar();
            ImGui::PopFont();
            ImGui::PopID();
            continue;
        }
        ImDrawList& draw = *ImGui::GetWindowDrawList();
        draw.ChannelsSplit(2);
        draw.ChannelsSetCurrent(1);
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::PushFont(fonts().large);
        const SamplingCategory* tallied_as = study.find_category(tallied);
        const std::string name = (chosen ? "→ " : "") + subject.name + (tallied_as ? ": " + tallied_as->name : "");
        ImGui::TextUnformatted(name.c_str());
        ImGui::PopFont();
        for (std::size_t i = 0; i < study.categories.size(); ++i) {
            const SamplingCategory& category = study.categories[i];
            if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
            const std::string whole = (category.key.empty() ? "" : category.key + "  ") + category.name;
            const std::string label = fitted(whole, width - 2.0f * style.FramePadding.x) + "##" + std::to_string(category.id);
            const bool pressed = category.id == tallied ? coloured_button(label.c_str(), button, kChosenColour)
                                                        : ImGui::Button(label.c_str(), button);
            if (ImGui::IsItemHovered() && label.find("…") != std::string::npos) ImGui::SetTooltip("%s", whole.c_str());
            if (pressed) {
                app.rounds.selected = subject.id;
                tally(app, subject.id, category.id);
            }
        }
        const ImVec2 bottom(top.x + avail, ImGui::GetCursorScreenPos().y - 0.5f * style.ItemSpacing.y);
        draw.ChannelsSetCurrent(0);
        if (chosen)
            draw.AddRectFilled(ImVec2(top.x - 0.3f * em(), top.y - 0.2f * em()), ImVec2(bottom.x + 0.3f * em(), bottom.y),
                               ImGui::GetColorU32(ImGuiCol_Header), 0.3f * em());
        draw.ChannelsMerge();
        ImGui::Spacing();
        ImGui::PopID();
    }
    ImGui::EndChild();
}

// "Skip round…" at the end of the counts' line (the rows below keep the height), then, pressed, a
// line with the reason's field: Enter (or the button) records it, Esc puts the field away.
void draw_skip(AppState& app, const RoundsNow& now) {
    const ImVec2 button(11.0f * em(), 2.2f * em());
    if (!app.rounds.skipping) {
        app.rounds.skip_enter_requested = false;
        const std::string label = with_key_hint("Skip round…", KeyAction::skip_round);
        const float width = ImGui::CalcTextSize(label.c_str()).x + 2.0f * ImGui::GetStyle().FramePadding.x + em();
        ImGui::SameLine();
        const float room = ImGui::GetContentRegionAvail().x - width;
        if (room < 0.0f) ImGui::NewLine();
        else ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room);
        if (ImGui::Button(label.c_str(), ImVec2(width, button.y))) app.rounds.skipping = true;
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::Text("Why is round %lld not taken?", static_cast<long long>(now.round));
    ImGui::SameLine();
    if (ImGui::IsWindowAppearing() || !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(std::max(8.0f * em(), ImGui::GetContentRegionAvail().x - 2.0f * (button.x + ImGui::GetStyle().ItemSpacing.x)));
    const bool entered = ImGui::InputText("##skip-reason", &app.rounds.skip_reason, ImGuiInputTextFlags_EnterReturnsTrue);
    app.rounds.typing_reason = ImGui::IsItemActive();
    ImGui::SameLine();
    const bool clicked = ImGui::Button("Skip it [Enter]", button);
    ImGui::SameLine();
    if (ImGui::Button("Cancel [Esc]", button) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        app.rounds.skipping = false;
        app.rounds.skip_reason.clear();
        return;
    }
    if (entered || clicked || app.rounds.skip_enter_requested) skip_current_round(app);
    app.rounds.skip_enter_requested = false;
}

}  // namespace

void draw_round_banner(AppState& app) {
    if (!app.doc.has_walk() || app.doc.session().study != StudyKind::work_sampling) return;
    const RoundsNow now = rounds_now(app);
    if (!now.banner) return;
    std::string text = "Round " + std::to_string(now.round) + " is " + round_state_text(now);
    text += app.screen == Screen::walk ? ": tally each subject below" : " — Rounds tab";
    const ImVec2 size(ImGui::GetContentRegionAvail().x, 2.2f * em());
    ImGui::PushFont(fonts().large);
    if (coloured_button((text + "##round-banner").c_str(), size, now.flash_on ? kDueColour : kBannerColour))
        app.screen = Screen::walk;
    ImGui::PopFont();
}

void draw_rounds(AppState& app) {
    const SamplingStudy& study = app.doc.session().sampling;
    if (!study.schedule || study.schedule->rounds.empty()) {
        ImGui::TextWrapped("This work sampling study has no rounds yet: draw its schedule on the Setup screen.");
        return;
    }
    if (study.subjects.empty() || study.categories.empty()) {
        ImGui::TextWrapped("This work sampling study needs subjects and categories: add them on the Setup screen.");
        return;
    }
    const RoundsNow now = rounds_now(app);
    const bool between = now.round == kNoRound || now.complete;
    if (between) draw_next_round(app, now);
    if (now.round != kNoRound) draw_round_heading(app, now);
    draw_counts(app, now);
    if (now.round == kNoRound) return;
    if (!now.complete) draw_skip(app, now);
    ImGui::Spacing();
    if (now.complete) {
        draw_round_found(app, now);
        return;
    }
    draw_subject_rows(app, now);
}

}  // namespace gemba::gui
