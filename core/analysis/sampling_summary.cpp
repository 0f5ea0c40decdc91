#include "core/analysis/sampling_summary.hpp"

#include <algorithm>
#include <map>

#include "core/analysis/stats.hpp"
#include "core/sampling/schedule.hpp"

namespace gemba {
namespace {

// The tally of one group of observations (the study, or one subject), per category id.
struct Tally {
    std::map<CategoryId, std::int64_t> count;
    std::int64_t observations = 0;  // absent left out
    std::int64_t absent = 0;
};

std::vector<CategoryShare> shares_of(const SamplingStudy& study, const Tally& tally, double z) {
    std::vector<CategoryShare> shares;
    for (const SamplingCategory& category : study.categories) {
        CategoryShare share;
        share.category = &category;
        const auto it = tally.count.find(category.id);
        share.count = it == tally.count.end() ? 0 : it->second;
        if (!category.absent) share.estimate = sampling::estimate_share(share.count, tally.observations, z);
        shares.push_back(share);
    }
    return shares;
}

void add(Tally& tally, const SamplingStudy& study, const Observation& o) {
    const SamplingCategory* category = study.find_category(o.category);
    ++tally.count[o.category];
    if (category && category->absent) ++tally.absent;
    else ++tally.observations;
}

}  // namespace

SamplingSummary summarize_sampling(const Session& session, const LogState& state, std::int64_t now_ms) {
    SamplingSummary out;
    const SamplingStudy& study = session.sampling;
    const StudySettings& settings = session.settings;
    out.z = settings.z ? *settings.z : z_for_confidence(settings.confidence_pct, settings.z_convention);

    Tally all;
    std::map<SubjectId, Tally> by_subject;
    for (const Observation& o : state.observations()) {
        add(all, study, o);
        add(by_subject[o.subject], study, o);
    }
    out.observations = all.observations;
    out.absent = all.absent;
    out.categories = shares_of(study, all, out.z);
    for (const SamplingSubject& subject : study.subjects) {
        const Tally& tally = by_subject[subject.id];
        out.subjects.push_back(SubjectShares{&subject, tally.observations, tally.absent, shares_of(study, tally, out.z)});
    }

    if (study.target)
        if (const SamplingCategory* category = study.find_category(study.target->category)) {
            TargetFigures target{category, study.target->accuracy, study.target->accuracy_pct, std::nullopt};
            const auto it = std::find_if(out.categories.begin(), out.categories.end(),
                                         [&](const CategoryShare& s) { return s.category == category; });
            std::optional<double> share;
            if (it != out.categories.end() && it->estimate) share = it->estimate->share;
            const sampling::TargetAccuracy accuracy{study.target->accuracy == SamplingAccuracy::relative
                                                        ? sampling::AccuracyKind::relative
                                                        : sampling::AccuracyKind::absolute,
                                                    study.target->accuracy_pct / 100.0};
            if (!category->absent) target.required = sampling::required_observations(out.z, share, accuracy, out.observations);
            out.target = target;
        }

    const SamplingSchedule* schedule = study.schedule ? &*study.schedule : nullptr;
    const std::optional<sampling::ScheduleRequest> request = schedule ? schedule_request(*schedule) : std::nullopt;

    out.rounds.scheduled = static_cast<std::int64_t>(study.round_count());
    std::int64_t late_sum = 0;
    for (const RoundState& round : round_states(session, state, now_ms)) {
        switch (round.status) {
            case RoundStatus::taken: ++out.rounds.taken; break;
            case RoundStatus::taken_late:
                ++out.rounds.taken;
                ++out.rounds.taken_late;
                late_sum += round.late_ms;
                out.rounds.max_late_ms = std::max(out.rounds.max_late_ms.value_or(round.late_ms), round.late_ms);
                break;
            case RoundStatus::skipped: ++out.rounds.skipped; break;
            case RoundStatus::missed: ++out.rounds.missed; break;
            case RoundStatus::open: ++out.rounds.open; break;
            case RoundStatus::to_come: ++out.rounds.to_come; break;
        }
    }
    if (out.rounds.taken_late > 0)
        out.rounds.mean_late_ms = static_cast<double>(late_sum) / static_cast<double>(out.rounds.taken_late);

    // The p-chart of the target category, a point per schedule day.
    if (out.target && request && !request->days.empty()) {
        std::vector<sampling::DayTally> days(request->days.size());
        const auto day_of = [&](std::int64_t ms) -> std::optional<std::size_t> {
            for (std::size_t d = 0; d < request->days.size(); ++d)
                if (ms >= request->days[d].start_ms && ms < request->days[d].end_ms) return d;
            return std::nullopt;
        };
        for (const Observation& o : state.observations()) {
            const SamplingCategory* category = study.find_category(o.category);
            if (!category || category->absent) continue;
            const std::optional<std::int64_t> at = study.round_ms(o.round);
            const std::optional<std::size_t> day = at ? day_of(*at) : std::nullopt;
            if (!day) continue;
            ++days[*day].observations;
            if (o.category == out.target->category->id) ++days[*day].count;
        }
        out.p_chart = sampling::p_chart(days);
        if (out.p_chart)
            for (const SamplingDay& day : schedule->days) out.p_chart_dates.push_back(day.date);
    }

    // Standard time from sampling.
    std::optional<std::int64_t> working_ms;
    if (request) {
        working_ms = 0;
        for (const sampling::WorkingDay& day : request->days) *working_ms += sampling::working_time_before(day, day.end_ms);
    }
    out.total_time_ms = static_cast<double>(working_ms.value_or(0)) * static_cast<double>(study.subjects.size());
    if (out.observations > 0) {
        std::int64_t working = 0;
        bool any_value_added = false;
        for (const CategoryShare& share : out.categories)
            if (share.category->value_class == ValueClass::value_added && !share.category->absent) {
                working += share.count;
                any_value_added = true;
            }
        if (any_value_added) out.share_working = static_cast<double>(working) / static_cast<double>(out.observations);
    }
    if (!study.units_produced) out.standard_time_missing = "no units produced given (sampling.units_produced)";
    else if (!working_ms || *working_ms == 0 || study.subjects.empty())
        out.standard_time_missing = "no working time: the study needs a schedule and subjects";
    else if (!out.share_working) out.standard_time_missing = "no observations in a value-added category yet";
    else {
        const sampling::SamplingStandardTimeResult result = sampling::standard_time_from_sampling(
            {out.total_time_ms, *out.share_working, study.rating_pct, *study.units_produced, study.allowance_pct,
             settings.allowance_convention});
        if (result.ok()) out.standard_time = result.time;
        else out.standard_time_missing = result.problem->message();
    }
    return out;
}

std::vector<RoundState> round_states(const Session& session, const LogState& state, std::int64_t now_ms) {
    const SamplingStudy& study = session.sampling;
    std::vector<RoundState> rounds;
    if (!study.schedule) return rounds;
    const SamplingSchedule& schedule = *study.schedule;
    rounds.resize(schedule.rounds.size());
    for (std::size_t k = 0; k < rounds.size(); ++k) {
        rounds[k].round = static_cast<std::int64_t>(k) + 1;
        rounds[k].at_ms = schedule.rounds[k];
        rounds[k].seen.resize(study.subjects.size());
    }
    // When each round was first observed, and what each subject was seen doing at it.
    std::vector<std::optional<std::int64_t>> taken_at(rounds.size());
    const std::vector<Observation>& observations = state.observations();
    for (std::size_t i = 0; i < observations.size(); ++i) {
        const Observation& o = observations[i];
        if (o.round < 1 || static_cast<std::size_t>(o.round) > rounds.size()) continue;  // a state of another plan
        const std::size_t k = static_cast<std::size_t>(o.round - 1);
        if (!taken_at[k]) taken_at[k] = o.t_ms;
        const auto subject = std::find_if(study.subjects.begin(), study.subjects.end(),
                                          [&](const SamplingSubject& s) { return s.id == o.subject; });
        if (subject != study.subjects.end()) rounds[k].seen[static_cast<std::size_t>(subject - study.subjects.begin())] = i;
    }
    for (const SkippedRound& skip : state.skipped_rounds())
        if (skip.round >= 1 && static_cast<std::size_t>(skip.round) <= rounds.size())
            rounds[static_cast<std::size_t>(skip.round - 1)].skip_reason = skip.reason;
    for (std::size_t k = 0; k < rounds.size(); ++k) {
        RoundState& round = rounds[k];
        if (state.round_skipped(round.round)) {
            round.status = RoundStatus::skipped;
        } else if (taken_at[k]) {
            round.late_ms = *taken_at[k] - round.at_ms;
            round.status = round.late_ms > schedule.late_after_ms ? RoundStatus::taken_late : RoundStatus::taken;
        } else if (now_ms < round.at_ms) {
            round.status = RoundStatus::to_come;
        } else if (now_ms - round.at_ms > schedule.grace_ms) {
            round.status = RoundStatus::missed;
        } else {
            round.status = RoundStatus::open;
        }
    }
    return rounds;
}

std::vector<SharePoint> share_history(const Session& session, const LogState& state, CategoryId category, double z) {
    const SamplingStudy& study = session.sampling;
    const SamplingCategory* wanted = study.find_category(category);
    std::vector<SharePoint> history;
    if (!wanted || wanted->absent || !(z > 0.0)) return history;
    // Per round taken: its observations that count in n, and how many show the category. Rounds
    // are numbered in their time order (the schedule's rounds ascend).
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> by_round;
    for (const Observation& o : state.observations()) {
        const SamplingCategory* seen = study.find_category(o.category);
        std::pair<std::int64_t, std::int64_t>& tally = by_round[o.round];
        if (!seen || seen->absent) continue;
        ++tally.first;
        if (o.category == category) ++tally.second;
    }
    std::int64_t observations = 0, count = 0;
    for (const auto& [round, tally] : by_round) {
        if (tally.first == 0) continue;  // only absent: n did not grow
        observations += tally.first;
        count += tally.second;
        const std::optional<sampling::ShareEstimate> estimate = sampling::estimate_share(count, observations, z);
        if (!estimate) continue;
        history.push_back({round, observations, count, estimate->share, estimate->wilson});
    }
    return history;
}

}  // namespace gemba
