#include "app/gui/board_actions.hpp"

#include <algorithm>
#include <vector>

#include "app/gui/actions.hpp"

namespace gemba::gui {
namespace {

// The folder the open walk's file is in; a walk not saved yet is in the data folder.
std::filesystem::path folder_of_walk(const AppState& app) {
    const std::filesystem::path& file = app.doc.file();
    return file.empty() || file.parent_path().empty() ? app.paths.data_dir : file.parent_path();
}

// The other session files of that folder, read whole once; the open walk is taken from memory.
void read_folder_walks(AppState& app) {
    BoardView& board = app.board;
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder_of_walk(app), ec))
        if (entry.path().extension() == ".json" && entry.path().filename() != app.doc.file().filename() &&
            !entry.is_directory(ec))
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    board.others = read_walks(files);
    board.read_for = app.doc.file();
    board.stale = true;
    if (!board.others.unreadable.empty())
        show(app, board.others.unreadable.size() == 1
                      ? "A file of this folder did not load: " + board.others.unreadable.front().problem
                      : std::to_string(board.others.unreadable.size()) + " files of this folder did not load, the first: " +
                            board.others.unreadable.front().problem,
             true);
}

bool apply(AppState& app, const BoardEdit& edit) {
    if (!edit.done) {
        show(app, edit.message, true);
        return false;
    }
    app.doc.plan_edited(edit.undo_name);
    const Outcome journaled = app.doc.finish_plan_edit();
    if (journaled.error) show(app, journaled);
    else show(app, edit.message, false);
    app.board.stale = true;
    return true;
}

// The open walk's cards of each column, as shown: the ones the keys choose among.
std::vector<std::vector<ActionId>> own_cards(AppState& app) {
    std::vector<std::vector<ActionId>> columns;
    for (const std::vector<BoardCard>& column : current_board(app).columns) {
        columns.emplace_back();
        for (const BoardCard& card : column)
            if (card.walk == 0) columns.back().push_back(card.action);
    }
    return columns;
}

}  // namespace

const ActionBoard& current_board(AppState& app) {
    BoardView& board = app.board;
    if (board.folder && board.read_for != app.doc.file()) read_folder_walks(app);
    const std::string today = local_date_today();
    if (board.stale || board.shown_revision != app.doc.revision() || board.shown_today != today) {
        board.walks.clear();
        if (app.doc.has_walk()) board.walks.push_back(BoardWalk{app.doc.file(), app.doc.session()});
        if (board.folder) board.walks.insert(board.walks.end(), board.others.walks.begin(), board.others.walks.end());
        if (board.walk && *board.walk >= board.walks.size()) board.walk.reset();
        board.shown = make_board(board.walks, BoardFilter{board.walk, board.owner}, today);
        board.stale = false;
        board.shown_revision = app.doc.revision();
        board.shown_today = today;
    }
    return board.shown;
}

void show_folder_walks(AppState& app, bool folder) {
    if (folder && app.board.read_for != app.doc.file()) read_folder_walks(app);
    app.board.folder = folder;
    if (!folder) app.board.walk.reset();
    app.board.stale = true;
}

void reload_folder_walks(AppState& app) { read_folder_walks(app); }

void filter_walk(AppState& app, std::optional<std::size_t> walk) {
    app.board.walk = walk;
    app.board.stale = true;
}

void filter_owner(AppState& app, std::optional<std::string> owner) {
    app.board.owner = std::move(owner);
    app.board.stale = true;
}

bool move_card(AppState& app, ActionId action, ActionStatus to) {
    if (!app.doc.has_walk()) return false;
    return apply(app, move_action(app.doc.plan().improvement, action, to));
}

bool set_board_limit(AppState& app, std::int64_t limit) {
    if (!app.doc.has_walk()) return false;
    return apply(app, set_doing_limit(app.doc.plan().improvement, limit));
}

void choose_card(AppState& app, int dx, int dy) {
    const std::vector<std::vector<ActionId>> columns = own_cards(app);
    std::optional<std::size_t> column, row;
    for (std::size_t c = 0; c < columns.size() && !column; ++c)
        for (std::size_t r = 0; r < columns[c].size(); ++r)
            if (columns[c][r] == app.board.chosen) column = c, row = r;
    if (!column) {  // nothing chosen yet (or it left the board): the first card
        for (const std::vector<ActionId>& cards : columns)
            if (!cards.empty()) {
                app.board.chosen = cards.front();
                app.board.reveal_chosen = true;
                return;
            }
        return;
    }
    if (dy != 0) {
        const std::size_t last = columns[*column].size() - 1;
        row = dy < 0 ? (*row == 0 ? 0 : *row - 1) : std::min(*row + 1, last);
    }
    if (dx != 0) {  // the nearest column that way with a card in it, at the same height or its last
        for (auto c = static_cast<std::ptrdiff_t>(*column) + dx; c >= 0 && c < static_cast<std::ptrdiff_t>(columns.size()); c += dx)
            if (!columns[static_cast<std::size_t>(c)].empty()) {
                column = static_cast<std::size_t>(c);
                row = std::min(*row, columns[*column].size() - 1);
                break;
            }
    }
    app.board.chosen = columns[*column][*row];
    app.board.reveal_chosen = true;
}

void move_chosen_card(AppState& app, int direction) {
    if (!app.doc.has_walk()) return;
    const Action* action = app.doc.session().improvement.find_action(app.board.chosen);
    if (!action) {
        show(app, "Choose a card first (arrow keys).", true);
        return;
    }
    const std::optional<std::size_t> column = column_of(action->status);
    if (!column) return;  // dropped: not on the board
    const auto target = static_cast<std::ptrdiff_t>(*column) + direction;
    if (target < 0 || target >= static_cast<std::ptrdiff_t>(kBoardColumns.size())) {
        show(app, "“" + action->title + "” is in " + std::string(display_name(action->status)) +
                      ", the last column that way.", true);
        return;
    }
    if (move_card(app, action->id, kBoardColumns[static_cast<std::size_t>(target)])) app.board.reveal_chosen = true;
}

}  // namespace gemba::gui
