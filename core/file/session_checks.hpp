// The checks a session passes before it is written and after it is read, beyond what the JSON of
// each value shows. Internal to core/file.
#pragma once

#include <optional>

#include "core/file/problem_text.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba::detail {

// Whether the plan's links into the log (a problem's evidence events) are checked: not for a plan
// read alone (a journal's plan record, a plan being edited), whose log is elsewhere.
enum class LogLinks { checked, unchecked };

// Rules across fields that no single value shows: a valid started_at, unique ids, links between
// the plan's parts, and the log itself (it replays under the rules of log_state.hpp) and the plan's
// links into it. The replayed log goes to `replayed`, if given.
std::optional<Problem> check_semantics(const Session& session, LogState* replayed = nullptr,
                                       LogLinks links = LogLinks::checked);

// check_semantics for a session whose log was replayed already, into `replayed` (a Recorder's state):
// the log is replayed again only if that state might no longer hold, when it is not the state of
// this log or the plan has lost a step, queue, subject, category or round the log names (what a
// replay looks up in the plan).
std::optional<Problem> check_semantics(const Session& session, const LogState& replayed);

// Values that JSON cannot carry faithfully: a writer would put NaN into the file, pass on bytes
// that are not UTF-8, and a NUL character would cut a text short when loaded again. Caught before
// writing, they are named by their place in the session rather than a line of a file to be. The
// events' values are also checked against their ranges.
std::optional<Problem> check_values(const Session& session);

}  // namespace gemba::detail
