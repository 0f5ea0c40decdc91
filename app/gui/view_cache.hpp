// What the screens keep between frames so that a frame's work does not grow with the session: each
// cache is keyed by WalkDocument::revision() (bumped by every change to the session), or by its
// log_revision() when only the event log matters, and rebuilt only when that moved on. Indices point into the Recorder's LogState, which a new Recorder rebuilds
// identically for the same revision; no cache holds pointers into it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/session.hpp"
#include "core/analysis/sampling_summary.hpp"
#include "core/analysis/summary.hpp"
#include "core/report/value_stream_map.hpp"

namespace gemba::gui {

// The session's summary (see current_summary in actions.hpp).
struct SummaryCache {
    std::optional<std::uint64_t> revision;
    std::int64_t computed_at_ms = 0;  // AppClock::now_ms() when computed
    SessionSummary summary;
    std::vector<EventId> outliers;  // every step's, sorted: the Review screen looks each row up
};

// A work sampling study's Summary and Review (ui_sampling_summary.cpp): the numbers from core,
// remade when the session changed or the study's clock entered another minute (what is open, missed
// or still to come depends on the time), never per frame.
struct SamplingSummaryCache {
    std::optional<std::uint64_t> revision;
    std::int64_t minute = 0;         // WalkDocument::sampling_now() ÷ 1 min when computed
    std::uint64_t computations = 0;  // how often it was made (a test checks frames do not remake it)
    SamplingSummary summary;         // its pointers are into the session of that revision
    std::vector<RoundState> rounds;
    std::vector<SharePoint> history;  // of the target category
};

// What the Review of a work sampling study lists: rounds with a subject, a category (0: any).
struct SamplingReviewFilter {
    SubjectId subject = kNoSubject;
    CategoryId category = kNoCategory;
};

// Facts the walk screen shows, from one pass over the readings and tags (see session_facts).
struct SessionFacts {
    std::optional<std::uint64_t> log_revision;
    // Per step: the duration of its valid reading that ended last.
    std::map<StepId, std::int64_t> last_reading_ms;
    // Per waste (kWastes order): the index in LogState::tags() of its running timed tag.
    std::array<std::optional<std::size_t>, kWastes.size()> running_timed_tag;
};

// The steps and queues some event names (sorted), which Setup will not let go (see steps_in_log).
struct StepsInLog {
    std::optional<std::uint64_t> log_revision;
    std::vector<StepId> steps;
    std::vector<QueueId> queues;
};

// The Problems view's evidence in words (core/report/evidence_text), for the problem on its page:
// a waste's evidence counts its tags, so the words are made once per change, not per frame.
struct EvidenceTexts {
    std::optional<std::uint64_t> revision;
    std::int64_t problem = 0;  // ProblemId
    std::vector<std::string> texts;  // one per piece of evidence, in the problem's order
};

// The Review screen's reading rows in display order, for one view and sort.
struct ReviewRows {
    std::optional<std::uint64_t> revision;
    StepId step = kNoStep;
    int sort_column = -1;  // -1: log order
    bool ascending = true;
    std::vector<std::size_t> rows;  // indices into LogState::readings()
};

// The Summary screen's timeline (core/report/charts.hpp's Timeline), in pixels from the left edge of its plot, merged so that drawing
// it costs at most a few shapes per pixel column however long the walk.
struct TimelineCache {
    struct Bar {
        float x0 = 0, x1 = 0;
        std::size_t reading = 0;  // index into LogState::readings()
    };
    struct Run {
        float x0 = 0, x1 = 0;
        bool excluded = false;
    };
    struct Mark {
        float x = 0;
        std::size_t tag = 0;  // index into LogState::tags()
    };
    struct Line {
        float x0 = 0, x1 = 0;
        Waste waste = Waste::defects;
    };
    struct Lane {
        std::string name;
        ValueClass value_class = ValueClass::value_added;
    };
    std::optional<std::uint64_t> revision;
    float plot_width = 0;
    std::int64_t observed_ms = 0, elapsed_ms = 0;  // the span and "now" it was laid out for
    std::vector<Lane> lanes;             // per step (plan order): the lane's name and colour
    std::vector<std::vector<Bar>> bars;  // per lane, sorted by x0: what the pointer is on
    std::vector<std::vector<Run>> runs;  // per lane: overlapping bars of the same kind as one
    std::vector<Mark> marks;             // waste tags: the latest one in each pixel column
    std::vector<Line> lines;             // timed wastes: overlapping ones of the same kind as one
    std::vector<float> pauses;           // where each pause sits (its time is left out of the axis)
};

// The Map screen's value stream map and kanban board (core/report/value_stream_map), laid out and
// worded once per revision; a frame only scales and draws them.
struct ValueStreamMapCache {
    std::optional<std::uint64_t> revision;
    std::string problem;  // why the figures could not be made, in words; empty: they were
    ValueStreamMapLayout map;
    std::vector<BoardColumn> board;
};

}  // namespace gemba::gui
