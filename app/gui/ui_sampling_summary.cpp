// Summary and Review of a work sampling study. Every number comes from core
// (core/analysis/sampling_summary: summarize_sampling, round_states, share_history), computed once
// per change of the session or minute of the study's clock (SamplingSummaryCache); the charts are
// drawn with ImGui's draw lists on axes from core/report/charts, sized in em.
#include "app/gui/ui_sampling_summary.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/ui_common.hpp"
#include "core/report/charts.hpp"
#include "core/report/numbers.hpp"

namespace gemba::gui {

const SamplingSummaryCache& current_sampling_summary(AppState& app) {
    SamplingSummaryCache& cache = app.sampling_summary;
    const std::int64_t now = app.doc.sampling_now();
    // Floor division: before the study's origin the clock reads below 0.
    const std::int64_t minute = now >= 0 ? now / 60'000 : -((-now + 59'999) / 60'000);
    if (cache.revision == app.doc.revision() && cache.minute == minute) return cache;
    const Session& session = app.doc.session();
    const LogState& state = app.doc.state();
    cache.summary = summarize_sampling(session, state, now);
    cache.rounds = round_states(session, state, now);
    cache.history.clear();
    if (cache.summary.target)
        cache.history = share_history(session, state, cache.summary.target->category->id, cache.summary.z);
    cache.revision = app.doc.revision();
    cache.minute = minute;
    ++cache.computations;
    return cache;
}

namespace {

constexpr ImU32 kAlarmRed = IM_COL32(200, 30, 30, 255);
constexpr ImU32 kLateAmber = IM_COL32(190, 110, 0, 255);

// "95 %" of the study's confidence, or "z = 2.100" when the settings give z itself.
std::string confidence_words(const Session& session, double z) {
    if (session.settings.z) return "z = " + format_fixed(z, 3);
    return format_plain_number(session.settings.confidence_pct) + " %";
}

std::string interval_text(const sampling::ShareInterval& interval) {
    return format_percent(interval.low) + " – " + format_percent(interval.high) + (interval.clipped ? " (cut)" : "");
}

// Percentage points, one decimal: 0.041 → "4.1".
std::string points(double share) { return format_fixed(share * 100.0, 1); }

// The target line: where the target category's share stands and how many observations are left.
std::string target_line(const SamplingSummary& s, const Session& session) {
    const TargetFigures& target = *s.target;
    const std::string name = target.category->name;
    const std::string wanted = target.accuracy == SamplingAccuracy::absolute
                                   ? "±" + format_plain_number(target.accuracy_pct) + " points"
                                   : "±" + format_plain_number(target.accuracy_pct) + " % of its share";
    std::string line = name + ": ";
    const auto share = std::find_if(s.categories.begin(), s.categories.end(),
                                    [&](const CategoryShare& c) { return c.category == target.category; });
    if (share != s.categories.end() && share->estimate)
        line += format_percent(share->estimate->share) + " ± " + points(share->estimate->half_width) + " points now; ";
    else
        line += "no share yet; ";
    if (target.category->absent) return name + " is the absent / not observable category: it has no share to aim at";
    if (!target.required) return line + "the target " + wanted + " has no required n (no accuracy relative to a share of 0)";
    const sampling::RequiredObservations& required = *target.required;
    line += "the target " + wanted;
    if (target.accuracy == SamplingAccuracy::relative) line += " (±" + points(required.absolute_accuracy) + " points)";
    line += " needs " + std::to_string(required.required) + " observations: ";
    if (required.more == 0) return line + "reached";
    line += std::to_string(required.more) + " more";
    const std::int64_t subjects = static_cast<std::int64_t>(session.sampling.subjects.size());
    if (subjects > 0) {
        const std::int64_t rounds = (required.more + subjects - 1) / subjects;
        line += " (about " + std::to_string(rounds) + (rounds == 1 ? " round" : " rounds") + " of " +
                std::to_string(subjects) + (subjects == 1 ? " subject)" : " subjects)");
    }
    return line;
}

// --- The live table -------------------------------------------------------------------------------

void draw_live_table(const SamplingSummary& s, const std::string& confidence) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_ScrollX;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_h = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
    const ImVec2 outer(0.0f, static_cast<float>(s.categories.size() + 1) * row_h + style.ScrollbarSize);
    if (!ImGui::BeginTable("live shares", 5, flags, outer)) return;
    ImGui::TableSetupScrollFreeze(1, 0);
    ImGui::TableSetupColumn("Category", ImGuiTableColumnFlags_WidthFixed, 13.0f * em());
    ImGui::TableSetupColumn("Count");
    ImGui::TableSetupColumn("Share");
    ImGui::TableSetupColumn(("Normal " + confidence).c_str());
    ImGui::TableSetupColumn(("Wilson " + confidence).c_str());
    ImGui::TableHeadersRow();
    for (const CategoryShare& share : s.categories) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(to_imgui(value_class_colour(share.category->value_class)), "■");
        ImGui::SameLine();
        fitted_text(share.category->name, ImGui::GetContentRegionAvail().x);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(share.count));
        ImGui::TableNextColumn();
        if (share.category->absent) {
            ImGui::TextDisabled("not in n");
            continue;
        }
        if (!share.estimate) {
            ImGui::TextUnformatted(std::string(kMissingMark).c_str());
            continue;
        }
        ImGui::TextUnformatted(format_percent(share.estimate->share).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(interval_text(share.estimate->normal).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(interval_text(share.estimate->wilson).c_str());
    }
    ImGui::EndTable();
}

// The shares per subject: a column per subject, a row per category seen at all.
void draw_subject_table(const SamplingSummary& s) {
    if (s.subjects.empty()) return;
    const int columns = static_cast<int>(s.subjects.size()) + 1;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_ScrollX;
    std::size_t rows = 1;
    for (const CategoryShare& share : s.categories) rows += share.count > 0 ? 1 : 0;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_h = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
    const ImVec2 outer(0.0f, static_cast<float>(rows + 1) * row_h + style.ScrollbarSize);
    if (!ImGui::BeginTable("per subject", columns, flags, outer)) return;
    ImGui::TableSetupScrollFreeze(1, 0);
    ImGui::TableSetupColumn("Category", ImGuiTableColumnFlags_WidthFixed, 13.0f * em());
    for (const SubjectShares& subject : s.subjects) ImGui::TableSetupColumn(subject.subject->name.c_str());
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("n (absent)");
    for (const SubjectShares& subject : s.subjects) {
        ImGui::TableNextColumn();
        ImGui::Text("%lld (%lld)", static_cast<long long>(subject.observations), static_cast<long long>(subject.absent));
    }
    for (std::size_t c = 0; c < s.categories.size(); ++c) {
        if (s.categories[c].count == 0) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        fitted_text(s.categories[c].category->name, ImGui::GetContentRegionAvail().x);
        for (const SubjectShares& subject : s.subjects) {
            ImGui::TableNextColumn();
            const CategoryShare& share = subject.categories[c];
            if (share.count == 0) ImGui::TextDisabled("0");
            else if (share.estimate)
                ImGui::Text("%lld  %s", static_cast<long long>(share.count), format_percent(share.estimate->share).c_str());
            else ImGui::Text("%lld", static_cast<long long>(share.count));
        }
    }
    ImGui::EndTable();
}

std::string rounds_text(const RoundFigures& r) {
    std::string text = "Rounds: " + std::to_string(r.scheduled) + " scheduled, " + std::to_string(r.taken) + " taken (" +
                       std::to_string(r.taken_late) + " late";
    if (r.max_late_ms && r.mean_late_ms)
        text += ": at most " + format_duration(static_cast<double>(*r.max_late_ms)) + ", on average " +
                format_duration(*r.mean_late_ms);
    text += "), " + std::to_string(r.skipped) + " skipped with a reason, " + std::to_string(r.missed) + " missed, " +
            std::to_string(r.open) + " open now, " + std::to_string(r.to_come) + " to come";
    return text;
}

std::string standard_time_text(const SamplingSummary& s, const SamplingStudy& study) {
    if (!s.standard_time) return "Standard time from sampling: none — " + s.standard_time_missing;
    return "Standard time from sampling: " + format_duration(s.standard_time->standard_time_ms) + " per unit (normal " +
           format_duration(s.standard_time->normal_time_ms) + "), from total time " + format_duration(s.total_time_ms) +
           " × working " + percent_or_missing(s.share_working) + " × rating " + format_plain_number(study.rating_pct) +
           " % ÷ " + format_plain_number(study.units_produced.value_or(0.0)) + " units, allowance " +
           format_plain_number(study.allowance_pct) + " %";
}

// --- Charts ---------------------------------------------------------------------------------------

void clipped_text(ImDrawList* draw, ImVec2 pos, float width, ImU32 colour, const std::string& text) {
    const ImVec4 clip(pos.x, pos.y, pos.x + width, pos.y + ImGui::GetFontSize() * 1.2f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, colour, text.c_str(), nullptr, 0.0f, &clip);
}

int intervals_for(float length, float spacing_em) { return std::max(1, static_cast<int>(length / (spacing_em * em()))); }

// Share ticks (fractions) up to at least `largest`, in whole percent steps.
AxisTicks share_ticks(double largest, float length, float spacing_em) {
    const AxisTicks percent = nice_ticks(std::clamp(largest, 0.01, 1.0) * 100.0, intervals_for(length, spacing_em), 1);
    AxisTicks ticks{percent.step / 100.0, std::min(percent.top / 100.0, 1.0), {}};
    for (double v : percent.values)
        if (v <= 100.0 + 1e-9) ticks.values.push_back(v / 100.0);
    return ticks;
}

// A share axis up the left of a plot: faint lines across at each tick, labels to the left.
void draw_share_axis(ImDrawList* draw, const AxisTicks& ticks, float left, float right, float bottom, float plot_h) {
    const ImU32 grid = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.35f);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (double v : ticks.values) {
        const float y = bottom - static_cast<float>(v / ticks.top) * plot_h;
        draw->AddLine(ImVec2(left, y), ImVec2(right, y), grid, 1.0f);
        const std::string t = format_percent(v, 0);
        const ImVec2 size = ImGui::CalcTextSize(t.c_str());
        draw->AddText(ImVec2(left - size.x - 0.3f * em(), y - 0.5f * size.y), text, t.c_str());
    }
}

// The shares as horizontal bars with their Wilson intervals as whiskers, a row per category in n.
void draw_share_bars(const SamplingSummary& s, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("share bars", size);
    std::vector<const CategoryShare*> shown;
    double largest = 0.0;
    for (const CategoryShare& share : s.categories)
        if (share.estimate) {
            shown.push_back(&share);
            largest = std::max(largest, share.estimate->wilson.high);
        }
    if (shown.empty()) {
        draw->AddText(origin, ImGui::GetColorU32(ImGuiCol_TextDisabled), "No observations yet.");
        return;
    }
    const float name_w = std::min(11.0f * em(), size.x * 0.35f), value_w = 3.6f * em(), axis_h = 1.5f * em();
    const float left = origin.x + name_w, right = origin.x + size.x - value_w, bottom = origin.y + size.y - axis_h;
    const AxisTicks ticks = share_ticks(largest, right - left, 4.0f);
    const auto x_of = [&](double share) { return left + static_cast<float>(share / ticks.top) * (right - left); };
    const ImU32 grid = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.35f), faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    for (double v : ticks.values) {
        const float x = x_of(v);
        draw->AddLine(ImVec2(x, origin.y), ImVec2(x, bottom), grid, 1.0f);
        const std::string t = format_percent(v, 0);
        draw->AddText(ImVec2(x - 0.5f * ImGui::CalcTextSize(t.c_str()).x, bottom + 0.2f * em()), faint, t.c_str());
    }
    const float row_h = (bottom - origin.y) / static_cast<float>(shown.size());
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const CategoryShare& share = *shown[i];
        const sampling::ShareEstimate& e = *share.estimate;
        const float y0 = origin.y + row_h * static_cast<float>(i), mid = y0 + 0.5f * row_h;
        clipped_text(draw, ImVec2(origin.x, mid - 0.5f * ImGui::GetFontSize()), name_w - 0.4f * em(), text,
                     share.category->name);
        const float bar_h = std::min(0.7f * row_h, 1.1f * em());
        draw->AddRectFilled(ImVec2(left, mid - 0.5f * bar_h), ImVec2(std::max(x_of(e.share), left + 1.0f), mid + 0.5f * bar_h),
                            colour_u32(value_class_colour(share.category->value_class)));
        // The Wilson interval as a whisker with end caps.
        const float lo = x_of(e.wilson.low), hi = x_of(e.wilson.high), cap = 0.35f * std::min(row_h, 1.4f * em());
        draw->AddLine(ImVec2(lo, mid), ImVec2(hi, mid), text, 2.0f);
        draw->AddLine(ImVec2(lo, mid - cap), ImVec2(lo, mid + cap), text, 2.0f);
        draw->AddLine(ImVec2(hi, mid - cap), ImVec2(hi, mid + cap), text, 2.0f);
        const std::string value = format_percent(e.share);
        draw->AddText(ImVec2(hi + 0.4f * em(), mid - 0.5f * ImGui::GetFontSize()), text, value.c_str());
        if (ImGui::IsMouseHoveringRect(ImVec2(origin.x, y0), ImVec2(origin.x + size.x, y0 + row_h)))
            ImGui::SetTooltip("%s: %lld of %lld = %s\nWilson %s\nnormal %s", share.category->name.c_str(),
                              static_cast<long long>(e.count), static_cast<long long>(e.observations),
                              format_percent(e.share).c_str(), interval_text(e.wilson).c_str(),
                              interval_text(e.normal).c_str());
    }
}

// The target category's p̂ and Wilson band after each round (x: observations so far), with the
// target's ± band around the final p̂: the band narrowing into it shows the study converging.
void draw_convergence(const SamplingSummary& s, const std::vector<SharePoint>& history, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("convergence", size);
    if (history.empty()) {
        draw->AddText(origin, ImGui::GetColorU32(ImGuiCol_TextDisabled),
                      s.target && !s.target->category->absent ? "No observations yet." : "No target category to follow.");
        return;
    }
    const SharePoint& last = history.back();
    std::optional<double> accuracy;  // the target's e, in share units
    if (s.target && s.target->required) accuracy = s.target->required->absolute_accuracy;
    double largest = last.share + accuracy.value_or(0.0);
    for (const SharePoint& p : history) largest = std::max(largest, p.wilson.high);
    const float axis_w = 3.4f * em(), axis_h = 1.6f * em(), top_h = 0.6f * em();
    const float left = origin.x + axis_w, right = origin.x + size.x - 1.2f * em();
    const float bottom = origin.y + size.y - axis_h, plot_h = bottom - origin.y - top_h;
    const AxisTicks ticks = share_ticks(largest, plot_h, 1.6f);
    draw_share_axis(draw, ticks, left, right, bottom, plot_h);
    const AxisTicks counts = nice_ticks(static_cast<double>(last.observations), intervals_for(right - left, 4.5f), 1);
    const auto x_of = [&](double n) { return left + static_cast<float>(n / counts.top) * (right - left); };
    const auto y_of = [&](double share) { return bottom - static_cast<float>(std::min(share, ticks.top) / ticks.top) * plot_h; };
    const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled), text = ImGui::GetColorU32(ImGuiCol_Text);
    for (double v : counts.values) {
        const std::string t = std::to_string(static_cast<long long>(v));
        draw->AddText(ImVec2(x_of(v) - 0.5f * ImGui::CalcTextSize(t.c_str()).x, bottom + 0.2f * em()), faint, t.c_str());
    }
    const Rgba colour = value_class_colour(s.target ? s.target->category->value_class : ValueClass::value_added);
    // The Wilson band: a quad between each two rounds (convex, as x grows and high ≥ low).
    const ImU32 band = colour_u32(colour, 0.35f);
    for (std::size_t i = 1; i < history.size(); ++i) {
        const SharePoint &a = history[i - 1], &b = history[i];
        const float xa = x_of(static_cast<double>(a.observations)), xb = x_of(static_cast<double>(b.observations));
        draw->AddQuadFilled(ImVec2(xa, y_of(a.wilson.high)), ImVec2(xb, y_of(b.wilson.high)),
                            ImVec2(xb, y_of(b.wilson.low)), ImVec2(xa, y_of(a.wilson.low)), band);
    }
    // The target's band around the final p̂, dashed.
    if (accuracy) {
        for (double edge : {last.share - *accuracy, last.share + *accuracy}) {
            const float y = y_of(std::max(edge, 0.0));
            for (float x = left; x < right; x += 1.0f * em())
                draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 0.6f * em(), right), y), kAlarmRed, 2.0f);
        }
        const std::string label = "target ±" + format_plain_number(*accuracy * 100.0) + " points";
        const ImVec2 label_size = ImGui::CalcTextSize(label.c_str());
        draw->AddText(ImVec2(right - label_size.x, y_of(last.share + *accuracy) - label_size.y - 0.1f * em()), kAlarmRed,
                      label.c_str());
    }
    ImVec2 previous;
    for (std::size_t i = 0; i < history.size(); ++i) {
        const ImVec2 point(x_of(static_cast<double>(history[i].observations)), y_of(history[i].share));
        if (i > 0) draw->AddLine(previous, point, text, 2.0f);
        previous = point;
    }
    draw->AddCircleFilled(previous, 0.25f * em(), text);
    if (ImGui::IsItemHovered()) {
        // The round nearest the pointer along x.
        const float mouse_x = ImGui::GetMousePos().x;
        const auto nearest = std::min_element(history.begin(), history.end(), [&](const SharePoint& a, const SharePoint& b) {
            return std::fabs(x_of(static_cast<double>(a.observations)) - mouse_x) <
                   std::fabs(x_of(static_cast<double>(b.observations)) - mouse_x);
        });
        ImGui::SetTooltip("After round %lld: %lld of %lld = %s\nWilson %s", static_cast<long long>(nearest->round),
                          static_cast<long long>(nearest->count), static_cast<long long>(nearest->observations),
                          format_percent(nearest->share).c_str(), interval_text(nearest->wilson).c_str());
    }
}

// The p-chart of the target category per day: p per day, the centre line p̄ and each day's limits
// (3σ for its n); a day outside its limits in red.
void draw_p_chart(const sampling::PChart& chart, const std::vector<std::string>& dates, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("p-chart", size);
    double largest = chart.centre;
    for (const sampling::PChartDay& day : chart.days) {
        largest = std::max(largest, day.upper_limit.value_or(0.0));
        largest = std::max(largest, day.share.value_or(0.0));
    }
    const float axis_w = 3.4f * em(), label_h = 1.6f * em(), top_h = 0.6f * em(), centre_w = 4.2f * em();  // the centre line's value on its right
    const float left = origin.x + axis_w, right = origin.x + size.x - centre_w;
    const float bottom = origin.y + size.y - label_h, plot_h = bottom - origin.y - top_h;
    const AxisTicks ticks = share_ticks(largest, plot_h, 1.6f);
    draw_share_axis(draw, ticks, left, right, bottom, plot_h);
    const auto y_of = [&](double share) { return bottom - static_cast<float>(share / ticks.top) * plot_h; };
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const float centre_y = y_of(chart.centre);
    draw->AddLine(ImVec2(left, centre_y), ImVec2(right, centre_y), text, 2.0f);
    draw->AddText(ImVec2(right + 0.3f * em(), centre_y - 0.5f * em()), text, format_percent(chart.centre).c_str());
    const float slot_w = (right - left) / static_cast<float>(std::max<std::size_t>(chart.days.size(), 1));
    ImVec2 previous;
    bool has_previous = false;
    for (std::size_t d = 0; d < chart.days.size(); ++d) {
        const sampling::PChartDay& day = chart.days[d];
        const float x0 = left + slot_w * static_cast<float>(d), mid = x0 + 0.5f * slot_w;
        const std::string date = d < dates.size() ? dates[d] : std::to_string(d + 1);
        clipped_text(draw, ImVec2(mid - 0.5f * std::min(ImGui::CalcTextSize(date.c_str()).x, slot_w), bottom + 0.2f * em()),
                     slot_w, faint, date);
        if (!day.share) continue;
        // Each day's limits as a dashed step across its slot.
        for (double limit : {*day.lower_limit, *day.upper_limit}) {
            const float y = y_of(limit);
            for (float x = x0 + 0.1f * slot_w; x < x0 + 0.9f * slot_w; x += 0.9f * em())
                draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 0.5f * em(), x0 + 0.9f * slot_w), y), faint, 2.0f);
        }
        const bool out = day.signal == sampling::ControlSignal::above || day.signal == sampling::ControlSignal::below;
        const ImVec2 point(mid, y_of(*day.share));
        if (has_previous) draw->AddLine(previous, point, text, 2.0f);
        draw->AddCircleFilled(point, (out ? 0.4f : 0.3f) * em(), out ? kAlarmRed : text);
        previous = point;
        has_previous = true;
        if (ImGui::IsMouseHoveringRect(ImVec2(x0, origin.y), ImVec2(x0 + slot_w, bottom + label_h)))
            ImGui::SetTooltip("%s: %lld of %lld = %s\nlimits %s – %s%s", date.c_str(), static_cast<long long>(day.count),
                              static_cast<long long>(day.observations), format_percent(*day.share).c_str(),
                              format_percent(*day.lower_limit).c_str(), format_percent(*day.upper_limit).c_str(),
                              out ? "\nOUT OF CONTROL" : "");
    }
}

// The p-chart's verdict in words, a line per day out of control.
void draw_p_chart_words(const sampling::PChart& chart, const std::vector<std::string>& dates) {
    if (chart.out_of_control.empty()) {
        ImGui::TextWrapped("Every day lies within its limits: the share is stable from day to day.");
        return;
    }
    for (std::size_t d : chart.out_of_control) {
        const sampling::PChartDay& day = chart.days[d];
        const std::string date = d < dates.size() ? dates[d] : std::to_string(d + 1);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kAlarmRed));
        ImGui::TextWrapped("%s: %s is %s its %s limit %s — out of control: look for what changed that day.", date.c_str(),
                           format_percent(day.share.value_or(0.0)).c_str(),
                           day.signal == sampling::ControlSignal::above ? "above" : "below",
                           day.signal == sampling::ControlSignal::above ? "upper" : "lower",
                           format_percent(day.signal == sampling::ControlSignal::above ? day.upper_limit.value_or(0.0)
                                                                                       : day.lower_limit.value_or(0.0))
                               .c_str());
        ImGui::PopStyleColor();
    }
}

// --- Review ---------------------------------------------------------------------------------------

constexpr std::int64_t kDayMs = 24 * 60 * 60'000;

// A round's time of day at the schedule's offset, after its date when `with_date` and the study
// spans days.
std::string round_time_text(const SamplingSchedule& schedule, std::int64_t at_ms, bool with_date) {
    const std::int64_t day = at_ms / kDayMs, minute = (at_ms % kDayMs) / 60'000;
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02lld:%02lld", static_cast<long long>(minute / 60), static_cast<long long>(minute % 60));
    if (!with_date || schedule.days.size() < 2) return clock;
    const std::optional<std::int64_t> first = days_since_epoch(schedule.days.front().date);
    for (const SamplingDay& d : schedule.days)
        if (const std::optional<std::int64_t> n = days_since_epoch(d.date); first && n && *n - *first == day)
            return d.date + "  " + clock;
    return clock;
}

std::string status_text(const RoundState& round) {
    switch (round.status) {
        case RoundStatus::taken: return "taken";
        case RoundStatus::taken_late:  // as the Rounds tab says it: whole minutes, rounded down
            return round.late_ms < 60'000 ? "taken late by less than a minute"
                                          : "taken late by " + std::to_string(round.late_ms / 60'000) + " min";
        case RoundStatus::skipped: return "skipped: " + round.skip_reason;
        case RoundStatus::missed: return "missed";
        case RoundStatus::open: return "open";
        case RoundStatus::to_come: return "to come";
    }
    return {};
}

ImU32 status_colour(RoundStatus status) {
    switch (status) {
        case RoundStatus::taken_late: return kLateAmber;
        case RoundStatus::missed: return kAlarmRed;
        case RoundStatus::to_come: return ImGui::GetColorU32(ImGuiCol_TextDisabled);
        default: return ImGui::GetColorU32(ImGuiCol_Text);
    }
}

}  // namespace

void draw_sampling_summary(AppState& app) {
    const SamplingSummaryCache& cache = current_sampling_summary(app);
    const SamplingSummary& s = cache.summary;
    const Session& session = app.doc.session();
    const std::string confidence = confidence_words(session, s.z);
    const float avail_w = ImGui::GetContentRegionAvail().x;

    if (s.target) {
        ImGui::PushFont(fonts().large);
        ImGui::TextWrapped("%s", target_line(s, session).c_str());
        ImGui::PopFont();
    } else {
        ImGui::TextWrapped("No target category set (Setup): no required number of observations.");
    }
    ImGui::TextWrapped("n = %lld observations at %s confidence (z = %s); %lld absent / not observable counted but "
                       "without a share: a subject who could not be seen says nothing about how the time is spent.",
                       static_cast<long long>(s.observations), confidence.c_str(), format_fixed(s.z, 3).c_str(),
                       static_cast<long long>(s.absent));
    // The font has no combining accents: "p" for p̂ and p̄ on screen.
    draw_live_table(s, confidence);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", "Normal: p ± z·√(p(1−p)/n). Wilson: the score interval, the one to trust with few "
                             "observations or a share near 0 or 100 %.");
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", rounds_text(s.rounds).c_str());
    ImGui::TextWrapped("%s", standard_time_text(s, session.sampling).c_str());

    // Two charts side by side where each gets 24 em, else one above the other; the screen scrolls.
    const bool side_by_side = avail_w >= 48.0f * em();
    const float chart_w = side_by_side ? (avail_w - ImGui::GetStyle().ItemSpacing.x) * 0.5f : avail_w;
    const float chart_h = std::clamp(ImGui::GetMainViewport()->WorkSize.y * 0.4f, 12.0f * em(), 20.0f * em());
    ImGui::Spacing();
    ImGui::BeginGroup();
    fitted_text("Shares with their Wilson " + confidence + " intervals", chart_w);
    // A row of at least 1.5 em per category in n, so that many categories stay readable.
    std::size_t bars = 0;
    for (const CategoryShare& share : s.categories) bars += share.estimate ? 1 : 0;
    draw_share_bars(s, ImVec2(chart_w, std::max(chart_h, (static_cast<float>(bars) * 1.5f + 1.5f) * em())));
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine();
    ImGui::BeginGroup();
    fitted_text(s.target ? s.target->category->name + " after each round: its share and Wilson band, by observations so far"
                         : std::string("The target category after each round (Setup sets the target)"),
                chart_w);
    draw_convergence(s, cache.history, ImVec2(chart_w, chart_h));
    ImGui::EndGroup();

    if (s.p_chart) {
        heading(("p-chart of " + s.target->category->name + " per day").c_str());
        ImGui::TextDisabled("Centre p = %s (solid); each day's limits p ± 3·√(p(1−p)/n) for its n (dashed)", format_percent(s.p_chart->centre).c_str());
        draw_p_chart(*s.p_chart, s.p_chart_dates, ImVec2(std::min(avail_w, 40.0f * em()), std::min(chart_h, 14.0f * em())));
        draw_p_chart_words(*s.p_chart, s.p_chart_dates);
    }
    heading("Per subject: count and share");
    draw_subject_table(s);
}

void draw_sampling_review(AppState& app) {
    const Session& session = app.doc.session();
    const SamplingStudy& study = session.sampling;
    const LogState& state = app.doc.state();
    SamplingReviewFilter& filter = app.sampling_review;
    if (!study.schedule) {
        ImGui::TextWrapped("This study has no schedule yet: no rounds to review (Setup draws them).");
        return;
    }
    // Finger-sized controls: undo and redo as on the round screen, then the two filters.
    const float control_h = kTopBarHeightEm * em();
    if (ImGui::Button(with_key_hint("Undo", KeyAction::undo).c_str(), ImVec2(0, control_h))) undo(app);
    ImGui::SameLine();
    if (ImGui::Button(with_key_hint("Redo", KeyAction::redo).c_str(), ImVec2(0, control_h))) redo(app);
    // After the buttons: the rounds' observation indices are into the log as undone or redone.
    const SamplingSummaryCache& cache = current_sampling_summary(app);
    const SamplingSubject* subject = study.find_subject(filter.subject);
    const SamplingCategory* category = study.find_category(filter.category);
    // Each filter's name before its box; a filter that does not fit beside the last goes below it.
    const auto filter_combo = [&](const char* label, const char* id, const char* preview, float width) {
        const float needed = ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemSpacing.x * 2.0f + width;
        const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (right_edge - ImGui::GetItemRectMax().x - 1.0f * em() > needed)
            ImGui::SameLine(0.0f, 1.0f * em());
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(label);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        return ImGui::BeginCombo(id, preview, ImGuiComboFlags_HeightLarge);
    };
    if (filter_combo("Subject", "##subject", subject ? subject->name.c_str() : "All", 10.0f * em())) {
        if (ImGui::Selectable("All", !subject)) filter.subject = kNoSubject;
        for (const SamplingSubject& s : study.subjects)
            if (ImGui::Selectable((s.name + "##" + std::to_string(s.id)).c_str(), filter.subject == s.id)) filter.subject = s.id;
        ImGui::EndCombo();
    }
    if (filter_combo("Category", "##category", category ? category->name.c_str() : "All", 12.0f * em())) {
        if (ImGui::Selectable("All", !category)) filter.category = kNoCategory;
        for (const SamplingCategory& c : study.categories)
            if (ImGui::Selectable((c.name + "##" + std::to_string(c.id)).c_str(), filter.category == c.id)) filter.category = c.id;
        ImGui::EndCombo();
    }

    // The subjects shown, and the rounds where a shown subject was seen (in the chosen category).
    std::vector<std::size_t> subjects;
    for (std::size_t i = 0; i < study.subjects.size(); ++i)
        if (!subject || study.subjects[i].id == subject->id) subjects.push_back(i);
    std::vector<const RoundState*> rows;
    for (const RoundState& round : cache.rounds) {
        if (!subject && !category) {
            rows.push_back(&round);
            continue;
        }
        const bool seen = std::any_of(subjects.begin(), subjects.end(), [&](std::size_t i) {
            const std::optional<std::size_t>& o = round.seen[i];
            return o && (!category || state.observations()[*o].category == category->id);
        });
        if (seen) rows.push_back(&round);
    }
    ImGui::Text("%zu of %zu rounds", rows.size(), cache.rounds.size());

    const int columns = 3 + static_cast<int>(subjects.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY;
    // Large rows: a finger's height, text readable at arm's length.
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(0.5f * em(), 0.45f * em()));
    if (ImGui::BeginTable("rounds", columns, flags, ImVec2(0, 0))) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn("Round");
        ImGui::TableSetupColumn(("Time (" + study.schedule->utc_offset + ")").c_str());
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, 9.5f * em());
        for (std::size_t i : subjects) ImGui::TableSetupColumn(study.subjects[i].name.c_str());
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()));
        while (clipper.Step())
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const RoundState& round = *rows[static_cast<std::size_t>(r)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%lld", static_cast<long long>(round.round));
                ImGui::TableNextColumn();
                // The date on the first row of each day, the time of day on every row.
                const bool new_day = r == 0 || rows[static_cast<std::size_t>(r - 1)]->at_ms / kDayMs != round.at_ms / kDayMs;
                ImGui::TextUnformatted(round_time_text(*study.schedule, round.at_ms, new_day).c_str());
                ImGui::TableNextColumn();
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(status_colour(round.status)));
                // A skip's reason is wrapped whole: it says why the round has no taps (a rare taller row).
                if (round.status == RoundStatus::skipped) ImGui::TextWrapped("%s", status_text(round).c_str());
                else ImGui::TextUnformatted(status_text(round).c_str());
                ImGui::PopStyleColor();
                for (std::size_t i : subjects) {
                    ImGui::TableNextColumn();
                    const std::optional<std::size_t>& o = round.seen[i];
                    const SamplingCategory* seen = o ? study.find_category(state.observations()[*o].category) : nullptr;
                    if (!seen) {
                        ImGui::TextDisabled("%s", std::string(kMissingMark).c_str());
                        continue;
                    }
                    ImGui::TextColored(to_imgui(value_class_colour(seen->value_class)), "■");
                    ImGui::SameLine();
                    ImGui::TextUnformatted(seen->name.c_str());
                }
            }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
}

}  // namespace gemba::gui
