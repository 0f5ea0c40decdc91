#include "core/analysis/compare.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "core/model/step_name.hpp"

namespace gemba {

namespace {

constexpr double kMsPerHour = 3'600'000.0;

// The two walks' steps as match_steps pairs them: per key, how many steps of each walk carry it,
// and the pair when it matched. An empty key (a step without a name) never matches.
class StepPairs {
public:
    StepPairs(const Plan& before, const Plan& after) {
        const StepMatching matching = match_steps({&before, &after});
        for (const StepMatch& m : matching.matched) {
            counts_[m.key] = {1, 1};
            if (m.key.empty()) continue;
            pairs_.emplace_back(m.steps[0], m.steps[1]);
            matched_[m.key] = pairs_.back();
        }
        for (const StepMatch& m : matching.unmatched)
            counts_[m.key] = {m.steps[0] == kNoStep ? 0u : 1u, m.steps[1] == kNoStep ? 0u : 1u};
        for (const StepMatching::Ambiguous& a : matching.ambiguous) counts_[a.key] = {a.steps[0].size(), a.steps[1].size()};
    }
    // The matched steps (before, after), in the before walk's plan order.
    const std::vector<std::pair<StepId, StepId>>& pairs() const { return pairs_; }
    // How many steps of the walk on `side` carry `key`.
    std::size_t count(CompareSide side, const std::string& key) const {
        const auto it = counts_.find(key);
        return it == counts_.end() ? 0 : it->second[side == CompareSide::before ? 0 : 1];
    }
    // The step of the other walk that the step with `key` on `side` matched; kNoStep when none.
    StepId partner(CompareSide side, const std::string& key) const {
        const auto it = matched_.find(key);
        if (it == matched_.end()) return kNoStep;
        return side == CompareSide::before ? it->second.second : it->second.first;
    }

private:
    std::map<std::string, std::array<std::size_t, 2>> counts_;
    std::vector<std::pair<StepId, StepId>> pairs_;
    std::map<std::string, std::pair<StepId, StepId>> matched_;
};

const StepSummary* summary_of(const SessionSummary& summary, StepId id) {
    for (const StepSummary& s : summary.steps)
        if (s.step == id) return &s;
    return nullptr;
}

StepSample sample_of(const StepSummary* s) {
    if (!s) return {};
    return StepSample{s->stats.n, s->stats.mean, s->stats.sd};
}

// The wait the ladder puts before each step, by id: the value stream's figures when the walk maps
// one, else the gap the walk timed.
using Waits = std::map<StepId, std::optional<double>>;
Waits waits_of(const ComparedWalk& walk) {
    Waits waits;
    if (walk.value_stream) {
        for (const StepFigures& f : walk.value_stream->steps) waits[f.id] = f.wait_ms;
        return waits;
    }
    const std::vector<std::optional<double>> timed = observed_waits(walk.session, walk.state);
    for (std::size_t i = 0; i < walk.session.steps.size() && i < timed.size(); ++i)
        waits[walk.session.steps[i].id] = timed[i];
    return waits;
}

std::optional<double> wait_of(const Waits& waits, StepId id) {
    const auto it = waits.find(id);
    return it == waits.end() ? std::nullopt : it->second;
}

std::optional<double> per_hour(std::size_t count, std::int64_t observed_ms) {
    if (observed_ms <= 0) return std::nullopt;
    return static_cast<double>(count) / (static_cast<double>(observed_ms) / kMsPerHour);
}

// Tags of `waste` at `step` (kNoStep: anywhere), deleted ones left out.
std::size_t tags_of(const LogState& state, Waste waste, StepId step) {
    return static_cast<std::size_t>(std::count_if(state.tags().begin(), state.tags().end(), [&](const WasteTag& t) {
        return !t.removed && t.waste == waste && (step == kNoStep || t.step == step);
    }));
}

// Whether two walks' tag rates differ more than chance (rate_difference_p on the observed times).
std::optional<double> tag_rate_p(std::size_t before, std::int64_t before_ms, std::size_t after, std::int64_t after_ms) {
    return rate_difference_p(static_cast<std::int64_t>(before), static_cast<double>(before_ms),
                             static_cast<std::int64_t>(after), static_cast<double>(after_ms));
}

// The plan's ranges allow z up to 10, whose level (1 − 1.5·10⁻²³) a double rounds to 100 %, where
// no interval exists: the nearest level a t quantile can be taken at stands for it.
constexpr double kHighestConfidencePct = 99.9999;

double walk_confidence(const StudySettings& settings) {
    const double level = settings.z ? confidence_for_z(*settings.z) : settings.confidence_pct;
    return std::min(level, kHighestConfidencePct);
}

std::string untested_reason(const StepSample& before, const StepSample& after) {
    if (before.n < 2 && after.n < 2) return "fewer than 2 readings before and after";
    if (before.n < 2) return "fewer than 2 readings before";
    if (after.n < 2) return "fewer than 2 readings after";
    return "the readings do not vary";
}

StepComparison compare_step(const ComparedWalk& before, const ComparedWalk& after, const Step& b, const Step& a,
                            double confidence_pct, const Waits& before_waits, const Waits& after_waits) {
    StepComparison c;
    c.key = step_match_key(b.name);
    c.before_step = b.id;
    c.after_step = a.id;
    c.before_name = b.name;
    c.after_name = a.name;
    c.before = sample_of(summary_of(before.summary, b.id));
    c.after = sample_of(summary_of(after.summary, a.id));
    if (c.before.n >= 2 && c.after.n >= 2)
        c.test = welch_t_test(c.before.n, *c.before.mean_ms, *c.before.sd_ms, c.after.n, *c.after.mean_ms,
                              *c.after.sd_ms, confidence_pct);
    if (!c.test) {
        c.untested = untested_reason(c.before, c.after);
        c.verdict = StepVerdict::not_testable;
    } else if (c.test->p_two_sided < 1.0 - confidence_pct / 100.0) {
        c.verdict = c.test->difference < 0 ? StepVerdict::faster : StepVerdict::slower;
    } else {
        c.verdict = StepVerdict::no_clear_change;
    }
    c.wait_ms = {wait_of(before_waits, b.id), wait_of(after_waits, a.id)};
    return c;
}

void list_unmatched(CompareSide side, const ComparedWalk& walk, const StepPairs& pairs,
                    std::vector<UnmatchedStep>& out) {
    const CompareSide other = side == CompareSide::before ? CompareSide::after : CompareSide::before;
    for (const Step& s : walk.session.steps) {
        UnmatchedStep u{side, s.id, s.name, step_match_key(s.name), UnmatchedReason::missing, 0};
        if (u.key.empty()) u.reason = UnmatchedReason::no_name;
        else if (pairs.count(side, u.key) > 1) u.reason = UnmatchedReason::name_twice;
        else if (pairs.count(other, u.key) > 1) u.reason = UnmatchedReason::other_twice;
        else if (pairs.count(other, u.key) == 0) u.reason = UnmatchedReason::missing;
        else continue;  // matched
        if (const StepSummary* summary = summary_of(walk.summary, s.id)) u.valid_readings = summary->stats.n;
        out.push_back(std::move(u));
    }
}

FlowComparison compare_flow(const ComparedWalk& before, const ComparedWalk& after) {
    FlowComparison flow;
    const auto lead = [](const ComparedWalk& walk, std::optional<double>& lead_ms, std::optional<double>& efficiency) {
        if (walk.value_stream) {
            lead_ms = walk.value_stream->lead_time_ms;
            efficiency = walk.value_stream->pce;
            return LeadTimeSource::value_stream;
        }
        lead_ms = walk.summary.lead_time_ms;
        efficiency = walk.summary.flow_efficiency;
        return lead_ms ? LeadTimeSource::cycles : LeadTimeSource::none;
    };
    flow.before_source = lead(before, flow.lead_time_ms.before, flow.flow_efficiency.before);
    flow.after_source = lead(after, flow.lead_time_ms.after, flow.flow_efficiency.after);
    flow.cycle_time_ms = {before.summary.cycle_time_ms, after.summary.cycle_time_ms};
    flow.takt_ms = {before.summary.takt_ms, after.summary.takt_ms};
    const auto gap = [](const SessionSummary& s) -> std::optional<double> {
        if (s.cycle_time_ms && s.takt_ms) return *s.cycle_time_ms - *s.takt_ms;
        return std::nullopt;
    };
    flow.takt_gap_ms = {gap(before.summary), gap(after.summary)};
    return flow;
}

// ---- Actions ---------------------------------------------------------------------------------

struct ActionContext {
    const ComparedWalk& before;
    const ComparedWalk& after;
    const StepPairs& pairs;
    const Waits& before_waits;
    const Waits& after_waits;
    const WalkComparison& comparison;
};

std::string side_word(CompareSide side) { return std::string(display_name(side)); }

ActionEffect judge_action(const ActionContext& ctx, CompareSide side, const Action& action) {
    ActionEffect effect;
    effect.walk = side;
    effect.action = action;
    if (!action.expected) {
        effect.metric = "no expected effect given";
        effect.reason = "the action names no number it should move";
        return effect;
    }
    const ExpectedEffect& expected = *action.expected;
    const ComparedWalk& own = side == CompareSide::before ? ctx.before : ctx.after;
    const CompareSide other_side = side == CompareSide::before ? CompareSide::after : CompareSide::before;

    // The step the metric names, in both walks.
    const Step* before_step = nullptr;
    const Step* after_step = nullptr;
    std::string step_text;
    if (metric_takes_step(expected.metric) && expected.step != kNoStep) {
        const Step* named = own.session.find_step(expected.step);
        step_text = step_name(own.session, expected.step);
        if (!named) {
            effect.reason = "the " + side_word(side) + " walk has no step " + std::to_string(expected.step);
        } else {
            const std::string key = step_match_key(named->name);
            const Step* other = (side == CompareSide::before ? ctx.after : ctx.before)
                                    .session.find_step(ctx.pairs.partner(side, key));
            if (ctx.pairs.count(side, key) > 1)
                effect.reason = "\"" + named->name + "\" names two steps of the " + side_word(side) + " walk";
            else if (ctx.pairs.count(other_side, key) > 1)
                effect.reason = "\"" + named->name + "\" names two steps of the " + side_word(other_side) + " walk";
            else if (!other)
                effect.reason = "\"" + named->name + "\" has no match in the " + side_word(other_side) + " walk";
            before_step = side == CompareSide::before ? named : other;
            after_step = side == CompareSide::before ? other : named;
        }
    }

    switch (expected.metric) {
        case Metric::step_mean: {
            effect.metric = "Mean time of " + step_text;
            if (!effect.reason.empty()) break;
            const auto found = std::find_if(ctx.comparison.steps.begin(), ctx.comparison.steps.end(),
                                            [&](const StepComparison& c) { return c.before_step == before_step->id; });
            if (found == ctx.comparison.steps.end()) break;
            effect.value = {found->before.mean_ms, found->after.mean_ms};
            if (found->test) {
                effect.p = found->test->p_two_sided;
                effect.significant = found->verdict == StepVerdict::faster || found->verdict == StepVerdict::slower;
            } else {
                effect.reason = found->untested;
            }
            break;
        }
        case Metric::wait_before:
            effect.metric = "Wait before " + step_text;
            if (!effect.reason.empty()) break;
            effect.value = {wait_of(ctx.before_waits, before_step->id), wait_of(ctx.after_waits, after_step->id)};
            break;
        case Metric::waste_rate: {
            const std::string waste(display_name(expected.waste));
            effect.metric = waste + " tags per hour" + (expected.step == kNoStep ? "" : " at " + step_text);
            if (!effect.reason.empty()) break;
            const StepId b = expected.step == kNoStep ? kNoStep : before_step->id;
            const StepId a = expected.step == kNoStep ? kNoStep : after_step->id;
            const std::size_t before_tags = tags_of(ctx.before.state, expected.waste, b);
            const std::size_t after_tags = tags_of(ctx.after.state, expected.waste, a);
            const std::int64_t before_ms = ctx.before.summary.observed_ms, after_ms = ctx.after.summary.observed_ms;
            effect.value = {per_hour(before_tags, before_ms), per_hour(after_tags, after_ms)};
            effect.p = tag_rate_p(before_tags, before_ms, after_tags, after_ms);
            if (effect.p) effect.significant = *effect.p < 1.0 - ctx.comparison.confidence_pct / 100.0;
            break;
        }
        case Metric::lead_time:
            effect.metric = "Lead time";
            effect.value = ctx.comparison.flow.lead_time_ms;
            break;
        case Metric::flow_efficiency:
            effect.metric = "Flow efficiency";
            effect.value = ctx.comparison.flow.flow_efficiency;
            break;
        case Metric::cycle_time:
            effect.metric = "Cycle time";
            effect.value = ctx.comparison.flow.cycle_time_ms;
            break;
        case Metric::takt_gap:
            effect.metric = "Takt gap (cycle time − takt)";
            effect.value = ctx.comparison.flow.takt_gap_ms;
            break;
    }

    if (effect.reason.empty() && !effect.value.change()) {
        if (!effect.value.before && !effect.value.after) effect.reason = "known in neither walk";
        else effect.reason = std::string("not known in the ") + (effect.value.before ? "after" : "before") + " walk";
    }
    if (const std::optional<double> change = effect.value.change()) {
        effect.moved_as_expected = expected.direction == Direction::decrease ? *change < 0 : *change > 0;
        const bool tested = expected.metric == Metric::step_mean || expected.metric == Metric::waste_rate;
        if (tested && !effect.significant) {
            // No test: fewer than 2 readings or no spread; no tag in either walk.
            effect.verdict = EffectVerdict::not_measurable;
            if (effect.reason.empty()) effect.reason = "no tag in either walk";
        } else {
            const bool significant_enough = !tested || *effect.significant;
            effect.verdict = *effect.moved_as_expected && significant_enough ? EffectVerdict::met : EffectVerdict::not_met;
        }
    }
    return effect;
}

}  // namespace

WalkComparison compare_walks(const ComparedWalk& before, const ComparedWalk& after) {
    WalkComparison out;
    out.confidence_pct = walk_confidence(before.session.settings);
    out.before_observed_ms = before.summary.observed_ms;
    out.after_observed_ms = after.summary.observed_ms;

    const StepPairs pairs(before.session, after.session);
    const Waits before_waits = waits_of(before), after_waits = waits_of(after);
    for (const auto& [b, a] : pairs.pairs())
        out.steps.push_back(compare_step(before, after, *before.session.find_step(b), *after.session.find_step(a),
                                         out.confidence_pct, before_waits, after_waits));
    list_unmatched(CompareSide::before, before, pairs, out.unmatched);
    list_unmatched(CompareSide::after, after, pairs, out.unmatched);

    for (std::size_t i = 0; i < kWastes.size(); ++i) {
        WasteRateChange& w = out.wastes[i];
        w.waste = kWastes[i];
        w.before_count = tags_of(before.state, w.waste, kNoStep);
        w.after_count = tags_of(after.state, w.waste, kNoStep);
        w.per_hour = {per_hour(w.before_count, before.summary.observed_ms),
                      per_hour(w.after_count, after.summary.observed_ms)};
        w.p = tag_rate_p(w.before_count, before.summary.observed_ms, w.after_count, after.summary.observed_ms);
    }
    out.flow = compare_flow(before, after);

    const ActionContext ctx{before, after, pairs, before_waits, after_waits, out};
    for (const Action& action : before.session.improvement.actions)
        out.actions.push_back(judge_action(ctx, CompareSide::before, action));
    for (const Action& action : after.session.improvement.actions)
        out.actions.push_back(judge_action(ctx, CompareSide::after, action));
    return out;
}

std::string_view display_name(StepVerdict v) {
    switch (v) {
        case StepVerdict::faster: return "faster";
        case StepVerdict::slower: return "slower";
        case StepVerdict::no_clear_change: return "no clear change";
        case StepVerdict::not_testable: return "not testable";
    }
    return "";
}
std::string_view to_string(StepVerdict v) {
    switch (v) {
        case StepVerdict::faster: return "faster";
        case StepVerdict::slower: return "slower";
        case StepVerdict::no_clear_change: return "no_clear_change";
        case StepVerdict::not_testable: return "not_testable";
    }
    return "";
}
std::string_view display_name(EffectVerdict v) {
    switch (v) {
        case EffectVerdict::met: return "met";
        case EffectVerdict::not_met: return "not met";
        case EffectVerdict::not_measurable: return "not measurable";
    }
    return "";
}
std::string_view to_string(EffectVerdict v) {
    switch (v) {
        case EffectVerdict::met: return "met";
        case EffectVerdict::not_met: return "not_met";
        case EffectVerdict::not_measurable: return "not_measurable";
    }
    return "";
}
std::string_view display_name(LeadTimeSource v) {
    switch (v) {
        case LeadTimeSource::value_stream: return "value stream ladder";
        case LeadTimeSource::cycles: return "mean of the closed cycles";
        case LeadTimeSource::none: return "none";
    }
    return "";
}
std::string_view to_string(LeadTimeSource v) {
    switch (v) {
        case LeadTimeSource::value_stream: return "value_stream";
        case LeadTimeSource::cycles: return "cycles";
        case LeadTimeSource::none: return "none";
    }
    return "";
}
std::string_view display_name(CompareSide v) { return to_string(v); }
std::string_view to_string(CompareSide v) { return v == CompareSide::before ? "before" : "after"; }
std::string_view display_name(UnmatchedReason v) {
    switch (v) {
        case UnmatchedReason::missing: return "no step of the other walk has this name";
        case UnmatchedReason::name_twice: return "two steps of this walk have this name";
        case UnmatchedReason::other_twice: return "two steps of the other walk have this name";
        case UnmatchedReason::no_name: return "the step has no name";
    }
    return "";
}
std::string_view to_string(UnmatchedReason v) {
    switch (v) {
        case UnmatchedReason::missing: return "missing";
        case UnmatchedReason::name_twice: return "name_twice";
        case UnmatchedReason::other_twice: return "other_twice";
        case UnmatchedReason::no_name: return "no_name";
    }
    return "";
}

}  // namespace gemba
