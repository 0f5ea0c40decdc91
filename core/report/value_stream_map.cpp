#include "core/report/value_stream_map.hpp"

#include <algorithm>
#include <cstdint>

#include "core/report/ladder_time.hpp"
#include "core/report/numbers.hpp"

namespace gemba {
namespace {

// ---- Sizes, in em ----------------------------------------------------------------------------
// Compact enough that ten steps fit a 1280 px window at a readable zoom (see the tests): a process
// box holds about ten characters, a queue's slot about six.
constexpr float kMargin = 0.8f;
constexpr float kQueueSlot = 3.5f;   // between two process boxes: the triangles and the wait
constexpr float kBoxWidth = 5.2f;
constexpr float kCustomerWidth = 6.4f;
constexpr float kTriangleWidth = 2.0f, kTriangleHeight = 1.6f;
constexpr float kQueueGap = 0.5f;        // between stacked queues
constexpr float kArrowRoom = 1.0f;       // above the flow: the ship arrow's run to the customer
constexpr float kLadderLabelRoom = 1.6f;  // above the upper level and below the lower one
constexpr float kLadderStep = 1.6f;       // between the two levels
constexpr float kTotalsWidth = 17.0f;
constexpr float kTotalsGap = 1.5f;  // between the ladder's end and the totals beside it
constexpr float kPadding = 0.3f;  // inside a box, around its lines
// About how many characters of the map's font a line holds in a process box and in a queue's slot.
constexpr std::size_t kBoxChars = 10, kQueueChars = 8;

// Characters, not bytes: a UTF-8 continuation byte does not count.
std::size_t utf8_length(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string trimmed_fixed(double value) {
    std::string text = format_fixed(value, 1);
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
    return text;
}

std::string count_of(std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A text as lines of about `chars` characters, broken between words, at most `max_lines` (the last
// holds the rest): a name or a sentence stays readable at the map's size instead of being cut to
// its first few letters. The front end still shrinks or cuts a line too wide for its box.
std::vector<std::string> wrapped(const std::string& text, std::size_t chars, std::size_t max_lines) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && text[at] == ' ') ++at;
        if (at >= text.size()) break;
        if (lines.size() + 1 == max_lines) {
            lines.push_back(text.substr(at));
            break;
        }
        std::size_t end = at, fits = std::string::npos;
        while (end < text.size()) {
            const std::size_t space = text.find(' ', end);
            const std::size_t word_end = space == std::string::npos ? text.size() : space;
            if (fits != std::string::npos && utf8_length(text.substr(at, word_end - at)) > chars) break;
            fits = end = word_end;
            if (end < text.size()) ++end;
        }
        lines.push_back(text.substr(at, fits - at));
        at = fits;
    }
    return lines;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : ", ") + part;
    return text;
}

// The days of work a queue holds, in ladder units when the working day is known.
std::string queue_days_text(const QueueFigures& q, std::int64_t day_ms) {
    if (q.wait_ms && day_ms > 0) return format_ladder_time(*q.wait_ms, day_ms);
    if (q.days) return trimmed_fixed(*q.days) + (trimmed_fixed(*q.days) == "1" ? " day" : " days");
    return {};
}

// "12 / 8 — over limit", "8 / 8 — full", "7 / 8", "7", "not counted".
std::string queue_count_text(const QueueFigures& q) {
    if (!q.last_count) return "not counted";
    std::string text = std::to_string(*q.last_count);
    if (q.wip_limit) text += " / " + std::to_string(*q.wip_limit);
    if (q.over_limit) text += " — over limit";
    else if (q.wip_limit && *q.last_count == *q.wip_limit) text += " — full";
    return text;
}

std::string process_time_text(const StepFigures& s, std::int64_t day_ms) {
    return s.process_ms ? "C/T " + format_ladder_time(*s.process_ms, day_ms) : "C/T not timed";
}

std::vector<std::string> data_lines_of(const StepFigures& figures, const Step* step, std::int64_t day_ms) {
    std::vector<std::string> lines{process_time_text(figures, day_ms)};
    if (!step) return lines;
    if (step->changeover_ms) lines.push_back("C/O " + format_ladder_time(static_cast<double>(*step->changeover_ms), day_ms));
    if (step->uptime_pct) lines.push_back("Up " + trimmed_fixed(*step->uptime_pct) + " %");
    if (step->people) lines.push_back(count_of(*step->people, "person", "people"));
    if (step->shifts) lines.push_back(count_of(*step->shifts, "shift", "shifts"));
    if (step->batch_size) lines.push_back("Batch " + std::to_string(*step->batch_size));
    for (std::string& line : wrapped(step->what_happens, kBoxChars, 3)) lines.push_back(std::move(line));
    return lines;
}

MapQueue queue_marker(const QueueFigures& q, std::size_t index, float slot_x, float y, std::int64_t day_ms) {
    MapQueue marker;
    marker.queue = index;
    marker.step = q.step;
    marker.over_limit = q.over_limit;
    marker.triangle = {slot_x + 0.5f * (kQueueSlot - kTriangleWidth), y, kTriangleWidth, kTriangleHeight};
    marker.label_lines = wrapped(q.name, kQueueChars, 2);
    marker.label_lines.push_back(q.last_count ? std::to_string(*q.last_count) : "not counted");
    const std::string days = queue_days_text(q, day_ms);
    if (!days.empty()) marker.label_lines.push_back(days);
    if (q.over_limit) marker.label_lines.push_back("OVER");
    const float gap = 0.1f;
    marker.label = {slot_x + gap, y + kTriangleHeight, kQueueSlot - 2.0f * gap,
                    static_cast<float>(marker.label_lines.size()) * kMapLineEm};
    marker.detail = q.name + ": " + queue_count_text(q);
    if (!days.empty()) marker.detail += ", " + days + " of work";
    if (q.mean_count && q.counts_seen > 1)
        marker.detail += "\nmean of " + std::to_string(q.counts_seen) + " counts: " + trimmed_fixed(*q.mean_count);
    return marker;
}

}  // namespace

bool overlaps(const MapRect& a, const MapRect& b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

ValueStreamMapLayout layout_value_stream_map(const Plan& plan, const ValueStreamFigures& figures) {
    const std::int64_t day_ms = plan.settings.takt_available_ms.value_or(0);
    ValueStreamMapLayout map;
    map.notices = figures.notices;

    // The customer, top right (placed once the flow's width is known).
    map.customer_lines.push_back("Customer");
    if (plan.settings.takt_demand_units && *plan.settings.takt_demand_units > 0)
        map.customer_lines.push_back(trimmed_fixed(*plan.settings.takt_demand_units) + " / day");
    if (figures.takt_ms) map.customer_lines.push_back("Takt " + format_ladder_time(*figures.takt_ms, day_ms));
    const float customer_height = static_cast<float>(map.customer_lines.size()) * kMapLineEm + 2.0f * kPadding;

    // The flow: per step its queue slot, then its box.
    const float flow_y = kMargin + customer_height + kArrowRoom;
    std::size_t data_line_count = 1;
    std::vector<std::vector<std::string>> data_lines;
    for (const StepFigures& s : figures.steps) {
        data_lines.push_back(data_lines_of(s, plan.find_step(s.id), day_ms));
        data_line_count = std::max(data_line_count, data_lines.back().size());
    }
    const float data_height = static_cast<float>(data_line_count) * kMapLineEm + 2.0f * kPadding;
    // The name band holds the longest name's lines (two at most); then a line of who touches it.
    std::size_t name_line_count = 1;
    std::vector<std::vector<std::string>> name_lines;
    for (const StepFigures& s : figures.steps) {
        name_lines.push_back(wrapped(s.name, kBoxChars, 2));
        name_line_count = std::max(name_line_count, name_lines.back().size());
    }
    const float band_height = static_cast<float>(name_line_count) * kMapLineEm;
    const float box_height = band_height + kMapLineEm;
    float flow_bottom = flow_y + box_height + data_height;
    const float arrow_y = flow_y + 0.5f * kMapLineEm;
    std::vector<float> slot_x(figures.steps.size());
    float x = kMargin;
    for (std::size_t i = 0; i < figures.steps.size(); ++i) {
        const StepFigures& s = figures.steps[i];
        slot_x[i] = x;
        MapProcess process;
        process.step = i;
        process.box = {x + kQueueSlot, flow_y, kBoxWidth, box_height};
        process.data = {x + kQueueSlot, flow_y + box_height, kBoxWidth, data_height};
        process.name = s.name;
        process.name_lines = std::move(name_lines[i]);
        process.band_height = band_height;
        process.value_class = s.value_class;
        process.touched_by = joined(s.touched_by);
        process.data_lines = std::move(data_lines[i]);
        if (i > 0) map.push_arrows.push_back({map.processes.back().box.right(), arrow_y, process.box.x, arrow_y});
        map.processes.push_back(std::move(process));
        x += kQueueSlot + kBoxWidth;
    }

    // The queues, stacked in their step's slot below the push arrow.
    std::vector<float> slot_fill(figures.steps.size(), arrow_y + 0.6f);
    for (std::size_t i = 0; i < figures.queues.size(); ++i) {
        const QueueFigures& q = figures.queues[i];
        if (q.step >= figures.steps.size()) continue;
        MapQueue marker = queue_marker(q, i, slot_x[q.step], slot_fill[q.step], day_ms);
        slot_fill[q.step] = marker.label.bottom() + kQueueGap;
        flow_bottom = std::max(flow_bottom, marker.label.bottom());
        map.queues.push_back(std::move(marker));
    }
    std::stable_sort(map.queues.begin(), map.queues.end(), [](const MapQueue& a, const MapQueue& b) { return a.step < b.step; });

    const float flow_right = map.processes.empty() ? kMargin : map.processes.back().box.right();
    map.customer = {std::max(kMargin, flow_right - kCustomerWidth), kMargin, kCustomerWidth, customer_height};
    if (!map.processes.empty()) {
        const MapRect& last = map.processes.back().box;
        const float ship_x = std::min(last.x + 0.5f * last.w, map.customer.x + 0.5f * map.customer.w);
        map.ship_arrow = {ship_x, last.y, ship_x, map.customer.bottom()};
    }

    // The ladder: waits up, process times down.
    map.ladder_wait_y = flow_bottom + kLadderLabelRoom + 0.2f;
    map.ladder_process_y = map.ladder_wait_y + kLadderStep;
    for (std::size_t i = 0; i < figures.steps.size(); ++i) {
        const StepFigures& s = figures.steps[i];
        MapLadderStep rung;
        rung.wait_x0 = slot_x[i];
        rung.wait_x1 = slot_x[i] + kQueueSlot;
        rung.process_x0 = rung.wait_x1;
        rung.process_x1 = rung.wait_x1 + kBoxWidth;
        if (s.wait_ms) rung.wait_text = format_ladder_time(*s.wait_ms, day_ms);
        if (s.process_ms) rung.process_text = format_ladder_time(*s.process_ms, day_ms);
        rung.longest_wait = figures.longest_wait_step == i;
        map.ladder.push_back(std::move(rung));
    }

    // The totals, under the ladder's start.
    map.totals_lines.push_back("Lead time " + format_ladder_time(figures.lead_time_ms, day_ms));
    map.totals_lines.push_back("Value-added time " + format_ladder_time(figures.value_added_ms, day_ms));
    map.totals_lines.push_back("PCE " + (figures.pce ? format_small_percent(*figures.pce)
                                                     : std::string(kMissingMark)));
    if (figures.takt_ms) map.totals_lines.push_back("Takt " + format_ladder_time(*figures.takt_ms, day_ms));
    if (figures.longest_wait_step)
        map.totals_lines.push_back("Longest wait: before " + figures.steps[*figures.longest_wait_step].name);
    // One line however many: each over-limit queue says "OVER" under its own triangle.
    if (figures.over_limit_queues.size() == 1)
        map.totals_lines.push_back("Over WIP limit: " + figures.queues[figures.over_limit_queues.front()].name);
    else if (figures.over_limit_queues.size() > 1)
        map.totals_lines.push_back("Over WIP limit: " + std::to_string(figures.over_limit_queues.size()) + " queues");
    // At the ladder's right end, where a paper map has it, while the map stays as narrow as ten
    // steps (the width it is made to fit); under the ladder's start on a longer stream.
    const float totals_height = static_cast<float>(map.totals_lines.size()) * kMapLineEm + 2.0f * kPadding;
    const float ten_steps_width = 2.0f * kMargin + 10.0f * (kQueueSlot + kBoxWidth);
    if (flow_right + kTotalsGap + kTotalsWidth + kMargin <= ten_steps_width)
        map.totals = {flow_right + kTotalsGap, map.ladder_wait_y - kLadderLabelRoom, kTotalsWidth, totals_height};
    else
        map.totals = {kMargin, map.ladder_process_y + kLadderLabelRoom + 0.2f, kTotalsWidth, totals_height};

    map.width = std::max({flow_right, map.customer.right(), map.totals.right()}) + kMargin;
    map.height = std::max(map.totals.bottom(), map.ladder_process_y + kLadderLabelRoom) + kMargin;
    return map;
}

std::vector<BoardColumn> value_stream_board(const Plan& plan, const ValueStreamFigures& figures,
                                            const std::vector<StepId>& running_steps) {
    const std::int64_t day_ms = plan.settings.takt_available_ms.value_or(0);
    std::vector<BoardColumn> columns;
    for (std::size_t i = 0; i < figures.steps.size(); ++i) {
        for (std::size_t qi = 0; qi < figures.queues.size(); ++qi) {
            const QueueFigures& q = figures.queues[qi];
            if (q.step != i) continue;
            BoardColumn column;
            column.kind = BoardColumn::Kind::queue;
            column.index = qi;
            column.title = q.name;
            column.count_text = queue_count_text(q);
            column.days_text = queue_days_text(q, day_ms);
            column.over_limit = q.over_limit;
            columns.push_back(std::move(column));
        }
        const StepFigures& s = figures.steps[i];
        BoardColumn column;
        column.kind = BoardColumn::Kind::step;
        column.index = i;
        column.title = s.name;
        column.count_text = process_time_text(s, day_ms);
        column.value_class = s.value_class;
        column.touched_by = s.touched_by;
        column.running = std::find(running_steps.begin(), running_steps.end(), s.id) != running_steps.end();
        columns.push_back(std::move(column));
    }
    return columns;
}

}  // namespace gemba
