// Synthetic walks of any size for benchmarks and measurement scripts, recorded through the real
// Recorder (so every log is one a walk can produce) on a manual clock with seeded random times.
#pragma once

#include <cstddef>

#include "core/model/session.hpp"

namespace gemba::bench {

// A lap-timed walk of an eight-step assembly plan with `readings` readings; alongside, one instant
// waste tag every 10 readings, one timed waste every 200, a note every 500, an excluded reading
// every 250, and an undone tap every 1,000. Same size, same session: the random times are seeded.
Session make_large_session(std::size_t readings);

// A value stream of `steps` steps (each with who touches it and a full data box) and one queue
// before each, of `cycles` lap-timed cycles through the stream with every queue counted each
// cycle (50 to 450 against a WIP limit of 400, so some are over). Seeded, like make_large_session.
Session make_value_stream_session(std::size_t steps, std::size_t cycles);

}  // namespace gemba::bench
