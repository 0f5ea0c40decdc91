#include "app/gui/pool_actions.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <system_error>
#include <utility>

#include "app/gui/actions.hpp"
#include "core/file/session_file.hpp"
#include "core/model/step_name.hpp"
#include "core/report/numbers.hpp"

namespace gemba::gui {
namespace {

namespace fs = std::filesystem;

std::string kind_words(StudyKind kind) {
    return kind == StudyKind::work_sampling ? "a work sampling study" : "a time study";
}

std::set<std::string> step_keys(const Session& session) {
    std::set<std::string> keys;
    for (const Step& step : session.steps) keys.insert(step_match_key(step.name));
    return keys;
}

std::set<std::string> category_keys(const Session& session) {
    std::set<std::string> keys;
    for (const SamplingCategory& category : session.sampling.categories) keys.insert(step_match_key(category.name));
    return keys;
}

// How a loaded session fits the open walk: same kind, and how many of the open walk's steps it has.
PoolCandidate candidate_for(const fs::path& file, const Session& open, const LoadResult& loaded) {
    PoolCandidate candidate{file, false, {}};
    if (!loaded.ok()) {
        candidate.about = "cannot be read: " + loaded.problem->message();
        return candidate;
    }
    const Session& session = *loaded.session;
    if (session.study != open.study) {
        candidate.about = kind_words(session.study) + ", not " + kind_words(open.study);
        return candidate;
    }
    // A time study's steps, a sampling study's categories, by name.
    const bool sampling = open.study == StudyKind::work_sampling;
    const std::set<std::string> theirs = sampling ? category_keys(session) : step_keys(session);
    const std::set<std::string> ours = sampling ? category_keys(open) : step_keys(open);
    std::size_t matching = 0;
    for (const std::string& key : ours) matching += theirs.count(key);
    const std::string items = sampling ? "categories" : "steps";
    candidate.fits = matching > 0;
    candidate.about = candidate.fits ? std::to_string(matching) + " of " + std::to_string(ours.size()) + " " + items + " match"
                                     : "no " + items.substr(0, items.size() - 1) + " of the same name";
    if (!session.observer.empty()) candidate.about = session.observer + ", " + candidate.about;
    return candidate;
}

fs::file_time_type file_time(const std::string& file) {
    std::error_code ec;
    const fs::file_time_type time = fs::last_write_time(file, ec);
    return ec ? fs::file_time_type{} : time;
}

// Reads a member's file again; a file that does not load keeps load_session's message.
void load_member(PoolMember& member, fs::file_time_type time) {
    member.loaded_time = time;
    member.session.reset();
    member.problem.clear();
    LoadResult loaded = load_session(member.file);
    if (!loaded.ok()) {
        member.problem = loaded.problem->message();
        return;
    }
    if (loaded.session->study == StudyKind::time_study) member.summary = summarize(*loaded.session, loaded.state);
    member.state = std::move(loaded.state);
    member.session = std::move(*loaded.session);
}

}  // namespace

std::vector<PoolCandidate> list_pool_candidates(const AppState& app) {
    std::vector<fs::path> files = list_session_files(app);
    std::error_code ec;
    for (const PoolMember& member : app.pool.members)
        std::erase(files, fs::weakly_canonical(member.file, ec));
    std::vector<std::pair<PoolCandidate, fs::file_time_type>> listed;
    for (const fs::path& file : files) {
        if (!app.doc.has_walk()) break;
        listed.emplace_back(candidate_for(file, app.doc.session(), load_session(file)), file_time(file.string()));
    }
    std::stable_sort(listed.begin(), listed.end(), [](const auto& a, const auto& b) {
        if (a.first.fits != b.first.fits) return a.first.fits;
        return a.second > b.second;
    });
    std::vector<PoolCandidate> candidates;
    for (auto& entry : listed) candidates.push_back(std::move(entry.first));
    return candidates;
}

bool add_to_pool(AppState& app, const std::string& file) {
    if (file.empty()) return false;
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    if (!app.doc.file().empty() && canonical == fs::weakly_canonical(app.doc.file(), ec)) return false;
    for (const PoolMember& member : app.pool.members)
        if (fs::weakly_canonical(member.file, ec) == canonical) return false;
    app.pool.members.push_back(PoolMember{file, {}, std::nullopt, {}, {}, {}});
    std::erase_if(app.pool.candidates, [&](const PoolCandidate& c) { return fs::weakly_canonical(c.file, ec) == canonical; });
    return true;
}

void remove_from_pool(AppState& app, std::size_t member) {
    if (member >= app.pool.members.size()) return;
    app.pool.members.erase(app.pool.members.begin() + static_cast<std::ptrdiff_t>(member));
    app.pool.candidates_listed = false;  // it may be offered again
}

std::string open_walk_file_label(const AppState& app) {
    return app.doc.file().empty() ? "the open walk" : app.doc.file().filename().string();
}

bool refresh_pool(AppState& app) {
    PoolView& view = app.pool;
    if (!app.doc.has_walk()) return false;
    std::vector<std::string> files;
    std::vector<fs::file_time_type> times;
    for (const PoolMember& member : view.members) {
        files.push_back(member.file);
        times.push_back(file_time(member.file));
    }
    if (view.revision == app.doc.revision() && files == view.computed_files && times == view.computed_times &&
        view.kappa_window_ms == view.computed_window_ms && view.kappa_a == view.computed_a && view.kappa_b == view.computed_b)
        return false;

    for (std::size_t i = 0; i < view.members.size(); ++i) {
        PoolMember& member = view.members[i];
        const bool read = member.session || !member.problem.empty();
        if (!read || member.loaded_time != times[i]) load_member(member, times[i]);
    }
    const Session& open = app.doc.session();
    const bool sampling = open.study == StudyKind::work_sampling;
    if (!sampling) view.open_summary = summarize(open, app.doc.state());
    std::vector<PoolInput> inputs{PoolInput{open_walk_file_label(app), &open, &app.doc.state(), &view.open_summary}};
    std::vector<SamplingPoolInput> sampling_inputs{SamplingPoolInput{open_walk_file_label(app), &open, &app.doc.state()}};
    view.pooled.clear();
    view.observer_files = {open_walk_file_label(app)};
    for (std::size_t i = 0; i < view.members.size(); ++i) {
        PoolMember& member = view.members[i];
        if (!member.session) continue;
        // Added before another walk was opened: that walk is the first observer already.
        std::error_code ec;
        if (!app.doc.file().empty() && fs::weakly_canonical(member.file, ec) == fs::weakly_canonical(app.doc.file(), ec)) {
            member.problem = fs::path(member.file).filename().string() + " is the open walk, the first observer";
            continue;
        }
        // A loaded session of another kind is named, not pooled; its file stays loaded.
        if (member.session->study != open.study) {
            member.problem = fs::path(member.file).filename().string() + " is " + kind_words(member.session->study) + ", not " + kind_words(open.study) +
                             " like the open walk";
            continue;
        }
        member.problem.clear();
        const std::string name = fs::path(member.file).filename().string();
        inputs.push_back(PoolInput{name, &*member.session, &member.state, &member.summary});
        sampling_inputs.push_back(SamplingPoolInput{name, &*member.session, &member.state});
        view.pooled.push_back(i);
        view.observer_files.push_back(name);
    }

    // The pair: two different observers of the pool, the first two unless chosen.
    const std::size_t n = inputs.size();
    if (view.kappa_a >= n) view.kappa_a = 0;
    if (view.kappa_b >= n || view.kappa_b == view.kappa_a) view.kappa_b = view.kappa_a == 0 ? 1 : 0;
    view.kappa_window_ms = std::max<std::int64_t>(view.kappa_window_ms, 0);

    view.revision = app.doc.revision();
    view.computed_files = std::move(files);
    view.computed_times = std::move(times);
    view.computed_window_ms = view.kappa_window_ms;
    view.computed_a = view.kappa_a;
    view.computed_b = view.kappa_b;
    view.result.reset();
    view.sampling_result.reset();
    ++view.computations;
    if (n < 2) return true;
    const std::pair<std::size_t, std::size_t> pair{view.kappa_a, view.kappa_b};
    if (sampling) {
        view.sampling_result = pool_sampling_studies(sampling_inputs, SamplingPoolOptions{pair});
        return true;
    }
    PoolOptions options;
    options.kappa_window_ms = view.kappa_window_ms;
    options.kappa_pair = pair;
    view.result = pool_studies(inputs, options);
    return true;
}

std::string kappa_strength(double kappa) {
    const double shown = std::round(kappa * 100.0) / 100.0;
    if (shown < 0.0) return "less than chance";
    if (shown <= 0.20) return "slight";
    if (shown <= 0.40) return "fair";
    if (shown <= 0.60) return "moderate";
    if (shown <= 0.80) return "substantial";
    return "almost perfect";
}

std::string window_text(std::int64_t window_ms) {
    if (window_ms % 1000 == 0) return std::to_string(window_ms / 1000) + " s";
    return format_fixed(static_cast<double>(window_ms) / 1000.0, window_ms % 100 == 0 ? 1 : 3) + " s";
}

std::string kappa_sentence(const PoolAgreement& agreement) {
    const std::string window = "with tags paired within " + window_text(agreement.window_ms);
    if (!agreement.agreement || !agreement.agreement->kappa) return agreement.why_not;
    const KappaResult& k = *agreement.agreement->kappa;
    const std::string events = std::to_string(k.items) + (k.items == 1 ? " event, " : " events, ") +
                               std::to_string(std::llround(k.p_observed * static_cast<double>(k.items))) + " agree";
    if (!k.kappa)
        return "κ undefined (both tagged one and the same waste throughout) " + window + "; " + events;
    std::string value = format_fixed(*k.kappa, 2);
    if (value.front() == '-') value = "\u2212" + value.substr(1);
    return "κ = " + value + " (" + kappa_strength(*k.kappa) + ") " + window + "; " + events;
}

std::string sampling_kappa_sentence(const SamplingAgreement& agreement) {
    if (!agreement.kappa)
        return agreement.why_not.starts_with("not computed") ? "\u03ba " + agreement.why_not
                                                             : "\u03ba not computed: " + agreement.why_not;
    const KappaResult& k = *agreement.kappa;
    const std::string pairs = std::to_string(k.items) + (k.items == 1 ? " pair, " : " pairs, ") +
                              std::to_string(std::llround(k.p_observed * static_cast<double>(k.items))) + " agree";
    const std::string paired = "with observations paired by round and subject";
    if (!k.kappa) return "\u03ba undefined (both saw one and the same category throughout) " + paired + "; " + pairs;
    std::string value = format_fixed(*k.kappa, 2);
    if (value.front() == '-') value = "\u2212" + value.substr(1);
    return "\u03ba = " + value + " (" + kappa_strength(*k.kappa) + ") " + paired + "; " + pairs;
}

}  // namespace gemba::gui
