// The Pooled view of the Summary screen: the open walk and other observers' sessions of the same
// plan as one study. The open walk is always the first observer; sessions are added from the
// sessions folder and the recent files, or by path, and removed again (files are only read). Per
// pooled step each observer's numbers beside the pooled ones, the ANOVA and its verdict in words;
// the steps not pooled; the waste tally of all; and Cohen's κ of two observers' waste tags, its
// window adjustable and always stated. pool_actions computes it once per change of its inputs.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/pool_actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/report/numbers.hpp"
#include "core/report/palette.hpp"

namespace gemba::gui {
namespace {

namespace fs = std::filesystem;

const ImVec4 kBad(0.80f, 0.10f, 0.10f, 1.0f);

ImVec4 faint() { return ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]; }

void faint_wrapped(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, faint());
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

ImGuiTableFlags table_flags() {
    return ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
}

// ---- Observers -------------------------------------------------------------------------------

std::string observer_of(const Session& session, const std::string& file) {
    return session.observer.empty() ? file : session.observer;
}

void draw_observers(AppState& app) {
    PoolView& view = app.pool;
    heading("Observers");
    const std::string open_file = open_walk_file_label(app);
    ImGui::Text("1. %s \u2014 %s (open, unsaved taps included)", observer_of(app.doc.session(), open_file).c_str(),
                open_file.c_str());
    std::size_t number = 2;
    std::optional<std::size_t> removed;
    for (std::size_t i = 0; i < view.members.size(); ++i) {
        const PoolMember& member = view.members[i];
        ImGui::PushID(static_cast<int>(i));
        const std::string name = fs::path(member.file).filename().string();
        // The observer, then its Remove button; a file that is not pooled in red with its problem,
        // the button first (the problem wraps).
        if (member.session && member.problem.empty()) {
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%zu. %s \u2014 %s", number++, observer_of(*member.session, name).c_str(), name.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", member.file.c_str());
            ImGui::SameLine();
            if (ImGui::Button("Remove")) removed = i;
        } else {
            if (ImGui::Button("Remove")) removed = i;
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, kBad);
            ImGui::TextWrapped("Not pooled: %s", member.problem.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::PopID();
    }
    if (removed) remove_from_pool(app, *removed);

    if (!view.candidates_listed || view.candidates_for != app.doc.file()) {
        view.candidates = list_pool_candidates(app);
        view.candidates_listed = true;
        view.candidates_for = app.doc.file();
    }
    // Fields and the list as tall as a finger, like the buttons.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.5f * em(), 0.5f * em()));
    ImGui::SetNextItemWidth(std::min(24.0f * em(), ImGui::GetContentRegionAvail().x - 6.0f * em()));
    if (ImGui::BeginCombo("##add session", "Add a session\u2026", ImGuiComboFlags_HeightLarge)) {
        if (view.candidates.empty()) ImGui::TextDisabled("No other sessions in %s", app.paths.data_dir.string().c_str());
        std::optional<std::string> chosen;
        for (const PoolCandidate& candidate : view.candidates) {
            if (!candidate.fits) ImGui::PushStyleColor(ImGuiCol_Text, faint());
            const std::string label = candidate.file.filename().string() + " \u2014 " + candidate.about;
            if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(0, 1.8f * em()))) chosen = candidate.file.string();
            if (!candidate.fits) ImGui::PopStyleColor();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", candidate.file.string().c_str());
        }
        ImGui::EndCombo();
        if (chosen) add_to_pool(app, *chosen);
    }
    ImGui::SameLine();
    if (ImGui::Button("Refresh")) view.candidates = list_pool_candidates(app);
    ImGui::SetNextItemWidth(std::min(30.0f * em(), ImGui::GetContentRegionAvail().x));
    if (ImGui::InputTextWithHint("##pool path", "or type a path, then Enter", &view.typed_path,
                                 ImGuiInputTextFlags_EnterReturnsTrue) &&
        add_to_pool(app, view.typed_path))
        view.typed_path.clear();
    ImGui::PopStyleVar();
}

// ---- Steps -----------------------------------------------------------------------------------

std::string seconds(const std::optional<double>& ms) {
    return ms ? format_seconds(*ms, 2) : std::string(kMissingMark);
}

// "5.00 ± 1.79 s (n 6)": the mean, the SD and the valid readings of one observer or of the pool.
std::string numbers_text(const Descriptive& d) {
    if (d.n == 0) return "no readings";
    const std::string n = " s (n " + std::to_string(d.n) + ")";
    return d.sd ? seconds(d.mean) + " \u00b1 " + seconds(d.sd) + n : seconds(d.mean) + n;
}

std::string p_text(double p) { return p < 0.0001 ? "< 0.0001" : format_fixed(p, 4); }

// κ and its interval with a true minus sign, as the sentence above them has it.
std::string signed_fixed(double value) {
    std::string text = format_fixed(value, 2);
    return text.front() == '-' ? "\u2212" + text.substr(1) : text;
}

// "; 95 % interval 0.15 to 0.65", cut to κ's range −1 to 1 and said so when it left it.
std::string kappa_interval_words(const KappaResult& kappa, double confidence_pct) {
    const std::optional<ShownKappaInterval> shown = shown_kappa_interval(kappa);
    if (!shown) return "";
    return "; " + format_plain_number(confidence_pct) + " % interval " + signed_fixed(shown->low) + " to " +
           signed_fixed(shown->high) + (shown->cut ? " (cut to κ's range −1 to 1)" : "");
}

// The plain word first, then the numbers beside it: on a narrow screen the verdict is in view, the
// observers a sideways scroll away.
void draw_steps(const PoolResult& pool) {
    heading("Steps, per observer and pooled");
    const std::string level = format_plain_number(pool.confidence_pct) + " %";
    faint_wrapped("Matched by name. Mean \u00b1 SD (valid readings); pooled over every reading of every observer.");
    // Apart, and short: a wrap must not split the number.
    faint_wrapped("Verdict at " + level + ": observers differ when the ANOVA's p < " +
                  format_fixed(1.0 - pool.confidence_pct / 100.0, 2) + ".");
    if (pool.steps.empty()) {
        ImGui::TextWrapped("No step is in every session under one name.");
        return;
    }
    const int columns = static_cast<int>(pool.observers.size()) + 5;
    if (!ImGui::BeginTable("pool steps", columns, table_flags(), table_size(pool.steps.size()))) return;
    ImGui::TableSetupScrollFreeze(1, 0);
    ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthFixed, 11.0f * em());
    ImGui::TableSetupColumn("Verdict");
    for (const std::string& observer : pool.observers) ImGui::TableSetupColumn(observer.c_str());
    for (const char* label : {"Pooled", "F (df)", "p"}) ImGui::TableSetupColumn(label);
    ImGui::TableHeadersRow();
    for (const PooledStep& step : pool.steps) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        fitted_text(step.name, ImGui::GetContentRegionAvail().x);
        ImGui::TableNextColumn();
        const std::string verdict(to_string(step.verdict));
        if (step.verdict == PoolVerdict::observers_differ) ImGui::TextColored(kBad, "%s", verdict.c_str());
        else if (step.verdict == PoolVerdict::not_tested) ImGui::TextColored(faint(), "%s", verdict.c_str());
        else ImGui::TextUnformatted(verdict.c_str());
        if (step.verdict == PoolVerdict::not_tested && ImGui::IsItemHovered())
            ImGui::SetTooltip("No ANOVA: %s", step.not_tested_why.c_str());
        for (const Descriptive& d : step.per_session) cell(numbers_text(d));
        cell(numbers_text(step.pooled));
        if (step.anova && step.anova->f && step.anova->p_value) {
            cell(format_fixed(*step.anova->f, 2) + " (" + std::to_string(step.anova->df_between) + ", " +
                 std::to_string(step.anova->df_within) + ")");
            cell(p_text(*step.anova->p_value));
        } else {
            cell(std::string(kMissingMark));
            cell(std::string(kMissingMark));
        }
    }
    ImGui::EndTable();
}

void draw_left_out(const PoolResult& pool, const std::vector<std::string>& files) {
    bool any = false;
    for (std::size_t i = 0; i < pool.left_out.size(); ++i) {
        if (pool.left_out[i].empty()) continue;
        if (!any) {
            heading("Steps not pooled");
            faint_wrapped("Steps match by name, never by position.");
        }
        any = true;
        ImGui::TextUnformatted((files[i] + ":").c_str());
        ImGui::Indent();
        for (const LeftOutStep& s : pool.left_out[i]) ImGui::TextWrapped("%s: %s", s.name.c_str(), s.why.c_str());
        ImGui::Unindent();
    }
}

// ---- Waste and agreement ---------------------------------------------------------------------

void draw_wastes(const PoolResult& pool) {
    heading("Waste tags of all observers");
    faint_wrapped("Per hour of the observed time of all sessions together: " +
                  format_duration(static_cast<double>(pool.observed_ms)) + ".");
    if (pool.waste_total == 0) {
        ImGui::TextUnformatted("No waste was tagged.");
        return;
    }
    std::size_t rows = 0;
    for (const WasteCount& w : pool.waste_tally) rows += w.count > 0 ? 1 : 0;
    const float width = std::min(ImGui::GetContentRegionAvail().x, 28.0f * em());
    if (!ImGui::BeginTable("pool wastes", 4, table_flags(), table_size(rows, width))) return;
    ImGui::TableSetupScrollFreeze(1, 0);
    for (const char* label : {"Waste", "Tags", "Share", "Per hour"}) ImGui::TableSetupColumn(label);
    ImGui::TableHeadersRow();
    for (const WasteCount& w : pool.waste_tally) {
        if (w.count == 0) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(to_imgui(waste_colour(w.waste)), "\u25a0");
        ImGui::SameLine();
        ImGui::TextUnformatted(std::string(display_name(w.waste)).c_str());
        cell(std::to_string(w.count));
        cell(format_percent(w.share));
        cell(w.per_hour ? format_fixed(*w.per_hour, 1) : std::string(kMissingMark));
    }
    ImGui::EndTable();
}

void observer_combo(const char* id, const std::vector<std::string>& observers, std::size_t& chosen) {
    ImGui::SetNextItemWidth(std::min(12.0f * em(), ImGui::GetContentRegionAvail().x));
    if (!ImGui::BeginCombo(id, observers[chosen].c_str())) return;
    for (std::size_t i = 0; i < observers.size(); ++i)
        if (ImGui::Selectable(observers[i].c_str(), i == chosen, 0, ImVec2(0, 1.8f * em()))) chosen = i;
    ImGui::EndCombo();
}

// "Between [A] and [B]": the two observers κ compares.
void draw_pair_choice(PoolView& view, const std::vector<std::string>& observers) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Between");
    ImGui::SameLine();
    observer_combo("##kappa a", observers, view.kappa_a);
    ImGui::SameLine();
    ImGui::TextUnformatted("and");
    ImGui::SameLine();
    observer_combo("##kappa b", observers, view.kappa_b);
}

void draw_agreement(PoolView& view, const PoolResult& pool) {
    heading("Agreement on waste tags");
    faint_wrapped("Cohen's \u03ba of two observers who watched the same span: their tags put on one clock (each "
                  "session's started_at), two tags within the window are one event; 1 is full agreement, 0 what "
                  "chance gives.");
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.5f * em(), 0.5f * em()));
    draw_pair_choice(view, pool.observers);

    // The window in whole seconds: a slider for the thumb, − and + for one second either way.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Tags paired within");
    ImGui::SameLine();
    const ImVec2 step_button(2.5f * em(), 0.0f);
    if (ImGui::Button("\u2212", step_button)) view.kappa_window_ms = std::max<std::int64_t>(0, view.kappa_window_ms - 1000);
    ImGui::SameLine();
    int window_s = static_cast<int>(view.kappa_window_ms / 1000);
    ImGui::SetNextItemWidth(std::min(14.0f * em(), ImGui::GetContentRegionAvail().x - 4.0f * em()));
    ImGui::PushStyleVar(ImGuiStyleVar_GrabMinSize, 1.5f * em());  // a grip for a thumb
    if (ImGui::SliderInt("##kappa window", &window_s, 0, 60, "%d s")) view.kappa_window_ms = std::int64_t{window_s} * 1000;
    ImGui::PopStyleVar();
    ImGui::SameLine();
    if (ImGui::Button("+", step_button)) view.kappa_window_ms = std::min<std::int64_t>(60'000, view.kappa_window_ms + 1000);
    ImGui::PopStyleVar();

    if (!pool.kappa) return;
    ImGui::PushFont(fonts().large);
    ImGui::TextWrapped("%s", kappa_sentence(*pool.kappa).c_str());
    ImGui::PopFont();
    if (pool.kappa->agreement && pool.kappa->agreement->kappa && pool.kappa->agreement->kappa->kappa) {
        const KappaResult& k = *pool.kappa->agreement->kappa;
        std::string details = "Observed agreement " + format_fixed(k.p_observed, 2) + ", by chance " +
                              format_fixed(k.p_expected, 2);
        faint_wrapped(details + kappa_interval_words(k, pool.confidence_pct) + ".");
    }
}

// ---- Work sampling studies -------------------------------------------------------------------

// "25 · 50.0 %": an observer's count in a category and its share of the observer's n.
std::string share_text(std::int64_t count, const std::optional<double>& share) {
    return std::to_string(count) + (share ? " \u00b7 " + format_percent(*share) : std::string());
}

void draw_categories(const SamplingPoolResult& pool) {
    heading("Categories, per observer and pooled");
    const std::string level = format_plain_number(pool.confidence_pct) + " %";
    faint_wrapped("Matched by name. Observations \u00b7 share of the observer's observations (absent / not "
                  "observable left out of the shares); pooled with its Wilson " + level + " interval.");
    if (pool.categories.empty()) {
        ImGui::TextWrapped("No category is in every session under one name.");
        return;
    }
    const int columns = static_cast<int>(pool.observers.size()) + 2;
    if (!ImGui::BeginTable("pool categories", columns, table_flags(), table_size(pool.categories.size() + 1))) return;
    ImGui::TableSetupScrollFreeze(1, 0);
    ImGui::TableSetupColumn("Category", ImGuiTableColumnFlags_WidthFixed, 12.0f * em());  // "Absent / not observable"
    for (const std::string& observer : pool.observers) ImGui::TableSetupColumn(observer.c_str());
    ImGui::TableSetupColumn(("Pooled (" + level + " interval)").c_str());
    ImGui::TableHeadersRow();
    for (const PooledCategory& category : pool.categories) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        fitted_text(category.name, ImGui::GetContentRegionAvail().x);
        for (std::size_t i = 0; i < category.counts.size(); ++i) cell(share_text(category.counts[i], category.shares[i]));
        if (category.absent) {
            ImGui::TableNextColumn();
            ImGui::TextColored(faint(), "%lld, not in the shares", static_cast<long long>(category.count));
        } else if (category.pooled) {
            cell(share_text(category.count, category.pooled->share) + " (" + format_percent(category.pooled->wilson.low) +
                 " to " + format_percent(category.pooled->wilson.high) + ")");
        } else {
            cell(std::to_string(category.count));
        }
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("Observations");
    for (const std::int64_t n : pool.observations) cell(std::to_string(n));
    cell(std::to_string(pool.pooled_observations));
    ImGui::EndTable();
}

void draw_independence(const SamplingPoolResult& pool) {
    const SamplingIndependence& test = pool.independence;
    heading("Do the observers differ?");
    const std::string verdict(to_string(test.verdict));
    ImGui::PushFont(fonts().large);
    if (test.verdict == PoolVerdict::observers_differ) ImGui::TextColored(kBad, "%s", verdict.c_str());
    else ImGui::TextUnformatted(verdict.c_str());
    ImGui::PopFont();
    if (test.test) {
        const ChiSquareResult& r = *test.test;
        faint_wrapped("Chi-square test of " + std::to_string(test.sessions_tested.size()) + " observers \u00d7 " +
                      std::to_string(test.categories_tested.size()) + " categories, N = " + std::to_string(r.total) +
                      ": \u03c7\u00b2 = " + format_fixed(r.statistic, 2) + ", df " + std::to_string(r.df) + ", p = " +
                      p_text(r.p_value) + ".");
        // Apart, and short: a wrap must not split the number.
        faint_wrapped("Verdict at " + format_plain_number(pool.confidence_pct) + " %: observers differ when p < " +
                      format_fixed(1.0 - pool.confidence_pct / 100.0, 2) + ".");
        // Cochran's rule, as the command line has it.
        if (r.low_expected_share > 0.2 || r.any_expected_below_1)
            faint_wrapped("The test is doubtful: " + format_percent(r.low_expected_share) +
                          " of the cells expect fewer than 5 observations" +
                          (r.any_expected_below_1 ? ", one fewer than 1." : " (Cochran: at most 20 %)."));
    } else {
        faint_wrapped("No test: " + test.not_tested_why + ".");
    }
    for (const std::string& left_out : test.left_out) faint_wrapped("Left out of the test: " + left_out);
}

void draw_sampling_left_out(const SamplingPoolResult& pool, const std::vector<std::string>& files) {
    bool any = false;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::vector<SamplingLeftOut>& categories = pool.left_out_categories[i];
        const std::vector<SamplingLeftOut>& subjects = pool.left_out_subjects[i];
        if (categories.empty() && subjects.empty()) continue;
        if (!any) {
            heading("Not pooled");
            faint_wrapped("Categories and subjects match by name, never by position.");
        }
        any = true;
        ImGui::TextUnformatted((files[i] + ":").c_str());
        ImGui::Indent();
        for (const SamplingLeftOut& c : categories)
            ImGui::TextWrapped("category %s (%lld observations): %s", c.name.c_str(), static_cast<long long>(c.observations),
                               c.why.c_str());
        for (const SamplingLeftOut& s : subjects)
            ImGui::TextWrapped("subject %s (%lld observations): %s", s.name.c_str(), static_cast<long long>(s.observations),
                               s.why.c_str());
        ImGui::Unindent();
    }
}

void draw_sampling_agreement(PoolView& view, const SamplingPoolResult& pool) {
    heading("Agreement of two observers");
    faint_wrapped("Cohen's \u03ba of two observers who took the same rounds: a pair is a round and subject both "
                  "recorded; 1 is full agreement, 0 what chance gives.");
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.5f * em(), 0.5f * em()));
    draw_pair_choice(view, pool.observers);
    ImGui::PopStyleVar();
    if (!pool.kappa) return;
    const SamplingAgreement& k = *pool.kappa;
    ImGui::PushFont(fonts().large);
    ImGui::TextWrapped("%s", sampling_kappa_sentence(k).c_str());
    ImGui::PopFont();
    const std::string& a = pool.observers[k.a];
    const std::string& b = pool.observers[k.b];
    // Each on its own line: a wrap must not split a number.
    if (k.kappa && k.kappa->kappa) {
        std::string details = "Observed agreement " + format_fixed(k.kappa->p_observed, 2) + ", by chance " +
                              format_fixed(k.kappa->p_expected, 2);
        faint_wrapped(details + kappa_interval_words(*k.kappa, pool.confidence_pct) + ".");
    }
    std::string unpaired = "Unpaired: " + std::to_string(k.only_a) + " only " + a + "'s, " + std::to_string(k.only_b) +
                           " only " + b + "'s";
    if (k.not_pooled_a + k.not_pooled_b > 0)
        unpaired += "; not pooled: " + std::to_string(k.not_pooled_a) + " of " + a + "'s, " +
                    std::to_string(k.not_pooled_b) + " of " + b + "'s";
    faint_wrapped(unpaired + ".");
}

}  // namespace

void draw_pool(AppState& app) {
    refresh_pool(app);
    draw_observers(app);
    PoolView& view = app.pool;
    if (view.sampling_result) {
        const SamplingPoolResult& pool = *view.sampling_result;
        draw_categories(pool);
        draw_independence(pool);
        draw_sampling_left_out(pool, view.observer_files);
        draw_sampling_agreement(view, pool);
        return;
    }
    if (!view.result) {
        ImGui::Spacing();
        ImGui::TextWrapped("Add another observer's session of this study to pool it with the open one.");
        return;
    }
    const PoolResult& pool = *view.result;
    draw_steps(pool);
    draw_left_out(pool, view.observer_files);
    draw_wastes(pool);
    draw_agreement(view, pool);
}

bool draw_summary_views(AppState& app) {
    const ImVec2 size(7.0f * em(), 2.2f * em());
    const auto toggle = [&](const char* label, SummaryView shown) {
        const bool current = app.summary_view == shown;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
        if (ImGui::Button(label, size)) app.summary_view = shown;
        if (current) ImGui::PopStyleColor();
        ImGui::SameLine();
    };
    toggle("This walk", SummaryView::this_walk);
    toggle("Pooled", SummaryView::pooled);
    ImGui::NewLine();
    if (app.summary_view != SummaryView::pooled) return false;
    draw_pool(app);
    return true;
}

}  // namespace gemba::gui
