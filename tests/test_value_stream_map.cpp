// The value stream map's layout and kanban board (core/report/value_stream_map): where things go,
// that nothing overlaps, and what they say. Expected texts are worked out by hand in comments.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/value_stream.hpp"
#include "core/report/value_stream_map.hpp"

using namespace gemba;

namespace {

constexpr float kBaseFontPx = 20.0f;  // the GUI's font size at scale 1 (app/gui/ui_common.hpp)
constexpr double kDayMs = 55'200'000.0;  // two shifts of 27,600 s

// A plan of `n` steps (ids 1..n) with a working day and a demand of 920 a day (takt 60 s).
Plan plan_of(std::size_t n) {
    Plan plan;
    plan.settings.takt_available_ms = static_cast<std::int64_t>(kDayMs);
    plan.settings.takt_demand_units = 920.0;
    for (std::size_t i = 0; i < n; ++i) {
        Step step{static_cast<StepId>(i + 1), "Step " + std::to_string(i + 1), ValueClass::value_added};
        plan.steps.push_back(step);
    }
    return plan;
}

ValueStreamInput input_of(const Plan& plan) {
    ValueStreamInput input;
    input.demand_per_day = plan.settings.takt_demand_units;
    input.available_ms_per_day = plan.settings.takt_available_ms;
    for (const Step& s : plan.steps) {
        ValueStreamStep step;
        step.id = s.id;
        step.name = s.name;
        step.value_class = s.value_class;
        step.process_ms = 39'000.0;
        step.touched_by = s.touched_by;
        input.steps.push_back(step);
    }
    return input;
}

ValueStreamQueue queue(std::string name, StepId before_step, std::int64_t count, std::optional<std::int64_t> limit = {}) {
    return {.id = kNoQueue, .name = std::move(name), .before_step = before_step, .counts = {{0, count}}, .wip_limit = limit};
}

ValueStreamFigures figures_of(const ValueStreamInput& input) {
    ValueStreamResult result = value_stream_figures(input);
    REQUIRE(result.ok());
    return *result.figures;
}

// Every box of the map: process and data boxes, triangles and their labels, customer, totals.
std::vector<MapRect> boxes_of(const ValueStreamMapLayout& map) {
    std::vector<MapRect> boxes{map.customer, map.totals};
    for (const MapProcess& p : map.processes) {
        boxes.push_back(p.box);
        boxes.push_back(p.data);
    }
    for (const MapQueue& q : map.queues) {
        boxes.push_back(q.triangle);
        boxes.push_back(q.label);
    }
    return boxes;
}

void check_no_overlap(const ValueStreamMapLayout& map) {
    const std::vector<MapRect> boxes = boxes_of(map);
    for (std::size_t i = 0; i < boxes.size(); ++i)
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            INFO("boxes " << i << " and " << j);
            CHECK_FALSE(overlaps(boxes[i], boxes[j]));
        }
    for (const MapRect& box : boxes) {
        CHECK(box.x >= 0.0f);
        CHECK(box.y >= 0.0f);
        CHECK(box.right() <= map.width);
        CHECK(box.bottom() <= map.height);
    }
}

}  // namespace

TEST_CASE("ten steps fit a 1280 px window at the readable zoom, and fifty need scrolling") {
    for (std::size_t n : {10u, 50u}) {
        const Plan plan = plan_of(n);
        ValueStreamInput input = input_of(plan);
        // Every queue over its limit: the map grows sideways only, never downwards with the stream.
        for (std::size_t i = 1; i < n; ++i) input.queues.push_back(queue("Q" + std::to_string(i), static_cast<StepId>(i + 1), 100, 50));
        const ValueStreamMapLayout map = layout_value_stream_map(plan, figures_of(input));
        REQUIRE(map.processes.size() == n);
        const float width_px = map.width * kBaseFontPx * kMapReadableZoom;
        const float height_px = map.height * kBaseFontPx * kMapReadableZoom;
        CHECK(height_px <= 800.0f - 150.0f);  // the top bar and the screen's own controls above it
        if (n == 10) {
            // Inside the app window's and the map frame's padding and borders (8 + 8 px a side, 1 px borders).
            CHECK(width_px <= 1280.0f - 34.0f);
        } else {
            CHECK(width_px > 1280.0f);
        }
        check_no_overlap(map);
    }
}

TEST_CASE("no two boxes of the map overlap, with several queues stacked before one step") {
    Plan plan = plan_of(4);
    plan.steps[1].touched_by = {"Welder", "Team leader"};
    plan.steps[1].changeover_ms = 600'000;
    plan.steps[1].uptime_pct = 85.0;
    plan.steps[1].people = 3;
    plan.steps[1].shifts = 2;
    plan.steps[1].batch_size = 500;
    plan.steps[1].what_happens = "spot welds the bracket";
    ValueStreamInput input = input_of(plan);
    input.queues = {queue("Left", 2, 4600), queue("Right", 2, 2400, 2000), queue("Rework", 2, 10, 5), queue("Done", 4, 920)};
    const ValueStreamMapLayout map = layout_value_stream_map(plan, figures_of(input));
    check_no_overlap(map);
    CHECK(map.totals_lines.back() == "Over WIP limit: 2 queues");  // Right (2,400 > 2,000) and Rework (10 > 5)
    // The three queues before step 2 are stacked one under the other, in input order.
    REQUIRE(map.queues.size() == 4);
    CHECK(map.queues[0].queue == 0);
    CHECK(map.queues[1].queue == 1);
    CHECK(map.queues[2].queue == 2);
    CHECK(map.queues[1].triangle.y >= map.queues[0].label.bottom());
    CHECK(map.queues[2].triangle.y >= map.queues[1].label.bottom());
    CHECK(map.queues[0].triangle.x == map.queues[2].triangle.x);
    // Every data box is as tall as the tallest: C/T, C/O, Up, people, shifts, batch, what happens
    // (broken between words into lines of about ten characters, three at most).
    CHECK(map.processes[1].data_lines == std::vector<std::string>{"C/T 39 s", "C/O 10 min", "Up 85 %", "3 people",
                                                                  "2 shifts", "Batch 500", "spot welds", "the", "bracket"});
    CHECK(map.processes[0].data.h == map.processes[1].data.h);
    // A long queue name and what happens in a step: at most two and three lines, the rest kept on the last.
    input.queues[0].name = "Stamped and deburred brackets";
    plan.steps[1].what_happens = "robot spot welds the bracket then an operator checks it";
    const ValueStreamMapLayout longer = layout_value_stream_map(plan, figures_of(input));
    check_no_overlap(longer);
    CHECK(longer.queues[0].label_lines[0] == "Stamped");
    CHECK(longer.queues[0].label_lines[1] == "and deburred brackets");
    // "robot spot" / "welds the" / the rest.
    CHECK(longer.processes[1].data_lines.back() == "bracket then an operator checks it");
    // A step's name on up to two lines: every box's name band as tall as the longest name's.
    plan.steps[2].name = "Build the change";
    const ValueStreamMapLayout named = layout_value_stream_map(plan, figures_of(input_of(plan)));
    check_no_overlap(named);
    CHECK(named.processes[2].name_lines == std::vector<std::string>{"Build the", "change"});
    CHECK(named.processes[0].name_lines.size() == 1);
    CHECK(named.processes[0].band_height == 2 * kMapLineEm);
    CHECK(named.processes[0].box.h == 3 * kMapLineEm);  // two name lines, then who touches it
    CHECK(map.processes[1].touched_by == "Welder, Team leader");
}

TEST_CASE("each queue sits before the step it feeds, after the step before it") {
    const Plan plan = plan_of(5);
    ValueStreamInput input = input_of(plan);
    input.queues = {queue("Before 5", 5, 1), queue("Before 1", 1, 2), queue("Before 3", 3, 3)};
    const ValueStreamMapLayout map = layout_value_stream_map(plan, figures_of(input));
    REQUIRE(map.queues.size() == 3);
    for (const MapQueue& q : map.queues) {
        const MapRect& fed = map.processes[q.step].box;
        CHECK(q.label.right() <= fed.x);
        CHECK(q.triangle.right() <= fed.x);
        if (q.step > 0) CHECK(q.label.x >= map.processes[q.step - 1].box.right());
    }
    // Flow order: the queue before step 1 first, whatever the input order.
    CHECK(map.queues[0].label_lines[0] == "Before 1");
    CHECK(map.queues[1].label_lines[0] == "Before 3");
    CHECK(map.queues[2].label_lines[0] == "Before 5");
    // A push arrow between each two consecutive boxes, pointing downstream.
    REQUIRE(map.push_arrows.size() == 4);
    CHECK(map.push_arrows[0].x0 == map.processes[0].box.right());
    CHECK(map.push_arrows[0].x1 == map.processes[1].box.x);
}

TEST_CASE("the map's texts: counts and days under the triangles, the ladder, the totals") {
    // Stamping 39 s, then 4,601 pieces before Welding 46 s (limit 4,600), 920 a day, takt 60 s.
    Plan plan = plan_of(2);
    plan.steps[0].name = "Stamping";
    plan.steps[1].name = "Welding";
    ValueStreamInput input = input_of(plan);
    input.steps[1].process_ms = 46'000.0;
    input.queues = {queue("Stamped parts", 2, 4601, 4600)};
    const ValueStreamFigures figures = figures_of(input);
    const ValueStreamMapLayout map = layout_value_stream_map(plan, figures);

    // Takt 60 s reads in minutes on the ladder: seconds stop below 60 (format_ladder_time).
    CHECK(map.customer_lines == std::vector<std::string>{"Customer", "920 / day", "Takt 1 min"});
    REQUIRE(map.queues.size() == 1);
    // 4,601 ÷ 920 = 5.0011 days → "5 days"; over its limit of 4,600: said in words. The name on two
    // lines of about eight characters, broken between words.
    CHECK(map.queues[0].label_lines == std::vector<std::string>{"Stamped", "parts", "4601", "5 days", "OVER"});
    CHECK(map.queues[0].over_limit);
    REQUIRE(map.ladder.size() == 2);
    CHECK(map.ladder[0].wait_text.empty());  // nothing waits before the first step
    CHECK(map.ladder[0].process_text == "39 s");
    CHECK(map.ladder[1].wait_text == "5 days");
    CHECK(map.ladder[1].process_text == "46 s");
    CHECK(map.ladder[1].longest_wait);
    // The wait sits under the queue's slot, the process time under the box.
    CHECK(map.ladder[1].wait_x1 == map.processes[1].box.x);
    CHECK(map.ladder[1].process_x0 == map.processes[1].box.x);
    CHECK(map.ladder[1].process_x1 == map.processes[1].box.right());
    CHECK(map.ladder_process_y > map.ladder_wait_y);
    // 4,601 × 60 s = 276,060 s of wait + 85 s = 276,145 s; ÷ 55,200 s = 5.0026 days → "5 days".
    // PCE = 85 ÷ 276,145 = 0.000308 → "0.031 %".
    CHECK(map.totals_lines == std::vector<std::string>{"Lead time 5 days", "Value-added time 1.4 min", "PCE 0.031 %",
                                                      "Takt 1 min", "Longest wait: before Welding",
                                                      "Over WIP limit: Stamped parts"});
}

TEST_CASE("the kanban board: queues before their step, counts against limits in words, who works where") {
    Plan plan = plan_of(3);
    plan.steps[1].touched_by = {"Welder"};
    ValueStreamInput input = input_of(plan);
    input.steps[1].touched_by = {"Welder"};
    input.steps[2].process_ms.reset();
    input.queues = {queue("Inbox", 2, 12, 8), queue("Ready", 3, 7, 8), queue("Parked", 3, 7), queue("Full", 3, 8, 8)};
    input.queues.push_back({.id = kNoQueue, .name = "Uncounted", .before_step = 3, .counts = {}, .wip_limit = {}});
    const std::vector<BoardColumn> board = value_stream_board(plan, figures_of(input), {StepId{2}});

    REQUIRE(board.size() == 8);
    using Kind = BoardColumn::Kind;
    const std::vector<std::string> titles{"Step 1", "Inbox", "Step 2", "Ready", "Parked", "Full", "Uncounted", "Step 3"};
    for (std::size_t i = 0; i < board.size(); ++i) CHECK(board[i].title == titles[i]);
    CHECK(board[0].kind == Kind::step);
    CHECK(board[1].kind == Kind::queue);
    // 12 in a column limited to 8.
    CHECK(board[1].count_text == "12 / 8 — over limit");
    CHECK(board[1].over_limit);
    // 12 ÷ 920 a day = 0.013 days = 0.013 × 55,200 s = 720 s = 12 min.
    CHECK(board[1].days_text == "12 min");
    CHECK(board[3].count_text == "7 / 8");
    CHECK_FALSE(board[3].over_limit);
    CHECK(board[4].count_text == "7");
    CHECK(board[5].count_text == "8 / 8 — full");  // at its limit: full, not over
    CHECK_FALSE(board[5].over_limit);
    CHECK(board[6].count_text == "not counted");
    CHECK(board[2].running);
    CHECK_FALSE(board[0].running);
    CHECK(board[2].touched_by == std::vector<std::string>{"Welder"});
    CHECK(board[2].count_text == "C/T 39 s");
    CHECK(board[7].count_text == "C/T not timed");
}

TEST_CASE("the totals box sits at the ladder's right end on a short stream, under its start on a long one") {
    for (std::size_t n : {1u, 3u, 8u, 9u, 10u, 50u}) {
        CAPTURE(n);
        const Plan plan = plan_of(n);
        const ValueStreamMapLayout map = layout_value_stream_map(plan, figures_of(input_of(plan)));
        check_no_overlap(map);
        const float ladder_end = map.ladder.back().process_x1;
        // Beside: 0.8 + n × 8.7 + 1.5 + 17 + 0.8 em must stay within ten steps' 0.8 × 2 + 87 = 88.6 em,
        // so n ≤ (88.6 - 20.1) ÷ 8.7 = 7.9: up to 7 steps beside, from 8 under.
        if (n <= 7) {
            CHECK(map.totals.x > ladder_end);
            CHECK(map.totals.y < map.ladder_process_y);
        } else {
            CHECK(map.totals.x < map.processes.front().box.x);
            CHECK(map.totals.y > map.ladder_process_y);
        }
        CHECK(map.height >= map.ladder_process_y + kMapLineEm);
    }
}
