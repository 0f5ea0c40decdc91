#include "app/gui/round_actions.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"

namespace gemba::gui {
namespace {

const std::vector<SamplingSubject>& subjects(const AppState& app) { return app.doc.session().sampling.subjects; }

std::int64_t current_round(const AppState& app) { return app.doc.recorder().current_round(); }

std::size_t subject_index(const AppState& app, SubjectId id) {
    const std::vector<SamplingSubject>& all = subjects(app);
    const auto it = std::find_if(all.begin(), all.end(), [&](const SamplingSubject& s) { return s.id == id; });
    return static_cast<std::size_t>(it - all.begin());
}

// The first subject after `from` (round the list, `from` last) not yet tallied in the round; `from`
// itself when every subject is.
SubjectId next_untallied(const AppState& app, std::size_t from) {
    const std::vector<SamplingSubject>& all = subjects(app);
    const std::int64_t round = current_round(app);
    for (std::size_t i = 1; i <= all.size(); ++i) {
        const SamplingSubject& s = all[(from + i) % all.size()];
        if (!app.doc.state().observed(round, s.id)) return s.id;
    }
    return all[from % all.size()].id;
}

}  // namespace

CategoryId tallied_category(const LogState& state, std::int64_t round, SubjectId subject) {
    if (!state.observed(round, subject)) return kNoCategory;
    for (const Observation& o : state.observations())
        if (o.round == round && o.subject == subject) return o.category;
    return kNoCategory;
}

SubjectId selected_subject(const AppState& app) {
    const std::vector<SamplingSubject>& all = subjects(app);
    if (all.empty()) return kNoSubject;
    if (subject_index(app, app.rounds.selected) < all.size()) return app.rounds.selected;
    return next_untallied(app, all.size() - 1);
}

void tally(AppState& app, SubjectId subject, CategoryId category) {
    const SamplingStudy& study = app.doc.session().sampling;
    const SamplingSubject* who = study.find_subject(subject);
    const SamplingCategory* what = study.find_category(category);
    if (!who || !what) return;
    const std::int64_t round = current_round(app);
    const CategoryId before = tallied_category(app.doc.state(), round, subject);
    const Outcome outcome =
        app.doc.tap(TapKind::control, [&](Recorder& r) { return r.observe(subject, category); },
                    "Round " + std::to_string(round) + ": " + who->name + " — " + what->name);
    if (!outcome.done && before != kNoCategory) {
        const SamplingCategory* shown = study.find_category(before);
        show(app,
             who->name + " is already tallied in round " + std::to_string(round) + " as " + (shown ? shown->name : "?") +
                 ": undo first (Ctrl+Z), then tally again",
             true);
        return;
    }
    show(app, outcome);
    if (outcome.done) app.rounds.selected = next_untallied(app, subject_index(app, subject));
}

void tally_key(AppState& app, char key) {
    const SamplingCategory* category = app.doc.session().sampling.category_with_key(std::string(1, key));
    if (!category) {
        show(app, std::string("No category has the key ") + key, true);
        return;
    }
    const SubjectId subject = selected_subject(app);
    if (subject != kNoSubject) tally(app, subject, category->id);
    app.rounds.reveal_selected = true;
}

void choose_subject(AppState& app, int step) {
    const std::vector<SamplingSubject>& all = subjects(app);
    if (all.empty()) return;
    const std::size_t n = all.size();
    const std::size_t at = subject_index(app, selected_subject(app));
    app.rounds.selected = all[(at + (step < 0 ? n - 1 : 1)) % n].id;
    app.rounds.reveal_selected = true;
}

void skip_current_round(AppState& app) {
    std::string reason = app.rounds.skip_reason;
    while (!reason.empty() && reason.back() == ' ') reason.pop_back();
    if (reason.empty()) {
        show(app, "Say why the round is skipped (type the reason, then Enter)", true);
        return;
    }
    const std::int64_t round = current_round(app);
    const Outcome outcome = app.doc.tap(TapKind::control, [&](Recorder& r) { return r.skip_round(reason); },
                                        "Round " + std::to_string(round) + " skipped: " + reason);
    show(app, outcome);
    if (outcome.done) {
        app.rounds.skipping = false;
        app.rounds.skip_reason.clear();
    }
}

}  // namespace gemba::gui
