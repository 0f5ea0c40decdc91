#include "core/report/action_board.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/file/session_file.hpp"
#include "core/file/utf8.hpp"
#include "core/report/json_writer.hpp"

namespace gemba {
namespace {

// Reading order: overdue first, then by due date with undated actions last, then walk and id so
// that the order never depends on how the actions happen to be stored.
bool reads_before(const BoardCard& a, const BoardCard& b) {
    const auto key = [](const BoardCard& c) { return std::tuple(!c.overdue, c.due.empty(), c.due, c.walk, c.action); };
    return key(a) < key(b);
}

std::string step_text(const Plan& plan, StepId id) {
    const Step* step = plan.find_step(id);
    return step ? step->name : "(step " + std::to_string(id) + ")";
}

BoardCard card_of(const BoardWalk& walk, std::size_t walk_index, const Action& action, std::string_view today) {
    const RaisedProblem* problem = walk.plan.improvement.find_problem(action.problem);
    return BoardCard{walk_index,
                     action.id,
                     action.title,
                     action.owner,
                     action.due,
                     action.status,
                     overdue(action, today),
                     problem ? problem->title : std::string(),
                     action.expected ? expected_effect_text(*action.expected, walk.plan) : std::string()};
}

std::int64_t doing_count(const Improvement& improvement) {
    return std::count_if(improvement.actions.begin(), improvement.actions.end(),
                         [](const Action& a) { return a.status == ActionStatus::doing; });
}

BoardEdit refused(std::string why) { return BoardEdit{false, std::move(why), {}}; }

// The cells of one action as the table and the JSON name them.
struct ActionRow {
    std::string walk, file;
    ProblemId problem_id = 0;
    std::string problem;
    ActionId action_id = 0;
    std::string action, owner, due, status;
    bool overdue = false;
    std::string expected;
};

std::vector<ActionRow> action_rows(std::span<const BoardWalk> walks, std::string_view today) {
    std::vector<ActionRow> rows;
    for (const BoardCard& card : ordered_actions(walks, today)) {
        const BoardWalk& walk = walks[card.walk];
        const Action& action = *walk.plan.improvement.find_action(card.action);
        rows.push_back(ActionRow{walk_name(walk), walk.file.string(), action.problem, card.problem, card.action,
                                 card.title, card.owner, card.due, std::string(to_string(card.status)), card.overdue,
                                 card.expected});
    }
    return rows;
}

}  // namespace

std::string walk_name(const BoardWalk& walk) {
    return walk.plan.title.empty() ? walk.file.stem().string() : walk.plan.title;
}

std::string wip_text(std::int64_t doing, std::int64_t limit) {
    std::string text = std::to_string(doing) + " / " + std::to_string(limit);
    if (doing > limit) return text + " over limit";
    if (doing == limit) return text + " full";
    return text;
}

std::optional<std::size_t> column_of(ActionStatus status) {
    const auto it = std::find(kBoardColumns.begin(), kBoardColumns.end(), status);
    if (it == kBoardColumns.end()) return std::nullopt;
    return static_cast<std::size_t>(it - kBoardColumns.begin());
}

std::vector<const Action*> actions_in_reading_order(const Improvement& improvement, std::string_view today) {
    std::vector<const Action*> actions;
    for (const Action& action : improvement.actions) actions.push_back(&action);
    const auto key = [today](const Action* a) { return std::tuple(!overdue(*a, today), a->due.empty(), a->due, a->id); };
    std::stable_sort(actions.begin(), actions.end(), [&](const Action* a, const Action* b) { return key(a) < key(b); });
    return actions;
}

std::vector<BoardCard> ordered_actions(std::span<const BoardWalk> walks, std::string_view today) {
    std::vector<BoardCard> cards;
    for (std::size_t w = 0; w < walks.size(); ++w)
        for (const Action& action : walks[w].plan.improvement.actions) cards.push_back(card_of(walks[w], w, action, today));
    std::stable_sort(cards.begin(), cards.end(), reads_before);
    return cards;
}

ActionBoard make_board(std::span<const BoardWalk> walks, const BoardFilter& filter, std::string_view today) {
    ActionBoard board;
    std::set<std::string> owners;
    bool nobody = false;
    for (std::size_t w = 0; w < walks.size(); ++w) {
        if (filter.walk && *filter.walk != w) continue;
        const Improvement& improvement = walks[w].plan.improvement;
        board.wip.push_back(WipLoad{w, doing_count(improvement), improvement.doing_limit});
        for (const Action& action : improvement.actions) {
            if (action.owner.empty()) nobody = true;
            else owners.insert(action.owner);
        }
    }
    board.owners.assign(owners.begin(), owners.end());
    if (nobody) board.owners.emplace_back();
    for (BoardCard& card : ordered_actions(walks, today)) {
        if (filter.walk && *filter.walk != card.walk) continue;
        if (filter.owner && *filter.owner != card.owner) continue;
        const std::optional<std::size_t> column = column_of(card.status);
        (column ? board.columns[*column] : board.dropped).push_back(std::move(card));
    }
    return board;
}

std::string expected_effect_text(const ExpectedEffect& effect, const Plan& plan) {
    std::string what;
    switch (effect.metric) {
        case Metric::step_mean: what = "Mean time of " + step_text(plan, effect.step); break;
        case Metric::wait_before: what = "Wait before " + step_text(plan, effect.step); break;
        case Metric::waste_rate:
            what = std::string(display_name(effect.waste)) + " tags per hour";
            if (effect.step != 0) what += " at " + step_text(plan, effect.step);
            break;
        default: what = std::string(display_name(effect.metric)); break;
    }
    return what + " should " + std::string(to_string(effect.direction));
}

BoardEdit move_action(Improvement& improvement, ActionId id, ActionStatus to) {
    Action* action = improvement.find_action(id);
    if (!action) return refused("There is no action " + std::to_string(id) + " on the board.");
    const std::string column(display_name(to));
    if (action->status == to) return refused("“" + action->title + "” is in " + column + " already.");
    const std::int64_t doing = doing_count(improvement);
    if (to == ActionStatus::doing && doing >= improvement.doing_limit)
        return refused("Doing is full (" + wip_text(doing, improvement.doing_limit) + "): finish or drop one of its "
                       "actions first, or raise the limit.");
    action->status = to;
    return BoardEdit{true, "“" + action->title + "” → " + column,
                     "move " + action->title + " to " + column};
}

BoardEdit set_doing_limit(Improvement& improvement, std::int64_t limit) {
    if (limit < 1 || limit > kMaxDoingLimit)
        return refused("The limit on Doing is a whole number from 1 to " + std::to_string(kMaxDoingLimit) + ".");
    const std::int64_t doing = doing_count(improvement);
    if (limit < doing)
        return refused(std::to_string(doing) + " actions are in Doing: move " + std::to_string(doing - limit) +
                       " of them on (finish or drop them) first, or keep the limit at " + std::to_string(doing) +
                       " or more.");
    if (limit == improvement.doing_limit) return refused("The limit on Doing is " + std::to_string(limit) + " already.");
    improvement.doing_limit = limit;
    return BoardEdit{true, "The limit on Doing is " + std::to_string(limit) + ".",
                     "limit Doing to " + std::to_string(limit)};
}

WalksRead read_walks(std::span<const std::filesystem::path> paths) {
    WalksRead read;
    const auto read_one = [&](const std::filesystem::path& file) {
        LoadResult loaded = load_session(file);
        if (!loaded.ok()) read.unreadable.push_back({file, loaded.problem->message()});
        else read.walks.push_back(BoardWalk{file, std::move(loaded.session->plan())});
    };
    for (const std::filesystem::path& path : paths) {
        std::error_code ec;
        if (!std::filesystem::is_directory(path, ec)) {
            read_one(path);
            continue;
        }
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(path, ec))
            if (entry.path().extension() == ".json" && !entry.is_directory(ec)) files.push_back(entry.path());
        if (ec) read.unreadable.push_back({path, path.string() + ": the folder could not be read: " + ec.message()});
        else if (files.empty()) read.unreadable.push_back({path, path.string() + ": no session file (*.json) in this folder"});
        std::sort(files.begin(), files.end());
        for (const auto& file : files) read_one(file);
    }
    return read;
}

CsvTable actions_table(std::span<const BoardWalk> walks, std::string_view today) {
    CsvTable table;
    table.rows.push_back({});
    for (const char* header : {"walk", "file", "problem_id", "problem", "action_id", "action", "owner", "due", "status",
                               "overdue", "expected_effect"})
        table.rows.back().push_back(CsvCell{header, false});
    for (const ActionRow& r : action_rows(walks, today))
        table.rows.push_back({{r.walk, true}, {r.file, true}, {std::to_string(r.problem_id), false}, {r.problem, true},
                              {std::to_string(r.action_id), false}, {r.action, true}, {r.owner, true}, {r.due, false},
                              {r.status, false}, {r.overdue ? "yes" : "no", false}, {r.expected, false}});
    return table;
}

std::string actions_text(std::span<const BoardWalk> walks, std::string_view today) {
    const std::vector<BoardCard> cards = ordered_actions(walks, today);
    if (cards.empty()) return "No actions.\n";
    std::vector<std::array<std::string, 8>> lines{
        {"walk (file)", "problem", "action", "owner", "due", "status", "overdue", "expected effect"}};
    for (const BoardCard& c : cards) {
        const BoardWalk& walk = walks[c.walk];
        lines.push_back({walk_name(walk) + " (" + walk.file.string() + ")", c.problem, c.title, c.owner,
                         c.due, std::string(display_name(c.status)), c.overdue ? "OVERDUE" : "", c.expected});
    }
    std::array<std::size_t, 8> widths{};
    for (const auto& line : lines)
        for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], utf8_length(line[i]));
    std::string text;
    for (const auto& line : lines) {
        std::string row;
        for (std::size_t i = 0; i < line.size(); ++i) {
            row += line[i];
            if (i + 1 < line.size()) row += std::string(widths[i] - utf8_length(line[i]) + 2, ' ');
        }
        while (!row.empty() && row.back() == ' ') row.pop_back();
        text += row + '\n';
    }
    return text;
}

std::string actions_json(std::span<const BoardWalk> walks, std::string_view today) {
    JsonWriter json;
    json.begin_object().key("today").value(today).key("actions").begin_array();
    for (const ActionRow& r : action_rows(walks, today)) {
        json.begin_object();
        json.key("walk").value(r.walk).key("file").value(r.file);
        json.key("problem_id").value(r.problem_id).key("problem").value(r.problem);
        json.key("action_id").value(r.action_id).key("action").value(r.action);
        json.key("owner").value(r.owner).key("due").value(r.due).key("status").value(r.status);
        json.key("overdue").value(r.overdue).key("expected_effect").value(r.expected);
        json.end_object();
    }
    json.end_array().end_object();
    return json.str() + "\n";
}

}  // namespace gemba
