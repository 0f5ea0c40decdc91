// Improve, Problems: the problems raised from the walk's evidence, and the chosen one's page: its
// evidence in words, the 5 Whys as a ladder (why → because, the root cause marked), the team's
// ideas with who proposed them, and the ideas made actions (owner, due date, expected effect).
// Every change is one plan edit (problem_actions.hpp): Ctrl+Z here undoes it.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/problem_actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/model/step_name.hpp"
#include "core/report/evidence_text.hpp"

namespace gemba::gui {
namespace {

const ImVec4 kRootColour(0.80f, 0.35f, 0.05f, 1.0f);
const ImVec4 kErrorColour(0.85f, 0.2f, 0.1f, 1.0f);

// What is typed but not yet taken: a new idea, and due dates that are not dates (yet).
struct Drafts {
    std::filesystem::path walk;  // the walk they belong to: another walk starts with none
    std::string idea, proposed_by;
    std::map<ActionId, std::string> due;  // only while refused or being typed
    ProblemId removing = 0;               // the problem the remove dialog asks about
};
Drafts& drafts(const AppState& app) {
    static Drafts d;
    if (d.walk != app.doc.file()) {
        d = Drafts{};
        d.walk = app.doc.file();
    }
    return d;
}

ImVec2 button_size(const char* label) {
    return ImVec2(ImGui::CalcTextSize(label).x + 2.0f * ImGui::GetStyle().FramePadding.x + em(), 2.0f * em());
}

// The problem page's sections are ruled apart.
void ruled_heading(const char* text) {
    heading(text);
    ImGui::Separator();
}

// "3 evidence · root cause found · 2 ideas · 1 action"
std::string facts_line(const Improvement& improvement, const RaisedProblem& problem) {
    const std::size_t actions = actions_answering(improvement, problem.id).size();
    const auto plural = [](std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
    return std::to_string(problem.evidence.size()) + " evidence · " +
           (problem.root_cause() ? "root cause found" : problem.whys.empty() ? "no whys yet" : "root cause not found") + " · " +
           plural(problem.ideas.size(), "idea", "ideas") + " · " + plural(actions, "action", "actions");
}

void draw_list(AppState& app, const Improvement& improvement, ProblemId chosen) {
    for (const RaisedProblem& problem : improvement.problems) {
        ImGui::PushID(static_cast<int>(problem.id));
        const float wrap = ImGui::GetContentRegionAvail().x;
        const std::string facts = facts_line(improvement, problem);
        const float height = ImGui::CalcTextSize(problem.title.c_str(), nullptr, false, wrap).y +
                             ImGui::CalcTextSize(facts.c_str(), nullptr, false, wrap).y + ImGui::GetStyle().ItemSpacing.y;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##problem", problem.id == chosen, 0, ImVec2(0, height))) app.chosen_problem = problem.id;
        ImGui::SetCursorScreenPos(at);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
        ImGui::TextUnformatted(problem.title.c_str());
        ImGui::TextDisabled("%s", facts.c_str());
        ImGui::PopTextWrapPos();
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + height + 0.2f * em()));
        ImGui::PopID();
    }
}

// The plan's undo and redo; `named`: with what they would undo in the label (else in the tooltip).
void draw_plan_undo(AppState& app, bool named) {
    const auto button = [&](const char* verb, const std::optional<std::string>& what, KeyAction action) {
        std::string label = with_key_hint(what ? std::string(verb) + ": " + *what : std::string(verb), action);
        if (!named || ImGui::CalcTextSize(label.c_str()).x + em() > 0.4f * ImGui::GetContentRegionAvail().x)
            label = with_key_hint(verb, action);
        ImGui::BeginDisabled(!what);
        const bool pressed = ImGui::Button(label.c_str(), ImVec2(0, 2.0f * em()));
        ImGui::EndDisabled();
        if (what && ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", verb, what->c_str());
        return pressed;
    };
    if (button("Undo", app.doc.plan_undo_name(), KeyAction::undo)) undo(app);
    ImGui::SameLine();
    if (button("Redo", app.doc.plan_redo_name(), KeyAction::redo)) redo(app);
}

// The problem's evidence in words, made again only when the session changed or another problem is shown.
const std::vector<std::string>& evidence_texts(AppState& app, const RaisedProblem& problem) {
    EvidenceTexts& cache = app.evidence_texts;
    if (cache.revision == app.doc.revision() && cache.problem == problem.id) return cache.texts;
    const SessionSummary& summary = current_summary(app, /*refresh_live=*/false);
    cache.texts.clear();
    for (const Evidence& evidence : problem.evidence)
        cache.texts.push_back(evidence_text(app.doc.session(), app.doc.state(), summary, evidence));
    cache.revision = app.doc.revision();
    cache.problem = problem.id;
    return cache.texts;
}

void draw_evidence(AppState& app, const RaisedProblem& problem) {
    ruled_heading("Evidence");
    const std::vector<std::string>& texts = evidence_texts(app, problem);
    const Session& session = app.doc.session();
    const LogState& state = app.doc.state();
    std::optional<std::size_t> remove;
    for (std::size_t i = 0; i < problem.evidence.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Button("×", ImVec2(2.0f * em(), 2.0f * em()))) remove = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this evidence from the problem");
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(texts[i].c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopID();
    }
    if (problem.evidence.empty()) ImGui::TextDisabled("No evidence: add tags, notes or readings from Review.");
    // More of the walk's evidence from here: a step's numbers, or every tag of a waste at a step.
    ImGui::SetNextItemWidth(std::min(18.0f * em(), ImGui::GetContentRegionAvail().x));
    if (ImGui::BeginCombo("##add evidence", "Add a step or a waste…", ImGuiComboFlags_HeightLarge)) {
        for (const Step& step : session.steps)
            if (ImGui::Selectable(("Step: " + step.name + "##s" + std::to_string(step.id)).c_str()))
                add_to_problem(app, problem.id, Evidence{EvidenceKind::step, 0, step.id, {}});
        ImGui::Separator();
        for (const Waste waste : kWastes)
            for (const Step& step : session.steps)
                if (waste_tag_count(state, waste, step.id) > 0) {
                    const std::string label = std::string(display_name(waste)) + " at " + step.name + " (" +
                                              std::to_string(waste_tag_count(state, waste, step.id)) + ")##w" +
                                              std::to_string(static_cast<int>(waste)) + "-" + std::to_string(step.id);
                    if (ImGui::Selectable(label.c_str()))
                        add_to_problem(app, problem.id, Evidence{EvidenceKind::waste, 0, step.id, waste});
                }
        ImGui::EndCombo();
    }
    if (remove) improvement_edit(app, [&](Improvement& i) { return remove_evidence(i, problem.id, *remove); });
}

// The 5 Whys as a ladder: each level's question and answer, the root cause in orange. On a wide
// window a level is one row; narrower, two: the question with its order and remove buttons, the
// answer with the root-cause toggle.
void draw_whys(AppState& app, const RaisedProblem& problem) {
    ruled_heading("5 Whys");
    const ProblemId id = problem.id;
    const float label = 5.5f * em();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 square(2.0f * em(), 2.0f * em());
    const float row_buttons = 3.0f * square.x + 3.0f * spacing;  // up, down, remove; the root toggle as wide
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool one_row = avail >= 56.0f * em();
    const float field = one_row ? (avail - 2.0f * label - 2.0f * row_buttons - spacing) / 2.0f
                                : std::max(8.0f * em(), avail - label - row_buttons);
    for (std::size_t i = 0; i < problem.whys.size(); ++i) {
        const WhyLevel& level = problem.whys[i];
        ImGui::PushID(static_cast<int>(i));
        const auto row_label = [&](const std::string& text) {
            if (level.root_cause) ImGui::PushStyleColor(ImGuiCol_Text, kRootColour);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(text.c_str());
            if (level.root_cause) ImGui::PopStyleColor();
        };
        const auto move_and_remove = [&] {
            ImGui::SameLine();
            ImGui::BeginDisabled(i == 0);
            if (ImGui::Button("↑", square)) improvement_edit(app, [&](Improvement& imp) { return move_why(imp, id, i, -1); });
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(i + 1 == problem.whys.size());
            if (ImGui::Button("↓", square)) improvement_edit(app, [&](Improvement& imp) { return move_why(imp, id, i, 1); });
            ImGui::EndDisabled();
            ImGui::SameLine();
            if (ImGui::Button("×", square)) improvement_edit(app, [&](Improvement& imp) { return remove_why(imp, id, i); });
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this level");
        };

        const float row_x = ImGui::GetCursorPosX();
        row_label(std::to_string(i + 1) + "  Why?");
        ImGui::SameLine(row_x + label);
        std::string why = level.why;
        ImGui::SetNextItemWidth(field);
        if (ImGui::InputTextWithHint("##why", i == 0 ? "Why does it happen?" : "Why is that so?", &why))
            improvement_typing(app, [&](Improvement& imp) { return edit_why(imp, id, i, why, level.because); });
        if (one_row) {
            ImGui::SameLine();
            row_label("  Because");
            ImGui::SameLine(row_x + 2.0f * label + field + spacing);
        } else {
            move_and_remove();
            row_label("   Because");
            ImGui::SameLine(row_x + label);
        }
        std::string because = level.because;
        ImGui::SetNextItemWidth(field);
        if (level.root_cause) {
            ImGui::PushStyleColor(ImGuiCol_Border, kRootColour);
            ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);
        }
        if (app.focus_field == ProblemsField::last_because && i + 1 == problem.whys.size()) {
            ImGui::SetKeyboardFocusHere();
            app.focus_field = ProblemsField::none;
        }
        if (ImGui::InputTextWithHint("##because", "the answer", &because))
            improvement_typing(app, [&](Improvement& imp) { return edit_why(imp, id, i, level.why, because); });
        if (level.root_cause) {
            ImGui::PopStyleVar();
            ImGui::PopStyleColor();
        }
        ImGui::SameLine();
        const ImVec2 root_size(row_buttons - spacing, square.y);
        if (level.root_cause) {
            ImGui::PushStyleColor(ImGuiCol_Button, kRootColour);
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
            if (ImGui::Button("Root", root_size))
                improvement_edit(app, [&](Improvement& imp) { return mark_root_cause(imp, id, i, false); });
            ImGui::PopStyleColor(2);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("The root cause of this chain; press to take the mark off");
        } else {
            if (ImGui::Button("Root?", root_size))
                improvement_edit(app, [&](Improvement& imp) { return mark_root_cause(imp, id, i, true); });
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Mark this answer as the root cause (one per chain)");
        }
        if (one_row) move_and_remove();
        if (!one_row) ImGui::Spacing();
        ImGui::PopID();
    }
    if (ImGui::Button("Add a why", button_size("Add a why"))) improvement_edit(app, [&](Improvement& imp) { return add_why(imp, id); });
    if (problem.whys.empty()) {
        ImGui::SameLine();
        if (ImGui::Button("Start from the classic example", button_size("Start from the classic example")))
            improvement_edit(app, [&](Improvement& imp) { return fill_classic_example(imp, id); });
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("A missed deadline asked why five times, down to nobody owning the handoff:\n"
                              "a worked example for training; edit or remove it like any chain.");
    } else if (!problem.root_cause()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Ask until a process cause appears; mark it Root.");
    }
}

const Action* action_of_idea(const Improvement& improvement, IdeaId idea) {
    const auto it = std::find_if(improvement.actions.begin(), improvement.actions.end(), [idea](const Action& a) { return a.idea == idea; });
    return it == improvement.actions.end() ? nullptr : &*it;
}

// Each idea a row of the same columns: its text, who proposed it, and “Make it an action” with a
// remove button (or that it is an action already); the new idea's row last.
void draw_ideas(AppState& app, const Improvement& improvement, const RaisedProblem& problem) {
    ruled_heading("Ideas");
    const char* choose = "Make it an action";
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float by_width = std::clamp(0.22f * avail, 7.0f * em(), 12.0f * em());
    const float tail = button_size(choose).x + 2.0f * em() + spacing;
    const float text_width = std::max(8.0f * em(), avail - by_width - tail - 2.0f * spacing);
    for (const Idea& idea : problem.ideas) {
        ImGui::PushID(static_cast<int>(idea.id));
        const IdeaId id = idea.id;
        std::string text = idea.text, by = idea.proposed_by;
        ImGui::SetNextItemWidth(text_width);
        if (ImGui::InputText("##idea", &text))
            improvement_typing(app, [&](Improvement& imp) { return edit_idea(imp, id, text, idea.proposed_by); });
        ImGui::SameLine();
        ImGui::SetNextItemWidth(by_width);
        if (ImGui::InputTextWithHint("##by", "proposed by", &by))
            improvement_typing(app, [&](Improvement& imp) { return edit_idea(imp, id, idea.text, by); });
        ImGui::SameLine();
        if (action_of_idea(improvement, id)) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("an action");
        } else {
            if (ImGui::Button(choose, button_size(choose)))
                improvement_edit(app, [&](Improvement& imp) { return choose_idea(imp, id); });
            ImGui::SameLine();
            if (ImGui::Button("×", ImVec2(2.0f * em(), 2.0f * em()))) improvement_edit(app, [&](Improvement& imp) { return remove_idea(imp, id); });
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove the idea");
        }
        ImGui::PopID();
    }
    Drafts& d = drafts(app);
    ImGui::SetNextItemWidth(text_width);
    if (app.focus_field == ProblemsField::new_idea) {
        ImGui::SetKeyboardFocusHere();
        app.focus_field = ProblemsField::none;
    }
    const bool entered = ImGui::InputTextWithHint("##new idea", "What should we try?", &d.idea, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(by_width);
    ImGui::InputTextWithHint("##new by", "proposed by", &d.proposed_by);
    ImGui::SameLine();
    ImGui::BeginDisabled(d.idea.empty());
    if ((ImGui::Button("Add idea", ImVec2(tail, 2.0f * em())) || entered) && !d.idea.empty() &&
        improvement_edit(app, [&](Improvement& imp) { return add_idea(imp, problem.id, d.idea, d.proposed_by); }).done)
        d.idea.clear();
    ImGui::EndDisabled();
}

std::string expected_label(const std::optional<ExpectedEffect>& expected) {
    return expected ? std::string(display_name(expected->metric)) : std::string("not said");
}

void draw_expected(AppState& app, const Action& action) {
    const Session& session = app.doc.session();
    const ActionId id = action.id;
    const auto set = [&](std::optional<ExpectedEffect> expected) {
        improvement_edit(app, [&](Improvement& imp) { return set_expected_effect(imp, session, id, expected); });
    };
    const float combo = std::min(13.0f * em(), ImGui::GetContentRegionAvail().x - 6.5f * em());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Should move");
    ImGui::SameLine(6.5f * em());
    ImGui::SetNextItemWidth(combo);
    if (ImGui::BeginCombo("##metric", expected_label(action.expected).c_str())) {
        if (ImGui::Selectable("not said", !action.expected) && action.expected) set(std::nullopt);
        for (const Metric metric : kMetrics)
            if (ImGui::Selectable(std::string(display_name(metric)).c_str(), action.expected && action.expected->metric == metric)) {
                ExpectedEffect expected = action.expected.value_or(ExpectedEffect{});
                expected.metric = metric;
                if (metric_needs_step(metric) && expected.step == 0 && !session.steps.empty()) expected.step = session.steps.front().id;
                if (metric == Metric::flow_efficiency) expected.direction = Direction::increase;
                set(expected);
            }
        ImGui::EndCombo();
    }
    if (!action.expected) return;
    const ExpectedEffect expected = *action.expected;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(6.5f * em());
    if (ImGui::BeginCombo("##direction", expected.direction == Direction::decrease ? "down" : "up")) {
        for (const Direction direction : {Direction::decrease, Direction::increase})
            if (ImGui::Selectable(direction == Direction::decrease ? "down" : "up", direction == expected.direction)) {
                ExpectedEffect changed = expected;
                changed.direction = direction;
                set(changed);
            }
        ImGui::EndCombo();
    }
    if (metric_takes_step(expected.metric)) {
        ImGui::Dummy(ImVec2(6.5f * em() - ImGui::GetStyle().ItemSpacing.x, 0));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(combo);
        const std::string shown = expected.step == 0 ? std::string("any step") : step_name(session, expected.step);
        if (ImGui::BeginCombo("##step", shown.c_str())) {
            if (!metric_needs_step(expected.metric) && ImGui::Selectable("any step", expected.step == 0)) {
                ExpectedEffect changed = expected;
                changed.step = 0;
                set(changed);
            }
            for (const Step& step : session.steps)
                if (ImGui::Selectable((step.name + "##" + std::to_string(step.id)).c_str(), step.id == expected.step)) {
                    ExpectedEffect changed = expected;
                    changed.step = step.id;
                    set(changed);
                }
            ImGui::EndCombo();
        }
        if (metric_takes_waste(expected.metric)) {
            ImGui::SameLine();
            ImGui::SetNextItemWidth(std::max(6.5f * em(), std::min(11.0f * em(), ImGui::GetContentRegionAvail().x)));
            if (ImGui::BeginCombo("##waste", std::string(display_name(expected.waste)).c_str())) {
                for (const Waste waste : kWastes)
                    if (ImGui::Selectable(std::string(display_name(waste)).c_str(), waste == expected.waste)) {
                        ExpectedEffect changed = expected;
                        changed.waste = waste;
                        set(changed);
                    }
                ImGui::EndCombo();
            }
        }
    }
}

void draw_actions(AppState& app, const Improvement& improvement, const RaisedProblem& problem) {
    ruled_heading("Actions");
    const std::vector<ActionId> ids = actions_answering(improvement, problem.id);
    if (ids.empty()) ImGui::TextDisabled("Choose an idea above: “Make it an action”.");
    Drafts& d = drafts(app);
    for (const ActionId id : ids) {
        const Action action = *improvement.find_action(id);  // a copy: an edit below changes the list
        ImGui::PushID(static_cast<int>(id));
        if (id != ids.front()) ImGui::Separator();
        std::string title = action.title;
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        ImGui::SetNextItemWidth(std::max(8.0f * em(), ImGui::GetContentRegionAvail().x - 7.5f * em() - 2.0f * spacing));
        if (ImGui::InputText("##title", &title))
            improvement_typing(app, [&](Improvement& imp) { return set_action_title(imp, id, title); });
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(std::string(display_name(action.status)).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Its column on the board (Improve, Board)");
        ImGui::SameLine(ImGui::GetContentRegionMax().x - 2.0f * em());
        if (ImGui::Button("×", ImVec2(2.0f * em(), 2.0f * em())))
            improvement_edit(app, [&](Improvement& imp) { return remove_action(imp, id); });
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove the action (its idea stays)");
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Owner");
        ImGui::SameLine(6.5f * em());
        std::string owner = action.owner;
        // The owner takes what the due date leaves.
        const float due_width = ImGui::CalcTextSize("Due").x + 8.0f * em() + 2.0f * spacing;
        ImGui::SetNextItemWidth(std::max(7.0f * em(), ImGui::GetContentRegionAvail().x - due_width));
        if (ImGui::InputTextWithHint("##owner", "who", &owner))
            improvement_typing(app, [&](Improvement& imp) { return set_action_owner(imp, id, owner); });
        ImGui::SameLine();
        ImGui::TextUnformatted("Due");
        ImGui::SameLine();
        // Taken when the field is left (or Enter): half a date is not refused while it is typed.
        const auto draft = d.due.find(id);
        std::string due = draft != d.due.end() ? draft->second : action.due;
        ImGui::SetNextItemWidth(8.0f * em());
        if (ImGui::InputTextWithHint("##due", "YYYY-MM-DD", &due)) d.due[id] = due;
        if (ImGui::IsItemDeactivated() && d.due.count(id)) {
            if (d.due[id] == action.due ||
                improvement_edit(app, [&](Improvement& imp) { return set_action_due(imp, id, d.due[id]); }).done)
                d.due.erase(id);
        }
        if (d.due.count(id) && !ImGui::IsItemActive() && d.due[id] != action.due) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(kErrorColour, "“%s” is not a date: write YYYY-MM-DD (kept: %s)", d.due[id].c_str(),
                               action.due.empty() ? "no date" : action.due.c_str());
            ImGui::PopTextWrapPos();
        }
        draw_expected(app, action);
        ImGui::Spacing();
        ImGui::PopID();
    }
}

void draw_remove_dialog(AppState& app) {
    Drafts& d = drafts(app);
    if (!ImGui::BeginPopupModal("Remove problem", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const Improvement& improvement = app.doc.session().improvement;
    const RaisedProblem* problem = improvement.find_problem(d.removing);
    const std::size_t actions = problem ? actions_answering(improvement, problem->id).size() : 0;
    if (problem) {
        ImGui::Text("“%s” is answered by %zu action%s.", problem->title.c_str(), actions, actions == 1 ? "" : "s");
        ImGui::TextUnformatted("Remove the problem and its actions? (Undo brings them back.)");
    }
    const ImVec2 size(12.0f * em(), 2.2f * em());
    if (ImGui::Button("Remove them all", size)) {
        improvement_edit(app, [&](Improvement& imp) { return remove_problem(imp, d.removing, true); });
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep", size) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void draw_page(AppState& app, const Improvement& improvement, const RaisedProblem& problem) {
    std::string title = problem.title;
    // The button is drawn in the normal font: its room is measured before the large one is pushed.
    const float remove_room = button_size("Remove problem").x + ImGui::GetStyle().ItemSpacing.x;
    ImGui::PushFont(fonts().large);
    ImGui::SetNextItemWidth(std::max(8.0f * em(), ImGui::GetContentRegionAvail().x - remove_room));
    if (ImGui::InputText("##title", &title))
        improvement_typing(app, [&](Improvement& imp) { return rename_problem(imp, problem.id, title); });
    ImGui::PopFont();
    ImGui::SameLine();
    if (ImGui::Button("Remove problem", button_size("Remove problem"))) {
        if (actions_answering(improvement, problem.id).empty())
            improvement_edit(app, [&](Improvement& imp) { return remove_problem(imp, problem.id); });
        else {
            drafts(app).removing = problem.id;
            ImGui::OpenPopup("Remove problem");
        }
    }
    draw_remove_dialog(app);
    // Each section its own ID scope: their rows are numbered alike (evidence 0 and why 0, idea 1 and action 1).
    const auto section = [](const char* name, const auto& draw) {
        ImGui::PushID(name);
        draw();
        ImGui::PopID();
    };
    section("evidence", [&] { draw_evidence(app, problem); });
    section("whys", [&] { draw_whys(app, problem); });
    section("ideas", [&] { draw_ideas(app, improvement, problem); });
    section("actions", [&] { draw_actions(app, improvement, problem); });
}

}  // namespace

void draw_problems(AppState& app) {
    if (!app.doc.has_walk()) {
        ImGui::TextDisabled("Open a walk first.");
        return;
    }
    // Copies: an edit in this frame changes the plan's vectors under the widgets.
    const Improvement improvement = app.doc.session().improvement;
    // A copy too: the Undo and Redo buttons below replace the plan, and the list it is in.
    const RaisedProblem* live = chosen_problem(app);
    const std::optional<RaisedProblem> chosen = live ? std::optional<RaisedProblem>(*live) : std::nullopt;
    const bool wide = ImGui::GetContentRegionAvail().x >= 52.0f * em();
    draw_plan_undo(app, wide || !chosen);
    if (!chosen) {
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        if (app.doc.session().study == StudyKind::work_sampling)
            ImGui::TextUnformatted("No problems raised yet. A problem is raised from a time study's evidence (a tag, a note, "
                                   "a reading, a waste at a step); a work sampling study's shares cannot be raised as one "
                                   "yet: raise it in a time study of the process, whose Compare then proves what moved.");
        else
            ImGui::TextUnformatted("No problems raised yet. On Review, a tag, note or reading's “Problem…” button raises "
                                   "one from it; on the Summary, the waste table's “Problem…” raises one for a waste at a "
                                   "step.");
        ImGui::PopTextWrapPos();
        return;
    }
    const RaisedProblem problem = *chosen;
    const std::size_t count = improvement.problems.size();
    if (wide) {
        ImGui::BeginChild("problem list", ImVec2(15.0f * em(), 0), true);
        draw_list(app, improvement, problem.id);
        ImGui::EndChild();
        ImGui::SameLine();
    } else {
        // Narrow: the list folds into one chooser beside the undo buttons.
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
        const std::string shown = problem.title + " (" + std::to_string(count) + (count == 1 ? " problem)" : " problems)");
        if (ImGui::BeginCombo("##problems", shown.c_str(), ImGuiComboFlags_HeightLarge)) {
            draw_list(app, improvement, problem.id);
            ImGui::EndCombo();
        }
    }
    ImGui::BeginChild("problem page", ImVec2(0, 0), false);
    // Fields as tall as the buttons beside them: one row, one height, big enough for a finger.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0.5f * em()));
    draw_page(app, improvement, problem);
    ImGui::PopStyleVar();
    ImGui::EndChild();
}

void problem_menu_items(AppState& app, const Evidence& evidence) {
    if (ImGui::MenuItem("Raise a problem from it")) raise_problem(app, evidence);
    const Improvement& improvement = app.doc.session().improvement;
    if (ImGui::BeginMenu("Add to problem", !improvement.problems.empty())) {
        for (const RaisedProblem& problem : improvement.problems)
            if (ImGui::MenuItem((problem.title + "##" + std::to_string(problem.id)).c_str())) {
                add_to_problem(app, problem.id, evidence);
                break;
            }
        ImGui::EndMenu();
    }
}

}  // namespace gemba::gui
