// The Pooled view's work, with no ImGui so tests can drive it: which sessions to offer, adding and
// removing them, loading them and pooling them with the open walk (core/analysis/pool.hpp for time
// studies, pool_sampling.hpp for work sampling studies), and the agreement in words. ui_pool.cpp only shows what these leave in AppState::pool.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/app_state.hpp"

namespace gemba::gui {

// The sessions folder's session files and the recent files, the open walk's own file and those
// already added left out: those of the open walk's kind of study with steps (categories) of the same
// names first, then the rest, each group newest first. Reads every file: called when the view is
// first shown and on Refresh, never per frame.
std::vector<PoolCandidate> list_pool_candidates(const AppState& app);

// Adds a saved session to the pool (loaded by the next refresh_pool). False, and nothing added, when
// it is empty, already added or the open walk's own file.
bool add_to_pool(AppState& app, const std::string& file);
void remove_from_pool(AppState& app, std::size_t member);

// Loads the files that changed and pools the open walk with every member that loaded, when any
// input changed since the last time (the files and their times, the open walk's revision, the κ
// window and pair). True when it computed. Files are only read.
bool refresh_pool(AppState& app);

// What the open walk is called among the pooled files: its file's name, or "the open walk" unsaved.
std::string open_walk_file_label(const AppState& app);

// κ's strength in Landis and Koch's words: "less than chance" below 0, "slight" to 0.20, "fair" to
// 0.40, "moderate" to 0.60, "substantial" to 0.80, "almost perfect" above (κ as shown, to 2 decimals).
std::string kappa_strength(double kappa);
// A window as people say it: "5 s", "2.5 s".
std::string window_text(std::int64_t window_ms);
// κ in one line, its window always stated: "κ = 0.21 (fair) with tags paired within 5 s; 5 events,
// 2 agree", or why it cannot be computed.
std::string kappa_sentence(const PoolAgreement& agreement);
// κ of two sampling sessions in one line: "κ = 0.40 (fair) with observations paired by round and
// subject; 50 pairs, 35 agree", or why it is not there.
std::string sampling_kappa_sentence(const SamplingAgreement& agreement);

}  // namespace gemba::gui
