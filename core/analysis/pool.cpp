#include "core/analysis/pool.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "core/model/step_name.hpp"

namespace gemba {

std::string_view to_string(PoolVerdict verdict) {
    switch (verdict) {
        case PoolVerdict::observers_differ: return "observers differ";
        case PoolVerdict::no_clear_difference: return "no clear difference";
        case PoolVerdict::not_tested: return "not tested";
    }
    return "not tested";
}

namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t digits_value(std::string_view s) {
    std::int64_t v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::string observer_of(const PoolInput& input) {
    return input.session->observer.empty() ? input.file : input.session->observer;
}

// The confidence level the session's settings stand for: z, when given, wins over the level.
double confidence_of(const StudySettings& settings) {
    return settings.z ? confidence_for_z(*settings.z) : settings.confidence_pct;
}

// Each step's valid readings (as valid_readings gives them: paused time left out), in ms, from one
// pass over the log instead of one pass per step.
using DurationsByStep = std::unordered_map<StepId, std::vector<double>>;
DurationsByStep valid_durations_by_step(const LogState& state) {
    DurationsByStep out;
    for (const Reading& r : state.readings())
        if (r.valid()) out[r.step].push_back(static_cast<double>(state.duration_ms(r, 0)));
    return out;
}

void pool_step(const std::vector<DurationsByStep>& durations, const StepMatch& match, double confidence_pct,
               PooledStep& out) {
    std::vector<double> all;
    std::vector<std::vector<double>> groups;
    for (std::size_t i = 0; i < durations.size(); ++i) {
        const auto found = durations[i].find(match.steps[i]);
        const std::vector<double> none;
        const std::vector<double>& readings = found == durations[i].end() ? none : found->second;
        out.per_session.push_back(describe(readings));
        all.insert(all.end(), readings.begin(), readings.end());
        if (readings.size() >= 2) {
            out.tested_sessions.push_back(i);
            groups.push_back(readings);
        }
    }
    out.pooled = describe(all);
    if (groups.size() < 2) {
        out.not_tested_why = "fewer than 2 sessions with 2+ readings";
        return;
    }
    out.anova = one_way_anova(groups);
    if (!out.anova || !out.anova->p_value) {
        out.not_tested_why = "every session's readings are all equal (no spread within sessions: F undefined)";
        return;
    }
    const double alpha = 1.0 - confidence_pct / 100.0;
    out.verdict = *out.anova->p_value < alpha ? PoolVerdict::observers_differ : PoolVerdict::no_clear_difference;
}

std::vector<TimedTag> tags_on_clock(const LogState& state, std::int64_t started_unix_ms) {
    std::vector<TimedTag> tags;
    for (const WasteTag& tag : state.tags()) {
        if (tag.removed) continue;
        tags.push_back(TimedTag{started_unix_ms + tag.start_ms, static_cast<std::size_t>(tag.waste)});
    }
    return tags;
}

PoolAgreement agreement_of(const std::vector<PoolInput>& inputs, std::size_t a, std::size_t b,
                           std::int64_t window_ms, double z) {
    PoolAgreement out;
    out.a = a;
    out.b = b;
    out.window_ms = window_ms;
    std::vector<std::string> lacking;
    std::optional<std::int64_t> start_a = iso8601_to_unix_ms(inputs[a].session->started_at);
    std::optional<std::int64_t> start_b = iso8601_to_unix_ms(inputs[b].session->started_at);
    if (!start_a) lacking.push_back(inputs[a].file);
    if (!start_b) lacking.push_back(inputs[b].file);
    if (!lacking.empty()) {
        out.why_not = "κ cannot be computed: " + lacking.front() + (lacking.size() > 1 ? " and " + lacking.back() : "") +
                      (lacking.size() > 1 ? " have" : " has") +
                      " no started_at (ISO 8601), so the two walks' tags cannot be put on one clock";
        return out;
    }
    const std::vector<TimedTag> tags_a = tags_on_clock(*inputs[a].state, *start_a);
    const std::vector<TimedTag> tags_b = tags_on_clock(*inputs[b].state, *start_b);
    if (tags_a.empty() && tags_b.empty()) {
        out.why_not = "κ cannot be computed: neither session has a waste tag";
        return out;
    }
    out.agreement = tag_agreement(tags_a, tags_b, window_ms, kWastes.size(), z);
    return out;
}

}  // namespace

std::optional<std::int64_t> iso8601_to_unix_ms(std::string_view s) {
    if (!is_iso8601_datetime(s)) return std::nullopt;
    const std::int64_t days = days_from_civil(digits_value(s.substr(0, 4)), static_cast<unsigned>(digits_value(s.substr(5, 2))),
                                              static_cast<unsigned>(digits_value(s.substr(8, 2))));
    std::int64_t ms = ((days * 24 + digits_value(s.substr(11, 2))) * 60 + digits_value(s.substr(14, 2))) * 60'000 +
                      digits_value(s.substr(17, 2)) * 1000;
    std::string_view rest = s.substr(19);
    if (rest[0] == '.') {
        std::size_t end = 1;
        while (end < rest.size() && rest[end] >= '0' && rest[end] <= '9') ++end;
        std::string_view fraction = rest.substr(1, end - 1);
        std::int64_t scale = 100;  // the first digit is tenths of a second: 100 ms
        for (std::size_t i = 0; i < fraction.size() && i < 3; ++i, scale /= 10) ms += (fraction[i] - '0') * scale;
        rest = rest.substr(end);
    }
    if (rest != "Z") {
        const std::int64_t offset_ms = (digits_value(rest.substr(1, 2)) * 60 + digits_value(rest.substr(4, 2))) * 60'000;
        ms += rest[0] == '+' ? -offset_ms : offset_ms;  // 10:00+02:00 is 08:00 UTC
    }
    return ms;
}

PoolResult pool_studies(const std::vector<PoolInput>& inputs, const PoolOptions& options) {
    for (const PoolInput& input : inputs)
        if (!input.session || !input.state || !input.summary)
            throw std::invalid_argument("pool_studies: an input lacks its session, state or summary");
    if (options.kappa_window_ms < 0) throw std::invalid_argument("pool_studies: the κ window is negative");
    if (options.kappa_pair && (options.kappa_pair->first >= inputs.size() || options.kappa_pair->second >= inputs.size() ||
                               options.kappa_pair->first == options.kappa_pair->second))
        throw std::invalid_argument("pool_studies: the κ pair must name two different sessions of the pool");

    PoolResult out;
    if (inputs.empty()) return out;
    const StudySettings& first = inputs.front().session->settings;
    out.confidence_pct = confidence_of(first);
    out.z = session_z(first);

    std::vector<const Plan*> plans;
    for (const PoolInput& input : inputs) {
        out.observers.push_back(observer_of(input));
        plans.push_back(input.session);
    }
    const StepMatching matching = match_steps(plans);
    std::vector<DurationsByStep> durations;
    for (const PoolInput& input : inputs) durations.push_back(valid_durations_by_step(*input.state));
    // Per session, each step's place in its plan: Plan::find_step is a linear search, and a plan
    // may hold a million steps.
    std::vector<std::unordered_map<StepId, std::size_t>> position(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i)
        for (std::size_t p = 0; p < inputs[i].session->steps.size(); ++p)
            position[i].emplace(inputs[i].session->steps[p].id, p);
    const auto name_of = [&](std::size_t session, StepId id) {
        return inputs[session].session->steps[position[session].at(id)].name;
    };
    // Left out, per session in its plan order.
    out.left_out.resize(inputs.size());
    for (const StepMatch& match : matching.matched) {
        if (match.key.empty()) {  // names of white space only: no name to match by, as compare has it
            for (std::size_t i = 0; i < inputs.size(); ++i)
                out.left_out[i].push_back(LeftOutStep{match.steps[i], {}, "the step has no name"});
            continue;
        }
        PooledStep step;
        step.key = match.key;
        step.steps = match.steps;
        step.name = name_of(0, match.steps.front());
        pool_step(durations, match, out.confidence_pct, step);
        out.steps.push_back(std::move(step));
    }

    for (const StepMatch& match : matching.unmatched) {
        std::string why = "not in every session (missing from ";
        bool first_missing = true;
        for (std::size_t j = 0; j < inputs.size(); ++j) {
            if (match.steps[j] != kNoStep) continue;
            why += (first_missing ? "" : ", ") + inputs[j].file;
            first_missing = false;
        }
        why += ")";
        for (std::size_t i = 0; i < inputs.size(); ++i)
            if (match.steps[i] != kNoStep) out.left_out[i].push_back(LeftOutStep{match.steps[i], {}, why});
    }
    for (const StepMatching::Ambiguous& ambiguous : matching.ambiguous) {
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const std::vector<StepId>& ids = ambiguous.steps[i];
            const std::string why = ids.size() > 1 ? "its name is used by " + std::to_string(ids.size()) +
                                                         " steps of this plan: which one is meant is not clear"
                                                   : "its name is used by 2 or more steps of another session's plan";
            for (StepId id : ids) out.left_out[i].push_back(LeftOutStep{id, {}, why});
        }
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        for (LeftOutStep& step : out.left_out[i]) step.name = name_of(i, step.step);
        const std::unordered_map<StepId, std::size_t>& place = position[i];
        std::stable_sort(out.left_out[i].begin(), out.left_out[i].end(),
                         [&place](const LeftOutStep& x, const LeftOutStep& y) { return place.at(x.step) < place.at(y.step); });
    }

    std::vector<const SessionSummary*> summaries;
    for (const PoolInput& input : inputs) {
        summaries.push_back(input.summary);
        out.observed_ms += input.summary->observed_ms;
        out.waste_total += input.summary->waste_total;
    }
    out.waste_tally = combine_waste_tallies(summaries);

    std::optional<std::pair<std::size_t, std::size_t>> pair = options.kappa_pair;
    if (!pair && inputs.size() == 2) pair = std::pair<std::size_t, std::size_t>{0, 1};
    if (pair) out.kappa = agreement_of(inputs, pair->first, pair->second, options.kappa_window_ms, out.z);
    return out;
}

}  // namespace gemba
