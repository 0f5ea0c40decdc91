#include "core/analysis/pool_sampling.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "core/analysis/stats.hpp"
#include "core/model/step_name.hpp"

namespace gemba {

namespace {

// A category or subject of one session: its id and name.
struct Named {
    std::int64_t id = 0;
    std::string_view name;
};

// How the named things of several sessions match by step_match_key (as match_steps does for steps).
struct NameMatch {
    std::string key;
    std::vector<std::vector<std::int64_t>> ids;  // per session, every id with the key
};
struct NameMatching {
    std::vector<NameMatch> matched;    // once in every session, in the first session's order
    std::vector<NameMatch> unmatched;  // missing from some session, none twice
    std::vector<NameMatch> ambiguous;  // twice or more in some session
};

NameMatching match_names(const std::vector<std::vector<Named>>& sessions) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::vector<std::int64_t>>> found;
    for (std::size_t s = 0; s < sessions.size(); ++s)
        for (const Named& named : sessions[s]) {
            const std::string key = step_match_key(named.name);
            auto [it, inserted] = found.try_emplace(key, std::vector<std::vector<std::int64_t>>(sessions.size()));
            if (inserted) order.push_back(key);
            it->second[s].push_back(named.id);
        }
    NameMatching out;
    for (const std::string& key : order) {
        const std::vector<std::vector<std::int64_t>>& ids = found[key];
        bool twice = false, everywhere = true;
        for (const std::vector<std::int64_t>& in_session : ids) {
            twice = twice || in_session.size() > 1;
            everywhere = everywhere && !in_session.empty();
        }
        NameMatch match{key, ids};
        if (twice) out.ambiguous.push_back(std::move(match));
        else if (everywhere) out.matched.push_back(std::move(match));
        else out.unmatched.push_back(std::move(match));
    }
    return out;
}

std::string observer_of(const SamplingPoolInput& input) {
    return input.session->observer.empty() ? input.file : input.session->observer;
}

double z_of(const StudySettings& settings) {
    return settings.z ? *settings.z : z_for_confidence(settings.confidence_pct, settings.z_convention);
}

double confidence_of(const StudySettings& settings) {
    return settings.z ? confidence_for_z(*settings.z) : settings.confidence_pct;
}

// Why a name matched in some sessions only (or twice in one) was left out of session `s`.
std::string why_left_out(const NameMatch& match, std::size_t s, const std::vector<SamplingPoolInput>& inputs,
                         const char* things) {
    if (match.key.empty()) return "it has no name";
    if (match.ids[s].size() > 1)
        return "its name is used by " + std::to_string(match.ids[s].size()) + " " + things +
               " of this study: which one is meant is not clear";
    for (const std::vector<std::int64_t>& ids : match.ids)
        if (ids.size() > 1) return std::string("its name is used by 2 or more ") + things + " of another session's study";
    std::string why = "not in every session (missing from ";
    bool first = true;
    for (std::size_t j = 0; j < inputs.size(); ++j) {
        if (!match.ids[j].empty()) continue;
        why += (first ? "" : ", ") + inputs[j].file;
        first = false;
    }
    return why + ")";
}

using Counts = std::unordered_map<std::int64_t, std::int64_t>;

// Sorts a session's left-out list into the order of `named` (its study's order).
void sort_by_place(std::vector<SamplingLeftOut>& list, const std::vector<Named>& named) {
    std::unordered_map<std::int64_t, std::size_t> place;
    for (std::size_t p = 0; p < named.size(); ++p) place.emplace(named[p].id, p);
    std::stable_sort(list.begin(), list.end(),
                     [&place](const SamplingLeftOut& x, const SamplingLeftOut& y) { return place.at(x.id) < place.at(y.id); });
}

void test_independence(const std::vector<SamplingPoolInput>& inputs, SamplingPoolResult& out) {
    SamplingIndependence& test = out.independence;
    for (std::size_t c = 0; c < out.categories.size(); ++c) {
        const PooledCategory& category = out.categories[c];
        if (category.absent) test.left_out.push_back(category.name + ": absent / not observable (not in n)");
        else if (category.count == 0) test.left_out.push_back(category.name + ": no observation in any session");
        else test.categories_tested.push_back(c);
    }
    for (std::size_t s = 0; s < inputs.size(); ++s) {
        if (out.observations[s] > 0) test.sessions_tested.push_back(s);
        else test.left_out.push_back(inputs[s].file + ": no observation in a pooled category");
    }
    if (test.sessions_tested.size() < 2) {
        test.not_tested_why = "fewer than 2 sessions with observations";
        return;
    }
    if (test.categories_tested.size() < 2) {
        test.not_tested_why = "fewer than 2 categories observed";
        return;
    }
    std::vector<std::vector<std::int64_t>> table;
    for (std::size_t s : test.sessions_tested) {
        std::vector<std::int64_t> row;
        for (std::size_t c : test.categories_tested) row.push_back(out.categories[c].counts[s]);
        table.push_back(std::move(row));
    }
    test.test = chi_square_independence(table);
    const double alpha = 1.0 - out.confidence_pct / 100.0;
    test.verdict = test.test->p_value < alpha ? PoolVerdict::observers_differ : PoolVerdict::no_clear_difference;
}

bool same_rounds(const Session& a, const Session& b) {
    const std::optional<SamplingSchedule>& x = a.sampling.schedule;
    const std::optional<SamplingSchedule>& y = b.sampling.schedule;
    if (!x || !y) return false;
    const std::optional<std::int64_t> origin_x = schedule_origin_ms(*x);
    return origin_x && origin_x == schedule_origin_ms(*y) && x->rounds == y->rounds;
}

SamplingAgreement agreement_of(const std::vector<SamplingPoolInput>& inputs, const SamplingPoolResult& pooled,
                               std::size_t a, std::size_t b) {
    SamplingAgreement out;
    out.a = a;
    out.b = b;
    const std::size_t k = pooled.categories.size();
    for (std::size_t c = 0; c < k; ++c) out.categories.push_back(c);
    out.table.assign(k, std::vector<std::int64_t>(k, 0));
    if (!same_rounds(*inputs[a].session, *inputs[b].session)) {
        out.why_not = "not computed: the two studies' rounds differ";
        return out;
    }
    // (round, pooled subject) → pooled category, per session; the other observations cannot pair.
    const auto paired_observations = [&](std::size_t s, std::int64_t& not_pooled) {
        std::unordered_map<std::int64_t, std::size_t> category_of, subject_of;
        for (std::size_t c = 0; c < k; ++c) category_of.emplace(pooled.categories[c].categories[s], c);
        for (std::size_t j = 0; j < pooled.subjects.size(); ++j) subject_of.emplace(pooled.subjects[j].subjects[s], j);
        std::map<std::pair<std::int64_t, std::size_t>, std::size_t> out_map;
        for (const Observation& o : inputs[s].state->observations()) {
            const auto category = category_of.find(o.category);
            const auto subject = subject_of.find(o.subject);
            if (category == category_of.end() || subject == subject_of.end()) ++not_pooled;
            else out_map.emplace(std::pair{o.round, subject->second}, category->second);
        }
        return out_map;
    };
    const auto seen_a = paired_observations(a, out.not_pooled_a);
    const auto seen_b = paired_observations(b, out.not_pooled_b);
    for (const auto& [at, category] : seen_a) {
        const auto other = seen_b.find(at);
        if (other == seen_b.end()) {
            ++out.only_a;
            continue;
        }
        ++out.table[category][other->second];
        ++out.pairs;
    }
    out.only_b = static_cast<std::int64_t>(seen_b.size()) - out.pairs;
    if (out.pairs == 0) {
        out.why_not = "no round and subject observed by both";
        return out;
    }
    out.kappa = cohen_kappa(out.table, pooled.z);
    return out;
}

}  // namespace

SamplingPoolResult pool_sampling_studies(const std::vector<SamplingPoolInput>& inputs, const SamplingPoolOptions& options) {
    for (const SamplingPoolInput& input : inputs) {
        if (!input.session || !input.state)
            throw std::invalid_argument("pool_sampling_studies: an input lacks its session or state");
        if (input.session->study != StudyKind::work_sampling)
            throw std::invalid_argument("pool_sampling_studies: " + input.file + " is not a work sampling study");
    }
    if (options.kappa_pair && (options.kappa_pair->first >= inputs.size() || options.kappa_pair->second >= inputs.size() ||
                               options.kappa_pair->first == options.kappa_pair->second))
        throw std::invalid_argument("pool_sampling_studies: the κ pair must name two different sessions of the pool");

    SamplingPoolResult out;
    if (inputs.empty()) return out;
    const StudySettings& first = inputs.front().session->settings;
    out.confidence_pct = confidence_of(first);
    out.z = z_of(first);

    const std::size_t sessions = inputs.size();
    std::vector<std::vector<Named>> categories(sessions), subjects(sessions);
    std::vector<Counts> by_category(sessions), by_subject(sessions);
    for (std::size_t s = 0; s < sessions; ++s) {
        out.observers.push_back(observer_of(inputs[s]));
        for (const SamplingCategory& c : inputs[s].session->sampling.categories) categories[s].push_back({c.id, c.name});
        for (const SamplingSubject& j : inputs[s].session->sampling.subjects) subjects[s].push_back({j.id, j.name});
        for (const Observation& o : inputs[s].state->observations()) {
            ++by_category[s][o.category];
            ++by_subject[s][o.subject];
        }
    }
    const auto count_in = [](const Counts& counts, std::int64_t id) {
        const auto found = counts.find(id);
        return found == counts.end() ? std::int64_t{0} : found->second;
    };
    const auto is_absent = [&](std::size_t s, std::int64_t id) {
        const SamplingCategory* category = inputs[s].session->sampling.find_category(id);
        return category && category->absent;
    };

    out.left_out_categories.resize(sessions);
    out.left_out_subjects.resize(sessions);
    const auto leave_out = [&](std::vector<std::vector<SamplingLeftOut>>& lists, const std::vector<std::vector<Named>>& named,
                               const std::vector<Counts>& counts, std::size_t s, std::int64_t id, std::string why) {
        const auto it = std::find_if(named[s].begin(), named[s].end(), [id](const Named& n) { return n.id == id; });
        lists[s].push_back(SamplingLeftOut{id, std::string(it->name), count_in(counts[s], id), std::move(why)});
    };

    const NameMatching category_matching = match_names(categories);
    out.observations.assign(sessions, 0);
    out.absent.assign(sessions, 0);
    for (const NameMatch& match : category_matching.matched) {
        bool absent_everywhere = true, absent_somewhere = false;
        for (std::size_t s = 0; s < sessions; ++s) {
            const bool absent = is_absent(s, match.ids[s].front());
            absent_everywhere = absent_everywhere && absent;
            absent_somewhere = absent_somewhere || absent;
        }
        if (match.key.empty() || absent_somewhere != absent_everywhere) {
            for (std::size_t s = 0; s < sessions; ++s)
                leave_out(out.left_out_categories, categories, by_category, s, match.ids[s].front(),
                          match.key.empty() ? "it has no name" : "absent / not observable in some sessions but not in others");
            continue;
        }
        PooledCategory category;
        category.key = match.key;
        category.absent = absent_everywhere;
        category.name = inputs.front().session->sampling.find_category(match.ids.front().front())->name;
        for (std::size_t s = 0; s < sessions; ++s) {
            const CategoryId id = match.ids[s].front();
            const std::int64_t count = count_in(by_category[s], id);
            category.categories.push_back(id);
            category.counts.push_back(count);
            category.count += count;
            (category.absent ? out.absent[s] : out.observations[s]) += count;
        }
        out.categories.push_back(std::move(category));
    }
    for (std::size_t s = 0; s < sessions; ++s) {
        out.pooled_observations += out.observations[s];
        out.pooled_absent += out.absent[s];
    }
    for (PooledCategory& category : out.categories) {
        for (std::size_t s = 0; s < sessions; ++s) {
            std::optional<double> share;
            if (!category.absent && out.observations[s] > 0)
                share = static_cast<double>(category.counts[s]) / static_cast<double>(out.observations[s]);
            category.shares.push_back(share);
        }
        if (!category.absent) category.pooled = sampling::estimate_share(category.count, out.pooled_observations, out.z);
    }

    const NameMatching subject_matching = match_names(subjects);
    for (const NameMatch& match : subject_matching.matched) {
        if (match.key.empty()) {
            for (std::size_t s = 0; s < sessions; ++s)
                leave_out(out.left_out_subjects, subjects, by_subject, s, match.ids[s].front(), "it has no name");
            continue;
        }
        PooledSubject subject;
        subject.key = match.key;
        subject.name = inputs.front().session->sampling.find_subject(match.ids.front().front())->name;
        for (std::size_t s = 0; s < sessions; ++s) subject.subjects.push_back(match.ids[s].front());
        out.subjects.push_back(std::move(subject));
    }

    const auto leave_out_rest = [&](const NameMatching& matching, std::vector<std::vector<SamplingLeftOut>>& lists,
                                    const std::vector<std::vector<Named>>& named, const std::vector<Counts>& counts,
                                    const char* things) {
        for (const std::vector<NameMatch>* group : {&matching.unmatched, &matching.ambiguous})
            for (const NameMatch& match : *group)
                for (std::size_t s = 0; s < sessions; ++s)
                    for (std::int64_t id : match.ids[s])
                        leave_out(lists, named, counts, s, id, why_left_out(match, s, inputs, things));
        for (std::size_t s = 0; s < sessions; ++s) sort_by_place(lists[s], named[s]);
    };
    leave_out_rest(category_matching, out.left_out_categories, categories, by_category, "categories");
    leave_out_rest(subject_matching, out.left_out_subjects, subjects, by_subject, "subjects");

    test_independence(inputs, out);

    std::optional<std::pair<std::size_t, std::size_t>> pair = options.kappa_pair;
    if (!pair && sessions == 2) pair = std::pair<std::size_t, std::size_t>{0, 1};
    if (pair) out.kappa = agreement_of(inputs, out, pair->first, pair->second);
    return out;
}

}  // namespace gemba
