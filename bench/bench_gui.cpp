// GUI benchmarks: the CPU time of one ImGui frame of each screen on a 100 k-reading session, with no
// window and no GPU (Dear ImGui's example_null pattern, as tests/test_gui_headless.cpp). A frame is
// NewFrame, draw_frame and Render: the app's share of a frame, without the OpenGL backend.
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "bench/large_session.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;

constexpr std::size_t kReadings = 100'000;
// The first frames of a screen create its windows and tables and settle their sizes.
constexpr int kWarmUpFrames = 5;

const Session& large_session() {
    static const Session session = bench::make_large_session(kReadings);
    return session;
}

// One ImGui context for the whole run, with a built font atlas and a 1280×800 display.
void ensure_imgui() {
    if (ImGui::GetCurrentContext()) return;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    // As the OpenGL3 backend does: a window's draw list may pass 64 k vertices (16-bit indices).
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    build_fonts(1.0f);
    apply_theme(Theme::light, 1.0f);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
}

void frame(AppState& app) {
    ImGui::NewFrame();
    draw_frame(app);
    ImGui::Render();
}

// The stored session on `screen`; with `walk_running`, a step was started just now, so the walk
// clock runs and the screens show live numbers.
std::unique_ptr<AppState> app_on(Screen screen, bool walk_running, ReviewList list = ReviewList::readings) {
    auto app = std::make_unique<AppState>();
    app->doc.open(large_session(), std::filesystem::temp_directory_path() / "gemba-bench-gui" / "large.json");
    if (walk_running && !app->doc.tap(TapKind::control, [](Recorder& r) { return r.next_step(); }, "").done)
        throw std::logic_error("bench: cannot start a step");
    app->screen = screen;
    app->review.list = list;
    return app;
}

void BM_Frame(benchmark::State& state, Screen screen, bool walk_running, ReviewList list) {
    ensure_imgui();
    const auto app = app_on(screen, walk_running, list);
    for (int i = 0; i < kWarmUpFrames; ++i) frame(*app);
    for (auto _ : state) frame(*app);
    state.counters["events"] = static_cast<double>(app->doc.session().events.size());
}

// The Map screen (map or board) of a 50-step, 50-queue value stream; `fit`: the whole map in view
// (Fit), every box drawn, instead of the ten or so at the zoom it opens at.
void BM_MapFrame(benchmark::State& state, bool board, bool fit) {
    ensure_imgui();
    static const Session stream = bench::make_value_stream_session(50, 20);
    auto app = std::make_unique<AppState>();
    app->doc.open(stream, std::filesystem::temp_directory_path() / "gemba-bench-gui" / "stream.json");
    app->screen = Screen::map;
    app->map_view.board = board;
    app->map_view.fit_requested = fit;
    for (int i = 0; i < kWarmUpFrames; ++i) frame(*app);
    for (auto _ : state) frame(*app);
    state.counters["events"] = static_cast<double>(app->doc.session().events.size());
}

// The first frame after a change (a tap, an edit): the caches are rebuilt, the summary recomputed.
void BM_FrameAfterChange(benchmark::State& state, Screen screen, ReviewList list) {
    ensure_imgui();
    const auto app = app_on(screen, false, list);
    for (int i = 0; i < kWarmUpFrames; ++i) frame(*app);
    for (auto _ : state) {
        state.PauseTiming();  // the change itself (and its journal record) is not the frame's work
        app->doc.tap(TapKind::edit, [](Recorder& r) { return r.add_note("bench"); }, "");
        state.ResumeTiming();
        frame(*app);
    }
    state.counters["events"] = static_cast<double>(app->doc.session().events.size());
}

double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

}  // namespace

// Each benchmark's fastest repetition is reported as "_min" (the machine is shared and noisy).
#define GEMBA_BENCH_FRAME(name, ...)                                                \
    BENCHMARK_CAPTURE(BM_Frame, name, __VA_ARGS__)                                  \
        ->Unit(benchmark::kMillisecond)                                             \
        ->ComputeStatistics("min", min_of)

GEMBA_BENCH_FRAME(start, Screen::start, false, ReviewList::readings);
GEMBA_BENCH_FRAME(setup, Screen::setup, false, ReviewList::readings);
GEMBA_BENCH_FRAME(walk_stored, Screen::walk, false, ReviewList::readings);
GEMBA_BENCH_FRAME(walk_running, Screen::walk, true, ReviewList::readings);
GEMBA_BENCH_FRAME(review_readings, Screen::review, false, ReviewList::readings);
GEMBA_BENCH_FRAME(review_tags, Screen::review, false, ReviewList::tags);
GEMBA_BENCH_FRAME(review_notes, Screen::review, false, ReviewList::notes);
GEMBA_BENCH_FRAME(summary_stored, Screen::summary, false, ReviewList::readings);
GEMBA_BENCH_FRAME(summary_running, Screen::summary, true, ReviewList::readings);

BENCHMARK_CAPTURE(BM_MapFrame, map_50_steps, false, false)->Unit(benchmark::kMillisecond)->ComputeStatistics("min", min_of);
BENCHMARK_CAPTURE(BM_MapFrame, map_50_steps_fit, false, true)->Unit(benchmark::kMillisecond)->ComputeStatistics("min", min_of);
BENCHMARK_CAPTURE(BM_MapFrame, board_50_steps, true, false)->Unit(benchmark::kMillisecond)->ComputeStatistics("min", min_of);

#define GEMBA_BENCH_FRAME_AFTER_CHANGE(name, ...)                                   \
    BENCHMARK_CAPTURE(BM_FrameAfterChange, name, __VA_ARGS__)                       \
        ->Unit(benchmark::kMillisecond)                                             \
        ->ComputeStatistics("min", min_of)

GEMBA_BENCH_FRAME_AFTER_CHANGE(walk, Screen::walk, ReviewList::readings);
GEMBA_BENCH_FRAME_AFTER_CHANGE(review_readings, Screen::review, ReviewList::readings);
GEMBA_BENCH_FRAME_AFTER_CHANGE(summary, Screen::summary, ReviewList::readings);
GEMBA_BENCH_FRAME_AFTER_CHANGE(map, Screen::map, ReviewList::readings);

BENCHMARK_MAIN();
