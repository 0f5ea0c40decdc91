// Where each part of a current-state value stream map goes, and what it says, with no display:
// the customer box, a process box with its data box per step, the inventory triangles of the
// queues before each step (several feeding one step are stacked), the push arrows, and the
// timeline ladder with its totals box. Also the same data as a kanban board's columns.
//
// Sizes are in em (multiples of the font size), origin top left, y down: a front end multiplies
// by its font size and zoom. Every text is formatted here once, so that drawing a frame formats
// nothing (times in format_ladder_time units).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/value_stream.hpp"
#include "core/model/session.hpp"

namespace gemba {

// ---- Map -------------------------------------------------------------------------------------

struct MapRect {
    float x = 0, y = 0, w = 0, h = 0;  // em
    float right() const { return x + w; }
    float bottom() const { return y + h; }
};

// Whether two rectangles share any area (touching edges do not).
bool overlaps(const MapRect& a, const MapRect& b);

// The height of one text line in a box, in em.
inline constexpr float kMapLineEm = 1.3f;
// The smallest zoom a front end opens the map at: its text is then 14 px at the 20 px base font,
// still readable at arm's length. Ten steps fit a 1280 px window at it; more scroll.
inline constexpr float kMapReadableZoom = 0.7f;

// A step: its process box (name on a band of its value class's colour, who touches it) and the
// data box under it (C/T, C/O, uptime, shifts, people, batch, what happens: the ones the plan has).
struct MapProcess {
    std::size_t step = 0;  // index into ValueStreamFigures::steps
    MapRect box;
    MapRect data;
    std::string name;
    std::vector<std::string> name_lines;  // the name broken between words, two lines at most
    float band_height = kMapLineEm;       // the name band's, the same in every box
    ValueClass value_class = ValueClass::value_added;
    std::string touched_by;  // "Welder, Team leader"; empty when nobody is named; under the band
    std::vector<std::string> data_lines;
};

// An inventory triangle with its label lines under it (name, count, days of work it holds).
struct MapQueue {
    std::size_t queue = 0;  // index into ValueStreamFigures::queues
    std::size_t step = 0;   // index of the step it feeds
    MapRect triangle;       // the triangle's bounding box, apex at the top middle
    MapRect label;          // the lines under it
    std::vector<std::string> label_lines;
    bool over_limit = false;  // then label_lines ends with "OVER": in words, not only colour
    std::string detail;       // everything about it in one text, for a tooltip
};

// A straight arrow from (x0, y0) to its head at (x1, y1).
struct MapArrow {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// One step's part of the ladder: the wait before it on the upper level (under its queues), the
// process time on the lower level (under its box). Empty texts where nothing is known.
struct MapLadderStep {
    float wait_x0 = 0, wait_x1 = 0;
    float process_x0 = 0, process_x1 = 0;
    std::string wait_text;
    std::string process_text;
    bool longest_wait = false;
};

struct ValueStreamMapLayout {
    float width = 0, height = 0;  // em, the whole content with its margins
    MapRect customer;
    std::vector<std::string> customer_lines;  // "Customer", "920 / day", "takt 60 s"
    std::vector<MapProcess> processes;        // flow order
    std::vector<MapQueue> queues;             // by step, then input order
    std::vector<MapArrow> push_arrows;        // between consecutive process boxes
    MapArrow ship_arrow;                      // from the last process box to the customer
    float ladder_wait_y = 0, ladder_process_y = 0;  // the ladder's upper and lower levels
    std::vector<MapLadderStep> ladder;              // flow order
    MapRect totals;  // right of the ladder on a stream of up to seven steps, else under it
    // "Lead time 4.5 days", "Value-added time 5 s", "PCE 0.031 %", "Takt 1 min", "Longest wait:
    // before Welding", "Over WIP limit: Inbox" (or "…: 3 queues"), those that are known.
    std::vector<std::string> totals_lines;
    std::vector<std::string> notices;       // the figures' notices, in words
};

// The map of `figures` (of value_stream_of on a session with `plan`): process data from the plan's
// steps (matched by id), times read in working days of the plan's available time per day.
ValueStreamMapLayout layout_value_stream_map(const Plan& plan, const ValueStreamFigures& figures);

// ---- Kanban board ----------------------------------------------------------------------------

// A column of the board: a queue (what waits) or a step (what is being worked on).
struct BoardColumn {
    enum class Kind { queue, step } kind = Kind::queue;
    std::size_t index = 0;  // into ValueStreamFigures::queues or ::steps
    std::string title;
    // A queue: "12 / 8 — over limit", "8 / 8 — full", "7 / 8", "7" (no limit), "not counted"; a step: its
    // process time "C/T 45 s" or "C/T not timed".
    std::string count_text;
    std::string days_text;  // a queue's days of work ("4.5 days"); empty when unknown
    bool over_limit = false;
    ValueClass value_class = ValueClass::value_added;  // a step's
    std::vector<std::string> touched_by;               // a step's
    bool running = false;                              // a step's: a reading of it runs now
};

// The board in flow order: before each step the queues that feed it, then the step.
// `running_steps`: the steps with a running reading now.
std::vector<BoardColumn> value_stream_board(const Plan& plan, const ValueStreamFigures& figures,
                                            const std::vector<StepId>& running_steps);

}  // namespace gemba
